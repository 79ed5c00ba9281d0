package markdown

import (
	"path/filepath"
	"strings"
	"sync"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
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

// Run cleans the Markdown document src with p: p.RunGuarded(src, Guard(src)).
func Run(p *pipeline.Pipeline, src string) *pipeline.Result {
	return p.RunGuarded(src, Guard(src))
}

var (
	mdOnce sync.Once
	md     parser.Parser
)

// mdParser returns the shared goldmark parser; goldmark parsers keep no
// state between calls and may be used concurrently.
func mdParser() parser.Parser {
	mdOnce.Do(func() {
		md = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()
	})
	return md
}

// parse parses src, with its front matter (if any, ending at fm) blanked
// out so that goldmark sees blank lines there. It returns the bytes
// goldmark parsed, which node values (an autolink's label) are slices of.
func parse(src string, fm int) ([]byte, ast.Node) {
	b := []byte(src)
	for i := 0; i < fm; i++ {
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
	return b, mdParser().Parse(text.NewReader(b))
}

// Guard returns the guard for the Markdown document src. It never fails:
// any input parses as Markdown, and invalid UTF-8 is kept as it is.
func Guard(src string) *pipeline.Guard {
	if strings.HasPrefix(src, bom) {
		// A byte order mark is not Markdown: the document (and its front
		// matter) starts after it, and the mark is left to the stages.
		return shiftGuard(guard(src[len(bom):]), bom)
	}
	return guard(src)
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
	return out
}

// guard is Guard for a text without a byte order mark.
func guard(src string) *pipeline.Guard {
	b := &builder{src: src, cls: make([]byte, len(src))}
	fm := frontMatter(src)
	if fm > 0 {
		b.blocks = append(b.blocks, lint.Span{Start: 0, End: fm})
		b.fill(0, fm, cBlock)
	}
	raw, doc := parse(src, fm)
	b.raw = raw
	_ = ast.Walk(doc, b.visit)
	b.finishLines()
	return b.guard()
}
