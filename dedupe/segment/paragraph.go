package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Paragraphs returns the paragraphs of text in order: blocks of lines
// separated by one or more blank lines. Lines end at "\n" (a "\r" before
// it is white space, so CRLF text splits the same way), and a line is
// blank when it is empty or holds only white space, Unicode spaces such
// as U+00A0 included. Each Unit runs from the first to the last
// non-space character of its block, so it never starts or ends with
// white space and never holds a blank line. Invalid UTF-8 bytes count as
// text. Paragraphs runs in time linear in len(text).
func Paragraphs(text string) []Unit {
	return AppendParagraphs(nil, text)
}

// AppendParagraphs appends the paragraphs of text, as Paragraphs returns
// them, to dst and returns the extended slice, so that a caller splitting
// many texts can reuse one buffer.
func AppendParagraphs(dst []Unit, text string) []Unit {
	out := dst
	start, end := -1, -1 // the open paragraph, if start >= 0
	for pos := 0; pos <= len(text); {
		eol := strings.IndexByte(text[pos:], '\n')
		if eol < 0 {
			eol = len(text)
		} else {
			eol += pos
		}
		s, e := paraTrimLine(text, pos, eol)
		if s == e {
			if start >= 0 {
				out = append(out, Unit{start, end})
				start = -1
			}
		} else {
			if start < 0 {
				start = s
			}
			end = e
		}
		pos = eol + 1
	}
	if start >= 0 {
		out = append(out, Unit{start, end})
	}
	return out
}

// paraTrimLine returns the bounds of text[s:e] without leading and trailing
// white space; s == e when the line is blank.
func paraTrimLine(text string, s, e int) (int, int) {
	for s < e {
		c := text[s]
		if c < utf8.RuneSelf {
			if !paraIsASCIISpace(c) {
				break
			}
			s++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		c := text[e-1]
		if c < utf8.RuneSelf {
			if !paraIsASCIISpace(c) {
				break
			}
			e--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// paraIsASCIISpace reports whether c is an ASCII white-space byte.
func paraIsASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
