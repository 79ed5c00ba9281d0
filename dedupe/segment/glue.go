package segment

import (
	"strings"
	"unicode/utf8"
)

// noSpaceBreak cuts after the period at i when it ends a sentence with no
// space after it, as in "Hello world.Today is Tuesday." or "1,000.That":
// a lower-case letter or digit before it, a capitalized word after it that
// ends at white space or punctuation, and no sign of an e-mail address, URL,
// file name or abbreviation.
func (s *scanner) noSpaceBreak(i int) {
	t := s.text
	n := len(t)
	if i < 2 || i+2 >= n {
		return
	}
	w := i // where the word before the terminator ends
	if c := t[i-1]; (c == '"' || c == ')') && i >= 3 {
		w = i - 1 // "tune".The", "(see above).The"
	}
	if p := t[w-1]; !isASCIILower(p) && !isASCIIDigit(p) {
		return
	}
	if !isASCIIUpper(t[i+1]) {
		return
	}
	if w == i && !isASCIILower(t[i+2]) {
		// "began.A major": the one-letter words "A" and "I".
		if (t[i+1] == 'A' || t[i+1] == 'I') && t[i+2] == ' ' && s.gluedWordBefore(i) {
			s.cut(i + 1)
		}
		return
	}
	e := i + 3
	for e < n && (isASCIILower(t[e]) || t[e] == '\'' && e+1 < n && isASCIILower(t[e+1])) && e-i < 24 {
		e++ // "Fever.Davis's body"
	}
	if e-i <= 5 && fileSuffix[strings.ToLower(t[i+1:e])] {
		return // "example.Com", "notes.Txt": a domain or a file name
	}
	if e < n {
		switch c := t[e]; {
		case asciiSpace[c]:
		case c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?':
			if e+1 < n && !spaceAt(t, e+1) && !isCloserByte(t[e+1]) {
				return
			}
		default:
			return
		}
	}
	if w < i && !isASCIILower(t[i+2]) {
		return
	}
	b := w - 1
	for b > s.start && w-b <= 32 && (isASCIILetter(t[b-1]) || isASCIIDigit(t[b-1]) || t[b-1] == ',' ||
		(t[b-1] == '-' || t[b-1] == '\'') && b-1 > s.start && isASCIILetter(t[b-2])) {
		b-- // "run-in.Tries", "Jones'.He"
	}
	if w-b < 2 || w-b > 32 {
		return
	}
	if w < i {
		// Before a closing quote or bracket: the word opens with the
		// matching opener or follows a space.
		for b > s.start && (t[b-1] == '"' || t[b-1] == '(') {
			b--
		}
	}
	if b > s.start && !spaceBefore(t, b) && !isOpenerBefore(t, b) {
		return // "x@example.Com", "http://a.b/Foo"
	}
	if c := s.classify(t[b:w]); c != abNone {
		return // "Mr.Smith"
	}
	s.cut(i + 1)
}

// fileSuffix holds the top-level domains and file name extensions that,
// capitalized after a dot, are still a name's end, not a sentence's
// start.
var fileSuffix = map[string]bool{
	"com": true, "org": true, "net": true, "gov": true, "edu": true, "int": true, "io": true,
	"txt": true, "pdf": true, "doc": true, "docx": true, "htm": true, "html": true, "jpg": true,
	"png": true, "gif": true, "zip": true, "exe": true, "csv": true, "xls": true, "xlsx": true,
	"ppt": true, "mp3": true, "mp4": true, "md": true, "json": true, "xml": true,
}

// gluedWordBefore reports whether a word of two or more letters, the
// last one lower-case, ends at the terminator at i, with a space or the
// sentence's start before it: "began." in "began.A major", not "U.S.",
// "NATO." or "x@a.b".
func (s *scanner) gluedWordBefore(i int) bool {
	t := s.text
	if i < 1 || !isASCIILower(t[i-1]) {
		return false
	}
	b := i
	for b > s.start && i-b <= 32 && isASCIILetter(t[b-1]) {
		b--
	}
	if i-b < 2 || i-b > 32 {
		return false
	}
	return b == s.start || spaceBefore(t, b) || isOpenerBefore(t, b)
}

// quotesOdd reports whether the current block holds an odd number of
// straight double quotes before i. It counts on from where the last call
// stopped, so a text full of glued quotes costs linear time.
func (s *scanner) quotesOdd(i int) bool {
	if s.qpos < s.blockStart {
		s.qpos, s.qodd = s.blockStart, false
	}
	if i > s.qpos {
		s.qodd = s.qodd != (strings.Count(s.text[s.qpos:i], `"`)%2 == 1)
		s.qpos = i
	}
	return s.qodd
}

// quoteAt reports whether a double quotation mark starts t[j:].
func quoteAt(t string, j int) bool {
	if j >= len(t) {
		return false
	}
	if t[j] == '"' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t[j:])
	return r == '“' || r == '”'
}

// quoteGlueBreak handles a terminator at i, right after a word and
// ending at j, that a quotation mark joins to the next sentence with no
// space: "Christmas."We are", "Christmas.”“We are", "said.“We are", as
// a paragraph pasted after another with no space leaves it. It cuts
// after the quotes that close (a straight quote closes when the block
// has one open) and before those that open, and returns where scanning
// goes on, or returns 0.
func (s *scanner) quoteGlueBreak(i, j int) int {
	t := s.text
	c := j
	// A straight quote is open if the block so far has an odd number:
	// a quotation can run over several sentences.
	open := s.quotesOdd(i)
	for c < len(t) {
		r, size := utf8.DecodeRuneInString(t[c:])
		if r == '”' || r == '"' && open {
			open = open && r != '"'
			c += size
			continue
		}
		break
	}
	o := c
	if r, size := utf8.DecodeRuneInString(t[o:]); r == '“' || r == '"' {
		o += size
	}
	if o == j || o >= len(t) || !isASCIIUpper(t[o]) || !s.gluedWordBefore(i) {
		return 0
	}
	if o+1 < len(t) && !isASCIILower(t[o+1]) && !(t[o] == 'A' || t[o] == 'I') {
		return 0 // "said."NATO": not a plain word
	}
	s.cut(c)
	return c
}
