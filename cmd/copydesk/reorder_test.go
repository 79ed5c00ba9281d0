package main

import (
	"slices"
	"testing"
)

// Flags after the file names move in front of them; values, "--" and
// "-" stay what they were.
func TestReorder(t *testing.T) {
	app := (&env{}).app()
	for _, c := range []struct{ in, want []string }{
		{[]string{"clean", "story.md", "-w"}, []string{"clean", "-w", "story.md"}},
		{[]string{"clean", "a.txt", "-o", "out.txt", "b.txt"}, []string{"clean", "-o", "out.txt", "a.txt", "b.txt"}},
		{[]string{"check", "a.txt", "--format=json"}, []string{"check", "--format=json", "a.txt"}},
		{[]string{"check", "a.txt", "--color", "b.txt"}, []string{"check", "--color", "a.txt", "b.txt"}},
		{[]string{"check", "-", "-q"}, []string{"check", "-q", "-"}},
		{[]string{"check", "a.txt", "--", "-w", "-x.txt"}, []string{"check", "--", "a.txt", "-w", "-x.txt"}},
		{[]string{"-q", "diff", "a.txt", "-u"}, []string{"-q", "diff", "-u", "a.txt"}},
		{[]string{"nonsense", "a", "-w"}, []string{"nonsense", "a", "-w"}},
		{[]string{"--version"}, []string{"--version"}},
		{[]string{"corpus", "decide", "a.jsonl", "--drop-duplicate-docs", "-o", "d.jsonl"}, []string{"corpus", "decide", "--drop-duplicate-docs", "-o", "d.jsonl", "a.jsonl"}},
	} {
		if got := reorder(app, c.in); !slices.Equal(got, c.want) {
			t.Errorf("reorder(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
