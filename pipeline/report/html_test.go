package report_test

import (
	"bytes"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/lint/linttest"
	"github.com/copydesk/copydesk/pipeline/report"
)

// section renders the HTML section of r.
func section(t *testing.T, r *pipeline.Result, opts report.HTMLOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.HTMLSection(&b, report.HTMLDoc{Name: "a.txt", Result: r}, opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestHTMLExplains checks that the report says why beside each change,
// marks one-character and invisible changes, tells findings that changed
// nothing from changes, and groups many findings of one rule.
func TestHTMLExplains(t *testing.T) {
	p := pipeline.New(
		linttest.Replace{Rule: "test.quote", Old: "“", New: `"`, Severity: lint.Warning},
		linttest.Replace{Rule: "test.zwsp", Old: "\u200b", New: "", Severity: lint.Warning},
		linttest.Replace{Rule: "test.nbsp", Old: "\u00a0", New: " "},
		linttest.Replace{Rule: "test.maybe", Old: "teh", New: "the", Suggest: true},
		linttest.Report{StageName: "notice", Rule: "test.todo", Word: "TODO", Doc: "TODO note: reported", Message: "TODO left in the text"},
	)
	text := "“a “b “c “d teh x\u200by a\u00a0b TODO\n"
	r := p.Run(text)
	rules := p.Rules()
	page := section(t, r, report.HTMLOptions{Rules: rules})
	for _, want := range []string{
		// The reason is text beside the change, not only a tooltip.
		`<span class="note" role="note"><a class="n" href="#d1-c1">1</a> <code class="sev-warning">test.quote</code> &#34;“&#34; → &#34;\&#34;&#34;</span>`,
		// One character: boxed; an invisible one named.
		`<del data-rule="test.zwsp" class="one">⟨U&#43;200B⟩</del><span class="cname old">ZERO WIDTH SPACE</span>`,
		`<span class="cname old">NO-BREAK SPACE</span><span class="cname new">→ SPACE</span>`,
		// Findings that changed nothing, as such.
		`TODO left in the text <em class="state">(reported, not changed)</em>`,
		`<span class="sugg-note">Suggestion, not applied: replace &#34;teh&#34; with &#34;the&#34;</span>`,
		`<span class="sugg" id="d1-s1" data-rule="test.maybe" title="Suggestion, not applied: test.maybe: &#34;teh&#34; → &#34;the&#34;"><span class="sold">teh</span><span class="snew">the</span></span><span class="note snote" role="note">`,
		// Four findings of one rule: a closed group, its count first.
		`<details class="group sev-warning" data-rule="test.quote">`,
		`<summary><span class="n">4 ×</span>`,
		`<details class="group sev-info" data-rule="test.todo" open>`,
		// Why 8 findings and 6 changes.
		"8 findings, 6 changes",
		"<li>6 findings made the 6 changes.</li>",
		"<li>1 finding reported only: the rule never changes text (test.todo 1).</li>",
		"<li>1 suggestion not applied",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("section lacks %s", want)
		}
	}
	if strings.Contains(page, "<!DOCTYPE") || strings.Contains(page, "<script") {
		t.Error("a section is not a page")
	}
	// Rebuilding the text from the changes' data attributes, as the page
	// of copydesk serve does, gives the cleaned text.
	if got := rebuild(t, text, page, nil); got != r.Cleaned {
		t.Errorf("rebuilt %q, want %q", got, r.Cleaned)
	}
	// Rejecting the first change keeps its original text.
	if got, want := rebuild(t, text, page, map[int]bool{0: true}), "“"+r.Cleaned[1:]; got != want {
		t.Errorf("with the first change rejected: %q, want %q", got, want)
	}
}

// rebuild applies the changes of a section to text, leaving out those
// rejected (by index).
func rebuild(t *testing.T, text, page string, rejected map[int]bool) string {
	t.Helper()
	var b strings.Builder
	last := 0
	re := regexp.MustCompile(`<span class="chg[^"]*" id="[^"]*" data-start="(\d+)" data-end="(\d+)" data-new="([^"]*)"`)
	for i, m := range re.FindAllStringSubmatch(page, -1) {
		start, _ := strconv.Atoi(m[1])
		end, _ := strconv.Atoi(m[2])
		b.WriteString(text[last:start])
		if rejected[i] {
			b.WriteString(text[start:end])
		} else {
			b.WriteString(html.UnescapeString(m[3]))
		}
		last = end
	}
	b.WriteString(text[last:])
	return b.String()
}

// TestHTMLWhyOnlyWhenNeeded: a report whose findings each made one change
// has nothing to explain.
func TestHTMLWhyOnlyWhenNeeded(t *testing.T) {
	page := section(t, testPipeline().Run("“Hello”\n"), report.HTMLOptions{})
	if strings.Contains(page, `class="why"`) || !strings.Contains(page, "2 findings, 2 changes") {
		t.Errorf("section:\n%s", page)
	}
}

// TestHTMLPrint: the page prints its reasons and every group.
func TestHTMLPrint(t *testing.T) {
	var b bytes.Buffer
	if err := report.HTML(&b, []report.HTMLDoc{{Name: "a", Result: testPipeline().Run("“x”\n")}}, report.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	css := report.HTMLStyle()
	i := strings.Index(css, "@media print")
	if i < 0 || !strings.Contains(css[i:], "::details-content") || !strings.Contains(css[i:], "print-color-adjust: exact") {
		t.Error("no print style that opens the groups and keeps the marks")
	}
	if strings.Contains(css[i:], ".note { display: none") {
		t.Error("reasons hidden in print")
	}
	if !strings.Contains(b.String(), `"beforeprint"`) || !strings.Contains(b.String(), css) {
		t.Error("the page lacks its style or the script that opens groups to print")
	}
}
