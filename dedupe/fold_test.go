package dedupe

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/copydesk/copydesk/dedupe/segment"
	"github.com/copydesk/copydesk/pipeline/lint"
)

func key(s string) string {
	var f folder
	k, _ := keyOf(&f, s, lint.Span{End: len(s)}, nil, false)
	return string(k)
}

func TestKey(t *testing.T) {
	same := [][]string{
		{"The official said.", "the OFFICIAL said", "  The   official\nsaid...  ", "The official said…", "The official said..\r\n"},
		{`He said "we acted".`, "He said “we acted”.", "he said ＂we acted＂", `He said "we acted."`},
		{"it's Biden's", "it’s Biden‘s", "IT′S BIDEN'S"},
		{"Le café", "le cafe\u0301", "LE CAFÉ", "LE CAFE\u0301"},
		{"a\u0301\u0323", "a\u0323\u0301", "\u1ea1\u0301"},
		{"한국어", "\u1112\u1161\u11ab\u1100\u116e\u11a8\u110b\u1165"},
		{"Kelvin", "\u212aELVIN"},
		{"soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"},
		{"no\u00a0break\u2003space", "no break space"},
		{"(said.)", "(said)", "(said...)"},
	}
	for _, group := range same {
		for _, s := range group[1:] {
			if key(s) != key(group[0]) {
				t.Errorf("key(%q) = %q, want key(%q) = %q", s, key(s), group[0], key(group[0]))
			}
		}
	}
	differ := [][2]string{
		{"You did it.", "You did it?"},
		{"You did it!", "You did it?"},
		{"a.b", "a b"},
		{"the cat", "the hat"},
		{"\xff", "\xfe"},
		{"\xc3\xa9", "\xff\xc3\xff\xa9"},
		{"don't", "dont"},
		{"«quoted»", `"quoted"`},
	}
	for _, d := range differ {
		if key(d[0]) == key(d[1]) {
			t.Errorf("key(%q) == key(%q) = %q", d[0], d[1], key(d[0]))
		}
	}
}

func TestKeyWords(t *testing.T) {
	for _, tt := range []struct {
		in    string
		words int
	}{
		{"", 0}, {"* * *", 0}, {"Ha!", 1}, {"No. No.", 2}, {"It was 10 10.", 4},
		{"don't stop", 2}, {"café olé", 2}, {"“quoted” word", 2}, {"a-b c", 2},
	} {
		var f folder
		keyOf(&f, tt.in, lint.Span{End: len(tt.in)}, nil, false)
		if f.words != tt.words {
			t.Errorf("words(%q) = %d, want %d", tt.in, f.words, tt.words)
		}
	}
}

func TestKeySkips(t *testing.T) {
	s := "It was the the end of the the war."
	var f folder
	skip := []lint.Span{{Start: 10, End: 14}, {Start: 10, End: 12}, {Start: 25, End: 29}}
	k, _ := keyOf(&f, s, lint.Span{Start: 3, End: len(s)}, skip, false)
	got := string(k)
	if want := "was the end of the war"; got != want {
		t.Errorf("key with skips = %q, want %q", got, want)
	}
}

func TestKeyAllocs(t *testing.T) {
	var f folder
	for _, s := range []string{"plain ASCII text, with some Capitals.", "“curly” quotes", "accents: café, naïve, Å", "한국어", "\xff\xe2\x80"} {
		f.buf = make([]byte, 0, 1024)
		if n := testing.AllocsPerRun(50, func() {
			f.buf = f.buf[:0]
			keyOf(&f, s, lint.Span{End: len(s)}, nil, false)
		}); n != 0 {
			t.Errorf("key(%q): %v allocations", s, n)
		}
	}
}

// FuzzKey checks that keys see through canonical equivalence and ASCII
// case, and never panic.
func FuzzKey(f *testing.F) {
	for _, s := range []string{"Le café", "a\u0301\u0323", "한국어", "\u212a", "“x”", "\xff\xe2\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := key(s)
		if !utf8.ValidString(s) {
			return
		}
		if k2 := key(norm.NFC.String(s)); k2 != k {
			t.Fatalf("key(%q) = %q but key of its NFC = %q", s, k, k2)
		}
		if k2 := key(norm.NFD.String(s)); k2 != k {
			t.Fatalf("key(%q) = %q but key of its NFD = %q", s, k, k2)
		}
		if k2 := key(asciiUpper(s)); k2 != k {
			t.Fatalf("key(%q) = %q but key of its ASCII upper case = %q", s, k, k2)
		}
	})
}

func asciiUpper(s string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

// TestJoinKeys checks that the key of a paragraph built from the folds of
// its sentences is the key folding the paragraph gives.
func TestJoinKeys(t *testing.T) {
	texts := []string{
		"One. Two three.\nFour five six! “Seven” eight?\n\nA.B. C..  D…",
		"It was the the end. He said “no no.” Then: (it ended.) And so on\n\nsingle sentence",
		"Le cafe\u0301. E\u0301te\u0301\u0301 a\u0301\u0323. \xff bad. \u200b\n\n* * *",
	}
	if b, err := os.ReadFile("../testdata/seed.txt"); err == nil {
		texts = append(texts, string(b))
	}
	for _, text := range texts {
		checkJoinKeys(t, text)
	}
}

func FuzzJoinKeys(f *testing.F) {
	f.Add("One. Two three.\nFour five six! “Seven” eight?\n\nA.B. C..  D…")
	f.Add("Le cafe\u0301. E\u0301te\u0301\u0301 a\u0301\u0323. \xff bad. \u200b\n\n* * *")
	f.Fuzz(checkJoinKeys)
}

func checkJoinKeys(t *testing.T, text string) {
	c := checker{text: text, min: 4}
	for _, u := range segment.Paragraphs(text) {
		p := lint.Span{Start: u.Start, End: u.End}
		c.load(p)
		for i := range c.ss {
			c.ss[i].fate = kept
		}
		got, _ := c.paraKey(p, -1, true)
		got = bytes.Clone(got)
		var f folder
		want, _ := keyOf(&f, text, p, c.skip, false)
		if !bytes.Equal(got, want) {
			t.Fatalf("paragraph %q: joined key %q, fold %q", text[p.Start:p.End], got, want)
		}
	}
}

// FuzzFoldWords checks that the one-pass fast path finds the doubles and
// builds the key of the two-pass way, on any sentence it accepts.
func FuzzFoldWords(f *testing.F) {
	for _, s := range []string{
		"It was the the end, the the.", "The the cat", "don't don't stop", "x-the the", "'the the",
		"a\tb  b\nb b_ b_ 10 10 had had For for in IN", "the  the the-", "walla Walla walla", "\xff the the",
		"na na na na", "that that that that", "for for for, in in in in", "ha ha ha the the the The",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		compareFoldWords(t, s, false)
	})
}
