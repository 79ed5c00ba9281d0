package normalize

import (
	"fmt"
	"strings"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// QuoteStyle selects what happens to quotation marks and apostrophes, and
// to the ellipsis and the double hyphen, which follow the same typographic
// choice: "…" becomes "..." in the ASCII style, and "..." becomes "…" and
// "--" between words "—" in the typographic style.
// Values other than the declared ones leave quotes alone, like QuotesKeep.
type QuoteStyle int

const (
	// QuotesASCII turns curly, low-9, reversed and fullwidth quotes into
	// '"' and '\'' (and U+2026 into "..."). It is the zero value.
	QuotesASCII QuoteStyle = iota
	// QuotesKeep leaves quotes and ellipses as they are.
	QuotesKeep
	// QuotesTypographic applies the typographic house style of
	// Options.Lang: straight quotes become opening and closing quotes by
	// context (“…” and ‘…’ in English, „…“ and ‚…‘ in German, « … » with
	// narrow no-break spaces in French), apostrophes become ’, and curly
	// quotes of another language's style are replaced. Feet and inches
	// after a digit (5'10") stay, or become primes with Options.Primes.
	// Ellipses are left as they are, "..." and "…" alike.
	QuotesTypographic
)

// String returns "ascii", "keep" or "typographic", the names
// ParseQuoteStyle accepts.
func (q QuoteStyle) String() string {
	switch q {
	case QuotesASCII:
		return "ascii"
	case QuotesKeep:
		return "keep"
	case QuotesTypographic:
		return "typographic"
	}
	return fmt.Sprintf("QuoteStyle(%d)", int(q))
}

// ParseQuoteStyle parses the names String returns, ignoring case and
// surrounding space.
func ParseQuoteStyle(s string) (QuoteStyle, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ascii":
		return QuotesASCII, nil
	case "keep":
		return QuotesKeep, nil
	case "typographic":
		return QuotesTypographic, nil
	}
	return QuotesASCII, fmt.Errorf("unknown quote style %q (want ascii, keep or typographic)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (q QuoteStyle) MarshalText() ([]byte, error) {
	switch q {
	case QuotesASCII, QuotesKeep, QuotesTypographic:
		return []byte(q.String()), nil
	}
	return nil, fmt.Errorf("unknown quote style %d", int(q))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (q *QuoteStyle) UnmarshalText(b []byte) error {
	v, err := ParseQuoteStyle(string(b))
	if err != nil {
		return err
	}
	*q = v
	return nil
}

// Options configure the normalize stages. The zero value is the default:
// ASCII quotes.
type Options struct {
	// Quotes selects the quote style; the zero value is QuotesASCII.
	Quotes QuoteStyle
	// Lang is the language whose house style QuotesTypographic applies:
	// "en" (the default for ""), "de", "fr", "es", "it", "nl" or "sv"; a
	// region suffix ("de-CH") is ignored and other tags mean "en". See
	// Languages and ValidLang.
	Lang string
	// Primes makes QuotesTypographic turn feet and inches after a digit
	// (5'10") into primes (5′10″) instead of leaving them straight.
	Primes bool
	// Width folds fullwidth ASCII (ＡＢＣ１２３！) and the ideographic
	// space to ASCII, and halfwidth katakana and hangul to their usual
	// width (rule unicode.width). Fullwidth punctuation and spaces next
	// to Han, kana or Hangul are East Asian typography and stay.
	Width bool
}

// Rule ids reported by the normalize stages.
const (
	RuleBOM           = "unicode.bom"
	RuleInvisible     = "unicode.invisible"
	RuleControl       = "unicode.control"
	RuleInvalidUTF8   = "encoding.invalid-utf8"
	RuleNFC           = "unicode.nfc"
	RuleCurlyQuote    = "quotes.curly"
	RuleEllipsis      = "punct.ellipsis"
	RuleUnicodeSpace  = "space.unicode"
	RuleHyphen        = "dash.hyphen"
	RuleRepeatedSpace = "space.repeated"
	RuleTrailingSpace = "space.trailing"
	RuleLeadingSpace  = "space.leading"
	RuleBlankLines    = "space.blank-lines"
)

var (
	invisibleRules = []lint.Rule{
		{ID: RuleBOM, Severity: lint.Info, Fixes: true,
			Doc: "byte order mark U+FEFF at the start of the text, before anything visible: removed"},
		{ID: RuleInvisible, Severity: lint.Warning, Fixes: true,
			Doc: "invisible character (zero width space, word joiner, U+FEFF inside the text, soft hyphen): removed; ZWJ and ZWNJ are kept"},
		{ID: RuleControl, Severity: lint.Warning, Fixes: true,
			Doc: "control character other than tab, line feed, form feed and carriage return (C0, DEL, C1): removed; a form feed is a page break and stays"},
		{ID: RuleInvalidUTF8, Severity: lint.Warning, Fixes: false,
			Doc: "invalid UTF-8 bytes: reported, and passed through byte for byte"},
		{ID: RuleBidi, Severity: lint.Warning, Fixes: true,
			Doc: "bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069; Trojan Source): removed where unbalanced on its line (not closed, or closing nothing); reported, not removed, where balanced"},
	}
	nfcRules = []lint.Rule{
		{ID: RuleNFC, Severity: lint.Info, Fixes: true,
			Doc: "text not in Unicode Normalization Form C: normalized"},
	}
	charsRules = []lint.Rule{
		{ID: RuleCurlyQuote, Severity: lint.Warning, Fixes: true,
			Doc: `curly, low-9, reversed or fullwidth quote: replaced by " or ' (ASCII quote style)`},
		{ID: RuleEllipsis, Severity: lint.Info, Fixes: true,
			Doc: `ellipsis character U+2026: replaced by "..." (ASCII quote style); in a table or aligned columns, where three dots would shift the borders, or alone in quotes ("the '…' character"), a suggestion`},
		{ID: RuleUnicodeSpace, Severity: lint.Info, Fixes: true,
			Doc: "no-break, fixed-width or ideographic space (except ideographic spaces next to CJK text): replaced by a plain space"},
		{ID: RuleHyphen, Severity: lint.Info, Fixes: true,
			Doc: "Unicode hyphen U+2010 or non-breaking hyphen U+2011: replaced by -; alone in a column of a table, where it may list the character itself, a suggestion"},
	}
	spacesRules = []lint.Rule{
		{ID: RuleRepeatedSpace, Severity: lint.Info, Fixes: true,
			Doc: "two spaces between two words of a prose sentence: collapsed to one; longer runs and runs next to symbols are suggestions; layout stays (indented blocks, aligned columns, tables, justified text, two spaces after a sentence, padded numbers, list markers)"},
		{ID: RuleTrailingSpace, Severity: lint.Info, Fixes: true,
			Doc: "spaces and tabs at the end of a line: removed"},
		{ID: RuleLeadingSpace, Severity: lint.Info, Fixes: true,
			Doc: "one to three spaces before the first line of a prose paragraph whose other lines are not indented: removed; indented blocks, list items, tabs, poems and texts that indent their paragraphs keep their indentation"},
		{ID: RuleBlankLines, Severity: lint.Info, Fixes: true,
			Doc: "two or more blank lines between paragraphs: one is kept; blank lines before the first line or after the last: removed (the final line break stays)"},
	}
)

// Rules lists every rule of the package, in the order the stages run.
func Rules() []lint.Rule {
	var out []lint.Rule
	for _, rs := range [][]lint.Rule{ansiRules, entityRules, mojibakeRules, codepointsRules, invisibleRules, nfcRules, charsRules, widthRules, typographicRules, smartRules, spacesRules} {
		out = append(out, rs...)
	}
	return out
}

// Stages returns the normalize stages in the order they must run (see the
// package documentation). The "width" and "typographic" stages report
// nothing unless opts.Width is set or opts.Quotes is QuotesTypographic;
// they are always in the list so that their rules are.
func Stages(opts Options) []lint.Stage {
	return []lint.Stage{
		ansiStage{},
		entityStage{},
		mojibakeStage{},
		codepointsStage{},
		invisibleStage{},
		nfcStage{},
		charsStage{quotes: opts.Quotes, french: opts.Quotes == QuotesTypographic && langOf(opts.Lang).french},
		widthStage{on: opts.Width},
		typographicStage{lang: langOf(opts.Lang), primes: opts.Primes, on: opts.Quotes == QuotesTypographic},
		smartStage{on: opts.Quotes == QuotesTypographic, lang: langOf(opts.Lang)},
		spacesStage{},
	}
}

// rulesCopy returns a copy of rs, so callers cannot change the tables.
func rulesCopy(rs []lint.Rule) []lint.Rule {
	return append([]lint.Rule(nil), rs...)
}
