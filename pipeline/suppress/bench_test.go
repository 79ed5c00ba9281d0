package suppress

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// BenchmarkParse measures a 100 KB Markdown text with a directive every
// twenty lines, and Suppressed queried for every line.
func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	for i := range 2000 {
		if i%20 == 0 {
			sb.WriteString("<!-- copydesk-disable-next-line dedupe.word -->\n")
		}
		sb.WriteString("Some prose that goes on for a while, as prose does.\n")
	}
	text := sb.String()
	k := Known(testRules)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s := Parse(text, true, k)
		for i := 0; i < len(text); i += 52 {
			s.Suppressed("dedupe.word", lint.Span{Start: i, End: i + 1})
		}
	}
}

// BenchmarkParseNone measures the common case: no directive at all.
func BenchmarkParseNone(b *testing.B) {
	text := strings.Repeat("Some prose that goes on for a while, as prose does.\n", 2000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Parse(text, true, nil)
	}
}
