package charclass

// UnicodeSpace reports whether r is one of the spaces the chars stage
// turns into a plain space: the no-break space U+00A0, the fixed-width
// spaces U+2000–U+200A, the narrow no-break space U+202F, the medium
// mathematical space U+205F and the ideographic space U+3000.
func UnicodeSpace(r rune) bool {
	switch {
	case r == 0xA0, r >= 0x2000 && r <= 0x200A, r == 0x202F, r == 0x205F, r == 0x3000:
		return true
	}
	return false
}

// IsBlank reports whether c is a space or a tab, the white space inside
// a line.
func IsBlank(c byte) bool { return c == ' ' || c == '\t' }

// IsASCIISpace reports whether c is ASCII white space: space, tab, line
// feed, vertical tab, form feed or carriage return.
func IsASCIISpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}
