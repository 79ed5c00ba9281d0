package normalize

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// A codePage is a single-byte character set that UTF-8 text is commonly
// misread as. Its tables are lenient, as browsers are: a byte the code page
// leaves undefined decodes to the C1 control or Latin-1 character of the
// same number, and (for the Windows and ISO pages) every C1 control
// U+0080–U+009F encodes to its own byte, so that text misread partly as
// Latin-1 and partly as Windows-1252 re-encodes in one go.
type codePage struct {
	name    string
	primary bool        // Windows-1252 / Latin-1: looser evidence suffices
	dec     [256]rune   // byte → character
	lo      [0x500]byte // character < U+0500 → byte (0: not encodable)
	hi      map[rune]byte
	c3      rune   // the character of byte 0xC3, the lead of U+00C0–U+00FF
	c3Space string // c3 and a space
}

// encode returns the byte of r in the code page.
func (cp *codePage) encode(r rune) (byte, bool) {
	if r < utf8.RuneSelf {
		return byte(r), true
	}
	if r < 0x500 {
		b := cp.lo[r]
		return b, b != 0
	}
	b, ok := cp.hi[r]
	return b, ok
}

func newCodePage(name string, cm *charmap.Charmap, primary, c1 bool) *codePage {
	cp := &codePage{name: name, primary: primary, hi: map[rune]byte{}}
	set := func(r rune, b byte) {
		if r < utf8.RuneSelf {
			return
		}
		if r < 0x500 {
			if cp.lo[r] == 0 {
				cp.lo[r] = b
			}
			return
		}
		if _, ok := cp.hi[r]; !ok {
			cp.hi[r] = b
		}
	}
	for b := 0; b < 256; b++ {
		r := cm.DecodeByte(byte(b))
		if r == utf8.RuneError {
			r = rune(b)
		}
		cp.dec[b] = r
		set(r, byte(b))
	}
	if c1 {
		for b := 0x80; b < 0xA0; b++ {
			set(rune(b), byte(b))
		}
	}
	cp.c3 = cp.dec[0xC3]
	cp.c3Space = string(cp.c3) + " "
	return cp
}

// codePages lists the code pages the mojibake stage tries, in order of
// preference: on a tie the earlier one wins.
var codePages = []*codePage{
	newCodePage("Windows-1252", charmap.Windows1252, true, true),
	newCodePage("ISO-8859-2", charmap.ISO8859_2, false, true),
	newCodePage("Windows-1250", charmap.Windows1250, false, true),
	newCodePage("Windows-1251", charmap.Windows1251, false, true),
	newCodePage("Windows-1257", charmap.Windows1257, false, true),
	newCodePage("MacRoman", charmap.Macintosh, false, false),
	newCodePage("CP437", charmap.CodePage437, false, false),
}

// cpWindows1252 is the primary code page.
var cpWindows1252 = codePages[0]

// Masks of the code pages in which a character encodes to a lead byte
// (0xC2–0xF4) or a continuation byte (0x80–0xBF): bit k is codePages[k].
type cpMask uint16

var (
	maskLo [0x500]cpMask
	maskHi = map[rune]cpMask{}
)

const (
	leadShift = 0
	contShift = 8
)

func init() {
	for k, cp := range codePages {
		for b := 0x80; b < 0x100; b++ {
			var bit cpMask
			switch {
			case b >= 0xC2 && b <= 0xF4:
				bit = 1 << (leadShift + k)
			case b < 0xC0:
				bit = 1 << (contShift + k)
			default:
				continue
			}
			add := func(r rune) {
				if r < 0x500 {
					maskLo[r] |= bit
				} else {
					maskHi[r] |= bit
				}
			}
			add(cp.dec[b])
			if cp.dec[b] != rune(b) && b < 0xA0 {
				if e, ok := cp.encode(rune(b)); ok && int(e) == b {
					add(rune(b))
				}
			}
		}
	}
}

// maskOf returns the code page mask of r.
func maskOf(r rune) cpMask {
	if r < 0x500 {
		if r < 0x80 {
			return 0
		}
		return maskLo[r]
	}
	if r < 0x2000 || (r >= 0x2600 && r < 0xFB00) || r >= 0xFC00 {
		return 0
	}
	return maskHi[r]
}
