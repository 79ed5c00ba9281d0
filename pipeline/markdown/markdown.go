package markdown

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/markdown/mdrules"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// IsMarkdownPath reports whether a file name has a Markdown extension:
// .md, .markdown, .mdown, .mkd, .mkdn, .mdwn, .mdtxt or .mdtext, in any
// letter case. MDX (.mdx) is not Markdown here: its import lines and JSX
// are code that the prose rules would change.
func IsMarkdownPath(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext":
		return true
	}
	return false
}

// Run cleans the Markdown document src with p: p.RunGuarded(src,
// Guard(src)), with the finding of RuleFallback when the document is
// read as plain text.
func Run(p *pipeline.Pipeline, src string) *pipeline.Result {
	g, fb := Check(src)
	r := p.RunGuarded(src, g)
	if fb != nil {
		AddFallback(r, fb, nil, nil)
	}
	return r
}

// AddFallback adds fb's finding to a run's result, in position order,
// keeping the result's references to its findings (Change.Findings,
// FixedBy) right; not if disabled lists RuleFallback, and with the
// severity severity gives it, if any (as pipeline.Options says).
func AddFallback(r *pipeline.Result, fb *Fallback, disabled []string, severity map[string]lint.Severity) {
	if slices.Contains(disabled, RuleFallback) {
		return
	}
	f := fb.Finding()
	if s, ok := severity[RuleFallback]; ok {
		f.Severity = s
	}
	at := sort.Search(len(r.Findings), func(i int) bool { return r.Findings[i].Start >= f.Start })
	r.Findings = slices.Insert(r.Findings, at, pipeline.Finding{Finding: f, Stage: "markdown", FixedBy: -1})
	for i := range r.Findings {
		if r.Findings[i].FixedBy >= at {
			r.Findings[i].FixedBy++
		}
	}
	for i := range r.Changes {
		for k, x := range r.Changes[i].Findings {
			if x >= at {
				r.Changes[i].Findings[k] = x + 1
			}
		}
	}
}

var (
	mdOnce sync.Once
	md     parser.Parser
)

// mdParser returns the shared goldmark parser; goldmark parsers keep no
// state between calls and may be used concurrently.
func mdParser() parser.Parser {
	mdOnce.Do(func() {
		// goldmark's defaults, with the link reference definitions taken
		// out of paragraphs in chunks (chunkedRefs), then GFM.
		p := parser.NewParser(
			parser.WithBlockParsers(parser.DefaultBlockParsers()...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(util.Prioritized(chunkedRefs{}, 100)),
		)
		md = goldmark.New(goldmark.WithParser(p), goldmark.WithExtensions(extension.GFM)).Parser()
	})
	return md
}

// The budget of chunkedRefs' unchunked calls: lines given times the
// lines among them that may start a definition, per byte of the text.
const refsBudgetPerByte = 64

// parse parses src, with its front matter (if any, ending at fm) blanked
// out so that goldmark sees blank lines there. It returns the bytes
// goldmark parsed, which node values (an autolink's label) are slices of,
// and whether the parse went over its budget (see chunkedRefs): the tree
// is then not the document's, and the guard falls back to plain text.
func parse(src string, fm int) ([]byte, ast.Node, bool) {
	b := []byte(src)
	for i := 0; i < fm; i++ {
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
	pc := parser.NewContext()
	budget := &refsBudget{left: refsBudgetPerByte*len(b) + 1<<16}
	pc.Set(budgetKey, budget)
	doc := mdParser().Parse(text.NewReader(b), parser.WithContext(pc))
	return b, doc, budget.over
}

// Guard returns the guard for the Markdown document src. It never fails:
// any input parses as Markdown, and invalid UTF-8 is kept as it is. A
// document whose shape would cost the parser more than linear time is
// read as plain text: Guard then returns an empty guard, and Check says
// why.
func Guard(src string) *pipeline.Guard {
	g, _ := Check(src)
	return g
}

// RuleFallback is the rule id of the finding Check reports when a
// document is read as plain text instead of Markdown.
const RuleFallback = mdrules.Fallback

// Rules lists the rules of the findings this package reports.
func Rules() []lint.Rule { return mdrules.Rules() }

// A Fallback says why a document was read as plain text.
type Fallback struct {
	Offset int    // where the shape that caused it starts (a line start), or 0
	Reason string // for a person
}

// Finding returns the fallback as a finding of RuleFallback, at the
// start of the line that caused it.
func (f *Fallback) Finding() lint.Finding {
	return lint.Finding{Rule: RuleFallback, Severity: lint.Warning,
		Span:    lint.Span{Start: f.Offset, End: f.Offset},
		Message: "checked as plain text, not Markdown: " + f.Reason}
}

// Check returns the guard for the Markdown document src, as Guard does,
// and a non-nil *Fallback when the document is read as plain text: its
// guard is then empty (every byte may change, code included).
func Check(src string) (*pipeline.Guard, *Fallback) {
	var g *pipeline.Guard
	var fb *Fallback
	if strings.HasPrefix(src, bom) {
		// A byte order mark is not Markdown: the document (and its front
		// matter) starts after it, and the mark is left to the stages.
		g, fb = guard(src[len(bom):])
		if fb != nil {
			fb.Offset += len(bom)
		} else {
			g = shiftGuard(g, bom)
		}
	} else {
		g, fb = guard(src)
	}
	if fb != nil {
		return &pipeline.Guard{}, fb
	}
	return g, nil
}

// bom is the UTF-8 byte order mark.
const bom = "\ufeff"

// shiftGuard returns g, a guard of a text, moved to follow prefix, which
// it leaves unguarded.
func shiftGuard(g *pipeline.Guard, prefix string) *pipeline.Guard {
	n := len(prefix)
	move := func(spans []lint.Span) []lint.Span {
		out := make([]lint.Span, len(spans))
		for i, s := range spans {
			out[i] = lint.Span{Start: s.Start + n, End: s.End + n}
		}
		return out
	}
	back := func(s lint.Span) (lint.Span, bool) {
		if s.Start < n {
			return s, false
		}
		return lint.Span{Start: s.Start - n, End: s.End - n}, true
	}
	out := &pipeline.Guard{Block: move(g.Block), Inline: move(g.Inline)}
	if g.View != "" {
		out.View = prefix + g.View
	}
	if refuse := g.Refuse; refuse != nil {
		out.Refuse = func(e lint.Edit) bool {
			s, ok := back(e.Span)
			if !ok {
				return e.End > n // an edit across the mark and the text
			}
			return refuse(lint.Edit{Span: s, New: e.New})
		}
	}
	if suppressed := g.Suppressed; suppressed != nil {
		out.Suppressed = func(rule string, span lint.Span) bool {
			s, ok := back(span)
			return ok && suppressed(rule, s)
		}
	}
	if suggested := g.Suggested; suggested != nil {
		out.Suggested = func(rule string, span lint.Span) bool {
			s, ok := back(span)
			return ok && suggested(rule, s)
		}
	}
	return out
}

// guard is Guard for a text without a byte order mark; nil when the
// text is read as plain text (a *Fallback says why).
func guard(src string) (*pipeline.Guard, *Fallback) {
	b := &builder{src: src, cls: make([]byte, len(src))}
	fm := frontMatter(src)
	if fm > 0 {
		b.blocks = append(b.blocks, lint.Span{Start: 0, End: fm})
		b.fill(0, fm, cBlock)
	}
	if fb := costlyShape(src); fb != nil {
		return nil, fb
	}
	raw, doc, over := parse(src, fm)
	if over {
		return nil, &Fallback{Reason: "a paragraph of link reference definitions that goldmark would read in time that grows with the square of its size"}
	}
	b.raw = raw
	_ = ast.Walk(doc, b.visit)
	b.finishLines()
	return b.guard(), nil
}
