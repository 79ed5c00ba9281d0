package pipeline_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// A hostileShape builds n bytes (about) of one shape of text that has
// made text tools superlinear: finding-dense text, one huge line, long
// runs of one character, many repeats of one line or token.
type hostileShape struct {
	name string
	unit func(i int) string // the i-th piece; pieces are joined as they are
}

func repeatUnit(s string) func(int) string { return func(int) string { return s } }

var hostileShapes = []hostileShape{
	{"finding-dense", repeatUnit("He said \u201cyes\u201d.. then  left ")},
	{"one huge line", func(i int) string { return fmt.Sprintf("word%d and ", i%1000) }},
	{"one huge sentence", func(i int) string { return fmt.Sprintf("w%d, ", i) }},
	{"identical lines", repeatUnit("The same line again and again, word for word.\n")},
	{"identical paragraphs", repeatUnit("The same paragraph again, word for word, as pasted.\n\n")},
	{"near-identical paragraphs", func(i int) string {
		return fmt.Sprintf("Officials said on Monday that the talks had ended without a deal %d.\n\n", i)
	}},
	{"git log", func(i int) string {
		return fmt.Sprintf("commit %040x\nAuthor: A U Thor <a@example.com>\nDate:   Mon Jan 1 00:00:00 2024\n\n    Fix the build\n\n", i)
	}},
	{"changelog", func(i int) string {
		return fmt.Sprintf("pkg (1.%d-1) unstable; urgency=medium\n\n  * New upstream release.\n\n -- Maint Ainer <m@example.org>  Mon, 01 Jan 2024 00:00:00 +0000\n\n", i)
	}},
	{"repeated word", repeatUnit("the ")},
	{"repeated token pairs", repeatUnit("a b ")},
	{"dots", repeatUnit(".")},
	{"dots and spaces", repeatUnit(". ")},
	{"commas", repeatUnit(",")},
	{"question marks", repeatUnit("?!")},
	{"spaces", repeatUnit(" ")},
	{"tabs and spaces", repeatUnit(" \t")},
	{"newlines", repeatUnit("\n")},
	{"CRLF", repeatUnit("x\r\n")},
	{"straight quotes", repeatUnit("\"")},
	{"apostrophes", repeatUnit("'")},
	{"curly quotes", repeatUnit("\u201c")},
	{"nested quotes", repeatUnit("\"'\u201c\u2018")},
	{"no-break spaces", repeatUnit("a\u00a0")},
	{"combining marks", repeatUnit("e\u0301\u0301")},
	{"lone combining marks", repeatUnit("\u0301")},
	{"invisible", repeatUnit("\u200b")},
	{"bidi controls", repeatUnit("\u202e")},
	{"controls", repeatUnit("\x01")},
	{"escape sequences", repeatUnit("\x1b[31m")},
	{"invalid UTF-8", repeatUnit("\xff")},
	{"mojibake", repeatUnit("Ã©")},
	{"mojibake pairs", repeatUnit("â€™Ã")},
	{"ellipses", repeatUnit("...")},
	{"dashes", repeatUnit("--")},
	{"hyphen words", repeatUnit("a-")},
	{"abbreviations", repeatUnit("U.S. ")},
	{"one long word", repeatUnit("x")},
	{"one long URL", func(i int) string {
		if i == 0 {
			return "https://example.com/"
		}
		return "a/"
	}},
	{"entities", repeatUnit("&amp;")},
	{"brackets", repeatUnit("([{")},
	{"numbers", func(i int) string { return fmt.Sprintf("%d.%d ", i, i) }},
	{"sentences", func(i int) string { return fmt.Sprintf("Sentence number %d is here. ", i) }},
	{"fullwidth", repeatUnit("ＡＢ１")},
}

func buildShape(s hostileShape, n int) string {
	var b strings.Builder
	b.Grow(n + 256)
	for i := 0; b.Len() < n; i++ {
		b.WriteString(s.unit(i))
	}
	return b.String()
}

// cost returns the time one run of p over text takes: the average over
// runs repeated for at least 25 ms, the least of three such batches, so
// that a small input's time is not one scheduler tick.
func cost(p *pipeline.Pipeline, text string) time.Duration {
	best := time.Duration(1<<63 - 1)
	for range 3 {
		n, start := 0, time.Now()
		for n == 0 || time.Since(start) < 25*time.Millisecond {
			p.Run(text)
			n++
		}
		best = min(best, time.Since(start)/time.Duration(n))
	}
	return best
}

// TestLinearTime runs every rule (fixes and reports, every dedupe mode)
// over hostile shapes at a size and at four times that size, and fails if
// the larger input costs far more than four times as much: a quadratic
// path costs sixteen times. The threshold is loose (12×, after the
// fastest of several runs, measured again when over it) so that a shared,
// noisy machine does not fail it; what it catches is growth with the
// square of the input. COPYDESK_LINEAR_SIZE sets the small size (default
// 32 KB).
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the size-doubling check takes a few seconds")
	}
	small := 32 << 10
	if v := os.Getenv("COPYDESK_LINEAR_SIZE"); v != "" {
		fmt.Sscan(v, &small)
	}
	opts := []struct {
		name string
		o    registry.Options
	}{
		{"default", registry.Options{}},
		{"all", registry.Options{Dedupe: dedupe.Options{Mode: dedupe.All}, Normalize: normalize.Options{Quotes: normalize.QuotesTypographic, Width: true}}},
	}
	for _, o := range opts {
		p := registry.Default(o.o)
		for _, s := range hostileShapes {
			t.Run(o.name+"/"+s.name, func(t *testing.T) {
				a, b := buildShape(s, small), buildShape(s, 4*small)
				const limit = 12.0
				var ratio float64
				for try := range 3 {
					ta, tb := cost(p, a), cost(p, b)
					ratio = float64(tb) / float64(max(ta, time.Microsecond))
					// Tiny times are all noise: under 20 ms for the
					// large input is linear enough.
					if ratio <= limit || tb < 20*time.Millisecond {
						return
					}
					t.Logf("try %d: %d bytes %v, %d bytes %v: %.1f×", try+1, len(a), ta, len(b), tb, ratio)
				}
				t.Errorf("4× the input costs %.1f× the time (limit %.0f×): superlinear", ratio, limit)
			})
		}
	}
}
