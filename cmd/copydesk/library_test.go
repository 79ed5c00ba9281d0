package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/copydesk/copydesk/pipeline/config"
	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// The library's example (package document's Example) cleans its story
// exactly as copydesk clean does: same configuration file, Markdown,
// suppression comment, same bytes out.
func TestLibraryExampleMatchesClean(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "pipeline", "document", "testdata", "example"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join(dir, "story.md"))
	if err != nil {
		t.Fatal(err)
	}
	checker := document.New(document.Options{
		Config:   &config.Loader{Rules: registry.Rules()},
		Pipeline: registry.Options{FixesOnly: true},
	})
	path := filepath.Join(dir, "story.md")
	r, err := checker.Check(document.Doc{Name: "story.md", Path: path, Text: string(text)})
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	o := session{pipeline: defaultPipeline}.run(t, "clean", "story.md")
	if o.code != 0 || o.stderr != "" {
		t.Fatalf("clean: exit %d, %s", o.code, o.stderr)
	}
	if o.stdout != r.Cleaned {
		t.Errorf("copydesk clean:\n%s\nthe library:\n%s", o.stdout, r.Cleaned)
	}
	if r.Cleaned == string(text) {
		t.Error("the example changes nothing")
	}
}
