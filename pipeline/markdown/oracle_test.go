package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
)

// render renders src to HTML with the extensions Guard parses with.
func render(t testing.TB, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(src), &b); err != nil {
		t.Fatalf("rendering: %v", err)
	}
	return b.String()
}

// protected lists what must come out byte for byte: the text of code
// blocks, the raw text of code spans, link and image destinations and
// titles, autolink URLs and raw HTML, by kind.
func protected(src string) map[string][]string {
	s := []byte(src)
	out := map[string][]string{}
	_, doc, _ := parse(src, frontMatter(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch x := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			var b bytes.Buffer
			for i := 0; i < n.Lines().Len(); i++ {
				sg := n.Lines().At(i)
				b.Write(sg.Value(s))
			}
			out["block"] = append(out["block"], b.String())
		case *ast.CodeSpan:
			var b bytes.Buffer
			for c := x.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(s))
				}
			}
			out["code"] = append(out["code"], b.String())
		case *ast.Link:
			out["dest"] = append(out["dest"], string(x.Destination)+" "+string(x.Title))
		case *ast.Image:
			out["dest"] = append(out["dest"], string(x.Destination)+" "+string(x.Title))
		case *ast.AutoLink:
			out["auto"] = append(out["auto"], string(x.URL(s)))
		case *ast.RawHTML:
			var b bytes.Buffer
			for i := 0; i < x.Segments.Len(); i++ {
				sg := x.Segments.At(i)
				b.Write(sg.Value(s))
			}
			out["html"] = append(out["html"], b.String())
		}
		return ast.WalkContinue, nil
	})
	return out
}

// subMultiset reports whether every element of a occurs in b at least as
// often.
func subMultiset(a, b []string) bool {
	n := map[string]int{}
	for _, x := range b {
		n[x]++
	}
	for _, x := range a {
		if n[x]--; n[x] < 0 {
			return false
		}
	}
	return true
}
