package pipeline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// fuzzOptions are the option sets every invariant is checked under.
var fuzzOptions = []registry.Options{
	{},
	{Normalize: normalize.Options{Quotes: normalize.QuotesKeep}},
	{Normalize: normalize.Options{Quotes: normalize.QuotesTypographic}},
	{Normalize: normalize.Options{Quotes: normalize.QuotesTypographic, Lang: "fr"}},
	{Normalize: normalize.Options{Quotes: normalize.QuotesTypographic, Lang: "de", Primes: true, Width: true}, Dedupe: dedupe.Options{Mode: dedupe.All}},
	{Dedupe: dedupe.Options{Mode: dedupe.All}},
	{Dedupe: dedupe.Options{Mode: dedupe.Off}, Normalize: normalize.Options{Width: true}},
}

// checkInvariants checks what every run must guarantee: the changes and
// the findings' fixes reproduce the output, a second run changes nothing,
// valid UTF-8 stays valid, and positions lie on character boundaries.
func checkInvariants(t *testing.T, opts registry.Options, in string) {
	t.Helper()
	p := registry.Default(opts)
	r := p.Run(in)
	if r.Original != in {
		t.Fatalf("Original is not the input")
	}
	got, err := lint.Apply(in, r.Edits())
	if err != nil || got != r.Cleaned {
		t.Fatalf("changes do not reproduce the output (err %v)\nin:  %q\ngot: %q\nout: %q", err, in, got, r.Cleaned)
	}
	boundary := make([]bool, len(in)+1)
	for i := 0; i < len(in); {
		boundary[i] = true
		_, n := utf8.DecodeRuneInString(in[i:])
		i += n
	}
	boundary[len(in)] = true
	var fixes []lint.Edit
	for _, f := range r.Findings {
		fixes = append(fixes, f.Fix...)
		if f.Start < 0 || f.End < f.Start || f.End > len(in) {
			t.Fatalf("%s: span %v outside input of %d bytes", f.Rule, f.Span, len(in))
		}
		for _, off := range []int{f.Start, f.End} {
			if !boundary[off] {
				t.Fatalf("%s: offset %d inside a character of %q", f.Rule, off, in)
			}
		}
		for _, s := range f.Related {
			if s.Start < 0 || s.End < s.Start || s.End > len(in) {
				t.Fatalf("%s: related span %v outside input", f.Rule, s)
			}
		}
	}
	lint.SortEdits(fixes)
	got, err = lint.Apply(in, fixes)
	if err != nil || got != r.Cleaned {
		t.Fatalf("findings' fixes do not reproduce the output (err %v)\nin:  %q\ngot: %q\nout: %q", err, in, got, r.Cleaned)
	}
	if utf8.ValidString(in) && !utf8.ValidString(r.Cleaned) {
		t.Fatalf("valid input gave invalid output: %q -> %q", in, r.Cleaned)
	}
	if again := p.Run(r.Cleaned); again.Changed() {
		t.Fatalf("not idempotent:\nin:     %q\nonce:   %q\ntwice:  %q\nchanges: %+v", in, r.Cleaned, again.Cleaned, again.Findings)
	}
}

func fuzzSeeds(f *testing.F) {
	for _, name := range []string{"seed.txt", "seed.clean.txt"} {
		if b, err := os.ReadFile(filepath.Join("..", "testdata", name)); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"", "\n", "\r\n\r\n", " a\u00a0 b .. c,, d .",
		"He said “hi”.. He said “hi”.. ok\r\nline two\r\n",
		"Para one is here now.\n\nPara one is here now.\n\nPara one is here now.",
		"the the the cat sat. The cat sat on the mat. The cat sat on the mat.",
		"bad \xff\xfe bytes \xc3 here..", "\ufeffBOM\u200b text\u00ad",
		"می\u200cخواهم 👨\u200d👩\u200d👧 Ελληνικά Русский हिन्दी 中文。",
		"cd .. && ls ../src; main..feature 10..20 http://x.com/a..b",
		"```\ncode “x”..\n```\n", "Hello , world . U.S.. etc..",
		// A C1 control hid MacRoman mojibake until it was removed: one
		// round of normalize was not a fixed point.
		"\xff\u0081í\xffƒíƒí0",
		`"Hello," she said. "It's the '90s, rock 'n' roll." He's 5'10" tall.`,
		"« Bonjour » , dit-il : \"Quoi ?\" L'homme\u00a0!\n\n\"open\n\n\"goes on\"",
		"„Hallo“ “falsch” ‘90s don‘t «  » x\u202f\u202f? a != b 12:30",
		// Hostile and mixed input: Markdown with code, mixed scripts and
		// line endings, emoji sequences, UTF-16-looking bytes, one long line.
		"# Title\n\n```go\nx := a..b // “q”\n```\n\n> quote  .. `code`  ,,\n",
		"می\u200cخواهم، کتاب\u200cها؟\r\nनगर।  नदी ..\n城市，河流。。\r\n",
		"👨\u200d👩\u200d👧\u200d👦 🏳\ufe0f\u200d🌈 1\ufe0f\u20e3 👍🏽👍🏽 🇫🇷🇫🇷 .. \u200d\u200c",
		"\xff\xfeH\x00i\x00.\x00.\x00", "a\rb..\r\rc\n\r\n", strings.Repeat("word, other ", 500) + "end..",
	} {
		f.Add(s)
	}
}

func FuzzPipeline(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		for _, opts := range fuzzOptions {
			checkInvariants(t, opts, in)
		}
	})
}

func TestInvariantsOnSeeds(t *testing.T) {
	inputs := []string{readTestdata(t, "seed.txt"), strings.ReplaceAll(readTestdata(t, "seed.txt"), "\n", "\r\n")}
	for _, in := range inputs {
		for _, opts := range fuzzOptions {
			checkInvariants(t, opts, in)
		}
	}
}
