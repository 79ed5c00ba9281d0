package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("reading golden input: %v", err)
	}
	return string(b)
}

// checkReport renders findings as `copydesk check --format short` would:
// LINE:COL: SEVERITY: MESSAGE [RULE], plus "(fixed)" when the finding
// owns a change.
func checkReport(r *pipeline.Result) string {
	x := lint.NewLineIndex(r.Original)
	var b strings.Builder
	for _, f := range r.Findings {
		p := x.Position(f.Start)
		fixed := ""
		if len(f.Fix) > 0 {
			fixed = " (fixed)"
		}
		fmt.Fprintf(&b, "%d:%d: %s: %s [%s]%s\n", p.Line, p.Column, f.Severity, f.Message, f.Rule, fixed)
	}
	return b.String()
}

// TestGolden cleans testdata/doc.md, a document that mixes prose with
// every construct Guard protects. The goldens were read line by line:
//
//   - front matter, fenced and indented code, the HTML block, inline
//     HTML and the comment, code spans, link destinations and titles,
//     autolinks, bare URLs, the reference definition, entities and
//     escapes keep their "..", curly quotes, double spaces and repeats;
//   - prose is fixed: curly quotes in the heading, paragraphs, list item,
//     table cell and image alt text; "statement.." and "checksum.."; the
//     doubled "the" in the heading and "repeated" in the quote;
//   - the paragraph pasted twice (with its code spans and links), the
//     repeated numbered item (with its "2. " marker) and the repeated
//     blockquote paragraph (with its "> " lines) are removed;
//   - the equal table cells "yes | yes" are data: not reported.
func TestGolden(t *testing.T) {
	src := readFile(t, "doc.md")
	r := Run(registry.Default(registry.Options{}), src)
	got := map[string]string{"doc.clean.md": r.Cleaned, "doc.check.txt": checkReport(r)}
	for name, g := range got {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, []byte(g), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want := readFile(t, name)
		if g != want {
			t.Errorf("%s differs (run go test -update to rewrite):\n--- got\n%s\n--- want\n%s", name, g, want)
		}
	}
	if out, err := lint.Apply(src, r.Edits()); err != nil || out != r.Cleaned {
		t.Errorf("changes do not give the cleaned text (err %v)", err)
	}
	// The cleaned document is clean: a second run finds nothing to fix.
	if r2 := Run(registry.Default(registry.Options{}), r.Cleaned); r2.Changed() {
		t.Errorf("second run changes the cleaned document:\n%s", checkReport(r2))
	}
}

// TestCleanDocument: a clean document full of syntax gives no finding
// and comes out byte for byte, under every option set.
func TestCleanDocument(t *testing.T) {
	src := readFile(t, "clean.md")
	for _, opts := range []registry.Options{{}, {Dedupe: dedupe.Options{Mode: dedupe.All}}} {
		r := Run(registry.Default(opts), src)
		if len(r.Findings) > 0 || r.Changed() {
			t.Errorf("clean document: %d findings, changed %v:\n%s", len(r.Findings), r.Changed(), checkReport(r))
		}
	}
	// The same document as plain text is not clean: the guard is what
	// keeps the code and the URLs safe.
	if r := registry.Default(registry.Options{}).Run(src); !r.Changed() {
		t.Error("plain run of clean.md changes nothing: the test document protects nothing")
	}
}

func TestIsMarkdownPath(t *testing.T) {
	for name, want := range map[string]bool{
		"README.md": true, "a/b/NOTES.MARKDOWN": true, "x.mdown": true, "x.mkd": true,
		"x.mkdn": true, "x.mdwn": true, "x.Md": true, "x.mdx": false, "x.txt": false,
		"md": false, "x.md.txt": false, ".md": true, "x.jsonl": false,
	} {
		if got := IsMarkdownPath(name); got != want {
			t.Errorf("IsMarkdownPath(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestUnits: each list item, blockquote paragraph, heading and table
// cell is a unit of its own for dedupe, and the removal of a repeated
// unit takes its marker with it.
func TestUnits(t *testing.T) {
	const long = "This sentence is long enough to count"
	for _, tc := range []struct{ name, in, want string }{
		{"list item", "- " + long + ".\n- " + long + ".\n- other\n", "- " + long + ".\n- other\n"},
		{"star list, last item", "* a\n* " + long + "\n* " + long + "\n", "* a\n* " + long + "\n"},
		{"nested item", "- top\n  - " + long + "\n  - " + long + "\n", "- top\n  - " + long + "\n"},
		{"blockquote", "> " + long + ".\n>\n> " + long + ".\n", "> " + long + ".\n"},
		{"quote in a list", "- > " + long + ".\n  >\n  > " + long + ".\n", "- > " + long + ".\n"},
		{"setext heading", "Title here\n===\n" + long + ".\n\n" + long + ".\n", "Title here\n===\n" + long + ".\n"},
		{"atx heading then list", "# " + long + "\n- " + long + "\n", "# " + long + "\n"},
		{"after a fence", "```\ncode\n```\n" + long + ".\n\n" + long + ".\n", "```\ncode\n```\n" + long + ".\n"},
		// Not units: the lines of one paragraph, the cells of a table.
		{"table cells", "| " + long + " | " + long + " |\n|---|---|\n", "| " + long + " | " + long + " |\n|---|---|\n"},
	} {
		// Repeats in lists are suggestions (see TestListRepeatsSuggested):
		// applied here, to check that a unit takes its marker with it.
		r := Run(registry.Default(registry.Options{ApplySuggestions: true}), tc.in)
		if r.Cleaned != tc.want {
			t.Errorf("%s:\n got %q\nwant %q\n%s", tc.name, r.Cleaned, tc.want, checkReport(r))
		}
		if r.Changed() != (tc.in != tc.want) {
			t.Errorf("%s: Changed() = %v", tc.name, r.Changed())
		}
		if r.Changed() && render(t, r.Cleaned) != render(t, tc.want) {
			t.Errorf("%s: cleaned renders differently from the expected", tc.name)
		}
	}
}

// TestPairsKeptTogether: a repeated sentence inside emphasis or a link
// text is not removed with only one of the delimiters, and a heading's
// text never goes without its marker.
func TestPairsKeptTogether(t *testing.T) {
	const s = "This sentence repeats itself here."
	for _, in := range []string{
		"*" + s + " " + s + "*\n",
		"[" + s + " " + s + "](http://x)\n",
		"**Note.** " + s + " " + s + "\n",
	} {
		r := Run(registry.Default(registry.Options{}), in)
		// Whatever was removed, the constructs still parse the same way.
		if a, b := countKinds(t, in), countKinds(t, r.Cleaned); a != b {
			t.Errorf("%q -> %q: inline constructs %v -> %v", in, r.Cleaned, a, b)
		}
	}
	// "A. A." inside one emphasis: the view makes the delimiters part of
	// the first and last sentence, which then differ; nothing is removed
	// and the emphasis stays whole.
	in := "*" + s + " " + s + "*\n"
	if r := Run(registry.Default(registry.Options{}), in); r.Changed() {
		t.Errorf("emphasis: got %q\n%s", r.Cleaned, checkReport(r))
	}
}

// TestPositions: findings are reported at their place in the original
// file, after front matter, in list items, quotes and table cells.
func TestPositions(t *testing.T) {
	src := "---\na: “x”\n---\n\n- item “q”\n\n> quote.. End\n\n| “c” |\n|---|\n"
	r := Run(registry.Default(registry.Options{}), src)
	x := lint.NewLineIndex(src)
	var got []string
	for _, f := range r.Findings {
		p := x.Position(f.Start)
		got = append(got, fmt.Sprintf("%d:%d %s %q", p.Line, p.Column, f.Rule, src[f.Start:f.End]))
	}
	want := []string{
		`5:8 quotes.curly "“"`, `5:10 quotes.curly "”"`,
		`7:8 punct.double-period ".."`,
		`9:3 quotes.curly "“"`, `9:5 quotes.curly "”"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n got %q\nwant %q", got, want)
	}
}

func TestGuardSpans(t *testing.T) {
	src := "Text `code` and [link](http://a..b).\n\n```\nfence\n```\n"
	g := Guard(src)
	if len(g.View) != len(src) {
		t.Fatalf("view length %d, want %d", len(g.View), len(src))
	}
	text := func(spans []lint.Span) []string {
		var out []string
		for _, s := range spans {
			out = append(out, src[s.Start:s.End])
		}
		return out
	}
	if got, want := text(g.Block), []string{"```\nfence\n```"}; !slices.Equal(got, want) {
		t.Errorf("Block = %q, want %q", got, want)
	}
	if got, want := text(g.Inline), []string{"`code`", "[", "](http://a..b)"}; !slices.Equal(got, want) {
		t.Errorf("Inline = %q, want %q", got, want)
	}
}

func TestFrontMatter(t *testing.T) {
	for in, want := range map[string]int{
		"---\na: b\n---\ntext":   len("---\na: b\n---"),
		"+++\na = 1\n+++\n":      len("+++\na = 1\n+++"),
		"---\na: b\n...\n":       len("---\na: b\n..."),
		"---\nno end\n":          0,
		"--- x\na\n---\n":        0,
		"text\n---\na\n---\n":    0,
		"---\r\na: b\r\n---\r\n": len("---\r\na: b\r\n---"),
	} {
		if got := frontMatter(in); got != want {
			t.Errorf("frontMatter(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestTypographicKeepsCode(t *testing.T) {
	src := "He said \"hi\" and ran `echo \"x\"` with [it](http://x \"t\").\n"
	opts := registry.Options{Normalize: normalize.Options{Quotes: normalize.QuotesTypographic}}
	r := Run(registry.Default(opts), src)
	want := "He said “hi” and ran `echo \"x\"` with [it](http://x \"t\").\n"
	if r.Cleaned != want {
		t.Errorf("got  %q\nwant %q", r.Cleaned, want)
	}
}

// countKinds counts the inline containers of a document by kind.
func countKinds(t testing.TB, src string) string {
	t.Helper()
	n := map[string]int{}
	_, doc, _ := parse(src, frontMatter(src))
	_ = ast.Walk(doc, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch x.Kind() {
			case ast.KindEmphasis, ast.KindLink, ast.KindImage, east.KindStrikethrough, ast.KindHeading:
				n[x.Kind().String()]++
			}
		}
		return ast.WalkContinue, nil
	})
	return fmt.Sprint(n)
}

// Quotes around emphasis, code spans and links are quotation marks: the
// typographic style closes them as it does in plain text.
func TestTypographicAroundSyntax(t *testing.T) {
	opts := registry.Options{Normalize: normalize.Options{Quotes: normalize.QuotesTypographic}}
	p := registry.Default(opts)
	for in, want := range map[string]string{
		"He said \"*hello*\" loudly.\n":       "He said “*hello*” loudly.\n",
		"She said \"**no**\".\n":              "She said “**no**”.\n",
		"Run \"`make`\" first.\n":             "Run “`make`” first.\n",
		"Read \"[the guide](http://x.y)\".\n": "Read “[the guide](http://x.y)”.\n",
		"It is '*it*' here.\n":                "It is ‘*it*’ here.\n",
		"Use `git`'s config.\n":               "Use `git`’s config.\n",
		"[Bob](http://b.c)'s dog.\n":          "[Bob](http://b.c)’s dog.\n",
		"The **Joneses**' car.\n":             "The **Joneses**’ car.\n",
	} {
		r := Run(p, in)
		if r.Cleaned != want {
			t.Errorf("%q: got %q, want %q", in, r.Cleaned, want)
		}
		if again := Run(p, r.Cleaned); again.Changed() {
			t.Errorf("%q: a second run changes %q to %q", in, r.Cleaned, again.Cleaned)
		}
	}
}

// A byte order mark is no Markdown: the front matter after it is still
// front matter, and the mark itself is removed like in plain text.
func TestByteOrderMark(t *testing.T) {
	src := "\ufeff---\ntitle: \"A “b”..\"\n---\n\n# Title “x”\n"
	r := Run(registry.Default(registry.Options{}), src)
	want := "---\ntitle: \"A “b”..\"\n---\n\n# Title \"x\"\n"
	if r.Cleaned != want {
		t.Errorf("got  %q\nwant %q", r.Cleaned, want)
	}
	for _, f := range r.Findings {
		if f.Start > 0 && f.Start < len(src)-12 {
			t.Errorf("finding %s at %v inside the front matter", f.Rule, f.Span)
		}
	}
	crlf := strings.ReplaceAll(src, "\n", "\r\n")
	if r := Run(registry.Default(registry.Options{}), crlf); r.Cleaned != strings.ReplaceAll(want, "\n", "\r\n") {
		t.Errorf("CRLF: got %q", r.Cleaned)
	}
}

// A repeated list item that holds more than its first paragraph (here a
// code block) is reported, not removed: removing its marker alone would
// hand its code block to the item before it.
func TestItemWithChildrenKept(t *testing.T) {
	src := "- Inner item with some words.\n- Inner item with some words.\n  ```sh\n  echo hi\n  ```\n- After.\n"
	r := Run(registry.Default(registry.Options{}), src)
	if r.Cleaned != src {
		t.Errorf("changed:\n%s", r.Cleaned)
	}
	found := false
	for _, f := range r.Findings {
		found = found || f.Rule == "dedupe.paragraph" && len(f.Fix) == 0
	}
	if !found {
		t.Errorf("the repeat is not reported: %+v", r.Findings)
	}
	// Without the code block the repeat can go, marker and all, when
	// suggestions are applied.
	plain := "- Inner item with some words.\n- Inner item with some words.\n- After.\n"
	if r := Run(registry.Default(registry.Options{ApplySuggestions: true}), plain); r.Cleaned != "- Inner item with some words.\n- After.\n" {
		t.Errorf("plain items: %q", r.Cleaned)
	}
}

// TestListRepeatsSuggested checks that a list item that repeats the one
// before it (a changelog's "- Fix the build", twice) is kept, its removal
// offered as a suggestion, while a repeated paragraph of prose goes.
func TestListRepeatsSuggested(t *testing.T) {
	const item = "- Fix the build on older compilers.\n"
	const para = "The same paragraph of prose, pasted twice.\n"
	for _, src := range []string{
		"# Changes\n\n" + item + item + "\n" + para + "\n" + para,
		"* " + item[2:] + "* " + item[2:],
		"1. One item with enough words here.\n2. One item with enough words here.\n",
		"- top\n  " + item + "  " + item,
	} {
		r := Run(registry.Default(registry.Options{}), src)
		var suggested int
		for _, f := range r.Findings {
			if f.Rule == "dedupe.paragraph" && len(f.Suggestion) > 0 {
				suggested++
				if strings.Contains(f.Message, "(removed)") {
					t.Errorf("%q: a suggestion says it was removed: %s", src, f.Message)
				}
			}
		}
		if suggested != 1 {
			t.Errorf("%q: %d suggested list repeats, want 1\n%s", src, suggested, checkReport(r))
		}
		want := strings.Replace(src, "\n"+para+"\n"+para, "\n"+para, 1)
		if r.Cleaned != want {
			t.Errorf("%q:\n got %q\nwant %q", src, r.Cleaned, want)
		}
	}
}
