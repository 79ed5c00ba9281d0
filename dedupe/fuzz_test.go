package dedupe

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

func FuzzCheck(f *testing.F) {
	if b, err := os.ReadFile("../testdata/seed.txt"); err == nil {
		f.Add(string(b), uint8(0), uint8(0))
	}
	for _, s := range []string{
		"",
		p1 + "\n\n" + p1,
		p1 + "\r\n\r\n" + p1 + "\r\n",
		s1 + " " + s2 + " " + s2 + " " + s3,
		s1 + " " + s2 + "\n\n" + s2 + "\n\n" + s1 + " " + s2,
		"It was the the best. The the end. had had",
		"Ha!\n\nHa!\n\n* * *\n\n* * *",
		"He said “we acted” today. HE SAID \"WE ACTED\" TODAY..",
		"Bad \xff byte in this one.\n\nBad \xff byte in this one.\xe2\x80",
		"walla Walla Walla Walla",
		"na na na na. That that that. for for for for",
		s1 + " " + s2 + " " + s1 + " " + s2 + " " + s1 + " " + s2,
		s3 + "\n" + s1 + " No. " + s2 + "\n" + s1 + " No. " + s2 + "\n\n" + s1 + " No. " + s2,
		s1 + " " + s2 + s1 + " " + s2 + " " + s2,
	} {
		f.Add(s, uint8(0), uint8(0))
		f.Add(s, uint8(1), uint8(1))
	}
	f.Fuzz(func(t *testing.T, text string, mode, minWords uint8) {
		st := New(Options{Mode: Mode(mode % 3), MinSentenceWords: int(minWords % 6)})
		fs := st.Check(text)
		out := checkFixes(t, text, fs)
		for _, f := range st.Check(out) {
			if len(f.Fix) > 0 && !f.Suggest {
				t.Fatalf("not idempotent: on %q after fixing %q, %s at %v: %s", out, text, f.Rule, f.Span, f.Message)
			}
		}
	})
}

// checkFixes checks the findings of one Check call on text, applies their
// fixes and returns the result: offsets on rune boundaries, fixes sorted,
// non-overlapping, deleting only, and no invalid UTF-8 byte changed
// (invalid bytes are only ever deleted, never joined into a character).
func checkFixes(t *testing.T, text string, fs []lint.Finding) string {
	t.Helper()
	boundary := make([]bool, len(text)+1)
	invalid := make([]bool, len(text))
	for i := 0; i < len(text); {
		boundary[i] = true
		r, n := utf8.DecodeRuneInString(text[i:])
		invalid[i] = r == utf8.RuneError && n == 1
		i += n
	}
	boundary[len(text)] = true
	onRune := func(what string, sp lint.Span) {
		if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End || !boundary[sp.Start] || !boundary[sp.End] {
			t.Fatalf("%s %v is not on rune boundaries of a text of %d bytes", what, sp, len(text))
		}
	}
	var edits []lint.Edit
	for _, f := range fs {
		onRune("span", f.Span)
		for _, r := range f.Related {
			onRune("related", r)
		}
		for _, e := range f.Fix {
			onRune("fix", e.Span)
			if e.New != "" {
				t.Fatalf("fix %v inserts %q", e.Span, e.New)
			}
		}
		if !f.Suggest {
			edits = append(edits, f.Fix...)
		}
	}
	lint.SortEdits(edits)
	if err := lint.ValidateEdits(edits, len(text)); err != nil {
		t.Fatal(err)
	}
	out, err := lint.Apply(text, edits)
	if err != nil {
		t.Fatal(err)
	}
	kept := 0
	last := 0
	for _, e := range edits {
		for i := last; i < e.Start; i++ {
			if invalid[i] {
				kept++
			}
		}
		last = e.End
	}
	for i := last; i < len(text); i++ {
		if invalid[i] {
			kept++
		}
	}
	got := 0
	for i := 0; i < len(out); {
		r, n := utf8.DecodeRuneInString(out[i:])
		if r == utf8.RuneError && n == 1 {
			got++
		}
		i += n
	}
	if got != kept {
		t.Fatalf("fixing %q changed invalid UTF-8: %d invalid bytes kept, %d in %q", text, kept, got, out)
	}
	return out
}

// TestRandomTexts is a property test over texts built to be full of
// repeats: paragraphs drawn from a few sentences, with every kind of
// separator, case and quote variants, doubled words and stray dots. Each
// must give valid fixes, and fixing must reach a fixed point in one pass.
func TestRandomTexts(t *testing.T) {
	pool := []string{
		"The strike was launched on Thursday.",
		"the strike was launched on thursday..",
		"It targeted “facilities” at a border point.",
		"It targeted \"facilities\" at a border point.",
		"No.", "Ha!", "* * *", "Why did it happen?",
		"The the official said that that was all.",
		"Nobody was hurt in the the attack",
		"Dr. Smith met Mr. Jones at 5 p.m. on Friday.",
		"Walla Walla walla is a place.",
		"Bad \xff byte in this one.",
		"- a list item without a stop", "1. First point of the list", "and then it ended here.",
		"The U.S. forces left at 5 p.m. on Friday.", "e.g. this one is short", "“Go now,” he said.",
		"He said: “It was the the end.”", "A line without a stop",
	}
	seps := []string{" ", " ", "  ", "\n", "\n\n", "\n\n", "\r\n\r\n", "\n \n\t\n", "\n\n\n"}
	rng := rand.New(rand.NewPCG(7, 11))
	n := 2000
	if testing.Short() {
		n = 200
	}
	for ; n > 0; n-- {
		var b strings.Builder
		if rng.IntN(4) == 0 {
			b.WriteString(seps[rng.IntN(len(seps))])
		}
		for k := rng.IntN(12); k >= 0; k-- {
			b.WriteString(pool[rng.IntN(len(pool))])
			if k > 0 {
				b.WriteString(seps[rng.IntN(len(seps))])
			}
		}
		if rng.IntN(2) == 0 {
			b.WriteString("\n")
		}
		text := b.String()
		opts := Options{Mode: Mode(rng.IntN(2)), MinSentenceWords: rng.IntN(6)}
		st := New(opts)
		out := checkFixes(t, text, st.Check(text))
		for _, f := range st.Check(out) {
			if len(f.Fix) > 0 && !f.Suggest {
				t.Fatalf("%+v: not idempotent: on %q after fixing %q, %s at %v: %s", opts, out, text, f.Rule, f.Span, f.Message)
			}
		}
	}
}
