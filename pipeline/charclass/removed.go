package charclass

// Removal says what the invisible stage does with a character.
type Removal uint8

const (
	// Keep: the character stays.
	Keep Removal = iota
	// Invisible: an invisible character, removed (U+200B ZERO WIDTH
	// SPACE, U+2060 WORD JOINER, U+FEFF ZERO WIDTH NO-BREAK SPACE,
	// U+00AD SOFT HYPHEN). ZWJ and ZWNJ join or separate letters in
	// several scripts and emoji, and are kept.
	Invisible
	// Control: a control character, removed (C0 other than tab, line
	// feed, carriage return and form feed; DEL; C1).
	Control
)

// Removed classifies r the way the invisible stage treats it. A U+FEFF
// at the start of a text is a byte order mark; Removed calls every
// U+FEFF Invisible, and the caller tells the two apart by position.
func Removed(r rune) Removal {
	switch {
	case r < 0x20:
		if r == '\t' || r == '\n' || r == '\r' || r == '\f' || r < 0 {
			return Keep
		}
		return Control
	case r < 0x7F:
		return Keep
	case r <= 0x9F:
		return Control
	case r == 0xAD, r == 0x200B, r == 0x2060, r == 0xFEFF:
		return Invisible
	}
	return Keep
}

// Removable reports whether the invisible stage removes r.
func Removable(r rune) bool { return Removed(r) != Keep }

// WindowsC1 reports whether r is a C1 control (U+0080–U+009F) that
// stands for a Windows-1252 character: text decoded as Latin-1 that was
// Windows-1252 holds U+009A where "š" was meant. The mojibake repair may
// turn it back into that character; the five C1 controls that stand for
// no Windows-1252 character (U+0081, U+008D, U+008F, U+0090, U+009D) are
// only ever removed.
func WindowsC1(r rune) bool {
	if r < 0x80 || r > 0x9F {
		return false
	}
	return r != 0x81 && r != 0x8D && r != 0x8F && r != 0x90 && r != 0x9D
}

// BidiKind classifies a bidirectional formatting character.
type BidiKind uint8

const (
	// NotBidi: not a bidirectional embedding, override or isolate.
	NotBidi BidiKind = iota
	// BidiEmbed opens an embedding or override: LRE U+202A, RLE
	// U+202B, LRO U+202D, RLO U+202E. PDF U+202C closes it.
	BidiEmbed
	// BidiPopEmbed is PDF U+202C, which closes an embedding or override.
	BidiPopEmbed
	// BidiIsolate opens an isolate: LRI U+2066, RLI U+2067, FSI
	// U+2068. PDI U+2069 closes it.
	BidiIsolate
	// BidiPopIsolate is PDI U+2069, which closes an isolate.
	BidiPopIsolate
)

// Bidi classifies r as a bidirectional embedding, override or isolate,
// or the character that closes one. The marks LRM, RLM and ALM are not
// among them: they change no order beyond their own position.
func Bidi(r rune) BidiKind {
	switch r {
	case 0x202A, 0x202B, 0x202D, 0x202E:
		return BidiEmbed
	case 0x202C:
		return BidiPopEmbed
	case 0x2066, 0x2067, 0x2068:
		return BidiIsolate
	case 0x2069:
		return BidiPopIsolate
	}
	return NotBidi
}

// BidiName returns the Unicode abbreviation of a bidirectional control
// ("RLO", "PDI"), or "" for another character.
func BidiName(r rune) string {
	switch r {
	case 0x202A:
		return "LRE"
	case 0x202B:
		return "RLE"
	case 0x202C:
		return "PDF"
	case 0x202D:
		return "LRO"
	case 0x202E:
		return "RLO"
	case 0x2066:
		return "LRI"
	case 0x2067:
		return "RLI"
	case 0x2068:
		return "FSI"
	case 0x2069:
		return "PDI"
	}
	return ""
}
