package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runJSONL(t *testing.T, stdin string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errb bytes.Buffer
	status = run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), status
}

func TestCleanJSONL(t *testing.T) {
	in := `{"id":1,"text":"It said..","n":1.0e10}` + "\n" + "[]\n" + "\r\n" + `{"text":"fine","z":{"a":1}}`
	out, errs, st := runJSONL(t, in, "clean", "--jsonl", "-")
	want := `{"id":1,"text":"It said.","n":1.0e10}` + "\n" + "[]\n" + "\r\n" + `{"text":"fine","z":{"a":1}}`
	if st != 0 || out != want {
		t.Errorf("status %d, output\n%q\nwant\n%q", st, out, want)
	}
	if !strings.HasPrefix(errs, "copydesk: 2 records (1 changed), 1 blank, 1 malformed (0 rejected); ") ||
		!strings.Contains(errs, "\ncopydesk: findings: punct.double-period 1\n") {
		t.Errorf("summary on stderr:\n%s", errs)
	}
}

func TestCleanJSONLFiles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.jsonl")
	b := filepath.Join(dir, "b.jsonl")
	var big strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&big, "{\"i\":%d,\"text\":\"n\u00b0 %d said..\"}\n", i, i)
	}
	if err := os.WriteFile(a, []byte(big.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte("{\"body\":\"x..\"}\nnope\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	outPath, rejPath, statsPath := filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "rej.jsonl"), filepath.Join(dir, "stats.json")
	out, errs, st := runJSONL(t, "", "clean", "--jsonl", "-j", "4", "--field", "body", "--annotate",
		"-o", outPath, "--reject", rejPath, "--stats", statsPath, b, a, filepath.Join(dir, "missing.jsonl"))
	if st != exitFailure || out != "" || !strings.Contains(errs, "missing.jsonl") {
		t.Errorf("status %d (want 2 for the missing file), stdout %q, stderr %q", st, out, errs)
	}
	got, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n")
	if len(lines) != 1 || lines[0] != `{"body":"x.","copydesk":{"changed":true,"findings":{"punct.double-period":1},"bytes_removed":1}}` {
		t.Errorf("output %q", got)
	}
	rej, err := os.ReadFile(rejPath)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(rej), "\n"); n != 2001 || !strings.Contains(string(rej), `{"file":"`+b+`","line":2,"error":"invalid JSON`) ||
		!strings.Contains(string(rej), `{"file":"`+a+`","line":2000,"error":"no \"body\" field","record":"{\"i\":1999,`) {
		t.Errorf("%d rejects:\n%.500s", n, rej)
	}
	var stats map[string]any
	data, err := os.ReadFile(statsPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &stats); err != nil {
		t.Fatalf("stats %s: %v", data, err)
	}
	if stats["records"] != 1.0 || stats["malformed"] != 2001.0 || stats["rejected"] != 2001.0 {
		t.Errorf("stats %s", data)
	}
}

func TestCleanJSONLOrder(t *testing.T) {
	var in, want strings.Builder
	for i := range 10000 {
		fmt.Fprintf(&in, "{\"i\":%d,\"text\":\"\u201c%d\u201d\"}\n", i, i)
		fmt.Fprintf(&want, "{\"i\":%d,\"text\":\"\\\"%d\\\"\"}\n", i, i)
	}
	out, _, st := runJSONL(t, in.String(), "clean", "--jsonl", "-j", "4")
	if st != 0 || out != want.String() {
		t.Errorf("status %d; output differs from the input order (%d bytes, want %d)", st, len(out), want.Len())
	}
}

func TestCleanJSONLUsage(t *testing.T) {
	for _, args := range [][]string{
		{"clean", "--jsonl", "-w", "x.jsonl"},
		{"clean", "--jsonl", "-l"},
		{"clean", "--jsonl", "--diff", "d.patch"},
		{"clean", "--jsonl", "-j", "-1"},
		{"clean", "--jsonl", "--field", ""},
		{"clean", "--jsonl", "--annotate", "--field", "copydesk"},
	} {
		_, errs, st := runJSONL(t, "", args...)
		if st != exitFailure || !strings.HasPrefix(errs, "copydesk: clean: ") {
			t.Errorf("%q: status %d, stderr %q; want 2 and a usage message", args, st, errs)
		}
	}
}
