package normalize

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// mojibakeAlphabet is the material of the random and fuzz tests: pieces
// of mojibake, characters later stages remove or change, entities and
// escape sequences.
var mojibakeAlphabet = []string{
	"Ã", "©", "â", "€", "œ", "Â", "\u00a0", " ", "  ", "a", "B", "\x1b", "[", "m", "]", "\a",
	"&", "amp;", "#", "38", ";", "\u0085", "\u0093", "\u0081", "\xe2", "\x80", "\xff", "√", "Ð",
	"Ñ", "ƒ", "Å", "’", "s", "\u200b", "A\u0303", "\u0301", "ﬁ", "\u2028", "…", "–", "Г",
	"‚", "В", "Ј", "×", "‘", "\n", "<p>", "l", "t", "é", "Ä", "±", "¤", "í", "½", "¸", "\u2009",
}

// checkEncodingChain runs the chain on text and checks the stage
// contract: valid findings, each stage idempotent alone, invalid bytes
// kept, and one pass reaching a fixed point.
func checkEncodingChain(t *testing.T, text string, opts Options) {
	t.Helper()
	stages := Stages(opts)
	cur := text
	inv := invalidBytes(text)
	for _, st := range stages {
		fs := st.Check(cur)
		checkFindings(t, st.Name(), cur, fs)
		next, err := lint.Apply(cur, fixesOf(fs, nil))
		if err != nil {
			t.Fatal(err)
		}
		// Alone, the stage settles within the pipeline's rounds (one
		// round for all but rare inputs, such as a mojibake repair that
		// yields a C1 control the next round maps).
		settle(t, []lint.Stage{st}, next, cur, nil)
		if invalidBytes(next) != inv {
			t.Fatalf("stage %s changed invalid bytes: %q -> %q", st.Name(), cur, next)
		}
		if utf8.ValidString(cur) && !utf8.ValidString(next) {
			t.Fatalf("stage %s made invalid UTF-8: %q -> %q", st.Name(), cur, next)
		}
		cur = next
	}
	settle(t, stages, cur, text, nil)
}

// TestEncodingStagesRandom runs the chain on random mixtures of the
// alphabet (fixed seed, so failures reproduce).
func TestEncodingStagesRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for i := 0; i < n; i++ {
		var sb strings.Builder
		for k := rng.Intn(12); k >= 0; k-- {
			sb.WriteString(mojibakeAlphabet[rng.Intn(len(mojibakeAlphabet))])
		}
		checkEncodingChain(t, sb.String(), Options{Quotes: QuoteStyle(i % 2)})
	}
}

// FuzzEncodingStages fuzzes the chain with inputs built from the
// mojibake alphabet: each byte of recipe picks a piece.
func FuzzEncodingStages(f *testing.F) {
	for _, s := range []string{
		"\x00\x01\x02", "\x05\x06\x07\x08", "\x0a\x0b\x0c\x0d\x0e", "\x22\x23\x24\x25\x26\x27\x28",
		"\x10\x11\x12\x13\x14\x15", "\x29\x2a\x2b\x2c\x2d\x2e\x2f\x30", "\x31\x32\x33\x34\x35\x36\x37\x38\x39",
	} {
		f.Add(s, "", false)
	}
	f.Add("", "rÃ©sumÃ© doesnâ€™t &amp;amp; \x1b[31mred\x1b[0m ﬁne\u2028", true)
	f.Add("", "\xc2\x15\x15\x9b \xe2\u200b\x01\x80\x99", false)
	f.Fuzz(func(t *testing.T, recipe, raw string, keep bool) {
		var sb strings.Builder
		for i := 0; i < len(recipe) && i < 64; i++ {
			sb.WriteString(mojibakeAlphabet[int(recipe[i])%len(mojibakeAlphabet)])
		}
		sb.WriteString(raw)
		opts := Options{}
		if keep {
			opts.Quotes = QuotesKeep
		}
		checkEncodingChain(t, sb.String(), opts)
	})
}
