package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/pipeline/report"
)

func (e *env) cleanCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "clean",
		Usage:     "write the cleaned text",
		ArgsUsage: "[FILE...]",
		UsageText: "copydesk clean [flags] [FILE...]",
		Description: `Cleans each FILE (standard input for none or "-") and writes the result
to standard output, or with -o to a file, or with -w back to each FILE.
Files are always replaced atomically: on any error the original stays as
it was. -l lists the files that would change and exits 1 if there are any.
Flags come before the files.

Examples:
   copydesk clean story.txt > story.clean.txt
   copydesk clean -o story.clean.txt story.txt
   copydesk clean -w drafts/*.txt
   copydesk clean -l drafts/*.txt
   copydesk clean -w --diff changes.patch --report report.json drafts/*.txt
   pbpaste | copydesk clean --quotes keep --dedupe off | pbcopy`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the cleaned text to `FILE` (one input only)", TakesFile: true},
			&cli.BoolFlag{Name: "write", Aliases: []string{"w"}, Usage: "rewrite each FILE in place"},
			&cli.BoolFlag{Name: "list", Aliases: []string{"l"}, Usage: "list the files that would change; exit 1 if any"},
			&cli.StringFlag{Name: "diff", Usage: "also write the unified diff of the changes to `FILE`", TakesFile: true},
			&cli.StringFlag{Name: "report", Usage: "also write the JSON report (as check --format json) to `FILE`", TakesFile: true},
		}, append(pipelineFlags(), jsonlFlags()...)...),
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
	switch {
	case output != "" && write:
		return usagef("clean: -o and -w cannot be used together")
	case output != "" && len(args) != 1:
		return usagef("clean: -o takes one input, got %d", len(args))
	case write:
		for _, a := range args {
			if a == "-" {
				return usagef("clean: cannot use -w with standard input")
			}
		}
	}
	stdinName := c.String("stdin-name")

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
	p := e.newPipeline(opts)
	changed := false
	for _, arg := range args {
		in, ok := e.readOrReport(arg, stdinName)
		if !ok {
			continue
		}
		r := p.Run(in.text)
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
			if err := jw.Write(report.NewFile(in.name, r)); err != nil {
				return fmt.Errorf("writing %s: %w", reportFile.name, err)
			}
		}
		if list && r.Changed() {
			if _, err := fmt.Fprintln(e.stdout, in.name); err != nil {
				return outputError(err)
			}
		}
		switch {
		case write:
			if r.Changed() {
				if err := e.writeFile(in.path, r.Cleaned); err != nil {
					e.errorf("%v", err)
					e.fail(exitFailure)
				}
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
