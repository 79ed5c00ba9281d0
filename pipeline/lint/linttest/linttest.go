package linttest

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// Replace is a fake stage that replaces every Old with New: one finding
// of Rule for each, whose fix is the replacement (a suggestion when
// Suggest is set). Its name is "replace".
type Replace struct {
	Rule     string
	Old, New string
	Severity lint.Severity
	Suggest  bool
}

// Name returns "replace".
func (s Replace) Name() string { return "replace" }

// Rules returns the stage's one rule.
func (s Replace) Rules() []lint.Rule {
	return []lint.Rule{{ID: s.Rule, Severity: s.Severity, Fixes: true, Doc: "replaces " + strconv.Quote(s.Old)}}
}

// Check reports every Old.
func (s Replace) Check(text string) []lint.Finding {
	var out []lint.Finding
	for i := 0; s.Old != ""; {
		j := strings.Index(text[i:], s.Old)
		if j < 0 {
			break
		}
		sp := lint.Span{Start: i + j, End: i + j + len(s.Old)}
		out = append(out, lint.Finding{
			Rule: s.Rule, Severity: s.Severity, Span: sp,
			Message: fmt.Sprintf("%q → %q", s.Old, s.New),
			Fix:     []lint.Edit{{Span: sp, New: s.New}},
			Suggest: s.Suggest,
		})
		i = sp.End
	}
	return out
}

// RuleRepeat is the rule of Repeat.
const RuleRepeat = "test.repeat"

// Repeat is a fake dedupe: it removes a paragraph (text between blank
// lines, "\n\n") that repeats the one before it, with the blank line
// before it, and relates the finding to the first copy. Its name is
// "repeat", its rule RuleRepeat.
type Repeat struct{}

// Name returns "repeat".
func (Repeat) Name() string { return "repeat" }

// Rules returns the stage's one rule.
func (Repeat) Rules() []lint.Rule {
	return []lint.Rule{{ID: RuleRepeat, Severity: lint.Warning, Fixes: true, Doc: "removes a repeated paragraph"}}
}

// Check reports each paragraph that repeats the one before it.
func (Repeat) Check(text string) []lint.Finding {
	var out []lint.Finding
	prev := lint.Span{Start: -1}
	for start := 0; start < len(text); {
		end := strings.Index(text[start:], "\n\n")
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		cur := lint.Span{Start: start, End: end}
		if prev.Start >= 0 && text[prev.Start:prev.End] == text[start:end] {
			out = append(out, lint.Finding{
				Rule: RuleRepeat, Severity: lint.Warning, Span: cur,
				Message: "paragraph repeats the one before it",
				Fix:     []lint.Edit{{Span: lint.Span{Start: prev.End, End: end}}},
				Related: []lint.Span{prev},
			})
		} else {
			prev = cur
		}
		start = end + 2
	}
	return out
}

// Report is a fake stage that reports every Word as a finding of Rule
// with Message, and fixes nothing. Its name is StageName.
type Report struct {
	StageName, Rule, Word string
	Doc, Message          string
	Severity              lint.Severity
}

// Name returns StageName.
func (s Report) Name() string { return s.StageName }

// Rules returns the stage's one rule.
func (s Report) Rules() []lint.Rule {
	return []lint.Rule{{ID: s.Rule, Severity: s.Severity, Doc: s.Doc}}
}

// Check reports every Word.
func (s Report) Check(text string) []lint.Finding {
	var out []lint.Finding
	for i := 0; s.Word != ""; {
		j := strings.Index(text[i:], s.Word)
		if j < 0 {
			break
		}
		out = append(out, lint.Finding{Rule: s.Rule, Severity: s.Severity, Span: lint.Span{Start: i + j, End: i + j + len(s.Word)}, Message: s.Message})
		i += j + len(s.Word)
	}
	return out
}

// Fix runs the stage over text and applies every fix it reports,
// suggestions included, failing t if they cannot be applied (they
// overlap, or fall outside the text).
func Fix(t testing.TB, s lint.Stage, text string) string {
	t.Helper()
	var edits []lint.Edit
	for _, f := range s.Check(text) {
		if f.End < f.Start || f.Start < 0 || f.End > len(text) {
			t.Errorf("%s: finding %s at %v outside the text (%d bytes)", s.Name(), f.Rule, f.Span, len(text))
		}
		edits = append(edits, f.Fix...)
	}
	out, err := lint.Apply(text, edits)
	if err != nil {
		t.Fatalf("%s: fixes of %q cannot be applied: %v", s.Name(), text, err)
	}
	return out
}

// CheckFix checks that the stage's fixes turn text into want, and that
// want is a fixed point: the stage reports no fix on it.
func CheckFix(t testing.TB, s lint.Stage, text, want string) {
	t.Helper()
	if got := Fix(t, s, text); got != want {
		t.Errorf("%s fixes %q to %q, want %q", s.Name(), text, got, want)
		return
	}
	if again := Fix(t, s, want); again != want {
		t.Errorf("%s is not idempotent: %q → %q", s.Name(), want, again)
	}
}

// CheckEdits checks that applying edits (a run's changes against the
// original, pipeline.Result.Edits) to original gives cleaned.
func CheckEdits(t testing.TB, original, cleaned string, edits []lint.Edit) {
	t.Helper()
	got, err := lint.Apply(original, edits)
	if err != nil {
		t.Errorf("changes cannot be applied: %v", err)
		return
	}
	if got != cleaned {
		t.Errorf("changes give %q, want the cleaned text %q", got, cleaned)
	}
}
