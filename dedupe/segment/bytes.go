package segment

import (
	"unicode"
	"unicode/utf8"
)

// Character classes.

const (
	maxToken     = 64 // longest token examined before a period
	maxAbbrevLen = 32 // longest abbreviation looked up
)

// asciiSpace holds the ASCII white-space bytes; indexing it with any byte
// is safe.
var asciiSpace = [256]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true}

func isASCIILower(c byte) bool  { return c >= 'a' && c <= 'z' }
func isASCIIUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isASCIILetter(c byte) bool { return isASCIILower(c) || isASCIIUpper(c) }
func isASCIIDigit(c byte) bool  { return c >= '0' && c <= '9' }

func lowerByte(c byte) byte {
	if isASCIIUpper(c) {
		return c + 'a' - 'A'
	}
	return c
}

// lowerASCII appends s to dst with ASCII letters in lower case.
func lowerASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isASCIIUpper(c) {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// spaceAt reports whether a white-space character starts at i.
func spaceAt(t string, i int) bool {
	c := t[i]
	if c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	r, _ := utf8.DecodeRuneInString(t[i:])
	return unicode.IsSpace(r)
}

// spaceBefore reports whether a white-space character ends at i > 0.
func spaceBefore(t string, i int) bool {
	c := t[i-1]
	if c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	r, _ := utf8.DecodeLastRuneInString(t[:i])
	return unicode.IsSpace(r)
}

func bulletBefore(t string, i int) bool {
	if t[i-1] < utf8.RuneSelf {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t[:i])
	return isBullet(r)
}

// skipSpace returns the position of the first byte at or after i that does
// not start a white-space character.
func skipSpace(t string, i int) int {
	for i < len(t) {
		c := t[i]
		if c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// lineBreakAt returns the width of the line break at i (0 if none) and
// whether it is a paragraph separator.
func lineBreakAt(t string, i int) (int, bool) {
	switch c := t[i]; {
	case c == '\n':
		return 1, false
	case c == '\r':
		if i+1 < len(t) && t[i+1] == '\n' {
			return 2, false
		}
		return 1, false
	case c < utf8.RuneSelf:
		return 0, false
	}
	switch r, size := utf8.DecodeRuneInString(t[i:]); r {
	case '\u2028', '\u0085':
		return size, false
	case '\u2029':
		return size, true
	}
	return 0, false
}

// isBangRune reports whether r is an exclamation or question mark other
// than ASCII "!" and "?".
func isBangRune(r rune) bool {
	switch r {
	case '‼', '⁇', '⁈', '⁉', '‽':
		return true
	}
	return false
}

// isBullet reports whether r is a list bullet.
func isBullet(r rune) bool {
	switch r {
	case '•', '‣', '⁃', '◦', '▪', '▸', '►', '●', '∙':
		return true
	}
	return false
}

// isCloserByte reports whether c closes a quotation or bracket.
func isCloserByte(c byte) bool {
	switch c {
	case '"', '\'', ')', ']', '}':
		return true
	}
	return false
}

func isCloserRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isCloserByte(byte(r))
	}
	switch r {
	case '”', '’', '»', '›', '」', '』', '）':
		return true
	}
	return false
}

// skipClosers returns the position after the closing quotes and brackets
// at j.
func skipClosers(t string, j int) int {
	for j < len(t) {
		c := t[j]
		if c < utf8.RuneSelf {
			if !isCloserByte(c) {
				break
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[j:])
		if !isCloserRune(r) && !(reversedCloser(r) && (j+size == len(t) || spaceAt(t, j+size))) {
			break
		}
		j += size
	}
	return j
}

// reversedCloser reports whether r, an opening quote in English and
// French, closes a quotation in German and Danish („…“, ‚…‘, »…«, ›…‹)
// when white space or the end follows it.
func reversedCloser(r rune) bool {
	switch r {
	case '“', '‘', '«', '‹':
		return true
	}
	return false
}

// dotFollower reports whether what is at i can follow a dot of a spaced
// ellipsis (". . ."): the end, white space, another dot or a closer.
func dotFollower(t string, i int) bool {
	if i >= len(t) {
		return true
	}
	c := t[i]
	if c == '.' || isCloserByte(c) {
		return true
	}
	if c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	r, _ := utf8.DecodeRuneInString(t[i:])
	return unicode.IsSpace(r) || isCloserRune(r)
}

// maySpaceOrOpen marks the bytes that may start white space or an opening
// quote or bracket: those that skipSpace or openerAt may step over.
var maySpaceOrOpen = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= utf8.RuneSelf || asciiSpace[c] || openerAt(string(rune(c)), 0) > 0
	}
	return t
}()

// openerAt returns the width of the opening quote or bracket at i, or 0.
func openerAt(t string, i int) int {
	c := t[i]
	if c < utf8.RuneSelf {
		switch c {
		case '"', '\'', '(', '[', '{', '*', '_':
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(t[i:])
	switch r {
	case '“', '‘', '«', '‹', '„', '‚', '¿', '¡', '「', '『', '（':
		return size
	}
	return 0
}

func isOpenerBefore(t string, i int) bool {
	r, size := utf8.DecodeLastRuneInString(t[:i])
	if size == 0 {
		return false
	}
	return openerAt(t, i-size) == size && r != utf8.RuneError
}

// trimOpeners removes opening quotes and brackets from the front of tok.
func trimOpeners(tok string) string {
	for tok != "" {
		size := openerAt(tok, 0)
		if size == 0 {
			break
		}
		tok = tok[size:]
	}
	return tok
}

// trimClosers removes closing quotes and brackets from the end of tok.
func trimClosers(tok string) string {
	for tok != "" {
		r, size := utf8.DecodeLastRuneInString(tok)
		if !isCloserRune(r) {
			break
		}
		tok = tok[:len(tok)-size]
	}
	return tok
}
