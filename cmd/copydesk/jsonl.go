package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/dedupe/seen"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/jsonl"
	"github.com/copydesk/copydesk/pipeline/registry"
	"github.com/copydesk/copydesk/pipeline/report"
)

// jsonlFlags are the flags of clean --jsonl.
func jsonlFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.BoolFlag{Name: "jsonl", Usage: "read JSON Lines records and clean one string field of each, keeping every other byte"},
		&cli.StringFlag{Name: "field", Value: jsonl.DefaultField, Usage: "with --jsonl: the top-level string `FIELD` to clean"},
		&cli.BoolFlag{Name: "annotate", Usage: `with --jsonl: add {"changed":…,"findings":{RULE:N},"bytes_removed":N} to each record under "copydesk"`},
		&cli.StringFlag{Name: "max-malformed", Value: jsonl.DefaultMalformedLimit.String(), Usage: "with --jsonl: fail (exit 2, the output still complete) when more than `N` lines, or N% of the non-blank lines, are malformed"},
		&cli.StringFlag{Name: "reject", Usage: "with --jsonl: write malformed lines to `FILE` with the reason, instead of passing them through", TakesFile: true},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "work on `N` documents or records at once (0: one per CPU); output is always in input order"},
		&cli.StringFlag{Name: "stats", Usage: "write the summary as JSON to `FILE` (and one on standard error)", TakesFile: true},
		&cli.BoolFlag{Name: "corpus", Usage: "report paragraphs repeated across documents (records, or files of a batch) and documents that copy earlier ones (implied by --dedupe corpus, --drop-duplicate-docs and --index)"},
		&cli.BoolFlag{Name: "drop-duplicate-docs", Usage: "leave out documents that copy or nearly copy an earlier one"},
		&cli.Float64Flag{Name: "near-docs", Value: corpus.DefaultNearThreshold, Usage: "with --corpus: word 5-gram similarity (`THRESHOLD`, 0–1) from which a record nearly copies another; 0 turns near copies off"},
		&cli.IntFlag{Name: "min-words", Value: corpus.DefaultMinWords, Usage: "with --corpus: the fewest words (`N`) a paragraph needs to count as repeated"},
		&cli.StringFlag{Name: "index", Usage: "with --corpus: keep the fingerprints of every run in the seen-index `PATH`, so that later runs know this run's paragraphs", TakesFile: true},
		&cli.BoolFlag{Name: "repair-index", Usage: "with --index: open a damaged seen-index by keeping every good frame and dropping the rest (said on standard error)"},
		&cli.IntFlag{Name: "boilerplate", Value: 10, Usage: "with --corpus: list the `N` most repeated paragraphs in the summary"},
		&cli.StringFlag{Name: "doc-id", Usage: "with --corpus: the top-level member (`FIELD`) that names a record in findings (default: NAME:LINE)"},
	}, clusterFlags()...)
}

// A jsonlRun is one run of clean --jsonl: its options, outputs and
// corpus.
type jsonlRun struct {
	e            *env
	o            *options
	cf           *corpusFlags
	jopts        jsonl.Options
	out          io.Writer
	outFile      *atomicFile
	zout         io.WriteCloser // the compressor, for an output named .gz or .zst
	outPath      string
	maxMalformed jsonl.MalformedLimit
	rejectFile   *atomicFile
	corp         *corpus.Corpus
	index        seen.Index
	prog         *progress
	stopProgress func()
	total        jsonl.Summary
	popts        registry.Options // the options of the records
	sig          *sigRun          // --emit-signatures
}

// cleanJSONL is clean --jsonl: every input's records to the output, in
// order, and a summary on standard error.
func (e *env) cleanJSONL(c *cli.Context, o *options, output string) error {
	for _, f := range []string{"write", "list", "diff", "report"} {
		if c.IsSet(f) {
			return usagef("clean: --jsonl cannot be used with --%s", f)
		}
	}
	if o.jobs < 0 {
		return usagef("clean: -j %d: want 0 or more", o.jobs)
	}
	args := inputArgs(c)
	if err := misplacedFlag(o.cmd, args); err != nil {
		return err
	}
	args, err := jsonlInputs(args) // a directory or glob of shards, in name order
	if err != nil {
		return err
	}
	j := &jsonlRun{e: e, o: o, cf: readCorpusFlags(c), out: e.stdout}
	defer j.abort()
	if err := j.setup(c); err != nil {
		return err
	}
	if err := j.open(c, output); err != nil {
		return err
	}
	j.startProgress(args)
	for _, arg := range args {
		if err := j.clean(arg); err != nil {
			return err
		}
	}
	return j.finish()
}

// setup reads the options of the records: annotations, the configuration
// (only when --config names one: records have no file of their own), the
// field and the size limit.
func (j *jsonlRun) setup(c *cli.Context) error {
	e, o := j.e, j.o
	annotate := c.Bool("annotate")
	// Annotations count findings by rule; without them only the cleaned
	// text is kept, so rules that never fix need not run.
	o.pipeline.FixesOnly = !annotate
	if !o.configSet {
		o.noConfig = true
	}
	checker, err := e.checker(o)
	if err != nil {
		return err
	}
	cfg, err := checker.Config("")
	if err != nil {
		return err
	}
	opts := checker.Options(cfg)
	j.popts = opts
	o.pipeline.Dedupe.Mode = opts.Dedupe.Mode // --dedupe corpus, or the file's mode
	j.jopts = jsonl.Options{
		Field:       c.String("field"),
		NewPipeline: func() *pipeline.Pipeline { return e.newPipeline(opts) },
		Workers:     o.jobs,
		Annotate:    annotate,
	}
	j.jopts.Checker = checker
	if lim := e.limit(); lim < math.MaxInt32 {
		j.jopts.MaxText = int(lim) // a record's text, like a document, is refused over --max-size
	}
	if j.jopts.Field == "" {
		return usagef("clean: --field is empty")
	}
	if annotate && j.jopts.Field == jsonl.DefaultAnnotateKey {
		return usagef("clean: --annotate adds the field %q: choose another --field", jsonl.DefaultAnnotateKey)
	}
	if j.maxMalformed, err = jsonl.ParseMalformedLimit(c.String("max-malformed")); err != nil {
		return usagef("clean: --max-malformed: %v", err)
	}
	return nil
}

// open creates the output and reject files and the corpus.
func (j *jsonlRun) open(c *cli.Context, output string) error {
	e := j.e
	var err error
	if path := output; path != "" && !isStdout(path) && path != "-" {
		if j.outFile, err = e.createAtomic(path); err != nil {
			return err
		}
		j.out, j.outPath = j.outFile, path
		if comp := jsonl.CompressionFor(path); comp != jsonl.Plain {
			if j.zout, err = jsonl.NewWriter(j.outFile, comp); err != nil {
				return fmt.Errorf("writing %s: %w", path, err)
			}
			j.out = j.zout
		}
	}
	if path := c.String("reject"); path != "" {
		if j.rejectFile, err = e.createAtomic(path); err != nil {
			return err
		}
		j.jopts.Reject = j.rejectFile
	}
	co, err := j.cf.options(j.o.pipeline.Dedupe.Mode)
	if err != nil {
		return err
	}
	if err := j.openSignatures(c, co); err != nil || co == nil {
		return err
	}
	if j.cf.index != "" {
		if j.index, err = e.openIndex(j.cf.index, j.cf.repairIndex); err != nil {
			return err
		}
		co.Index = j.index
	}
	j.corp = corpus.New(*co)
	j.jopts.Corpus = j.corp
	j.jopts.IDField = j.cf.docID
	return nil
}

// clean cleans the records of one input.
func (j *jsonlRun) clean(arg string) error {
	e := j.e
	var r io.Reader = e.stdin
	j.jopts.Name = j.o.stdinName
	if arg != "-" {
		f, err := os.Open(arg)
		if err != nil {
			e.errorf("reading %s: %v", arg, err)
			e.fail(exitFailure)
			return nil
		}
		defer f.Close()
		r, j.jopts.Name = f, arg
	}
	// Compressed input is read by its magic number; other binary input
	// is refused, never copied through as malformed lines.
	rc, _, err := jsonl.OpenInput(r)
	if err != nil {
		e.errorf("reading %s: %v", j.jopts.Name, err)
		e.fail(exitFailure)
		return nil
	}
	defer rc.Close()
	r = rc
	if j.prog != nil {
		r = j.prog.reader(r)
	}
	s, err := jsonl.CleanJSONL(context.Background(), r, j.out, j.jopts)
	j.total.Add(s)
	j.sig.advance(s)
	if err == nil && j.index != nil {
		err = j.index.Commit()
	}
	if err != nil && j.outFile == nil && isBrokenPipe(err) {
		return errBrokenPipe
	}
	return err
}

// finish puts the output in place, closes the index and writes the
// summary.
func (j *jsonlRun) finish() error {
	e := j.e
	if j.zout != nil {
		if err := j.zout.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", j.outPath, err)
		}
	}
	if j.outFile != nil {
		if err := j.outFile.Commit(); err != nil {
			return err
		}
	}
	if err := j.sig.commit(); err != nil {
		return err
	}
	if j.index != nil {
		err := j.index.Close()
		j.index = nil
		if err != nil {
			return err
		}
	}
	if j.corp != nil && j.total.Corpus != nil {
		j.total.Corpus.Boilerplate = j.corp.Boilerplate(j.cf.boilerplate)
	}
	if j.rejectFile != nil {
		if err := j.rejectFile.Commit(); err != nil {
			return err
		}
	}
	if path := j.o.stats; path != "" {
		b, err := json.MarshalIndent(j.total, "", "  ")
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		if err := e.writeFile(path, string(b)+"\n"); err != nil {
			return err
		}
	}
	if j.prog != nil {
		j.prog.finish()
	}
	for _, line := range strings.Split(j.total.String(), "\n") {
		fmt.Fprintf(e.stderr, "copydesk: %s\n", report.SafeName(line))
	}
	if t := j.total; j.maxMalformed.Exceeded(t) {
		e.errorf("%d of %d non-blank lines are malformed, more than --max-malformed %s allows: is this JSON Lines?",
			t.Malformed, t.Lines-t.Blank, j.maxMalformed)
		e.fail(exitFailure)
	}
	return nil
}

// abort removes what a failed run left: the temporary files, the open
// index, the progress line.
func (j *jsonlRun) abort() {
	for _, a := range []*atomicFile{j.outFile, j.rejectFile} {
		if a != nil {
			a.Abort()
		}
	}
	if j.index != nil {
		j.index.Close()
	}
	j.sig.abort()
	if j.stopProgress != nil {
		j.stopProgress()
	}
}
