package normalize

import (
	"fmt"
	"slices"
	"sort"
	"testing"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// fixesOf returns the sorted fixes of the findings whose rule is not in
// disabled.
func fixesOf(fs []lint.Finding, disabled map[string]bool) []lint.Edit {
	var edits []lint.Edit
	for _, f := range fs {
		if !disabled[f.Rule] && !f.Suggest {
			edits = append(edits, f.Fix...)
		}
	}
	lint.SortEdits(edits)
	return edits
}

// applyStage runs st on text and applies the fixes of its enabled rules.
func applyStage(t testing.TB, st lint.Stage, text string, disabled map[string]bool) (string, []lint.Finding) {
	t.Helper()
	fs := st.Check(text)
	edits := fixesOf(fs, disabled)
	out, err := lint.Apply(text, edits)
	if err != nil {
		t.Fatalf("stage %s: %v on %q", st.Name(), err, text)
	}
	return out, fs
}

// runChain runs the stages in order, applying fixes, and returns the
// output and every finding.
func runChain(t testing.TB, stages []lint.Stage, text string, disabled map[string]bool) (string, []lint.Finding) {
	t.Helper()
	out, all, err := chain(stages, text, disabled)
	if err != nil {
		t.Fatal(err)
	}
	return out, all
}

// settle runs the stages again on text, as the pipeline does (up to
// pipeline.MaxRounds rounds in all, counting the one that made text),
// until no stage fixes anything (suggestions are not applied, and may
// stay); it fails the test if that takes longer.
func settle(t testing.TB, stages []lint.Stage, text, from string, disabled map[string]bool) string {
	t.Helper()
	const maxRounds = 4 // pipeline.MaxRounds; normalize cannot import pipeline
	for round := 2; ; round++ {
		fixes := 0
		for _, st := range stages {
			for _, g := range st.Check(text) {
				if len(g.Fix) > 0 && !g.Suggest && !disabled[g.Rule] {
					fixes++
				}
			}
		}
		if fixes == 0 {
			return text
		}
		if round > maxRounds {
			t.Fatalf("no fixed point after %d rounds: %q (from %q)", maxRounds, text, from)
		}
		text, _ = runChain(t, stages, text, disabled)
	}
}

// chain is runChain for goroutines other than the test's.
func chain(stages []lint.Stage, text string, disabled map[string]bool) (string, []lint.Finding, error) {
	var all []lint.Finding
	for _, st := range stages {
		fs := st.Check(text)
		out, err := lint.Apply(text, fixesOf(fs, disabled))
		if err != nil {
			return text, all, fmt.Errorf("stage %s: %v on %q", st.Name(), err, text)
		}
		text = out
		all = append(all, fs...)
	}
	return text, all, nil
}

// summary lists findings as "rule start:end", sorted by position.
func summary(fs []lint.Finding) []string {
	fs = append([]lint.Finding(nil), fs...)
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Start != fs[j].Start {
			return fs[i].Start < fs[j].Start
		}
		return fs[i].Rule < fs[j].Rule
	})
	out := []string{}
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %d:%d", f.Rule, f.Start, f.End))
	}
	return out
}

// boundaries returns the character boundaries of text, an invalid byte
// being a character of its own.
func boundaries(text string) map[int]bool {
	b := map[int]bool{0: true, len(text): true}
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
		b[i] = true
	}
	return b
}

// invalidBytes returns the bytes of text that are not part of valid UTF-8.
func invalidBytes(text string) string {
	var out []byte
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size == 1 {
			out = append(out, text[i])
		}
		i += size
	}
	return string(out)
}

// checkFindings checks the stage contract on one Check call: spans and
// fixes inside the text and on character boundaries, fixes valid together.
func checkFindings(t testing.TB, name, text string, fs []lint.Finding) {
	t.Helper()
	b := boundaries(text)
	for _, f := range fs {
		if f.Rule == "" || f.Message == "" {
			t.Fatalf("%s: finding without rule or message: %+v", name, f)
		}
		if f.Start < 0 || f.End < f.Start || f.End > len(text) || !b[f.Start] || !b[f.End] {
			t.Fatalf("%s: bad span %+v in %q", name, f, text)
		}
		for _, e := range f.Fix {
			if !b[e.Start] || !b[e.End] {
				t.Fatalf("%s: fix %+v of %s not on a boundary in %q", name, e, f.Rule, text)
			}
			if !utf8.ValidString(e.New) {
				t.Fatalf("%s: fix %+v inserts invalid UTF-8", name, e)
			}
		}
	}
	if err := lint.ValidateEdits(fixesOf(fs, nil), len(text)); err != nil {
		t.Fatalf("%s: %v in %q", name, err, text)
	}
}

// A stageTest is one case of a stage's table: the input, the output once
// the stage's fixes are applied, and the findings as "rule start:end".
type stageTest struct {
	name     string
	in, want string
	findings []string
}

// testStage runs a stage's table, checking the stage contract and
// idempotence on every case.
func testStage(t *testing.T, st lint.Stage, tests []stageTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := st.Check(tt.in)
			checkFindings(t, st.Name(), tt.in, fs)
			want := tt.findings
			if want == nil {
				want = []string{}
			}
			if got := summary(fs); !slices.Equal(got, want) {
				t.Errorf("findings on %q:\n got %q\nwant %q", tt.in, got, want)
			}
			out, err := lint.Apply(tt.in, fixesOf(fs, nil))
			if err != nil {
				t.Fatal(err)
			}
			if out != tt.want {
				t.Errorf("fixed %q:\n got %q\nwant %q", tt.in, out, tt.want)
			}
			for _, g := range st.Check(out) {
				if len(g.Fix) > 0 && !g.Suggest {
					t.Errorf("not idempotent: %q still has %s %v", out, g.Rule, g.Span)
				}
			}
		})
	}
}

// messages returns the messages of the findings, sorted by position.
func messages(fs []lint.Finding) []string {
	fs = append([]lint.Finding(nil), fs...)
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Start < fs[j].Start })
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Message)
	}
	return out
}
