package pipeline_test

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

func spanOf(t *testing.T, text, sub string) lint.Span {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in %q", sub, text)
	}
	return lint.Span{Start: i, End: i + len(sub)}
}

func TestGuard(t *testing.T) {
	const text = "It said in a statement.. Then \u201cthis\u201d.\n\n" +
		"code: a..b \u201cq\u201d\n\n" +
		"Use `x..y \u201cz\u201d` now.. Ok\n"
	p := registry.Default(registry.Options{})
	code := spanOf(t, text, "code: a..b \u201cq\u201d")
	inl := spanOf(t, text, "`x..y \u201cz\u201d`")
	var asked []string
	g := &pipeline.Guard{
		Block:  []lint.Span{code},
		Inline: []lint.Span{inl},
		Suppressed: func(rule string, s lint.Span) bool {
			asked = append(asked, rule)
			return rule == "quotes.curly" && s.Start < strings.Index(text, "\n")
		},
	}
	r := p.RunGuarded(text, g)
	want := "It said in a statement. Then \u201cthis\u201d.\n\n" +
		"code: a..b \u201cq\u201d\n\n" +
		"Use `x..y \u201cz\u201d` now. Ok\n"
	if r.Cleaned != want {
		t.Errorf("cleaned:\n%q\nwant\n%q", r.Cleaned, want)
	}
	if got, _ := lint.Apply(text, r.Edits()); got != r.Cleaned {
		t.Errorf("changes do not give the cleaned text: %q", got)
	}
	for _, f := range r.Findings {
		if f.Start < f.End && (f.Start < code.End && code.Start < f.End || inl.Start <= f.Start && f.End <= inl.End) {
			t.Errorf("finding %s at %v inside guarded text", f.Rule, f.Span)
		}
	}
	if len(asked) == 0 {
		t.Error("Suppressed was never asked")
	}
}

func TestGuardViewAndWholeRemoval(t *testing.T) {
	// The view hides a code block between two copies of a paragraph; the
	// later copy is removed with the inline code span it holds, and the
	// block's repeated, stray-punctuated lines are left alone.
	const para = "The river rose by two metres overnight, flooding the `main` road."
	text := para + "\n\n```\nline..\nline..\n```\n\n" + para + "\n"
	block := spanOf(t, text, "```\nline..\nline..\n```")
	view := []byte(text)
	for i := block.Start; i < block.End; i++ {
		if view[i] != '\n' {
			view[i] = 'x'
		}
	}
	first := spanOf(t, text, "`main`")
	second := lint.Span{Start: strings.LastIndex(text, "`main`")}
	second.End = second.Start + len("`main`")
	g := &pipeline.Guard{View: string(view), Block: []lint.Span{block}, Inline: []lint.Span{first, second}}
	r := registry.Default(registry.Options{Dedupe: dedupeAll()}).RunGuarded(text, g)
	want := para + "\n\n```\nline..\nline..\n```\n"
	if r.Cleaned != want {
		t.Errorf("cleaned:\n%q\nwant\n%q", r.Cleaned, want)
	}
	for _, f := range r.Findings {
		if f.Start < block.End && block.Start < f.End {
			t.Errorf("finding %s at %v overlaps the code block", f.Rule, f.Span)
		}
	}
}

func dedupeAll() dedupe.Options { return dedupe.Options{Mode: dedupe.All} }

// A finding whose fix is not made, report-only or refused by the guard,
// does not say that something was removed.
func TestUnfixedMessage(t *testing.T) {
	const text = "The the end.\n\nPara one is here now.\n\nPara one is here now.\n"
	p := registry.Default(registry.Options{ReportOnly: []string{"dedupe.word", "dedupe.paragraph"}})
	r := p.Run(text)
	if r.Cleaned != text {
		t.Errorf("report-only rules changed the text: %q", r.Cleaned)
	}
	var msgs []string
	for _, f := range r.Findings {
		msgs = append(msgs, f.Message)
	}
	want := []string{`repeated word "the" (reported, not removed)`, "paragraph repeats the paragraph just before it (reported, not removed)"}
	if strings.Join(msgs, "|") != strings.Join(want, "|") {
		t.Errorf("messages %q, want %q", msgs, want)
	}
	if got := registry.Default(registry.Options{}).Run(text).Findings[0].Message; got != `repeated word "the" (the second copy is removed)` {
		t.Errorf("fixed: %q", got)
	}
}
