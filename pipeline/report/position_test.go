package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// checkLocator asks the locator for offsets in the given order and
// compares every answer with lint.LineIndex.
func checkLocator(t *testing.T, text string, offsets []int) {
	t.Helper()
	want := lint.NewLineIndex(text)
	l := newLocator(text)
	for i, off := range offsets {
		k := i % len(l.cursors)
		got := l.position(k, off)
		if w := want.Position(off); got != w {
			t.Fatalf("%q: position(%d) = %+v, want %+v", text, off, got, w)
		}
	}
}

func TestLocator(t *testing.T) {
	texts := []string{
		"",
		"abc",
		"a\nb\r\nc\n",
		"a\rb\r\r\nc\r\rd\n\r",
		"“quoted” — dash\n\nnext…",
		"\xff\xfe\x80abc\n\xe2\x80",
		"日本語\n\n한국어",
	}
	for _, text := range texts {
		var up, down, twice []int
		for off := -1; off <= len(text)+1; off++ {
			up = append(up, off)
			down = append([]int{off}, down...)
			twice = append(twice, off, off/2)
		}
		checkLocator(t, text, up)
		checkLocator(t, text, down)
		checkLocator(t, text, twice)
	}
}

func FuzzLocator(f *testing.F) {
	f.Add("a\nb“c”\n\xff", []byte{0, 3, 2, 9, 1})
	f.Fuzz(func(t *testing.T, text string, offs []byte) {
		var offsets []int
		for i := 0; i+1 < len(offs); i += 2 {
			offsets = append(offsets, int(offs[i])<<8|int(offs[i+1]))
		}
		checkLocator(t, text, offsets)
	})
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "quote \" back \\ tab \t nl \n cr \r nul \x00 del \x7f", "“curly” …", "\xff\xfe\x80", "\u2028\u2029", "<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("appendString(%q) = %s: %v", s, got, err)
		}
		std, _ := json.Marshal(s)
		var want string
		if err := json.Unmarshal(std, &want); err != nil {
			t.Fatal(err)
		}
		if back != want {
			t.Fatalf("appendString(%q) reads back as %q, want %q", s, back, want)
		}
	})
}

// TestLocatorLinear checks that the offsets of sorted findings whose
// related spans alternate between the start of the text (the first copy
// of a repeated paragraph) and just before the finding (an echo) cost
// work linear in the text: doubling the text at most about doubles the
// bytes counted over. A cursor sent back to the start and counted forward
// again for each finding would quadruple them.
func TestLocatorLinear(t *testing.T) {
	scanned := func(n int) int {
		text := strings.Repeat("word word word word word word word word word\n", n/45+1)
		l := newLocator(text)
		want := lint.NewLineIndex(text)
		for off := 200; off+100 < len(text); off += 50 {
			l.position(startCursor, off)
			l.position(endCursor, off+5)
			for _, rel := range []int{off - 30, 10, off - 20} {
				if got, w := l.position(relatedCursor, rel), want.Position(rel); got != w {
					t.Fatalf("position(%d) = %+v, want %+v", rel, got, w)
				}
			}
		}
		return l.scanned
	}
	s1, s2 := scanned(200<<10), scanned(400<<10)
	if r := float64(s2) / float64(s1); r > 2.5 {
		t.Fatalf("bytes counted over: %d for 200 KB, %d for 400 KB (×%.2f): not linear", s1, s2, r)
	}
}
