package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/pipeline/report"
	"github.com/copydesk/copydesk/pipeline/walk"
)

func (e *env) cleanCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "clean",
		Usage:     "write the cleaned text",
		ArgsUsage: "[FILE|DIR|GLOB...]",
		UsageText: "copydesk clean [flags] [FILE|DIR|GLOB...]",
		Description: `Cleans each FILE (standard input for none or "-") and writes the result
to standard output, or with -o to a file, or with -w back to each FILE.
Files are always replaced atomically: on any error the original stays as
it was. -l lists the files that would change and exits 1 if there are any.
Flags come before the files.

A DIR is walked for *.md, *.markdown and *.txt files (--include to
choose others), skipping what .gitignore files ignore and hidden files; a
quoted GLOB such as 'docs/**/*.md' is expanded the same way. A directory
or glob needs -w, -l or -o DIR: -o DIR writes each cleaned file below DIR
at its path inside the directory (or below the glob's fixed part; a file
named alone goes to DIR/NAME). -j N cleans N files at once; output is in
input order. A file that cannot be read is named on standard error, the
others are still cleaned, and the exit status is 2.

Examples:
   copydesk clean story.txt > story.clean.txt
   copydesk clean -o story.clean.txt story.txt
   copydesk clean -w drafts/*.txt
   copydesk clean -w docs/
   copydesk clean -o cleaned/ --stats stats.json corpus/
   copydesk clean -l 'docs/**/*.md'
   copydesk clean -l drafts/*.txt
   copydesk clean -w --diff changes.patch --report report.json drafts/*.txt
   pbpaste | copydesk clean --quotes keep --dedupe off | pbcopy`,
		Flags: withFlags(append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the cleaned text to `FILE`, or with several inputs, a directory or a glob, below the directory FILE", TakesFile: true},
			&cli.BoolFlag{Name: "write", Aliases: []string{"w"}, Usage: "rewrite each FILE in place"},
			&cli.BoolFlag{Name: "break-links", Usage: "with -w: rewrite a file that has other hard links too (only this name gets the new text)"},
			&cli.BoolFlag{Name: "list", Aliases: []string{"l"}, Usage: "list the files that would change; exit 1 if any"},
			&cli.StringFlag{Name: "diff", Usage: "also write the unified diff of the changes to `FILE`", TakesFile: true},
			&cli.StringFlag{Name: "report", Usage: "also write the JSON report (as check --format json) to `FILE`", TakesFile: true},
		}, append(pipelineFlags(), jsonlFlags()...)...), batchFlags()...),
		Action: e.clean,
	})
}

func (e *env) clean(c *cli.Context) error {
	o, err := e.readOptions(c)
	if err != nil {
		return err
	}
	output := c.String("output")
	if c.Bool("jsonl") {
		return e.cleanJSONL(c, o, output)
	}
	if c.IsSet("emit-signatures") {
		return usagef("clean: --emit-signatures needs --jsonl")
	}
	args := inputArgs(c)
	r := &cleanRun{e: e, output: output, write: c.Bool("write"), breakLinks: c.Bool("break-links"), list: c.Bool("list")}
	if err := r.check(args); err != nil {
		return err
	}
	// The diff and the report are written as the inputs are read, and put
	// in place at the end.
	defer r.abort()
	if err := r.open(c.String("diff"), c.String("report")); err != nil {
		return err
	}
	// Without a report, only the cleaned text (and its diff) is kept:
	// rules that never fix need not run.
	o.pipeline.FixesOnly = r.reportFile == nil
	o.editsOnly = o.pipeline.FixesOnly
	var skip func(walk.Entry) bool
	if r.mir != nil {
		skip = r.mir.inside
	}
	err = e.batch(o, readCorpusFlags(c), args, skip, r.emit)
	if r.mir != nil {
		if serr := r.mir.sync(); serr != nil && err == nil {
			err = serr
		}
	}
	if err != nil {
		return err
	}
	return r.finish()
}

// A cleanRun is one run of clean on files: where the cleaned text goes,
// and the diff and report written beside it.
type cleanRun struct {
	e                    *env
	output               string // -o: a file, "-", or with mir a directory
	write, list          bool   // -w, -l
	breakLinks           bool   // --break-links
	mir                  *mirror
	diffFile, reportFile *atomicFile
	jw                   *report.JSONWriter
	changed              bool
}

// check decides where the cleaned text goes and rejects the
// combinations that make no sense.
func (r *cleanRun) check(args []string) error {
	if isStdout(r.output) {
		r.output = "-" // keep the descriptor as it is: appending, a pipe
	}
	trees := ""
	for _, a := range args {
		if isTree(a) {
			trees = a
			break
		}
	}
	// -o names a directory to mirror the inputs into when there are
	// several, or a directory or glob among them, or it is one.
	output, write := r.output, r.write
	if output != "" && output != "-" && (len(args) > 1 || trees != "" || isDirArg(output)) {
		r.mir = newMirror(output)
	}
	switch {
	case output != "" && write:
		return usagef("clean: -o and -w cannot be used together")
	case r.mir != nil && !isDirArg(output) && exists(output):
		return usagef("clean: -o %s: not a directory (several inputs, a directory or a glob are written below a directory)", output)
	case write || r.mir != nil:
		for _, a := range args {
			if a == "-" {
				if write {
					return usagef("clean: cannot use -w with standard input")
				}
				return usagef("clean: cannot use -o DIR with standard input")
			}
		}
	case trees != "" && !r.list && output == "":
		return usagef("clean: %s names several files: use -w to rewrite them, -o DIR to write them to another directory, or -l to list those that would change", trees)
	}
	return nil
}

// open creates the --diff and --report files.
func (r *cleanRun) open(diffPath, reportPath string) error {
	var err error
	if diffPath != "" {
		if r.diffFile, err = r.e.createAtomic(diffPath); err != nil {
			return err
		}
	}
	if reportPath != "" {
		if r.reportFile, err = r.e.createAtomic(reportPath); err != nil {
			return err
		}
		r.jw = report.NewJSONWriter(r.reportFile)
	}
	return nil
}

// abort removes the diff and report of a run that failed.
func (r *cleanRun) abort() {
	if r.diffFile != nil {
		r.diffFile.Abort()
	}
	if r.reportFile != nil {
		r.reportFile.Abort()
	}
}

// emit writes one cleaned document where it goes.
func (r *cleanRun) emit(d *doc, br *batchRun) error {
	e, in, res := r.e, d.in, d.r
	if res.Changed() {
		r.changed = true
	}
	if r.diffFile != nil {
		oldName, newName := diffHeaders(in.name)
		if err := report.Unified(r.diffFile, res.Original, res.Edits(), report.UnifiedOptions{OldName: oldName, NewName: newName}); err != nil {
			return fmt.Errorf("writing %s: %w", r.diffFile.name, err)
		}
	}
	if r.jw != nil {
		if err := r.jw.WriteResult(in.name, res); err != nil {
			return fmt.Errorf("writing %s: %w", r.reportFile.name, err)
		}
	}
	if r.list && res.Changed() {
		if _, err := fmt.Fprintln(e.stdout, report.SafeName(in.name)); err != nil {
			return outputError(err)
		}
	}
	var err error
	switch {
	case r.write:
		if res.Changed() {
			err = e.rewriteFile(in.path, res.Cleaned, r.breakLinks)
		}
	case r.mir != nil:
		err = r.mir.write(e, d, res.Cleaned)
	case r.output != "" && r.output != "-":
		return e.writeFile(r.output, res.Cleaned)
	case !r.list || r.output == "-":
		if _, err := io.WriteString(e.stdout, res.Cleaned); err != nil {
			return outputError(err)
		}
	}
	if err != nil {
		// One file not written: named, and the others still are.
		e.errorf("%v", err)
		e.fail(exitFailure)
		br.failed()
	}
	return nil
}

// finish puts the report and the diff in place.
func (r *cleanRun) finish() error {
	if r.jw != nil {
		if err := r.jw.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", r.reportFile.name, err)
		}
		if err := r.reportFile.Commit(); err != nil {
			return err
		}
	}
	if r.diffFile != nil {
		if err := r.diffFile.Commit(); err != nil {
			return err
		}
	}
	if r.list && r.changed {
		r.e.fail(exitFound)
	}
	return nil
}

// exists reports whether path names something, a dangling link included.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// isDirArg reports whether -o names a directory: one that exists, or a
// path ending in a separator.
func isDirArg(path string) bool {
	if strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(os.PathSeparator)) {
		return true
	}
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
