package normalize

import (
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/charclass"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// charsStage replaces typographic characters by ASCII: quotes and the
// ellipsis (per the quote style), Unicode spaces and Unicode hyphens.
// Guillemets, primes, en and em dashes, ZWJ and ZWNJ are left alone.
//
// With french set (QuotesTypographic in French), a no-break space U+00A0
// or U+202F next to « » ; : ! ? is French spacing and is kept.
type charsStage struct {
	quotes QuoteStyle
	french bool
}

// QuietOnASCII marks the stage as one that finds nothing in plain ASCII
// text (lint.ASCIIQuiet).
func (charsStage) QuietOnASCII() {}

func (charsStage) Name() string { return "chars" }

func (charsStage) Rules() []lint.Rule { return rulesCopy(charsRules) }

// A charFix says what the stage does with one character.
type charFix struct {
	rule     string
	severity lint.Severity
	r        rune
	repl     string // replacement
	what     string // for messages: "curly quote “", "no-break space"
	msg      string // the message for a single character
}

func newCharFix(rule string, sev lint.Severity, r rune, repl, what string, glyph bool) *charFix {
	if glyph {
		what += " " + string(r)
	}
	f := &charFix{rule: rule, severity: sev, r: r, repl: repl, what: what}
	f.msg = f.message(1)
	return f
}

// message describes the replacement of count copies of the character:
// `curly quote “ (U+201C) → "`, "2 × no-break space (U+00A0) → space".
func (f *charFix) message(count int) string {
	to := f.repl
	if to == " " {
		to = "space"
	}
	return countPrefix(count) + f.what + " (" + codePoint(f.r) + ") → " + to
}

func quoteFix(r rune, repl, what string) *charFix {
	return newCharFix(RuleCurlyQuote, lint.Warning, r, repl, what, true)
}

func spaceFix(r rune, what string) *charFix {
	return newCharFix(RuleUnicodeSpace, lint.Info, r, " ", what, false)
}

var (
	// quotes2018 covers U+2018 to U+201F.
	quotes2018 = [8]*charFix{
		quoteFix(0x2018, "'", "curly quote"),
		quoteFix(0x2019, "'", "curly quote"),
		quoteFix(0x201A, "'", "low-9 quote"),
		quoteFix(0x201B, "'", "reversed quote"),
		quoteFix(0x201C, `"`, "curly quote"),
		quoteFix(0x201D, `"`, "curly quote"),
		quoteFix(0x201E, `"`, "low-9 quote"),
		quoteFix(0x201F, `"`, "reversed quote"),
	}
	fixFullDouble = quoteFix(0xFF02, `"`, "fullwidth quote")
	fixFullSingle = quoteFix(0xFF07, "'", "fullwidth apostrophe")
	fixEllipsis   = newCharFix(RuleEllipsis, lint.Info, 0x2026, "...", "ellipsis", true)

	// spaces2000 covers U+2000 to U+200A.
	spaces2000 = [11]*charFix{
		spaceFix(0x2000, "en quad"),
		spaceFix(0x2001, "em quad"),
		spaceFix(0x2002, "en space"),
		spaceFix(0x2003, "em space"),
		spaceFix(0x2004, "three-per-em space"),
		spaceFix(0x2005, "four-per-em space"),
		spaceFix(0x2006, "six-per-em space"),
		spaceFix(0x2007, "figure space"),
		spaceFix(0x2008, "punctuation space"),
		spaceFix(0x2009, "thin space"),
		spaceFix(0x200A, "hair space"),
	}
	fixNBSP      = spaceFix(0x00A0, "no-break space")
	fixNNBSP     = spaceFix(0x202F, "narrow no-break space")
	fixMathSpace = spaceFix(0x205F, "medium mathematical space")
	fixIdeoSpace = spaceFix(0x3000, "ideographic space")

	fixHyphen   = newCharFix(RuleHyphen, lint.Info, 0x2010, "-", "hyphen", true)
	fixNBHyphen = newCharFix(RuleHyphen, lint.Info, 0x2011, "-", "non-breaking hyphen", true)
)

// unicodeSpace returns the fix for a Unicode space character, or nil.
func unicodeSpace(r rune) *charFix {
	if !charclass.UnicodeSpace(r) {
		return nil
	}
	switch {
	case r == 0xA0:
		return fixNBSP
	case r >= 0x2000 && r <= 0x200A:
		return spaces2000[r-0x2000]
	case r == 0x202F:
		return fixNNBSP
	case r == 0x205F:
		return fixMathSpace
	case r == 0x3000:
		return fixIdeoSpace
	}
	return nil
}

// lookup returns what the stage does with r, or nil.
func (s charsStage) lookup(r rune) *charFix {
	if s.quotes == QuotesASCII {
		switch {
		case charclass.ASCIIQuote(r) == 0 && r != 0x2026:
		case r >= 0x2018 && r <= 0x201F:
			return quotes2018[r-0x2018]
		case r == 0x2026:
			return fixEllipsis
		case r == 0xFF02:
			return fixFullDouble
		case r == 0xFF07:
			return fixFullSingle
		}
	}
	switch r {
	case 0x2010:
		return fixHyphen
	case 0x2011:
		return fixNBHyphen
	}
	return unicodeSpace(r)
}

// charsLead marks the lead bytes of every character the stage replaces:
// U+00A0 (C2), U+2000–U+206F (E2), U+3000 (E3), U+FF02 and U+FF07 (EF).
// A continuation byte is never one of them, so the scan may jump straight
// to them without decoding what lies between.
var charsLead = func() (t [256]bool) {
	t[0xC2], t[0xE2], t[0xE3], t[0xEF] = true, true, true, true
	return t
}()

func (s charsStage) Check(text string) []lint.Finding {
	n := s.scan(text, nil)
	if n == 0 {
		return nil
	}
	fs := make([]lint.Finding, 0, n)
	s.scan(text, func(f lint.Finding) { fs = append(fs, f) })
	return fs
}

// CheckEach hands the findings of Check to sink, one at a time and in
// the same order, after it has told it how many there are, so that a
// text with a finding every few bytes is not held as findings twice.
func (s charsStage) CheckEach(text string, sink lint.FindingSink) {
	n := s.scan(text, nil)
	sink.Reserve(n)
	if n > 0 {
		s.scan(text, sink.Add)
	}
}

// scan finds the characters to replace and hands each finding to emit,
// in order; with a nil emit it only counts them. It returns the count.
func (s charsStage) scan(text string, emit func(lint.Finding)) int {
	var (
		found int
		edits editBlock
		table tableCache
	)
	n := len(text)
	for i := 0; i < n; {
		for i < n && !charsLead[text[i]] {
			if text[i] < utf8.RuneSelf {
				i = skipASCII(text, i+1) // eight bytes at a time
				continue
			}
			i++
		}
		if i == n {
			break
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		fix := s.lookup(r)
		if (fix == fixNNBSP || fix == fixNBSP) && s.french && frenchSpacing(text, i, i+size) {
			fix = nil
		}
		if fix == nil {
			i += size // an invalid byte has size 1 and is skipped
			continue
		}
		// Take the run of identical characters.
		end, count := i+size, 1
		for end+size <= n && text[end:end+size] == text[i:i+size] {
			end += size
			count++
		}
		if fix == fixIdeoSpace && cjkAround(text, i, end) {
			i = end // East Asian spacing, not a stray wide space
			continue
		}
		found++
		if emit == nil {
			i = end
			continue
		}
		sp := lint.Span{Start: i, End: end}
		f := lint.Finding{Rule: fix.rule, Severity: fix.severity, Span: sp, Message: fix.msg}
		if fix == fixEllipsis && (table.at(text, i) || quotedAlone(text, i, end)) {
			// Three dots are wider than "…": in a table or aligned
			// columns they would shift the borders. Alone in quotes
			// ("the '…' character") the text may name the character
			// itself. A suggestion.
			f.Suggest = true
		}
		if (fix == fixHyphen || fix == fixNBHyphen) && count == 1 && inColumn(text, i, end) {
			// "łącznik   255   ‐   -": a table row that lists the
			// character itself. A suggestion.
			f.Suggest = true
		}
		if count == 1 {
			f.Fix = edits.one(lint.Edit{Span: sp, New: fix.repl})
		} else {
			f.Message = fix.message(count)
			f.Fix = edits.one(lint.Edit{Span: sp, New: strings.Repeat(fix.repl, count)})
		}
		emit(f)
		i = end
	}
	return found
}

// quotedAlone reports whether text[i:end] stands alone between two quote
// marks or backquotes: "'…'", "«…»", "`…`".
func quotedAlone(text string, i, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[end:])
	quote := func(r rune) bool { return r == '`' || charclass.IsQuote(r) }
	return quote(before) && quote(after)
}

// inColumn reports whether text[i:end] stands alone in a column: two
// spaces or more on either side, or a line's end after it.
func inColumn(text string, i, end int) bool {
	before := i >= 2 && text[i-2:i] == "  "
	after := end+2 <= len(text) && text[end:end+2] == "  " ||
		end == len(text) || text[end] == '\n' || text[end] == '\r'
	return before && after
}

// maxTableLook bounds how far tableLine reads either way.
const maxTableLook = 512

// A tableCache remembers the verdict of tableCache.at for the stretch of
// a line last read, so that a line of many ellipses is read once.
type tableCache struct {
	s, e  int
	table bool
}

// at reports whether the line that holds offset i is a row of a table
// or of aligned columns: it holds two "|" or, after its indentation, a
// run of three spaces or more (within maxTableLook bytes of i).
func (c *tableCache) at(text string, i int) bool {
	if i >= c.s && i < c.e {
		return c.table
	}
	s := i
	for s > 0 && i-s < maxTableLook && text[s-1] != '\n' && text[s-1] != '\r' {
		s--
	}
	e := i
	for e < len(text) && e-i < maxTableLook && text[e] != '\n' && text[e] != '\r' {
		e++
	}
	line := strings.TrimLeft(text[s:e], " \t")
	*c = tableCache{s: s, e: e, table: strings.Count(line, "|") >= 2 || strings.Contains(line, "   ")}
	return c.table
}

// frenchSpacing reports whether the no-break space (narrow or not) at
// [i, end) is French spacing: after « or before » ; : ! ?. The
// typographic stage owns those spaces (rule space.french), so that one
// rule, not two that disagree, speaks of each.
func frenchSpacing(text string, i, end int) bool {
	if strings.HasSuffix(text[:i], "«") || strings.HasPrefix(text[end:], "»") {
		return true
	}
	if end < len(text) {
		switch text[end] {
		case ';', ':', '!', '?':
			return true
		}
	}
	return false
}
