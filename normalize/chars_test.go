package normalize

import (
	"slices"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

func TestChars(t *testing.T) {
	testStage(t, charsStage{}, []stageTest{
		{name: "empty", in: "", want: ""},
		{name: "plain", in: `He said "it's fine" - 3...`, want: `He said "it's fine" - 3...`},
		{name: "curly doubles", in: "“Hi”", want: `"Hi"`,
			findings: []string{"quotes.curly 0:3", "quotes.curly 5:8"}},
		{name: "curly singles", in: "‘it’s’", want: `'it's'`,
			findings: []string{"quotes.curly 0:3", "quotes.curly 5:8", "quotes.curly 9:12"}},
		{name: "low-9 and reversed", in: "„a‟ ‚b‛", want: `"a" 'b'`,
			findings: []string{"quotes.curly 0:3", "quotes.curly 4:7", "quotes.curly 8:11", "quotes.curly 12:15"}},
		{name: "fullwidth", in: "＂a＂ ＇b", want: `"a" 'b`,
			findings: []string{"quotes.curly 0:3", "quotes.curly 4:7", "quotes.curly 8:11"}},
		{name: "run of the same quote", in: "a’’b", want: "a''b",
			findings: []string{"quotes.curly 1:7"}},
		{name: "ellipsis", in: "Wait… what…", want: "Wait... what...",
			findings: []string{"punct.ellipsis 4:7", "punct.ellipsis 12:15"}},
		{name: "no-break space", in: "10\u00a0km", want: "10 km",
			findings: []string{"space.unicode 2:4"}},
		{name: "spaces U+2000 to U+200A", in: "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a", want: "           ",
			findings: []string{"space.unicode 0:3", "space.unicode 3:6", "space.unicode 6:9", "space.unicode 9:12", "space.unicode 12:15", "space.unicode 15:18", "space.unicode 18:21", "space.unicode 21:24", "space.unicode 24:27", "space.unicode 27:30", "space.unicode 30:33"}},
		{name: "narrow, math and ideographic", in: "a\u202fb\u205fc\u3000\u3000d", want: "a b c  d",
			findings: []string{"space.unicode 1:4", "space.unicode 5:8", "space.unicode 9:15"}},
		{name: "ideographic spaces in East Asian text stay", in: "\u3000\u3000本文です。\n東京\u3000大阪、Tokyo\u3000Osaka\nParis\u3000Rome", want: "\u3000\u3000本文です。\n東京\u3000大阪、Tokyo\u3000Osaka\nParis Rome",
			findings: []string{"space.unicode 59:62"}},
		{name: "hyphens", in: "well\u2010known non\u2011breaking", want: "well-known non-breaking",
			findings: []string{"dash.hyphen 4:7", "dash.hyphen 16:19"}},
		{name: "invalid bytes around", in: "\xe2“\x80\xc2\u00a0\xa0\xef", want: "\xe2\"\x80\xc2 \xa0\xef",
			findings: []string{"quotes.curly 1:4", "space.unicode 6:8"}},
		// Must not touch.
		{name: "guillemets", in: "«Bonjour» ‹a›", want: "«Bonjour» ‹a›"},
		{name: "primes", in: "5′ 11″", want: "5′ 11″"},
		{name: "en and em dashes", in: "1–2 — yes ― no", want: "1–2 — yes ― no"},
		{name: "minus and figure dash", in: "−3 ‒ 4", want: "−3 ‒ 4"},
		{name: "zero width space is not a space here", in: "a\u200bb", want: "a\u200bb"},
		{name: "zwnj and zwj", in: "می\u200cخواهم 👨\u200d👩\u200d👧", want: "می\u200cخواهم 👨\u200d👩\u200d👧"},
		{name: "other E2 characters", in: "• € ™ → ′", want: "• € ™ → ′"},
		{name: "other fullwidth", in: "ＡＢ！", want: "ＡＢ！"},
	})
}

func TestCharsKeepQuotes(t *testing.T) {
	testStage(t, charsStage{quotes: QuotesKeep}, []stageTest{
		{name: "quotes and ellipsis kept", in: "“Hi” ‘x’ „a‟ ＂b＂ Wait…", want: "“Hi” ‘x’ „a‟ ＂b＂ Wait…"},
		{name: "spaces and hyphens still fixed", in: "“a”\u00a0well\u2010known", want: "“a” well-known",
			findings: []string{"space.unicode 7:9", "dash.hyphen 13:16"}},
	})
	// Undeclared styles leave quotes alone too.
	if fs := (charsStage{quotes: QuoteStyle(99)}).Check("“Hi”"); len(fs) != 0 {
		t.Errorf("unknown style: got %d findings", len(fs))
	}
}

func TestCharsMessages(t *testing.T) {
	fs := charsStage{}.Check("“a” it’s „b‟ ＂ ＇ …\u00a0\u3000\u3000x\u2010\u2011")
	want := []string{
		`curly quote “ (U+201C) → "`,
		`curly quote ” (U+201D) → "`,
		`curly quote ’ (U+2019) → '`,
		`low-9 quote „ (U+201E) → "`,
		`reversed quote ‟ (U+201F) → "`,
		`fullwidth quote ＂ (U+FF02) → "`,
		`fullwidth apostrophe ＇ (U+FF07) → '`,
		`ellipsis … (U+2026) → ...`,
		`no-break space (U+00A0) → space`,
		`2 × ideographic space (U+3000) → space`,
		`hyphen ‐ (U+2010) → -`,
		`non-breaking hyphen ‑ (U+2011) → -`,
	}
	if got := messages(fs); !slices.Equal(got, want) {
		t.Errorf("messages:\n got %q\nwant %q", got, want)
	}
	for _, f := range fs {
		want := lint.Info
		if f.Rule == RuleCurlyQuote {
			want = lint.Warning
		}
		if f.Severity != want {
			t.Errorf("%s: severity %v, want %v", f.Rule, f.Severity, want)
		}
	}
}

// TestEllipsisInTable checks that "…" in a table or aligned columns
// (excerpts of the Debian reference and termcap.5) is only suggested:
// three dots would shift the borders.
func TestEllipsisInTable(t *testing.T) {
	for _, tc := range []struct {
		in      string
		suggest bool
	}{
		{"    |          |      |      |         |(1), …  |élevé que gzip(1)  |\n", true},
		{"       F3   Zeichenkette für Funktionstaste f13\n       …    …\n", true},
		{"He paused… then went on.\n", false},
		{"Do not use the '…' character.\n", true},
		{"Write `…` or «…» there.\n", true},
	} {
		fs := charsStage{}.Check(tc.in)
		if len(fs) == 0 {
			t.Fatalf("%q: no finding", tc.in)
		}
		for _, f := range fs {
			if f.Rule == RuleEllipsis && f.Suggest != tc.suggest {
				t.Errorf("%q: Suggest = %v, want %v", tc.in, f.Suggest, tc.suggest)
			}
		}
	}
}

// TestHyphenInColumn: a lone hyphen in a column of a table may list the
// character itself, so it is a suggestion; a hyphen in a word is fixed.
func TestHyphenInColumn(t *testing.T) {
	for _, tc := range []struct {
		in      string
		suggest bool
	}{
		{"  łącznik            255        \u2010        -\n", true},
		{"  last column        255        \u2010\n", true},
		{"riferi\u2010\nmenti\n", false},
		{"a well\u2010known word\n", false},
	} {
		fs := charsStage{}.Check(tc.in)
		if len(fs) != 1 || fs[0].Rule != RuleHyphen {
			t.Fatalf("%q: findings %+v", tc.in, fs)
		}
		if fs[0].Suggest != tc.suggest {
			t.Errorf("%q: Suggest = %v, want %v", tc.in, fs[0].Suggest, tc.suggest)
		}
	}
}
