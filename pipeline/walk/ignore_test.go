package walk

import (
	"strings"
	"testing"
)

// TestIgnoreSemantics checks gitignore(5) semantics pattern by pattern;
// the expectations are what git check-ignore says.
func TestIgnoreSemantics(t *testing.T) {
	tests := []struct {
		patterns string
		path     string
		isDir    bool
		want     Decision
	}{
		// A name without a slash matches at any depth.
		{"foo", "foo", false, Ignore},
		{"foo", "a/b/foo", false, Ignore},
		{"foo", "a/foo", true, Ignore},
		{"foo", "foobar", false, None},
		{"foo", "a/foo/bar", false, None}, // the directory is skipped, not each file
		// Wildcards do not cross a slash.
		{"*.md", "a.md", false, Ignore},
		{"*.md", "deep/er/a.md", false, Ignore},
		{"*.md", "a.mdx", false, None},
		{"a*", "ab/c", false, None},
		{"?.txt", "a.txt", false, Ignore},
		{"?.txt", "ab.txt", false, None},
		{"[ab].txt", "b.txt", false, Ignore},
		{"[ab].txt", "c.txt", false, None},
		{"[!ab].txt", "c.txt", false, Ignore},
		{"[!ab].txt", "a.txt", false, None},
		{"[a-c]x", "bx", false, Ignore},
		{"[[:digit:]]x", "7x", false, Ignore},
		{"[[:digit:]]x", "ax", false, None},
		// Trailing slash: directories only.
		{"build/", "build", true, Ignore},
		{"build/", "build", false, None},
		{"build/", "src/build", true, Ignore},
		// A leading or middle slash anchors to the file's directory.
		{"/top.md", "top.md", false, Ignore},
		{"/top.md", "sub/top.md", false, None},
		{"doc/frotz", "doc/frotz", false, Ignore},
		{"doc/frotz", "a/doc/frotz", false, None},
		{"doc/*.md", "doc/a.md", false, Ignore},
		{"doc/*.md", "doc/sub/a.md", false, None},
		// "**".
		{"**/foo", "foo", false, Ignore},
		{"**/foo", "a/b/foo", false, Ignore},
		{"**/foo/bar", "x/foo/bar", false, Ignore},
		{"abc/**", "abc/x", false, Ignore},
		{"abc/**", "abc/x/y", false, Ignore},
		{"abc/**", "abc", true, None},
		{"a/**/b", "a/b", false, Ignore},
		{"a/**/b", "a/x/y/b", false, Ignore},
		{"a/**/b", "ab", false, None},
		{"a**b", "axxb", false, Ignore}, // not a component: as "*"
		{"a**b", "a/b", false, None},
		// Negation: the last match wins.
		{"*.md\n!keep.md", "keep.md", false, Keep},
		{"*.md\n!keep.md", "drop.md", false, Ignore},
		{"!keep.md\n*.md", "keep.md", false, Ignore},
		{"dir/\n!dir/", "dir", true, Keep},
		// Comments, blanks, escapes and trailing spaces.
		{"# comment\n\n", "# comment", false, None},
		{`\#hash`, "#hash", false, Ignore},
		{`\!bang`, "!bang", false, Ignore},
		{"spaced   ", "spaced", false, Ignore},
		{`space\ `, "space ", false, Ignore},
		{`a\*b`, "a*b", false, Ignore},
		{`a\*b`, "axb", false, None},
		{"crlf\r", "crlf", false, Ignore},
		// Regular expression characters are literal.
		{"a.b(c)+", "a.b(c)+", false, Ignore},
		{"a.b", "axb", false, None},
	}
	for _, tt := range tests {
		name := strings.ReplaceAll(tt.patterns, "\n", "⏎") + " " + tt.path
		t.Run(name, func(t *testing.T) {
			f, err := ParseIgnoreString(tt.patterns)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Match(tt.path, tt.isDir); got != tt.want {
				t.Errorf("Match(%q, dir=%v) = %v, want %v", tt.path, tt.isDir, got, tt.want)
			}
		})
	}
}

func TestIgnoreBadPattern(t *testing.T) {
	f, err := ParseIgnoreString("good.md\n[unclosed\nalso.md\n")
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error = %v, want one naming line 2", err)
	}
	if f.Match("good.md", false) != Ignore || f.Match("also.md", false) != Ignore {
		t.Error("the good patterns around a bad one were lost")
	}
	var nilFile *IgnoreFile
	if nilFile.Match("x", false) != None {
		t.Error("a nil IgnoreFile matched")
	}
}
