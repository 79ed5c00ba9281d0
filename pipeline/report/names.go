package report

import (
	"strconv"
	"unicode/utf8"
)

// SafeName returns name (a file name, a document id, or any text printed
// on one line of a terminal or a line-based format) with every character
// that could change how the line is shown escaped: the C0 controls and DEL
// (an escape sequence would move the cursor, recolour or retitle the
// terminal), the C1 controls, the line and paragraph separators, and the
// bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
// U+2066–U+2069), which reorder what follows them (Trojan Source). They
// are written as Go escapes: \t, \n, \r, \x1b, \u202e; an invalid UTF-8
// byte as \xff. Other characters, a backslash included, are kept, so a
// name without such characters comes back as it is.
//
// The text and line formats (Text, Pretty, GitHub, Color, the unified
// diff's headers aside) print names through it; the machine formats
// (JSON, SARIF, RDJSONL, Checkstyle) keep the exact name, escaped by
// their own syntax.
func SafeName(name string) string {
	i := 0
	for i < len(name) {
		c := name[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, n := utf8.DecodeRuneInString(name[i:])
		if r == utf8.RuneError && n == 1 || unsafeRune(r) {
			break
		}
		i += n
	}
	if i == len(name) {
		return name
	}
	b := make([]byte, 0, len(name)+8)
	b = append(b, name[:i]...)
	for i < len(name) {
		c := name[i]
		if c >= 0x20 && c < 0x7f {
			b = append(b, c)
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(name[i:])
		}
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, `\x`...)
			b = appendHex(b, uint32(c), 2)
		case r == '\t':
			b = append(b, `\t`...)
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r < 0x20 || r == 0x7f:
			b = append(b, `\x`...)
			b = appendHex(b, uint32(r), 2)
		case unsafeRune(r):
			b = append(b, `\u`...)
			b = appendHex(b, uint32(r), 4)
		default:
			b = append(b, name[i:i+n]...)
		}
		i += n
	}
	return string(b)
}

// unsafeRune reports whether SafeName escapes the non-ASCII rune r.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r < 0xa0: // C1 controls: CSI, OSC, DCS, NEL…
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f: // ALM, LRM, RLM
		return true
	case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	}
	return false
}

// appendHex appends v in lower-case hexadecimal, at least width digits.
func appendHex(b []byte, v uint32, width int) []byte {
	s := strconv.FormatUint(uint64(v), 16)
	for k := len(s); k < width; k++ {
		b = append(b, '0')
	}
	return append(b, s...)
}
