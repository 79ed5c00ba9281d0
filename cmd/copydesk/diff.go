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
		ArgsUsage: "[FILE...]",
		UsageText: "copydesk diff [flags] [FILE...]",
		Description: `Prints the changes clean would make to each FILE (standard input for
none or "-") as a unified diff, "--- a/FILE" and "+++ b/FILE", that git
apply and patch -p1 accept. Exits 1 if there are changes, 0 if none.

With --color (the default when standard output is a terminal and NO_COLOR
is not set), prints a word diff instead: each changed line with deleted
text in red, inserted text in green and the ids of the rules that changed
it.

Examples:
   copydesk diff story.txt
   copydesk diff story.txt | git apply
   copydesk diff drafts/*.txt > cleanup.patch && patch -p1 < cleanup.patch
   copydesk diff --color=always story.txt | less -R`,
		Flags: append([]cli.Flag{
			&cli.GenericFlag{Name: "color", Value: color, DefaultText: "auto", Usage: "show a coloured word diff `WHEN`: always (also --color alone), never or auto"},
			&cli.IntFlag{Name: "context", Aliases: []string{"U"}, Value: report.DefaultContext, Usage: "show `N` unchanged lines around each change"},
		}, pipelineFlags()...),
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
	opts, err := e.pipelineOptions(c)
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
	colored := e.useColor(color)
	stdinName := c.String("stdin-name")
	p := e.newPipeline(opts)
	for _, arg := range inputArgs(c) {
		in, err := e.read(arg, stdinName)
		if err != nil {
			e.errorf("%v", err)
			e.fail(exitFailure)
			continue
		}
		r := p.Run(in.text)
		if !r.Changed() {
			continue
		}
		e.fail(exitFound)
		if colored {
			err = report.Color(e.stdout, in.name, r)
		} else {
			name := diffName(in.name)
			err = report.Unified(e.stdout, r.Original, r.Edits(), report.UnifiedOptions{OldName: "a/" + name, NewName: "b/" + name, Context: ctx})
		}
		if err != nil {
			return outputError(err)
		}
	}
	return nil
}

// diffName is the name of a file in a diff's "--- a/NAME" line: slashes
// for separators, and relative, so that patch -p1 and git apply take it.
func diffName(name string) string {
	return strings.TrimLeft(filepath.ToSlash(filepath.Clean(name)), "/")
}
