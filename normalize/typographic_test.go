package normalize

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// A typoTest is one row of the typographic tables: the input, the output
// once the stage's fixes are applied, and the rule ids of the findings in
// order of position (nil: no finding).
type typoTest struct {
	name     string
	in, want string
	rules    []string
}

const (
	ty = RuleTypographic
	tl = RuleQuoteLanguage
	tu = RuleUnbalanced
	tf = RuleFrenchSpace
)

// rep returns n copies of rule.
func rep(rule string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = rule
	}
	return out
}

func testTypographic(t *testing.T, opts Options, tests []typoTest) {
	t.Helper()
	opts.Quotes = QuotesTypographic
	st := typographicStage{lang: langOf(opts.Lang), primes: opts.Primes, on: true}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := st.Check(tt.in)
			checkFindings(t, st.Name(), tt.in, fs)
			sort.SliceStable(fs, func(i, j int) bool { return fs[i].Start < fs[j].Start })
			got := []string{}
			for _, f := range fs {
				got = append(got, f.Rule)
			}
			want := tt.rules
			if want == nil {
				want = []string{}
			}
			if !slices.Equal(got, want) {
				t.Errorf("findings on %q:\n got %q\nwant %q\n%s", tt.in, got, want, describe(fs))
			}
			out, err := lint.Apply(tt.in, fixesOf(fs, nil))
			if err != nil {
				t.Fatal(err)
			}
			if out != tt.want {
				t.Errorf("fixed %q:\n got %q\nwant %q", tt.in, out, tt.want)
			}
			for _, g := range st.Check(out) {
				if len(g.Fix) > 0 && !g.Suggest {
					t.Errorf("not idempotent: %q still has %s %v %s", out, g.Rule, g.Span, g.Message)
				}
			}
			// The whole normalize chain keeps what the stage did.
			chained, _ := runChain(t, Stages(opts), tt.in, nil)
			if again, _ := runChain(t, Stages(opts), chained, nil); again != chained {
				t.Errorf("chain not idempotent: %q → %q → %q", tt.in, chained, again)
			}
		})
	}
}

func describe(fs []lint.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s %d:%d %s\n", f.Rule, f.Start, f.End, f.Message)
	}
	return b.String()
}

// English rows follow Butterick's Practical Typography ("Apostrophes",
// "Straight and curly quotes") and The Chicago Manual of Style (6.9–6.11,
// 6.114–6.117, 13.28–13.32).
func TestTypographicEnglish(t *testing.T) {
	testTypographic(t, Options{}, []typoTest{
		{name: "empty", in: "", want: ""},
		{name: "no quotes", in: "Plain prose, nothing to do.", want: "Plain prose, nothing to do."},
		{name: "double quotes", in: `He said "yes" to it.`, want: "He said “yes” to it.", rules: rep(ty, 2)},
		{name: "quote at start of text", in: `"Yes," he said.`, want: "“Yes,” he said.", rules: rep(ty, 2)},
		{name: "quote at paragraph start", in: "Intro.\n\n\"Yes.\"\n", want: "Intro.\n\n“Yes.”\n", rules: rep(ty, 2)},
		{name: "quote at line start", in: "a\n\"b\"", want: "a\n“b”", rules: rep(ty, 2)},
		{name: "period inside closing quote", in: `She said "no."`, want: "She said “no.”", rules: rep(ty, 2)},
		{name: "quote before comma", in: `"no", she said`, want: "“no”, she said", rules: rep(ty, 2)},
		{name: "quote before question mark", in: `Did she say "no"?`, want: "Did she say “no”?", rules: rep(ty, 2)},
		{name: "quote before semicolon", in: `He said "go"; we went.`, want: "He said “go”; we went.", rules: rep(ty, 2)},
		{name: "quote in parentheses", in: `(see "Notes")`, want: "(see “Notes”)", rules: rep(ty, 2)},
		{name: "quote after opening parenthesis", in: `("Notes" below)`, want: "(“Notes” below)", rules: rep(ty, 2)},
		{name: "quote after em dash opens", in: `He paused—"Wait."`, want: "He paused—“Wait.”", rules: rep(ty, 2)},
		{name: "quote after em dash closes", in: `"I was going to—" she began.`, want: "“I was going to—” she began.", rules: rep(ty, 2)},
		{name: "quote after en dash", in: `pages 3–"7"`, want: "pages 3–“7”", rules: rep(ty, 2)},
		{name: "quote after colon", in: `He wrote:"Go."`, want: "He wrote:“Go.”", rules: rep(ty, 2)},
		{name: "nested quotes", in: `"She said 'stop' twice."`, want: "“She said ‘stop’ twice.”", rules: rep(ty, 4)},
		{name: "nested single at the end", in: `"He called it 'fine.'"`, want: "“He called it ‘fine.’”", rules: rep(ty, 4)},
		{name: "single before double", in: `"'Tis the season," he said.`, want: "“’Tis the season,” he said.", rules: rep(ty, 3)},
		{name: "single quotes", in: `'Hello,' she said.`, want: "‘Hello,’ she said.", rules: rep(ty, 2)},
		{name: "contraction", in: "don't", want: "don’t", rules: []string{ty}},
		{name: "contractions", in: "I'm sure we'll've gone", want: "I’m sure we’ll’ve gone", rules: rep(ty, 3)},
		{name: "possessive", in: "the cat's toy", want: "the cat’s toy", rules: []string{ty}},
		{name: "plural possessive", in: "the Joneses' car", want: "the Joneses’ car", rules: []string{ty}},
		{name: "possessive after punctuation", in: "Yahoo!'s profit, the (UK)'s view, the U.S.'s role", want: "Yahoo!’s profit, the (UK)’s view, the U.S.’s role", rules: rep(ty, 3)},
		{name: "quote after punctuation still opens", in: "He said!'So what' and ('Sam' came)", want: "He said!‘So what’ and (‘Sam’ came)", rules: rep(ty, 4)},
		{name: "plural possessive at end", in: "It is the Joneses'.", want: "It is the Joneses’.", rules: []string{ty}},
		{name: "plural possessive inside single quotes", in: "'the Joneses' car'", want: "‘the Joneses’ car’", rules: rep(ty, 3)},
		{name: "dropped g", in: "goin' home", want: "goin’ home", rules: []string{ty}},
		{name: "decade", in: "the '90s", want: "the ’90s", rules: []string{ty}},
		{name: "decade at start", in: "'90s music", want: "’90s music", rules: []string{ty}},
		{name: "year", in: "class of '02", want: "class of ’02", rules: []string{ty}},
		{name: "rock 'n' roll", in: "rock 'n' roll", want: "rock ’n’ roll", rules: rep(ty, 2)},
		{name: "rock 'n' roll in single quotes", in: "'rock 'n' roll'", want: "‘rock ’n’ roll’", rules: rep(ty, 4)},
		{name: "rock 'n roll", in: "rock 'n roll", want: "rock ’n roll", rules: []string{ty}},
		{name: "'tis", in: "'Tis true", want: "’Tis true", rules: []string{ty}},
		{name: "'twas", in: "'twas night", want: "’twas night", rules: []string{ty}},
		{name: "'em", in: "get 'em", want: "get ’em", rules: []string{ty}},
		{name: "'cause", in: "'cause I said", want: "’cause I said", rules: []string{ty}},
		{name: "'em is not 'emphasis'", in: "'emphasis'", want: "‘emphasis’", rules: rep(ty, 2)},
		{name: "plural of a year", in: "the 1990's", want: "the 1990’s", rules: []string{ty}},
		{name: "apostrophe after digit letter", in: "4's and 5's", want: "4’s and 5’s", rules: rep(ty, 2)},
		{name: "non-ASCII letters", in: "Zoë's café's", want: "Zoë’s café’s", rules: rep(ty, 2)},
		{name: "quote around non-ASCII", in: `"Ελληνικά"`, want: "“Ελληνικά”", rules: rep(ty, 2)},
		{name: "closing after digit inside a quotation", in: `"I counted 12" he said.`, want: "“I counted 12” he said.", rules: rep(ty, 2)},
		{name: "closing single after digit", in: `'born in 1990'`, want: "‘born in 1990’", rules: rep(ty, 2)},
		{name: "feet and inches kept", in: `He is 5'10" tall.`, want: `He is 5'10" tall.`},
		{name: "inches kept", in: `a 12" pizza`, want: `a 12" pizza`},
		{name: "feet kept", in: `a 6' wall`, want: `a 6' wall`},
		{name: "lone quote between spaces kept", in: `a " b`, want: `a " b`},
		{name: "lone apostrophe between spaces kept", in: `a ' b`, want: `a ' b`},
		{name: "quote before punctuation after space kept", in: `a ".`, want: `a ".`},
		{name: "curly quotes are right", in: "“It’s ‘fine’,” he said.", want: "“It’s ‘fine’,” he said."},
		{name: "primes are not quotes", in: "5′10″", want: "5′10″"},
		{name: "guillemets kept in English", in: "«Bonjour» ‹x›", want: "«Bonjour» ‹x›"},
		{name: "German quotes in English", in: "„Hallo“", want: "“Hallo”", rules: rep(tl, 2)},
		{name: "closing quote used as opening", in: "”Hi”", want: "“Hi”", rules: []string{tl}},
		{name: "turned apostrophe before decade", in: "the ‘90s", want: "the ’90s", rules: []string{tl}},
		{name: "turned apostrophe in word", in: "don‘t", want: "don’t", rules: []string{tl}},
		{name: "reversed quote", in: "‟Hi”", want: "“Hi”", rules: []string{tl}},
		{name: "mixed straight and curly", in: "“Hi,\" he said.", want: "“Hi,” he said.", rules: []string{ty}},
		{name: "invalid bytes kept, quotes between them fixed", in: "\xff\"a\xfe\" \xe2'\x80", want: "\xff“a\xfe” \xe2’\x80", rules: rep(ty, 3)},
		{name: "invalid bytes around words", in: "\"a\xff\" don't\xe2", want: "“a\xff” don’t\xe2", rules: rep(ty, 3)},
		{name: "CRLF paragraphs", in: "\"a\"\r\n\r\n\"b\"\r\n", want: "“a”\r\n\r\n“b”\r\n", rules: rep(ty, 4)},
		{name: "code-like apostrophes", in: "x = 'a'", want: "x = ‘a’", rules: rep(ty, 2)},
	})
}

func TestTypographicUnbalanced(t *testing.T) {
	testTypographic(t, Options{}, []typoTest{
		{name: "unclosed at end of text", in: `He said "yes`, want: "He said “yes", rules: []string{ty, tu}},
		{name: "unclosed at end of paragraph", in: "\"Yes.\n\nNo.", want: "“Yes.\n\nNo.", rules: []string{ty, tu}},
		{name: "continued quotation", in: "\"One.\n\n\"Two.\"", want: "“One.\n\n“Two.”", rules: rep(ty, 3)},
		{name: "stray closing quote", in: "yes” he said", want: "yes” he said", rules: []string{tu}},
		{name: "stray straight closing quote", in: `yes" he said`, want: "yes” he said", rules: []string{tu, ty}},
		{name: "unclosed single is an apostrophe", in: "'Hello there", want: "‘Hello there", rules: []string{ty}},
		{name: "unclosed curly", in: "“Open\n\nNext", want: "“Open\n\nNext", rules: []string{tu}},
	})
	st := typographicStage{lang: langOf("en"), on: true}
	fs := st.Check("Intro \"Open here.\n\nNext")
	var u *lint.Finding
	for i := range fs {
		if fs[i].Rule == RuleUnbalanced {
			u = &fs[i]
		}
	}
	if u == nil {
		t.Fatal("no quotes.unbalanced finding")
	}
	if want := []lint.Span{{Start: 6, End: 7}}; !slices.Equal(u.Related, want) {
		t.Errorf("related %v, want %v (the opening quote)", u.Related, want)
	}
	if u.Span != (lint.Span{Start: 16, End: 17}) || len(u.Fix) != 0 || u.Severity != lint.Warning {
		t.Errorf("unbalanced finding %+v: want span 16:17 (the paragraph's last character), warning, no fix", *u)
	}
}

// German rows follow Duden (Anführungszeichen, K 11–K 14; Apostroph, K 14–K 17).
func TestTypographicGerman(t *testing.T) {
	testTypographic(t, Options{Lang: "de"}, []typoTest{
		{name: "double quotes", in: `Er sagte "Hallo".`, want: "Er sagte „Hallo“.", rules: rep(ty, 2)},
		{name: "comma after quote", in: `"Komm", sagte sie.`, want: "„Komm“, sagte sie.", rules: rep(ty, 2)},
		{name: "nested single quotes", in: `"Er las 'Faust' gern."`, want: "„Er las ‚Faust‘ gern.“", rules: rep(ty, 4)},
		{name: "apostrophe in word", in: "Wie geht's?", want: "Wie geht’s?", rules: []string{ty}},
		{name: "apostrophe at word end", in: "Hans' Auto", want: "Hans’ Auto", rules: []string{ty}},
		{name: "apostrophe at word start", in: "So 'n Quatsch", want: "So ’n Quatsch", rules: []string{ty}},
		{name: "English quotes in German", in: "“Hallo”", want: "„Hallo“", rules: rep(tl, 2)},
		{name: "English opening quote only", in: "“Hallo“", want: "„Hallo“", rules: []string{tl}},
		{name: "correct German", in: "„Hallo“, ‚Welt‘ und geht’s", want: "„Hallo“, ‚Welt‘ und geht’s"},
		{name: "chevrons kept", in: "»Hallo«", want: "»Hallo«"},
		{name: "inches kept", in: `ein 12" Brett`, want: `ein 12" Brett`},
		{name: "region ignored", in: `"a"`, want: "„a“", rules: rep(ty, 2)},
	})
}

// French rows follow the Lexique des règles typographiques en usage à
// l'Imprimerie nationale: « » with espaces fines (U+202F) inside, a fine
// space before ; : ! ?, “ ” for quotations inside quotations.
func TestTypographicFrench(t *testing.T) {
	const f = "\u202F"
	testTypographic(t, Options{Lang: "fr"}, []typoTest{
		{name: "straight quotes", in: `Il dit "bonjour".`, want: "Il dit «" + f + "bonjour" + f + "».", rules: rep(ty, 2)},
		{name: "straight quotes with spaces", in: `Il dit " bonjour ".`, want: `Il dit " bonjour ".`},
		{name: "guillemets with plain spaces", in: "« bonjour »", want: "«" + f + "bonjour" + f + "»", rules: rep(tf, 2)},
		{name: "guillemets with no-break spaces kept", in: "«\u00a0bonjour\u00a0»", want: "«\u00a0bonjour\u00a0»"},
		{name: "guillemets with spaces", in: "« bonjour »", want: "«" + f + "bonjour" + f + "»", rules: rep(tf, 2)},
		{name: "guillemets without spaces", in: "«bonjour»", want: "«" + f + "bonjour" + f + "»", rules: rep(tf, 2)},
		{name: "correct guillemets", in: "«" + f + "bonjour" + f + "»", want: "«" + f + "bonjour" + f + "»"},
		{name: "apostrophe", in: "L'homme d'État", want: "L’homme d’État", rules: rep(ty, 2)},
		{name: "nested quotes", in: `"Il a dit "non" hier"`, want: "«" + f + "Il a dit “non” hier" + f + "»", rules: rep(ty, 4)},
		{name: "English quotes at top level", in: "“bonjour”", want: "«" + f + "bonjour" + f + "»", rules: rep(tl, 2)},
		{name: "space before question mark", in: "Quoi ?", want: "Quoi" + f + "?", rules: []string{tf}},
		{name: "no-break space before colon kept", in: "Note\u00a0: rien", want: "Note\u00a0: rien"},
		{name: "no-break space before question mark kept", in: "Quoi\u00a0?", want: "Quoi\u00a0?"},
		{name: "spaces before exclamation", in: "Non  !", want: "Non" + f + "!", rules: []string{tf}},
		{name: "semicolon", in: "oui ; non", want: "oui" + f + "; non", rules: []string{tf}},
		{name: "narrow space kept", in: "Quoi" + f + "? Non" + f + "!", want: "Quoi" + f + "? Non" + f + "!"},
		{name: "no space is not inserted before punctuation", in: "Quoi? Non!", want: "Quoi? Non!"},
		{name: "time untouched", in: "à 12 :30", want: "à 12 :30"},
		{name: "operator untouched", in: "a != b", want: "a != b"},
		{name: "URL untouched", in: "http ://x", want: "http ://x"},
		{name: "question inside guillemets", in: `"Quoi ?"`, want: "«" + f + "Quoi" + f + "?" + f + "»", rules: []string{ty, tf, ty}},
		{name: "guillemet at line end", in: "«\nx»", want: "«\nx" + f + "»", rules: []string{tf}},
		{name: "empty guillemets", in: "«  »", want: "«  »"},
	})
}

func TestTypographicOtherLanguages(t *testing.T) {
	tests := []struct {
		lang, in, want string
	}{
		{"es", `Dijo "hola" y 'adiós'.`, "Dijo «hola» y ‘adiós’."},
		{"it", `Disse "ciao" all'amico.`, "Disse «ciao» all’amico."},
		{"nl", `Hij zei "ja" in 's-Hertogenbosch, 't is zo.`, "Hij zei “ja” in ’s-Hertogenbosch, ’t is zo."},
		{"sv", `Han sa "hej" och 'då'.`, "Han sa ”hej” och ’då’."},
		{"xx", `"unknown" means English`, "“unknown” means English"},
		{"DE-at", `"Servus"`, "„Servus“"},
	}
	for _, tt := range tests {
		st := typographicStage{lang: langOf(tt.lang), on: true}
		out, _ := applyStage(t, st, tt.in, nil)
		if out != tt.want {
			t.Errorf("%s: %q → %q, want %q", tt.lang, tt.in, out, tt.want)
		}
	}
}

func TestTypographicPrimes(t *testing.T) {
	testTypographic(t, Options{Primes: true}, []typoTest{
		{name: "feet and inches", in: `5'10"`, want: "5′10″", rules: rep(ty, 2)},
		{name: "inches", in: `a 12" pizza`, want: "a 12″ pizza", rules: []string{ty}},
		{name: "closing quote after digit stays a quote", in: `"in 1990"`, want: "“in 1990”", rules: rep(ty, 2)},
		{name: "curly after digit is not made a prime", in: "5’", want: "5’"},
	})
}

func TestTypographicMessages(t *testing.T) {
	tests := []struct {
		lang, in string
		want     []string
	}{
		{"en", `"a" don't`, []string{`straight quote " → “ (opening)`, `straight quote " → ” (closing)`, "straight apostrophe ' → ’"}},
		{"en", `'a'`, []string{"straight single quote ' → ‘ (opening)", "straight single quote ' → ’ (closing)"}},
		{"de", "“a”", []string{"opening quote “ (U+201C) in German text → „", "closing quote ” (U+201D) in German text → “"}},
		{"en", "‘90s", []string{"quote ‘ (U+2018) used as an apostrophe → ’"}},
		{"fr", `"a" b ?`, []string{`straight quote " → « (opening), with a narrow no-break space`, `straight quote " → » (closing), with a narrow no-break space`, "space before ? → narrow no-break space (U+202F)"}},
		{"fr", "« a»", []string{"space inside « → narrow no-break space (U+202F)", "space inside » → narrow no-break space (U+202F)"}},
		{"en", "x \"open\n\ny", []string{`straight quote " → “ (opening)`, `quotation opened by " is not closed by the end of the paragraph`}},
		{"en", "x” y", []string{"closing quote ” without an opening quote"}},
	}
	for _, tt := range tests {
		st := typographicStage{lang: langOf(tt.lang), on: true}
		if got := messages(st.Check(tt.in)); !slices.Equal(got, tt.want) {
			t.Errorf("%s %q:\n got %q\nwant %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

// Only QuotesTypographic turns the stage on; other styles report nothing.
func TestTypographicOff(t *testing.T) {
	for _, q := range []QuoteStyle{QuotesASCII, QuotesKeep} {
		for _, st := range Stages(Options{Quotes: q, Lang: "fr"}) {
			if st.Name() == "typographic" {
				if fs := st.Check(`"a" don't « b »`); len(fs) != 0 {
					t.Errorf("%v: %d findings", q, len(fs))
				}
			}
		}
	}
}

// In French typographic mode the chars stage keeps the narrow no-break
// spaces of French spacing, and only those.
func TestCharsFrenchSpacing(t *testing.T) {
	const f = "\u202F"
	fr := charsStage{quotes: QuotesTypographic, french: true}
	testStage(t, fr, []stageTest{
		{name: "kept after «", in: "«" + f + "a", want: "«" + f + "a"},
		{name: "kept before »", in: "a" + f + "»", want: "a" + f + "»"},
		{name: "kept before ; : ! ?", in: "a" + f + "; b" + f + ": c" + f + "! d" + f + "?", want: "a" + f + "; b" + f + ": c" + f + "! d" + f + "?"},
		{name: "thousands separator becomes a space", in: "10" + f + "000", want: "10 000", findings: []string{"space.unicode 2:5"}},
		{name: "no-break space before ? is French spacing", in: "a\u00a0?", want: "a\u00a0?"},
		{name: "no-break space inside guillemets is French spacing", in: "«\u00a0a\u00a0»", want: "«\u00a0a\u00a0»"},
		{name: "no-break space between words still becomes a space", in: "a\u00a0b", want: "a b", findings: []string{"space.unicode 1:3"}},
		{name: "curly quotes kept", in: "“a” …", want: "“a” …"},
	})
	testStage(t, charsStage{quotes: QuotesTypographic}, []stageTest{
		{name: "not French: narrow space becomes a space", in: "a" + f + "?", want: "a ?", findings: []string{"space.unicode 1:4"}},
	})
}

func TestQuoteStyleTypographic(t *testing.T) {
	q, err := ParseQuoteStyle(" Typographic ")
	if err != nil || q != QuotesTypographic || q.String() != "typographic" {
		t.Fatalf("ParseQuoteStyle: %v %v %q", q, err, q.String())
	}
	b, err := q.MarshalText()
	if err != nil || string(b) != "typographic" {
		t.Fatalf("MarshalText: %q %v", b, err)
	}
	for _, l := range append(Languages(), "", "de-CH", "FR") {
		if !ValidLang(l) {
			t.Errorf("ValidLang(%q) = false", l)
		}
	}
	if ValidLang("xx") {
		t.Error(`ValidLang("xx") = true`)
	}
}

func FuzzTypographic(f *testing.F) {
	for _, s := range []string{
		"", `"Hello," she said. "It's the '90s, rock 'n' roll." He's 5'10".`,
		"« Bonjour » : \"Quoi ?\" L'homme\u00a0!\n\n\"open\n\n\"goes on\"",
		"„Hallo“ “falsch” ‘90s don‘t «  » x\u202f\u202f? a != b 12:30",
		"\"\xff'\xe2\x80\" \u202f\u00a0«\n»\r\n\r\n'",
	} {
		for lang := range byte(len(Languages())) {
			f.Add(s, lang, lang%2 == 0)
		}
	}
	f.Fuzz(func(t *testing.T, text string, lang byte, primes bool) {
		opts := Options{Quotes: QuotesTypographic, Lang: Languages()[int(lang)%len(Languages())], Primes: primes}
		st := typographicStage{lang: langOf(opts.Lang), primes: primes, on: true}
		fs := st.Check(text)
		checkFindings(t, st.Name(), text, fs)
		out, _ := lint.Apply(text, fixesOf(fs, nil))
		if invalidBytes(out) != invalidBytes(text) {
			t.Fatalf("invalid bytes changed: %q → %q", text, out)
		}
		for _, g := range st.Check(out) {
			if len(g.Fix) > 0 && !g.Suggest {
				t.Fatalf("not idempotent on %q → %q: %s %v %s", text, out, g.Rule, g.Span, g.Message)
			}
		}
		chained, _, err := chain(Stages(opts), text, nil)
		if err != nil {
			t.Fatal(err)
		}
		// The chain settles within the pipeline's rounds: a curly
		// apostrophe can complete a mojibake pair ("Í’") that the next
		// round repairs.
		settle(t, Stages(opts), chained, text, nil)
	})
}

// BenchmarkTypographic measures the stage on about 4 MB of straight-quoted
// English prose (the seed, which needs a fix at every quote), the same
// text already typographic (the fixed point: no findings), and prose in
// several scripts, in English and French mode.
func BenchmarkTypographic(b *testing.B) {
	inputs := benchInputs()
	ascii := inputs[0].text
	st := typographicStage{lang: langOf("en"), on: true}
	fixed, _ := lint.Apply(ascii, fixesOf(st.Check(ascii), nil))
	cases := []struct {
		name, lang, text string
	}{
		{"en/straight", "en", ascii},
		{"en/typographic", "en", fixed},
		{"en/scripts", "en", inputs[2].text},
		{"fr/scripts", "fr", inputs[2].text},
	}
	for _, c := range cases {
		st := typographicStage{lang: langOf(c.lang), on: true}
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			b.ReportAllocs()
			for b.Loop() {
				st.Check(c.text)
			}
		})
	}
}

// TestTypographicLanguageConventions checks each language's conventions
// beyond its quotes, as the style references state them: German elided
// words take ’ (Duden: 's, 'n, 'ne, 'nen, 'rein…), a decade after a dash
// takes ’, an opening quote before a dotted word opens, inches inside an
// open quotation stay inches, TeX quotes become the language's quotes,
// and the no-break spaces French puts before ; : ! ? and inside « » are
// left as they are, narrow or not.
func TestTypographicLanguageConventions(t *testing.T) {
	f := "\u202f"
	testTypographic(t, Options{Lang: "de"}, []typoTest{
		{name: "elided es", in: "Wie geht's? 's ist gut.", want: "Wie geht’s? ’s ist gut.", rules: rep(ty, 2)},
		{name: "elided eine", in: "Gib mir 'ne Chance und 'nen Euro, 'nem Kind, 'ner Frau.", want: "Gib mir ’ne Chance und ’nen Euro, ’nem Kind, ’ner Frau.", rules: rep(ty, 4)},
		{name: "elided adverbs", in: "Komm 'rein, geh 'raus, 'rum und 'runter.", want: "Komm ’rein, geh ’raus, ’rum und ’runter.", rules: rep(ty, 4)},
		{name: "single quotation still opens", in: "Er sagte 'schön' dazu.", want: "Er sagte ‚schön‘ dazu.", rules: rep(ty, 2)},
		{name: "elision-like word in a quotation", in: "'nett' war es", want: "‚nett‘ war es", rules: rep(ty, 2)},
	})
	testTypographic(t, Options{Lang: "en"}, []typoTest{
		{name: "decade after an em dash", in: "the 1980s—'90s too", want: "the 1980s—’90s too", rules: []string{ty}},
		{name: "decade after an en dash", in: "1980s–'90s", want: "1980s–’90s", rules: []string{ty}},
		{name: "decade after a double hyphen", in: "the 1980s--'90s", want: "the 1980s--’90s", rules: []string{ty}},
		{name: "quote after dash before a word still opens", in: "—'Hello'", want: "—‘Hello’", rules: rep(ty, 2)},
		{name: "opening quote before a dotted word", in: `the ".com" era and '.NET' too`, want: "the “.com” era and ‘.NET’ too", rules: rep(ty, 4)},
		{name: "quote before a sentence's dot stays", in: `He said " . "`, want: `He said " . "`},
		{name: "inches inside a quotation", in: `"My 27" monitor broke," he said.`, want: "“My 27\" monitor broke,” he said.", rules: rep(ty, 2)},
		{name: "closing quote after a number", in: `"I counted 27" and left.`, want: "“I counted 27” and left.", rules: rep(ty, 2)},
		{name: "closing quote after a number, capital follows", in: `"Room 101" Then "x"`, want: "“Room 101” Then “x”", rules: rep(ty, 4)},
		{name: "TeX double quotes", in: "``Quoted'' text", want: "“Quoted” text", rules: rep(ty, 2)},
		{name: "TeX single quotes", in: "the `word' here", want: "the ‘word’ here", rules: rep(ty, 2)},
		{name: "TeX quotes with an apostrophe inside", in: "``don't'' go", want: "“don’t” go", rules: rep(ty, 3)},
		{name: "backticks of code stay", in: "run `ls -l` now", want: "run `ls -l` now"},
		{name: "fence stays", in: "```go\ncode\n```", want: "```go\ncode\n```"},
		{name: "backtick without a closing quote stays", in: "a ` b and c's", want: "a ` b and c’s", rules: []string{ty}},
	})
	testTypographic(t, Options{Lang: "en", Primes: true}, []typoTest{
		{name: "primes inside a quotation", in: `"He is 6'5" tall," she said.`, want: "“He is 6′5″ tall,” she said.", rules: rep(ty, 4)},
	})
	testTypographic(t, Options{Lang: "en"}, []typoTest{
		{name: "quotation does not leak across a fortune separator", in: "He said \"no.\n%\n\"Yes\" she said.", want: "He said “no.\n%\n“Yes” she said.", rules: []string{ty, tu, ty, ty}},
		{name: "quotation does not leak across a rule", in: "\"Open\n* * *\nWe said \"x\" here", want: "“Open\n* * *\nWe said “x” here", rules: []string{ty, tu, ty, ty}},
		{name: "a dash line in a paragraph is not prose", in: "\"a\n---\nb\"", want: "“a\n---\nb”", rules: []string{ty, tu, tu, ty}},
	})
	testTypographic(t, Options{Lang: "de"}, []typoTest{
		{name: "TeX quotes in German", in: "``Hallo'' und `Welt'", want: "„Hallo“ und ‚Welt‘", rules: rep(ty, 4)},
	})
	testTypographic(t, Options{Lang: "fr"}, []typoTest{
		{name: "no-break spaces are French spacing", in: "Il dit\u00a0: «\u00a0oui\u00a0» et non\u00a0!", want: "Il dit\u00a0: «\u00a0oui\u00a0» et non\u00a0!"},
		{name: "plain spaces become narrow ones", in: "Il dit : « oui » !", want: "Il dit" + f + ": «" + f + "oui" + f + "»" + f + "!", rules: rep(tf, 4)},
	})
}

// TestSmartDashesByLanguage checks the dash a double hyphen between words
// becomes in each language, and the German and Swedish suggestion for a
// spaced single hyphen.
func TestSmartDashesByLanguage(t *testing.T) {
	for _, c := range []struct {
		lang, in, want string
		suggest        bool
	}{
		{"en", "came -- and went", "came — and went", false},
		{"es", "vino -- y se fue", "vino — y se fue", false},
		{"de", "Sie kam -- und ging", "Sie kam – und ging", false},
		{"sv", "Hon kom -- och gick", "Hon kom – och gick", false},
		{"fr", "Il vint -- et partit", "Il vint – et partit", false},
		{"it", "Venne -- e se ne andò", "Venne – e se ne andò", false},
		{"nl", "Ze kwam -- en ging", "Ze kwam – en ging", false},
		{"de", "10--20", "10–20", false},
		{"de", "Sie kam - und ging", "Sie kam – und ging", true},
		{"sv", "Hon kom - och gick", "Hon kom – och gick", true},
		{"en", "came - and went", "came - and went", false},
		{"de", "- Punkt", "- Punkt", false},
		{"de", "Seite 10 - 20", "Seite 10 - 20", false},
		{"de", "ls -l - x", "ls -l - x", false},
		{"en", "-- Yes, she said.", "— Yes, she said.", true},
		{"fr", "Il dit :\n-- Oui, dit-il.", "Il dit :\n— Oui, dit-il.", true},
		{"en", "\"Be yourself.\" -- Oscar Wilde", "\"Be yourself.\" — Oscar Wilde", false},
		{"en", "-- \nsignature", "-- \nsignature", false},
		{"en", "--verbose", "--verbose", false},
		{"en", "-- end of options", "-- end of options", false},
	} {
		st := smartStage{on: true, lang: langOf(c.lang)}
		fs := st.Check(c.in)
		var edits []lint.Edit
		for _, f := range fs {
			if f.Suggest != c.suggest {
				t.Errorf("%s %q: finding %s has Suggest %v, want %v", c.lang, c.in, f.Rule, f.Suggest, c.suggest)
			}
			edits = append(edits, f.Fix...)
		}
		got, err := lint.Apply(c.in, edits)
		if err != nil || got != c.want {
			t.Errorf("%s %q: got %q (%v), want %q", c.lang, c.in, got, err, c.want)
		}
	}
}
