package normalize

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// TestASCIIQuiet checks the promise of every stage that implements
// lint.ASCIIQuiet, under every option set: on plain ASCII text (tricky
// pieces such as entities, TeX quotes, dashes and dots, joined at
// random), it reports nothing, so the pipeline may skip it.
func TestASCIIQuiet(t *testing.T) {
	pieces := []string{"word", "Word", " ", "  ", "\t", "\n", "\r\n", "\n\n", "&amp;", "&#8217;", "&eacute;", "``", "''", "\"", "'",
		"--", "---", "...", "..", ". . .", "(c)", "(TM)", "1/2", "x^2", "<b>", "~", "|", "\\", "_", "A'", "l'", "5'10\"", "ESC[0m", "!", "?", ",", ";", ":"}
	opts := []Options{{}, {Quotes: QuotesTypographic}, {Quotes: QuotesKeep}, {Width: true}, {Quotes: QuotesTypographic, Lang: "fr", Primes: true}}
	rng := rand.New(rand.NewPCG(5, 6))
	var texts []string
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	quiet := 0
	for _, o := range opts {
		for _, st := range Stages(o) {
			if _, ok := st.(lint.ASCIIQuiet); !ok {
				continue
			}
			quiet++
			for _, text := range texts {
				if !lint.PlainASCII(text) {
					t.Fatalf("test text %q is not plain ASCII", text)
				}
				if fs := st.Check(text); len(fs) > 0 {
					t.Fatalf("stage %s (options %+v) reports %s on plain ASCII %q", st.Name(), o, fs[0].Message, text)
				}
			}
		}
	}
	if want := 7 * len(opts); quiet != want {
		t.Errorf("%d quiet stages checked, want %d (ansi, mojibake, codepoints, invisible, nfc, chars, width)", quiet, want)
	}
}
