package normalize

import (
	"slices"
	"testing"
)

func TestSpaces(t *testing.T) {
	testStage(t, spacesStage{}, []stageTest{
		{name: "empty", in: "", want: ""},
		{name: "clean", in: "One line.\nTwo lines.\n", want: "One line.\nTwo lines.\n"},
		{name: "repeated", in: "a  b", want: "a b",
			findings: []string{"space.repeated 1:3"}},
		{name: "three spaces suggested", in: "a   b", want: "a   b",
			findings: []string{"space.repeated 1:4"}},
		{name: "repeated around a tab", in: "a  \tb", want: "a  \tb",
			findings: []string{"space.repeated 1:3"}}, // a suggestion
		{name: "trailing", in: "a \nb\t\nc  ", want: "a\nb\nc",
			findings: []string{"space.trailing 1:2", "space.trailing 4:5", "space.trailing 7:9"}},
		{name: "trailing before crlf", in: "a \t\r\nb\r\n", want: "a\r\nb\r\n",
			findings: []string{"space.trailing 1:3"}},
		{name: "trailing before lone cr", in: "a  \rb", want: "a\rb",
			findings: []string{"space.trailing 1:3"}},
		{name: "whitespace-only line", in: "a\n \t \nb", want: "a\n\nb",
			findings: []string{"space.trailing 2:5"}},
		{name: "leading at start", in: " date 2021", want: "date 2021",
			findings: []string{"space.leading 0:1"}},
		{name: "leading after blank line", in: "a\n\n  b\nc\n", want: "a\n\nb\nc\n",
			findings: []string{"space.leading 3:5"}},
		{name: "leading after whitespace-only line", in: "a\n  \n b", want: "a\n\nb",
			findings: []string{"space.trailing 2:4", "space.leading 5:6"}},
		// Layout stays (issue: whitespace that carries layout).
		{name: "indented block", in: "a\n\n  b\n   c\n", want: "a\n\n  b\n   c\n"},
		{name: "tab indent", in: "a\n\n\tb\n", want: "a\n\n\tb\n"},
		{name: "four spaces", in: "a\n\n    b\n", want: "a\n\n    b\n"},
		{name: "list item", in: "a\n\n  * b\n", want: "a\n\n  * b\n"},
		{name: "changelog trailer", in: "  * Fix.\n\n -- Jane Doe <jane@example.org>  Mon, 01 Jan 2024 10:00:00 +0000\n",
			want: "  * Fix.\n\n -- Jane Doe <jane@example.org>  Mon, 01 Jan 2024 10:00:00 +0000\n"},
		{name: "indented paragraphs style", in: " One.\n\n Two.\n", want: " One.\n\n Two.\n"},
		{name: "two spaces after a sentence", in: "One.  Two.\n", want: "One.  Two.\n"},
		{name: "two spaces after a colon", in: "Note:  this\n", want: "Note:  this\n"},
		{name: "table row", in: "name  value  more\n", want: "name  value  more\n"},
		{name: "aligned columns", in: "ab  cd\nxyz cd\n", want: "ab  cd\nxyz cd\n"},
		{name: "aligned with next", in: "key  one\n     two\n", want: "key  one\n     two\n"},
		{name: "aligned with tab", in: "a\tb\nabcdef  b\n", want: "a\tb\nabcdef  b\n"},
		{name: "not aligned", in: "a\tb\nabcdefgh  b\n", want: "a\tb\nabcdefgh b\n",
			findings: []string{"space.repeated 12:14"}},
		{name: "list marker spacing", in: "*  item\n1.  item\n", want: "*  item\n1.  item\n"},
		{name: "form feed kept", in: "page\n\f\nnext\n", want: "page\n\f\nnext\n"},
		{name: "leading with crlf", in: "a\r\n\r\n  b\r\n", want: "a\r\n\r\nb\r\n",
			findings: []string{"space.leading 5:7"}},
		{name: "leading after lone cr blank line", in: "a\r\r b", want: "a\r\rb",
			findings: []string{"space.leading 3:4"}},
		{name: "first line blank", in: "  \n  x", want: "x",
			findings: []string{"space.trailing 0:2", "space.blank-lines 2:3", "space.leading 3:5"}},
		{name: "blank lines between paragraphs", in: "a\n\n\n\nb\n", want: "a\n\nb\n",
			findings: []string{"space.blank-lines 2:4"}},
		{name: "blank lines with whitespace", in: "a\n \n\t\n\nb", want: "a\n\nb",
			findings: []string{"space.trailing 2:3", "space.blank-lines 3:4", "space.trailing 4:5", "space.blank-lines 5:6"}},
		{name: "blank lines crlf", in: "a\r\n\r\n\r\n\r\nb\r\n\r\n", want: "a\r\n\r\nb\r\n",
			findings: []string{"space.blank-lines 3:7", "space.blank-lines 12:14"}},
		{name: "blank lines lone cr", in: "a\rb\r\r\r\rc", want: "a\rb\r\rc",
			findings: []string{"space.blank-lines 4:6"}},
		{name: "blank lines at start and end", in: "\n\n  \nText.\n\n\n", want: "Text.\n",
			findings: []string{"space.blank-lines 0:2", "space.trailing 2:4", "space.blank-lines 4:5", "space.blank-lines 11:13"}},
		{name: "blank line after the last keeps no final newline missing", in: "x\n  ", want: "x\n",
			findings: []string{"space.trailing 2:4"}},
		{name: "only blank lines stay", in: "\n\n\r\n", want: "\n\n\r\n"},
		{name: "all three", in: "  a  b  \n", want: "a b\n",
			findings: []string{"space.leading 0:2", "space.repeated 3:5", "space.trailing 6:8"}},
		{name: "seed first line", in: " date 2021-02-26 The Pentagon said\n\nNext.", want: "date 2021-02-26 The Pentagon said\n\nNext.",
			findings: []string{"space.leading 0:1"}},
		// Must not touch.
		{name: "crlf kept", in: "a\r\nb\r\n", want: "a\r\nb\r\n"},
		{name: "no final newline", in: "a b", want: "a b"},
		{name: "tabs inside a line", in: "name\tvalue\t\tmore", want: "name\tvalue\t\tmore"},
		{name: "indented continuation lines", in: "Para:\n    code  here\n\tmore\n", want: "Para:\n    code  here\n\tmore\n"},
		{name: "single spaces", in: "a b c\n", want: "a b c\n"},
		{name: "no-break spaces are not spaces here", in: "a\u00a0\u00a0b \u00a0", want: "a\u00a0\u00a0b \u00a0"},
		{name: "invalid bytes", in: "\xff  \xfe \n", want: "\xff  \xfe\n",
			findings: []string{"space.repeated 1:3", "space.trailing 4:5"}}, // a suggestion, a fix
		{name: "date and name", in: "2005-05-26  Jane Doe <jane@example.org>\n", want: "2005-05-26  Jane Doe <jane@example.org>\n"},
		{name: "justified", in: "text  that is\njustified  by a formatter\n", want: "text  that is\njustified  by a formatter\n"},
		{name: "before a bracket suggested", in: "fix macros  (Glenn)\n", want: "fix macros  (Glenn)\n",
			findings: []string{"space.repeated 10:12"}},
	})
}

func TestSpacesMessages(t *testing.T) {
	fs := spacesStage{}.Check("  a   b \t\n \t\n\tc \n  d\t\t")
	want := []string{
		"3 spaces between words: collapse to one unless they align text",
		"trailing whitespace removed (1 space, 1 tab)",
		"whitespace-only line emptied (1 space, 1 tab)",
		"trailing space removed",
		"2 trailing tabs removed",
	}
	if got := messages(fs); !slices.Equal(got, want) {
		t.Errorf("messages:\n got %q\nwant %q", got, want)
	}
}
