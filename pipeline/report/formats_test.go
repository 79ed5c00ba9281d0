package report_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/report"
)

// fixedStage reports the same findings for any text.
type fixedStage []lint.Finding

func (fixedStage) Name() string       { return "fixed" }
func (fixedStage) Rules() []lint.Rule { return nil }
func (s fixedStage) Check(text string) []lint.Finding {
	return append([]lint.Finding(nil), s...)
}

// resultOf runs a pipeline that reports exactly fs on text.
func resultOf(text string, fs ...lint.Finding) *pipeline.Result {
	return pipeline.New(fixedStage(fs)).Run(text)
}

// at returns a finding of rule over the first occurrence of sub in text
// (after skip bytes), fixed to repl unless repl is "-".
func at(text, sub string, skip int, rule string, sev lint.Severity, repl string) lint.Finding {
	i := skip + strings.Index(text[skip:], sub)
	sp := lint.Span{Start: i, End: i + len(sub)}
	f := lint.Finding{Rule: rule, Severity: sev, Span: sp, Message: rule + " here"}
	if repl != "-" {
		f.Fix = []lint.Edit{{Span: sp, New: repl}}
	}
	return f
}

func TestGitHub(t *testing.T) {
	tests := []struct {
		name string
		path string
		x    report.Finding
		want string
	}{
		{"one line", "a.txt", report.Finding{Rule: "r.x", Severity: lint.Warning, Message: "m", Line: 3, Column: 5, EndLine: 3, EndColumn: 7, Offset: 1, EndOffset: 3},
			"::warning file=a.txt,line=3,col=5,endLine=3,endColumn=6,title=r.x::m\n"},
		{"empty span", "a.txt", report.Finding{Rule: "r.x", Severity: lint.Error, Message: "m", Line: 3, Column: 5, EndLine: 3, EndColumn: 5, Offset: 1, EndOffset: 1},
			"::error file=a.txt,line=3,col=5,endLine=3,endColumn=5,title=r.x::m\n"},
		{"several lines: no columns", "a.txt", report.Finding{Rule: "r.x", Severity: lint.Info, Message: "m", Line: 2, Column: 4, EndLine: 5, EndColumn: 6, Offset: 1, EndOffset: 30},
			"::notice file=a.txt,line=2,endLine=5,title=r.x::m\n"},
		{"ends with a line break: on its line", "a.txt", report.Finding{Rule: "r.x", Severity: lint.Info, Message: "m", Line: 2, Column: 4, EndLine: 3, EndColumn: 1, Offset: 10, EndOffset: 14},
			"::notice file=a.txt,line=2,col=4,endLine=2,title=r.x::m\n"},
		{"escaping", "dir,x/a:b%.txt", report.Finding{Rule: "r,x:y", Severity: lint.Warning, Message: "50% done\r\nnext: a, b", Line: 1, Column: 1, EndLine: 1, EndColumn: 2, Offset: 0, EndOffset: 1},
			"::warning file=dir%2Cx/a%3Ab%25.txt,line=1,col=1,endLine=1,endColumn=1,title=r%2Cx%3Ay::50%25 done%0D%0Anext: a, b\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := report.GitHub(&b, report.File{Path: tt.path, Findings: []report.Finding{tt.x}}); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, b.String(), tt.want)
		}
	}
}

func TestCheckstyle(t *testing.T) {
	text := "<b> “x”..\n"
	r := resultOf(text, at(text, "..", 0, "p.dot", lint.Error, "."), at(text, "“", 0, "q.curly", lint.Info, `"`))
	f := report.NewFile(`a&b".txt`, r)
	f.Findings[1].Message = "<script>alert(\"x\")</script>\n\x01\xff\ttab"
	var b bytes.Buffer
	if err := report.Checkstyle(&b, f, report.File{Path: "clean.txt"}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n") {
		t.Errorf("header:\n%s", out)
	}
	if strings.Contains(out, "<script") || strings.IndexByte(out, 1) >= 0 || strings.IndexByte(out, 0xff) >= 0 {
		t.Errorf("unescaped input:\n%s", out)
	}
	// It parses back to what was written.
	var doc struct {
		XMLName xml.Name `xml:"checkstyle"`
		Version string   `xml:"version,attr"`
		Files   []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Line     int    `xml:"line,attr"`
				Column   int    `xml:"column,attr"`
				Severity string `xml:"severity,attr"`
				Message  string `xml:"message,attr"`
				Source   string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("invalid XML: %v\n%s", err, out)
	}
	if doc.Version != "4.3" || len(doc.Files) != 2 || doc.Files[0].Name != `a&b".txt` || doc.Files[1].Name != "clean.txt" || len(doc.Files[1].Errors) != 0 {
		t.Fatalf("parsed %+v", doc)
	}
	es := doc.Files[0].Errors
	if len(es) != 2 {
		t.Fatalf("errors %+v", es)
	}
	if e := es[0]; e.Line != 1 || e.Column != 5 || e.Severity != "info" || e.Source != "copydesk.q.curly" {
		t.Errorf("first error %+v", e)
	}
	if e := es[1]; e.Line != 1 || e.Column != 8 || e.Severity != "error" || e.Source != "copydesk.p.dot" ||
		e.Message != "<script>alert(\"x\")</script>\n\uFFFD\uFFFD\ttab" {
		t.Errorf("second error %+v", e)
	}
}

func TestRDJSONL(t *testing.T) {
	text := "é “x”..\nline two TODO\n"
	r := resultOf(text,
		at(text, "..", 0, "p.dot", lint.Warning, "."),
		at(text, "“", 0, "q.curly", lint.Error, `"`),
		at(text, "TODO", 0, "t.todo", lint.Info, "-"),
	)
	var b bytes.Buffer
	if err := report.RDJSONL(&b, report.NewFile("dir/a.txt", r)); err != nil {
		t.Fatal(err)
	}
	want := `{"message":"q.curly here","location":{"path":"dir/a.txt","range":{"start":{"line":1,"column":4},"end":{"line":1,"column":7}}},"severity":"ERROR","source":{"name":"copydesk"},"code":{"value":"q.curly"},"suggestions":[{"range":{"start":{"line":1,"column":4},"end":{"line":1,"column":7}},"text":"\""}]}
{"message":"p.dot here","location":{"path":"dir/a.txt","range":{"start":{"line":1,"column":11},"end":{"line":1,"column":13}}},"severity":"WARNING","source":{"name":"copydesk"},"code":{"value":"p.dot"},"suggestions":[{"range":{"start":{"line":1,"column":11},"end":{"line":1,"column":13}},"text":"."}]}
{"message":"t.todo here","location":{"path":"dir/a.txt","range":{"start":{"line":2,"column":10},"end":{"line":2,"column":14}}},"severity":"INFO","source":{"name":"copydesk"},"code":{"value":"t.todo"}}
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	// Byte columns: the bytes of the line before the column are the text before the span.
	if i := strings.Index(text, ".."); text[:i] != text[:10] {
		t.Errorf("column 11 is byte %d", i)
	}
	// Without a Source: line ranges, no suggestions.
	f := report.NewFile("a.txt", r)
	f.Source = ""
	b.Reset()
	if err := report.RDJSONL(&b, f); err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(b.String(), "\n"); first != `{"message":"q.curly here","location":{"path":"a.txt","range":{"start":{"line":1},"end":{"line":1}}},"severity":"ERROR","source":{"name":"copydesk"},"code":{"value":"q.curly"}}` {
		t.Errorf("without source: %s", first)
	}
}

// sarifSchema compiles the hand-written subset of the SARIF 2.1.0 schema.
func sarifSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile("testdata/sarif-2.1.0-subset.schema.json")
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	return s
}

// validateSARIF checks out against the schema and returns it decoded.
func validateSARIF(t testing.TB, s *jsonschema.Schema, out []byte) map[string]any {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out)
	}
	if err := s.Validate(inst); err != nil {
		t.Fatalf("SARIF does not match the schema: %v\n%s", err, out)
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// sarifRegion is a decoded SARIF region.
type sarifRegion struct {
	StartLine, StartColumn, EndLine, EndColumn int
	CharOffset, CharLength                     *int
}

func TestSARIF(t *testing.T) {
	schema := sarifSchema(t)
	text := "日本 “x”..\nSame para.\n\nSame para.\nend\n"
	para := strings.Index(text, "Same para.\n\nSame")
	r := resultOf(text,
		at(text, "“", 0, "q.curly", lint.Warning, `"`),
		at(text, "..", 0, "p.dot", lint.Error, "."),
		lint.Finding{Rule: "d.para", Severity: lint.Info, Message: "repeat",
			Span:    lint.Span{Start: para + 12, End: para + 23}, // "Same para.\n"
			Fix:     []lint.Edit{{Span: lint.Span{Start: para + 11, End: para + 23}}},
			Related: []lint.Span{{Start: para, End: para + 10}}},
		lint.Finding{Rule: "unknown.rule", Severity: lint.Info, Message: "insert", Span: lint.Span{Start: len(text) - 1, End: len(text) - 1},
			Fix: []lint.Edit{{Span: lint.Span{Start: len(text) - 1, End: len(text) - 1}, New: "!"}}},
	)
	rules := []lint.Rule{
		{ID: "q.curly", Severity: lint.Warning, Fixes: true, Doc: "curly quotes"},
		{ID: "p.dot", Severity: lint.Error, Fixes: true, Doc: "double period"},
		{ID: "q.curly", Severity: lint.Info, Doc: "a duplicate, dropped"},
		{ID: "d.para", Severity: lint.Info, Fixes: true, Doc: "repeats"},
	}
	var b bytes.Buffer
	err := report.SARIF(&b, []report.File{report.NewFile("dir/a b.txt", r), report.NewFile("/abs/c.txt", resultOf("ok\n"))},
		report.SARIFOptions{Version: "1.2.3", InformationURI: "https://example.com/copydesk", Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, schema, b.Bytes())

	var log struct {
		Version string
		Runs    []struct {
			ColumnKind string
			Tool       struct {
				Driver struct {
					Name, Version, InformationURI string
					Rules                         []struct {
						ID                   string
						ShortDescription     struct{ Text string }
						DefaultConfiguration struct{ Level string }
					}
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex *int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           sarifRegion
					}
				}
				RelatedLocations []struct {
					ID               int
					PhysicalLocation struct{ Region sarifRegion }
				}
				Fixes []struct {
					ArtifactChanges []struct {
						ArtifactLocation struct{ URI string }
						Replacements     []struct {
							DeletedRegion   sarifRegion
							InsertedContent *struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if log.Version != "2.1.0" || run.ColumnKind != "unicodeCodePoints" || d.Name != "copydesk" || d.Version != "1.2.3" || d.InformationURI != "https://example.com/copydesk" {
		t.Errorf("log %s, run %s, driver %+v", log.Version, run.ColumnKind, d)
	}
	if len(d.Rules) != 3 || d.Rules[0].ID != "q.curly" || d.Rules[0].DefaultConfiguration.Level != "warning" || d.Rules[1].DefaultConfiguration.Level != "error" ||
		d.Rules[2].ID != "d.para" || d.Rules[2].DefaultConfiguration.Level != "note" || d.Rules[2].ShortDescription.Text != "repeats" {
		t.Errorf("rules %+v", d.Rules)
	}
	if len(run.Results) != 4 {
		t.Fatalf("%d results", len(run.Results))
	}
	chars := func(off int) int { return utf8.RuneCountInString(text[:off]) }
	checkRegion := func(what string, g sarifRegion, start, end int, want sarifRegion) {
		t.Helper()
		if g.CharOffset == nil || g.CharLength == nil || *g.CharOffset != chars(start) || *g.CharLength != chars(end)-chars(start) {
			t.Errorf("%s: char offset %v length %v, want %d %d", what, g.CharOffset, g.CharLength, chars(start), chars(end)-chars(start))
		}
		g.CharOffset, g.CharLength = nil, nil
		if g != want {
			t.Errorf("%s: region %+v, want %+v", what, g, want)
		}
	}
	q := run.Results[0]
	if q.RuleID != "q.curly" || q.RuleIndex == nil || *q.RuleIndex != 0 || q.Level != "warning" || q.Message.Text != "q.curly here" ||
		q.Locations[0].PhysicalLocation.ArtifactLocation.URI != "dir/a%20b.txt" {
		t.Errorf("result 0: %+v", q)
	}
	i := strings.Index(text, "“")
	checkRegion("quote", q.Locations[0].PhysicalLocation.Region, i, i+3, sarifRegion{StartLine: 1, StartColumn: 4, EndLine: 1, EndColumn: 5})
	rep := q.Fixes[0].ArtifactChanges[0].Replacements[0]
	checkRegion("quote fix", rep.DeletedRegion, i, i+3, sarifRegion{StartLine: 1, StartColumn: 4, EndLine: 1, EndColumn: 5})
	if rep.InsertedContent == nil || rep.InsertedContent.Text != `"` {
		t.Errorf("quote fix inserts %+v", rep.InsertedContent)
	}
	if p := run.Results[1]; p.RuleID != "p.dot" || p.Level != "error" || *p.RuleIndex != 1 {
		t.Errorf("result 1: %+v", p)
	}
	// A span ending with a line break ends on its line, after the break.
	dp := run.Results[2]
	if *dp.RuleIndex != 2 || dp.Level != "note" {
		t.Errorf("result 2: %+v", dp)
	}
	checkRegion("paragraph", dp.Locations[0].PhysicalLocation.Region, para+12, para+23, sarifRegion{StartLine: 4, StartColumn: 1, EndLine: 4, EndColumn: 12})
	if len(dp.RelatedLocations) != 1 || dp.RelatedLocations[0].ID != 1 {
		t.Fatalf("related %+v", dp.RelatedLocations)
	}
	checkRegion("related", dp.RelatedLocations[0].PhysicalLocation.Region, para, para+10, sarifRegion{StartLine: 2, StartColumn: 1, EndLine: 2, EndColumn: 11})
	del := dp.Fixes[0].ArtifactChanges[0].Replacements[0]
	checkRegion("paragraph fix", del.DeletedRegion, para+11, para+23, sarifRegion{StartLine: 3, StartColumn: 1, EndLine: 4, EndColumn: 12})
	if del.InsertedContent != nil {
		t.Errorf("a deletion inserts %+v", del.InsertedContent)
	}
	// An insertion is an empty region; an unlisted rule has no index.
	ins := run.Results[3]
	if ins.RuleIndex != nil {
		t.Errorf("unknown rule has index %d", *ins.RuleIndex)
	}
	n := len(text) - 1
	checkRegion("insertion", ins.Fixes[0].ArtifactChanges[0].Replacements[0].DeletedRegion, n, n, sarifRegion{StartLine: 5, StartColumn: 4, EndLine: 5, EndColumn: 4})
}

func TestSARIFURIs(t *testing.T) {
	schema := sarifSchema(t)
	for path, want := range map[string]string{
		"a.txt":          "a.txt",
		"dir/a b#1?.txt": "dir/a%20b%231%3F.txt",
		"c:x.txt":        "./c:x.txt",
		"/abs/x y.txt":   "file:///abs/x%20y.txt",
		"stdin":          "stdin",
		"ünï.txt":        "%C3%BCn%C3%AF.txt",
	} {
		var b bytes.Buffer
		x := report.Finding{Rule: "r", Message: "m", Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Related: []report.Location{}}
		if err := report.SARIF(&b, []report.File{{Path: path, Findings: []report.Finding{x}}}, report.SARIFOptions{}); err != nil {
			t.Fatal(err)
		}
		doc := validateSARIF(t, schema, b.Bytes())
		got := doc["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)["uri"]
		if got != want {
			t.Errorf("%q: uri %q, want %q", path, got, want)
		}
	}
	// No files at all is a valid log with no results.
	var b bytes.Buffer
	if err := report.SARIF(&b, nil, report.SARIFOptions{}); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, schema, b.Bytes())
}

func TestPretty(t *testing.T) {
	tests := []struct {
		name string
		text string
		f    lint.Finding
		ctx  int
		want string // the two lines after the finding line
	}{
		{"simple", "It said in a statement..\n", at("It said in a statement..\n", "..", 0, "p", lint.Warning, "."), 0,
			"  1 | It said in a statement..\n    |                       ^^\n"},
		{"wide characters take two cells", "日本語の文..\n", at("日本語の文..\n", "..", 0, "p", lint.Warning, "."), 0,
			"  1 | 日本語の文..\n    |           ^^\n"},
		{"combining marks take none", "Café..", at("Café..", "..", 0, "p", lint.Warning, "."), 0,
			"  1 | Café..\n    |     ^^\n"},
		{"tabs are copied", "\tx..", at("\tx..", "..", 0, "p", lint.Warning, "."), 0,
			"  1 | \tx..\n    | \t ^^\n"},
		{"invisible characters in the span are spelled out", "a\u200bb", at("a\u200bb", "\u200b", 0, "u", lint.Warning, ""), 0,
			"  1 | a⟨U+200B⟩b\n    |  ^^^^^^^^\n"},
		{"controls are never passed through", "\x1b[2J..", at("\x1b[2J..", "..", 0, "p", lint.Warning, "."), 0,
			"  1 | ␛[2J..\n    |     ^^\n"},
		{"long lines are cut", strings.Repeat("x", 50) + ".." + strings.Repeat("y", 50), at(strings.Repeat("x", 50)+".."+strings.Repeat("y", 50), "..", 0, "p", lint.Warning, "."), 5,
			"  1 | …xxxxx..yyyyy…\n    |       ^^\n"},
		{"a long span is cut", "ab" + strings.Repeat("z", 30) + "cd", at("ab"+strings.Repeat("z", 30)+"cd", strings.Repeat("z", 30), 0, "z", lint.Warning, "-"), 5,
			"  1 | abzzzzzzzzzz…\n    |   ^^^^^^^^^^…\n"},
		{"several lines", "one\ntwo three\nfour\n", at("one\ntwo three\nfour\n", "three\nfo", 0, "s", lint.Info, "-"), 0,
			"  2 | two three\n    |     ^^^^^ to 3:3\n"},
		{"empty span", "ab\n", lint.Finding{Rule: "e", Span: lint.Span{Start: 2, End: 2}, Message: "m"}, 0,
			"  1 | ab\n    |   ^\n"},
		{"a span of only a line break", "ab\r\ncd\n", lint.Finding{Rule: "e", Span: lint.Span{Start: 2, End: 4}, Message: "m"}, 0,
			"  1 | ab\n    |   ^ to 2:1\n"},
		{"CRLF is not shown", "ab..\r\n", at("ab..\r\n", "..", 0, "p", lint.Warning, "."), 0,
			"  1 | ab..\n    |   ^^\n"},
	}
	for _, tt := range tests {
		f := report.NewFile("a.txt", resultOf(tt.text, tt.f))
		var b bytes.Buffer
		if err := report.Pretty(&b, report.PrettyOptions{Context: tt.ctx}, f); err != nil {
			t.Fatal(err)
		}
		var line bytes.Buffer
		report.Text(&line, f)
		got, ok := strings.CutPrefix(b.String(), line.String())
		if !ok || got != tt.want {
			t.Errorf("%s:\n%s\nwant:\n%s%s", tt.name, b.String(), line.String(), tt.want)
		}
	}
}

func TestPrettyColorAndNoSource(t *testing.T) {
	text := "It said “x”..\n"
	r := resultOf(text, at(text, "..", 0, "p.dot", lint.Error, "."))
	f := report.NewFile("a.txt", r)
	var plain, color bytes.Buffer
	report.Pretty(&plain, report.PrettyOptions{}, f)
	report.Pretty(&color, report.PrettyOptions{Color: true}, f)
	if strings.Contains(plain.String(), "\x1b") {
		t.Errorf("plain output has escapes: %q", plain.String())
	}
	if !strings.Contains(color.String(), "\x1b[1m\x1b[31merror\x1b[0m") || !strings.Contains(color.String(), "\x1b[1m\x1b[31m^^\x1b[0m") {
		t.Errorf("coloured output: %q", color.String())
	}
	if strip := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(color.String(), ""); strip != plain.String() {
		t.Errorf("colour changes the text:\n%s\nvs\n%s", strip, plain.String())
	}
	f.Source = ""
	var b, line bytes.Buffer
	report.Pretty(&b, report.PrettyOptions{}, f)
	report.Text(&line, f)
	if b.String() != line.String() {
		t.Errorf("without source: %q, want %q", b.String(), line.String())
	}
}

// visibleClean returns the text of the documents of an HTML report as
// "clean text" shows it: without deletions, tags and escapes.
func visibleClean(page string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<div class="text">(.*?)</div>`).FindAllStringSubmatch(page, -1) {
		s := regexp.MustCompile(`(?s)<del[^>]*>.*?</del>|<span class="(note|cname)[^"]*"[^>]*>.*?</span>`).ReplaceAllString(m[1], "")
		s = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, "")
		out = append(out, html.UnescapeString(s))
	}
	return out
}

func TestHTML(t *testing.T) {
	text := "“Hello”..\n\nSame.\n\nSame.\n\nEnd TODO\n"
	r := testPipeline().Run(text)
	var b bytes.Buffer
	docs := []report.HTMLDoc{{Name: "a.txt", Result: r}, {Name: "clean.txt", Result: testPipeline().Run("fine\n")}}
	if err := report.HTML(&b, docs, report.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		"<!DOCTYPE html>",
		"<title>copydesk report</title>",
		`data-rule="test.quote-open" title="test.quote-open: &#34;“&#34; → &#34;\&#34;&#34;"><del data-rule="test.quote-open" class="one">“</del><ins data-rule="test.quote-open" class="one">&#34;</ins>`,
		`<span class="note" role="note"><a class="n" href="#d1-c1">1</a> <code class="sev-warning">test.quote-open</code> &#34;“&#34; → &#34;\&#34;&#34;</span>`,
		`<tr class="sev-warning"><td><code>test.repeat</code></td><td>warning</td><td>1</td></tr>`,
		`<tr class="sev-error"><td><code>test.double-period</code></td><td>error</td><td>1</td></tr>`,
		"5 findings in 2 documents",
		`title="test.repeat: paragraph repeats the one before it"><del data-rule="test.repeat">↵` + "\n↵\nSame.</del>",
		`TODO left in the text <em class="state">(reported, not changed)</em>`,
		`<a href="#d1-c1">1:1</a> &#34;“&#34; → &#34;\&#34;&#34;</li>`,
		"<p>Nothing to change.</p>",
		"data-copydesk-ready",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if got := visibleClean(page); len(got) != 2 || got[0] != r.Cleaned || got[1] != "fine\n" {
		t.Errorf("clean text view:\n%q\nwant %q", got, r.Cleaned)
	}
	if strings.Contains(page, "http://") || strings.Contains(page, "https://") || strings.Contains(page, " src=") {
		t.Error("the page refers to something outside itself")
	}
}

func TestHTMLEscapes(t *testing.T) {
	text := "<script>alert(1)</script> & “x” <img src=x onerror=alert(2)>\x1b[2J\xff\n"
	f := at(text, "“", 0, `r"><script>alert(3)</script>`, lint.Warning, `"><b>`)
	f.Message = `</title><script>alert(4)</script>`
	r := resultOf(text, f)
	var b bytes.Buffer
	if err := report.HTML(&b, []report.HTMLDoc{{Name: "<i>name</i>", Result: r}}, report.HTMLOptions{Title: "<b>t</b>"}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if n := strings.Count(page, "<script"); n != 1 {
		t.Errorf("%d <script elements, want only the page's own", n)
	}
	for _, bad := range []string{"<img", "<i>", "<b>", "\x1b", "\xff"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt; &amp; ",
		"&lt;img src=x onerror=alert(2)&gt;␛[2J⟨FF⟩",
		`data-rule="r&#34;&gt;&lt;script&gt;alert(3)&lt;/script&gt;" title="r&#34;&gt;&lt;script&gt;alert(3)&lt;/script&gt;: &lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt;">`,
		`<ins data-rule="r&#34;&gt;&lt;script&gt;alert(3)&lt;/script&gt;">&#34;&gt;&lt;b&gt;</ins>`,
		"<title>&lt;b&gt;t&lt;/b&gt;</title>",
		"<h2>&lt;i&gt;name&lt;/i&gt;</h2>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// FuzzFormats renders any text and edits in every format and checks what
// each promises: valid SARIF with character offsets that count code
// points, one workflow command a line, XML that parses, JSON Lines with
// byte columns, no control character of the input on a terminal, and
// HTML that runs no script of the input.
func FuzzFormats(f *testing.F) {
	f.Add("“Hi”..\n\nSame.\n\nSame.", []byte{0, 3, 1, 2, 4, 0})
	f.Add("\x1b[2J\xff\r\n\u00a0\u200b<script>", []byte{0, 2, 3, 1, 1, 2})
	news := []string{"", "\n", `"`, "x\n", "\x1b", "\u00a0", "<s>"}
	schema := sarifSchema(f)
	f.Fuzz(func(t *testing.T, text string, ops []byte) {
		var fs []lint.Finding
		pos := 0
		for i := 0; i+2 < len(ops); i += 3 {
			start := pos + int(ops[i])%8
			if start > len(text) {
				break
			}
			end := min(len(text), start+int(ops[i+1])%8)
			for start < len(text) && !utf8.RuneStart(text[start]) {
				start++
			}
			for end < len(text) && !utf8.RuneStart(text[end]) {
				end++
			}
			end = max(start, end)
			e := lint.Edit{Span: lint.Span{Start: start, End: end}, New: news[int(ops[i+2])%len(news)]}
			pos = end + 1
			fs = append(fs, lint.Finding{Rule: "r,:%", Severity: lint.Severity(ops[i] % 3), Span: e.Span, Message: text[start:end], Fix: []lint.Edit{e},
				Related: []lint.Span{{Start: start / 2, End: start}}, Suggest: ops[i+1]&0x40 != 0})
		}
		r := resultOf(text, fs...)
		file := report.NewFile("f:,%.txt", r)

		var b bytes.Buffer
		if err := report.SARIF(&b, []report.File{file}, report.SARIFOptions{}); err != nil {
			t.Fatal(err)
		}
		doc := validateSARIF(t, schema, b.Bytes())
		results := doc["runs"].([]any)[0].(map[string]any)["results"].([]any)
		for k, res := range results {
			reg := res.(map[string]any)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["region"].(map[string]any)
			x := file.Findings[k]
			if text == "" { // no Source to count in: lines and columns only
				continue
			}
			if int(reg["charOffset"].(float64)) != utf8.RuneCountInString(text[:x.Offset]) ||
				int(reg["charLength"].(float64)) != utf8.RuneCountInString(text[x.Offset:x.EndOffset]) {
				t.Fatalf("finding %d [%d,%d): region %v", k, x.Offset, x.EndOffset, reg)
			}
		}

		b.Reset()
		report.GitHub(&b, file)
		if n := strings.Count(b.String(), "\n"); n != len(file.Findings) {
			t.Fatalf("%d lines for %d findings:\n%s", n, len(file.Findings), b.String())
		}

		b.Reset()
		report.Checkstyle(&b, file)
		if err := xml.Unmarshal(b.Bytes(), new(struct{})); err != nil {
			t.Fatalf("invalid XML: %v\n%s", err, b.String())
		}

		b.Reset()
		report.RDJSONL(&b, file)
		dec := json.NewDecoder(&b)
		for k := 0; ; k++ {
			var d struct {
				Location struct {
					Range struct{ Start struct{ Line, Column int } }
				}
			}
			if err := dec.Decode(&d); err == io.EOF {
				if k != len(file.Findings) {
					t.Fatalf("%d lines for %d findings", k, len(file.Findings))
				}
				break
			} else if err != nil {
				t.Fatal(err)
			}
			x := file.Findings[k]
			ls := lineStartOf(text, x.Offset)
			if d.Location.Range.Start.Line != x.Line || d.Location.Range.Start.Column != x.Offset-ls+1 {
				t.Fatalf("finding %d at byte %d: %+v", k, x.Offset, d.Location.Range.Start)
			}
		}

		b.Reset()
		report.Pretty(&b, report.PrettyOptions{Context: 3}, file)
		for _, c := range b.String() {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
				t.Fatalf("control character %q in %q", c, b.String())
			}
		}

		b.Reset()
		report.HTML(&b, []report.HTMLDoc{{Name: "<x>", Result: r}}, report.HTMLOptions{})
		page := b.String()
		if strings.Count(page, "<script") != 1 || strings.Count(page, "<s>") != 0 || strings.Count(page, "<del") != strings.Count(page, "</del>") {
			t.Fatalf("page markup broken:\n%s", page)
		}
		if !utf8.ValidString(page) {
			t.Fatal("page is not valid UTF-8")
		}
	})
}

// lineStartOf returns the start of the line that holds off: lines end at
// "\n" and at a lone "\r".
func lineStartOf(text string, off int) int {
	for i := off - 1; i >= 0; i-- {
		if text[i] == '\n' || text[i] == '\r' && (i+1 >= len(text) || text[i+1] != '\n') {
			return i + 1
		}
	}
	return 0
}
