package dedupe

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// A double is a word typed twice: first is the copy that stays, second
// the one removed. The fix deletes [cut, second.End): the spaces before
// the second copy and the copy itself. A double that may be meant ("for
// for", see judge) has fix false: it is reported and both copies stay.
type double struct {
	first, second lint.Span
	cut           int
	fix           bool
}

// doubles appends to out the doubled words of text[sp], a sentence, in
// order. Two words are a double when they are letters only, equal under
// Unicode simple case folding (a curly apostrophe equal to a straight
// one), separated by nothing but plain spaces (U+0020: not a line break,
// not punctuation), and not one of the doublings that English uses on
// purpose (see judge). A run such as "the the the" gives one double per
// extra copy, each compared with the copy that stays, with fixes that
// touch but do not overlap.
func doubles(text string, sp lint.Span, out []double) []double {
	keep := lint.Span{Start: -1} // the last letters-only word, if only spaces followed it
	cut := 0                     // where a fix for the next copy would start
	keepASCII := false           // keep is ASCII only
	for i, end := sp.Start, sp.End; i < end; {
		c := text[i]
		if c == ' ' {
			i++
			continue
		}
		w := lint.Span{Start: i}
		var letters, ascii bool
		switch wordByte[c] {
		case wbNone:
			keep.Start = -1
			i++
			continue
		case wbLetter:
			// The common case: ASCII letters up to a byte that ends a word.
			j := i + 1
			for j < end && wordByte[text[j]] == wbLetter {
				j++
			}
			if j == end || wordByte[text[j]] == wbNone {
				w.End, letters, ascii = j, true, true
				break
			}
			w.End, letters, ascii = scanWord(text, i, end)
		default:
			r, n := rune(c), 1
			if c >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(text[i:end])
			}
			if !isWordRune(r) { // an apostrophe or hyphen starts no word
				keep.Start = -1
				i += n
				continue
			}
			w.End, letters, ascii = scanWord(text, i, end)
		}
		i = w.End
		if !letters {
			keep.Start = -1
			continue
		}
		if keep.Start >= 0 && (w.Len() == keep.Len() || !ascii || !keepASCII) {
			a, b := text[keep.Start:keep.End], text[w.Start:w.End]
			if sameWord(a, b) {
				switch judge(a, b) {
				case fixDouble:
					out = append(out, double{first: keep, second: w, cut: cut, fix: true})
					cut = w.End
					continue
				case reportDouble:
					out = append(out, double{first: keep, second: w, cut: cut})
				}
			}
		}
		keep, cut, keepASCII = w, w.End, ascii
	}
	return out
}

// Byte classes for doubles: what a byte can be in a word.
const (
	wbNone   = iota // an ASCII byte that is not part of a word: ends one
	wbLetter        // an ASCII letter
	wbOther         // a digit, '_', '\'', '-' or a non-ASCII byte: see scanWord
)

var wordByte = func() (t [256]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			t[c] = wbLetter
		case '0' <= c && c <= '9' || c == '_' || c == '\'' || c == '-' || c >= utf8.RuneSelf:
			t[c] = wbOther
		}
	}
	return t
}()

// sameWord reports whether words a and b are equal under Unicode simple
// case folding, with a curly apostrophe equal to a straight one.
func sameWord(a, b string) bool {
	if strings.EqualFold(a, b) {
		return true
	}
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb && foldWordRune(ra) != foldWordRune(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b == ""
}

// foldWordRune folds r for sameWord.
func foldWordRune(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	if r < utf8.RuneSelf {
		return r
	}
	if q := foldQuote(r); q != 0 {
		return rune(q)
	}
	return foldRune(r)
}

// isWordRune reports whether r can start a word: a letter, a combining
// mark, a number or an underscore.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)
}

// asciiWord says which ASCII bytes isWordRune accepts.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
	}
	return t
}()

// scanWord returns the end of the word that starts at i, whether it
// holds letters (and combining marks) only, and whether it is ASCII. An
// apostrophe or hyphen between word characters belongs to the word:
// "don't", "well-known".
func scanWord(text string, i, end int) (int, bool, bool) {
	letters, ascii := true, true
	for i < end {
		c := text[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:end])
			ascii = false
		}
		switch {
		case r == utf8.RuneError:
			return i, letters, ascii
		case r == '\'' || r == '-' || r == '’' || r == '‑' || r == '\u200c' || r == '\u200d':
			// Apostrophes and hyphens inside a word, and the joiners that
			// hold Persian and Indic words together (می‌خواهم), belong to it.
			if i+n >= end {
				return i, letters, ascii
			}
			next, _ := utf8.DecodeRuneInString(text[i+n : end])
			if !isWordRune(next) {
				return i, letters, ascii
			}
		case !isWordRune(r):
			return i, letters, ascii
		case !unicode.IsLetter(r) && !unicode.IsMark(r):
			letters = false
		}
		i += n
	}
	return i, letters, ascii
}

// What judge makes of a doubled word.
const (
	fixDouble    = iota // a slip: remove the second copy
	reportDouble        // may be meant: report, keep both
	keepDouble          // meant: say nothing
)

// judge says what to do with the equal words a and b, in that order.
//
// The lists are short on purpose. Kept without a word, as English uses
// them on purpose:
//
//   - "had had": past perfect of have ("she had had enough");
//   - "that that": conjunction then pronoun ("he said that that was all");
//   - "do do": emphatic do ("those who do do it");
//   - "her her": object then possessive ("gave her her keys");
//   - reduplication, a word in its own right ("bye bye", "so so", "no
//     no", "ha ha", "there there") or emphasis a writer chose ("very
//     very", "far far away", "many many years"): a rule that flags it
//     would teach people to ignore the rule;
//   - a capitalized copy after a lower-case one ("law lord Lord Bingham",
//     "you will Will"): the second is a name or a title;
//   - two capitalized copies ("Bora Bora", "Walla Walla", "Sing Sing"): a
//     name, unless the word is a function word no name doubles ("The
//     The").
//
// Reported without a fix, as the doubling is as often grammatical as a
// slip:
//
//   - "in in", "for for", "on on", "with with": a preposition that ends a
//     clause before one that starts a phrase ("waiting for for years",
//     "placed in in the past", both in the BBC News corpus);
//   - "is is", "was was": the pseudo-cleft ("what it is is a scandal")
//     against the spoken slip ("the problem is is that").
//
// Every other doubled word is a slip, "The the" at a sentence start
// included.
func judge(a, b string) int {
	w := strings.ToLower(a)
	if _, ok := intended[w]; ok {
		return keepDouble
	}
	if ra, _ := utf8.DecodeRuneInString(a); !unicode.IsUpper(ra) {
		if rb, _ := utf8.DecodeRuneInString(b); unicode.IsUpper(rb) {
			return keepDouble
		}
	}
	if isCapitalized(a) && isCapitalized(b) && !functionWords[w] {
		return keepDouble
	}
	if ambiguous[w] {
		return reportDouble
	}
	return fixDouble
}

// intended lists the doublings judge keeps.
var intended = map[string]struct{}{
	// grammatical
	"had": {}, "that": {}, "do": {}, "her": {},
	// reduplicative words
	"bye": {}, "so": {}, "no": {}, "ha": {}, "hah": {}, "haha": {}, "hee": {},
	"ho": {}, "there": {}, "now": {}, "well": {}, "tut": {}, "tsk": {}, "knock": {},
	"hush": {}, "chop": {}, "night": {}, "bang": {}, "boo": {}, "choo": {}, "aye": {},
	"yes": {}, "yeah": {}, "blah": {}, "yada": {}, "la": {}, "hip": {}, "dum": {},
	"pom": {}, "yum": {}, "mm": {}, "hm": {}, "oh": {}, "ooh": {}, "uh": {},
	"wah": {}, "boom": {},
	// emphasis
	"very": {}, "really": {}, "much": {}, "many": {}, "long": {}, "far": {},
	"too": {}, "big": {},
}

// ambiguous lists the doublings judge reports without a fix.
var ambiguous = map[string]bool{
	"in": true, "for": true, "on": true, "with": true, "is": true, "was": true,
}

// functionWords are words that a doubled pair of capitalized copies is a
// slip for, never a name.
var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "and": true, "or": true, "but": true,
	"of": true, "to": true, "in": true, "on": true, "at": true, "by": true,
	"for": true, "with": true, "from": true, "as": true, "it": true, "this": true,
	"i": true, "we": true, "you": true, "he": true, "she": true, "they": true,
}

// isCapitalized reports whether w starts with an upper-case letter and
// has a lower-case one: "Bora", not "bora" or "NATO".
func isCapitalized(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) && !unicode.IsTitle(r) {
		return false
	}
	for _, r := range w[n:] {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}
