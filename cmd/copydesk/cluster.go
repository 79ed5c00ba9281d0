package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/cespare/xxhash/v2"
	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/jsonl"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// clusterFlags are clean --jsonl's flags of the first pass of a corpus
// run over shards (see corpusCommand).
func clusterFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "emit-signatures", Usage: "with --jsonl and a corpus: do not judge the records here; write their signatures to `FILE` for corpus decide (the first pass of a run over shards)", TakesFile: true},
		&cli.StringFlag{Name: "shard", Value: "0", Usage: "with --emit-signatures: this input's shard number `N` (from 0), or N/K of K shards"},
	}
}

// A sigRun writes the signatures of a first pass (clean --jsonl
// --emit-signatures) and checksums its output.
type sigRun struct {
	path   string
	file   *atomicFile
	w      *corpus.SignatureWriter
	hash   *xxhash.Digest
	base   int64 // output lines of the inputs before the current one
	output string
	nl     int64 // line feeds written
	last   byte  // the last byte written
	wrote  bool  // whether any was
	joins  bool  // the next input's first line joins the last one
}

// Write checksums and counts the output's bytes.
func (s *sigRun) Write(p []byte) (int, error) {
	s.hash.Write(p)
	s.nl += int64(bytes.Count(p, []byte{'\n'}))
	if len(p) > 0 {
		s.last, s.wrote = p[len(p)-1], true
	}
	return len(p), nil
}

// corpusRuleSettings records the corpus rules' settings that change an
// output (off, report-only), for the second pass.
func corpusRuleSettings(opts registry.Options) string {
	var out []string
	for _, r := range corpus.Rules() {
		switch {
		case slices.Contains(opts.Disabled, r.ID):
			out = append(out, r.ID+"=off")
		case slices.Contains(opts.ReportOnly, r.ID):
			out = append(out, r.ID+"=report")
		}
	}
	return strings.Join(out, ",")
}

// parseShard reads --shard: N or N/K.
func parseShard(s string) (n, k int, err error) {
	a, b, hasK := strings.Cut(s, "/")
	n, err = strconv.Atoi(a)
	if err == nil && hasK {
		k, err = strconv.Atoi(b)
		if err == nil && (k < 1 || n >= k) {
			err = fmt.Errorf("want N below K")
		}
	}
	if err == nil && n < 0 {
		err = fmt.Errorf("want 0 or more")
	}
	if err != nil {
		return 0, 0, usagef("clean: --shard %q: want N or N/K (N from 0): %v", s, err)
	}
	return n, k, nil
}

// openSignatures starts the signature file of --emit-signatures: the
// records are then analyzed, not judged.
func (j *jsonlRun) openSignatures(c *cli.Context, co *corpus.Options) error {
	path := c.String("emit-signatures")
	if path == "" {
		if c.IsSet("shard") {
			return usagef("clean: --shard needs --emit-signatures")
		}
		return nil
	}
	switch {
	case co == nil:
		return usagef("clean: --emit-signatures needs a corpus (--dedupe corpus, --corpus or --drop-duplicate-docs)")
	case j.cf.index != "":
		return usagef("clean: --emit-signatures cannot be used with --index: give the seen-index to corpus decide")
	case j.jopts.Annotate:
		return usagef("clean: --emit-signatures cannot be used with --annotate")
	case j.o.formatSet && !strings.EqualFold(j.o.formatIn, "text") && !strings.EqualFold(j.o.formatIn, "auto"):
		return usagef("clean: --emit-signatures reads records as text: --format-in %s is not supported", j.o.formatIn)
	}
	n, k, err := parseShard(c.String("shard"))
	if err != nil {
		return err
	}
	p := co.Params()
	p.Extra = map[string]string{"field": j.jopts.Field, "doc_id": j.cf.docID, "rules": corpusRuleSettings(j.popts)}
	s := &sigRun{path: path, hash: xxhash.New()}
	if j.outPath != "" {
		s.output = filepath.Base(j.outPath)
	}
	if s.file, err = j.e.createAtomic(path); err != nil {
		return err
	}
	if s.w, err = corpus.NewSignatureWriter(s.file, corpus.ShardHeader{Shard: n, Shards: k, Params: p}); err != nil {
		s.file.Abort()
		return fmt.Errorf("%s: %w", path, err)
	}
	j.sig = s
	j.out = io.MultiWriter(j.out, s) // the output before compression
	j.jopts.Decide = func(r jsonl.Record) (*corpus.Decision, error) {
		if r.OutLine == 0 && s.joins {
			return nil, fmt.Errorf("%s: its first record joins the last line of the input before, which has no line feed", j.jopts.Name)
		}
		err := s.w.Write(corpus.Signature{Line: s.base + r.OutLine, Name: r.Name, Changed: r.Changed, Doc: r.Doc})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return nil, nil
	}
	return nil
}

// advance counts an input's output lines, once it is cleaned: the
// line feeds, so that an input whose last line has none continues that
// line in the next input's first, as the output does.
func (s *sigRun) advance(jsonl.Summary) {
	if s != nil {
		s.base = s.nl
		s.joins = s.wrote && s.last != '\n'
	}
}

// commit writes the end line and puts the signature file in place
// (after the output, so that signatures always have their output).
func (s *sigRun) commit() error {
	if s == nil {
		return nil
	}
	lines := s.nl
	if s.wrote && s.last != '\n' {
		lines++ // a last line without a line feed
	}
	end := corpus.ShardEnd{Lines: lines, Output: s.output, XXH64: fmt.Sprintf("%016x", s.hash.Sum64())}
	if err := s.w.Close(end); err != nil {
		return fmt.Errorf("%s: %w", s.path, err)
	}
	err := s.file.Commit()
	s.file = nil
	return err
}

// abort removes an unfinished signature file.
func (s *sigRun) abort() {
	if s != nil && s.file != nil {
		s.file.Abort()
	}
}

// corpusCommand is "copydesk corpus": the corpus steps of a run over
// shards, between clean --emit-signatures and the final output.
func (e *env) corpusCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "corpus",
		Usage:     "decide and apply corpus duplicates over shards (a run on a cluster)",
		UsageText: "copydesk corpus decide [flags] SIGNATURES...\ncopydesk corpus apply --decisions FILE [flags] CLEANED",
		Description: `A corpus run over shards, in three steps that any engine can schedule:

   # per shard N, in any order, at once: clean and write signatures
   copydesk clean --jsonl --dedupe corpus --drop-duplicate-docs --doc-id id \
       --emit-signatures sigs/part-N.jsonl --shard N -o cleaned/part-N.jsonl part-N.jsonl
   # one task: decide over every shard's signatures
   copydesk corpus decide -o decisions.jsonl sigs/*.jsonl
   # per shard N: apply the decisions
   copydesk corpus apply --decisions decisions.jsonl -o out/part-N.jsonl cleaned/part-N.jsonl

The outputs in shard order are the output of one clean over the inputs in
shard order, byte for byte.`,
		Subcommands: []*cli.Command{e.decideCommand(), e.applyCommand()},
	})
}

func (e *env) decideCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "decide",
		Usage:     "judge every shard's records from their signatures, in shard order, and write the decisions",
		ArgsUsage: "SIGNATURES...",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the decisions to `FILE`", TakesFile: true, Required: true},
			&cli.BoolFlag{Name: "drop-duplicate-docs", Usage: "must agree with the signatures (they say it already)"},
			&cli.Float64Flag{Name: "near-docs", Usage: "must agree with the signatures: word 5-gram similarity `THRESHOLD` (0: off)"},
			&cli.IntFlag{Name: "min-words", Usage: "must agree with the signatures: the fewest words (`N`) of a repeated paragraph"},
			&cli.StringFlag{Name: "index", Usage: "judge against, and add to, the seen-index `PATH`", TakesFile: true},
			&cli.BoolFlag{Name: "repair-index", Usage: "with --index: keep every good frame of a damaged seen-index"},
			&cli.StringFlag{Name: "stats", Usage: "write the counts as JSON to `FILE`", TakesFile: true},
			&cli.IntFlag{Name: "sharded", Usage: "approximate, for corpora too large for one machine: judge each key (document, MinHash band, paragraph) against the first document that has it, in `R` partitions of the keys, one in memory at a time"},
		},
		Action: e.decide,
	})
}

// globArgs expands each argument that is a glob (for a shell that did
// not), in name order.
func globArgs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if !strings.ContainsAny(a, "*?[") {
			out = append(out, a)
			continue
		}
		m, err := filepath.Glob(a)
		if err != nil || len(m) == 0 {
			return nil, usagef("%s: no file matches", a)
		}
		out = append(out, m...)
	}
	return out, nil
}

func (e *env) decide(c *cli.Context) error {
	args, err := globArgs(c.Args().Slice())
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return usagef("corpus decide: no signature files")
	}
	files := make([]corpus.SignatureFile, len(args))
	for i, a := range args {
		files[i] = corpus.SignatureFile{Name: a, Open: func() (io.ReadCloser, error) { return os.Open(a) }}
	}
	// The options are the signatures'; those given here must agree.
	f, err := os.Open(args[0])
	if err != nil {
		return fmt.Errorf("reading %s: %w", args[0], err)
	}
	sr, err := corpus.NewSignatureReader(f, args[0])
	f.Close()
	if err != nil {
		return err
	}
	p := sr.Header().Params
	opts := p.Options()
	if c.IsSet("drop-duplicate-docs") && c.Bool("drop-duplicate-docs") != p.DropDuplicateDocs {
		return fmt.Errorf("%s: made with drop_duplicate_docs %v, but --drop-duplicate-docs is %v", args[0], p.DropDuplicateDocs, c.Bool("drop-duplicate-docs"))
	}
	if c.IsSet("near-docs") {
		t := c.Float64("near-docs")
		if t == 0 {
			t = -1
		}
		if t != p.NearThreshold {
			return fmt.Errorf("%s: made with near_threshold %v, but --near-docs is %v", args[0], p.NearThreshold, c.Float64("near-docs"))
		}
	}
	if c.IsSet("min-words") && c.Int("min-words") != p.MinWords {
		return fmt.Errorf("%s: made with min_words %d, but --min-words is %d", args[0], p.MinWords, c.Int("min-words"))
	}
	sharded := c.Int("sharded")
	if sharded < 0 || sharded > 0 && c.IsSet("index") {
		return usagef("corpus decide: --sharded %d: want 1 or more, without --index", sharded)
	}
	if path := c.String("index"); path != "" {
		idx, err := e.openIndex(path, c.Bool("repair-index"))
		if err != nil {
			return err
		}
		defer func() {
			if idx != nil {
				idx.Close()
			}
		}()
		opts.Index = idx
	}
	out, err := e.createAtomic(c.String("output"))
	if err != nil {
		return err
	}
	defer out.Abort()
	var st corpus.Stats
	if sharded > 0 {
		st, err = corpus.DecideSharded(opts, files, p.Extra, sharded, out)
	} else {
		st, err = corpus.Decide(corpus.New(opts), files, p.Extra, out)
	}
	if err != nil {
		return err
	}
	if opts.Index != nil {
		// The decisions first: an index that knows this run's paragraphs
		// without its decisions would make a re-run judge them repeats.
		if err := out.Commit(); err != nil {
			return err
		}
		if err := opts.Index.Commit(); err != nil {
			return err
		}
		err := opts.Index.Close()
		opts.Index = nil
		if err != nil {
			return err
		}
	} else if err := out.Commit(); err != nil {
		return err
	}
	if path := c.String("stats"); path != "" {
		b, _ := json.MarshalIndent(st, "", "  ")
		if err := e.writeFile(path, string(b)+"\n"); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stderr, "copydesk: %d records in %d shards: %d copies, %d near copies, %d dropped; %d repeated paragraphs, %d removed\n",
		st.Docs, len(files), st.ExactDocs, st.NearDocs, st.DroppedDocs, st.RepeatedParagraphs, st.RemovedParagraphs)
	return nil
}

func (e *env) applyCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "apply",
		Usage:     "apply the decisions to one shard's cleaned records",
		ArgsUsage: "CLEANED",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "decisions", Usage: "the decisions of corpus decide, `FILE`", TakesFile: true, Required: true},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the records to `FILE` (.gz, .zst: compressed)", TakesFile: true, Required: true},
			&cli.IntFlag{Name: "shard", Value: -1, Usage: "the shard `N` CLEANED is (default: found by its checksum)"},
			&cli.StringFlag{Name: "stats", Usage: "write the summary as JSON to `FILE`", TakesFile: true},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "work on `N` records at once (0: one per CPU)"},
		},
		Action: e.apply,
	})
}

// checksum returns the number of lines of a file (uncompressed) and
// its xxhash64 in hex.
func checksum(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	rc, _, err := jsonl.OpenInput(f)
	if err != nil {
		return 0, "", err
	}
	defer rc.Close()
	h := xxhash.New()
	br := bufio.NewReaderSize(rc, 256<<10)
	var lines int64
	last := byte('\n')
	buf := make([]byte, 256<<10)
	for {
		n, err := br.Read(buf)
		h.Write(buf[:n])
		for _, c := range buf[:n] {
			if c == '\n' {
				lines++
			}
		}
		if n > 0 {
			last = buf[n-1]
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, "", err
		}
	}
	if last != '\n' {
		lines++
	}
	return lines, fmt.Sprintf("%016x", h.Sum64()), nil
}

func (e *env) apply(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("corpus apply: want one CLEANED file (the output of one shard's clean --emit-signatures)")
	}
	in, dpath, output := c.Args().First(), c.String("decisions"), c.String("output")
	f, err := os.Open(dpath)
	if err != nil {
		return fmt.Errorf("reading %s: %w", dpath, err)
	}
	ds, err := corpus.ReadDecisions(bufio.NewReaderSize(f, 256<<10), dpath)
	f.Close()
	if err != nil {
		return err
	}
	display := in // the input as messages name it
	if in == "-" {
		// Standard input is read twice (its checksum, then its records):
		// it is kept in a temporary file.
		tmp, err := os.CreateTemp("", "copydesk-apply-*.jsonl")
		if err != nil {
			return fmt.Errorf("reading standard input: %w", err)
		}
		defer os.Remove(tmp.Name())
		_, err = io.Copy(tmp, e.stdin)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("reading standard input: %w", err)
		}
		in, display = tmp.Name(), "standard input"
	}
	lines, sum, err := checksum(in)
	if err != nil {
		return fmt.Errorf("reading %s: %w", display, err)
	}
	// Which shard the input is: by its checksum, and the shard or the
	// output's name when shards have the same bytes.
	match := ds.Match(lines, sum)
	shard := c.Int("shard")
	if shard >= 0 {
		info, ok := ds.Shard(shard)
		if !ok {
			return fmt.Errorf("%s: no shard %d", dpath, shard)
		}
		if info.Lines != lines || info.XXH64 != sum {
			return fmt.Errorf("%s: not the first-pass output of shard %d (%d lines, checksum %s; %s has %d lines, checksum %s)", display, shard, info.Lines, info.XXH64, display, lines, sum)
		}
	} else {
		if len(match) > 1 {
			var named []corpus.ShardInfo
			for _, m := range match {
				if m.Output != "" && m.Output == filepath.Base(in) {
					named = append(named, m)
				}
			}
			match = named
		}
		switch len(match) {
		case 0:
			return fmt.Errorf("%s: not the first-pass output of any shard %s decides about (%d lines, checksum %s): a wrong shard, or changed since", display, dpath, lines, sum)
		case 1:
			shard = match[0].Shard
		default:
			return fmt.Errorf("%s: the output of several shards: give --shard", display)
		}
	}
	p := ds.Header.Params
	idField := p.Extra["doc_id"]
	field := p.Extra["field"]
	if field == "" {
		field = jsonl.DefaultField
	}
	// Records are applied as clean applied them, with no stage run:
	// their text is clean already.
	newPipeline := func(registry.Options) *pipeline.Pipeline {
		q := pipeline.New()
		for _, s := range strings.Split(p.Extra["rules"], ",") {
			id, how, _ := strings.Cut(s, "=")
			switch how {
			case "off":
				q.Disable(id)
			case "report":
				q.ReportOnly(id)
			}
		}
		return q
	}
	checker := document.New(document.Options{Format: document.Text, FixesOnly: true, NewPipeline: newPipeline})
	removes := p.Remove && !strings.Contains(p.Extra["rules"], corpus.RuleParagraph+"=")
	var used, already int64
	cs := &jsonl.CorpusSummary{}
	jopts := jsonl.Options{
		Field: field, IDField: idField, Name: display, Workers: c.Int("jobs"),
		Checker: checker, NewPipeline: func() *pipeline.Pipeline { return newPipeline(registry.Options{}) },
		Corpus: corpus.New(p.Options()),
		Decide: func(r jsonl.Record) (*corpus.Decision, error) {
			d := ds.Lookup(shard, r.Line)
			if d == nil {
				return nil, nil
			}
			name := r.Name
			if idField == "" {
				name = d.Doc // records without ids are named by the first pass's input and line
			}
			if err := d.ApplyTo(name, r.Doc, p.Remove); err != nil {
				return nil, fmt.Errorf("%s: %w: decisions for another shard?", display, err)
			}
			used++
			switch {
			case d.CopyOf != "":
				cs.ExactDocs++
			case d.NearOf != "":
				cs.NearDocs++
			}
			if !d.Drop {
				cs.RepeatedParagraphs += int64(len(d.Repeats))
				if p.Remove {
					cs.RemovedParagraphs += int64(len(d.Repeats))
				}
				if d.Changed && removes && len(d.Repeats) > 0 {
					already++
				}
			}
			return d.Decision, nil
		},
	}
	var out *atomicFile
	var w io.Writer = e.stdout
	if output != "-" && !isStdout(output) {
		if out, err = e.createAtomic(output); err != nil {
			return err
		}
		defer out.Abort()
		w = out
	}
	var zw io.WriteCloser
	if comp := jsonl.CompressionFor(output); comp != jsonl.Plain {
		if zw, err = jsonl.NewWriter(w, comp); err != nil {
			return fmt.Errorf("writing %s: %w", output, err)
		}
		w = zw
	}
	rf, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("reading %s: %w", display, err)
	}
	defer rf.Close()
	rc, _, err := jsonl.OpenInput(rf)
	if err != nil {
		return fmt.Errorf("reading %s: %w", display, err)
	}
	defer rc.Close()
	s, err := jsonl.CleanJSONL(context.Background(), rc, w, jopts)
	if err != nil {
		return outputError(err)
	}
	if n := int64(ds.Count(shard)); used != n {
		return fmt.Errorf("%s: %d of the %d decisions about shard %d apply to no record: decisions for another shard?", display, n-used, n, shard)
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", output, err)
		}
	}
	if out != nil {
		if err := out.Commit(); err != nil {
			return err
		}
	}
	// The counts are what this pass added to the first pass's: records
	// it changed that clean had left alone, its findings and drops.
	s.Changed -= already
	s.Corpus = cs
	if path := c.String("stats"); path != "" {
		b, err := json.MarshalIndent(s, "", "  ")
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		if err := e.writeFile(path, string(b)+"\n"); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stderr, "copydesk: %s is shard %d: %d decisions applied, %d records dropped\n", display, shard, used, s.DroppedDocs)
	return nil
}
