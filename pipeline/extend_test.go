package pipeline_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/copydesk/copydesk/dedupe/segment"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// editor is a stage for Extend's tests: it removes every second
// paragraph with the separator before it, turns the first full stop of
// the others into "!", and inserts "» " at the start of the text, so its
// edits meet, touch and swallow the run's own changes.
type editor struct{}

func (editor) Name() string { return "editor" }
func (editor) Rules() []lint.Rule {
	return []lint.Rule{{ID: "test.edit", Fixes: true, Doc: "test edits"}}
}

func (editor) Check(text string) []lint.Finding {
	var out []lint.Finding
	paras := segment.Paragraphs(text)
	for k, p := range paras {
		if k%2 == 1 {
			out = append(out, lint.Finding{Rule: "test.edit", Span: lint.Span{Start: p.Start, End: p.End},
				Message: "removed", Fix: []lint.Edit{{Span: lint.Span{Start: paras[k-1].End, End: p.End}}},
				Related: []lint.Span{{Start: paras[k-1].Start, End: paras[k-1].End}}})
			continue
		}
		if i := strings.IndexByte(text[p.Start:p.End], '.'); i >= 0 {
			at := p.Start + i
			out = append(out, lint.Finding{Rule: "test.edit", Span: lint.Span{Start: at, End: at + 1},
				Message: "bang", Fix: []lint.Edit{{Span: lint.Span{Start: at, End: at + 1}, New: "!"}}})
		}
	}
	if text != "" {
		out = append(out, lint.Finding{Rule: "test.edit", Message: "insert", Fix: []lint.Edit{{New: "» "}}})
	}
	return out
}

// checkExtend runs the default pipeline with opts on in, extends the
// result with editor, and checks the result's invariants.
func checkExtend(t *testing.T, opts registry.Options, in string) {
	t.Helper()
	p := registry.Default(opts)
	r := p.Run(in)
	before := r.Cleaned
	nBefore := len(r.Findings)
	stageFixes := []lint.Edit{}
	for _, f := range (editor{}).Check(before) {
		stageFixes = append(stageFixes, f.Fix...)
	}
	lint.SortEdits(stageFixes)
	want, err := lint.Apply(before, stageFixes)
	if err != nil {
		t.Fatalf("editor's fixes: %v", err)
	}
	p.Extend(r, editor{})

	if r.Original != in {
		t.Fatal("Extend changed Original")
	}
	if r.Cleaned != want {
		t.Fatalf("Cleaned is not the stage's fixes applied to the run's output\nin:   %q\nwant: %q\ngot:  %q", in, want, r.Cleaned)
	}
	got, err := lint.Apply(in, r.Edits())
	if err != nil || got != r.Cleaned {
		t.Fatalf("changes do not reproduce the output (err %v)\nin:  %q\ngot: %q\nout: %q", err, in, got, r.Cleaned)
	}
	if len(r.Findings) < nBefore {
		t.Fatalf("Extend lost findings: %d < %d", len(r.Findings), nBefore)
	}
	boundary := make([]bool, len(in)+1)
	for i := 0; i < len(in); {
		boundary[i] = true
		_, n := utf8.DecodeRuneInString(in[i:])
		i += n
	}
	boundary[len(in)] = true
	var fixes []lint.Edit
	for i, f := range r.Findings {
		if i > 0 && f.Start < r.Findings[i-1].Start {
			t.Fatalf("findings not sorted at %d", i)
		}
		if f.FixedBy >= len(r.Findings) || (f.FixedBy >= 0 && len(f.Fix) > 0) {
			t.Fatalf("%s: FixedBy %d with %d fixes", f.Rule, f.FixedBy, len(f.Fix))
		}
		fixes = append(fixes, f.Fix...)
		if f.Start < 0 || f.End < f.Start || f.End > len(in) || !boundary[f.Start] || !boundary[f.End] {
			t.Fatalf("%s: bad span %v in %q", f.Rule, f.Span, in)
		}
		for _, s := range f.Related {
			if s.Start < 0 || s.End < s.Start || s.End > len(in) {
				t.Fatalf("%s: related span %v outside input", f.Rule, s)
			}
		}
	}
	for _, ch := range r.Changes {
		if len(ch.Findings) == 0 || slices.ContainsFunc(ch.Findings, func(k int) bool { return k < 0 || k >= len(r.Findings) }) {
			t.Fatalf("change %v names findings %v of %d", ch.Edit, ch.Findings, len(r.Findings))
		}
	}
	lint.SortEdits(fixes)
	got, err = lint.Apply(in, fixes)
	if err != nil || got != r.Cleaned {
		t.Fatalf("findings' fixes do not reproduce the output (err %v)\nin:  %q\ngot: %q\nout: %q", err, in, got, r.Cleaned)
	}
}

func FuzzExtend(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		for _, opts := range fuzzOptions {
			checkExtend(t, opts, in)
		}
	})
}

func TestExtendSeeds(t *testing.T) {
	inputs := []string{
		readTestdata(t, "seed.txt"), strings.ReplaceAll(readTestdata(t, "seed.txt"), "\n", "\r\n"),
		" Lead “one”..\n\nSecond  para.\n\nThird para, with “quotes”.\n\nFourth..\n",
		"One.\n\nOne.\n\nTwo.",
	}
	for _, in := range inputs {
		for _, opts := range fuzzOptions {
			checkExtend(t, opts, in)
		}
	}
}

// TestExtendMatchesOneRun checks that extending a run gives the changes
// a single run with the extra stage would have given.
func TestExtendMatchesOneRun(t *testing.T) {
	in := " Lead “one”..\n\nSecond  para.\n\nThird para, with “quotes”.\n\nFourth..\n"
	base := registry.Default(registry.Options{})
	r := base.Run(in)
	base.Extend(r, editor{})
	one := pipeline.New(append(base.Stages(), editor{})...).Run(in)
	if r.Cleaned != one.Cleaned {
		t.Fatalf("cleaned differ:\n%q\n%q", r.Cleaned, one.Cleaned)
	}
	if len(r.Changes) != len(one.Changes) {
		t.Fatalf("changes differ: %v vs %v", r.Edits(), one.Edits())
	}
	for i := range r.Changes {
		if r.Changes[i].Edit != one.Changes[i].Edit {
			t.Errorf("change %d: %v vs %v", i, r.Changes[i].Edit, one.Changes[i].Edit)
		}
	}
	if len(r.Findings) != len(one.Findings) {
		t.Fatalf("%d findings, one run %d", len(r.Findings), len(one.Findings))
	}
	for i := range r.Findings {
		a, b := r.Findings[i], one.Findings[i]
		if a.Rule != b.Rule || a.Span != b.Span || a.FixedBy != b.FixedBy || !slices.Equal(a.Fix, b.Fix) {
			t.Errorf("finding %d: %+v vs %+v", i, a, b)
		}
	}
}

// TestExtendGuarded checks that a guarded block stays as it was.
func TestExtendGuarded(t *testing.T) {
	in := "Intro “x”.\n\n```\ncode “y”..\n```\n\nLast one.\n"
	start := strings.Index(in, "```")
	end := strings.LastIndex(in, "```") + 3
	g := &pipeline.Guard{Block: []lint.Span{{Start: start, End: end}}}
	p := registry.Default(registry.Options{})
	r := p.RunGuarded(in, g)
	p.ExtendGuarded(r, g, editor{})
	if !strings.Contains(r.Cleaned, "```\ncode “y”..\n```") {
		t.Fatalf("the guarded block changed: %q", r.Cleaned)
	}
	got, _ := lint.Apply(in, r.Edits())
	if got != r.Cleaned {
		t.Fatalf("changes do not reproduce the output")
	}
}

func TestExtendNothing(t *testing.T) {
	p := registry.Default(registry.Options{})
	r := p.Run("A “b”.")
	cleaned, n := r.Cleaned, len(r.Findings)
	p.Extend(r)
	if r.Cleaned != cleaned || len(r.Findings) != n {
		t.Fatal("Extend without stages changed the result")
	}
}
