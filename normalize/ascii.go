package normalize

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// word8 loads s[i:i+8] as a little-endian word; the compiler makes it one
// load.
func word8(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// skipASCII returns the offset of the first byte at or after i that is
// not ASCII, or len(s), eight bytes at a time.
func skipASCII(s string, i int) int {
	// Long runs 32 bytes at a time: one test for four words.
	for ; i+32 <= len(s); i += 32 {
		if (word8(s, i)|word8(s, i+8)|word8(s, i+16)|word8(s, i+24))&msb != 0 {
			break
		}
	}
	for ; i+8 <= len(s); i += 8 {
		if word8(s, i)&msb != 0 {
			break
		}
	}
	for ; i < len(s) && s[i] < 0x80; i++ {
	}
	return i
}

// skipPrintableASCII returns the offset of the first byte at or after i
// that is not printable ASCII (0x20–0x7E), or len(s). Tabs and line
// breaks stop it too: the caller looks at them.
func skipPrintableASCII(s string, i int) int {
	for ; i+16 <= len(s); i += 16 {
		w, v := word8(s, i), word8(s, i+8)
		if (w|(w+lsb)|v|(v+lsb))&msb != 0 || ((w-0x20*lsb)&^w|(v-0x20*lsb)&^v)&msb != 0 {
			break
		}
	}
	for ; i+8 <= len(s); i += 8 {
		w := word8(s, i)
		if (w|(w+lsb))&msb != 0 || (w-0x20*lsb)&^w&msb != 0 {
			break
		}
	}
	for ; i < len(s) && s[i] >= 0x20 && s[i] < 0x7F; i++ {
	}
	return i
}
