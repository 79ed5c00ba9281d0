package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestCheckText(t *testing.T) {
	cd(t, map[string]string{"a.txt": dirty, "b.txt": clean})
	o := session{}.run(t, "check", "--format", "short", "a.txt", "b.txt")
	want := `a.txt:1:1: warning: "“" → "\"" [quotes.open]
a.txt:1:7: warning: "”" → "\"" [quotes.close]
a.txt:1:14: error: ".." → "." [punct.double-period]
a.txt:5:1: warning: paragraph repeats the one before it [test.repeat]
a.txt:7:5: info: TODO left in the text [test.todo]
`
	if o.code != 1 || o.stdout != want || o.stderr != "" {
		t.Errorf("check: exit %d, stderr %q, stdout:\n%s\nwant:\n%s", o.code, o.stderr, o.stdout, want)
	}
	o = session{stdin: "ok TODO"}.run(t, "check", "--format", "short")
	if o.stdout != "stdin:1:4: info: TODO left in the text [test.todo]\n" {
		t.Errorf("check stdin: %q", o.stdout)
	}
	// The default text format adds the source line and carets.
	o = session{stdin: "ok TODO"}.run(t, "check")
	if want := "stdin:1:4: info: TODO left in the text [test.todo]\n  1 | ok TODO\n    |    ^^^^\n"; o.stdout != want {
		t.Errorf("check text:\n%s\nwant:\n%s", o.stdout, want)
	}
}

func TestCheckColor(t *testing.T) {
	always := func(string) string { return "" }
	noColor := func(k string) string {
		if k == "NO_COLOR" {
			return "1"
		}
		return ""
	}
	tests := []struct {
		args   []string
		getenv func(string) string
		color  bool
	}{
		{[]string{"check"}, always, false}, // not a terminal
		{[]string{"check", "--color"}, always, true},
		{[]string{"check", "--color=always"}, noColor, true},
		{[]string{"check", "--color=never"}, always, false},
		{[]string{"check", "--color=auto"}, noColor, false},
		{[]string{"check", "--color", "--format", "short"}, always, false}, // only text is coloured
	}
	for _, tt := range tests {
		o := session{stdin: "ok TODO", getenv: tt.getenv}.run(t, tt.args...)
		if got := strings.Contains(o.stdout, "\x1b["); got != tt.color || o.stderr != "" {
			t.Errorf("%v: colour %v, want %v (stderr %q)", tt.args, got, tt.color, o.stderr)
		}
	}
}

func TestCheckFailOn(t *testing.T) {
	cd(t, map[string]string{"todo.txt": "a TODO\n", "warn.txt": "“\n", "err.txt": "..\n", "clean.txt": clean})
	tests := []struct {
		file, failOn string
		code         int
	}{
		{"clean.txt", "info", 0},
		{"todo.txt", "info", 1},
		{"todo.txt", "warning", 0},
		{"todo.txt", "error", 0},
		{"warn.txt", "info", 1},
		{"warn.txt", "warning", 1},
		{"warn.txt", "error", 0},
		{"err.txt", "error", 1},
		{"err.txt", "warn", 1},
		{"todo.txt", "", -1}, // default: warning
	}
	for _, tt := range tests {
		args := []string{"check", "--fail-on", tt.failOn, tt.file}
		want := tt.code
		if tt.failOn == "" {
			args = []string{"check", tt.file}
			want = 0
		}
		if o := (session{}).run(t, args...); o.code != want {
			t.Errorf("%v: exit %d, want %d (%s)", args, o.code, want, o.stderr)
		}
	}
	// Findings only at a lower level in one file and an error elsewhere.
	if o := (session{}).run(t, "check", "--fail-on", "error", "todo.txt", "err.txt"); o.code != 1 {
		t.Errorf("exit %d, want 1", o.code)
	}
	// An I/O error outranks findings.
	if o := (session{}).run(t, "check", "err.txt", "missing.txt"); o.code != 2 {
		t.Errorf("exit %d, want 2", o.code)
	}
}

func TestCheckJSON(t *testing.T) {
	cd(t, map[string]string{"a.txt": dirty, "b.txt": clean})
	o := session{}.run(t, "check", "--format", "json", "a.txt", "b.txt")
	if o.code != 1 || o.stderr != "" {
		t.Fatalf("exit %d, stderr %q", o.code, o.stderr)
	}
	var doc struct {
		Version *int `json:"version"`
		Tool    struct {
			Name, Version string
		} `json:"tool"`
		Files []struct {
			Path     string           `json:"path"`
			Findings []map[string]any `json:"findings"`
		} `json:"files"`
	}
	dec := json.NewDecoder(strings.NewReader(o.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, o.stdout)
	}
	if dec.More() {
		t.Error("more than one JSON document")
	}
	if doc.Version == nil || *doc.Version != 1 {
		t.Errorf("version = %v", doc.Version)
	}
	if len(doc.Files) != 2 || doc.Files[0].Path != "a.txt" || doc.Files[1].Path != "b.txt" {
		t.Fatalf("files = %+v", doc.Files)
	}
	if doc.Files[1].Findings == nil || len(doc.Files[1].Findings) != 0 {
		t.Errorf("clean file findings = %#v, want []", doc.Files[1].Findings)
	}
	fs := doc.Files[0].Findings
	if len(fs) != 5 {
		t.Fatalf("%d findings: %v", len(fs), fs)
	}
	num := func(n int) float64 { return float64(n) }
	wants := []map[string]any{
		{"rule": "quotes.open", "severity": "warning", "message": `"“" → "\""`,
			"line": num(1), "column": num(1), "end_line": num(1), "end_column": num(2), "offset": num(0), "end_offset": num(3),
			"replacement": `"`, "fix": []any{map[string]any{"offset": num(0), "end_offset": num(3), "new": `"`}}, "related": []any{}},
		{"rule": "quotes.close", "severity": "warning", "message": `"”" → "\""`,
			"line": num(1), "column": num(7), "end_line": num(1), "end_column": num(8), "offset": num(8), "end_offset": num(11),
			"replacement": `"`, "fix": []any{map[string]any{"offset": num(8), "end_offset": num(11), "new": `"`}}, "related": []any{}},
		{"rule": "punct.double-period", "severity": "error", "message": `".." → "."`,
			"line": num(1), "column": num(14), "end_line": num(1), "end_column": num(16), "offset": num(17), "end_offset": num(19),
			"replacement": ".", "fix": []any{map[string]any{"offset": num(17), "end_offset": num(19), "new": "."}}, "related": []any{}},
		{"rule": "test.repeat", "severity": "warning", "message": "paragraph repeats the one before it",
			"line": num(5), "column": num(1), "end_line": num(5), "end_column": num(6), "offset": num(28), "end_offset": num(33),
			"fix":     []any{map[string]any{"offset": num(26), "end_offset": num(33), "new": ""}},
			"related": []any{map[string]any{"line": num(3), "column": num(1), "offset": num(21), "end_offset": num(26)}}},
		{"rule": "test.todo", "severity": "info", "message": "TODO left in the text",
			"line": num(7), "column": num(5), "end_line": num(7), "end_column": num(9), "offset": num(39), "end_offset": num(43),
			"related": []any{}},
	}
	for i, want := range wants {
		for k, v := range want {
			if got, ok := fs[i][k]; !ok || !reflect.DeepEqual(got, v) {
				t.Errorf("finding %d %q = %#v, want %#v", i, k, got, v)
			}
		}
		for k := range fs[i] {
			if _, ok := want[k]; !ok {
				t.Errorf("finding %d has unexpected field %q = %v", i, k, fs[i][k])
			}
		}
	}
	// Offsets are bytes of the input: they find the text they name.
	if s := dirty[17:19]; s != ".." {
		t.Errorf("offsets 17..19 hold %q", s)
	}
}
