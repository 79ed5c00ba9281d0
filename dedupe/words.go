package dedupe

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// A double is a word typed twice or more: first is the first copy,
// related to the finding, and second spans the copies removed, from the
// start of the first one removed to the end of the last. The fix deletes
// [cut, second.End): the spaces before the removed copies and the copies.
// n is how many times the word was typed in a row. A double that may be
// meant ("for for", see judge) has fix false: it is reported and both
// copies stay. pair marks a run of a word whose doubling is kept or
// reported ("that that that"): the fix leaves two copies, so cut is the
// end of the second.
type double struct {
	first, second lint.Span
	cut           int
	n             int32
	fix, pair     bool
	// cutEnd, if not 0, is where the fix ends instead of second.End:
	// a copy that starts a line goes with the spaces after it.
	cutEnd int
	// suggest marks a double whose removal is offered, not made: a
	// doubling the word policy is not sure is a slip (see wordPolicy).
	suggest bool
}

// doubles appends to out the doubled words of text[sp], a sentence, in
// order. Two words are a double when they are letters only, equal under
// Unicode simple case folding (a curly apostrophe equal to a straight
// one), separated by nothing but plain spaces (U+0020: not a line break,
// not punctuation), and not one of the doublings that English uses on
// purpose (see judge). A run such as "the the the" gives one double for
// the whole run, whose fix removes every copy after the first (after the
// second for a pair that may be meant, see runState).
func doubles(text string, sp lint.Span, out []double) []double {
	keep := lint.Span{Start: -1} // the last letters-only word, if only spaces followed it
	cut := 0                     // where a fix for the next copy would start
	keepASCII := false           // keep is ASCII only
	run := newRunState()
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
		same := keep.Start >= 0 && (w.Len() == keep.Len() || !ascii || !keepASCII) &&
			sameWord(text[keep.Start:keep.End], text[w.Start:w.End])
		var removed bool
		if out, removed = run.step(text, keep, w, cut, same, out); removed {
			cut = w.End
			continue
		}
		keep, cut, keepASCII = w, w.End, ascii
	}
	return out
}

// A runState follows a run of copies of one word for doubles and
// foldWords, which feed it each letters-only word of a sentence.
type runState struct {
	// first is the first copy of a pair that judge keeps or reports
	// ("that that", "for for") when the word before is its second copy:
	// a third copy is a slip. Start -1: none.
	first lint.Span
	// open is the index in out of the fixed double that a further copy
	// of the word extends, or -1.
	open int
}

func newRunState() runState { return runState{first: lint.Span{Start: -1}, open: -1} }

// step judges the word w, which follows keep with nothing but spaces
// between when same is true (and keep and w are then the same word);
// cut is where a fix for w would start. It returns out with w's double
// appended or its run's double extended, and whether w is a removed
// copy: then keep stays and the caller moves cut to w.End; else w
// becomes keep.
func (r *runState) step(text string, keep, w lint.Span, cut int, same bool, out []double) ([]double, bool) {
	first, open := r.first, r.open
	r.first, r.open = lint.Span{Start: -1}, -1
	if !same {
		return out, false
	}
	v := judge(text[keep.Start:keep.End], text[w.Start:w.End])
	if first.Start >= 0 && (v == pairDouble || v == reportDouble) {
		v = fixThird
	}
	switch v {
	case fixDouble, fixThird:
		r.first = first
		if open >= 0 {
			out[open].second.End = w.End
			out[open].n++
			r.open = open
			return out, true
		}
		d := double{first: keep, second: w, cut: cut, n: 2, fix: true}
		if v == fixThird {
			d.first, d.n, d.pair = first, 3, true
			// The run's finding replaces the report of its first pair.
			if k := len(out) - 1; k >= 0 && !out[k].fix && out[k].second == keep {
				out = out[:k]
			}
		}
		r.open = len(out)
		return append(out, d), true
	case reportDouble:
		out = append(out, double{first: keep, second: w, cut: cut, n: 2})
		r.first = keep
	case pairDouble:
		r.first = keep
	}
	return out, false
}

// cutSpan returns the bytes the fix of d deletes.
func (d *double) cutSpan() lint.Span {
	if d.cutEnd > 0 {
		return lint.Span{Start: d.cut, End: d.cutEnd}
	}
	return lint.Span{Start: d.cut, End: d.second.End}
}

// emitRun reports d, a run of three or more copies of a word, as one
// finding over the copies its fix removes, with the first copy related:
// `word "na" typed 4 times (3 copies removed)`. With fix false, or cut
// nil, the run is reported and kept.
func (c *checker) emitRun(d double, fix bool, cut *lint.Span) {
	msg := "word " + strconv.Quote(c.text[d.first.Start:d.first.End]) + " typed " + strconv.Itoa(int(d.n)) + " times"
	if d.suggest {
		c.suggest(RuleWord, d.second, d.first, msg+"; removing the extra copies is suggested, as the repeat can be meant", d.cutSpan())
		return
	}
	if !fix || cut == nil {
		c.report(RuleWord, d.second, d.first, msg+"; kept, as removing the copies would change how its paragraph splits into sentences")
		return
	}
	removed := int(d.n) - 1
	if d.pair {
		removed--
	}
	if removed == 1 {
		msg += " (1 copy removed"
	} else {
		msg += " (" + strconv.Itoa(removed) + " copies removed"
	}
	if d.pair {
		msg += "; " + strconv.Quote(c.text[d.first.Start:d.cut]) + " is kept, as the pair can be meant"
	}
	c.emit(RuleWord, lint.Warning, d.second, msg+")", cut, d.first)
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
	reportDouble        // may be meant: report, keep both; a third copy is a slip
	keepDouble          // meant: say nothing, however many copies
	pairDouble          // meant as a pair: say nothing; a third copy is a slip
	fixThird            // (runState) a third copy of a pair: remove it
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
//
// A run of three or more copies is judged pair by pair. Reduplication,
// emphasis and names stay however long the run ("ha ha ha", "very very
// very"); a third copy of a grammatical or ambiguous pair ("that that
// that", "for for for") is a slip, and the fix leaves the pair.
func judge(a, b string) int {
	w := strings.ToLower(a)
	if _, ok := intended[w]; ok {
		if grammatical[w] {
			return pairDouble
		}
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

// grammatical lists the words of intended whose doubling is grammar,
// not emphasis: two copies are meant, a third is a slip ("that that
// that").
var grammatical = map[string]bool{"had": true, "that": true, "do": true, "her": true}

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
	"wah": {}, "boom": {}, "na": {}, "nah": {}, "go": {}, "ok": {}, "okay": {}, "hey": {},
	"hi": {}, "wait": {}, "stop": {}, "please": {}, "help": {}, "ah": {}, "aah": {}, "eh": {},
	"hmm": {}, "yo": {}, "wow": {}, "whoa": {}, "woo": {}, "doo": {}, "da": {}, "ta": {},
	"ra": {}, "rah": {}, "cha": {}, "bla": {}, "ding": {}, "dong": {}, "tick": {}, "tock": {},
	"beep": {}, "honk": {}, "toot": {}, "bam": {}, "pow": {}, "shh": {}, "sh": {}, "psst": {},
	"meow": {}, "woof": {}, "quack": {}, "oink": {}, "moo": {}, "baa": {}, "cheep": {},
	"tweet": {}, "buzz": {}, "clap": {}, "faster": {}, "harder": {}, "higher": {}, "louder": {},
	"why": {},
	// doubled nouns: drums, plants, fish, dances, diseases
	"tom": {}, "ylang": {}, "mahi": {}, "chin": {}, "beri": {}, "dik": {}, "cous": {},
	"goody": {}, "mmm": {}, "walla": {}, "bora": {}, "duran": {}, "baden": {}, "pago": {},
	// emphasis
	"very": {}, "really": {}, "much": {}, "many": {}, "long": {}, "far": {},
	"too": {}, "big": {},
}

// ambiguous lists the doublings judge reports without a fix.
var ambiguous = map[string]bool{
	"in": true, "for": true, "on": true, "with": true, "is": true, "was": true,
	"this": true, // "add to this this new law"
	"can":  true, // "the can can dance"
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
