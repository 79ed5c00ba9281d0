package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	cd(t, map[string]string{"a.txt": "one\ntwo..\nthree\n", "b.txt": clean})
	o := session{}.run(t, "diff", "a.txt", "b.txt")
	want := "--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n-two..\n+two.\n three\n"
	if o.code != 1 || o.stdout != want || o.stderr != "" {
		t.Errorf("diff: exit %d, stderr %q, stdout:\n%s\nwant:\n%s", o.code, o.stderr, o.stdout, want)
	}
	o = session{}.run(t, "diff", "b.txt")
	if o.code != 0 || o.stdout != "" {
		t.Errorf("diff of a clean file: exit %d, %q", o.code, o.stdout)
	}
	o = session{stdin: "x..\n"}.run(t, "diff")
	if want := "--- a/stdin\n+++ b/stdin\n@@ -1 +1 @@\n-x..\n+x.\n"; o.code != 1 || o.stdout != want {
		t.Errorf("diff of stdin: exit %d, %q", o.code, o.stdout)
	}
	o = session{stdin: "x..\n"}.run(t, "diff", "--stdin-name", "notes/today.txt", "-")
	if !strings.HasPrefix(o.stdout, "--- a/notes/today.txt\n+++ b/notes/today.txt\n") {
		t.Errorf("diff with --stdin-name: %q", o.stdout)
	}
	o = session{}.run(t, "diff", "-U", "0", "a.txt")
	if want := "--- a/a.txt\n+++ b/a.txt\n@@ -2 +2 @@\n-two..\n+two.\n"; o.stdout != want {
		t.Errorf("diff -U 0: %q, want %q", o.stdout, want)
	}
	o = session{}.run(t, "diff", "--context", "1", "a.txt")
	if want := "--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n-two..\n+two.\n three\n"; o.stdout != want {
		t.Errorf("diff --context 1: %q, want %q", o.stdout, want)
	}
}

// TestDiffApplies checks on inputs of many shapes that git apply and
// patch -p1 turn each file into exactly what clean writes.
func TestDiffApplies(t *testing.T) {
	files := map[string]string{
		"final-newline.txt":    "a\nb..\nc\n",
		"no-final-newline.txt": "a\nb\nc..",
		"crlf.txt":             "“Hi”..\r\n\r\nSame.\r\n\r\nok\r\n",
		"crlf-no-final.txt":    "a..\r\nb\r\nc..",
		"first-line.txt":       "x..\n" + strings.Repeat("line\n", 10),
		"last-line.txt":        strings.Repeat("line\n", 10) + "x..\n",
		"first-and-last.txt":   "“\n" + strings.Repeat("line\n", 10) + "”",
		"paragraphs.txt":       "Intro.\n\nSame para.\n\nSame para.\n\nSame para.\n\nOutro..\n",
		"repeat-at-end.txt":    "Intro.\n\nEnd.\n\nEnd.",
		"empty-result.txt":     "ZAP\nZAP\n",
		"empty-result-2.txt":   "ZAP\n",
		"deleted-first.txt":    "ZAP\nkeep\n",
		"far-apart.txt":        "a..\n" + strings.Repeat("line\n", 20) + "b..\n" + strings.Repeat("line\n", 20),
		"invalid-utf8.txt":     "x\xff\xfe..\n\xc3\n", // not at the start: "\xff\xfe" there is a UTF-16 BOM
		"dir/nested.txt":       "in a directory..\n",
		"unchanged.txt":        clean,
	}
	dir := cd(t, files)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	o := session{}.run(t, append([]string{"diff"}, names...)...)
	if o.code != 1 || o.stderr != "" {
		t.Fatalf("diff: exit %d, stderr %q", o.code, o.stderr)
	}
	patch := o.stdout
	want := map[string]string{}
	for _, name := range names {
		want[name] = session{}.run(t, "clean", name).stdout
	}
	if want["empty-result.txt"] != "" || want["unchanged.txt"] != clean {
		t.Fatalf("the fake pipeline is not what the test expects: %q %q", want["empty-result.txt"], want["unchanged.txt"])
	}
	for _, tool := range patchTools {
		t.Run(tool[0], func(t *testing.T) {
			work := applyPatch(t, tool, files, patch)
			for _, name := range names {
				got, err := os.ReadFile(filepath.Join(work, name))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if string(got) != want[name] {
					t.Errorf("%s made %s into %q, want %q", tool[0], name, got, want[name])
				}
			}
		})
	}
	_ = dir
}

func TestDiffColor(t *testing.T) {
	cd(t, map[string]string{"a.txt": dirty})
	getenv := func(nocolor string) func(string) string {
		return func(k string) string {
			if k == "NO_COLOR" {
				return nocolor
			}
			return ""
		}
	}
	tests := []struct {
		args    []string
		nocolor string
		color   bool
	}{
		{[]string{"diff", "--color", "a.txt"}, "", true},
		{[]string{"diff", "--color=always", "a.txt"}, "1", true},
		{[]string{"diff", "--color=never", "a.txt"}, "", false},
		{[]string{"diff", "--color=auto", "a.txt"}, "", false}, // not a terminal
		{[]string{"diff", "a.txt"}, "", false},
	}
	for _, tt := range tests {
		o := session{getenv: getenv(tt.nocolor)}.run(t, tt.args...)
		if o.code != 1 {
			t.Errorf("%v: exit %d", tt.args, o.code)
		}
		if got := strings.Contains(o.stdout, "\x1b["); got != tt.color {
			t.Errorf("%v: colour %v, want %v:\n%s", tt.args, got, tt.color, o.stdout)
		}
		if tt.color {
			for _, want := range []string{"a.txt", "[quotes.open quotes.close punct.double-period]", "[test.repeat]"} {
				if !strings.Contains(o.stdout, want) {
					t.Errorf("%v: coloured diff lacks %q:\n%s", tt.args, want, o.stdout)
				}
			}
		}
	}
	// NO_COLOR wins over auto even on a terminal; useColor decides.
	e := &env{getenv: getenv("1"), stdout: os.Stdout}
	if e.useColor("auto") {
		t.Error("colour with NO_COLOR set")
	}
}

// patchTools are the commands a unified diff must apply with.
var patchTools = [][]string{
	{"git", "apply", "-p1", "-"},
	{"patch", "-p1", "--quiet", "--batch", "--no-backup-if-mismatch"},
}

// applyPatch writes files into a new directory, applies patch there with
// tool (one of patchTools; the test skips if it is not installed) and
// returns the directory.
func applyPatch(t *testing.T, tool []string, files map[string]string, patch string) string {
	t.Helper()
	if _, err := exec.LookPath(tool[0]); err != nil {
		t.Skipf("%s not installed", tool[0])
	}
	work := t.TempDir()
	for name, text := range files {
		path := filepath.Join(work, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(tool[0], tool[1:]...)
	cmd.Dir = work
	cmd.Stdin = strings.NewReader(patch)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s\npatch:\n%s", tool[0], err, out, patch)
	}
	return work
}
