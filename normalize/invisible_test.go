package normalize

import (
	"slices"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

func TestInvisible(t *testing.T) {
	testStage(t, invisibleStage{}, []stageTest{
		{name: "empty", in: "", want: ""},
		{name: "plain", in: "Plain text,\twith tabs\r\nand lines.\n", want: "Plain text,\twith tabs\r\nand lines.\n"},
		{name: "bom", in: "\ufeffHello", want: "Hello",
			findings: []string{"unicode.bom 0:3"}},
		{name: "two boms", in: "\ufeff\ufeffHello", want: "Hello",
			findings: []string{"unicode.bom 0:6"}},
		{name: "bom after blanks and invisibles", in: " \u00a0\u200b\ufeffHi", want: " \u00a0Hi",
			findings: []string{"unicode.invisible 3:6", "unicode.bom 6:9"}},
		{name: "feff inside", in: "a\ufeffb", want: "ab",
			findings: []string{"unicode.invisible 1:4"}},
		{name: "feff on second line", in: "\n\ufeffb", want: "\nb",
			findings: []string{"unicode.invisible 1:4"}},
		{name: "zero width space", in: "a\u200bb", want: "ab",
			findings: []string{"unicode.invisible 1:4"}},
		{name: "run of zero width spaces", in: "a\u200b\u200b\u200bb", want: "ab",
			findings: []string{"unicode.invisible 1:10"}},
		{name: "mixed invisibles", in: "a\u200b\u2060\u00adb", want: "ab",
			findings: []string{"unicode.invisible 1:4", "unicode.invisible 4:7", "unicode.invisible 7:9"}},
		{name: "soft hyphen", in: "co\u00adoperate", want: "cooperate",
			findings: []string{"unicode.invisible 2:4"}},
		{name: "c0 controls", in: "a\x00b\x07c\x1bd\x0bef", want: "abcdef",
			findings: []string{"unicode.control 1:2", "unicode.control 3:4", "unicode.control 5:6", "unicode.control 7:8"}},
		// A form feed is a page break (issue: layout): it stays.
		{name: "form feed kept", in: "page one\n\x0c\npage two\x0c", want: "page one\n\x0c\npage two\x0c"},
		{name: "del", in: "a\x7f\x7fb", want: "ab",
			findings: []string{"unicode.control 1:3"}},
		{name: "c1 controls", in: "a\u0080b\u0085c\u009fd", want: "abcd",
			findings: []string{"unicode.control 1:3", "unicode.control 4:6", "unicode.control 7:9"}},
		{name: "invalid bytes kept", in: "a\xffb\xe2\x80c\xc0\xafd", want: "a\xffb\xe2\x80c\xc0\xafd",
			findings: []string{"encoding.invalid-utf8 1:2", "encoding.invalid-utf8 3:5", "encoding.invalid-utf8 6:8"}},
		{name: "invalid at end", in: "abc\xf0\x9f\x98", want: "abc\xf0\x9f\x98",
			findings: []string{"encoding.invalid-utf8 3:6"}},
		{name: "encoded surrogate is invalid", in: "\xed\xa0\x80", want: "\xed\xa0\x80",
			findings: []string{"encoding.invalid-utf8 0:3"}},
		{name: "replacement character is valid", in: "a\ufffdb", want: "a\ufffdb"},
		{name: "invisible between invalid bytes that would join", in: "\xe2\x80\u200b\x8b", want: "\xe2\x80\u200b\x8b",
			findings: []string{"encoding.invalid-utf8 0:2", "unicode.invisible 2:5", "encoding.invalid-utf8 5:6"}},
		{name: "control cluster between invalid bytes", in: "\xf0\x9f\x01\u200b\x98\x80", want: "\xf0\x9f\x01\u200b\x98\x80",
			findings: []string{"encoding.invalid-utf8 0:2", "unicode.control 2:3", "unicode.invisible 3:6", "encoding.invalid-utf8 6:8"}},
		{name: "invisible after invalid byte, then ASCII", in: "\xe2\u200bx", want: "\xe2x",
			findings: []string{"encoding.invalid-utf8 0:1", "unicode.invisible 1:4"}},
		{name: "invisible before invalid lead byte", in: "\xe2\u200b\xe2", want: "\xe2\xe2",
			findings: []string{"encoding.invalid-utf8 0:1", "unicode.invisible 1:4", "encoding.invalid-utf8 4:5"}},
		// Must not touch.
		{name: "zwnj in Persian", in: "می\u200cخواهم", want: "می\u200cخواهم"},
		{name: "zwj in emoji", in: "👨\u200d👩\u200d👧", want: "👨\u200d👩\u200d👧"},
		{name: "tab lf cr", in: "a\tb\nc\rd\r\n", want: "a\tb\nc\rd\r\n"},
		{name: "non-ascii text", in: "Ça coûte 5 € — naïve", want: "Ça coûte 5 € — naïve"},
	})
}

func TestInvisibleMessages(t *testing.T) {
	fs := invisibleStage{}.Check("\ufeffa\u200bb\x07c\u0085d\u200b\u200be\xff\xfe")
	want := []string{
		"byte order mark U+FEFF at the start of the text removed",
		"invisible character U+200B ZERO WIDTH SPACE removed",
		"control character U+0007 (BEL) removed",
		"control character U+0085 (NEL) removed",
		"2 × invisible character U+200B ZERO WIDTH SPACE removed",
		"2 invalid UTF-8 bytes 0xFF 0xFE left as they are",
	}
	if got := messages(fs); !slices.Equal(got, want) {
		t.Errorf("messages:\n got %q\nwant %q", got, want)
	}
	for _, f := range fs {
		want := map[string]lint.Severity{RuleBOM: lint.Info, RuleInvisible: lint.Warning, RuleControl: lint.Warning, RuleInvalidUTF8: lint.Warning}[f.Rule]
		if f.Severity != want {
			t.Errorf("%s: severity %v, want %v", f.Rule, f.Severity, want)
		}
		if (f.Rule == RuleInvalidUTF8) != (len(f.Fix) == 0) {
			t.Errorf("%s: fix %v", f.Rule, f.Fix)
		}
	}
}
