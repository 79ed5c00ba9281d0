package segment

import (
	"testing"

	"github.com/copydesk/copydesk/pipeline/bytescan"
)

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

// TestLetters8 checks the eight-byte letter test against isASCIILetter for
// every byte value at every position, next to bytes that could carry into
// it.
func TestLetters8(t *testing.T) {
	for _, fill := range []byte{'a', 'Z', 0x00, '@', '[', '`', '{', 0x7F, 0x80, 0xFF} {
		for pos := range 8 {
			for c := range 256 {
				b := []byte{fill, fill, fill, fill, fill, fill, fill, fill}
				b[pos] = byte(c)
				got := letters8(bytescan.Load8(string(b), 0))
				for k, x := range b {
					if want := isASCIILetter(x); (got>>(8*k+7)&1 == 1) != want {
						t.Fatalf("letters8(% x): byte %d is a letter: %v, want %v", b, k, !want, want)
					}
				}
			}
		}
	}
}

// TestMaySpaceOrOpen checks that every byte that starts white space or an
// opening quote or bracket is marked.
func TestMaySpaceOrOpen(t *testing.T) {
	for c := range 256 {
		s := string([]byte{byte(c), 'a'})
		if (skipSpace(s, 0) > 0 || openerAt(s, 0) > 0) && !maySpaceOrOpen[c] {
			t.Errorf("byte %#x starts white space or an opener but is not marked", c)
		}
	}
}
