package charclass

import (
	"strings"
	"testing"
)

func TestRemoved(t *testing.T) {
	cases := []struct {
		r    rune
		want Removal
	}{
		{'a', Keep}, {'\t', Keep}, {'\n', Keep}, {'\r', Keep}, {'\f', Keep},
		{0, Control}, {0x07, Control}, {0x0B, Control}, {0x1B, Control}, {0x7F, Control},
		{0x80, Control}, {0x9A, Control}, {0x9F, Control},
		{0xA0, Keep}, {0xAD, Invisible}, {0x200B, Invisible}, {0x2060, Invisible}, {0xFEFF, Invisible},
		{0x200C, Keep}, {0x200D, Keep}, {0x202E, Keep}, {-1, Keep},
	}
	for _, c := range cases {
		if got := Removed(c.r); got != c.want {
			t.Errorf("Removed(%U) = %d, want %d", c.r, got, c.want)
		}
		if Removable(c.r) != (c.want != Keep) {
			t.Errorf("Removable(%U) disagrees with Removed", c.r)
		}
	}
}

func TestWindowsC1(t *testing.T) {
	for r := rune(0x7F); r <= 0xA0; r++ {
		want := r >= 0x80 && r <= 0x9F && !strings.ContainsRune("\u0081\u008d\u008f\u0090\u009d", r)
		if WindowsC1(r) != want {
			t.Errorf("WindowsC1(%U) = %v, want %v", r, !want, want)
		}
	}
}

func TestBidi(t *testing.T) {
	cases := map[rune]BidiKind{
		0x202A: BidiEmbed, 0x202B: BidiEmbed, 0x202C: BidiPopEmbed, 0x202D: BidiEmbed, 0x202E: BidiEmbed,
		0x2066: BidiIsolate, 0x2067: BidiIsolate, 0x2068: BidiIsolate, 0x2069: BidiPopIsolate,
		0x200E: NotBidi, 0x200F: NotBidi, 0x061C: NotBidi, 'a': NotBidi, 0x2065: NotBidi,
	}
	for r, want := range cases {
		if got := Bidi(r); got != want {
			t.Errorf("Bidi(%U) = %d, want %d", r, got, want)
		}
		if (BidiName(r) != "") != (want != NotBidi) {
			t.Errorf("BidiName(%U) = %q", r, BidiName(r))
		}
	}
}

func TestQuotes(t *testing.T) {
	for _, c := range []struct {
		r    rune
		want byte
	}{{'“', '"'}, {'”', '"'}, {'„', '"'}, {'‟', '"'}, {'＂', '"'}, {'‘', '\''}, {'’', '\''}, {'‚', '\''}, {'‛', '\''}, {'＇', '\''}, {'«', 0}, {'′', 0}, {'"', 0}, {'a', 0}} {
		if got := ASCIIQuote(c.r); got != c.want {
			t.Errorf("ASCIIQuote(%q) = %q, want %q", c.r, got, c.want)
		}
	}
	for _, r := range `"'“”„‟‘’‚‛«»‹›` {
		if !IsQuote(r) {
			t.Errorf("IsQuote(%q) = false", r)
		}
	}
	for _, r := range "a′`" {
		if IsQuote(r) {
			t.Errorf("IsQuote(%q) = true", r)
		}
	}
	for _, r := range "“‘«‹„‚" {
		if !OpensQuote(r) || ClosesQuote(r) {
			t.Errorf("%q should open and not close", r)
		}
	}
	for _, r := range "”’»›" {
		if !ClosesQuote(r) || OpensQuote(r) {
			t.Errorf("%q should close and not open", r)
		}
	}
	if !IsPrime('′') || !IsPrime('″') || IsPrime('\'') {
		t.Error("IsPrime wrong")
	}
}

func TestSpaces(t *testing.T) {
	for _, r := range "\u00a0\u2000\u2005\u200a\u202f\u205f\u3000" {
		if !UnicodeSpace(r) {
			t.Errorf("UnicodeSpace(%U) = false", r)
		}
	}
	for _, r := range " \t\u200b\u2028\u1680a" {
		if UnicodeSpace(r) {
			t.Errorf("UnicodeSpace(%U) = true", r)
		}
	}
	if !IsBlank(' ') || !IsBlank('\t') || IsBlank('\n') {
		t.Error("IsBlank wrong")
	}
	for c := 0; c < 128; c++ {
		want := strings.IndexByte(" \t\n\v\f\r", byte(c)) >= 0
		if IsASCIISpace(byte(c)) != want {
			t.Errorf("IsASCIISpace(%q) = %v", rune(c), !want)
		}
	}
}

func TestCodeToken(t *testing.T) {
	code := []string{
		"v1.2.3..", "v2.6.12..", "1.2.3", "4.4.0", "'main..'", "'origin..'", `"-L.."`, "-L..", "--all", "-print0",
		"?.", "obj?.prop", "a::b", "x->y", "a&&b", "&&", "FOO(x,.)", "f()", "(.)c,", "(.ip):",
		"&amp;", "&#64;", "<jane&#64;laptop>", "jane&#64;laptop", "$HOME", "%PATH%", "@{upstream}",
		"README.md", "os.path", "Node.js", "example.com", "www.example.com", "https://x.org/a",
		"./run", "path/to", `C:\dir`, "`code`", "snake_case", "a=b", "<b>", "{x}", ";^)", "a|b", ".deb",
	}
	for _, tok := range code {
		if !CodeToken(tok) {
			t.Errorf("CodeToken(%q) = false, want true", tok)
		}
	}
	prose := []string{
		"statement..", "word", "word.", "etc..", "U.S..", "e.g.", "i.e.,", "3.5", "2,500", "item(s)",
		"don't", "well-known", `"yes.."`, "'word'", "(see", "above).", ",,", "?!", "...", "--", "-", "?", ".",
		"café", "“quoted”", "Ph.D.", "2019..", "",
	}
	for _, tok := range prose {
		if CodeToken(tok) {
			t.Errorf("CodeToken(%q) = true, want false", tok)
		}
	}
}

func TestCommandLine(t *testing.T) {
	cmd := []string{
		"$ git status .", "  $ cd ..", "% ls -l", "# apt-get install x", "git log v1.2.3.. src",
		"\tgit blame v2.6.18.. -- foo", "find . -print0", "cd ..", "npm install --save x", `C:\> dir`,
		"\u00a0\u00a0 # cd ./source; find . -print0", "    if [ -d ~/bin ] ; then", "[ -f x ] && y",
	}
	for _, l := range cmd {
		if !CommandLine(l) {
			t.Errorf("CommandLine(%q) = false, want true", l)
		}
	}
	prose := []string{
		"Find it here .", "Make sure it works .", "# Title", "$ 5 each", "the git log shows", "git", "",
		"> quoted text", "Go ahead .",
	}
	for _, l := range prose {
		if CommandLine(l) {
			t.Errorf("CommandLine(%q) = true, want false", l)
		}
	}
}

func TestTokenAt(t *testing.T) {
	text := "say v1.2.3.. now\u00a0x"
	s, e, ok := TokenAt(text, 6)
	if !ok || text[s:e] != "v1.2.3.." {
		t.Errorf("TokenAt = %q, %v", text[s:e], ok)
	}
	s, e, _ = TokenAt(text, len(text)-1)
	if text[s:e] != "x" {
		t.Errorf("TokenAt after a no-break space = %q, want x", text[s:e])
	}
	long := strings.Repeat("a", 3*MaxToken)
	s, e, ok = TokenAt(long, len(long)/2)
	if ok || e-s > 2*MaxToken {
		t.Errorf("long token: ok %v, %d bytes seen", ok, e-s)
	}
}

func TestLineAt(t *testing.T) {
	text := "one\r\ntwo three\nfour"
	if l, ok := LineAt(text, 7); !ok || l != "two three" {
		t.Errorf("LineAt = %q, %v", l, ok)
	}
	long := strings.Repeat("a", 2*MaxLine)
	if _, ok := LineAt(long, len(long)-1); ok {
		t.Error("LineAt on a long line: ok")
	}
}
