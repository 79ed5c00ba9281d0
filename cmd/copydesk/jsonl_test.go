package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/jsonl"
)

func runJSONL(t *testing.T, stdin string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errb bytes.Buffer
	status = run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), status
}

func TestCleanJSONL(t *testing.T) {
	in := `{"id":1,"text":"It said..","n":1.0e10}` + "\n" + "[]\n" + "\r\n" + `{"text":"fine","z":{"a":1}}`
	out, errs, st := runJSONL(t, in, "clean", "--jsonl", "--max-malformed", "1", "-")
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

// TestCleanJSONLMalformedLimit checks that an input with too many
// malformed lines fails with exit 2 after writing its whole output, by
// default over 10% and as --max-malformed says.
func TestCleanJSONLMalformedLimit(t *testing.T) {
	in := "{\"text\":\"a..\"}\nnope\n{\"text\":\"b\"}\n"
	want := "{\"text\":\"a.\"}\nnope\n{\"text\":\"b\"}\n"
	for _, c := range []struct {
		args   []string
		status int
	}{
		{nil, exitFailure},
		{[]string{"--max-malformed", "34%"}, 0},
		{[]string{"--max-malformed", "33%"}, exitFailure},
		{[]string{"--max-malformed", "1"}, 0},
		{[]string{"--max-malformed", "0"}, exitFailure},
	} {
		args := append(append([]string{"clean", "--jsonl"}, c.args...), "-")
		out, errs, st := runJSONL(t, in, args...)
		if st != c.status || out != want {
			t.Errorf("%v: status %d (want %d), output %q (want %q), stderr %q", c.args, st, c.status, out, want, errs)
		}
		if st != 0 && !strings.Contains(errs, "1 of 3 non-blank lines are malformed") {
			t.Errorf("%v: stderr does not say why: %q", c.args, errs)
		}
	}
	if _, errs, st := runJSONL(t, in, "clean", "--jsonl", "--max-malformed", "x", "-"); st != exitFailure || !strings.Contains(errs, "max-malformed") {
		t.Errorf("bad --max-malformed: status %d, stderr %q", st, errs)
	}
}

// TestCleanJSONLCompressed checks that gzip and zstd input is read by its
// magic number, that an output named .gz or .zst is written compressed,
// and that other binary input is refused with exit 2 and never copied
// through.
func TestCleanJSONLCompressed(t *testing.T) {
	dir := t.TempDir()
	const text = "{\"text\":\"It said..\"}\n{\"text\":\"fine\"}\n"
	const want = "{\"text\":\"It said.\"}\n{\"text\":\"fine\"}\n"
	for _, c := range []jsonl.Compression{jsonl.Gzip, jsonl.Zstd} {
		var buf bytes.Buffer
		w, err := jsonl.NewWriter(&buf, c)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(text))
		w.Close()
		in := filepath.Join(dir, "in-"+c.String())
		if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, errs, st := runJSONL(t, "", "clean", "--jsonl", in)
		if st != 0 || out != want {
			t.Fatalf("%v input: status %d, output %q, stderr %q", c, st, out, errs)
		}
		ext := map[jsonl.Compression]string{jsonl.Gzip: ".gz", jsonl.Zstd: ".zst"}[c]
		outPath := filepath.Join(dir, "out.jsonl"+ext)
		if _, errs, st := runJSONL(t, text, "clean", "--jsonl", "-o", outPath, "-"); st != 0 {
			t.Fatalf("%v output: status %d, stderr %q", c, st, errs)
		}
		f, err := os.Open(outPath)
		if err != nil {
			t.Fatal(err)
		}
		r, got, err := jsonl.OpenInput(f)
		if err != nil || got != c {
			t.Fatalf("%s: read as %v: %v", outPath, got, err)
		}
		b, _ := io.ReadAll(r)
		f.Close()
		if string(b) != want {
			t.Fatalf("%s holds %q, want %q", outPath, b, want)
		}
	}
	bin := filepath.Join(dir, "data.bz2")
	os.WriteFile(bin, []byte("BZh91AY&SY\x01\x02\x03{\"text\":\"x\"}\n"), 0o644)
	out, errs, st := runJSONL(t, "", "clean", "--jsonl", bin)
	if st != exitFailure || out != "" || !strings.Contains(errs, "bzip2") {
		t.Fatalf("binary input: status %d, output %q, stderr %q", st, out, errs)
	}
}
