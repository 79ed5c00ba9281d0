package normalize

import (
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

func TestCodepoints(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ﬁnal ﬂow oﬀ eﬃcient baﬄe ﬅ ﬆ", "final flow off efficient baffle st st"},
		{"one\u2028two", "one\ntwo"},
		{"one\u2029two", "one\n\ntwo"},
		{"one\u0085two", "one\ntwo"},
		{"a\r\nb\u2028c", "a\r\nb\r\nc"},
		{"\x1b[31mred\x1b[0m plain", "red plain"},
		{"\x1b[1;32;40mbold\x1b[m", "bold"},
		{"\x1b]0;title\x07text", "text"},
		{"\x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"\x1b\x1b[1m[0m", ""}, // removing one sequence exposes another
		{"\x1b]ﬁ\x07x", "x"},   // a ligature inside a sequence goes with it
		// Control strings go whole, payload included (not just ESC).
		{"\x1bPq#0;2;0;0;0#0~~@@\x1b\\text", "text"},          // DCS (sixel)
		{"\x1b_Gf=100,a=T;AAAA\x1b\\x", "x"},                  // APC (a terminal graphics protocol)
		{"\x1b^private\x1b\\x", "x"},                          // PM
		{"\x1bXstring\x1b\\x", "x"},                           // SOS
		{"\x1b]0;title\u009cx", "x"},                          // OSC ended by the 8-bit ST
		{"\x1b7saved\x1b8 \x1bc\x1b(Bx\x1b=\x1b>", "saved x"}, // two-byte and nF sequences
		{"\x1bOP \x1bM\x1bD.", " ."},                          // SS3 F1, RI, IND
		// The 8-bit C1 forms, after ASCII.
		{"x\u009b31mred\u009b0m", "xred"},
		{"a\u009d0;title\u0007b", "ab"},
		{"a\u0090q#0~\u009cb", "ab"},
		// Left alone: a stray ESC before a word, an unended string, C1
		// characters of mojibake (after a non-ASCII letter).
		{"\x1bHello", "\x1bHello"},
		{"\x1bPno end\nx", "\x1bPno end\nx"},
		{"Ã\u0090x\u009c", "Ã\u0090x\u009c"},
		{"Ã\u009b31m", "Ã\u009b31m"},
		{"x\u009bm", "x\u009bm"}, // no parameter: not taken for CSI
		// Left alone.
		{"\x1b alone", "\x1b alone"},
		{"\x1b[", "\x1b["},
		{"\x1b]no end\nx", "\x1b]no end\nx"},
		{"[31m no escape", "[31m no escape"},
		{"\x1b]\xd6\a", "\x1b]\xd6\a"},                 // invalid bytes are never removed
		{"\xe2\x1b[0m\x80\x99", "\xe2\x1b[0m\x80\x99"}, // would join invalid bytes
		{"fi fl ﬀ", "fi fl ff"},
		{"plain text", "plain text"},
	} {
		out, _ := runChain(t, []lint.Stage{ansiStage{}, codepointsStage{}}, tc.in, nil)
		if out != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, out, tc.want)
		}
		for _, st := range []lint.Stage{ansiStage{}, codepointsStage{}} {
			if fs := st.Check(out); len(fixesOf(fs, nil)) > 0 {
				t.Errorf("%q: second run finds %s", tc.in, fs[0].Message)
			}
		}
	}
}

func TestCodepointsFindings(t *testing.T) {
	in := "\x1b[31mﬁ\u2028"
	fs := append(ansiStage{}.Check(in), codepointsStage{}.Check(in)...)
	checkFindings(t, "codepoints", in, fs)
	got := summary(fs)
	want := []string{"unicode.ansi-escape 0:5", "unicode.ligature 5:8", "unicode.line-separator 8:11"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("finding %d: got %s, want %s", i, got[i], want[i])
		}
	}
}

// TestNELBeforeInvisible checks U+0085 becomes a line break in the chain
// rather than being removed as a control character, and that an ANSI
// sequence goes whole rather than leaving "[31m".
func TestNELBeforeInvisible(t *testing.T) {
	out, _ := runChain(t, Stages(Options{}), "one\u0085two \x1b[31mred\x1b[0m", nil)
	if want := "one\ntwo red"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
