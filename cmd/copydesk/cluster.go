package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/cespare/xxhash/v2"
	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/dedupe/corpus"
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
