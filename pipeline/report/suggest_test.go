package report_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/report"
)

// suggestedResult is the result of a text with a fix (".." → ".") and a
// suggestion (" ," → ","), which the cleaned text leaves as it was.
func suggestedResult(t *testing.T) (*pipeline.Result, string) {
	t.Helper()
	const text = "One.. two , three.\n"
	fix := at(text, "..", 0, "test.double-period", lint.Warning, ".")
	sugg := at(text, " ,", 0, "test.space-before", lint.Info, ",")
	sugg.Suggest = true
	r := resultOf(text, fix, sugg)
	if r.Cleaned != "One. two , three.\n" || len(r.Findings) != 2 || len(r.Findings[1].Suggestion) != 1 {
		t.Fatalf("the pipeline did not keep the suggestion: %q %+v", r.Cleaned, r.Findings)
	}
	return r, `replace " ," with ","`
}

// TestSuggestionsInEveryFormat checks that every output format shows a
// suggested fix, as a suggestion, and that the unified diff stays the
// changes alone.
func TestSuggestionsInEveryFormat(t *testing.T) {
	r, desc := suggestedResult(t)
	f := report.NewFile("s.txt", r)
	if len(f.Findings[1].Suggestion) != 1 || len(f.Findings[1].Fix) != 0 || f.Findings[1].Replacement != nil {
		t.Fatalf("NewFile: %+v", f.Findings[1])
	}
	write := func(fn func(*bytes.Buffer) error) string {
		var b bytes.Buffer
		if err := fn(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}

	short := write(func(b *bytes.Buffer) error { return report.Text(b, f) })
	if want := `s.txt:1:10: info: test.space-before here (suggestion: ` + desc + `) [test.space-before]`; !strings.Contains(short, want) {
		t.Errorf("short lacks %s:\n%s", want, short)
	}
	pretty := write(func(b *bytes.Buffer) error { return report.Pretty(b, report.PrettyOptions{}, f) })
	if want := "    = suggestion: " + desc + " (not applied)\n"; !strings.Contains(pretty, want) {
		t.Errorf("text lacks %q:\n%s", want, pretty)
	}
	gh := write(func(b *bytes.Buffer) error { return report.GitHub(b, f) })
	if want := "::test.space-before here (suggestion: " + desc + ")\n"; !strings.Contains(gh, want) {
		t.Errorf("github lacks %q:\n%s", want, gh)
	}
	cs := write(func(b *bytes.Buffer) error { return report.Checkstyle(b, f) })
	if want := `message="test.space-before here (suggestion: replace &#34; ,&#34; with &#34;,&#34;)"`; !strings.Contains(cs, want) {
		t.Errorf("checkstyle lacks %s:\n%s", want, cs)
	}

	js := write(func(b *bytes.Buffer) error { return report.JSON(b, []report.File{f}) })
	if want := `"offset": 9, "end_offset": 11, "suggestion": [{"offset": 9, "end_offset": 11, "new": ","}], "related": []}`; !strings.Contains(js, want) {
		t.Errorf("json lacks %s:\n%s", want, js)
	}
	var doc struct {
		Files []report.File `json:"files"`
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil || len(doc.Files) != 1 || len(doc.Files[0].Findings[1].Suggestion) != 1 {
		t.Errorf("json does not read back: %v %+v", err, doc)
	}

	rd := write(func(b *bytes.Buffer) error { return report.RDJSONL(b, f) })
	if lines := strings.Split(strings.TrimSpace(rd), "\n"); len(lines) != 2 || !strings.Contains(lines[1], `"suggestions":[{"range":{"start":{"line":1,"column":10},"end":{"line":1,"column":12}},"text":","}]`) {
		t.Errorf("rdjsonl lacks the suggestion:\n%s", rd)
	}

	sarif := write(func(b *bytes.Buffer) error { return report.SARIF(b, []report.File{f}, report.SARIFOptions{}) })
	log := validateSARIF(t, sarifSchema(t), []byte(sarif))
	results := log["runs"].([]any)[0].(map[string]any)["results"].([]any)
	fixes, _ := results[1].(map[string]any)["fixes"].([]any)
	if len(fixes) != 1 || !strings.HasPrefix(fixes[0].(map[string]any)["description"].(map[string]any)["text"].(string), "Suggestion, not applied by copydesk clean") {
		t.Errorf("sarif: the suggestion is not a fix described as a suggestion: %v", fixes)
	}

	page := write(func(b *bytes.Buffer) error {
		return report.HTML(b, []report.HTMLDoc{{Name: "s.txt", Result: r}}, report.HTMLOptions{})
	})
	for _, want := range []string{
		`<span class="sugg" id="d1-s1" data-rule="test.space-before" title="Suggestion, not applied: test.space-before: test.space-before here"><span class="sold"> ,</span><span class="snew">,</span></span>`,
		`<a href="#d1-s1">1:10</a>`,
		`<span class="sugg-note">Suggestion, not applied: replace &#34; ,&#34; with &#34;,&#34;</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("html lacks %s", want)
		}
	}
	clean := regexp.MustCompile(`<span class="snew">[^<]*</span>`).ReplaceAllString(page, "")
	if got := visibleClean(clean); len(got) != 1 || got[0] != r.Cleaned {
		t.Errorf("html clean view %q, want %q", got, r.Cleaned)
	}

	diff := write(func(b *bytes.Buffer) error {
		return report.Unified(b, r.Original, r.Edits(), report.UnifiedOptions{OldName: "a/s.txt", NewName: "b/s.txt"})
	})
	if got, err := applyUnified(r.Original, diff); err != nil || got != r.Cleaned {
		t.Errorf("the diff does not give the cleaned text: %v %q", err, got)
	}
}

// TestSuggestionDescription checks how edits are described.
func TestSuggestionDescription(t *testing.T) {
	const text = "a  b\u00a0c\x1b[2Jd " + "0123456789012345678901234567890123456789012345"
	for _, tc := range []struct {
		edits []lint.Edit
		want  string
	}{
		{[]lint.Edit{{Span: lint.Span{Start: 1, End: 3}, New: " "}}, `replace "  " with " "`},
		{[]lint.Edit{{Span: lint.Span{Start: 4, End: 6}}}, `delete "\u00a0"`},
		{[]lint.Edit{{Span: lint.Span{Start: 0, End: 0}, New: "\u202e"}}, `insert "\u202e"`},
		{[]lint.Edit{{Span: lint.Span{Start: 7, End: 11}}, {Span: lint.Span{Start: 12, End: 12}, New: "!"}}, `delete "\x1b[2J"; insert "!"`},
		{[]lint.Edit{{Span: lint.Span{Start: 13, End: len(text)}, New: ""}}, `delete "0123456789012345678901234567890123456789"…`},
	} {
		sugg := lint.Finding{Rule: "r", Span: tc.edits[0].Span, Fix: tc.edits, Suggest: true}
		f := report.NewFile("x", resultOf(text, sugg))
		out := new(bytes.Buffer)
		if err := report.Text(out, f); err != nil {
			t.Fatal(err)
		}
		if want := "(suggestion: " + tc.want + ")"; !strings.Contains(out.String(), want) {
			t.Errorf("%v: %s, want %s", tc.edits, out, want)
		}
	}
}
