package report_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/lint/linttest"
	"github.com/copydesk/copydesk/pipeline/report"
)

const sample = "“Hi” he said..\n\nSame para. TODO\n\nSame para. TODO\n\nEnd.."

func TestNewFile(t *testing.T) {
	r := testPipeline().Run(sample)
	f := report.NewFile("s.txt", r)
	if f.Path != "s.txt" {
		t.Errorf("Path = %q", f.Path)
	}
	str := func(s string) *string { return &s }
	want := []report.Finding{
		{Rule: "test.quote-open", Severity: lint.Warning, Message: `"“" → "\""`, Line: 1, Column: 1, EndLine: 1, EndColumn: 2, Offset: 0, EndOffset: 3,
			Replacement: str(`"`), Fix: []report.Edit{{0, 3, `"`}}, Related: []report.Location{}},
		{Rule: "test.quote-close", Severity: lint.Warning, Message: `"”" → "\""`, Line: 1, Column: 4, EndLine: 1, EndColumn: 5, Offset: 5, EndOffset: 8,
			Replacement: str(`"`), Fix: []report.Edit{{5, 8, `"`}}, Related: []report.Location{}},
		{Rule: "test.double-period", Severity: lint.Error, Message: `".." → "."`, Line: 1, Column: 13, EndLine: 1, EndColumn: 15, Offset: 16, EndOffset: 18,
			Replacement: str("."), Fix: []report.Edit{{16, 18, "."}}, Related: []report.Location{}},
		{Rule: "test.todo", Severity: lint.Info, Message: "TODO left in the text", Line: 3, Column: 12, EndLine: 3, EndColumn: 16, Offset: 31, EndOffset: 35,
			Related: []report.Location{}},
		{Rule: "test.repeat", Severity: lint.Warning, Message: "paragraph repeats the one before it", Line: 5, Column: 1, EndLine: 5, EndColumn: 16, Offset: 37, EndOffset: 52,
			Fix: []report.Edit{{35, 52, ""}}, Related: []report.Location{{Line: 3, Column: 1, Offset: 20, EndOffset: 35}}},
		{Rule: "test.todo", Severity: lint.Info, Message: "TODO left in the text", Line: 5, Column: 12, EndLine: 5, EndColumn: 16, Offset: 48, EndOffset: 52,
			Related: []report.Location{}},
		{Rule: "test.double-period", Severity: lint.Error, Message: `".." → "."`, Line: 7, Column: 4, EndLine: 7, EndColumn: 6, Offset: 57, EndOffset: 59,
			Replacement: str("."), Fix: []report.Edit{{57, 59, "."}}, Related: []report.Location{}},
	}
	if len(f.Findings) != len(want) {
		t.Fatalf("got %d findings, want %d: %+v", len(f.Findings), len(want), f.Findings)
	}
	for i := range want {
		if !reflect.DeepEqual(f.Findings[i], want[i]) {
			t.Errorf("finding %d:\n got %+v\nwant %+v", i, f.Findings[i], want[i])
		}
	}
	// The fixes of all findings give the cleaned text.
	var edits []lint.Edit
	for _, x := range f.Findings {
		for _, e := range x.Fix {
			edits = append(edits, lint.Edit{Span: lint.Span{Start: e.Offset, End: e.EndOffset}, New: e.New})
		}
	}
	lint.SortEdits(edits)
	if got, err := lint.Apply(sample, edits); err != nil || got != r.Cleaned {
		t.Errorf("fixes give %q, %v; want %q", got, err, r.Cleaned)
	}
	if n := report.Count([]report.File{f}, lint.Warning); n != 5 {
		t.Errorf("Count(warning) = %d, want 5", n)
	}
	if n := report.Count([]report.File{f, f}, lint.Error); n != 4 {
		t.Errorf("Count(error) of two files = %d, want 4", n)
	}
}

// TestNewFileAbsorbedFix checks that a finding whose fix another change
// absorbed has no fix and no replacement.
func TestNewFileAbsorbedFix(t *testing.T) {
	r := testPipeline().Run("Para “one”.\n\nPara “one”.\n\nEnd.\n")
	f := report.NewFile("x", r)
	var withFix, without int
	for _, x := range f.Findings {
		if len(x.Fix) > 0 {
			withFix++
		} else {
			without++
			if x.Replacement != nil {
				t.Errorf("finding without fix has replacement %q", *x.Replacement)
			}
		}
	}
	// Four quotes: the two in the repeat are absorbed by its removal.
	if withFix != 3 || without != 2 {
		t.Errorf("%d findings with fix, %d without; want 3 and 2: %+v", withFix, without, f.Findings)
	}
}

func TestText(t *testing.T) {
	r := testPipeline().Run(sample)
	var b bytes.Buffer
	if err := report.Text(&b, report.NewFile("s.txt", r), report.File{Path: "empty.txt"}); err != nil {
		t.Fatal(err)
	}
	want := `s.txt:1:1: warning: "“" → "\"" [test.quote-open]
s.txt:1:4: warning: "”" → "\"" [test.quote-close]
s.txt:1:13: error: ".." → "." [test.double-period]
s.txt:3:12: info: TODO left in the text [test.todo]
s.txt:5:1: warning: paragraph repeats the one before it [test.repeat]
s.txt:5:12: info: TODO left in the text [test.todo]
s.txt:7:4: error: ".." → "." [test.double-period]
`
	if b.String() != want {
		t.Errorf("Text:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestTextOneLine(t *testing.T) {
	f := report.File{Path: "a\nb", Findings: []report.Finding{{Rule: "r", Message: "two\r\nlines", Line: 1, Column: 1}}}
	var b bytes.Buffer
	if err := report.Text(&b, f); err != nil {
		t.Fatal(err)
	}
	if want := `a\nb:1:1: info: two\r\nlines [r]` + "\n"; b.String() != want {
		t.Errorf("Text = %q, want %q", b.String(), want)
	}
}

func TestJSON(t *testing.T) {
	r := testPipeline().Run(sample)
	files := []report.File{report.NewFile("s.txt", r), report.NewFile("clean.txt", testPipeline().Run("fine\n"))}
	var b bytes.Buffer
	if err := report.JSON(&b, files); err != nil {
		t.Fatal(err)
	}
	// Parse without the package's types, as a consumer would.
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, b.String())
	}
	if doc["version"] != float64(report.Version) {
		t.Errorf("version = %v", doc["version"])
	}
	fs := doc["files"].([]any)
	if len(fs) != 2 {
		t.Fatalf("%d files", len(fs))
	}
	f0 := fs[0].(map[string]any)
	if f0["path"] != "s.txt" {
		t.Errorf("path = %v", f0["path"])
	}
	findings := f0["findings"].([]any)
	first := findings[0].(map[string]any)
	wantFirst := map[string]any{
		"rule": "test.quote-open", "severity": "warning", "message": `"“" → "\""`,
		"line": 1.0, "column": 1.0, "end_line": 1.0, "end_column": 2.0, "offset": 0.0, "end_offset": 3.0,
		"replacement": `"`,
		"fix":         []any{map[string]any{"offset": 0.0, "end_offset": 3.0, "new": `"`}},
		"related":     []any{},
	}
	if !reflect.DeepEqual(first, wantFirst) {
		t.Errorf("first finding:\n got %v\nwant %v", first, wantFirst)
	}
	todo := findings[3].(map[string]any)
	for _, k := range []string{"fix", "replacement"} {
		if _, ok := todo[k]; ok {
			t.Errorf("report-only finding has %q: %v", k, todo)
		}
	}
	repeat := findings[4].(map[string]any)
	if _, ok := repeat["replacement"]; ok {
		t.Errorf("finding whose fix is not its span has a replacement: %v", repeat)
	}
	wantRelated := []any{map[string]any{"line": 3.0, "column": 1.0, "offset": 20.0, "end_offset": 35.0}}
	if !reflect.DeepEqual(repeat["related"], wantRelated) {
		t.Errorf("related = %v, want %v", repeat["related"], wantRelated)
	}
	if got := fs[1].(map[string]any)["findings"]; !reflect.DeepEqual(got, []any{}) {
		t.Errorf("clean file findings = %#v, want []", got)
	}
	// The package's own types read it back unchanged.
	var back struct {
		Version int           `json:"version"`
		Files   []report.File `json:"files"`
	}
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	for i := range files {
		files[i].Source = "" // not part of the JSON
	}
	if !reflect.DeepEqual(back.Files, files) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back.Files, files)
	}
}

func TestJSONEmpty(t *testing.T) {
	for _, files := range [][]report.File{nil, {{Path: "x"}}} {
		var b bytes.Buffer
		if err := report.JSON(&b, files); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Version int               `json:"version"`
			Files   []json.RawMessage `json:"files"`
		}
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil || doc.Version != 1 || len(doc.Files) != len(files) {
			t.Errorf("JSON(%v) = %s (%v)", files, b.String(), err)
		}
		if len(files) == 1 && !strings.Contains(b.String(), `"findings": []`) {
			t.Errorf("no findings should be [], got %s", b.String())
		}
	}
}

func TestJSONWriterErrors(t *testing.T) {
	jw := report.NewJSONWriter(&failWriter{})
	jw.Write(report.File{Path: "x"}) // may be buffered
	if err := jw.Close(); err == nil {
		t.Error("Close on a failing writer: nil error")
	}
	if err := jw.Write(report.File{Path: "y"}); err == nil {
		t.Error("Write after a failure: nil error")
	}
	var b bytes.Buffer
	jw = report.NewJSONWriter(&b)
	if err := jw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := jw.Write(report.File{}); err == nil {
		t.Error("Write after Close: nil error")
	}
}

func TestRules(t *testing.T) {
	rules := testPipeline().Rules()
	var b bytes.Buffer
	if err := report.RulesText(&b, rules); err != nil {
		t.Fatal(err)
	}
	want := `test.quote-open     warning  fixes    replaces "“"
test.quote-close    warning  fixes    replaces "”"
test.double-period  error    fixes    replaces ".."
test.todo           info     reports  reports TODO
test.repeat         warning  fixes    removes a repeated paragraph
`
	if b.String() != want {
		t.Errorf("RulesText:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	if err := report.RulesJSON(&b, rules); err != nil {
		t.Fatal(err)
	}
	var list report.RuleList
	if err := json.Unmarshal(b.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	if list.Version != 1 || len(list.Rules) != len(rules) {
		t.Fatalf("RulesJSON = %s", b.String())
	}
	if got := list.Rules[3]; got != (report.RuleInfo{ID: "test.todo", Severity: lint.Info, Fixes: false, Doc: "reports TODO"}) {
		t.Errorf("rule 3 = %+v", got)
	}
}

func TestColor(t *testing.T) {
	text := "keep\n“Hi”..\u00a0x\n\nSame.\n\nSame.\n\nesc \x1b[2J..\xff\n"
	p := pipeline.New(
		linttest.Replace{Rule: "test.quote-open", Old: "“", New: `"`},
		linttest.Replace{Rule: "test.double-period", Old: "..", New: "."},
		linttest.Replace{Rule: "test.nbsp", Old: "\u00a0", New: " "},
		linttest.Repeat{},
	)
	r := p.Run(text)
	var b bytes.Buffer
	if err := report.Color(&b, "f.txt", r); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"\x1b[1mf.txt\x1b[0m\n",
		"   2 │\x1b[0m \x1b[31m“\x1b[0m\x1b[32m\"\x1b[0mHi”\x1b[31m..\x1b[0m\x1b[32m.\x1b[0m\x1b[41m⟨U+00A0⟩\x1b[0m\x1b[42m \x1b[0mx  \x1b[36m[test.quote-open test.double-period test.nbsp]\x1b[0m\n",
		"   5 │\x1b[0m \x1b[31m↵\x1b[0m  \x1b[36m[test.repeat]",
		"   6 │\x1b[0m \x1b[31mSame.↵\x1b[0m  \x1b[36m[test.repeat]",
		"esc ␛[2J\x1b[31m..\x1b[0m\x1b[32m.\x1b[0m⟨FF⟩  \x1b[36m[test.double-period]",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Color output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "keep") {
		t.Errorf("Color shows an unchanged line:\n%s", got)
	}
	if strings.Contains(got, "\x1b[2J") {
		t.Errorf("Color passes the input's escape sequence to the terminal")
	}
	b.Reset()
	if err := report.Color(&b, "f.txt", testPipeline().Run("clean\n")); err != nil || b.Len() != 0 {
		t.Errorf("Color of an unchanged result wrote %q, %v", b.String(), err)
	}
}

// FuzzRenderers builds a result from any text and edits and checks that
// the JSON report is valid JSON with a line per finding in the text
// report, that positions agree with lint.LineIndex, and that the
// coloured diff never passes a control character of the input through.
func FuzzRenderers(f *testing.F) {
	f.Add("“Hi”..\n\nSame.\n\nSame.", []byte{0, 3, 1, 2, 4, 0})
	f.Add("\x1b[2J\xff\r\n\u00a0\u200b", []byte{0, 2, 3, 1, 1, 2})
	news := []string{"", "\n", `"`, "x\n", "\x1b", "\u00a0", "\xff"}
	f.Fuzz(func(t *testing.T, text string, ops []byte) {
		r := &pipeline.Result{Original: text}
		pos := 0
		for i := 0; i+2 < len(ops); i += 3 {
			start := pos + int(ops[i])%8
			if start > len(text) {
				break
			}
			end := min(len(text), start+int(ops[i+1])%8)
			e := lint.Edit{Span: lint.Span{Start: start, End: end}, New: news[int(ops[i+2])%len(news)]}
			pos = end + 1
			if text[start:end] == e.New {
				continue
			}
			k := len(r.Findings)
			r.Findings = append(r.Findings, pipeline.Finding{
				Finding: lint.Finding{Rule: "r" + strconv.Itoa(k%3), Span: e.Span, Message: text[start:end], Fix: []lint.Edit{e},
					Related: []lint.Span{{Start: start / 2, End: start}}},
				FixedBy: -1,
			})
			r.Changes = append(r.Changes, pipeline.Change{Edit: e, Findings: []int{k}})
		}
		r.Cleaned, _ = lint.Apply(text, r.Edits())

		file := report.NewFile("f", r)
		idx := lint.NewLineIndex(text)
		for i, x := range file.Findings {
			p, q := idx.Position(x.Offset), idx.Position(x.EndOffset)
			if x.Line != p.Line || x.Column != p.Column || x.EndLine != q.Line || x.EndColumn != q.Column {
				t.Fatalf("finding %d at %d:%d-%d:%d, LineIndex says %+v %+v", i, x.Line, x.Column, x.EndLine, x.EndColumn, p, q)
			}
			if rp := idx.Position(x.Related[0].Offset); rp.Line != x.Related[0].Line || rp.Column != x.Related[0].Column {
				t.Fatalf("related %+v, LineIndex says %+v", x.Related[0], rp)
			}
		}
		var b bytes.Buffer
		if err := report.JSON(&b, []report.File{file}); err != nil || !json.Valid(b.Bytes()) {
			t.Fatalf("JSON: %v\n%s", err, b.String())
		}
		b.Reset()
		if err := report.Text(&b, file); err != nil || strings.Count(b.String(), "\n") != len(file.Findings) {
			t.Fatalf("Text: %v\n%q", err, b.String())
		}
		b.Reset()
		if err := report.Color(&b, "f\x1b", r); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if (out == "") != (r.Cleaned == r.Original) {
			t.Fatalf("Color wrote %q for a change %q → %q", out, r.Original, r.Cleaned)
		}
		for i := 0; i < len(out); i++ {
			switch c := out[i]; {
			case c == 0x1b:
				j := i + 2
				for j < len(out) && (out[j] >= '0' && out[j] <= '9' || out[j] == ';') {
					j++
				}
				if i+1 >= len(out) || out[i+1] != '[' || j >= len(out) || out[j] != 'm' {
					t.Fatalf("Color output has a raw escape at %d: %q", i, out)
				}
				i = j
			case c < 0x20 && c != '\n' && c != '\t', c == 0x7f:
				t.Fatalf("Color output has control byte %#x: %q", c, out)
			}
		}
	})
}
