package main

import (
	"context"
	"errors"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/config"
	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/job"
	"github.com/copydesk/copydesk/pipeline/markdown"
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
	// fallback says why a Markdown document was checked as plain text
	fallback *markdown.Fallback
}

// A batchRun is the state of one run of batch: its counts.
type batchRun struct {
	sum      job.Summary
	progress *progress
	summary  bool // show the summary although --stats was not given
	said     map[string]bool
}

// A batchJob is what the workers of a batch share.
type batchJob struct {
	e         *env
	o         *options
	checker   *document.Checker
	workers   []*document.Worker
	analyzers []*corpus.Analyzer // with a corpus: one a worker
	judge     *job.Judge         // with a corpus
	run       *batchRun
	emit      func(*doc, *batchRun) error
}

// batch reads the files args name (directories walked, globs expanded),
// checks each on -j workers and calls emit for each document in input
// order. A file that cannot be read, or is refused, is reported on
// standard error by name and counted, the exit status raised to 2, and
// the run goes on. An error from emit stops the run and is returned. At
// most 2×workers documents are held at once. skip, if set, drops walked
// (not explicit) files before they are read.
func (e *env) batch(o *options, cf *corpusFlags, args []string, skip func(walk.Entry) bool, emit func(*doc, *batchRun) error) error {
	if o.jobs < 0 {
		return usagef("%s: -j %d: want 0 or more", o.cmd, o.jobs)
	}
	workers := o.jobs
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if err := misplacedFlag(o.cmd, args); err != nil {
		return err
	}
	checker, err := e.checker(o)
	if err != nil {
		return err
	}
	corp, index, err := e.openCorpus(o, cf)
	if err != nil {
		return err
	}
	defer func() {
		if index != nil {
			index.Close()
		}
	}()
	b := &batchJob{e: e, o: o, checker: checker, run: &batchRun{said: map[string]bool{}}, emit: emit}
	for range workers {
		b.workers = append(b.workers, checker.NewWorker())
	}
	if corp != nil {
		b.judge = job.NewJudge(corp, e.newPipeline(o.pipeline))
		for range workers {
			b.analyzers = append(b.analyzers, corpus.NewAnalyzer(corp.Options()))
		}
	}
	start := time.Now()
	stop := b.startProgress(args, skip, start)
	defer stop()

	seq := job.NewSequencer(context.Background(), workers, 2*workers)
	for entry := range walk.Walk(args, o.walk) {
		if err = b.add(seq, entry, skip); err != nil {
			break
		}
	}
	if werr := seq.Wait(); err == nil {
		err = werr
	}
	if err == nil && index != nil {
		err = index.Close()
		index = nil
	}
	return b.finish(cf, err, start)
}

// startProgress starts the progress line of a batch on a terminal: a
// directory or glob, or several files (a run too short for one shows
// nothing). It returns the function that stops it.
func (b *batchJob) startProgress(args []string, skip func(walk.Entry) bool, start time.Time) func() {
	e := b.e
	show := e.isTerminal(e.stderr) && (len(args) > 1 || slices.ContainsFunc(args, isTree))
	if b.o.progress != nil {
		show = *b.o.progress
	}
	if !show {
		return func() {}
	}
	p := newProgress(e.stderr, e.isTerminal(e.stderr), start)
	b.run.progress = p
	stderr := e.stderr
	e.stderr = p.writer()
	ctx, cancel := context.WithCancel(context.Background())
	go p.count(ctx, args, b.o.walk, skip)
	go p.tick(ctx)
	return func() {
		cancel()
		e.stderr = stderr
	}
}

// add hands one walked entry to the sequencer.
func (b *batchJob) add(seq *job.Sequencer, entry walk.Entry, skip func(walk.Entry) bool) error {
	if entry.Err == nil && !entry.Explicit && skip != nil && skip(entry) {
		return nil
	}
	if entry.Err == nil && !entry.Explicit {
		// The configuration's [files] globs choose among the files a
		// directory holds.
		ok, err := b.checker.Include(entry.Path)
		if err != nil {
			entry.Err = err
		} else if !ok {
			return nil
		}
	}
	d := &doc{entry: entry, err: entry.Err}
	if d.err == nil && entry.Path == "-" {
		// Standard input is one stream: read it here, once.
		d.in, d.err = b.e.read("-", b.o.stdinName)
	}
	if d.err != nil {
		return seq.AddDone(func() error { return b.done(d) })
	}
	return seq.Add(func(w int) func() error {
		b.work(w, d)
		return func() error { return b.done(d) }
	})
}

// work reads and checks one document on worker w.
func (b *batchJob) work(w int, d *doc) {
	if d.in == nil { // a file: read it here
		d.in, d.err = b.e.read(d.entry.Path, b.o.stdinName)
	}
	if d.err == nil {
		var res document.Result
		res, d.err = b.workers[w].Check(document.Doc{Name: d.in.name, Path: d.in.path, Text: d.in.text})
		d.r, d.guard, d.fallback = res.Result, res.Guard, res.Fallback
	}
	if d.err == nil && b.analyzers != nil {
		d.cdoc = b.analyzers[w].Analyze(d.r.Cleaned)
	}
}

// done takes a document in input order: judges it against the corpus,
// counts it, reports its error or emits it.
func (b *batchJob) done(d *doc) error {
	e, run := b.e, b.run
	if d.err == nil && b.judge != nil {
		var dec *corpus.Decision
		if dec, d.err = b.judge.Judge(d.in.name, d.r, d.guard, d.cdoc); d.err == nil {
			d.drop = dec.Drop
		}
		d.cdoc = nil
	}
	run.count(d)
	if d.err != nil {
		var ce *config.Error
		if msg := d.err.Error(); !errors.As(d.err, &ce) || !run.said[msg] {
			run.said[msg] = true // a broken configuration file is named once
			e.printError(d.err)
		}
		e.fail(exitFailure)
		return nil
	}
	if d.fallback != nil && !hasRule(d.r, markdown.RuleFallback) {
		// Without a report (clean), the warning goes to standard error.
		e.errorf("%s: warning: %s: checked as plain text", d.in.name, d.fallback.Reason)
	}
	if d.drop {
		run.sum.DroppedDocs++
		return nil
	}
	return b.emit(d, run)
}

// finish ends a batch: the corpus's summary, the progress line and the
// statistics.
func (b *batchJob) finish(cf *corpusFlags, err error, start time.Time) error {
	run := b.run
	if b.judge != nil {
		run.sum.Corpus = b.judge.Summary(cf.boilerplate)
		run.summary = true
	}
	run.sum.Wall = time.Since(start)
	if run.progress != nil {
		run.summary = run.progress.finish()
	}
	if err != nil {
		return err
	}
	return b.e.finishStats(b.o, run)
}

// hasRule reports whether r holds a finding of rule.
func hasRule(r *pipeline.Result, rule string) bool {
	for _, f := range r.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}
