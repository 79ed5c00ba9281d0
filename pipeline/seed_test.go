package pipeline_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSeedGolden cleans the seed article and compares it with the output
// written and checked by hand: one Boukamal/Qaim paragraph, "in a
// statement.", straight quotes and apostrophe, no leading space on line 1,
// and nothing else changed.
func TestSeedGolden(t *testing.T) {
	in := readTestdata(t, "seed.txt")
	want := readTestdata(t, "seed.clean.txt")
	r := registry.Default(registry.Options{}).Run(in)
	if r.Cleaned != want {
		t.Fatalf("cleaned seed differs from testdata/seed.clean.txt:\n%s", r.Cleaned)
	}
	got, err := lint.Apply(in, r.Edits())
	if err != nil || got != want {
		t.Fatalf("applying the changes to the input does not give the output (err %v)", err)
	}

	idx := lint.NewLineIndex(in)
	count := map[string]int{}
	for _, f := range r.Findings {
		count[f.Rule]++
		pos := idx.Position(f.Start)
		switch f.Rule {
		case "dedupe.paragraph":
			if pos.Line != 25 || len(f.Related) != 1 || idx.Position(f.Related[0].Start).Line != 23 {
				t.Errorf("dedupe.paragraph at line %d related %v, want line 25 related to line 23", pos.Line, f.Related)
			}
		case "punct.double-period":
			if pos.Line != 17 {
				t.Errorf("punct.double-period at line %d, want 17", pos.Line)
			}
		case "space.leading":
			if pos.Line != 1 || pos.Column != 1 {
				t.Errorf("space.leading at %d:%d, want 1:1", pos.Line, pos.Column)
			}
		}
	}
	want1 := map[string]int{"dedupe.paragraph": 1, "punct.double-period": 1, "quotes.curly": 11, "space.leading": 1, "style.echo": 3} // echoes: "said", "statement" (line 17), "group" (line 27)
	for rule, n := range want1 {
		if count[rule] != n {
			t.Errorf("%d %s findings, want %d (all: %v)", count[rule], rule, n, count)
		}
	}
	for rule := range count {
		if _, ok := want1[rule]; !ok {
			t.Errorf("unexpected %s finding(s) on the seed: %v", rule, count)
		}
	}

	// Cleaning the output again changes nothing.
	if again := registry.Default(registry.Options{}).Run(r.Cleaned); again.Changed() {
		t.Errorf("cleaning the cleaned seed changed it again: %+v", again.Changes)
	}
}

// TestFixesOnlySameText checks that skipping the rules that never fix
// leaves the cleaned text as it was and reports only fixing rules.
func TestFixesOnlySameText(t *testing.T) {
	in := readTestdata(t, "seed.txt")
	for _, text := range []string{in, in + "\n\n" + in, "The cat sat on the mat today.\n\nThe cat sat on a mat today.\n"} {
		full := registry.Default(registry.Options{}).Run(text)
		fast := registry.Default(registry.Options{FixesOnly: true}).Run(text)
		if full.Cleaned != fast.Cleaned {
			t.Fatalf("FixesOnly changed the cleaned text")
		}
		for _, f := range fast.Findings {
			if f.Rule == "style.echo" || f.Rule == "dedupe.near-paragraph" || f.Rule == "dedupe.near-sentence" {
				t.Errorf("FixesOnly still reports %s", f.Rule)
			}
		}
	}
}
