package segment

import "testing"

// TestNextInteresting checks the eight-byte search against the
// interesting table for every byte value at every offset of a block,
// next to bytes that could borrow into it or match falsely.
func TestNextInteresting(t *testing.T) {
	for _, fill := range []byte{'a', 0x00, 0x01, '\t', ' ', 0x7F} {
		for pos := range 19 {
			for c := range 256 {
				b := make([]byte, 19)
				for k := range b {
					b[k] = fill
				}
				b[pos] = byte(c)
				want := len(b)
				for k, x := range b {
					if interesting[x] {
						want = k
						break
					}
				}
				if got := nextInteresting(string(b), 0); got != want {
					t.Fatalf("nextInteresting(% x) = %d, want %d", b, got, want)
				}
			}
		}
	}
}
