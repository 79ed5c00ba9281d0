package main

import (
	"os"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// pipelineFlags are the flags of the commands that run the pipeline.
func pipelineFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "quotes", Value: "ascii", Usage: "`STYLE` of quotation marks: ascii (straighten curly quotes), keep, or typographic (curly quotes of --lang)"},
		&cli.StringFlag{Name: "lang", Value: "en", Usage: "`LANG` whose quotes --quotes typographic uses: " + strings.Join(normalize.Languages(), ", ")},
		&cli.BoolFlag{Name: "primes", Usage: "with --quotes typographic, turn feet and inches after a digit (5'10\") into primes (5′10″)"},
		&cli.BoolFlag{Name: "width", Usage: "fold fullwidth ASCII and ideographic spaces to ASCII, halfwidth katakana to full width (East Asian punctuation stays)"},
		&cli.StringFlag{Name: "dedupe", Value: "adjacent", Usage: "`MODE` of repeat removal: adjacent (a repeat of the unit just before it), all, off, or corpus (all, and paragraphs repeated across documents)"},
		&cli.StringSliceFlag{Name: "disable", Usage: "switch off `RULE`; repeat the flag or give a comma-separated list; AREA.* names all rules of an area"},
		&cli.StringSliceFlag{Name: "report-only", Usage: "report `RULE` but do not fix it; repeatable, comma-separated, AREA.* as for --disable"},
		&cli.StringFlag{Name: "stdin-name", Value: "stdin", Usage: "`NAME` that stands for standard input in messages, diffs and reports"},
		maxSizeFlag(),
	}, documentFlags()...)
}

// pipelineOptions reads the pipeline flags.
func (e *env) pipelineOptions(c *cli.Context) (registry.Options, error) {
	var opts registry.Options
	if err := e.setMaxSize(c); err != nil {
		return opts, err
	}
	q, err := normalize.ParseQuoteStyle(c.String("quotes"))
	if err != nil {
		return opts, usagef("%s: unknown --quotes %q (want ascii, keep or typographic)", c.Command.Name, c.String("quotes"))
	}
	opts.Normalize.Quotes = q
	if l := c.String("lang"); !normalize.ValidLang(l) {
		return opts, usagef("%s: unknown --lang %q (want %s)", c.Command.Name, l, strings.Join(normalize.Languages(), ", "))
	}
	opts.Normalize.Lang = c.String("lang")
	opts.Normalize.Primes = c.Bool("primes")
	opts.Normalize.Width = c.Bool("width")
	if opts.Dedupe.Mode, err = dedupe.ParseMode(c.String("dedupe")); err != nil {
		return opts, usagef("%s: unknown --dedupe %q (want adjacent, all, off or corpus)", c.Command.Name, c.String("dedupe"))
	}
	if opts.Disabled, err = e.ruleList(c, "disable"); err != nil {
		return opts, err
	}
	if opts.ReportOnly, err = e.ruleList(c, "report-only"); err != nil {
		return opts, err
	}
	return opts, nil
}

// ruleList reads a flag of rule ids, expanding AREA.* to the rules of the
// area, and rejects ids that no rule has.
func (e *env) ruleList(c *cli.Context, flag string) ([]string, error) {
	values := c.StringSlice(flag)
	if len(values) == 0 {
		return nil, nil
	}
	known := map[string]bool{}
	var ids []string
	for _, r := range e.allRules() {
		if !known[r.ID] {
			known[r.ID] = true
			ids = append(ids, r.ID)
		}
	}
	sort.Strings(ids)
	var out []string
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if _, ok := lint.AreaPattern(v); ok {
			n := len(out)
			out = append(out, lint.ExpandPattern(v, ids)...)
			if len(out) == n {
				return nil, usagef("%s: --%s %s matches no rule (see 'copydesk rules')", c.Command.Name, flag, v)
			}
			continue
		}
		if !known[v] {
			return nil, usagef("%s: --%s: unknown rule %q (see 'copydesk rules')", c.Command.Name, flag, v)
		}
		out = append(out, v)
	}
	return out, nil
}

// inputArgs returns the command's file arguments, or "-" for standard
// input when there are none.
func inputArgs(c *cli.Context) []string {
	if !c.Args().Present() {
		return []string{"-"}
	}
	return c.Args().Slice()
}

// misplacedFlag returns a usage error for the first argument that looks
// like a flag and names no file: flags after the file names are read as
// file names, which is rarely what was meant.
func misplacedFlag(c *cli.Context, args []string) error {
	for _, a := range args {
		if len(a) < 2 || a[0] != '-' {
			continue
		}
		if _, err := os.Lstat(a); err == nil {
			continue // a file that happens to start with "-"
		}
		return usagef("%s: %q comes after the file names: put flags before them (copydesk %s [flags] FILE...)", c.Command.Name, a, c.Command.Name)
	}
	return nil
}
