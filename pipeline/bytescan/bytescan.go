package bytescan

// Eight-byte constants: Ones has 0x01 in every byte, Highs 0x80.
// Multiply Ones by a byte to repeat it: '.'*Ones.
const (
	Ones  = 0x0101010101010101
	Highs = 0x8080808080808080
)

// Load8 returns s[i:i+8] as a little-endian word. It panics if fewer than
// eight bytes follow i, as an index would; the compiler makes it one load.
func Load8(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// Load8Bytes is Load8 for a byte slice.
func Load8Bytes(b []byte, i int) uint64 {
	_ = b[i+7]
	return uint64(b[i]) | uint64(b[i+1])<<8 | uint64(b[i+2])<<16 | uint64(b[i+3])<<24 |
		uint64(b[i+4])<<32 | uint64(b[i+5])<<40 | uint64(b[i+6])<<48 | uint64(b[i+7])<<56
}

// ZeroMask flags the zero bytes of w, in the sense that its lowest set
// bit is the high bit of w's first zero byte, and it is 0 if w has none.
// Bytes above the first zero may be flagged wrongly (a borrow), so only
// the lowest flag is exact. w ^ c*Ones turns "bytes equal to c" into zero
// bytes.
func ZeroMask(w uint64) uint64 { return (w - Ones) &^ w & Highs }

// ExactZeroMask flags exactly the zero bytes of w: no sum carries from
// one byte into the next, so every flag is right, not only the lowest.
func ExactZeroMask(w uint64) uint64 { return ^(w&^Highs + 0x7F*Ones | w) & Highs }

// HighMask flags the bytes of w from 0x80 up (non-ASCII bytes).
func HighMask(w uint64) uint64 { return w & Highs }

// NotPlain reports whether the word w holds a byte that is not printable
// ASCII (0x20–0x7E): a control byte (tabs and line breaks included), DEL,
// or a byte from 0x80 up.
func NotPlain(w uint64) bool {
	// w+Ones sets the top bit of 0x7F; a carry out of a byte from 0x80 up
	// is flagged by w itself. w-0x20*Ones borrows in a byte below 0x20.
	return (w|(w+Ones))&Highs != 0 || (w-0x20*Ones)&^w&Highs != 0
}

// SkipASCII returns the offset of the first byte at or after i that is
// not ASCII (from 0x80 up), or len(s), 32 and then 8 bytes at a time.
func SkipASCII(s string, i int) int {
	for ; i+32 <= len(s); i += 32 {
		if (Load8(s, i)|Load8(s, i+8)|Load8(s, i+16)|Load8(s, i+24))&Highs != 0 {
			break
		}
	}
	for ; i+8 <= len(s); i += 8 {
		if Load8(s, i)&Highs != 0 {
			break
		}
	}
	for ; i < len(s) && s[i] < 0x80; i++ {
	}
	return i
}

// SkipPrintableASCII returns the offset of the first byte at or after i
// that is not printable ASCII (0x20–0x7E), or len(s). Tabs and line
// breaks stop it too.
func SkipPrintableASCII(s string, i int) int {
	for ; i+16 <= len(s); i += 16 {
		if NotPlain(Load8(s, i)) || NotPlain(Load8(s, i+8)) {
			break
		}
	}
	for ; i+8 <= len(s); i += 8 {
		if NotPlain(Load8(s, i)) {
			break
		}
	}
	for ; i < len(s) && s[i] >= 0x20 && s[i] < 0x7F; i++ {
	}
	return i
}

// PlainASCII reports whether s is plain ASCII text: printable ASCII
// characters, tabs, line feeds and carriage returns only; eight bytes at
// a time.
func PlainASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := Load8(s, i)
		// A byte from 0x80 up, or DEL (0x7F + 1 sets the top bit; a
		// carry out of a byte from 0x80 up is flagged already).
		if (w|(w+Ones))&Highs != 0 {
			return false
		}
		// A byte below 0x20: check which.
		if (w-0x20*Ones)&^w&Highs != 0 {
			for _, c := range []byte(s[i : i+8]) {
				if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
					return false
				}
			}
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c >= 0x7F || c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}
