package shard

import (
	"strings"
	"testing"
)

// TestChecksum: lines are counted as a first pass counts its output's,
// a last line without a line feed included, and the sum is of the bytes.
func TestChecksum(t *testing.T) {
	for _, c := range []struct {
		in    string
		lines int64
	}{{"", 0}, {"a\n", 1}, {"a\nb", 2}, {"a\n\n", 2}, {strings.Repeat("x\n", 100000), 100000}} {
		n, sum, err := Checksum(strings.NewReader(c.in))
		if err != nil || n != c.lines || len(sum) != 16 {
			t.Errorf("%.20q: %d lines, sum %q, %v; want %d lines", c.in, n, sum, err, c.lines)
		}
	}
	_, a, _ := Checksum(strings.NewReader("a\n"))
	_, b, _ := Checksum(strings.NewReader("b\n"))
	if a == b {
		t.Error("two texts, one checksum")
	}
}
