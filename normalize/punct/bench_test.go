package punct_test

import (
	"os"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// benchText returns about size bytes of news prose built from
// testdata/seed.txt. If dirty, every repetition also carries a doubled
// period, a doubled comma, spaces before punctuation and some lookalikes
// the stage must leave alone (ellipses, paths, ranges, CSV).
func benchText(b *testing.B, size int, dirty bool) string {
	b.Helper()
	data, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		b.Fatal(err)
	}
	seed := string(data)
	if !dirty {
		seed = strings.ReplaceAll(seed, "statement..", "statement.")
	}
	var sb strings.Builder
	sb.Grow(size + len(seed) + 256)
	for sb.Len() < size {
		sb.WriteString(seed)
		sb.WriteString("\n\n")
		if dirty {
			sb.WriteString("Officials said.. They added , , that troops etc.. left ; others stayed ? " +
				"See ../src and main..feature, pages 10..20... or a,,b,c and http://x.com/a.. too .\n\n")
		}
	}
	return sb.String()
}

func benchCheck(b *testing.B, dirty bool) {
	text := benchText(b, 4<<20, dirty)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for b.Loop() {
		n = len(stage.Check(text))
	}
	b.ReportMetric(float64(n), "findings/op")
}

func BenchmarkCheckClean(b *testing.B) { benchCheck(b, false) }
func BenchmarkCheckDirty(b *testing.B) { benchCheck(b, true) }

// BenchmarkCheckASCIIWords is clean ASCII prose without any punctuation
// the stage looks at twice: the speed of the skipping loop itself.
func BenchmarkCheckASCIIWords(b *testing.B) {
	text := strings.Repeat("the quick brown fox jumps over the lazy dog, and then. ", 4<<20/55)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if len(stage.Check(text)) != 0 {
			b.Fatal("findings in clean text")
		}
	}
}

// BenchmarkFix measures Check plus applying the fixes on dirty text.
func BenchmarkFix(b *testing.B) {
	text := benchText(b, 4<<20, true)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		var edits []lint.Edit
		for _, f := range stage.Check(text) {
			edits = append(edits, f.Fix...)
		}
		if _, err := lint.Apply(text, edits); err != nil {
			b.Fatal(err)
		}
	}
}
