package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// canonical replaces the values that mean the default by the zero
// value, which means the same.
func canonical(o registry.Options) registry.Options {
	if o.Normalize.Lang == "en" {
		o.Normalize.Lang = ""
	}
	if o.Dedupe.MinSentenceWords == 4 {
		o.Dedupe.MinSentenceWords = 0
	}
	if o.Dedupe.NearThreshold == dedupe.DefaultNearThreshold {
		o.Dedupe.NearThreshold = 0
	}
	if o.Dedupe.EchoWindow == dedupe.DefaultEchoWindow {
		o.Dedupe.EchoWindow = 0
	}
	return o
}

func TestTemplateIsTheDefaults(t *testing.T) {
	c, err := Parse(FileName, []byte(Template), nil)
	if err != nil {
		t.Fatalf("Template does not load: %v", err)
	}
	got := c.Options()
	if !reflect.DeepEqual(canonical(got), registry.Options{}) {
		t.Errorf("Template gives %+v, want the defaults", got)
	}
	// Every option the schema has is in the template, set.
	for table, keys := range schema {
		for key := range keys {
			if !strings.Contains(Template, "\n"+key+" = ") {
				t.Errorf("Template lacks [%s] %s", table, key)
			}
		}
	}
	if len(c.Include)+len(c.Exclude) != 0 || !c.Match("any/file.bin") {
		t.Errorf("Template restricts files: %q %q", c.Include, c.Exclude)
	}
	// And it behaves as the defaults on real text.
	seed, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := registry.Default(registry.Options{}).Run(string(seed))
	res := registry.Default(got).Run(string(seed))
	if res.Cleaned != want.Cleaned || !reflect.DeepEqual(res.Findings, want.Findings) {
		t.Errorf("Template's pipeline differs from the default one on seed.txt")
	}
}

func TestParseEverything(t *testing.T) {
	src := `
[normalize]
quotes = "typographic"
lang = "de-CH"
primes = true
width = true

[dedupe]
mode = "all"
min-sentence-words = 6
near-threshold = 0.9
fix-near = true
echo-window = 12

[rules]
"dedupe.word" = "off"
"space.*" = "warning"
"space.trailing" = "report-only"
"style.echo" = { severity = "error", fix = false }
unicode.bom = "on"
unicode.nfc = { enabled = false }

[rules."punct.double-comma"]
severity = "info"

[files]
include = ["**/*.md", "notes/*.txt"]
exclude = ["vendor/**", "CHANGELOG.md"]
`
	c, err := Parse("dir/.copydesk.toml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	o := c.Options()
	n := normalize.Options{Quotes: normalize.QuotesTypographic, Lang: "de-CH", Primes: true, Width: true}
	if o.Normalize != n {
		t.Errorf("Normalize = %+v, want %+v", o.Normalize, n)
	}
	d := dedupe.Options{Mode: dedupe.All, MinSentenceWords: 6, NearThreshold: 0.9, FixNear: true, EchoWindow: 12}
	if !reflect.DeepEqual(o.Dedupe, d) {
		t.Errorf("Dedupe = %+v, want %+v", o.Dedupe, d)
	}
	if !reflect.DeepEqual(o.Disabled, []string{"dedupe.word", "unicode.nfc"}) {
		t.Errorf("Disabled = %q", o.Disabled)
	}
	if !reflect.DeepEqual(o.ReportOnly, []string{"space.trailing", "style.echo"}) {
		t.Errorf("ReportOnly = %q", o.ReportOnly)
	}
	// space.* sets the area; space.trailing's own line wins.
	wantSev := map[string]lint.Severity{
		"space.french": lint.Warning, "space.leading": lint.Warning, "space.repeated": lint.Warning, "space.blank-lines": lint.Warning,
		"space.unicode": lint.Warning, "style.echo": lint.Error, "punct.double-comma": lint.Info,
	}
	if !reflect.DeepEqual(o.Severity, wantSev) {
		t.Errorf("Severity = %v, want %v", o.Severity, wantSev)
	}
	if !reflect.DeepEqual(c.Include, []string{"**/*.md", "notes/*.txt"}) || !reflect.DeepEqual(c.Exclude, []string{"vendor/**", "CHANGELOG.md"}) {
		t.Errorf("files: %q %q", c.Include, c.Exclude)
	}
	abs, _ := filepath.Abs("dir")
	if c.Dir != abs || c.Path != "dir/.copydesk.toml" {
		t.Errorf("Path %q Dir %q", c.Path, c.Dir)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string // substring
	}{
		{"unknown key", "[normalize]\nquotes = \"ascii\"\n\n# x\n\n\nqoutes = \"ascii\"\n", 7, `unknown key "qoutes" in [normalize] (did you mean "quotes"?)`},
		{"unknown key far from any", "[dedupe]\nfrobnicate = 1\n", 2, `unknown key "frobnicate" in [dedupe] (want echo-window, fix-near, min-sentence-words, mode, near-threshold)`},
		{"unknown table", "[normalise]\nquotes = \"ascii\"\n", 1, `unknown table or key "normalise"`},
		{"unknown top-level key", "\nverbose = true\n", 2, `unknown table or key "verbose"`},
		{"bad quotes", "[normalize]\nquotes = \"curly\"\n", 2, `unknown quotes "curly" in [normalize] (want ascii, typographic or keep)`},
		{"bad lang", "[normalize]\n\nlang = \"xx\"\n", 3, `unknown lang "xx" in [normalize]`},
		{"bad mode", "[dedupe]\nmode = \"some\"\n", 2, `unknown mode "some" in [dedupe]`},
		{"quotes not a string", "[normalize]\nquotes = 3\n", 2, "quotes in [normalize] must be a string, not an integer"},
		{"primes not a bool", "[normalize]\nprimes = \"yes\"\n", 2, "primes in [normalize] must be true or false, not a string"},
		{"words a float", "[dedupe]\nmin-sentence-words = 2.5\n", 2, "min-sentence-words in [dedupe] must be an integer, not a float"},
		{"words zero", "[dedupe]\nmin-sentence-words = 0\n", 2, "min-sentence-words in [dedupe] must be between 1 and 1000, not 0"},
		{"threshold too big", "[dedupe]\nnear-threshold = 1.5\n", 2, "near-threshold in [dedupe] must be more than 0 and at most 1, not 1.5"},
		{"threshold zero", "[dedupe]\nnear-threshold = 0\n", 2, "near-threshold"},
		{"echo window", "[dedupe]\necho-window = -1\n", 2, "echo-window in [dedupe] must be between 1 and 1000"},
		{"include not a list", "[files]\ninclude = \"*.md\"\n", 2, "include in [files] must be a list of strings, not a string"},
		{"bad glob", "[files]\nexclude = [\"a\", \"[z\"]\n", 2, `bad pattern "[z" in [files] exclude`},
		{"empty glob", "[files]\ninclude = [\"\"]\n", 2, `bad pattern "" in [files] include: empty pattern`},
		{"unknown rule", "[rules]\n\"dedupe.word\" = \"off\"\n\"dedupe.wrod\" = \"off\"\n", 3, `unknown rule "dedupe.wrod" in [rules] (did you mean "dedupe.word"?)`},
		{"unknown rule, no suggestion", "[rules]\n\"zzz.qqq\" = \"off\"\n", 2, `unknown rule "zzz.qqq" in [rules] (see 'copydesk rules')`},
		{"unquoted unknown rule", "[rules]\ndedupe.wrod = \"off\"\n", 2, `unknown rule "dedupe.wrod"`},
		{"area matches nothing", "[rules]\n\"nope.*\" = \"off\"\n", 2, `"nope.*" in [rules] matches no rule`},
		{"bad setting", "[rules]\n\"dedupe.word\" = \"loud\"\n", 2, `unknown setting "loud" (want off, on, report-only, error, warning or info)`},
		{"bad severity in table", "[rules]\n\"dedupe.word\" = { severity = \"fatal\" }\n", 2, `unknown severity "fatal"`},
		{"bad fix in table", "[rules.\"dedupe.word\"]\nfix = \"no\"\n", 1, "fix must be true or false"},
		{"setting a number", "[rules]\n\"dedupe.word\" = 1\n", 2, "not an integer"},
		{"syntax", "[normalize]\nquotes = \n", 2, "at start of value"},
		{"unclosed table", "\n[normalize\n", 2, "expected ']'"},
		{"duplicate key", "[normalize]\nquotes = \"ascii\"\nquotes = \"keep\"\n", 3, "already defined"},
		{"array table", "[[normalize]]\n", 1, `"normalize" must be a table, not an array of tables`},
		{"mixed setting table", "[rules]\n\"dedupe.word\" = { severity = \"info\", fixx = true }\n", 2, `unknown key "fixx" (want severity, fix or enabled)`},
		{"table not a value", "normalize = 3\n", 1, `"normalize" must be a table, not an integer`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x/.copydesk.toml", []byte(tt.src), nil)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want *Error", err, err)
			}
			if e.Line != tt.line || !strings.Contains(e.Msg, tt.msg) || e.Path != "x/.copydesk.toml" {
				t.Errorf("got %q (line %d), want line %d and %q", err, e.Line, tt.line, tt.msg)
			}
			if want := "x/.copydesk.toml:"; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q does not start with %q", err, want)
			}
		})
	}
}

// TestParseAllErrors checks that every problem of a file is reported at
// once, in line order, so an editor fixes them in one pass.
func TestParseAllErrors(t *testing.T) {
	src := "[rules]\n\"dedupe.wrd\" = \"off\"\n\"punct.*\" = \"loud\"\n" +
		"[normalize]\nquotes = \"curly\"\nlangg = \"en\"\n[dedupe]\nmode = \"sometimes\"\n[files]\ninclude = [\"a[\"]\n"
	_, err := Parse("x/.copydesk.toml", []byte(src), nil)
	var list Errors
	if !errors.As(err, &list) {
		t.Fatalf("error %v (%T), want Errors", err, err)
	}
	want := []struct {
		line int
		msg  string
	}{
		{2, `unknown rule "dedupe.wrd"`},
		{3, `unknown setting "loud"`},
		{5, `unknown quotes "curly"`},
		{6, `unknown key "langg" in [normalize] (did you mean "lang"?)`},
		{8, `unknown mode "sometimes"`},
		{10, `bad pattern "a["`},
	}
	if len(list) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(list), len(want), err)
	}
	for i, w := range want {
		if list[i].Line != w.line || !strings.Contains(list[i].Msg, w.msg) {
			t.Errorf("error %d: got %q (line %d), want line %d and %q", i, list[i].Msg, list[i].Line, w.line, w.msg)
		}
	}
	if got := strings.Count(err.Error(), "\n"); got != len(want)-1 {
		t.Errorf("Error() has %d line breaks, want one line per problem:\n%s", got, err)
	}
	var first *Error
	if !errors.As(err, &first) || first.Line != 2 {
		t.Errorf("errors.As(*Error) = %v, want the first problem", first)
	}
}

func TestRulesAgainstGivenList(t *testing.T) {
	rules := []lint.Rule{{ID: "test.todo"}, {ID: "test.repeat"}, {ID: "quotes.open"}}
	c, err := Parse("c.toml", []byte("[rules]\n\"test.*\" = \"off\"\n\"test.todo\" = \"on\"\n"), rules)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Options().Disabled; !reflect.DeepEqual(got, []string{"test.repeat"}) {
		t.Errorf("Disabled = %q, want [test.repeat]", got)
	}
	if _, err := Parse("c.toml", []byte("[rules]\n\"dedupe.word\" = \"off\"\n"), rules); err == nil {
		t.Error("a rule missing from the given list was accepted")
	}
}

func TestApplyKeepsWhatTheFileDoesNotSet(t *testing.T) {
	c, err := Parse("c.toml", []byte("[normalize]\nprimes = true\n[rules]\n\"dedupe.word\" = \"off\"\n\"space.trailing\" = \"error\"\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	sev := map[string]lint.Severity{"style.echo": lint.Warning}
	opts := registry.Options{
		Normalize: normalize.Options{Quotes: normalize.QuotesKeep, Lang: "fr"},
		Dedupe:    dedupe.Options{Mode: dedupe.Off},
		Disabled:  []string{"dedupe.word", "unicode.nfc"},
		Severity:  sev,
	}
	c.Apply(&opts)
	if opts.Normalize != (normalize.Options{Quotes: normalize.QuotesKeep, Lang: "fr", Primes: true}) || opts.Dedupe.Mode != dedupe.Off {
		t.Errorf("Apply changed options the file does not set: %+v", opts)
	}
	if !reflect.DeepEqual(opts.Disabled, []string{"dedupe.word", "unicode.nfc"}) {
		t.Errorf("Disabled = %q", opts.Disabled)
	}
	if opts.Severity["style.echo"] != lint.Warning || opts.Severity["space.trailing"] != lint.Error {
		t.Errorf("Severity = %v", opts.Severity)
	}
	if _, ok := sev["space.trailing"]; ok {
		t.Error("Apply wrote into the caller's severity map")
	}
	var nilConfig *Config
	o := registry.Options{Disabled: []string{"x"}}
	nilConfig.Apply(&o)
	if !nilConfig.Match("a.txt") || len(o.Disabled) != 1 {
		t.Error("a nil *Config is not neutral")
	}
}

func TestMatch(t *testing.T) {
	dir := t.TempDir()
	c, err := Parse(filepath.Join(dir, FileName), []byte(`[files]
include = ["**/*.md", "notes/*.txt", "/top.txt"]
exclude = ["vendor/", "CHANGELOG.md", "docs/drafts", "**/scratch/**"]
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want bool
	}{
		{"README.md", true},
		{"docs/guide/a.md", true},
		{"notes/a.txt", true},
		{"notes/deep/a.txt", false},
		{"other/a.txt", false},
		{"top.txt", true},
		{"sub/top.txt", false},
		{"CHANGELOG.md", false},
		{"sub/CHANGELOG.md", false},
		{"vendor/x/README.md", false},
		{"docs/drafts/one.md", false},
		{"docs/drafts.md", true},
		{"a/scratch/b/c.md", false},
		{"a/scratchy/c.md", true},
		{"image.png", false},
	}
	for _, tt := range tests {
		if got := c.Match(filepath.Join(dir, filepath.FromSlash(tt.path))); got != tt.want {
			t.Errorf("Match(%s) = %v, want %v", tt.path, got, tt.want)
		}
	}
	// Relative to the current directory, and outside the config's one.
	t.Chdir(dir)
	if !c.Match("docs/a.md") || c.Match("./CHANGELOG.md") {
		t.Error("relative paths are not matched against the config's directory")
	}
	if !c.Match(filepath.Join(t.TempDir(), "x.md")) {
		t.Error("a Markdown file outside the config's directory did not match **/*.md")
	}
}

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"*.md", "a.md", true},
		{"*.md", "x/y/a.md", true},
		{"*.md", "a.txt", false},
		{"a?c.txt", "abc.txt", true},
		{"[ab].txt", "c.txt", false},
		{"**", "any/thing", true},
		{"**/*.md", "a.md", true},
		{"**/x/**/*.md", "x/a.md", true},
		{"**/x/**/*.md", "p/x/q/r/a.md", true},
		{"**/x/**/*.md", "p/y/q/a.md", false},
		{"docs/*.md", "docs/a.md", true},
		{"docs/*.md", "docs/b/a.md", false},
		{"docs/*.md", "x/docs/a.md", false},
		{"build/**", "build/a/b", true},
		{"build/", "build/a", true},
		{"build", "src/build/a", true},
		{"build", "builder/a", false},
		{"", "a", false},
	}
	for _, tt := range tests {
		if got := matchGlob(tt.pattern, tt.path); got != tt.want {
			t.Errorf("matchGlob(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, FileName), "")
	write(t, filepath.Join(root, "a", "b", FileName), "")
	if err := os.MkdirAll(filepath.Join(root, "a", "b", "c", "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ dir, want string }{
		{root, filepath.Join(root, FileName)},
		{filepath.Join(root, "a"), filepath.Join(root, FileName)},
		{filepath.Join(root, "a", "b"), filepath.Join(root, "a", "b", FileName)},
		{filepath.Join(root, "a", "b", "c", "d"), filepath.Join(root, "a", "b", FileName)},
	}
	for _, tt := range tests {
		got, err := Find(tt.dir)
		if err != nil || got != tt.want {
			t.Errorf("Find(%s) = %q, %v; want %q", tt.dir, got, err, tt.want)
		}
	}
	// Relative to the current directory.
	t.Chdir(filepath.Join(root, "a", "b", "c"))
	if got, err := Find("."); err != nil || got != filepath.Join(root, "a", "b", FileName) {
		t.Errorf("Find(.) = %q, %v", got, err)
	}
	// A directory called .copydesk.toml is an error, not a config.
	odd := t.TempDir()
	if err := os.Mkdir(filepath.Join(odd, FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(odd); err == nil {
		t.Error("Find accepted a directory named .copydesk.toml")
	}
}

func TestFindNone(t *testing.T) {
	// Walks to the root; the test cannot know what is above TempDir, so
	// it only checks that a found file is above the directory.
	dir := t.TempDir()
	got, err := Find(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got != "" && !strings.HasPrefix(dir, filepath.Dir(got)) {
		t.Errorf("Find(%s) = %s, not above it", dir, got)
	}
}

func TestLoader(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, FileName), "[dedupe]\nmode = \"all\"\n")
	write(t, filepath.Join(root, "sub", FileName), "[normalize]\nquotes = \"keep\"\n")
	write(t, filepath.Join(root, "bad", FileName), "[normalize]\nqoutes = 1\n")
	var l Loader
	top, err := l.ForFile(filepath.Join(root, "x", "y", "a.txt"))
	if err != nil || top == nil || top.Options().Dedupe.Mode != dedupe.All {
		t.Fatalf("ForFile(x/y/a.txt) = %+v, %v", top, err)
	}
	again, _ := l.ForFile(filepath.Join(root, "b.txt"))
	if again != top {
		t.Error("the same file was loaded twice")
	}
	sub, err := l.ForFile(filepath.Join(root, "sub", "deeper", "c.md"))
	if err != nil || sub == nil || sub.Options().Normalize.Quotes != normalize.QuotesKeep || sub.Options().Dedupe.Mode != dedupe.Adjacent {
		t.Errorf("ForFile(sub/deeper/c.md) = %+v, %v (configs do not merge: the nearest wins)", sub, err)
	}
	_, err = l.ForFile(filepath.Join(root, "bad", "d.txt"))
	var e *Error
	if !errors.As(err, &e) || e.Line != 2 || e.Path != filepath.Join(root, "bad", FileName) {
		t.Errorf("broken config: %v", err)
	}
	// Answers are cached per directory: removing the file changes nothing
	// for directories already seen.
	if err := os.Remove(filepath.Join(root, FileName)); err != nil {
		t.Fatal(err)
	}
	if c, _ := l.ForFile(filepath.Join(root, "x", "y", "other.txt")); c != top {
		t.Error("ForFile looked again in a directory already seen")
	}

	// --config: one file for all.
	override := filepath.Join(t.TempDir(), "house.toml")
	write(t, override, "[dedupe]\nmode = \"off\"\n")
	lo := Loader{Path: override}
	c, err := lo.ForFile(filepath.Join(root, "sub", "c.md"))
	if err != nil || c.Options().Dedupe.Mode != dedupe.Off {
		t.Errorf("Loader{Path} = %+v, %v", c, err)
	}
	if _, err := (&Loader{Path: filepath.Join(root, "missing.toml")}).ForDir("."); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing --config: %v", err)
	}
}

func TestLoaderConcurrent(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, FileName), "[dedupe]\nmode = \"all\"\n")
	var l Loader
	done := make(chan *Config)
	for i := range 8 {
		go func() {
			c, _ := l.ForFile(filepath.Join(root, "d", string(rune('a'+i)), "f.txt"))
			done <- c
		}()
	}
	first := <-done
	for range 7 {
		if c := <-done; c != first || c == nil {
			t.Error("concurrent loads gave different configs")
		}
	}
}

func TestLoadLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.toml")
	write(t, big, "# "+strings.Repeat("x", maxFileSize)+"\n")
	if _, err := Load(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("Load(big) = %v", err)
	}
	if _, err := Load(dir); err == nil {
		t.Error("Load(directory) did not fail")
	}
	ok := filepath.Join(dir, "ok.toml")
	write(t, ok, Template)
	if c, err := Load(ok); err != nil || c.Path != ok {
		t.Errorf("Load(ok) = %v, %v", c, err)
	}
}

func TestClosest(t *testing.T) {
	ids := []string{"dedupe.word", "dedupe.sentence", "space.trailing"}
	for in, want := range map[string]string{
		"dedupe.wrod": "dedupe.word", "space.trailin": "space.trailing", "dedupe.sentense": "dedupe.sentence", "style.echo": "",
	} {
		if got := closest(in, ids); got != want {
			t.Errorf("closest(%q) = %q, want %q", in, got, want)
		}
	}
}

// apply-suggestions is a top-level key: Apply sets ApplySuggestions only
// when the file says it.
func TestApplySuggestionsKey(t *testing.T) {
	for _, tt := range []struct {
		src  string
		base bool
		want bool
	}{
		{"apply-suggestions = true\n", false, true},
		{"apply-suggestions = false\n", true, false},
		{"[normalize]\nquotes = \"keep\"\n", true, true},
	} {
		c, err := Parse("x.toml", []byte(tt.src), nil)
		if err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		o := registry.Options{ApplySuggestions: tt.base}
		c.Apply(&o)
		if o.ApplySuggestions != tt.want {
			t.Errorf("%q over %v: ApplySuggestions %v, want %v", tt.src, tt.base, o.ApplySuggestions, tt.want)
		}
	}
	_, err := Parse("x.toml", []byte("apply-suggestions = \"yes\"\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "apply-suggestions must be true or false, not a string") {
		t.Errorf("a string for apply-suggestions: %v", err)
	}
}
