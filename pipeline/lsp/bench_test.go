package lsp

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/document"
)

// story20K returns a 20 KB story: the seed article's paragraphs again
// and again, each copy's paragraphs told apart by their number so that
// they are not repeats, with the seed's problems (curly quotes, a
// double period, a doubled paragraph) in every copy.
func story20K(b testing.TB) string {
	data, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		b.Fatal(err)
	}
	paras := strings.Split(strings.TrimSpace(string(data)), "\n\n")
	var sb strings.Builder
	for k := 1; sb.Len() < 20<<10; k++ {
		for i, p := range paras {
			fmt.Fprintf(&sb, "Update %d.%d: %s\n\n", k, i, p)
		}
	}
	return sb.String()[:20<<10]
}

// BenchmarkDiagnosticsAfterChange measures the time from a one-character
// change of a 20 KB document to its diagnostics, through the protocol
// (framing, JSON, the check, the diagnostics), with no debounce.
func BenchmarkDiagnosticsAfterChange(b *testing.B) {
	for _, enc := range []string{"utf-16", "utf-8"} {
		b.Run(enc, func(b *testing.B) {
			text := story20K(b)
			c := startClient(b, Options{Debounce: -1})
			c.initialize(enc)
			uri := "file:///story.txt"
			c.open(uri, "plaintext", text)
			c.diagnostics(uri, 1)
			mid := pos(text, len(text)/2, enc == "utf-8")
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				v := i + 2
				r := Range{Start: mid, End: mid}
				insert := "x"
				if i%2 == 1 { // delete it again
					r.End.Character++
					insert = ""
				}
				c.notify("textDocument/didChange", map[string]any{
					"textDocument":   map[string]any{"uri": uri, "version": v},
					"contentChanges": []map[string]any{{"range": r, "text": insert}},
				})
				c.diagnostics(uri, v)
			}
		})
	}
}

// BenchmarkCheck20K is the check alone of the same document: the part of
// the latency a re-check of only the changed paragraphs could save.
func BenchmarkCheck20K(b *testing.B) {
	text := story20K(b)
	ch := document.New(document.Options{Format: document.Text})
	w := ch.NewWorker()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := w.Check(document.Doc{Name: "story.txt", Text: text}); err != nil {
			b.Fatal(err)
		}
	}
}
