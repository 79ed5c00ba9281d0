package normalize

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// codePoint formats r as "U+XXXX".
func codePoint(r rune) string {
	s := strconv.FormatUint(uint64(r), 16)
	if len(s) < 4 {
		s = strings.Repeat("0", 4-len(s)) + s
	}
	return "U+" + strings.ToUpper(s)
}

// countPrefix returns "" for n == 1 and "n × " otherwise, for messages
// about a run of n identical characters.
func countPrefix(n int) string {
	if n == 1 {
		return ""
	}
	return strconv.Itoa(n) + " × "
}

// plural returns "1 space" or "3 spaces".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// isContinuation reports whether b is a UTF-8 continuation byte.
func isContinuation(b byte) bool { return b&0xC0 == 0x80 }

// runeAt decodes the rune at s[i:]; an invalid byte gives (RuneError, 1).
func runeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// An editBlock hands out one-edit Fix slices carved from a shared block,
// so that a stage reporting many findings allocates once per block rather
// than once per finding. Each slice is capped, so appending to one never
// overwrites another.
type editBlock struct {
	buf []lint.Edit
}

// one returns a Fix holding the single edit e.
func (b *editBlock) one(e lint.Edit) []lint.Edit {
	if len(b.buf) == cap(b.buf) {
		// Small first: most texts have a finding or two per stage.
		b.buf = make([]lint.Edit, 0, min(max(4, 2*cap(b.buf)), 64))
	}
	b.buf = append(b.buf, e)
	n := len(b.buf)
	return b.buf[n-1 : n : n]
}
