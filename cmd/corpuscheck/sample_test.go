package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// sampleCorpus writes a small corpus with fixes of three rules, one of them
// in a Markdown file, and Markdown code that must not be touched.
func sampleCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"a.txt":     "It said in a statement.. Fine.\nThe the cat sat.\n",
		"b.txt":     "Hello , world.\n\n\n\nNext paragraph.\n",
		"c/read.md": "# Title\n\nIt said so.. Really.\n\n```\ncode..  here\n```\n",
		"c/skip.rs": "It said.. not a document\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(args, &out, &errb); code != 0 {
		t.Fatalf("%q: exit %d, stderr %q", args, code, errb.String())
	}
	return out.String()
}

func TestSample(t *testing.T) {
	dir := sampleCorpus(t)
	got := runOK(t, "-sample", "5", "-seed", "3", dir)
	for _, want := range []string{
		"== punct.double-period: 2 fixes in 2 files; sample of 2 (seed 3)\n",
		"== dedupe.word: 1 fixes in 1 files",
		"== punct.space-before: 1 fixes in 1 files",
		"== space.blank-lines: 1 fixes in 1 files",
		filepath.Join(dir, "c", "read.md") + ":3:11  (unjudged)\n",
		"    edit 23:24 \".\" → \"\"\n",
		"    - It said in a statement.. Fine.\n    + It said in a statement. Fine.\n    | The the cat sat.\n",
		"    - Hello , world.\n    + Hello, world.\n",
		"3 documents\n",
		"| `punct.double-period` | 2 | 2 | 2 | 0 | 0 | 0 | – | – |\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "code..") || strings.Contains(got, "skip.rs") {
		t.Errorf("touched Markdown code or a file that is not a document:\n%s", got)
	}
	if capped := runOK(t, "-sample", "5", "-seed", "3", "-per-file", "1", dir); !strings.Contains(capped, "(seed 3, at most 1 a file first)") {
		t.Errorf("-per-file 1:\n%s", capped)
	}
	if again := runOK(t, "-sample", "5", "-seed", "3", dir); again != got {
		t.Errorf("the same seed gave another sample:\n%s\n---\n%s", got, again)
	}
}

func TestSampleJudged(t *testing.T) {
	dir := sampleCorpus(t)
	got := runOK(t, "-sample", "5", "-rule", "punct.double-period", dir)
	keys := regexp.MustCompile(`key ([0-9a-f]{12})`).FindAllStringSubmatch(got, -1)
	if len(keys) != 2 {
		t.Fatalf("want 2 keys, got %q:\n%s", keys, got)
	}
	judged := filepath.Join(t.TempDir(), "judged.tsv")
	tsv := "# verdicts\n\n" + keys[0][1] + "\tT\tpunct.double-period\n" + keys[1][1] + "\tF\tpunct.double-period\ta pattern\ta note\n"
	if err := os.WriteFile(judged, []byte(tsv), 0o644); err != nil {
		t.Fatal(err)
	}
	got = runOK(t, "-sample", "5", "-rule", "punct.double-period", "-judged", judged, dir)
	for _, want := range []string{"(T)\n", "(F: a pattern)\n", "| `punct.double-period` | 2 | 2 | 2 | 2 | 1 | 1 | 50% | 9% |\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	table := runOK(t, "-sample", "5", "-rule", "punct.double-period", "-judged", judged, "-table", dir)
	if strings.Contains(table, "key ") || !strings.Contains(table, "| 50% |") {
		t.Errorf("-table:\n%s", table)
	}

	if err := os.WriteFile(judged, []byte(keys[0][1]+"\tmaybe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"-sample", "5", "-judged", judged, dir}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "judged.tsv:1") {
		t.Errorf("bad judgments file: exit %d, stderr %q", code, errb.String())
	}
}

func TestPickPerFile(t *testing.T) {
	var all []fixed
	for doc := range 3 {
		for range 10 {
			all = append(all, fixed{doc: doc})
		}
	}
	got := pick(all, 6, 2, 1)
	per := map[int]int{}
	for _, x := range got {
		per[x.doc]++
	}
	if len(got) != 6 || per[0] != 2 || per[1] != 2 || per[2] != 2 {
		t.Errorf("pick(30 in 3 files, 6, 2 a file) = %v per file", per)
	}
	if got := pick(all, 12, 2, 1); len(got) != 12 {
		t.Errorf("pick past the per-file cap: %d, want 12", len(got))
	}
	if got := pick(all, 50, 0, 1); len(got) != 30 {
		t.Errorf("pick more than there are: %d, want 30", len(got))
	}
}

func TestWilsonLow(t *testing.T) {
	for _, c := range []struct {
		k, n int
		want float64
	}{{40, 40, 0.912}, {38, 40, 0.835}, {0, 40, 0}, {1, 2, 0.095}, {0, 0, 0}} {
		if got := wilsonLow(c.k, c.n); got < c.want-0.001 || got > c.want+0.001 {
			t.Errorf("wilsonLow(%d, %d) = %.4f, want %.3f", c.k, c.n, got, c.want)
		}
	}
}

func TestVisible(t *testing.T) {
	for in, want := range map[string]string{
		"a\tb  ":          "a⇥b··",
		"x\u00a0y\u200bz": "x⟨U+00A0⟩y⟨U+200B⟩z",
		"bad\xffbyte\f":   "bad⟨FF⟩byte⟨U+000C⟩",
		"caf\u00e9 \r":    "café ⟨CR⟩",
	} {
		if got := visible(in, 200); got != want {
			t.Errorf("visible(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSampleSuggestions: -suggestions samples what clean leaves to a
// person ("#975344 ." is a suggestion) and none of the fixes.
func TestSampleSuggestions(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Closes: see #975344 .\nHello , world.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := runOK(t, "-sample", "5", "-suggestions", dir)
	for _, want := range []string{
		"== punct.space-before: 1 suggestions in 1 files",
		"    - Closes: see #975344 .\n    + Closes: see #975344.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Hello, world.") {
		t.Errorf("a fix in the suggestions:\n%s", got)
	}
}
