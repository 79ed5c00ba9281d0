package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// RuleWidth is the rule of the opt-in width folding (Options.Width).
const RuleWidth = "unicode.width"

var widthRules = []lint.Rule{
	{ID: RuleWidth, Severity: lint.Info, Fixes: true,
		Doc: "fullwidth ASCII and ideographic space (opt-in, --width): folded to ASCII, except punctuation and spaces next to CJK text; halfwidth katakana and hangul: folded to their usual width"},
}

// widthStage folds character widths, as golang.org/x/text/width.Fold does,
// with one exception that keeps East Asian text intact: fullwidth
// punctuation, symbols and the ideographic space are CJK typography when
// they stand next to a Han, kana or Hangul character (東京（本社）, 「はい」、
// an ideographic space indenting a Japanese paragraph), and are left
// alone there. Fullwidth letters and digits are always folded, as are
// halfwidth katakana and hangul (to the usual, wide form, composed: ｶﾞ
// becomes ガ). It reports nothing unless on.
type widthStage struct{ on bool }

// QuietOnASCII marks the stage as one that finds nothing in plain ASCII
// text (lint.ASCIIQuiet).
func (widthStage) QuietOnASCII() {}

func (widthStage) Name() string { return "width" }

func (widthStage) Rules() []lint.Rule { return rulesCopy(widthRules) }

// widthLead marks the lead bytes of the characters the stage folds:
// U+3000 (E3) and U+FF01–U+FFEE (EF).
func widthLead(b byte) bool { return b == 0xE3 || b == 0xEF }

// foldWidth returns the folded form of r and whether r is folded only
// outside CJK context (punctuation, symbols, the ideographic space).
// ok is false for a character the stage leaves alone.
func foldWidth(r rune) (folded rune, contextual, ok bool) {
	switch {
	case r == 0x3000:
		return ' ', true, true
	case r >= 0xFF01 && r <= 0xFF5E: // fullwidth ASCII
		a := r - 0xFEE0
		alnum := a >= '0' && a <= '9' || a >= 'A' && a <= 'Z' || a >= 'a' && a <= 'z'
		return a, !alnum, true
	case r >= 0xFFE0 && r <= 0xFFE6: // fullwidth ¢ £ ¬ ¯ ¦ ¥ ₩
		if n := width.LookupRune(r).Narrow(); n != 0 {
			return n, true, true
		}
	case r >= 0xFF61 && r <= 0xFFDC, r >= 0xFFE8 && r <= 0xFFEE: // halfwidth forms
		if w := width.LookupRune(r).Wide(); w != 0 {
			return w, false, true
		}
	}
	return 0, false, false
}

// isCJK reports whether r is Han, kana, Hangul or CJK punctuation: the
// context in which fullwidth punctuation is at home.
func isCJK(r rune) bool {
	if r >= 0x3001 && r <= 0x303F || r >= 0x3040 && r <= 0x30FF {
		return true
	}
	return r >= 0x1100 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

// cjkAround reports whether the characters at [i, end) of text stand in
// East Asian text: the nearest character before or after them, looking
// past fullwidth forms, ideographic spaces, ASCII letters, digits and
// spaces (at most contextRunes of them), is Han, kana, Hangul or CJK
// punctuation. Looking past the characters the stages fold, and past what
// they fold to, gives the same answer before and after folding, so a
// second run folds nothing more.
func cjkAround(text string, i, end int) bool {
	for k, p := 0, i; k < contextRunes && p > 0; k++ {
		r, size := utf8.DecodeLastRuneInString(text[:p])
		if isCJK(r) {
			return true
		}
		if !contextSkip(r) {
			break
		}
		p -= size
	}
	for k, p := 0, end; k < contextRunes && p < len(text); k++ {
		r, size := utf8.DecodeRuneInString(text[p:])
		if isCJK(r) {
			return true
		}
		if !contextSkip(r) {
			break
		}
		p += size
	}
	return false
}

// contextRunes bounds how far cjkAround looks, in characters.
const contextRunes = 32

// contextSkip reports whether cjkAround looks past r.
func contextSkip(r rune) bool {
	return r == ' ' || r == 0x3000 || r >= 0xFF01 && r <= 0xFF5E ||
		r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z'
}

// foldAt returns the folded form of the character at text[i:], its size,
// and whether the stage folds it there.
func foldAt(text string, i int) (rune, int, bool) {
	r, size := utf8.DecodeRuneInString(text[i:])
	f, contextual, ok := foldWidth(r)
	if !ok || contextual && cjkAround(text, i, i+size) {
		return 0, size, false
	}
	return f, size, true
}

func (s widthStage) Check(text string) []lint.Finding {
	if !s.on {
		return nil
	}
	var (
		fs    []lint.Finding
		edits editBlock
		buf   strings.Builder
	)
	n := len(text)
	for i := 0; i < n; {
		for i < n && !widthLead(text[i]) {
			i++
		}
		if i == n {
			break
		}
		f, size, ok := foldAt(text, i)
		if !ok {
			i += size
			continue
		}
		// Take the run of folded characters.
		start, halfwidth := i, f > 0x2000
		buf.Reset()
		buf.WriteRune(f)
		i += size
		for i < n && widthLead(text[i]) {
			f, size, ok = foldAt(text, i)
			if !ok {
				break
			}
			halfwidth = halfwidth || f > 0x2000
			buf.WriteRune(f)
			i += size
		}
		// A folded halfwidth sound mark is a combining one: compose it
		// with the kana before it, including one just before the run.
		from, repl := start, buf.String()
		if halfwidth {
			if start > 0 {
				if r, sz := utf8.DecodeLastRuneInString(text[:start]); r >= 0x3040 && r <= 0x30FF {
					from -= sz
					repl = text[from:start] + repl
				}
			}
			repl = norm.NFC.String(repl)
		}
		folded := buf.String()
		if halfwidth {
			folded = norm.NFC.String(folded)
		}
		sp := lint.Span{Start: start, End: i}
		fs = append(fs, lint.Finding{
			Rule: RuleWidth, Severity: lint.Info, Span: sp,
			Message: widthMessage(text[start:i], folded),
			Fix:     edits.one(lint.Edit{Span: lint.Span{Start: from, End: i}, New: repl}),
		})
	}
	return fs
}

// widthMessage describes a fold: "fullwidth ＡＢＣ → ABC",
// "2 × ideographic space (U+3000) → space".
func widthMessage(from, to string) string {
	r, size := utf8.DecodeRuneInString(from)
	if r == 0x3000 {
		return countPrefix(len(from)/size) + "ideographic space (U+3000) → " + plural(len(from)/size, "space")
	}
	if r >= 0xFF61 && r <= 0xFFEE && r != 0xFFE0 && (r < 0xFFE1 || r > 0xFFE6) {
		return "halfwidth " + from + " → " + to
	}
	return "fullwidth " + from + " → " + to
}
