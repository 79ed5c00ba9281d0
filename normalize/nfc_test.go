package normalize

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNFC(t *testing.T) {
	manyMarks := "a" + strings.Repeat("\u0301", 40)
	testStage(t, nfcStage{}, []stageTest{
		{name: "empty", in: "", want: ""},
		{name: "ascii", in: "Plain text.\n", want: "Plain text.\n"},
		{name: "composed already", in: "café naïve Ångström", want: "café naïve Ångström"},
		{name: "decomposed e acute", in: "cafe\u0301!", want: "café!",
			findings: []string{"unicode.nfc 3:6"}},
		{name: "two segments", in: "e\u0301 and a\u0308", want: "é and ä",
			findings: []string{"unicode.nfc 0:3", "unicode.nfc 8:11"}},
		{name: "reordered marks", in: "a\u0307\u0323", want: "\u1ea1\u0307",
			findings: []string{"unicode.nfc 0:5"}},
		{name: "hangul jamo", in: "\u1100\u1161\u11a8", want: "각",
			findings: []string{"unicode.nfc 0:9"}},
		{name: "kannada length mark", in: "\u0cbf\u0cd5", want: "\u0cc0",
			findings: []string{"unicode.nfc 0:6"}},
		{name: "singleton", in: "\u212b", want: "\u00c5",
			findings: []string{"unicode.nfc 0:3"}},
		{name: "composed then decomposed", in: "é\u0301", want: "é\u0301"},
		{name: "combining mark at start", in: "\u0301x", want: "\u0301x"},
		{name: "mark after invalid byte stays", in: "e\xff\u0301", want: "e\xff\u0301",
			findings: nil},
		{name: "invalid bytes around a segment", in: "\xffe\u0301\xfe", want: "\xffé\xfe",
			findings: []string{"unicode.nfc 1:4"}},
		{name: "invalid lead before a segment", in: "\xe2\x80e\u0301", want: "\xe2\x80é",
			findings: []string{"unicode.nfc 2:5"}},
		{name: "over 30 combining marks", in: manyMarks, want: norm.NFC.String(manyMarks),
			findings: []string{"unicode.nfc 0:81"}},
		// Must not touch: NFC does not apply compatibility mappings.
		{name: "compatibility characters", in: "ﬁ … ① ＂ \u00a0", want: "ﬁ … ① ＂ \u00a0"},
		{name: "zwj zwnj", in: "می\u200cخواهم 👨\u200d👩\u200d👧", want: "می\u200cخواهم 👨\u200d👩\u200d👧"},
	})
}

func TestNFCMessage(t *testing.T) {
	got := messages(nfcStage{}.Check("cafe\u0301"))
	want := []string{"not in Unicode NFC: U+0065 U+0301 → U+00E9"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestNFCMatchesNorm checks the segment-wise normalization against
// normalizing the whole text.
func TestNFCMatchesNorm(t *testing.T) {
	for _, in := range []string{
		"Ame\u0301lie a\u0323\u0307 \u1100\u1161 x\u0300y\u0301 ",
		"\u0f73\u0f75\u0f81 \u0344 \u0958 \u2126 \u1e9b\u0323",
		strings.Repeat("ẹ\u0301\u0302 ", 50),
	} {
		out, _ := applyStage(t, nfcStage{}, in, nil)
		if want := norm.NFC.String(in); out != want {
			t.Errorf("%q: got %q, want %q", in, out, want)
		}
	}
}

// TestNFCEveryCodePoint puts every BMP code point, and a sample of the
// others the inert cache covers, between characters that compose and
// reorder, and checks the stage
// against normalizing the whole text.
func TestNFCEveryCodePoint(t *testing.T) {
	var b strings.Builder
	flush := func() {
		in := b.String()
		b.Reset()
		out, _ := applyStage(t, nfcStage{}, in, nil)
		if want := norm.NFC.String(in); out != want {
			for _, line := range strings.Split(in, "\n") {
				o, _ := applyStage(t, nfcStage{}, line, nil)
				if w := norm.NFC.String(line); o != w {
					t.Fatalf("%+q: got %+q, want %+q", line, o, w)
				}
			}
			t.Fatalf("mismatch in a batch, not on any one line")
		}
	}
	for r := rune(0x80); r < nfcCacheLimit; r++ {
		if !utf8.ValidRune(r) || (r >= 0x10000 && r%7 != 0) {
			continue // every BMP code point, a sample of the others
		}
		// r after a base it may combine with, before marks it may
		// combine with and that must be reordered.
		b.WriteString("a")
		b.WriteRune(r)
		b.WriteString("\u0323\u0301\n")
		if b.Len() > 1<<16 {
			flush()
		}
	}
	flush()
}
