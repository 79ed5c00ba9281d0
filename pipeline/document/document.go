package document

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/config"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/markdown"
	"github.com/copydesk/copydesk/pipeline/registry"
	"github.com/copydesk/copydesk/pipeline/suppress"
)

// A Format is how a document's bytes are read.
type Format int

// Formats.
const (
	// Auto reads Markdown for a name Markdown files have (.md,
	// .markdown and the like: markdown.IsMarkdownPath), text otherwise.
	Auto Format = iota
	// Markdown checks and changes only prose: code, front matter, HTML,
	// link targets and the like are kept as they are.
	Markdown
	// Text reads every byte as prose.
	Text
)

// ParseFormat reads a format's name: md (or markdown), text (or txt,
// plain), auto (or ""); case does not matter.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "md", "markdown":
		return Markdown, nil
	case "text", "txt", "plain":
		return Text, nil
	case "auto", "":
		return Auto, nil
	}
	return Auto, fmt.Errorf("unknown format %q (want md, text or auto)", s)
}

// String returns the format's name: auto, md or text.
func (f Format) String() string {
	switch f {
	case Markdown:
		return "md"
	case Text:
		return "text"
	}
	return "auto"
}

// Options configure a Checker. The zero value checks text and Markdown
// (by name) with the default chain, reads no configuration file and
// reports suppression problems.
type Options struct {
	// Pipeline are the options of a document that no configuration file
	// covers.
	Pipeline registry.Options
	// Override, if not nil, sets in the options a configuration file
	// gives what must win over the file (the settings given on a command
	// line). Besides, Pipeline's Disabled, Enabled and ReportOnly rules
	// are added to the file's, and Pipeline's FixesOnly and ApplySuggestions are
	// kept.
	Override func(*registry.Options)
	// Config, if not nil, finds the configuration file of each document
	// (the nearest .copydesk.toml, or one file for all). A Loader is
	// safe for concurrent use.
	Config *config.Loader
	// Format is how documents are read.
	Format Format
	// FixesOnly leaves out the suppression comments' own findings
	// (suppress.unused and the like), for a job that keeps only the
	// cleaned text. Pipeline.FixesOnly implies it.
	FixesOnly bool
	// EditsOnly keeps only the changes of each run (Pipeline.EditsOnly):
	// the results hold Counts instead of Findings, for a job that keeps
	// only the cleaned text or its diff.
	EditsOnly bool
	// NewPipeline, if not nil, builds the chain for a document's options
	// instead of registry.Default: tests give fake stages this way.
	NewPipeline func(registry.Options) *pipeline.Pipeline
}

// A Doc is one document to check.
type Doc struct {
	// Name is what messages and reports call the document. With Auto,
	// a Markdown name makes it Markdown when Path is empty.
	Name string
	// Path is the document's file, which decides its configuration file
	// and, with Auto, its format; "" for a document without one
	// (standard input, a record): the configuration is that of the
	// current directory.
	Path string
	// Text is the document.
	Text string
}

// A Result is a checked document.
type Result struct {
	*pipeline.Result
	// Guard is what the run kept the stages away from (Markdown code,
	// suppressed findings, directive lines); nil for none. Extending the
	// result (pipeline.ExtendGuarded) takes it.
	Guard *pipeline.Guard
	// Markdown reports whether the document was read as Markdown.
	Markdown bool
	// Config is the document's configuration file; nil for none.
	Config *config.Config
	// Options are the pipeline options the document was run with.
	Options registry.Options
	// Fallback, if not nil, says why a Markdown document was checked as
	// plain text (a shape that would cost more than its size to parse);
	// its finding (rule markdown.fallback) is in the result too.
	Fallback *markdown.Fallback
}

// A Checker checks documents as copydesk's commands do: it finds each
// document's configuration file, reads Markdown as Markdown, honours
// suppression comments and runs the chain the options ask for. Build it
// once; it is safe for concurrent use. A Worker is the faster form for
// one goroutine.
type Checker struct {
	opts    Options
	rules   []lint.Rule
	known   func(string) bool
	suggest func(string) string
	pool    sync.Pool // of *Worker
}

// New returns a Checker for the options.
func New(opts Options) *Checker {
	if opts.NewPipeline == nil {
		opts.NewPipeline = registry.Default
	}
	if opts.Pipeline.FixesOnly {
		opts.FixesOnly = true
	}
	c := &Checker{opts: opts}
	c.rules = registry.RulesOf(opts.NewPipeline(registry.Options{Enabled: registry.DefaultOff}))
	c.known = suppress.Known(c.rules)
	c.suggest = suppress.Suggester(c.rules)
	c.pool.New = func() any { return c.NewWorker() }
	return c
}

// Rules returns every rule a document can report: the chain's, the
// suppression comments' and the corpus's (registry.RulesOf). The caller
// may not change the slice.
func (c *Checker) Rules() []lint.Rule { return c.rules }

// Options returns the pipeline options for a document whose
// configuration is cfg (nil for none): the file's settings, with what
// Options.Override sets over them.
func (c *Checker) Options(cfg *config.Config) registry.Options {
	if cfg == nil {
		return c.opts.Pipeline
	}
	var o registry.Options
	cfg.Apply(&o)
	if c.opts.Override != nil {
		c.opts.Override(&o)
	}
	f := c.opts.Pipeline
	o.Disabled = append(slices.Clone(o.Disabled), f.Disabled...)
	o.Enabled = append(slices.Clone(o.Enabled), f.Enabled...)
	o.ReportOnly = append(slices.Clone(o.ReportOnly), f.ReportOnly...)
	o.FixesOnly = f.FixesOnly
	o.ApplySuggestions = o.ApplySuggestions || f.ApplySuggestions
	return o
}

// Config returns the configuration file of the document at path ("" for
// one without a file: that of the current directory), or nil for none.
// Its error names the file and line of a mistake in it.
func (c *Checker) Config(path string) (*config.Config, error) {
	if c.opts.Config == nil {
		return nil, nil
	}
	if path == "" {
		return c.opts.Config.ForDir(".")
	}
	return c.opts.Config.ForFile(path)
}

// Include reports whether a file found by walking a directory is taken:
// its configuration's [files] globs decide.
func (c *Checker) Include(path string) (bool, error) {
	if c.opts.Config == nil {
		return true, nil
	}
	cfg, err := c.opts.Config.ForFile(path)
	if err != nil || cfg == nil {
		return true, err
	}
	return cfg.Match(path), nil
}

// IsMarkdown reports whether d is read as Markdown.
func (c *Checker) IsMarkdown(d Doc) bool {
	switch c.opts.Format {
	case Markdown:
		return true
	case Text:
		return false
	}
	name := d.Path
	if name == "" {
		name = d.Name
	}
	return markdown.IsMarkdownPath(filepath.Base(name))
}

// Check checks one document. It may be called from many goroutines.
func (c *Checker) Check(d Doc) (Result, error) {
	w := c.pool.Get().(*Worker)
	defer c.pool.Put(w)
	return w.Check(d)
}

// A Worker checks documents on one goroutine, keeping the chains it
// builds (one for each configuration file) for the next document. It is
// not safe for concurrent use; a Result does not depend on it.
type Worker struct {
	c        *Checker
	p        *pipeline.Pipeline
	byConfig map[*config.Config]*pipeline.Pipeline
}

// NewPipeline builds a chain for opts as the checker does
// (Options.NewPipeline, or registry.Default): for extending results
// with the same rule settings.
func (c *Checker) NewPipeline(opts registry.Options) *pipeline.Pipeline {
	return c.opts.NewPipeline(opts)
}

// NewWorker returns a Worker of c.
func (c *Checker) NewWorker() *Worker { return &Worker{c: c} }

// Pipeline returns the worker's chain for documents configured by cfg
// (nil for none), whose options are opts, building it once.
func (w *Worker) Pipeline(cfg *config.Config, opts registry.Options) *pipeline.Pipeline {
	if cfg == nil {
		if w.p == nil {
			w.p = w.c.opts.NewPipeline(w.c.opts.Pipeline)
		}
		return w.p
	}
	p, ok := w.byConfig[cfg]
	if !ok {
		if w.byConfig == nil {
			w.byConfig = map[*config.Config]*pipeline.Pipeline{}
		}
		p = w.c.opts.NewPipeline(opts)
		w.byConfig[cfg] = p
	}
	return p
}

// Check checks one document: its configuration, its format (Markdown:
// only prose is checked and changed) and its suppression comments. The
// error is one of the document's configuration file.
func (w *Worker) Check(d Doc) (Result, error) {
	c := w.c
	cfg, err := c.Config(d.Path)
	if err != nil {
		return Result{}, err
	}
	opts := c.Options(cfg)
	p := w.Pipeline(cfg, opts)
	md := c.IsMarkdown(d)
	var g *pipeline.Guard
	var fb *markdown.Fallback
	if md {
		g, fb = markdown.Check(d.Text)
	}
	set := suppress.ParseSuggest(d.Text, md, c.known, c.suggest)
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
			g.Inline = lint.MergeSpans(append(slices.Clone(g.Inline), set.Spans()...))
		}
	}
	p.EditsOnly(c.opts.EditsOnly)
	r := p.RunGuarded(d.Text, g)
	if !c.opts.FixesOnly && !c.opts.EditsOnly && !set.Empty() {
		set.AddTo(r, opts.Disabled, opts.Severity)
	}
	if fb != nil && !c.opts.FixesOnly {
		markdown.AddFallback(r, fb, opts.Disabled, opts.Severity)
	}
	return Result{Result: r, Guard: g, Markdown: md, Config: cfg, Options: opts, Fallback: fb}, nil
}
