package main

import (
	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/report"
)

func (e *env) checkCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "check",
		Usage:     "list the findings",
		ArgsUsage: "[FILE...]",
		UsageText: "copydesk check [flags] [FILE...]",
		Description: `Lists what copydesk finds in each FILE (standard input for none or "-"),
one finding a line, sorted by position:

   NAME:LINE:COLUMN: SEVERITY: MESSAGE [RULE]

Lines and columns start at 1; columns count Unicode characters. With
--format json it prints one JSON document with byte offsets and the exact
fixes (the schema is documented in package
github.com/copydesk/copydesk/pipeline/report). Exits 1 if a finding is at
the --fail-on severity or above, 0 otherwise.

Examples:
   copydesk check story.txt
   copydesk check --fail-on error drafts/*.txt
   copydesk check --format json story.txt | jq '.files[].findings[].rule'
   copydesk check --disable dedupe.sentence --report-only 'quotes.*' story.txt`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "output `FORMAT`: text or json"},
			&cli.StringFlag{Name: "fail-on", Value: "warning", Usage: "exit 1 if a finding is at `SEVERITY` or above: error, warning or info"},
		}, pipelineFlags()...),
		Action: e.check,
	})
}

func (e *env) check(c *cli.Context) error {
	opts, err := e.pipelineOptions(c)
	if err != nil {
		return err
	}
	format := c.String("format")
	if format != "text" && format != "json" {
		return usagef("check: unknown --format %q (want text or json)", format)
	}
	failOn, err := lint.ParseSeverity(c.String("fail-on"))
	if err != nil {
		return usagef("check: --fail-on: %v", err)
	}
	var jw *report.JSONWriter
	if format == "json" {
		jw = report.NewJSONWriter(e.stdout)
	}
	stdinName := c.String("stdin-name")
	p := e.newPipeline(opts)
	for _, arg := range inputArgs(c) {
		in, err := e.read(arg, stdinName)
		if err != nil {
			e.errorf("%v", err)
			e.fail(exitFailure)
			continue
		}
		f := report.NewFile(in.name, p.Run(in.text))
		if report.Count([]report.File{f}, failOn) > 0 {
			e.fail(exitFound)
		}
		if jw != nil {
			err = jw.Write(f)
		} else {
			err = report.Text(e.stdout, f)
		}
		if err != nil {
			return outputError(err)
		}
	}
	if jw != nil {
		return outputError(jw.Close())
	}
	return nil
}
