package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/dedupe/seen"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/jsonl"
	"github.com/copydesk/copydesk/pipeline/report"
)

// jsonlFlags are the flags of clean --jsonl.
func jsonlFlags() []cli.Flag {
	return []cli.Flag{
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
	}
}

// corpusOptions reads the corpus flags; nil options mean no corpus.
func (e *env) corpusOptions(c *cli.Context, opts pipeline.Options) (*corpus.Options, error) {
	remove := opts.Dedupe.Mode == dedupe.Corpus
	if c.Bool("repair-index") && c.String("index") == "" {
		return nil, usagef("clean: --repair-index needs --index")
	}
	if !c.Bool("corpus") && !remove && !c.Bool("drop-duplicate-docs") && c.String("index") == "" {
		for _, f := range []string{"near-docs", "min-words", "boilerplate", "doc-id"} {
			if c.IsSet(f) {
				return nil, usagef("clean: --%s needs --corpus", f)
			}
		}
		return nil, nil
	}
	co := &corpus.Options{Remove: remove, DropDuplicateDocs: c.Bool("drop-duplicate-docs"), MinWords: c.Int("min-words")}
	switch t := c.Float64("near-docs"); {
	case t < 0 || t > 1:
		return nil, usagef("clean: --near-docs %v: want a similarity from 0 to 1 (0: off)", t)
	case t == 0:
		co.NearThreshold = -1
	default:
		co.NearThreshold = t
	}
	if c.Int("min-words") < 1 {
		return nil, usagef("clean: --min-words %d: want 1 or more", c.Int("min-words"))
	}
	if c.Int("boilerplate") < 0 {
		return nil, usagef("clean: --boilerplate %d: want 0 or more", c.Int("boilerplate"))
	}
	return co, nil
}

// cleanJSONL is clean --jsonl: every input's records to the output, in
// order, and a summary on standard error.
func (e *env) cleanJSONL(c *cli.Context, opts pipeline.Options) error {
	for _, f := range []string{"write", "list", "diff", "report"} {
		if c.IsSet(f) {
			return usagef("clean: --jsonl cannot be used with --%s", f)
		}
	}
	if c.Int("jobs") < 0 {
		return usagef("clean: -j %d: want 0 or more", c.Int("jobs"))
	}
	args := inputArgs(c)
	if err := misplacedFlag(c, args); err != nil {
		return err
	}
	// Annotations count findings by rule; without them only the cleaned
	// text is kept, so rules that never fix need not run.
	opts.FixesOnly = !c.Bool("annotate")
	if c.String("config") != "" {
		// Records have no file of their own: a configuration applies only
		// when --config names one.
		setup, err := e.newDocSetup(c, opts)
		if err != nil {
			return err
		}
		cfg, err := setup.loader.ForDir(".")
		if err != nil {
			return err
		}
		opts = setup.options(cfg)
	}
	jopts := jsonl.Options{
		Field:       c.String("field"),
		NewPipeline: func() *pipeline.Pipeline { return e.newPipeline(opts) },
		Workers:     c.Int("jobs"),
		Annotate:    c.Bool("annotate"),
	}
	if lim := e.limit(); lim < math.MaxInt32 {
		jopts.MaxText = int(lim) // a record's text, like a document, is refused over --max-size
	}
	if jopts.Field == "" {
		return usagef("clean: --field is empty")
	}
	if jopts.Annotate && jopts.Field == jsonl.DefaultAnnotateKey {
		return usagef("clean: --annotate adds the field %q: choose another --field", jsonl.DefaultAnnotateKey)
	}

	maxMalformed, err := jsonl.ParseMalformedLimit(c.String("max-malformed"))
	if err != nil {
		return usagef("clean: --max-malformed: %v", err)
	}
	var out io.Writer = e.stdout
	var outFile, rejectFile *atomicFile
	defer func() {
		for _, a := range []*atomicFile{outFile, rejectFile} {
			if a != nil {
				a.Abort()
			}
		}
	}()
	var zout io.WriteCloser // the compressor, for an output named .gz or .zst
	if path := c.String("output"); path != "" && !isStdout(path) && path != "-" {
		if outFile, err = e.createAtomic(path); err != nil {
			return err
		}
		out = outFile
		if comp := jsonl.CompressionFor(path); comp != jsonl.Plain {
			if zout, err = jsonl.NewWriter(outFile, comp); err != nil {
				return fmt.Errorf("writing %s: %w", path, err)
			}
			out = zout
		}
	}
	if path := c.String("reject"); path != "" {
		if rejectFile, err = e.createAtomic(path); err != nil {
			return err
		}
		jopts.Reject = rejectFile
	}

	co, err := e.corpusOptions(c, opts)
	if err != nil {
		return err
	}
	var corp *corpus.Corpus
	var index seen.Index
	if co != nil {
		if path := c.String("index"); path != "" {
			if index, err = e.openIndex(c, path); err != nil {
				return err
			}
			defer func() {
				if index != nil {
					index.Close()
				}
			}()
			co.Index = index
		}
		corp = corpus.New(*co)
		jopts.Corpus = corp
		jopts.IDField = c.String("doc-id")
	}

	// A progress line on a terminal (--progress: also in a log): records,
	// MB, MB/s and, for files, the time left.
	var prog *progress
	show := e.isTerminal(e.stderr)
	if c.IsSet("progress") {
		show = c.Bool("progress")
	}
	if show {
		prog = newProgress(e.stderr, e.isTerminal(e.stderr), time.Now())
		prog.unit = "records"
		for _, arg := range args {
			fi, err := os.Stat(arg)
			if arg == "-" || err != nil || !fi.Mode().IsRegular() {
				prog.noTotal = true
				break
			}
			prog.totalB += fi.Size()
		}
		prog.counted = true
		stderr := e.stderr
		e.stderr = prog.writer()
		ctx, cancel := context.WithCancel(context.Background())
		go prog.tick(ctx)
		defer func() {
			cancel()
			prog.finish()
			e.stderr = stderr
		}()
	}

	var total jsonl.Summary
	ctx := context.Background()
	for _, arg := range args {
		var r io.Reader = e.stdin
		jopts.Name = c.String("stdin-name")
		if arg != "-" {
			f, err := os.Open(arg)
			if err != nil {
				e.errorf("reading %s: %v", arg, err)
				e.fail(exitFailure)
				continue
			}
			r, jopts.Name = f, arg
			defer f.Close()
		}
		// Compressed input is read by its magic number; other binary
		// input is refused, never copied through as malformed lines.
		rc, _, err := jsonl.OpenInput(r)
		if err != nil {
			e.errorf("reading %s: %v", jopts.Name, err)
			e.fail(exitFailure)
			continue
		}
		defer rc.Close()
		r = rc
		if prog != nil {
			r = prog.reader(r)
		}
		s, err := jsonl.CleanJSONL(ctx, r, out, jopts)
		total.Add(s)
		if err == nil && index != nil {
			err = index.Commit()
		}
		if err != nil {
			if outFile == nil && isBrokenPipe(err) {
				return errBrokenPipe
			}
			return err
		}
	}
	if zout != nil {
		if err := zout.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", c.String("output"), err)
		}
	}
	if outFile != nil {
		if err := outFile.Commit(); err != nil {
			return err
		}
	}
	if index != nil {
		err := index.Close()
		index = nil
		if err != nil {
			return err
		}
	}
	if corp != nil && total.Corpus != nil {
		total.Corpus.Boilerplate = corp.Boilerplate(c.Int("boilerplate"))
	}
	if rejectFile != nil {
		if err := rejectFile.Commit(); err != nil {
			return err
		}
	}
	if path := c.String("stats"); path != "" {
		b, err := json.MarshalIndent(total, "", "  ")
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		if err := e.writeFile(path, string(b)+"\n"); err != nil {
			return err
		}
	}
	if prog != nil {
		prog.finish()
	}
	for _, line := range strings.Split(total.String(), "\n") {
		fmt.Fprintf(e.stderr, "copydesk: %s\n", report.SafeName(line))
	}
	if maxMalformed.Exceeded(total) {
		e.errorf("%d of %d non-blank lines are malformed, more than --max-malformed %s allows: is this JSON Lines?",
			total.Malformed, total.Lines-total.Blank, maxMalformed)
		e.fail(exitFailure)
	}
	return nil
}
