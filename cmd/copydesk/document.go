package main

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/config"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/markdown"
	"github.com/copydesk/copydesk/pipeline/suppress"
)

// documentFlags choose how a document is read: its format and its
// configuration file.
func documentFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "config", Usage: "use the configuration `FILE` for every document instead of the nearest .copydesk.toml", TakesFile: true},
		&cli.BoolFlag{Name: "no-config", Usage: "read no .copydesk.toml"},
		&cli.StringFlag{Name: "format-in", Value: "auto", Usage: "input `FORMAT`: md (Markdown: only prose is checked), text, or auto (md for .md, .markdown and the like)"},
	}
}

// A docSetup is how a command turns each document into a result: the
// options its flags set, the configuration files found, the format.
type docSetup struct {
	flags    pipeline.Options
	set      map[string]bool // pipeline flags given on the command line
	loader   *config.Loader  // nil with --no-config
	formatIn string          // "md", "text" or "auto"
	rules    []lint.Rule     // every rule a document can report
	known    func(string) bool
	// report keeps the suppression findings (unused, unknown): not when
	// only the cleaned text is kept.
	report bool
}

// allRules returns every rule copydesk can report: the pipeline's, the
// suppression comments' and the corpus's.
func (e *env) allRules() []lint.Rule {
	rules := e.newPipeline(pipeline.Options{}).Rules()
	seen := map[string]bool{}
	for _, r := range rules {
		seen[r.ID] = true
	}
	for _, r := range append(suppress.Rules(), corpus.Rules()...) {
		if !seen[r.ID] {
			seen[r.ID] = true
			rules = append(rules, r)
		}
	}
	return rules
}

// newDocSetup reads the document flags. A --config file is read now, so
// that a mistake in it stops the run before any document.
func (e *env) newDocSetup(c *cli.Context, flags pipeline.Options) (*docSetup, error) {
	s := &docSetup{flags: flags, set: map[string]bool{}, report: !flags.FixesOnly, formatIn: "auto"}
	for _, name := range []string{"quotes", "lang", "primes", "width", "dedupe"} {
		s.set[name] = c.IsSet(name)
	}
	if c.IsSet("format-in") || c.String("format-in") != "" {
		switch f := strings.ToLower(c.String("format-in")); f {
		case "md", "markdown":
			s.formatIn = "md"
		case "text", "txt", "plain":
			s.formatIn = "text"
		case "auto", "":
			s.formatIn = "auto"
		default:
			return nil, usagef("%s: unknown --format-in %q (want md, text or auto)", c.Command.Name, f)
		}
	}
	s.rules = e.allRules()
	s.known = suppress.Known(s.rules)
	if c.Bool("no-config") {
		if c.IsSet("config") {
			return nil, usagef("%s: --config and --no-config exclude each other", c.Command.Name)
		}
		return s, nil
	}
	s.loader = &config.Loader{Path: c.String("config"), Rules: s.rules}
	if s.loader.Path != "" {
		if _, err := s.loader.ForDir("."); err != nil {
			return nil, err // names the file and line
		}
	}
	return s, nil
}

// options returns the pipeline options for a document whose
// configuration is cfg (nil for none): the file's settings, overridden by
// the flags given on the command line.
func (s *docSetup) options(cfg *config.Config) pipeline.Options {
	if cfg == nil {
		return s.flags
	}
	var o pipeline.Options
	cfg.Apply(&o)
	f := s.flags
	if s.set["quotes"] {
		o.Normalize.Quotes = f.Normalize.Quotes
	}
	if s.set["lang"] {
		o.Normalize.Lang = f.Normalize.Lang
	}
	if s.set["primes"] {
		o.Normalize.Primes = f.Normalize.Primes
	}
	if s.set["width"] {
		o.Normalize.Width = f.Normalize.Width
	}
	if s.set["dedupe"] {
		o.Dedupe.Mode = f.Dedupe.Mode
	}
	o.Disabled = append(slices.Clone(o.Disabled), f.Disabled...)
	o.ReportOnly = append(slices.Clone(o.ReportOnly), f.ReportOnly...)
	o.FixesOnly = f.FixesOnly
	return o
}

// config returns the configuration of the document in, or nil.
func (s *docSetup) config(in *input) (*config.Config, error) {
	if s == nil || s.loader == nil {
		return nil, nil
	}
	if in.path == "" {
		return s.loader.ForDir(".")
	}
	return s.loader.ForFile(in.path)
}

// markdown reports whether the document in is Markdown.
func (s *docSetup) markdown(in *input) bool {
	switch s.formatIn {
	case "md":
		return true
	case "text":
		return false
	}
	name := in.path
	if name == "" {
		name = in.name
	}
	return markdown.IsMarkdownPath(filepath.Base(name))
}

// include reports whether a file found by walking a directory is taken:
// its configuration's [files] globs decide.
func (s *docSetup) include(path string) (bool, error) {
	if s == nil || s.loader == nil {
		return true, nil
	}
	cfg, err := s.loader.ForFile(path)
	if err != nil || cfg == nil {
		return true, err
	}
	return cfg.Match(path), nil
}

// run cleans one document with pipelines from w: its configuration, its
// format (Markdown: only prose is checked and changed) and its
// suppression comments.
func (s *docSetup) run(w *docWorker, in *input) (*pipeline.Result, *pipeline.Guard, error) {
	cfg, err := s.config(in)
	if err != nil {
		return nil, nil, err
	}
	opts := s.options(cfg)
	p := w.pipelineFor(cfg, opts)
	p.EditsOnly(!s.report)
	md := s.markdown(in)
	var g *pipeline.Guard
	if md {
		g = markdown.Guard(in.text)
	}
	set := suppress.Parse(in.text, md, s.known)
	if !set.Empty() {
		if g == nil {
			g = &pipeline.Guard{}
		}
		if prev := g.Suppressed; prev != nil {
			g.Suppressed = func(rule string, span lint.Span) bool {
				return set.Suppressed(rule, span) || prev(rule, span)
			}
		} else {
			g.Suppressed = set.Suppressed
		}
		if !md {
			// A directive line is the author's, not text to clean.
			g.Inline = mergeSpans(g.Inline, set.Spans())
		}
	}
	r := p.RunGuarded(in.text, g)
	if s.report && !set.Empty() {
		set.AddTo(r, opts)
	}
	return r, g, nil
}

// mergeSpans merges two sorted lists of spans into one sorted list of
// non-overlapping spans.
func mergeSpans(a, b []lint.Span) []lint.Span {
	all := append(slices.Clone(a), b...)
	slices.SortFunc(all, func(x, y lint.Span) int { return x.Start - y.Start })
	var out []lint.Span
	for _, s := range all {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}
