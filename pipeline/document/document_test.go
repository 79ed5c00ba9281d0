package document_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/config"
	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const mdDoc = "# Notes\n\n<!-- copydesk-disable-next-line punct.double-period -->\nQuoted as printed..\n\nIt said “so” in a statement..\n\n```\nkeep.. “this”\n```\n"

// A document is checked with its configuration file, as Markdown, with
// its suppression comments.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".copydesk.toml"), "[normalize]\nquotes = \"keep\"\n")
	path := filepath.Join(dir, "a.md")
	write(t, path, mdDoc)
	c := document.New(document.Options{Config: &config.Loader{Rules: registry.Rules()}})
	r, err := c.Check(document.Doc{Name: "a.md", Path: path, Text: mdDoc})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(mdDoc, "statement..", "statement.", 1)
	if r.Cleaned != want {
		t.Errorf("cleaned:\n%s\nwant:\n%s", r.Cleaned, want)
	}
	if !r.Markdown || r.Config == nil || r.Options.Normalize.Quotes != normalize.QuotesKeep || r.Guard == nil {
		t.Errorf("result: markdown %v, config %v, quotes %v, guard %v", r.Markdown, r.Config, r.Options.Normalize.Quotes, r.Guard)
	}
	if got, err := lint.Apply(mdDoc, r.Edits()); err != nil || got != r.Cleaned {
		t.Errorf("changes do not give the cleaned text: %v", err)
	}
	// As text, the fenced code is prose: its ".." is fixed too.
	c = document.New(document.Options{Format: document.Text, Pipeline: registry.Options{Normalize: normalize.Options{Quotes: normalize.QuotesKeep}}})
	r, _ = c.Check(document.Doc{Name: "a.md", Text: mdDoc})
	if r.Markdown || !strings.Contains(r.Cleaned, "keep. “this”") {
		t.Errorf("as text: %q", r.Cleaned)
	}
}

// A flag given on the command line (Override) wins over the file; rule
// lists add up.
func TestOptions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".copydesk.toml")
	write(t, path, "[normalize]\nquotes = \"keep\"\nwidth = true\n[rules]\n\"dedupe.word\" = \"off\"\n")
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	base := registry.Options{Normalize: normalize.Options{Quotes: normalize.QuotesTypographic}, Disabled: []string{"punct.doubled"}, FixesOnly: true}
	c := document.New(document.Options{Pipeline: base, Override: func(o *registry.Options) { o.Normalize.Quotes = base.Normalize.Quotes }})
	o := c.Options(cfg)
	if o.Normalize.Quotes != normalize.QuotesTypographic || !o.Normalize.Width || !o.FixesOnly {
		t.Errorf("options %+v", o)
	}
	if strings.Join(o.Disabled, ",") != "dedupe.word,punct.doubled" {
		t.Errorf("disabled %v", o.Disabled)
	}
	if got := c.Options(nil); got.Normalize.Quotes != normalize.QuotesTypographic || got.Normalize.Width {
		t.Errorf("no file: %+v", got)
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]document.Format{"md": document.Markdown, "Markdown": document.Markdown, "txt": document.Text, "": document.Auto, "auto": document.Auto} {
		if f, err := document.ParseFormat(in); err != nil || f != want {
			t.Errorf("ParseFormat(%q) = %v, %v", in, f, err)
		}
	}
	if _, err := document.ParseFormat("rst"); err == nil {
		t.Error("ParseFormat(rst): no error")
	}
}

// A Checker is safe for concurrent use: every goroutine gets what one
// Worker gets.
func TestConcurrent(t *testing.T) {
	c := document.New(document.Options{})
	docs := []document.Doc{
		{Name: "a.md", Text: mdDoc},
		{Name: "b.txt", Text: "It said so in a statement.. the the end\n# copydesk-disable-next-line dedupe.word\nthe the end\n"},
		{Name: "c.txt", Text: "Plain text,, and “quotes”.\n"},
	}
	w := c.NewWorker()
	var want []string
	for _, d := range docs {
		r, err := w.Check(d)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, r.Cleaned)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				k := (g + i) % len(docs)
				r, err := c.Check(docs[k])
				if err != nil || r.Cleaned != want[k] {
					t.Errorf("goroutine %d: %q, %v; want %q", g, r.Cleaned, err, want[k])
					return
				}
			}
		})
	}
	wg.Wait()
}
