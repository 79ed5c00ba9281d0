package main

import (
	"strings"
	"testing"
)

// TestControlNamesEscaped checks that a file name holding an escape
// sequence or a bidi override never reaches the terminal raw: not in
// check's short and github formats, clean -l, an error line, or the
// summary; the JSON report keeps the exact name.
func TestControlNamesEscaped(t *testing.T) {
	const name = "evil\x1b]0;x\x07\u202e.txt"
	const shown = `evil\x1b]0;x\x07\u202e.txt`
	cd(t, map[string]string{name: "a..\n"})
	raw := []string{"\x1b", "\x07", "\u202e"}
	for _, args := range [][]string{
		{"check", "--format", "short", "--", name},
		{"check", "--format", "github", "--", name},
		{"check", "--format", "text", "--", name},
		{"clean", "-l", "--", name},
		{"clean", "-l", "--", name, "missing\x1b[2J.txt"},
		{"clean", "-l", "--stats", "stats.json", "--", name},
	} {
		o := session{}.run(t, args...)
		for _, bad := range raw {
			if strings.Contains(o.stdout, bad) || strings.Contains(o.stderr, bad) {
				t.Errorf("%q: a raw %q is printed:\nstdout %q\nstderr %q", args, bad, o.stdout, o.stderr)
			}
		}
		if args[1] != "--format" || args[2] != "github" {
			if !strings.Contains(o.stdout+o.stderr, shown) {
				t.Errorf("%q: the escaped name %s is not shown:\nstdout %q\nstderr %q", args, shown, o.stdout, o.stderr)
			}
		}
		if len(args) > 4 && strings.HasPrefix(args[4], "missing") && !strings.Contains(o.stderr, `missing\x1b[2J.txt`) {
			t.Errorf("%q: the error line does not name the missing file escaped: %q", args, o.stderr)
		}
	}
	o := session{}.run(t, "check", "--format", "json", "--", name)
	if !strings.Contains(o.stdout, `"path": "evil\u001b]0;x\u0007`+"\u202e"+`.txt"`) {
		t.Errorf("json: the exact name is not kept:\n%s", o.stdout)
	}
}
