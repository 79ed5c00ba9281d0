package main

import (
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/report"
)

// checkFormats are the values of check --format.
var checkFormats = []string{"text", "short", "json", "sarif", "github", "checkstyle", "rdjsonl"}

func (e *env) checkCommand() *cli.Command {
	color := new(colorMode)
	return command(&cli.Command{
		Name:      "check",
		Usage:     "list the findings",
		ArgsUsage: "[FILE|DIR|GLOB...]",
		UsageText: "copydesk check [flags] [FILE|DIR|GLOB...]",
		Description: `Lists what copydesk finds in each FILE (standard input for none or "-"),
each DIR (its *.md, *.markdown and *.txt files, as .gitignore allows) and
each quoted GLOB ('docs/**/*.md'), sorted by position, each as a line

   NAME:LINE:COLUMN: SEVERITY: MESSAGE [RULE]

followed by the source line and carets under the finding's span (in colour
on a terminal, unless NO_COLOR is set; see --color). Lines and columns
start at 1; columns count Unicode characters. Exits 1 if a finding is at
the --fail-on severity or above, 0 otherwise.

--format chooses the output:
   text        the findings with source lines and carets (the default)
   short       one line a finding, without the source
   json        one JSON document with byte offsets and the exact fixes (the
               schema is documented in package
               github.com/copydesk/copydesk/pipeline/report)
   sarif       a SARIF 2.1.0 log, for code scanning (GitHub, editors)
   github      GitHub Actions workflow commands: annotations on a pull request
   checkstyle  Checkstyle XML, for Jenkins, GitLab converters and editors
   rdjsonl     reviewdog's diagnostic format, one JSON object a line

Examples:
   copydesk check story.txt
   copydesk check --fail-on error drafts/*.txt
   copydesk check docs/ 'notes/**/*.txt'
   copydesk check -j 8 --format sarif content/ > copydesk.sarif
   copydesk check --format github drafts/*.txt     # in a GitHub Actions step
   copydesk check --format sarif drafts/*.txt > copydesk.sarif
   copydesk check --format json story.txt | jq '.files[].findings[].rule'
   copydesk check --disable dedupe.sentence --report-only 'quotes.*' story.txt`,
		Flags: withFlags(append([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "output `FORMAT`: " + strings.Join(checkFormats, ", ")},
			&cli.GenericFlag{Name: "color", Value: color, DefaultText: "auto", Usage: "colour the text format `WHEN`: always (also --color alone), never or auto"},
			&cli.StringFlag{Name: "fail-on", Value: "warning", Usage: "exit 1 if a finding is at `SEVERITY` or above: error, warning or info"},
			&cli.BoolFlag{Name: "jsonl", Usage: "check one string field of each JSON Lines record (a FILE, a DIR of *.jsonl[.gz|.zst] or a GLOB), each named FILE:LINE; nothing is rewritten"},
			&cli.StringFlag{Name: "field", Value: "text", Usage: "with --jsonl: the top-level string `FIELD` to check"},
		}, pipelineFlags()...), batchFlags()...),
		Action: func(c *cli.Context) error { return e.check(c, *color) },
	})
}

func (e *env) check(c *cli.Context, color colorMode) error {
	o, err := e.readOptions(c)
	if err != nil {
		return err
	}
	format := c.String("format")
	known := false
	for _, f := range checkFormats {
		known = known || f == format
	}
	if !known {
		return usagef("check: unknown --format %q (want %s)", format, strings.Join(checkFormats, ", "))
	}
	failOn, err := lint.ParseSeverity(c.String("fail-on"))
	if err != nil {
		return usagef("check: --fail-on: %v", err)
	}
	var jw *report.JSONWriter
	if format == "json" {
		jw = report.NewJSONWriter(e.stdout)
	}
	pretty := report.PrettyOptions{Color: format == "text" && e.useColor(color)}
	var all []report.File // for SARIF, one document of every file
	emit := func(f report.File) error {
		if report.Count([]report.File{f}, failOn) > 0 {
			e.fail(exitFound)
		}
		switch format {
		case "json":
			err = jw.Write(f)
		case "sarif":
			all = append(all, f)
		case "github":
			err = report.GitHub(e.stdout, f)
		case "checkstyle":
			all = append(all, f)
		case "rdjsonl":
			err = report.RDJSONL(e.stdout, f)
		case "short":
			err = report.Text(e.stdout, f)
		default:
			err = report.Pretty(e.stdout, pretty, f)
		}
		return outputError(err)
	}
	if c.Bool("jsonl") {
		err = e.checkJSONL(o, c.String("field"), inputArgs(c), emit)
	} else {
		err = e.batch(o, readCorpusFlags(c), inputArgs(c), nil, func(d *doc, _ *batchRun) error {
			if format == "json" { // streamed: no File of every finding
				if report.CountResult(d.r, failOn) > 0 {
					e.fail(exitFound)
				}
				return outputError(jw.WriteResult(d.in.name, d.r))
			}
			return emit(report.NewFile(d.in.name, d.r))
		})
	}
	if err != nil {
		return err
	}
	switch format {
	case "json":
		return outputError(jw.Close())
	case "sarif":
		return outputError(report.SARIF(e.stdout, all, report.SARIFOptions{
			Version:        toolVersion(),
			InformationURI: "https://github.com/copydesk/copydesk",
			Rules:          e.allRules(),
		}))
	case "checkstyle":
		return outputError(report.Checkstyle(e.stdout, all...))
	}
	return nil
}

// toolVersion is copydesk's module version, or "devel" for a build from
// a checkout.
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
