package segment

import (
	"math/bits"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/bytescan"
)

// Interesting bytes for the main loop: everything else is skipped in a
// tight loop.
var interesting = func() (t [256]bool) {
	for _, c := range []byte{'.', '!', '?', '\n', '\r', ')'} {
		t[c] = true
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// Eight-byte constants (package bytescan).
const (
	lsb = bytescan.Ones
	msb = bytescan.Highs
)

// nextInteresting returns the offset of the first byte at or after i
// that interesting marks, or len(t), testing sixteen bytes at a time.
func nextInteresting(t string, i int) int {
	for {
		for ; i+16 <= len(t); i += 16 {
			s := t[i : i+16]
			m0, m1 := interesting8(bytescan.Load8(s, 0)), interesting8(bytescan.Load8(s[8:], 0))
			if m0 != 0 {
				i += bits.TrailingZeros64(m0) >> 3
				goto found
			}
			if m1 != 0 {
				i += 8 + bits.TrailingZeros64(m1)>>3
				goto found
			}
		}
		if i+8 <= len(t) {
			if m := interesting8(bytescan.Load8(t[i:], 0)); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto found
			}
			i += 8
		}
		for i < len(t) && !interesting[t[i]] {
			i++
		}
		return i
	found:
		if interesting[t[i]] {
			return i
		}
		i++ // a tab or other byte below 0x10, a '/' or a '>'
	}
}

// interesting8 flags the bytes of the eight-byte word w that may be
// interesting: its lowest set bit is the high bit of the first byte that
// interesting marks or of an earlier byte below 0x10 (a tab, a control),
// '/' or '>', and it is 0 if w holds none of these.
func interesting8(w uint64) uint64 {
	// A zero byte of a or b is a match: x|0x08 is ')' (0x29) for '!' and
	// ')' only, and x|0x11 is '?' (0x3F) for '.' and '?', and for '/'
	// and '>', which nextInteresting steps over. Bytes below 0x10 ('\n',
	// '\r', and tabs and controls, stepped over too) borrow in w-0x10,
	// and bytes from 0x80 up have their high bit set. A borrow only
	// flags bytes above the one it comes from, so the lowest flagged byte
	// is always one of these.
	a := (w | 0x08*lsb) ^ (')' * lsb)
	b := (w | 0x11*lsb) ^ ('?' * lsb)
	return ((a-lsb)&^a | (b-lsb)&^b | (w - 0x10*lsb) | w) & msb
}
