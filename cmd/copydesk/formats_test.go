package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestSeedFormatsGolden renders the seed article in every format of check
// and diff and compares each with its golden file.
func TestSeedFormatsGolden(t *testing.T) {
	s := real(t)
	wd, _ := os.Getwd()
	seed(t)
	for _, tt := range []struct {
		args   []string
		golden string
	}{
		{[]string{"check", "--format", "short", "seed.txt"}, "seed.check.short.txt"},
		{[]string{"check", "--format", "sarif", "seed.txt"}, "seed.check.sarif"},
		{[]string{"check", "--format", "github", "seed.txt"}, "seed.check.github.txt"},
		{[]string{"check", "--format", "checkstyle", "seed.txt"}, "seed.check.checkstyle.xml"},
		{[]string{"check", "--format", "rdjsonl", "seed.txt"}, "seed.check.rdjsonl"},
		{[]string{"diff", "--format", "html", "seed.txt"}, "seed.diff.html"},
	} {
		o := s.run(t, tt.args...)
		if o.code != 1 || o.stderr != "" {
			t.Errorf("%v: exit %d, stderr %q", tt.args, o.code, o.stderr)
		}
		golden(t, wd, tt.golden, o.stdout)
	}
}

// TestMarkdownFormatsGolden runs every format on a Markdown document
// whose code, links, front matter and table hold what the rules would
// otherwise change: the goldens show findings on prose only.
func TestMarkdownFormatsGolden(t *testing.T) {
	s := real(t)
	wd, _ := os.Getwd()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "doc.md"))
	if err != nil {
		t.Fatal(err)
	}
	cd(t, map[string]string{"doc.md": string(b)})
	for _, tt := range []struct {
		args   []string
		golden string
	}{
		{[]string{"check", "doc.md"}, "doc.check.txt"},
		{[]string{"check", "--format", "short", "doc.md"}, "doc.check.short.txt"},
		{[]string{"check", "--format", "json", "doc.md"}, "doc.check.json"},
		{[]string{"check", "--format", "sarif", "doc.md"}, "doc.check.sarif"},
		{[]string{"check", "--format", "github", "doc.md"}, "doc.check.github.txt"},
		{[]string{"check", "--format", "checkstyle", "doc.md"}, "doc.check.checkstyle.xml"},
		{[]string{"check", "--format", "rdjsonl", "doc.md"}, "doc.check.rdjsonl"},
		{[]string{"diff", "doc.md"}, "doc.diff"},
		{[]string{"diff", "--format", "html", "doc.md"}, "doc.diff.html"},
	} {
		o := s.run(t, tt.args...)
		if o.code != 1 || o.stderr != "" {
			t.Errorf("%v: exit %d, stderr %q", tt.args, o.code, o.stderr)
		}
		golden(t, wd, tt.golden, o.stdout)
	}
	// The cleaned document is the Markdown package's golden.
	o := s.run(t, "clean", "doc.md")
	want, err := os.ReadFile(filepath.Join(wd, "..", "..", "pipeline", "markdown", "testdata", "doc.clean.md"))
	if err != nil {
		t.Fatal(err)
	}
	if o.stdout != string(want) {
		t.Errorf("clean doc.md differs from pipeline/markdown/testdata/doc.clean.md:\n%s", o.stdout)
	}
}

// TestSeedFormatsValid checks that the machine formats of the seed parse
// as what they claim to be: SARIF against the schema subset, XML, JSON
// Lines, one workflow command a finding.
func TestSeedFormatsValid(t *testing.T) {
	s := real(t)
	schemaPath, err := filepath.Abs("../../pipeline/report/testdata/sarif-2.1.0-subset.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	seed(t)
	short := s.run(t, "check", "--format", "short", "seed.txt").stdout
	n := strings.Count(short, "\n")
	if n == 0 {
		t.Fatal("no findings in the seed")
	}

	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile(schemaPath)
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	sarif := s.run(t, "check", "--format", "sarif", "seed.txt").stdout
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(sarif))
	if err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("SARIF does not match the schema: %v", err)
	}
	var log struct {
		Runs []struct{ Results []json.RawMessage }
	}
	if json.Unmarshal([]byte(sarif), &log); len(log.Runs) != 1 || len(log.Runs[0].Results) != n {
		t.Errorf("SARIF has %d runs, want 1 with %d results", len(log.Runs), n)
	}

	gh := s.run(t, "check", "--format", "github", "seed.txt").stdout
	if strings.Count(gh, "\n") != n || strings.Count(gh, "\n::") != n-1 || !strings.HasPrefix(gh, "::") {
		t.Errorf("github: want %d workflow commands:\n%s", n, gh)
	}

	cs := s.run(t, "check", "--format", "checkstyle", "seed.txt").stdout
	var doc struct {
		Files []struct {
			Errors []struct{} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal([]byte(cs), &doc); err != nil || len(doc.Files) != 1 || len(doc.Files[0].Errors) != n {
		t.Errorf("checkstyle: %v, %+v", err, doc)
	}

	rd := s.run(t, "check", "--format", "rdjsonl", "seed.txt").stdout
	lines := strings.Split(strings.TrimSuffix(rd, "\n"), "\n")
	for _, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Errorf("rdjsonl line is not JSON: %s", l)
		}
	}
	if len(lines) != n {
		t.Errorf("rdjsonl: %d lines, want %d", len(lines), n)
	}
}

func TestFormatFlags(t *testing.T) {
	cd(t, map[string]string{"a.txt": dirty, "b.txt": clean})
	for _, args := range [][]string{
		{"check", "--format", "xml", "a.txt"},
		{"diff", "--format", "sarif", "a.txt"},
	} {
		o := session{}.run(t, args...)
		if o.code != 2 || !strings.Contains(o.stderr, "unknown --format") || o.stdout != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q", args, o.code, o.stderr, o.stdout)
		}
	}
	// SARIF and Checkstyle are one document for all files, even none.
	o := session{}.run(t, "check", "--format", "checkstyle", "a.txt", "missing.txt", "b.txt")
	if o.code != 2 || strings.Count(o.stdout, "<checkstyle") != 1 || strings.Count(o.stdout, "<file ") != 2 {
		t.Errorf("checkstyle of two files and a missing one: exit %d\n%s", o.code, o.stdout)
	}
	o = session{}.run(t, "check", "--format", "sarif", "b.txt")
	if o.code != 0 || !strings.Contains(o.stdout, `"results": []`) {
		t.Errorf("SARIF of a clean file: exit %d\n%s", o.code, o.stdout)
	}
	// The HTML report is one page; clean files are in it, and the exit
	// status says whether anything changes.
	o = session{}.run(t, "diff", "--format", "html", "a.txt", "b.txt")
	if o.code != 1 || strings.Count(o.stdout, "<!DOCTYPE html>") != 1 || !strings.Contains(o.stdout, "<h2>b.txt</h2>") {
		t.Errorf("html of two files: exit %d\n%s", o.code, o.stdout)
	}
	o = session{}.run(t, "diff", "--format", "html", "b.txt")
	if o.code != 0 || !strings.Contains(o.stdout, "Nothing to change.") {
		t.Errorf("html of a clean file: exit %d", o.code)
	}
	// --color does not apply to html.
	o = session{}.run(t, "diff", "--format", "html", "--color", "a.txt")
	if strings.Contains(o.stdout, "\x1b[") {
		t.Error("html report has terminal escapes")
	}
}

// TestHTMLReportInChromium loads the seed's HTML report in headless
// Chromium: the page's script must run to its end without an uncaught
// error, the marked changes must be in the DOM, and the screenshot is
// kept for a person to look at.
func TestHTMLReportInChromium(t *testing.T) {
	var browser string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("chromium is not installed (apt-get install chromium; .ci/run installs it when run as root)")
	}
	if testing.Short() {
		t.Skip("starting a browser is slow; skipped with -short")
	}
	s := real(t)
	seed(t)
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	o := s.run(t, "diff", "--format", "html", "seed.txt")
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, []byte(o.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(os.TempDir(), "copydesk-report.png")
	os.Remove(shot)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0",
		"--window-size=1200,900", "--screenshot="+shot, "--dump-dom", "file://"+page)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, stderr.String())
	}
	dom := stdout.String()
	if !strings.Contains(dom, `data-copydesk-ready="1"`) {
		t.Errorf("the page's script did not finish; DOM:\n%.2000s", dom)
	}
	if strings.Contains(stderr.String(), "Uncaught") {
		t.Errorf("script error:\n%s", stderr.String())
	}
	for _, want := range []string{`<del data-rule="quotes.curly"`, `<ins data-rule="quotes.curly"`, `<del data-rule="dedupe.paragraph"`, `<div class="toggle" role="group" aria-label="view">`} {
		if !strings.Contains(dom, want) {
			t.Errorf("DOM lacks %s", want)
		}
	}
	png, err := os.ReadFile(shot)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("no screenshot: %v", err)
	}
	t.Logf("screenshot of the seed's HTML report: %s", shot)
}
