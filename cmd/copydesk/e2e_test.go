package main

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// real runs copydesk with the default pipeline.
func real(t *testing.T) session {
	t.Helper()
	return session{pipeline: defaultPipeline}
}

// seed copies the seed article into a temporary directory made current,
// as seed.txt, and returns its text.
func seed(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	cd(t, map[string]string{"seed.txt": string(b)})
	return string(b)
}

// golden compares got with the file testdata/name, or with -update
// writes it.
func golden(t *testing.T, wd, name, got string) {
	t.Helper()
	path := filepath.Join(wd, "testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update and review the diff):\n got:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestSeedGolden(t *testing.T) {
	s := real(t)
	wd, _ := os.Getwd()
	seed(t)
	for _, tt := range []struct {
		args   []string
		golden string
	}{
		{[]string{"check", "seed.txt"}, "seed.check.txt"},
		{[]string{"check", "--format", "json", "seed.txt"}, "seed.check.json"},
		{[]string{"diff", "seed.txt"}, "seed.diff"},
	} {
		o := s.run(t, tt.args...)
		if o.code != 1 || o.stderr != "" {
			t.Errorf("%v: exit %d, stderr %q", tt.args, o.code, o.stderr)
		}
		golden(t, wd, tt.golden, o.stdout)
	}
}

func TestSeedClean(t *testing.T) {
	s := real(t)
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed.clean.txt"))
	if err != nil {
		t.Skipf("no expected output: %v", err)
	}
	text := seed(t)
	o := s.run(t, "clean", "seed.txt")
	if o.code != 0 || o.stdout != string(b) {
		t.Errorf("clean seed.txt: exit %d, stderr %q, got:\n%s\nwant:\n%s", o.code, o.stderr, o.stdout, b)
	}
	// The seed repeats a paragraph and ends a sentence with "..".
	if !strings.Contains(text, "in a statement..") || strings.Contains(o.stdout, "in a statement..") {
		t.Error("the double period is not fixed")
	}

	// Cleaning is idempotent: the cleaned text has nothing left to fix.
	if err := os.WriteFile("cleaned.txt", []byte(o.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if o := s.run(t, "diff", "cleaned.txt"); o.code != 0 || o.stdout != "" {
		t.Errorf("diff of the cleaned text: exit %d:\n%s", o.code, o.stdout)
	}
	o = s.run(t, "check", "--format", "json", "cleaned.txt")
	if strings.Contains(o.stdout, `"fix"`) {
		t.Errorf("check of the cleaned text reports fixes:\n%s", o.stdout)
	}
}

func TestSeedDiffApplies(t *testing.T) {
	s := real(t)
	seed(t)
	want := s.run(t, "clean", "seed.txt").stdout
	patch := s.run(t, "diff", "seed.txt").stdout
	for _, tool := range [][]string{
		{"git", "apply", "-p1", "-"},
		{"patch", "-p1", "--quiet", "--batch", "--no-backup-if-mismatch"},
	} {
		if _, err := exec.LookPath(tool[0]); err != nil {
			t.Logf("%s not installed", tool[0])
			continue
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "seed.txt"), []byte(readFile(t, "seed.txt")), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(tool[0], tool[1:]...)
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(patch)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", tool[0], err, out)
		}
		if got := readFile(t, filepath.Join(dir, "seed.txt")); got != want {
			t.Errorf("%s made:\n%s\nwant:\n%s", tool[0], got, want)
		}
	}
	// clean -w gives the same text.
	if o := s.run(t, "clean", "-w", "seed.txt"); o.code != 0 || readFile(t, "seed.txt") != want {
		t.Errorf("clean -w: exit %d, %s", o.code, o.stderr)
	}
}

// TestRealInvalidUTF8 checks that invalid bytes pass through byte for
// byte and are reported.
func TestRealInvalidUTF8(t *testing.T) {
	s := real(t)
	s.stdin = "Caf\xe9 au lait.. \xff\n"
	o := s.run(t, "clean")
	if !strings.Contains(o.stdout, "Caf\xe9 au lait") || !strings.Contains(o.stdout, "\xff") {
		t.Errorf("invalid bytes not kept: %q", o.stdout)
	}
	o = s.run(t, "check", "--format", "json")
	if !strings.Contains(o.stdout, `"rule": "encoding.invalid-utf8"`) {
		t.Errorf("invalid UTF-8 not reported:\n%s", o.stdout)
	}
	if !json.Valid([]byte(o.stdout)) {
		t.Errorf("invalid JSON:\n%s", o.stdout)
	}
}

func TestRealRules(t *testing.T) {
	s := real(t)
	o := s.run(t, "rules", "--format", "json")
	var list struct {
		Rules []struct{ ID, Doc string }
	}
	if err := json.Unmarshal([]byte(o.stdout), &list); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range list.Rules {
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.Doc == "" || strings.Contains(r.Doc, "\n") {
			t.Errorf("rule %s: doc %q is not one line", r.ID, r.Doc)
		}
	}
	for _, id := range []string{"quotes.curly", "punct.double-period", "dedupe.paragraph", "encoding.invalid-utf8"} {
		if !seen[id] {
			t.Errorf("rules lacks %s", id)
		}
	}
	// Every listed rule can be disabled by id.
	ids := make([]string, 0, len(list.Rules))
	for _, r := range list.Rules {
		ids = append(ids, r.ID)
	}
	s.stdin = "x“y”.."
	if o := s.run(t, "clean", "--disable", strings.Join(ids, ",")); o.code != 0 || o.stdout != "x“y”.." {
		t.Errorf("clean with every rule disabled: exit %d, %q, %s", o.code, o.stdout, o.stderr)
	}
}
