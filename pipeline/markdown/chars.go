package markdown

import (
	"github.com/copydesk/copydesk/pipeline/charclass"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// Kinds of characters for the flanking of emphasis delimiters.
const (
	flankSpace = iota // white space, a line end, the start or end of text
	flankPunct        // punctuation and symbols
	flankOther
)

// flankClass returns the kind of r for CommonMark's delimiter flanking;
// -1 (no character) counts as white space.
func flankClass(r rune) int {
	switch {
	case r < 0 || unicode.IsSpace(r):
		return flankSpace
	case r < utf8.RuneSelf && asciiPunct(byte(r)), unicode.IsPunct(r), unicode.IsSymbol(r):
		return flankPunct
	}
	return flankOther
}

// rawFirstRune returns the first character of s, or -1.
func rawFirstRune(s string) rune {
	if s == "" {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// rawLastRune returns the last character of s, or -1.
func rawLastRune(s string) rune {
	if s == "" {
		return -1
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// firstRune returns the first character of s that the normalize stages
// keep (they remove controls and format characters), or -1.
func firstRune(s string) rune {
	n := 0
	for _, r := range s {
		if !removable(r) || n == maxRemovable {
			return r
		}
		n++
	}
	return -1
}

// maxRemovable bounds how many removable characters firstRune and
// lastRune look past, so that a text of controls costs linear time.
const maxRemovable = 64

// lastRune returns the last character of s that the normalize stages
// keep, or -1.
func lastRune(s string) rune {
	for n := 0; s != ""; n++ {
		r, size := utf8.DecodeLastRuneInString(s)
		if !removable(r) || n == maxRemovable {
			return r
		}
		s = s[:len(s)-size]
	}
	return -1
}

// removable reports whether the normalize stages may remove r
// (charclass.Removed): an invisible or control character, or a
// bidirectional control (removed where unbalanced). A C1 control that
// stands for a Windows-1252 character (U+009A for š) is repaired, not
// removed, so it is not removable.
func removable(r rune) bool {
	return charclass.Removable(r) && !charclass.WindowsC1(r) || charclass.Bidi(r) != charclass.NotBidi
}

// asciiPunct reports whether c is ASCII punctuation: the bytes Markdown
// syntax is made of.
func asciiPunct(c byte) bool { return c < 0x80 && util.IsPunct(c) }
