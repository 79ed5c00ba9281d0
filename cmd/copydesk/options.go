package main

import (
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/dedupe/segment"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
	"github.com/copydesk/copydesk/pipeline/walk"
)

// A setting is a pipeline option that a flag sets and a configuration
// file may set too. Adding a pipeline option to the command line is one
// entry here (and, for the file, one key in package config).
type setting struct {
	flag cli.Flag
	// read sets the option in o from the flag's value.
	read func(c *cli.Context, o *registry.Options) error
	// win copies the option from src to dst: a flag given on the command
	// line wins over the configuration file.
	win func(dst, src *registry.Options)
}

// settings are the pipeline options of the commands that run the
// pipeline, in the order their flags are read.
var settings = []setting{
	{
		flag: &cli.StringFlag{Name: "quotes", Value: "ascii", Usage: "`STYLE` of quotation marks: ascii (straighten curly quotes), keep, or typographic (curly quotes of --lang)"},
		read: func(c *cli.Context, o *registry.Options) (err error) {
			if o.Normalize.Quotes, err = normalize.ParseQuoteStyle(c.String("quotes")); err != nil {
				return usagef("%s: unknown --quotes %q (want ascii, keep or typographic)", c.Command.Name, c.String("quotes"))
			}
			return nil
		},
		win: func(dst, src *registry.Options) { dst.Normalize.Quotes = src.Normalize.Quotes },
	},
	{
		flag: &cli.StringFlag{Name: "lang", Value: "en", Usage: "`LANG` of the text: its quotes for --quotes typographic (" + strings.Join(normalize.Languages(), ", ") + ") and its sentence rules (" + strings.Join(segment.Languages(), ", ") + "); not given: English quotes, every language's sentence rules"},
		read: func(c *cli.Context, o *registry.Options) error {
			l := c.String("lang")
			if !normalize.ValidLang(l) && !segment.ValidLang(l) {
				return usagef("%s: unknown --lang %q (want %s)", c.Command.Name, l, strings.Join(langNames(), ", "))
			}
			if c.IsSet("lang") {
				// Not given, the quotes are English and the sentence
				// splitter applies every language's rules.
				o.Normalize.Lang = l
			}
			return nil
		},
		win: func(dst, src *registry.Options) { dst.Normalize.Lang = src.Normalize.Lang },
	},
	{
		flag: &cli.BoolFlag{Name: "primes", Usage: "with --quotes typographic, turn feet and inches after a digit (5'10\") into primes (5′10″)"},
		read: func(c *cli.Context, o *registry.Options) error { o.Normalize.Primes = c.Bool("primes"); return nil },
		win:  func(dst, src *registry.Options) { dst.Normalize.Primes = src.Normalize.Primes },
	},
	{
		flag: &cli.BoolFlag{Name: "width", Usage: "fold fullwidth ASCII and ideographic spaces to ASCII, halfwidth katakana to full width (East Asian punctuation stays)"},
		read: func(c *cli.Context, o *registry.Options) error { o.Normalize.Width = c.Bool("width"); return nil },
		win:  func(dst, src *registry.Options) { dst.Normalize.Width = src.Normalize.Width },
	},
	{
		flag: &cli.StringFlag{Name: "dedupe", Value: "adjacent", Usage: "`MODE` of repeat removal: adjacent (a repeat of the unit just before it), all, off, or corpus (all, and paragraphs repeated across documents)"},
		read: func(c *cli.Context, o *registry.Options) (err error) {
			if o.Dedupe.Mode, err = dedupe.ParseMode(c.String("dedupe")); err != nil {
				return usagef("%s: unknown --dedupe %q (want adjacent, all, off or corpus)", c.Command.Name, c.String("dedupe"))
			}
			return nil
		},
		win: func(dst, src *registry.Options) { dst.Dedupe.Mode = src.Dedupe.Mode },
	},
	{
		flag: &cli.BoolFlag{Name: "apply-suggestions", Usage: "apply suggested fixes too (fixes a rule is not sure of), not only sure ones"},
		read: func(c *cli.Context, o *registry.Options) error {
			o.ApplySuggestions = c.Bool("apply-suggestions")
			return nil
		},
		win: func(dst, src *registry.Options) { dst.ApplySuggestions = src.ApplySuggestions },
	},
}

// langNames lists the languages --lang takes: those with typographic
// quotes and those with sentence rules.
func langNames() []string {
	names := append(normalize.Languages(), segment.Languages()...)
	slices.Sort(names)
	return slices.Compact(names)
}

// pipelineFlags are the flags of the commands that run the pipeline.
func pipelineFlags() []cli.Flag {
	var flags []cli.Flag
	for _, s := range settings {
		flags = append(flags, s.flag)
	}
	return append(append(flags,
		&cli.StringSliceFlag{Name: "disable", Usage: "switch off `RULE`; repeat the flag or give a comma-separated list; AREA.* names all rules of an area"},
		&cli.StringSliceFlag{Name: "enable", Usage: "switch on `RULE`, one that is off by default (style.echo); repeatable, comma-separated"},
		&cli.StringSliceFlag{Name: "report-only", Usage: "report `RULE` but do not fix it; repeatable, comma-separated, AREA.* as for --disable"},
		quietFlag(),
		&cli.StringFlag{Name: "stdin-name", Value: "stdin", Usage: "`NAME` that stands for standard input in messages, diffs and reports"},
		maxSizeFlag(),
	), documentFlags()...)
}

// documentFlags choose how a document is read: its format and its
// configuration file.
func documentFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "config", Usage: "use the configuration `FILE` for every document instead of the nearest .copydesk.toml", TakesFile: true},
		&cli.BoolFlag{Name: "no-config", Usage: "read no .copydesk.toml"},
		&cli.StringFlag{Name: "format-in", Value: "auto", Usage: "input `FORMAT`: md (Markdown: only prose is checked), text, or auto (md for .md, .markdown and the like)"},
	}
}

// options are what the flags of a command that runs the pipeline say,
// read once.
type options struct {
	cmd       string           // the command's name
	pipeline  registry.Options // the options of a document without configuration file
	given     []setting        // the settings given on the command line
	stdinName string
	editsOnly bool // keep the changes only, no findings (clean without a report)
	// The document flags, checked by checker.
	config    string
	configSet bool
	noConfig  bool
	formatIn  string
	formatSet bool
	// The batch flags.
	jobs     int
	stats    string
	progress *bool // nil: on a terminal
	walk     walk.Options
}

// readOptions reads the flags every command that runs the pipeline
// shares, stopping at the first mistake.
func (e *env) readOptions(c *cli.Context) (*options, error) {
	o := &options{cmd: c.Command.Name}
	e.quiet = e.quiet || c.Bool("quiet")
	if err := e.setMaxSize(c); err != nil {
		return nil, err
	}
	for _, s := range settings {
		if err := s.read(c, &o.pipeline); err != nil {
			return nil, err
		}
		if c.IsSet(s.flag.Names()[0]) {
			o.given = append(o.given, s)
		}
	}
	var err error
	if o.pipeline.Disabled, err = e.ruleList(c, "disable"); err != nil {
		return nil, err
	}
	if o.pipeline.Enabled, err = e.ruleList(c, "enable"); err != nil {
		return nil, err
	}
	if o.pipeline.ReportOnly, err = e.ruleList(c, "report-only"); err != nil {
		return nil, err
	}
	o.stdinName = stdinName(c)
	o.config, o.configSet, o.noConfig = c.String("config"), c.IsSet("config"), c.Bool("no-config")
	o.formatIn, o.formatSet = c.String("format-in"), c.IsSet("format-in")
	o.jobs, o.stats = c.Int("jobs"), c.String("stats")
	if c.IsSet("progress") {
		p := c.Bool("progress")
		o.progress = &p
	}
	o.walk = walk.Options{
		Include:     splitList(c.StringSlice("include")),
		Exclude:     splitList(c.StringSlice("exclude")),
		Hidden:      c.Bool("hidden"),
		NoIgnore:    c.Bool("no-ignore"),
		FollowLinks: c.Bool("follow"),
	}
	return o, nil
}

// stdinName reads --stdin-name, which split has too.
func stdinName(c *cli.Context) string { return c.String("stdin-name") }

// override sets in a configuration file's options the settings given on
// the command line.
func (o *options) override(dst *registry.Options) {
	for _, s := range o.given {
		s.win(dst, &o.pipeline)
	}
}

// format reads --format-in.
func (o *options) format() (document.Format, error) {
	if !o.formatSet && o.formatIn == "" {
		return document.Auto, nil
	}
	f, err := document.ParseFormat(o.formatIn)
	if err != nil {
		return f, usagef("%s: unknown --format-in %q (want md, text or auto)", o.cmd, strings.ToLower(o.formatIn))
	}
	return f, nil
}

// ruleList reads a flag of rule ids, expanding AREA.* to the rules of the
// area, and rejects ids that no rule has.
func (e *env) ruleList(c *cli.Context, flag string) ([]string, error) {
	values := c.StringSlice(flag)
	if len(values) == 0 {
		return nil, nil
	}
	ids := ruleIDs(e.allRules())
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
		if _, ok := slices.BinarySearch(ids, v); !ok {
			return nil, usagef("%s: --%s: unknown rule %q (see 'copydesk rules')", c.Command.Name, flag, v)
		}
		out = append(out, v)
	}
	return out, nil
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

// inputArgs returns the command's file arguments, or "-" for standard
// input when there are none.
func inputArgs(c *cli.Context) []string {
	if !c.Args().Present() {
		return []string{"-"}
	}
	return c.Args().Slice()
}
