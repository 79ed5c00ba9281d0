package markdown

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/registry"
)

// benchDoc is about 100 KB of Markdown: testdata/doc.md repeated.
func benchDoc(b *testing.B) string {
	doc := readFile(b, "doc.md")
	// Drop the front matter after the first copy, which only starts a file.
	body := doc[strings.Index(doc, "\n# ")+1:]
	var s strings.Builder
	s.WriteString(doc)
	for s.Len() < 100<<10 {
		s.WriteString("\n")
		s.WriteString(body)
	}
	return s.String()
}

// BenchmarkMarkdown runs the default pipeline over the document with the
// Markdown guard; BenchmarkPlain runs it over the same bytes as plain
// text, and BenchmarkGuard builds the guard alone.
func BenchmarkMarkdown(b *testing.B) {
	doc := benchDoc(b)
	p := registry.Default(registry.Options{})
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		Run(p, doc)
	}
}

func BenchmarkPlain(b *testing.B) {
	doc := benchDoc(b)
	p := registry.Default(registry.Options{})
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		p.Run(doc)
	}
}

func BenchmarkGuard(b *testing.B) {
	doc := benchDoc(b)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		Guard(doc)
	}
}
