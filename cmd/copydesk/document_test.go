package main

import (
	"os"
	"strings"
	"testing"
)

// The nearest .copydesk.toml configures a file; flags given on the
// command line win over it; --config and --no-config choose another or
// none.
func TestConfigFile(t *testing.T) {
	const text = "It said in a statement.. The \u201cquick\u201d fox.\n"
	cd(t, map[string]string{
		".copydesk.toml":     "[normalize]\nquotes = \"keep\"\n\n[rules]\n\"punct.double-period\" = \"off\"\n",
		"a.txt":              text,
		"sub/.copydesk.toml": "[rules]\n\"quotes.curly\" = \"report-only\"\n",
		"sub/b.txt":          text,
		"other.toml":         "[dedupe]\nmode = \"off\"\n",
	})
	s := real(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"clean", "a.txt"}, text},
		{[]string{"clean", "--quotes", "ascii", "a.txt"}, "It said in a statement.. The \"quick\" fox.\n"},
		{[]string{"clean", "--no-config", "a.txt"}, "It said in a statement. The \"quick\" fox.\n"},
		{[]string{"clean", "--config", "other.toml", "a.txt"}, "It said in a statement. The \"quick\" fox.\n"},
		// The nearest file wins, whole: sub's has no quote style or
		// double-period setting.
		{[]string{"clean", "sub/b.txt"}, "It said in a statement. The \u201cquick\u201d fox.\n"},
	} {
		o := s.run(t, tt.args...)
		if o.code != 0 || o.stderr != "" || o.stdout != tt.want {
			t.Errorf("%v: exit %d, stderr %q, stdout %q, want %q", tt.args, o.code, o.stderr, o.stdout, tt.want)
		}
	}
	o := s.run(t, "check", "--format", "short", "sub/b.txt")
	if !strings.Contains(o.stdout, "[quotes.curly]") || o.code != 1 {
		t.Errorf("check sub/b.txt: exit %d, %q: the report-only rule is still reported", o.code, o.stdout)
	}
	o = s.run(t, "clean", "--config", "missing.toml", "a.txt")
	if o.code != 2 || !strings.Contains(o.stderr, "missing.toml") {
		t.Errorf("--config missing.toml: exit %d, stderr %q", o.code, o.stderr)
	}
}

// A mistake in a configuration file stops its documents, names the file
// and line once, and leaves the others alone.
func TestConfigFileError(t *testing.T) {
	cd(t, map[string]string{
		"bad/.copydesk.toml": "[normalize]\nqoutes = \"keep\"\n[dedupe]\nmode = \"sometimes\"\n",
		"bad/a.txt":          "One..\n",
		"bad/b.txt":          "Two..\n",
		"good/c.txt":         "Three..\n",
	})
	o := real(t).run(t, "check", "--format", "short", "bad", "good")
	if o.code != 2 {
		t.Errorf("exit %d, want 2", o.code)
	}
	// Every problem of the file, each once, on a line of its own.
	for _, want := range []string{"/.copydesk.toml:2: unknown key \"qoutes\"", "/.copydesk.toml:4: unknown mode \"sometimes\""} {
		if n := strings.Count(o.stderr, want); n != 1 {
			t.Errorf("%q is given %d times, want once:\n%s", want, n, o.stderr)
		}
	}
	if n := strings.Count(o.stderr, "copydesk: "); n != 2 {
		t.Errorf("stderr has %d error lines, want 2:\n%s", n, o.stderr)
	}
	if !strings.Contains(o.stdout, "good/c.txt:1:6") || strings.Contains(o.stdout, "bad/") {
		t.Errorf("stdout %q: want the good file's finding only", o.stdout)
	}
}

// The configuration's [files] globs choose the files of a directory; a
// file named on the command line is always taken.
func TestConfigFileGlobs(t *testing.T) {
	cd(t, map[string]string{
		".copydesk.toml": "[files]\nexclude = [\"drafts/\", \"CHANGELOG.md\"]\n",
		"a.md":           "Text..\n",
		"CHANGELOG.md":   "Text..\n",
		"drafts/b.md":    "Text..\n",
		"docs/c.md":      "Text..\n",
	})
	s := real(t)
	o := s.run(t, "clean", "-l", ".")
	if o.stdout != "a.md\ndocs/c.md\n" || o.code != 1 {
		t.Errorf("clean -l .: exit %d, %q, stderr %q", o.code, o.stdout, o.stderr)
	}
	o = s.run(t, "clean", "-l", "drafts/b.md")
	if o.stdout != "drafts/b.md\n" {
		t.Errorf("clean -l drafts/b.md: %q", o.stdout)
	}
}

// copydesk-disable comments switch rules off for part of a plain text;
// one that suppresses nothing is reported.
func TestSuppressionComments(t *testing.T) {
	const text = "# copydesk-disable-next-line punct.double-period\n" +
		"Quoted as printed..\n\n" +
		"Not quoted..\n\n" +
		"// copydesk-disable dedupe.word\n" +
		"Nothing to suppress here.\n"
	cd(t, map[string]string{"a.txt": text})
	s := real(t)
	o := s.run(t, "clean", "a.txt")
	want := strings.Replace(text, "Not quoted..", "Not quoted.", 1)
	if o.stdout != want {
		t.Errorf("clean: %q\nwant %q", o.stdout, want)
	}
	o = s.run(t, "check", "--format", "short", "a.txt")
	wantCheck := "a.txt:4:11: warning: stray double period: \"..\" → \".\" [punct.double-period]\n" +
		"a.txt:6:21: info: unused copydesk-disable: no dedupe.word finding is suppressed [suppress.unused]\n"
	if o.stdout != wantCheck {
		t.Errorf("check:\n%s\nwant:\n%s", o.stdout, wantCheck)
	}
	o = s.run(t, "check", "--format", "short", "--disable", "suppress.unused", "a.txt")
	if strings.Contains(o.stdout, "suppress.unused") {
		t.Errorf("--disable suppress.unused: %q", o.stdout)
	}
}

// Markdown is recognised by extension or --format-in: code is never
// touched.
func TestFormatIn(t *testing.T) {
	const text = "Prose.. Here.\n\n```\ncode..\n```\n"
	cd(t, map[string]string{"a.md": text, "a.txt": text})
	s := real(t)
	md := "Prose. Here.\n\n```\ncode..\n```\n"
	plain := "Prose. Here.\n\n```\ncode.\n```\n"
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"clean", "a.md"}, md},
		{[]string{"clean", "a.txt"}, plain},
		{[]string{"clean", "--format-in", "md", "a.txt"}, md},
		{[]string{"clean", "--format-in", "text", "a.md"}, plain},
	} {
		if o := s.run(t, tt.args...); o.stdout != tt.want || o.code != 0 {
			t.Errorf("%v: exit %d, %q (stderr %q), want %q", tt.args, o.code, o.stdout, o.stderr, tt.want)
		}
	}
	s.stdin = text
	if o := s.run(t, "clean", "--stdin-name", "doc.md"); o.stdout != md {
		t.Errorf("stdin named doc.md: %q, want %q", o.stdout, md)
	}
	if o := s.run(t, "clean", "--format-in", "rst", "a.txt"); o.code != 2 {
		t.Errorf("--format-in rst: exit %d", o.code)
	}
	if _, err := os.Stat("a.md"); err != nil {
		t.Fatal(err)
	}
}

// clean --corpus on a directory judges each file against the files
// before it, in input order whatever -j is: a repeated byline is removed
// with --dedupe corpus, a copied file is left out of -o DIR with
// --drop-duplicate-docs, and the summary lists the boilerplate.
func TestBatchCorpus(t *testing.T) {
	const byline = "Clark Boyd is technology correspondent for The World, a BBC World Service and WGBH-Boston co-production.\n"
	cd(t, map[string]string{
		"in/a.txt": "Story one is here and it is long enough.\n\n" + byline,
		"in/b.txt": "Story two is not the same as story one at all.\n\n" + byline,
		"in/c.txt": "Story one is here and it is long enough.\n\n" + byline,
		"in/d.txt": "Short score line.\n\n0000 GMT\n",
		"in/e.txt": "Another story.\n\n0000 GMT\n",
	})
	for _, j := range []string{"1", "4"} {
		out := "out" + j
		o := real(t).run(t, "clean", "-j", j, "--dedupe", "corpus", "--drop-duplicate-docs", "-o", out, "in")
		if o.code != 0 {
			t.Fatalf("-j %s: exit %d, stderr %s", j, o.code, o.stderr)
		}
		for name, want := range map[string]string{
			"a.txt": "Story one is here and it is long enough.\n\n" + byline,
			"b.txt": "Story two is not the same as story one at all.\n",
			"d.txt": "Short score line.\n\n0000 GMT\n",
			"e.txt": "Another story.\n\n0000 GMT\n",
		} {
			b, err := os.ReadFile(out + "/" + name)
			if err != nil || string(b) != want {
				t.Errorf("-j %s: %s = %q (%v), want %q", j, name, b, err, want)
			}
		}
		if _, err := os.Stat(out + "/c.txt"); err == nil {
			t.Errorf("-j %s: the copy c.txt was written", j)
		}
		if j == "1" {
			// check and diff do the corpus's work too, with its defaults.
			o := real(t).run(t, "check", "--dedupe", "corpus", "--format", "short", "in")
			for _, want := range []string{
				"in/b.txt:3:1: warning: paragraph repeats paragraph 2 of in/a.txt (removed) [dedupe.corpus-paragraph]",
				"in/c.txt:1:1: warning: document is a copy of in/a.txt [dedupe.corpus-document]",
			} {
				if !strings.Contains(o.stdout, want) {
					t.Errorf("check --dedupe corpus lacks %q:\n%s", want, o.stdout)
				}
			}
			if o := real(t).run(t, "diff", "--dedupe", "corpus", "in"); !strings.Contains(o.stdout, "-"+byline) {
				t.Errorf("diff --dedupe corpus does not remove the byline:\n%s", o.stdout)
			}
		}
		for _, line := range []string{
			"copydesk: corpus: 1 duplicate records (1 exact, 0 near), 1 dropped; 1 repeated paragraphs, 1 removed\n",
			"copydesk: boilerplate 1: 2× \"Clark Boyd is technology correspondent",
		} {
			if !strings.Contains(o.stderr, line) {
				t.Errorf("-j %s: stderr lacks %q:\n%s", j, line, o.stderr)
			}
		}
	}
}

// clean --jsonl applies a configuration only when --config names one.
func TestJSONLConfig(t *testing.T) {
	cd(t, map[string]string{
		".copydesk.toml": "[normalize]\nquotes = \"ascii\"\n",
		"keep.toml":      "[normalize]\nquotes = \"keep\"\n",
	})
	s := real(t)
	s.stdin = "{\"text\":\"A \\u201cq\\u201d..\"}\n"
	if o := s.run(t, "clean", "--jsonl", "--config", "keep.toml"); o.stdout != "{\"text\":\"A “q”.\"}\n" {
		t.Errorf("--config keep.toml: %q (stderr %q)", o.stdout, o.stderr)
	}
	if o := s.run(t, "clean", "--jsonl"); o.stdout != "{\"text\":\"A \\\"q\\\".\"}\n" {
		t.Errorf("no --config: %q (stderr %q)", o.stdout, o.stderr)
	}
	if o := s.run(t, "clean", "--jsonl", "--config", "missing.toml"); o.code != 2 {
		t.Errorf("--config missing.toml: exit %d", o.code)
	}
}

// clean --jsonl shows progress on a pipe only when asked: records, MB
// and MB/s, and the total for files.
func TestJSONLProgress(t *testing.T) {
	cd(t, map[string]string{"in.jsonl": "{\"text\":\"a..\"}\n{\"text\":\"b\"}\n"})
	s := real(t)
	o := s.run(t, "clean", "--jsonl", "--progress", "in.jsonl")
	if !strings.Contains(o.stderr, "copydesk: 2 records, 0.0/0.0 MB, ") {
		t.Errorf("--progress: stderr %q", o.stderr)
	}
	o = s.run(t, "clean", "--jsonl", "in.jsonl")
	if strings.Contains(o.stderr, "MB/s\n") && strings.Contains(o.stderr, "records, 0.0/") {
		t.Errorf("no --progress on a pipe: stderr %q", o.stderr)
	}
	s.stdin = "{\"text\":\"a\"}\n"
	o = s.run(t, "clean", "--jsonl", "--progress")
	if !strings.Contains(o.stderr, "copydesk: 1 records, 0.0 MB, ") {
		t.Errorf("--progress on stdin: stderr %q", o.stderr)
	}
}

// A flag after the file names is named as such, not read as a file.
func TestMisplacedFlag(t *testing.T) {
	cd(t, map[string]string{"a.txt": "Text..\n", "-odd.txt": "Odd..\n"})
	s := real(t)
	o := s.run(t, "check", "a.txt", "--format", "short")
	if o.code != 2 || o.stderr != "copydesk: check: \"--format\" comes after the file names: put flags before them (copydesk check [flags] FILE...)\n" {
		t.Errorf("exit %d, stderr %q", o.code, o.stderr)
	}
	// A file whose name starts with "-" is a file.
	if o := s.run(t, "check", "--format", "short", "--", "-odd.txt"); o.code != 1 || !strings.Contains(o.stdout, "-odd.txt:1:4") {
		t.Errorf("-odd.txt: exit %d, %q, %q", o.code, o.stdout, o.stderr)
	}
}

// TestMarkdownFallbackWarns checks that a Markdown document too deeply
// nested to parse in linear time is checked as plain text with a
// warning: a markdown.fallback finding in check, a line on standard
// error in clean, where no finding is shown.
func TestMarkdownFallbackWarns(t *testing.T) {
	deep := strings.Repeat(">", 100) + " It said in a statement.. Done.\n"
	cd(t, map[string]string{"deep.md": deep})
	s := real(t)
	o := s.run(t, "clean", "deep.md")
	if o.code != 0 || !strings.Contains(o.stderr, "deep.md: warning:") || !strings.Contains(o.stderr, "checked as plain text") {
		t.Errorf("clean: exit %d, stderr %q", o.code, o.stderr)
	}
	if !strings.Contains(o.stdout, "statement. Done.") {
		t.Errorf("clean: the text was not cleaned as plain text: %q", o.stdout)
	}
	o = s.run(t, "check", "--format", "short", "deep.md")
	if !strings.Contains(o.stdout, "markdown.fallback") || strings.Contains(o.stderr, "checked as plain text") {
		t.Errorf("check: stdout %q, stderr %q", o.stdout, o.stderr)
	}
}
