package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func corpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"a/one.txt": "It said in a statement.. Fine.\n",
		"a/two.txt": "The official said the strikes hit an area.\n\nThe official said the strikes hit an area.\n",
		"b/ok.txt":  "Nothing to see here.\n",
		"b/skip.md": "It said.. not a txt file\n",
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

func TestRun(t *testing.T) {
	dir := corpus(t)
	var out, errb bytes.Buffer
	if code := run([]string{dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	got := out.String()
	for _, want := range []string{
		"3 files, ",
		"      1 dedupe.paragraph\n",
		"      1 punct.double-period\n",
		filepath.Join(dir, "a/one.txt") + ":1:23: warning: stray double period",
		filepath.Join(dir, "a/two.txt") + ":3:1: error: paragraph repeats the paragraph just before it (removed) [dedupe.paragraph]\n\trelated: " + filepath.Join(dir, "a/two.txt") + ":1:1\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "skip.md") {
		t.Errorf("read a file that is not .txt:\n%s", got)
	}
}

func TestRunRuleJSON(t *testing.T) {
	dir := corpus(t)
	var out, errb bytes.Buffer
	if code := run([]string{"-json", "-rule", "punct.double-*", dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	var s summary
	if err := json.Unmarshal(out.Bytes(), &s); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	if s.Files != 3 || len(s.Counts) != 1 || s.Counts["punct.double-period"] != 1 || len(s.Findings) != 1 || s.Findings[0].Line != 1 {
		t.Errorf("summary %+v", s)
	}
}

func TestRunErrors(t *testing.T) {
	for _, args := range [][]string{nil, {"-nope", "x"}, {filepath.Join(t.TempDir(), "missing")}} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != 2 || errb.Len() == 0 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, code, errb.String())
		}
	}
}
