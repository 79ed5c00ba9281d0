package dedupe

import "testing"

// Quoted passages lose the zeros a Markdown view puts for syntax, and
// keep the zeros of numbers.
func TestDropPlaceholders(t *testing.T) {
	for in, want := range map[string]string{
		"0major0":             "major",
		"0morgan0compile0":    "morgan compile",
		"use 0true0 here":     "use true here",
		"costs 100 dollars":   "costs 100 dollars",
		"0.5 of 10":           "0.5 of 10",
		"returns 0 on error":  "returns 0 on error",
		"x10 and 2000 people": "x10 and 2000 people",
		"0été0":               "été",
		"no zero":             "no zero",
	} {
		if got := dropPlaceholders(in); got != want {
			t.Errorf("dropPlaceholders(%q) = %q, want %q", in, got, want)
		}
	}
}
