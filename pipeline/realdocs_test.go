package pipeline_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/markdown"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// realDocsDir holds excerpts of real documents that the precision review
// of issue 14 found damaged: testdata/realdocs/<rule>/NNN.txt (plain text)
// or NNN.md (Markdown). Each excerpt is correct as it stands, and the rule
// it is filed under must not change it. SOURCES.md there gives each
// excerpt's source and licence.
var realDocsDir = filepath.Join("..", "testdata", "realdocs")

// knownDamage lists the excerpts that their rule still changes, as
// "<rule>/<file>" → rule: the fixes of issue 14 are being made, and each
// one that lands must take its excerpts off this list. TestRealDocs fails
// both when an excerpt not listed here is damaged and when one listed here
// no longer is, so the list stays exact.
var knownDamage = map[string]string{
	"quotes.curly/001.txt": "quotes.curly",
}

// A realDoc is one excerpt.
type realDoc struct {
	name string // "<rule>/<file>"
	rule string
	text string
	md   bool
}

func readRealDocs(t *testing.T) []realDoc {
	t.Helper()
	dirs, err := os.ReadDir(realDocsDir)
	if err != nil {
		t.Fatal(err)
	}
	var docs []realDoc
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		files, err := os.ReadDir(filepath.Join(realDocsDir, d.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(realDocsDir, d.Name(), f.Name()))
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, realDoc{
				name: d.Name() + "/" + f.Name(),
				rule: d.Name(),
				text: string(b),
				md:   markdown.IsMarkdownPath(f.Name()),
			})
		}
	}
	return docs
}

// damage returns the fixes of rule that the default pipeline applies to
// doc, as "LINE:COL "OLD" → "NEW"" for a person; suggestions are not
// damage, since clean does not apply them.
func damage(doc realDoc) []string {
	p := registry.Default(registry.Options{})
	var r *pipeline.Result
	if doc.md {
		r = markdown.Run(p, doc.text)
	} else {
		r = p.Run(doc.text)
	}
	idx := lint.NewLineIndex(doc.text)
	var out []string
	for _, f := range r.Findings {
		if f.Rule != doc.rule || len(f.Fix) == 0 || f.Suggest {
			continue
		}
		pos := idx.Position(f.Start)
		var edits []string
		for _, e := range f.Fix {
			edits = append(edits, fmt.Sprintf("%q → %q", doc.text[e.Start:e.End], e.New))
		}
		out = append(out, fmt.Sprintf("%d:%d %s", pos.Line, pos.Column, strings.Join(edits, ", ")))
	}
	return out
}

// TestRealDocs runs the default pipeline over every excerpt of
// testdata/realdocs and checks that the rule it is filed under changes
// nothing, except for the excerpts in knownDamage, which must still be
// changed.
func TestRealDocs(t *testing.T) {
	docs := readRealDocs(t)
	if len(docs) == 0 {
		t.Fatal("no excerpts in " + realDocsDir)
	}
	rules := map[string]bool{}
	for _, r := range registry.Default(registry.Options{}).Rules() {
		rules[r.ID] = true
	}
	seen := map[string]bool{}
	for _, doc := range docs {
		seen[doc.name] = true
		t.Run(doc.name, func(t *testing.T) {
			if !rules[doc.rule] {
				t.Fatalf("directory %q is not a rule id", doc.rule)
			}
			got := damage(doc)
			rule, known := knownDamage[doc.name]
			switch {
			case known && rule != doc.rule:
				t.Errorf("knownDamage[%q] = %q, want the excerpt's rule %q", doc.name, rule, doc.rule)
			case len(got) > 0 && !known:
				t.Errorf("%s changes this correct excerpt (%s):\n%s", doc.rule, strings.Join(got, "; "), doc.text)
			case len(got) == 0 && known:
				t.Errorf("%s no longer changes %s: take it off knownDamage", doc.rule, doc.name)
			case known:
				t.Logf("known damage: %s", strings.Join(got, "; "))
			}
		})
	}
	var stale []string
	for name := range knownDamage {
		if !seen[name] {
			stale = append(stale, name)
		}
	}
	slices.Sort(stale)
	for _, name := range stale {
		t.Errorf("knownDamage lists %s, which is not in %s", name, realDocsDir)
	}
}
