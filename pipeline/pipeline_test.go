package pipeline

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// funcStage is a stage made of a function, for tests.
type funcStage struct {
	name  string
	check func(string) []lint.Finding
}

func (s funcStage) Name() string                  { return s.name }
func (s funcStage) Rules() []lint.Rule            { return nil }
func (s funcStage) Check(t string) []lint.Finding { return s.check(t) }

// replaceAll is a stage that replaces every occurrence of old with new,
// one finding each.
func replaceAll(rule, old, new string) lint.Stage {
	return funcStage{rule, func(text string) []lint.Finding {
		var fs []lint.Finding
		for i := 0; ; {
			k := strings.Index(text[i:], old)
			if k < 0 {
				return fs
			}
			s := lint.Span{Start: i + k, End: i + k + len(old)}
			fs = append(fs, lint.Finding{Rule: rule, Span: s, Fix: []lint.Edit{{Span: s, New: new}}})
			i = s.End
		}
	}}
}

// allFixes gathers the fixes every finding owns, sorted.
func allFixes(r *Result) []lint.Edit {
	var edits []lint.Edit
	for _, f := range r.Findings {
		edits = append(edits, f.Fix...)
	}
	lint.SortEdits(edits)
	return edits
}

func sp(a, b int) lint.Span { return lint.Span{Start: a, End: b} }

func checkExact(t *testing.T, r *Result) {
	t.Helper()
	got, err := lint.Apply(r.Original, r.Edits())
	if err != nil {
		t.Fatalf("changes invalid: %v", err)
	}
	if got != r.Cleaned {
		t.Fatalf("changes give %q, cleaned is %q", got, r.Cleaned)
	}
	got, err = lint.Apply(r.Original, allFixes(r))
	if err != nil {
		t.Fatalf("findings' fixes invalid: %v", err)
	}
	if got != r.Cleaned {
		t.Fatalf("findings' fixes give %q, cleaned is %q", got, r.Cleaned)
	}
	for _, f := range r.Findings {
		if f.Start < 0 || f.End < f.Start || f.End > len(r.Original) {
			t.Fatalf("finding %s span %v outside the original (%d bytes)", f.Rule, f.Span, len(r.Original))
		}
	}
}

func TestChainMapsBackToOriginal(t *testing.T) {
	tests := []struct {
		name   string
		stages []lint.Stage
		in     string
		want   string
		spans  map[string][]lint.Span // rule -> spans in the original
	}{
		{
			name:   "independent edits",
			stages: []lint.Stage{replaceAll("a", "“", `"`), replaceAll("b", "..", ".")},
			in:     "“x” said.. it",
			want:   `"x” said. it`,
			spans:  map[string][]lint.Span{"a": {sp(0, 3)}, "b": {sp(12, 14)}},
		},
		{
			name:   "later stage deletes an earlier change",
			stages: []lint.Stage{replaceAll("q", "“", `"`), replaceAll("del", `"x"`, "")},
			in:     "a “x“ b",
			want:   "a  b",
			spans:  map[string][]lint.Span{"q": {sp(2, 5), sp(6, 9)}, "del": {sp(2, 9)}},
		},
		{
			name:   "later stage edits inside an insertion",
			stages: []lint.Stage{replaceAll("grow", "x", "abc"), replaceAll("shrink", "b", "")},
			in:     "1x2",
			want:   "1ac2",
			spans:  map[string][]lint.Span{"grow": {sp(1, 2)}, "shrink": {sp(1, 2)}},
		},
		{
			name:   "edit next to a deletion",
			stages: []lint.Stage{replaceAll("d", "--", ""), replaceAll("e", "ab", "X")},
			in:     "ab--ab",
			want:   "XX",
			spans:  map[string][]lint.Span{"d": {sp(2, 4)}, "e": {sp(0, 2), sp(4, 6)}},
		},
		{
			name:   "insertion where a deletion was",
			stages: []lint.Stage{replaceAll("d", "-", ""), replaceAll("i", "ab", "a+b")},
			in:     "a-b",
			want:   "a+b",
			spans:  map[string][]lint.Span{"d": {sp(1, 2)}, "i": {sp(0, 3)}},
		},
		{
			name:   "undo is no change",
			stages: []lint.Stage{replaceAll("x", "a", "b"), replaceAll("y", "b", "a")},
			in:     "a",
			want:   "a",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(tt.stages...).Run(tt.in)
			if r.Cleaned != tt.want {
				t.Fatalf("cleaned %q, want %q", r.Cleaned, tt.want)
			}
			checkExact(t, r)
			for rule, want := range tt.spans {
				var got []lint.Span
				for _, f := range r.Findings {
					if f.Rule == rule {
						got = append(got, f.Span)
					}
				}
				if len(got) != len(want) {
					t.Fatalf("rule %s: spans %v, want %v", rule, got, want)
				}
				for i := range got {
					if got[i] != want[i] {
						t.Fatalf("rule %s: spans %v, want %v", rule, got, want)
					}
				}
			}
		})
	}
}

func TestAbsorbedFixIsRecorded(t *testing.T) {
	r := New(replaceAll("q", "“", `"`), replaceAll("del", `"x"`, "")).Run("a “x“ b")
	owners := 0
	for i, f := range r.Findings {
		switch f.Rule {
		case "q":
			if len(f.Fix) != 0 || f.FixedBy < 0 || r.Findings[f.FixedBy].Rule != "del" {
				t.Errorf("quote finding %d: fix %v fixedBy %d, want absorbed by del", i, f.Fix, f.FixedBy)
			}
		case "del":
			owners++
			if len(f.Fix) != 1 || f.Fix[0].Span != (lint.Span{Start: 2, End: 9}) {
				t.Errorf("del owns %v, want one edit of [2,9)", f.Fix)
			}
		}
	}
	if owners != 1 || len(r.Changes) != 1 || len(r.Changes[0].Findings) != 3 {
		t.Fatalf("changes %+v", r.Changes)
	}
}

func TestDisableReportOnlySeverity(t *testing.T) {
	p := New(replaceAll("a", "x", "y"), replaceAll("b", "z", ""))
	p.Disable("a")
	p.ReportOnly("b")
	p.SetSeverity("b", lint.Error)
	r := p.Run("xz")
	if r.Cleaned != "xz" || len(r.Findings) != 1 || r.Findings[0].Rule != "b" || r.Findings[0].Severity != lint.Error || len(r.Findings[0].Fix) != 0 {
		t.Fatalf("got %q %+v", r.Cleaned, r.Findings)
	}
}

func TestBadFixesAreDropped(t *testing.T) {
	bad := funcStage{"bad", func(text string) []lint.Finding {
		return []lint.Finding{
			{Rule: "ok", Span: lint.Span{Start: 0, End: 1}, Fix: []lint.Edit{{Span: lint.Span{Start: 0, End: 1}, New: "A"}}},
			{Rule: "overlap", Span: lint.Span{Start: 0, End: 2}, Fix: []lint.Edit{{Span: lint.Span{Start: 0, End: 2}, New: "B"}}},
			{Rule: "range", Span: lint.Span{Start: 0, End: 1}, Fix: []lint.Edit{{Span: lint.Span{Start: 5, End: 99}, New: "C"}}},
		}
	}}
	r := New(bad).Run("abc")
	if r.Cleaned != "Abc" {
		t.Fatalf("cleaned %q", r.Cleaned)
	}
	checkExact(t, r)
}

// randomStage makes edits at pseudo-random places of whatever text it gets.
func randomStage(name string, seed int64) lint.Stage {
	return funcStage{name, func(text string) []lint.Finding {
		rng := rand.New(rand.NewSource(seed + int64(len(text))))
		var fs []lint.Finding
		for pos := 0; pos <= len(text); {
			step := rng.Intn(4)
			start := pos + step
			if start > len(text) {
				break
			}
			end := start + rng.Intn(3)
			if end > len(text) {
				end = len(text)
			}
			news := []string{"", "Z", "YY", "é"}[rng.Intn(4)]
			s := lint.Span{Start: start, End: end}
			fs = append(fs, lint.Finding{Rule: name, Span: s, Fix: []lint.Edit{{Span: s, New: news}}})
			pos = end + 1
		}
		return fs
	}}
}

func TestRandomChainsAreExact(t *testing.T) {
	for seed := int64(0); seed < 300; seed++ {
		in := strings.Repeat("abcdefgh", int(seed%7)+1)[:int(seed%40)%(8*(int(seed%7)+1))]
		r := New(randomStage("r1", seed), randomStage("r2", seed*7), randomStage("r3", seed*13)).Run(in)
		checkExact(t, r)
	}
}

func FuzzCompose(f *testing.F) {
	f.Add("hello world", int64(1))
	f.Add("", int64(2))
	f.Add("a“b”c..d", int64(3))
	f.Fuzz(func(t *testing.T, in string, seed int64) {
		r := New(randomStage("r1", seed), randomStage("r2", seed+1), randomStage("r3", seed+2)).Run(in)
		checkExact(t, r)
	})
}

// TestSuggestions checks that a suggested fix is kept, not applied, unless
// the pipeline applies suggestions; and that it is carried to the
// original through an earlier stage's change.
func TestSuggestions(t *testing.T) {
	suggestAll := func(rule, old, new string) lint.Stage {
		inner := replaceAll(rule, old, new)
		return funcStage{rule, func(text string) []lint.Finding {
			fs := inner.Check(text)
			for i := range fs {
				fs[i].Suggest = true
			}
			return fs
		}}
	}
	const in = "xx a b a"
	for _, apply := range []bool{false, true} {
		p := New(replaceAll("shrink", "xx", "x"), suggestAll("maybe", "a", "A"))
		p.ApplySuggestions(apply)
		r := p.Run(in)
		checkExact(t, r)
		want := "x a b a"
		if apply {
			want = "x A b A"
		}
		if r.Cleaned != want {
			t.Fatalf("apply=%v: cleaned %q, want %q", apply, r.Cleaned, want)
		}
		n := 0
		for _, f := range r.Findings {
			if f.Rule != "maybe" {
				continue
			}
			n++
			if apply {
				if len(f.Suggestion) != 0 || len(f.Fix) != 1 {
					t.Fatalf("applied suggestion: Suggestion %v, Fix %v", f.Suggestion, f.Fix)
				}
				continue
			}
			if len(f.Fix) != 0 || len(f.Suggestion) != 1 {
				t.Fatalf("suggestion: Fix %v, Suggestion %v", f.Fix, f.Suggestion)
			}
			e := f.Suggestion[0]
			if in[e.Start:e.End] != "a" || e.New != "A" {
				t.Fatalf("suggestion %+v does not point at an 'a' of the original %q", e, in)
			}
		}
		if n != 2 {
			t.Fatalf("apply=%v: %d findings of the suggesting rule, want 2", apply, n)
		}
	}
}
