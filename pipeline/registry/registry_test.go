package registry_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/pipeline/registry"
	"github.com/copydesk/copydesk/pipeline/suppress"
)

// Rules holds every rule once: the default chain's in stage order, then
// the suppression and corpus rules.
func TestRules(t *testing.T) {
	rules := registry.Rules()
	seen := map[string]bool{}
	for _, r := range rules {
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.Doc == "" {
			t.Errorf("rule %s has no doc", r.ID)
		}
	}
	chain := registry.Default(registry.Options{}).Rules()
	if len(chain) == 0 || rules[0].ID != chain[0].ID {
		t.Fatalf("Rules does not start with the chain's rules: %v", rules[:1])
	}
	for _, r := range append(suppress.Rules(), corpus.Rules()...) {
		if !seen[r.ID] {
			t.Errorf("Rules lacks %s", r.ID)
		}
	}
	ids := registry.IDs()
	if len(ids) != len(rules) || !slices.IsSorted(ids) {
		t.Errorf("IDs: %d sorted=%v, want %d sorted", len(ids), slices.IsSorted(ids), len(rules))
	}
}

// Default honours Disabled and ReportOnly.
func TestDefaultOptions(t *testing.T) {
	const text = "It said in a statement.. Then it left.\n"
	off := registry.Default(registry.Options{Disabled: []string{"punct.double-period"}}).Run(text)
	if off.Cleaned != text {
		t.Errorf("disabled rule still fixed: %q", off.Cleaned)
	}
	ro := registry.Default(registry.Options{ReportOnly: []string{"punct.double-period"}}).Run(text)
	if ro.Cleaned != text || len(ro.Findings) == 0 {
		t.Errorf("report-only: %q, %d findings", ro.Cleaned, len(ro.Findings))
	}
	on := registry.Default(registry.Options{}).Run(text)
	if on.Cleaned != "It said in a statement. Then it left.\n" {
		t.Errorf("default: %q", on.Cleaned)
	}
}

// The driver, package pipeline, imports no stage: only the vocabulary
// and the byte helpers.
func TestDriverImportsNoStage(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no pipeline sources: %v", err)
	}
	allowed := map[string]bool{
		"github.com/copydesk/copydesk/pipeline/lint":     true,
		"github.com/copydesk/copydesk/pipeline/bytescan": true,
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			if strings.HasPrefix(path, "github.com/copydesk/") && !allowed[path] {
				t.Errorf("%s imports %s", f, path)
			}
		}
	}
}
