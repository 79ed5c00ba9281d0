package bytescan

import (
	"math/bits"
	"testing"
)

// TestSkips checks the word-at-a-time scans against their byte-wise
// definitions for every byte value at every offset of 40 bytes, so that
// each of the 32-, 16-, 8- and 1-byte steps meets it.
func TestSkips(t *testing.T) {
	for _, fill := range []byte{'a', ' ', '~', '\n', 0x00, 0x7F} {
		for pos := range 40 {
			for c := range 256 {
				b := make([]byte, 40)
				for k := range b {
					b[k] = fill
				}
				b[pos] = byte(c)
				s := string(b)
				for from := range 3 {
					want := from
					for want < len(s) && s[want] < 0x80 {
						want++
					}
					if got := SkipASCII(s, from); got != want {
						t.Fatalf("SkipASCII(% x, %d) = %d, want %d", b, from, got, want)
					}
					want = from
					for want < len(s) && s[want] >= 0x20 && s[want] < 0x7F {
						want++
					}
					if got := SkipPrintableASCII(s, from); got != want {
						t.Fatalf("SkipPrintableASCII(% x, %d) = %d, want %d", b, from, got, want)
					}
				}
				plain := true
				for _, x := range b {
					if x >= 0x7F || x < 0x20 && x != '\t' && x != '\n' && x != '\r' {
						plain = false
					}
				}
				if got := PlainASCII(s); got != plain {
					t.Fatalf("PlainASCII(% x) = %v, want %v", b, got, plain)
				}
			}
		}
	}
}

// TestMasks checks the masks on every byte value at every position of a
// word, against the byte-wise definitions.
func TestMasks(t *testing.T) {
	for _, fill := range []byte{'a', 0x00, 0x80, 0xFF} {
		for pos := range 8 {
			for c := range 256 {
				b := []byte{fill, fill, fill, fill, fill, fill, fill, fill}
				b[pos] = byte(c)
				w := Load8Bytes(b, 0)
				if w != Load8(string(b), 0) {
					t.Fatalf("Load8 and Load8Bytes differ on % x", b)
				}
				first, exact := -1, uint64(0)
				notPlain := false
				for k, x := range b {
					if x == 0 {
						exact |= 0x80 << (8 * k)
						if first < 0 {
							first = k
						}
					}
					if x < 0x20 || x >= 0x7F {
						notPlain = true
					}
				}
				if got := ExactZeroMask(w); got != exact {
					t.Fatalf("ExactZeroMask(% x) = %x, want %x", b, got, exact)
				}
				m := ZeroMask(w)
				if (first < 0) != (m == 0) || first >= 0 && bits.TrailingZeros64(m)>>3 != first {
					t.Fatalf("ZeroMask(% x) = %x, first zero byte %d", b, m, first)
				}
				if NotPlain(w) != notPlain {
					t.Fatalf("NotPlain(% x) = %v, want %v", b, NotPlain(w), notPlain)
				}
			}
		}
	}
}
