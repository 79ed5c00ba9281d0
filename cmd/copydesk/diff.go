package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/pipeline/report"
)

func (e *env) diffCommand() *cli.Command {
	color := new(colorMode)
	return command(&cli.Command{
		Name:      "diff",
		Usage:     "show the changes as a unified diff",
		ArgsUsage: "[FILE|DIR|GLOB...]",
		UsageText: "copydesk diff [flags] [FILE|DIR|GLOB...]",
		Description: `Prints the changes clean would make to each FILE (standard input for
none or "-"), each DIR's *.md, *.markdown and *.txt files (as .gitignore
allows) and each quoted GLOB's files as one unified diff, "--- a/FILE" and
"+++ b/FILE", that git apply and patch -p1 accept. Exits 1 if there are
changes, 0 if none.

With --color (the default when standard output is a terminal and NO_COLOR
is not set), prints a word diff instead: each changed line with deleted
text in red, inserted text in green and the ids of the rules that changed
it.

With --format html, prints one self-contained HTML page instead (no
external assets) for a person to review: each document with deletions and
insertions marked inline, the rule and message of each change on hover and
in a side list, the number of findings of each rule at the top, and a
toggle between the changes and the clean text.

Examples:
   copydesk diff story.txt
   copydesk diff story.txt | git apply
   copydesk diff drafts/*.txt > cleanup.patch && patch -p1 < cleanup.patch
   copydesk diff docs/ | git apply
   copydesk diff --color=always story.txt | less -R
   copydesk diff --format html drafts/*.txt > report.html`,
		Flags: withFlags(append([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: "unified", Usage: "output `FORMAT`: unified (a patch, or a word diff with --color) or html"},
			&cli.GenericFlag{Name: "color", Value: color, DefaultText: "auto", Usage: "show a coloured word diff `WHEN`: always (also --color alone), never or auto"},
			&cli.IntFlag{Name: "context", Aliases: []string{"U"}, Value: report.DefaultContext, Usage: "show `N` unchanged lines around each change"},
		}, pipelineFlags()...), batchFlags()...),
		Action: func(c *cli.Context) error { return e.diff(c, *color) },
	})
}

// A colorMode is the value of --color. As a boolean flag, --color alone
// means always.
type colorMode string

func (m *colorMode) Set(s string) error {
	switch s {
	case "true", "always", "yes", "force":
		*m = "always"
	case "false", "never", "no", "none":
		*m = "never"
	case "auto", "tty", "if-tty":
		*m = "auto"
	default:
		return fmt.Errorf("want always, never or auto")
	}
	return nil
}

func (m *colorMode) String() string {
	if m == nil || *m == "" {
		return "auto"
	}
	return string(*m)
}

// IsBoolFlag lets --color stand alone.
func (m *colorMode) IsBoolFlag() bool { return true }

// useColor decides --color=auto: colour for a terminal, unless NO_COLOR
// is set to anything.
func (e *env) useColor(m colorMode) bool {
	switch m {
	case "always":
		return true
	case "never":
		return false
	}
	if e.getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := e.stdout.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (e *env) diff(c *cli.Context, color colorMode) error {
	o, err := e.readOptions(c)
	if err != nil {
		return err
	}
	ctx := c.Int("context")
	if ctx < 0 {
		return usagef("diff: --context must not be negative")
	}
	if ctx == 0 {
		ctx = -1 // none; 0 means the default to report.Unified
	}
	format := c.String("format")
	if format != "unified" && format != "html" {
		return usagef("diff: unknown --format %q (want unified or html)", format)
	}
	colored := format == "unified" && e.useColor(color)
	var docs []report.HTMLDoc
	err = e.batch(o, readCorpusFlags(c), inputArgs(c), nil, func(d *doc, _ *batchRun) error {
		in, r := d.in, d.r
		if format == "html" {
			docs = append(docs, report.HTMLDoc{Name: in.name, Result: r})
		}
		if !r.Changed() {
			return nil
		}
		e.fail(exitFound)
		if format == "html" {
			return nil
		}
		var err error
		if colored {
			err = report.Color(e.stdout, in.name, r)
		} else {
			oldName, newName := diffHeaders(in.name)
			err = report.Unified(e.stdout, r.Original, r.Edits(), report.UnifiedOptions{OldName: oldName, NewName: newName, Context: ctx})
		}
		return outputError(err)
	})
	if err != nil {
		return err
	}
	if format == "html" {
		title := "copydesk report"
		if len(docs) == 1 {
			title = "copydesk: " + docs[0].Name
		}
		return outputError(report.HTML(e.stdout, docs, report.HTMLOptions{Title: title}))
	}
	return nil
}

// diffName is the name of a file in a diff's "--- a/NAME" line: slashes
// for separators, and relative, so that patch -p1 and git apply take it.
func diffName(name string) string {
	return strings.TrimLeft(filepath.ToSlash(filepath.Clean(name)), "/")
}
