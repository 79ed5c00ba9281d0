package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/dedupe/seen"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/config"
	"github.com/copydesk/copydesk/pipeline/jsonl"
	"github.com/copydesk/copydesk/pipeline/report"
	"github.com/copydesk/copydesk/pipeline/walk"
)

// batchFlags are the flags of the commands that work on many files: how
// directories are walked, how many documents run at once, progress and
// statistics. -j and --stats have the names and meanings they have for
// clean --jsonl.
func batchFlags() []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "work on `N` documents at once (0: one per CPU); output is always in input order"},
		&cli.StringFlag{Name: "stats", Usage: "write a summary as JSON to `FILE` (and one on standard error)", TakesFile: true},
		&cli.BoolFlag{Name: "progress", DefaultText: "on a terminal, for several files", Usage: "show progress on standard error (--progress=false: never)"},
		&cli.StringSliceFlag{Name: "include", Usage: "in directories, take the files matching `GLOB` instead of *.md, *.markdown, *.txt (repeatable, comma lists)"},
		&cli.StringSliceFlag{Name: "exclude", Usage: "in directories and globs, skip files and directories matching `GLOB` (repeatable, comma lists)"},
		&cli.BoolFlag{Name: "hidden", Usage: "also walk hidden files and directories (.name)"},
		&cli.BoolFlag{Name: "no-ignore", Usage: "do not read .gitignore files and .git/info/exclude"},
		&cli.BoolFlag{Name: "follow", Aliases: []string{"L"}, Usage: "follow symbolic links inside directories"},
	}
}

// withFlags appends to flags those of extra whose names are not taken
// yet (clean has -j and --stats from its JSON Lines flags already).
func withFlags(flags []cli.Flag, extra ...cli.Flag) []cli.Flag {
	taken := map[string]bool{}
	for _, f := range flags {
		for _, n := range f.Names() {
			taken[n] = true
		}
	}
	for _, f := range extra {
		if !taken[f.Names()[0]] {
			flags = append(flags, f)
		}
	}
	return flags
}

// walkOptions reads the walking flags.
func walkOptions(c *cli.Context) walk.Options {
	return walk.Options{
		Include:     splitList(c.StringSlice("include")),
		Exclude:     splitList(c.StringSlice("exclude")),
		Hidden:      c.Bool("hidden"),
		NoIgnore:    c.Bool("no-ignore"),
		FollowLinks: c.Bool("follow"),
	}
}

// splitList splits comma lists and drops empty values.
func splitList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// isTree reports whether arg names many files: a directory, or a glob
// that names no file itself.
func isTree(arg string) bool {
	if arg == "-" || arg == "" {
		return false
	}
	fi, err := os.Stat(arg)
	if err == nil {
		return fi.IsDir()
	}
	_, lerr := os.Lstat(arg)
	return lerr != nil && strings.ContainsAny(arg, "*?[{")
}

// A doc is one document of a batch: read, run, or failed.
type doc struct {
	entry walk.Entry
	in    *input
	r     *pipeline.Result
	err   error
	guard *pipeline.Guard // what the run kept the stages away from
	cdoc  *corpus.Doc     // with --corpus: the document's fingerprints
	drop  bool            // with --drop-duplicate-docs: a copy, not written
}

// A docWorker runs documents on one goroutine: a pipeline is used by
// one goroutine at a time.
type docWorker struct {
	e     *env
	opts  pipeline.Options
	p     *pipeline.Pipeline
	setup *docSetup
	// byConfig holds the pipelines of the documents that have a
	// configuration file, one per file.
	byConfig map[*config.Config]*pipeline.Pipeline
}

// pipelineFor returns the worker's pipeline for documents configured by
// cfg, whose options are opts.
func (w *docWorker) pipelineFor(cfg *config.Config, opts pipeline.Options) *pipeline.Pipeline {
	if cfg == nil {
		return w.pipeline()
	}
	p, ok := w.byConfig[cfg]
	if !ok {
		if w.byConfig == nil {
			w.byConfig = map[*config.Config]*pipeline.Pipeline{}
		}
		p = w.e.newPipeline(opts)
		w.byConfig[cfg] = p
	}
	return p
}

// pipeline returns the worker's pipeline for opts, building it once.
func (w *docWorker) pipeline() *pipeline.Pipeline {
	if w.p == nil {
		w.p = w.e.newPipeline(w.opts)
	}
	return w.p
}

// runDoc runs the pipeline over one document. Every command's work on a
// document goes through here, on the worker's goroutine: it is the place
// for per-file configuration, Markdown awareness and suppressions.
func (e *env) runDoc(w *docWorker, in *input) (*pipeline.Result, *pipeline.Guard, error) {
	if w.setup == nil {
		return w.pipeline().Run(in.text), nil, nil
	}
	return w.setup.run(w, in)
}

// A batchRun is the state of one run of batch: its counts.
type batchRun struct {
	sum      jsonl.Summary
	progress *progress
	summary  bool // show the summary although --stats was not given
}

// batch reads the files args name (directories walked, globs expanded),
// runs each through runDoc on -j workers and calls emit for each
// document in input order, on the calling goroutine. A file that cannot
// be read, or is refused, is reported on standard error by name and
// counted, the exit status raised to 2, and the run goes on. An error
// from emit stops the run and is returned. At most 2×workers+2
// documents are held at once: those run and waiting for their turn, one
// with the dispatcher and one being emitted. skip, if set, drops walked
// (not explicit) files before they are read.
func (e *env) batch(c *cli.Context, opts pipeline.Options, args []string, skip func(walk.Entry) bool, emit func(*doc, *batchRun) error) error {
	jobs := c.Int("jobs")
	if jobs < 0 {
		return usagef("%s: -j %d: want 0 or more", c.Command.Name, jobs)
	}
	if jobs == 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	if err := misplacedFlag(c, args); err != nil {
		return err
	}
	wopts := walkOptions(c)
	setup, err := e.newDocSetup(c, opts)
	if err != nil {
		return err
	}
	corp, index, err := e.openCorpus(c, opts)
	if err != nil {
		return err
	}
	defer func() {
		if index != nil {
			index.Close()
		}
	}()
	var extender *pipeline.Pipeline // applies the corpus's decisions, in order
	stdinName := c.String("stdin-name")
	run := &batchRun{}
	start := time.Now()

	// A progress line on a terminal for a batch: a directory or glob,
	// or several files; a run too short for one shows nothing.
	showProgress := e.isTerminal(e.stderr) && (len(args) > 1 || slices.ContainsFunc(args, isTree))
	if c.IsSet("progress") {
		showProgress = c.Bool("progress")
	}
	if showProgress {
		run.progress = newProgress(e.stderr, e.isTerminal(e.stderr), start)
		stderr := e.stderr
		e.stderr = run.progress.writer()
		defer func() { e.stderr = stderr }()
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if run.progress != nil {
		go run.progress.count(ctx, args, wopts, skip)
		go run.progress.tick(ctx)
	}

	type job struct {
		d   *doc
		out chan *doc
	}
	work := make(chan job, jobs)
	order := make(chan chan *doc, 2*jobs)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &docWorker{e: e, opts: opts, setup: setup}
			var analyzer *corpus.Analyzer
			for j := range work {
				d := j.d
				if d.in == nil { // a file: read it here
					d.in, d.err = e.read(d.entry.Path, stdinName)
				}
				if d.err == nil {
					d.r, d.guard, d.err = e.runDoc(w, d.in)
				}
				if d.err == nil && corp != nil {
					if analyzer == nil {
						analyzer = corpus.NewAnalyzer(corp.Options())
					}
					d.cdoc = analyzer.Analyze(d.r.Cleaned)
				}
				j.out <- d
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(work)
		for entry := range walk.Walk(args, wopts) {
			if entry.Err == nil && !entry.Explicit && skip != nil && skip(entry) {
				continue
			}
			if entry.Err == nil && !entry.Explicit {
				// The configuration's [files] globs choose among the
				// files a directory holds.
				ok, err := setup.include(entry.Path)
				if err != nil {
					entry.Err = err
				} else if !ok {
					continue
				}
			}
			out := make(chan *doc, 1)
			d := &doc{entry: entry, err: entry.Err}
			if d.err == nil && entry.Path == "-" {
				// Standard input is one stream: read it here, once.
				d.in, d.err = e.read("-", stdinName)
			}
			if d.err != nil {
				out <- d
			} else {
				select {
				case work <- job{d, out}:
				case <-ctx.Done():
					return
				}
			}
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
		}
	}()

	said := map[string]bool{} // a broken configuration file is named once
	for out := range order {
		d := <-out
		if d.err == nil && corp != nil {
			if extender == nil {
				extender = e.newPipeline(opts)
			}
			d.err = judge(corp, extender, d)
		}
		run.count(d)
		if d.err != nil {
			var ce *config.Error
			if msg := d.err.Error(); !errors.As(d.err, &ce) || !said[msg] {
				said[msg] = true
				e.printError(d.err)
			}
			e.fail(exitFailure)
			continue
		}
		if d.drop {
			run.sum.DroppedDocs++
			continue
		}
		if err = emit(d, run); err != nil {
			break
		}
	}
	cancel()
	for range order { // let the dispatcher end
	}
	wg.Wait()
	if err == nil && index != nil {
		err = index.Close()
		index = nil
	}
	if corp != nil {
		st := corp.Stats()
		run.sum.Corpus = &jsonl.CorpusSummary{
			ExactDocs:          st.ExactDocs,
			NearDocs:           st.NearDocs,
			RepeatedParagraphs: st.RepeatedParagraphs,
			RemovedParagraphs:  st.RemovedParagraphs,
			Boilerplate:        corp.Boilerplate(c.Int("boilerplate")),
		}
		run.summary = true
	}
	run.sum.Wall = time.Since(start)
	if run.progress != nil {
		run.summary = run.progress.finish()
	}
	if err != nil {
		return err
	}
	return e.finishStats(c, run)
}

// count adds a document to the run's summary.
func (b *batchRun) count(d *doc) {
	s := &b.sum
	s.Lines++
	if d.in != nil {
		s.BytesIn += int64(len(d.in.text))
	}
	if d.err != nil {
		s.Malformed++
		if b.progress != nil {
			b.progress.add(d.in)
		}
		return
	}
	s.Records++
	s.BytesOut += int64(len(d.r.Cleaned))
	if d.r.Changed() {
		s.Changed++
	}
	for i := range d.r.Findings {
		if s.Findings == nil {
			s.Findings = map[string]int64{}
		}
		s.Findings[d.r.Findings[i].Rule]++
	}
	for rule, n := range d.r.Counts {
		if s.Findings == nil {
			s.Findings = map[string]int64{}
		}
		s.Findings[rule] += int64(n)
	}
	if b.progress != nil {
		b.progress.add(d.in)
	}
}

// failed counts a document that was read and run but could not be
// written.
func (b *batchRun) failed() {
	b.sum.Records--
	b.sum.Malformed++
}

// finishStats writes --stats: the summary as JSON to the file, and for a
// person on standard error. The JSON has the shape of clean --jsonl's:
// "records" are the documents cleaned, "malformed" the files that could
// not be read, were refused or could not be written, "lines" both.
func (e *env) finishStats(c *cli.Context, run *batchRun) error {
	path := c.String("stats")
	if path == "" && !run.summary {
		return nil
	}
	s := &run.sum
	fmt.Fprintf(e.stderr, "copydesk: %d files (%d changed), %d failed; %.1f MB in, %.1f MB out in %s (%.1f MB/s)\n",
		s.Records, s.Changed, s.Malformed, float64(s.BytesIn)/1e6, float64(s.BytesOut)/1e6,
		s.Wall.Round(time.Millisecond), s.MBPerSecond())
	if _, rest, ok := strings.Cut(s.String(), "\n"); ok {
		for _, line := range strings.Split(rest, "\n") {
			fmt.Fprintf(e.stderr, "copydesk: %s\n", report.SafeName(line))
		}
	}
	if path == "" {
		return nil
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return e.writeFile(path, string(b)+"\n")
}

// isTerminal reports whether w is a terminal.
func (e *env) isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// A mirror writes each file of a batch below a directory, at its path
// relative to the argument it was found under (clean -o DIR).
type mirror struct {
	dir     string
	abs     string            // dir made absolute, to skip it when walking
	written map[string]string // target → the input written there
}

func newMirror(dir string) *mirror {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	return &mirror{dir: dir, abs: abs, written: map[string]string{}}
}

// inside reports whether a walked file is in the mirror's directory,
// which a walk of a directory holding it must not take as input.
func (m *mirror) inside(e walk.Entry) bool {
	abs, err := filepath.Abs(e.Path)
	return err == nil && (abs == m.abs || strings.HasPrefix(abs, m.abs+string(filepath.Separator)))
}

// write writes text at the mirror of d's file, creating directories.
func (m *mirror) write(e *env, d *doc, text string) error {
	target := filepath.Join(m.dir, d.entry.Rel)
	if prev, ok := m.written[target]; ok {
		return fmt.Errorf("%s: %s was written from %s already, left alone", d.in.name, target, prev)
	}
	m.written[target] = d.in.name
	if err := os.MkdirAll(filepath.Dir(target), 0o777); err != nil {
		return fmt.Errorf("writing %s: %w", target, err)
	}
	a, err := e.createAtomic(target)
	if err != nil {
		return err
	}
	a.noSync = true // one sync at the end: see mirror.sync
	if _, err := a.WriteString(text); err != nil {
		a.Abort()
		return fmt.Errorf("writing %s: %w", target, err)
	}
	return a.Commit()
}

// sync flushes what the mirror wrote to disk, once: an fsync for each
// file costs more than the cleaning (14 s instead of 0.5 s for 2225
// news articles).
func (m *mirror) sync() error {
	if len(m.written) == 0 {
		return nil
	}
	if err := syncDir(m.dir); err != nil {
		return fmt.Errorf("writing %s: %w", m.dir, err)
	}
	return nil
}

// openCorpus builds the corpus of a run from the corpus flags (clean
// only), with its seen-index; nil when the flags ask for none.
func (e *env) openCorpus(c *cli.Context, opts pipeline.Options) (*corpus.Corpus, seen.Index, error) {
	if c.Command.Name != "clean" {
		// check and diff have no corpus flags: --dedupe corpus alone
		// asks for the corpus, with its defaults.
		if opts.Dedupe.Mode != dedupe.Corpus {
			return nil, nil, nil
		}
		return corpus.New(corpus.Options{Remove: true, MinWords: corpus.DefaultMinWords, NearThreshold: corpus.DefaultNearThreshold}), nil, nil
	}
	co, err := e.corpusOptions(c, opts)
	if err != nil || co == nil {
		return nil, nil, err
	}
	var index seen.Index
	if path := c.String("index"); path != "" {
		if index, err = e.openIndex(c, path); err != nil {
			return nil, nil, err
		}
		co.Index = index
	}
	return corpus.New(*co), index, nil
}

// judge runs the corpus on a cleaned document, in input order: its
// findings and removals are added to the document's result, and a copy
// to drop is marked.
func judge(corp *corpus.Corpus, extender *pipeline.Pipeline, d *doc) error {
	dec, err := corp.Add(d.in.name, d.cdoc)
	if err != nil {
		return fmt.Errorf("%s: %w", d.in.name, err)
	}
	corp.Note(dec, d.r.Cleaned)
	d.cdoc = nil
	d.drop = dec.Drop
	if !dec.Empty() {
		extender.ExtendGuarded(d.r, d.guard, dec.Stage())
	}
	return nil
}
