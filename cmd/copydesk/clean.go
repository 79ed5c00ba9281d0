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
	opts, err := e.pipelineOptions(c)
	if err != nil {
		return err
	}
	if c.Bool("jsonl") {
		return e.cleanJSONL(c, opts)
	}
	args := inputArgs(c)
	output, write, list := c.String("output"), c.Bool("write"), c.Bool("list")
	if isStdout(output) {
		output = "-" // keep the descriptor as it is: appending, a pipe
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
	var mir *mirror
	if output != "" && output != "-" && (len(args) > 1 || trees != "" || isDirArg(output)) {
		mir = newMirror(output)
	}
	switch {
	case output != "" && write:
		return usagef("clean: -o and -w cannot be used together")
	case mir != nil && !isDirArg(output) && exists(output):
		return usagef("clean: -o %s: not a directory (several inputs, a directory or a glob are written below a directory)", output)
	case write || mir != nil:
		for _, a := range args {
			if a == "-" {
				if write {
					return usagef("clean: cannot use -w with standard input")
				}
				return usagef("clean: cannot use -o DIR with standard input")
			}
		}
	case trees != "" && !list && output == "":
		return usagef("clean: %s names several files: use -w to rewrite them, -o DIR to write them to another directory, or -l to list those that would change", trees)
	}

	// The diff and the report are written as the inputs are read, and put
	// in place at the end.
	var diffFile, reportFile *atomicFile
	var jw *report.JSONWriter
	defer func() {
		if diffFile != nil {
			diffFile.Abort()
		}
		if reportFile != nil {
			reportFile.Abort()
		}
	}()
	if path := c.String("diff"); path != "" {
		if diffFile, err = e.createAtomic(path); err != nil {
			return err
		}
	}
	if path := c.String("report"); path != "" {
		if reportFile, err = e.createAtomic(path); err != nil {
			return err
		}
		jw = report.NewJSONWriter(reportFile)
	}

	// Without a report, only the cleaned text (and its diff) is kept:
	// rules that never fix need not run.
	opts.FixesOnly = reportFile == nil
	changed := false
	var skip func(walk.Entry) bool
	if mir != nil {
		skip = mir.inside
	}
	err = e.batch(c, opts, args, skip, func(d *doc, br *batchRun) error {
		in, r := d.in, d.r
		if r.Changed() {
			changed = true
		}
		if diffFile != nil {
			oldName, newName := diffHeaders(in.name)
			if err := report.Unified(diffFile, r.Original, r.Edits(), report.UnifiedOptions{OldName: oldName, NewName: newName}); err != nil {
				return fmt.Errorf("writing %s: %w", diffFile.name, err)
			}
		}
		if jw != nil {
			if err := jw.WriteResult(in.name, r); err != nil {
				return fmt.Errorf("writing %s: %w", reportFile.name, err)
			}
		}
		if list && r.Changed() {
			if _, err := fmt.Fprintln(e.stdout, report.SafeName(in.name)); err != nil {
				return outputError(err)
			}
		}
		switch {
		case write:
			if r.Changed() {
				if err := e.rewriteFile(in.path, r.Cleaned, c.Bool("break-links")); err != nil {
					e.errorf("%v", err)
					e.fail(exitFailure)
					br.failed()
				}
			}
		case mir != nil:
			if err := mir.write(e, d, r.Cleaned); err != nil {
				e.errorf("%v", err)
				e.fail(exitFailure)
				br.failed()
			}
		case output != "" && output != "-":
			if err := e.writeFile(output, r.Cleaned); err != nil {
				return err
			}
		case !list || output == "-":
			if _, err := io.WriteString(e.stdout, r.Cleaned); err != nil {
				return outputError(err)
			}
		}
		return nil
	})
	if mir != nil {
		if serr := mir.sync(); serr != nil && err == nil {
			err = serr
		}
	}
	if err != nil {
		return err
	}
	if jw != nil {
		if err := jw.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", reportFile.name, err)
		}
		if err := reportFile.Commit(); err != nil {
			return err
		}
	}
	if diffFile != nil {
		if err := diffFile.Commit(); err != nil {
			return err
		}
	}
	if list && changed {
		e.fail(exitFound)
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
