package dedupe

import (
	"fmt"
	"math/rand"
	"runtime"
	"strings"
	"testing"
)

// hostileShapes are texts built to make a repeat search costly: many
// copies of one unit, units that are nearly the same, one unit that is
// the whole text, a finding every few bytes. Each function returns a
// text of about n bytes.
var hostileShapes = []struct {
	name string
	gen  func(n int) string
}{
	{"identical lines", func(n int) string { return fill("The same line of text is here again.\n", n) }},
	{"identical paragraphs", func(n int) string { return fill("The same paragraph of text is here again.\n\n", n) }},
	{"identical sentences", func(n int) string { return fill("The same sentence is said again here. ", n) }},
	{"passage and short sentence", func(n int) string { return fill("Alpha beta gamma delta epsilon. No. ", n) }},
	{"near-identical paragraphs", func(n int) string {
		r := rand.New(rand.NewSource(1))
		var b strings.Builder
		for b.Len() < n {
			fmt.Fprintf(&b, "The council said the new budget would cut %d jobs in the region this year.\n\n", r.Intn(1000000))
		}
		return b.String()
	}},
	{"near-identical sentences", func(n int) string {
		r := rand.New(rand.NewSource(2))
		w := strings.Fields("alpha beta gamma delta epsilon zeta eta theta")
		var b strings.Builder
		for b.Len() < n {
			for range 10 {
				b.WriteString(w[r.Intn(len(w))] + " ")
			}
			b.WriteString("end. ")
		}
		return b.String()
	}},
	{"huge paragraph", func(n int) string { return fill("Sentence number one is here. Another sentence follows it now. ", n) }},
	{"huge paragraph of distinct sentences", func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "Sentence %d of the paragraph is here. ", i)
		}
		return b.String()
	}},
	{"huge sentence", func(n int) string { return fill("word another thing more ", n) }},
	{"one repeated word", func(n int) string { return fill("bang ", n) }},
	{"one repeated pair", func(n int) string { return fill("alpha beta ", n) }},
	{"one repeated phrase", func(n int) string { return fill("quiet river stone ", n) }},
	{"finding-dense", func(n int) string { return fill("the the cat sat sat. The Rain rain falls down. ", n) }},
	{"many distinct words, then small paragraphs", func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n/2; i++ {
			fmt.Fprintf(&b, "word%c%c%c ", 'a'+i%26, 'a'+i/26%26, 'a'+i/676%26)
		}
		for b.Len() < n {
			b.WriteString("\n\nA small paragraph of words here.")
		}
		return b.String()
	}},
	{"git log", gitLog},
}

// fill repeats unit to n bytes.
func fill(unit string, n int) string {
	return strings.Repeat(unit, n/len(unit)+1)[:n]
}

// gitLog returns n bytes shaped like the output of git log: commits with
// headers, indented subject lines that recur, sign-off lines.
func gitLog(n int) string {
	r := rand.New(rand.NewSource(3))
	words := strings.Fields("fix update add remove refactor parser lexer module config handler option build test docs release bump dependency error output")
	names := []string{"Alice Smith <alice@example.org>", "Bob Jones <bob@example.com>", "Carol White <carol@example.net>"}
	var b strings.Builder
	for b.Len() < n {
		fmt.Fprintf(&b, "commit %016x%016x\nAuthor: %s\nDate:   Mon Dec %d 10:%02d:%02d 2026 +0000\n\n    ",
			r.Uint64(), r.Uint64(), names[r.Intn(3)], 1+r.Intn(28), r.Intn(60), r.Intn(60))
		for k := 3 + r.Intn(5); k > 0; k-- {
			b.WriteString(words[r.Intn(len(words))] + " ")
		}
		fmt.Fprintf(&b, "\n\n    Signed-off-by: %s\n\n", names[r.Intn(3)])
	}
	return b.String()
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	f()
	runtime.ReadMemStats(&m1)
	return m1.TotalAlloc - m0.TotalAlloc
}

// TestHostileLinear checks that the work and the memory of every dedupe
// rule and of style.echo grow linearly with the text on hostile shapes:
// doubling the text may at most about double them (a quadratic search
// would quadruple them). Work is counted by the stages themselves
// (bytes folded, units compared, postings read, edit-distance cells,
// words read), never timed.
func TestHostileLinear(t *testing.T) {
	const n = 48 << 10
	st := New(Options{}).(*stage)
	all := New(Options{Mode: All, FixNear: true}).(*stage)
	echo := NewEcho(Options{}).(*echoStage)
	checks := []struct {
		name string
		run  func(string) int
	}{
		{"dedupe", func(s string) int { _, w := st.check(s); return w }},
		{"dedupe all", func(s string) int { _, w := all.check(s); return w }},
		{"echo", func(s string) int { _, w := echo.check(s); return w }},
	}
	for _, sh := range hostileShapes {
		small, large := sh.gen(n), sh.gen(2*n)
		for _, c := range checks {
			var w1, w2 int
			m1 := allocated(func() { w1 = c.run(small) })
			m2 := allocated(func() { w2 = c.run(large) })
			if w1 == 0 {
				t.Errorf("%s, %s: no work counted", sh.name, c.name)
				continue
			}
			if r := float64(w2) / float64(w1); r > 2.5 {
				t.Errorf("%s, %s: work %d for %d bytes, %d for %d (×%.2f): not linear", sh.name, c.name, w1, len(small), w2, len(large), r)
			}
			if r := float64(m2) / float64(max(m1, 1)); m2 > 1<<20 && r > 2.6 {
				t.Errorf("%s, %s: %d bytes allocated for %d bytes, %d for %d (×%.2f): not linear", sh.name, c.name, m1, len(small), m2, len(large), r)
			}
			if testing.Verbose() {
				t.Logf("%-44s %-10s work ×%.2f alloc ×%.2f (%d per byte)", sh.name, c.name, float64(w2)/float64(w1), float64(m2)/float64(max(m1, 1)), w2/len(large))
			}
		}
	}
}
