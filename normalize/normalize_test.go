package normalize

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

func TestRules(t *testing.T) {
	want := map[string]struct {
		sev   lint.Severity
		fixes bool
	}{
		RuleBOM:           {lint.Info, true},
		RuleInvisible:     {lint.Warning, true},
		RuleControl:       {lint.Warning, true},
		RuleInvalidUTF8:   {lint.Warning, false},
		RuleNFC:           {lint.Info, true},
		RuleCurlyQuote:    {lint.Warning, true},
		RuleEllipsis:      {lint.Info, true},
		RuleUnicodeSpace:  {lint.Info, true},
		RuleHyphen:        {lint.Info, true},
		RuleRepeatedSpace: {lint.Info, true},
		RuleTrailingSpace: {lint.Info, true},
		RuleLeadingSpace:  {lint.Info, true},
		RuleTypographic:   {lint.Info, true},
		RuleQuoteLanguage: {lint.Warning, true},
		RuleUnbalanced:    {lint.Warning, false},
		RuleFrenchSpace:   {lint.Info, true},
		RuleHTMLEntity:    {lint.Warning, true},
		RuleMojibake:      {lint.Warning, true},
		RuleLigature:      {lint.Info, true},
		RuleLineSeparator: {lint.Info, true},
		RuleANSIEscape:    {lint.Warning, true},
		RuleBidi:          {lint.Warning, true},
		RuleWidth:         {lint.Info, true},
		RuleBlankLines:    {lint.Info, true},
		RuleEllipsisChar:  {lint.Info, true},
		RuleDoubleHyphen:  {lint.Info, true},
		RuleSpacedHyphen:  {lint.Info, false},
	}
	rules := Rules()
	if len(rules) != len(want) {
		t.Fatalf("Rules() has %d rules, want %d", len(rules), len(want))
	}
	var fromStages []lint.Rule
	for _, st := range Stages(Options{}) {
		fromStages = append(fromStages, st.Rules()...)
	}
	if !slices.Equal(rules, fromStages) {
		t.Errorf("Rules() and the stages' rules differ:\n%v\n%v", rules, fromStages)
	}
	for _, r := range rules {
		w, ok := want[r.ID]
		if !ok {
			t.Errorf("unexpected rule %q", r.ID)
			continue
		}
		if r.Severity != w.sev || r.Fixes != w.fixes {
			t.Errorf("%s: severity %v fixes %v, want %v %v", r.ID, r.Severity, r.Fixes, w.sev, w.fixes)
		}
		if r.Doc == "" || r.ID != strings.ToLower(r.ID) || !strings.Contains(r.ID, ".") {
			t.Errorf("%s: bad id or empty doc", r.ID)
		}
	}
	// Callers get copies.
	rules[0].ID = "changed"
	if Rules()[0].ID == "changed" {
		t.Error("Rules() shares its table")
	}
}

func TestStageNames(t *testing.T) {
	var names []string
	for _, st := range Stages(Options{}) {
		names = append(names, st.Name())
	}
	if want := []string{"ansi", "entity", "mojibake", "codepoints", "invisible", "nfc", "chars", "width", "typographic", "smart", "spaces"}; !slices.Equal(names, want) {
		t.Errorf("stages %q, want %q", names, want)
	}
}

// Every finding's rule is one of its stage's rules, with its severity.
func TestFindingsMatchRules(t *testing.T) {
	text := "\ufeff “a”\u200b\x01 e\u0301…\u00a0x\u2010y  z \xff\n\n  p\n"
	for _, st := range Stages(Options{}) {
		rules := map[string]lint.Rule{}
		for _, r := range st.Rules() {
			rules[r.ID] = r
		}
		for _, f := range st.Check(text) {
			r, ok := rules[f.Rule]
			if !ok {
				t.Errorf("stage %s reports %s, not among its rules", st.Name(), f.Rule)
				continue
			}
			if f.Severity != r.Severity {
				t.Errorf("%s: severity %v, rule says %v", f.Rule, f.Severity, r.Severity)
			}
		}
	}
}

func TestQuoteStyle(t *testing.T) {
	for _, q := range []QuoteStyle{QuotesASCII, QuotesKeep} {
		b, err := q.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back QuoteStyle
		if err := back.UnmarshalText(b); err != nil || back != q {
			t.Errorf("%v: round trip gave %v, %v", q, back, err)
		}
	}
	if q, err := ParseQuoteStyle(" KEEP "); err != nil || q != QuotesKeep {
		t.Errorf("ParseQuoteStyle(KEEP) = %v, %v", q, err)
	}
	if _, err := ParseQuoteStyle("fancy"); err == nil {
		t.Error("ParseQuoteStyle(fancy): no error")
	}
	if _, err := QuoteStyle(7).MarshalText(); err == nil {
		t.Error("MarshalText of an unknown style: no error")
	}
	if s := QuoteStyle(7).String(); s != "QuoteStyle(7)" {
		t.Errorf("String() = %q", s)
	}
}

func TestSeed(t *testing.T) {
	b, err := os.ReadFile("../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	seed := string(b)
	out, fs := runChain(t, Stages(Options{}), seed, nil)
	count := map[string]int{}
	for _, f := range fs {
		count[f.Rule]++
	}
	if want := strings.Count(seed, "“") + strings.Count(seed, "”") + strings.Count(seed, "’"); count[RuleCurlyQuote] != want || want == 0 {
		t.Errorf("quotes.curly: %d findings, want %d", count[RuleCurlyQuote], want)
	}
	var leading []lint.Finding
	for _, f := range fs {
		if f.Rule == RuleLeadingSpace {
			leading = append(leading, f)
		}
	}
	if len(leading) != 1 || leading[0].Span != (lint.Span{Start: 0, End: 1}) {
		t.Errorf("space.leading findings %v, want one at 0:1", leading)
	}
	if !strings.HasPrefix(out, `date 2021-02-26 The Pentagon said its strike near the Iraqi border in eastern Syria was a "proportionate military response"`) {
		t.Errorf("cleaned seed starts %q", out[:120])
	}
	if strings.ContainsAny(out, "“”’") {
		t.Error("curly quotes left in the cleaned seed")
	}
	if !strings.Contains(out, "in a statement..") {
		t.Error("the normalize stages must leave the double period to the punct stage")
	}
	if strings.HasSuffix(out, "\n") {
		t.Error("a final newline was added")
	}
}

// TestChain runs the stages in order: later stages see what earlier ones
// exposed, and the cases that must not be touched come out as they went in.
func TestChain(t *testing.T) {
	tests := []struct {
		name     string
		opts     Options
		disabled []string
		in, want string
	}{
		{name: "invisible exposes double space", in: "a \u200b b", want: "a b"},
		{name: "invisible exposes decomposed char", in: "e\u200b\u0301", want: "é"},
		{name: "no-break space next to a space", in: "a\u00a0 b", want: "a b"},
		{name: "unicode spaces at the end of a line", in: "a\u3000\u00a0\nb", want: "a\nb"},
		{name: "bom then leading space", in: "\ufeff  Title\n\nBody  text. \n", want: "Title\n\nBody text.\n"},
		// Two paragraphs indented alike: the text's style, kept.
		{name: "indented paragraphs kept", in: "\ufeff  Title\n\n\u00a0 Body  text. \n", want: "  Title\n\n  Body text.\n"},
		{name: "bom after leading spaces", in: " \u00a0\ufeffx", want: "x"},
		{name: "seed-like", in: " date “Hi”… it’s\u00a0fine  \r\n", want: `date "Hi"... it's fine` + "\r\n"},
		{name: "keep quotes", opts: Options{Quotes: QuotesKeep}, in: "“Hi”…\u00a0x", want: "“Hi”… x"},
		{name: "invalid bytes", in: "\xff  \u200b\xfe\u00a0\xe2\x80\u200b\x8b \n", want: "\xff  \xfe \xe2\x80\u200b\x8b\n"},
		// Rules switched off.
		{name: "invisible off", disabled: []string{RuleInvisible}, in: "a \u200b b", want: "a \u200b b"},
		{name: "unicode space off", disabled: []string{RuleUnicodeSpace}, in: "a\u00a0 \u00a0b ", want: "a\u00a0 \u00a0b"},
		{name: "bom off", disabled: []string{RuleBOM}, in: "\ufeff\ufeff  a", want: "\ufeff\ufeff  a"},
		{name: "invisible off, bom after spaces", disabled: []string{RuleInvisible}, in: "  \ufeffa", want: "a"},
		{name: "repeated off", disabled: []string{RuleRepeatedSpace}, in: " a  b ", want: "a  b"},
		// Must not touch.
		{name: "guillemets and primes", in: "«Il a dit» ‹oui› 5′11″", want: "«Il a dit» ‹oui› 5′11″"},
		{name: "persian zwnj", in: "می\u200cخواهم", want: "می\u200cخواهم"},
		{name: "emoji zwj", in: "👨\u200d👩\u200d👧 family", want: "👨\u200d👩\u200d👧 family"},
		{name: "dashes", in: "1914–1918 — the war", want: "1914–1918 — the war"},
		{name: "crlf and no final newline", in: "a\r\nb\r\nc", want: "a\r\nb\r\nc"},
		{name: "tabs and continuation indentation", in: "Para\twith tab\n  continued\n", want: "Para\twith tab\n  continued\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			disabled := map[string]bool{}
			for _, r := range tt.disabled {
				disabled[r] = true
			}
			stages := Stages(tt.opts)
			out, _ := runChain(t, stages, tt.in, disabled)
			if out != tt.want {
				t.Errorf("got %q, want %q", out, tt.want)
			}
			for _, st := range stages {
				for _, f := range st.Check(out) {
					if len(f.Fix) > 0 && !f.Suggest && !disabled[f.Rule] {
						t.Errorf("second pass: %s %v on %q", f.Rule, f.Span, out)
					}
				}
			}
		})
	}
}

// TestNoAllocsOnCleanText checks the fast paths: no findings, no
// allocations.
func TestNoAllocsOnCleanText(t *testing.T) {
	text := strings.Repeat("A clean line of text, with “quotes” kept.\n\nAnd tabs\there.\n", 50)
	for _, st := range Stages(Options{Quotes: QuotesKeep}) {
		if fs := st.Check(text); len(fs) != 0 {
			t.Fatalf("%s: findings %v", st.Name(), summary(fs))
		}
		if n := testing.AllocsPerRun(10, func() { st.Check(text) }); n != 0 {
			t.Errorf("%s: %v allocations on clean text", st.Name(), n)
		}
	}
}

// TestDegenerateInputs runs the chain on long degenerate inputs and
// checks that one pass reaches a fixed point.
func TestDegenerateInputs(t *testing.T) {
	const n = 1 << 12
	inputs := map[string]string{
		"lone CRs":             strings.Repeat("\r", n),
		"LFs":                  strings.Repeat("\n", n),
		"spaces":               strings.Repeat(" ", n),
		"double spaces":        strings.Repeat("a  ", n),
		"CR-separated lines":   strings.Repeat("a  b \r", n),
		"combining marks":      "a" + strings.Repeat("\u0301", n),
		"decomposed":           strings.Repeat("e\u0301", n),
		"tibetan":              strings.Repeat("\u0f73", n),
		"jamo":                 strings.Repeat("\u1100\u1161", n),
		"invalid":              strings.Repeat("\xff", n),
		"guarded invisibles":   strings.Repeat("\xe2\u200b\x80", n),
		"boms":                 strings.Repeat("\ufeff", n),
		"spaces and boms":      strings.Repeat(" \ufeff", n),
		"no-break spaces":      strings.Repeat("\u00a0", n),
		"alternating controls": strings.Repeat("\x01\x02", n),
	}
	for name, in := range inputs {
		out, _ := runChain(t, Stages(Options{}), in, nil)
		for _, st := range Stages(Options{}) {
			for _, f := range st.Check(out) {
				if len(f.Fix) > 0 && !f.Suggest {
					t.Fatalf("%s: second pass finds %s %v", name, f.Rule, f.Span)
				}
			}
		}
	}
}

// TestConcurrentChecks runs the stages from several goroutines: they
// share only read-only tables and the NFC cache, which is safe to fill
// concurrently (run with -race).
func TestConcurrentChecks(t *testing.T) {
	texts := []string{
		"Пентагон заявил «соразмерным» e\u0301 “x”\u00a0 \u200b",
		"五角大楼表示 پنتاگون می\u200cخواهد Ελλάδα \u1100\u1161",
		"a\u0323\u0301 ÅΩ \u212b \xff\u0301 🙂 𠀀",
	}
	want := make([]string, len(texts))
	for k, text := range texts {
		want[k], _ = runChain(t, Stages(Options{}), text, nil)
	}
	done := make(chan string)
	for g := range 8 {
		go func() {
			k := g % len(texts)
			out, _, err := chain(Stages(Options{}), texts[k], nil)
			if err != nil || out != want[k] {
				done <- out
				return
			}
			done <- ""
		}()
	}
	for range 8 {
		if bad := <-done; bad != "" {
			t.Errorf("concurrent run gave %q", bad)
		}
	}
}
