package dedupe

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// The repeated-word policy
//
// doubles and foldWords find the words typed twice in a row and judge
// which doublings English uses on purpose (see judge). wordPolicy then
// decides what is done with each of the others, from the word and what
// is around it:
//
//   - not reported at all: a quoted mention (fix "a a" typo), a word
//     glued to code or a path (HTTP http.get, /usr/bin/git git), a line of
//     a shell session ($ ...), a line laid out in columns (a tab or two
//     spaces between its words: tables, aligned lists of names), single
//     letters (initials such as Kumar R R, table cells, spaced-out
//     letters), and copies whose case differs other than by a capital at
//     the start of the first (the SELECT select, HTTP http);
//   - fixed (the second copy removed): a function word of the
//     paragraph's language that is never doubled on purpose (words/*.txt,
//     "fix:"), its copies separated by one space, or by one line break
//     in wrapped prose, and not after a word that makes the doubling
//     grammatical ("listened to to avoid");
//   - reported without a fix: the doublings judge finds ambiguous ("for
//     for", "is is");
//   - suggested (lint.Finding.Suggest: shown, applied only on request):
//     every other doubling, such as a content word ("make make", "tisk
//     tisk", "root root").
//
// The language of a paragraph is the one whose common words it uses most
// (English on a tie); it is read only for paragraphs with a doubled word.

// maxLayoutScan bounds how far from a doubled word the policy looks for
// the signs of a line laid out in columns, so that a text that is one
// long line with many doubled words costs linear time.
const maxLayoutScan = 200

// wordPolicy applies the policy to the doubles c.dbl[d0:] of the sentence
// at sp, of the paragraph at c.para: it drops those that are not
// reported, turns the fixes that are not sure into suggestions and adds
// the sure doubles across a line break. It reports whether the doubles
// the sentence's key was folded without changed.
func (c *checker) wordPolicy(sp lint.Span, d0 int) bool {
	changed := false
	out := c.dbl[:d0]
	for _, d := range c.dbl[d0:] {
		c.work++
		if c.untouchable(d) {
			changed = changed || d.fix
			continue
		}
		if d.fix && !c.sure(d) {
			d.fix, d.suggest = false, true
			changed = true
		}
		out = append(out, d)
	}
	c.dbl = out
	if c.lineBreakDoubles(sp, d0) {
		changed = true
	}
	return changed
}

// lang returns the word list of the paragraph being checked.
func (c *checker) lang() *wordList {
	if c.language == nil {
		c.work += c.para.Len()
		c.language, c.langScore = languageScore(c.text, c.para)
	}
	return c.language
}

// untouchable reports whether the double d is left alone without a
// word: a mention, code, a table, letters, or copies of different case.
func (c *checker) untouchable(d double) bool {
	t := c.text
	a, b := t[d.first.Start:d.first.End], t[d.second.Start:d.second.End]
	if mentionAround(t, d.first.Start, d.second.End) || codeAround(t, d.first.Start, d.second.End) {
		return true
	}
	if laidOut(t, d) {
		return true
	}
	if utf8.RuneCountInString(a) == 1 {
		r, _ := utf8.DecodeRuneInString(a)
		// A letter that is a word in one language ("e", "y", "o") must
		// not choose the paragraph's language by itself: then the
		// default list judges it, so that removing a sentence nearby
		// cannot make the same pair a fix on a second pass.
		lw := strings.ToLower(a)
		l := c.lang()
		if l.detect[lw] && c.langScore <= 1 {
			l = wordLists[0]
		}
		if unicode.IsUpper(r) || !l.fix[lw] || singleLetterBefore(t, d.first.Start) || singleLetterAfter(t, d.second.End) {
			return true
		}
		// A letter doubled in prose follows a word ("buy a a car"), not
		// a symbol ("$(basename a.b) a a", "o o" in a drawing).
		if _, ok := wordBefore(t, d.first.Start); !ok {
			return true
		}
	}
	return !sameCase(a, b)
}

// sure reports whether the fixed double d is almost certainly a slip.
func (c *checker) sure(d double) bool {
	t := c.text
	w := strings.ToLower(t[d.first.Start:d.first.End])
	l := c.lang()
	// A third copy of a pair that can be meant ("that that that") is a
	// slip whatever the word.
	if !l.fix[w] && !d.pair {
		return false
	}
	// One space between the copies: more is layout (justified or aligned
	// text), where a doubling is less surely a slip.
	if gap := t[d.first.End:d.second.End]; strings.Contains(gap, "  ") || strings.ContainsAny(gap, "\t\n\r") {
		return false
	}
	if after := l.notAfter[w]; after != nil {
		if p, ok := wordBefore(t, d.first.Start); ok && after[strings.ToLower(p)] {
			return false
		}
	}
	return true
}

// lineBreakDoubles adds to c.dbl[d0:] the doubles of the sentence at sp
// whose copies end one line and start the next ("the⏎the"), for function
// words the paragraph's language never doubles; it reports whether it
// added any. The copy that starts the line is removed with the spaces
// after it, so the lines keep their breaks and indentation. c.dbl[d0:]
// stays sorted.
func (c *checker) lineBreakDoubles(sp lint.Span, d0 int) bool {
	t := c.text
	added := false
	for i := sp.Start; i < sp.End; {
		k := strings.IndexByte(t[i:sp.End], '\n')
		if k < 0 {
			break
		}
		nl := i + k
		i = nl + 1
		c.work++
		// The word that ends the line, after a space.
		e := nl
		for e > sp.Start && (t[e-1] == ' ' || t[e-1] == '\t' || t[e-1] == '\r') {
			e--
		}
		s := e
		for s > sp.Start {
			r, n := utf8.DecodeLastRuneInString(t[max(sp.Start, s-utf8.UTFMax):s])
			if !unicode.IsLetter(r) {
				break
			}
			s -= n
		}
		if s == e || s == sp.Start || t[s-1] != ' ' {
			continue
		}
		// The word that starts the next line, and a space after it.
		b := nl + 1
		for b < sp.End && (t[b] == ' ' || t[b] == '\t') {
			b++
		}
		be, letters, _ := scanWord(t, b, sp.End)
		ce := be
		for ce < sp.End && t[ce] == ' ' {
			ce++
		}
		if be == b || ce == be || ce == sp.End || !letters || !sameWord(t[s:e], t[b:be]) {
			continue
		}
		w := strings.ToLower(t[s:e])
		l := c.lang()
		if !l.fix[w] || !sameCase(t[s:e], t[b:be]) || utf8.RuneCountInString(w) == 1 && singleLetterBefore(t, s) ||
			mentionAround(t, s, be) || codeAround(t, s, be) {
			continue
		}
		if after := l.notAfter[w]; after != nil {
			if p, ok := wordBefore(t, s); ok && after[strings.ToLower(p)] {
				continue
			}
		}
		d := double{first: lint.Span{Start: s, End: e}, second: lint.Span{Start: b, End: be}, cut: b, cutEnd: ce, n: 2, fix: true}
		overlaps := false
		for _, o := range c.dbl[d0:] {
			if o.first.Start < ce && b < o.second.End {
				overlaps = true
				break
			}
		}
		if overlaps {
			continue
		}
		c.dbl = append(c.dbl, d)
		added = true
	}
	if added {
		// In the order of what they skip in the key (see addCuts).
		at := func(d double) int {
			if d.fix {
				return d.cut
			}
			return d.second.End
		}
		slices.SortStableFunc(c.dbl[d0:], func(x, y double) int { return at(x) - at(y) })
	}
	return added
}

// mentionAround reports whether the words at [s, e) are quoted: a quote
// or backquote just before s or just after e (fix "a a" typo).
func mentionAround(t string, s, e int) bool {
	if s > 0 {
		r, _ := utf8.DecodeLastRuneInString(t[max(0, s-utf8.UTFMax):s])
		if isQuoteRune(r) {
			return true
		}
	}
	if e < len(t) {
		r, _ := utf8.DecodeRuneInString(t[e:])
		if isQuoteRune(r) {
			return true
		}
	}
	return false
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '\'', '`', '‘', '’', '“', '”', '«', '»', '‹', '›', '„', '‚', '「', '」':
		return true
	}
	return false
}

// codeAround reports whether the words at [s, e) are part of code, a
// path or a command: glued to a symbol that prose does not put against a
// word (http.get, /usr/bin/git git, HEAD HEAD~10), or on a line that
// starts with a shell prompt.
func codeAround(t string, s, e int) bool {
	if s > 0 && strings.IndexByte(`/\_=@#$%&*+<>[]{}|~^`, t[s-1]) >= 0 {
		return true
	}
	if e < len(t) {
		c := t[e]
		if strings.IndexByte(`/\_:=@#$%&*+<>[]{}|~^(`, c) >= 0 && !(c == ':' && (e+1 == len(t) || t[e+1] == ' ' || t[e+1] == '\n')) {
			return true
		}
		if c == '.' && e+1 < len(t) && (isASCIIAlnum(t[e+1])) {
			return true
		}
	}
	ls := strings.LastIndexByte(t[max(0, s-maxLayoutScan):s], '\n') + 1 + max(0, s-maxLayoutScan)
	if ls == max(0, s-maxLayoutScan) && s > maxLayoutScan {
		return false // a long line: not a command line
	}
	for ls < s && (t[ls] == ' ' || t[ls] == '\t') {
		ls++
	}
	if ls+1 < len(t) && (t[ls] == '$' || t[ls] == '%' || t[ls] == '#') && t[ls+1] == ' ' {
		return true
	}
	return false
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// laidOut reports whether the copies of d are cells of a table or
// columns of aligned text: a tab, or two spaces, between them or next to
// them. Only the white space around the copies counts, which the stage's
// own fixes leave as it is, so a second pass judges them the same.
func laidOut(t string, d double) bool {
	wide := func(gap string) bool { return strings.Contains(gap, "  ") || strings.IndexByte(gap, '\t') >= 0 }
	lo := d.first.Start
	for lo > 0 && (t[lo-1] == ' ' || t[lo-1] == '\t') {
		lo--
	}
	hi := d.second.End
	for hi < len(t) && (t[hi] == ' ' || t[hi] == '\t') {
		hi++
	}
	before, after := t[lo:d.first.Start], t[d.second.End:hi]
	// Indentation at the start of a line is not a column, and nor are
	// two spaces after a sentence ("…all.  The the end"), a convention
	// of prose.
	if lo > 0 && isASCIIAlnum(t[lo-1]) && wide(before) || hi < len(t) && t[hi] != '\n' && t[hi] != '\r' && wide(after) {
		return true
	}
	return wide(t[d.first.End:d.second.Start])
}

// wordBefore returns the letters-only word that ends, after spaces, just
// before s.
func wordBefore(t string, s int) (string, bool) {
	e := s
	for e > 0 && t[e-1] == ' ' {
		e--
	}
	b := e
	for b > 0 && s-b < 64 {
		r, n := utf8.DecodeLastRuneInString(t[max(0, b-utf8.UTFMax):b])
		if !unicode.IsLetter(r) {
			break
		}
		b -= n
	}
	return t[b:e], b < e
}

// singleLetterBefore reports whether the word before s is a single
// letter (spaced-out letters: "s p a a m").
func singleLetterBefore(t string, s int) bool {
	w, ok := wordBefore(t, s)
	return ok && utf8.RuneCountInString(w) == 1
}

// singleLetterAfter reports whether the word after e, past spaces, is a
// single letter.
func singleLetterAfter(t string, e int) bool {
	b := e
	for b < len(t) && t[b] == ' ' {
		b++
	}
	if b == e {
		return false
	}
	r, n := utf8.DecodeRuneInString(t[b:])
	if !unicode.IsLetter(r) {
		return false
	}
	if b+n == len(t) {
		return true
	}
	r2, _ := utf8.DecodeRuneInString(t[b+n:])
	return !unicode.IsLetter(r2) && !unicode.IsNumber(r2)
}

// Case shapes of a word.
const (
	caseLower = iota
	caseTitle
	caseUpper
	caseMixed
)

func caseShape(w string) int {
	upper, lower, first := 0, 0, true
	firstUpper := false
	for _, r := range w {
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			upper++
			if first {
				firstUpper = true
			}
		case unicode.IsLower(r):
			lower++
		}
		first = false
	}
	switch {
	case upper == 0:
		return caseLower
	case lower == 0:
		return caseUpper
	case upper == 1 && firstUpper:
		return caseTitle
	}
	return caseMixed
}

// sameCase reports whether copies a and b, in that order, are written
// alike: the same case, or a capital at the start of the first only
// ("The the"). "SELECT select" and "HTTP http" are different words.
func sameCase(a, b string) bool {
	sa, sb := caseShape(a), caseShape(b)
	if utf8.RuneCountInString(a) == 1 {
		return sa == sb || sa == caseUpper && sb == caseLower
	}
	return sa == sb && sa != caseMixed || sa == caseTitle && sb == caseLower || sa == caseMixed && a == b
}
