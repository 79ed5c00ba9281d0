package normalize

import "testing"

// TestSkipASCII checks the word-at-a-time scans against their byte-wise
// definitions for every byte value at every offset of 40 bytes, so that
// each of the 32-, 16-, 8- and 1-byte steps meets it.
func TestSkipASCII(t *testing.T) {
	for _, fill := range []byte{'a', ' ', '~', 0x00, 0x7F} {
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
					if got := skipASCII(s, from); got != want {
						t.Fatalf("skipASCII(% x, %d) = %d, want %d", b, from, got, want)
					}
					want = from
					for want < len(s) && s[want] >= 0x20 && s[want] < 0x7F {
						want++
					}
					if got := skipPrintableASCII(s, from); got != want {
						t.Fatalf("skipPrintableASCII(% x, %d) = %d, want %d", b, from, got, want)
					}
				}
			}
		}
	}
}
