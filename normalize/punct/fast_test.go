package punct

import "testing"

// TestNextPunct checks the eight-byte search against punctByte for every
// byte value at every offset of a block, after bytes that could borrow
// into it.
func TestNextPunct(t *testing.T) {
	for _, fill := range []byte{'a', 0x00, 0x01, ' ', 0x80, 0xFF} {
		for pos := range 11 {
			for c := range 256 {
				b := make([]byte, 11)
				for k := range b {
					b[k] = fill
				}
				b[pos] = byte(c)
				want := len(b)
				for k, x := range b {
					if punctByte[x] {
						want = k
						break
					}
				}
				if got := nextPunct(string(b), 0); got != want {
					t.Fatalf("nextPunct(% x) = %d, want %d", b, got, want)
				}
			}
		}
	}
}
