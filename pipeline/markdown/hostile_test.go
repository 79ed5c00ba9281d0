package markdown

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// repeat returns s repeated to about n bytes.
func repeat(s string, n int) string { return strings.Repeat(s, max(1, n/len(s))) }

// lines returns the lines line(0), line(1)... until they hold n bytes.
func lines(n int, line func(i int) string) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(line(i))
	}
	return b.String()
}

// hostile lists shapes of Markdown that cost a parser, or the guard,
// more than their size if it is not careful: each makes a document of
// about n bytes.
var hostile = []struct {
	name string
	make func(n int) string
}{
	{"reference definitions", func(n int) string {
		return lines(n, func(i int) string { return fmt.Sprintf("[label %d]: /url/%d\n", i, i) })
	}},
	{"reference definitions with titles", func(n int) string {
		return lines(n, func(i int) string { return fmt.Sprintf("[l%d]: /u \"title\"\n", i) })
	}},
	{"definitions then a bad one", func(n int) string {
		return lines(n/2, func(i int) string { return fmt.Sprintf("[l%d]: /u\n", i) }) + "[bad]: <x\n" +
			lines(n/2, func(i int) string { return fmt.Sprintf("[m%d]: /v\n", i) })
	}},
	{"definitions and a title cut", func(n int) string {
		return lines(n, func(i int) string {
			if i%40 == 31 {
				return fmt.Sprintf("[t%d]: /u 'multi\n[line title'\n", i)
			}
			return fmt.Sprintf("[l%d]: /u\n", i)
		})
	}},
	{"one-line nested list", func(n int) string { return repeat("- ", n) + "x\n" }},
	{"one-line nested block quote", func(n int) string { return repeat("> ", n) + "x\n" }},
	{"one-line ordered list", func(n int) string { return repeat("1. ", n) + "x\n" }},
	{"indented list", func(n int) string {
		return lines(n, func(i int) string { return strings.Repeat("  ", i) + "- a\n" })
	}},
	{"deepening block quotes", func(n int) string {
		return lines(n, func(i int) string { return strings.Repeat(">", i+1) + " a\n" })
	}},
	{"lazy lines in deep containers", func(n int) string { return strings.Repeat("- ", 60) + "x\n" + repeat("lazy\n", n) }},
	{"wide table", func(n int) string {
		k := n / 12
		return strings.Repeat("| a ", k) + "|\n" + strings.Repeat("|---", k) + "|\n" + strings.Repeat("| b ", k) + "|\n"
	}},
	{"tall table", func(n int) string { return "| a | b |\n|---|---|\n" + repeat("| c | “d” |\n", n) }},
	{"table without padding", func(n int) string { return repeat("|a", n/2) + "|\n" + repeat("|-", n/2) + "|\n" }},
	{"emphasis openers", func(n int) string { return repeat("*a ", n) }},
	{"emphasis run", func(n int) string { return repeat("*", n/2) + "a" + repeat("*", n/2) }},
	{"underscores", func(n int) string { return repeat("_a_ ", n) }},
	{"strikethrough", func(n int) string { return repeat("~~a ", n) }},
	{"backticks", func(n int) string { return repeat("`", n) }},
	{"backtick runs", func(n int) string {
		return lines(n, func(i int) string { return strings.Repeat("`", i%200+1) + "a" })
	}},
	{"code spans", func(n int) string { return repeat("`a..` b ", n) }},
	{"HTML blocks", func(n int) string { return repeat("<div>\n", n) }},
	{"unclosed comment", func(n int) string { return "<!--" + repeat("a “b”..\n", n) }},
	{"inline tags", func(n int) string { return repeat("<a ", n) }},
	{"angle brackets", func(n int) string { return repeat("<", n) }},
	{"long destination", func(n int) string { return "[a](" + repeat("x", n) + ")\n" }},
	{"unclosed destination", func(n int) string { return "[a](" + repeat("x", n) + "\n" }},
	{"nested brackets", func(n int) string { return repeat("[", n/2) + "a" + repeat("]", n/2) }},
	{"open brackets", func(n int) string { return repeat("[", n) }},
	{"open links", func(n int) string { return repeat("[a](", n) }},
	{"open images", func(n int) string { return repeat("![", n) }},
	{"links", func(n int) string { return repeat("[a “b”](/u..) ", n) }},
	{"reference links", func(n int) string { return repeat("[a] [b][] [c][a] ", n) + "\n\n[a]: /u\n" }},
	{"autolinks in emphasis", func(n int) string { return repeat("*a <http://x.org>* ", n) }},
	{"bare URLs", func(n int) string { return repeat("http://x.org/a.. ", n) }},
	{"entities", func(n int) string { return repeat("&amp;", n) }},
	{"open entities", func(n int) string { return repeat("&#", n) }},
	{"escapes", func(n int) string { return repeat("\\*", n) }},
	{"setext headings", func(n int) string { return repeat("a\n=\n", n) }},
	{"headings", func(n int) string { return repeat("# a “b”\n", n) }},
	{"fences", func(n int) string { return repeat("```\n", n) }},
	{"thematic breaks", func(n int) string { return repeat("- - -\n", n) }},
	{"one long line", func(n int) string { return repeat("word “x”.. ", n) }},
	{"hard breaks", func(n int) string { return repeat("a  \n", n) }},
	{"controls by syntax", func(n int) string { return repeat("*\x01a\x02* ", n) }},
	{"repeated items", func(n int) string { return repeat("- the same item here\n", n) }},
}

// guardWork builds the guard of src and asks its hooks about an edit
// every 16 bytes, as a run's findings would.
func guardWork(src string) {
	g := Guard(src)
	for p := 0; p+1 < len(src); p += 16 {
		del := lint.Edit{Span: lint.Span{Start: p, End: p + 1}}
		if g.Refuse != nil {
			g.Refuse(del)
			g.Refuse(lint.Edit{Span: lint.Span{Start: p, End: p}, New: "\""})
		}
		if g.Suppressed != nil {
			g.Suppressed(normalize.RuleBlankLines, del.Span)
			g.Suppressed(dedupe.RuleParagraph, del.Span)
		}
	}
}

// cost returns the least thread CPU time of a few runs of guardWork.
func cost(src string) time.Duration {
	best := time.Duration(1 << 62)
	// No garbage collection while measuring: its cost depends on the
	// heap the test left, not on src.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	for range 3 {
		runtime.GC()
		t0 := threadCPU()
		guardWork(src)
		best = min(best, threadCPU()-t0)
	}
	return best
}

// TestHostileShapesLinear: for every hostile shape, building the guard
// of a document of 8n bytes (and asking its hooks about edits all over
// it) costs about 8 times what n bytes cost (three doublings), never the
// 64 times of quadratic work. Times are CPU times of this thread, the
// least of three runs, compared only with each other; the bound, 24,
// leaves room for caches and garbage collection on larger inputs.
func TestHostileShapesLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("measures costs")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const n = 16 << 10
	for _, h := range hostile {
		small, large := h.make(n), h.make(8*n)
		if len(large) < 6*len(small) {
			t.Fatalf("%s: sizes %d and %d do not grow", h.name, len(small), len(large))
		}
		// Warm up, then measure.
		guardWork(small)
		a, b := cost(small), cost(large)
		ratio := float64(b) / float64(max(a, time.Microsecond)) * float64(len(small)) / float64(len(large)) * 8
		t.Logf("%-36s %7d B %9v  %7d B %9v  ×%.1f", h.name, len(small), a, len(large), b, ratio)
		if ratio > 24 && b > 5*time.Millisecond {
			t.Errorf("%s: %d bytes cost %v, %d bytes %v: ×%.1f for ×8 the size", h.name, len(small), a, len(large), b, ratio)
		}
	}
}

// TestFallbackReported: a document that falls back to plain text says so
// with a markdown.fallback finding at the line that caused it, and is
// then cleaned as text.
func TestFallbackReported(t *testing.T) {
	src := "# “Title”\n\n" + strings.Repeat("- ", 100) + "x..\n"
	r := Run(registry.Default(registry.Options{}), src)
	var got []string
	for _, f := range r.Findings {
		if f.Rule == RuleFallback {
			got = append(got, fmt.Sprintf("%d %s", f.Start, f.Severity))
		}
	}
	if len(got) != 1 || got[0] != fmt.Sprintf("%d warning", len("# “Title”\n\n")) {
		t.Errorf("fallback findings %q", got)
	}
	if !strings.HasPrefix(r.Cleaned, "# \"Title\"") || strings.Contains(r.Cleaned, "x..") {
		t.Errorf("not cleaned as text: %q", r.Cleaned)
	}
	if out, err := lint.Apply(src, r.Edits()); err != nil || out != r.Cleaned {
		t.Errorf("changes do not give the cleaned text (err %v)", err)
	}
	if _, fb := Check("- a\n  - b\n"); fb != nil {
		t.Errorf("a plain nested list falls back: %+v", fb)
	}
}
