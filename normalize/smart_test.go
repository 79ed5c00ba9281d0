package normalize

import (
	"testing"
)

func TestSmart(t *testing.T) {
	on := Options{Quotes: QuotesTypographic}
	for _, tc := range []struct{ in, want string }{
		{"He paused... then spoke.", "He paused… then spoke."},
		{"Wait... what", "Wait… what"},
		{"pages 10--20 and 1990--1995", "pages 10–20 and 1990–1995"},
		{"...and then", "…and then"},
		{"He spoke -- briefly -- and left.", "He spoke — briefly — and left."},
		{"A well--known fact.", "A well—known fact."},
		{"“Yes”--she said.", "“Yes”—she said."},
		// Left alone.
		{"Wait . . . no", "Wait . . . no"},
		{"Wait. . . no", "Wait. . . no"},
		{"no.... End", "no.... End"},
		{"cd .. and ..", "cd .. and .."},
		{"see ../src/a...b and http://x.com/a...b now", "see ../src/a...b and http://x.com/a...b now"},
		{"at www.x...y now", "at www.x...y now"},
		{"run --help now", "run --help now"},
		{"End--", "End--"},
		{"-- \nsig", "-- \nsig"},
		{"a --- b", "a --- b"},
		{"git log -- path/to/file", "git log -- path/to/file"},
		{"rm -rf -- \"$dir\" and ls -la -- foo", "rm -rf -- \"$dir\" and ls -la -- foo"},
		{"git checkout -- file.txt", "git checkout -- file.txt"},
		{"from 1...10 and a...b and file...txt", "from 1...10 and a...b and file...txt"},
		{"func f(args ...interface{})", "func f(args ...interface{})"},
		{"x -- ", "x -- "},
		{"a - b", "a - b"},
	} {
		got, fs := applyStage(t, smartStage{on: true}, tc.in, nil)
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
		checkFindings(t, "smart", tc.in, fs)
		if again, _ := applyStage(t, smartStage{on: true}, got, nil); again != got {
			t.Errorf("%q: not idempotent: %q then %q", tc.in, got, again)
		}
		if off, _ := applyStage(t, smartStage{on: false}, tc.in, nil); off != tc.in {
			t.Errorf("off, %q: got %q", tc.in, off)
		}
	}
	// In the chain: the typographic style and its dots and dashes.
	if got, _ := runChain(t, Stages(on), "\"Well...\" he said -- and left.", nil); got != "“Well…” he said — and left." {
		t.Errorf("chain: got %q", got)
	}
	if got, _ := runChain(t, Stages(Options{}), "\"Well...\" he said -- and left.", nil); got != "\"Well...\" he said -- and left." {
		t.Errorf("ASCII style chain: got %q", got)
	}
}
