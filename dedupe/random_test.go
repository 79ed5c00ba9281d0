package dedupe

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestRepeatsRandom checks, on texts made at random of sentences that
// repeat (long and short, with doubled words, one passage of two), joined
// by spaces, line breaks, blank lines or nothing, that the fixes are
// valid and that a second Check finds nothing more to fix, in both
// modes: repeats that appear only once others are removed ("E. No. E. E.
// No.") are found in the same pass.
func TestRepeatsRandom(t *testing.T) {
	units := []string{s1, s2, s3, "No.", "Yes!", p1, "He left. She cried.", "The the end is near for all of us here today."}
	seps := []string{" ", "\n", "\n\n", "", "  ", "\r\n"}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 4000; n++ {
		var b strings.Builder
		k := 2 + rng.IntN(8)
		for i := 0; i < k; i++ {
			if i > 0 {
				b.WriteString(seps[rng.IntN(len(seps))])
			}
			b.WriteString(units[rng.IntN(len(units))])
		}
		text := b.String()
		for _, mode := range []Mode{Adjacent, All} {
			st := New(Options{Mode: mode})
			fs := st.Check(text)
			out := checkFixes(t, text, fs)
			for _, f := range st.Check(out) {
				if len(f.Fix) > 0 && !f.Suggest {
					t.Fatalf("mode %v not idempotent: on %q after fixing %q, %s at %v: %s", mode, out, text, f.Rule, f.Span, f.Message)
				}
			}
		}
	}
}
