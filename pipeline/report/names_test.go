package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/lint/linttest"
	"github.com/copydesk/copydesk/pipeline/report"
)

func TestSafeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"story.txt", "story.txt"},
		{"docs/été 2024/ünï.md", "docs/été 2024/ünï.md"},
		{`C:\drafts\a.txt`, `C:\drafts\a.txt`},
		{"a\x1b]0;pwned\x07b", `a\x1b]0;pwned\x07b`},
		{"a\x1b[2Jb", `a\x1b[2Jb`},
		{"tab\there\nnew\rret\x7f", `tab\there\nnew\rret\x7f`},
		{"c1\u009b31m\u0085", `c1\u009b31m\u0085`},
		{"bidi\u202egnp.exe\u2066x\u2069\u200f\u061c", `bidi\u202egnp.exe\u2066x\u2069\u200f\u061c`},
		{"sep\u2028x\u2029", `sep\u2028x\u2029`},
		{"bad\xffbyte\xc3", `bad\xffbyte\xc3`},
		{"", ""},
	} {
		if got := report.SafeName(tc.in); got != tc.want {
			t.Errorf("SafeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestNamesEscaped checks that the line formats never print a control or
// bidi character of a file name, and the machine formats keep it exactly.
func TestNamesEscaped(t *testing.T) {
	const name = "evil\x1b]0;title\x07\u202e\u009b2J.txt"
	text := "He said.. ok\n"
	r := pipeline.New(linttest.Replace{Rule: "test.double-period", Old: "..", New: ".", Severity: lint.Warning}).Run(text)
	f := report.NewFile(name, r)
	for format, write := range map[string]func(*bytes.Buffer) error{
		"short":  func(b *bytes.Buffer) error { return report.Text(b, f) },
		"text":   func(b *bytes.Buffer) error { return report.Pretty(b, report.PrettyOptions{}, f) },
		"github": func(b *bytes.Buffer) error { return report.GitHub(b, f) },
		"color":  func(b *bytes.Buffer) error { return report.Color(b, name, r) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if format == "color" {
			out = strings.NewReplacer("\x1b[1m", "", "\x1b[0m", "", "\x1b[31m", "", "\x1b[32m", "", "\x1b[36m", "", "\x1b[2m", "", "\x1b[41m", "", "\x1b[42m", "").Replace(out)
		}
		for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u009b"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: the output holds %q of the name:\n%q", format, bad, out)
			}
		}
		if !strings.Contains(out, `evil\x1b]0;title\x07\u202e\u009b2J.txt`) && format != "github" {
			t.Errorf("%s: the escaped name is missing:\n%q", format, out)
		}
	}
	var j bytes.Buffer
	if err := report.JSON(&j, []report.File{f}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(j.String(), `"path": "evil\u001b]0;title\u0007`+"\u202e\u009b"+`2J.txt"`) {
		t.Errorf("json: the exact name is not kept:\n%s", j.String())
	}
}
