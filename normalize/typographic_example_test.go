package normalize_test

import (
	"fmt"
	"strings"

	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// clean runs the normalize stages over text and applies every fix.
func clean(opts normalize.Options, text string) string {
	for _, st := range normalize.Stages(opts) {
		var edits []lint.Edit
		for _, f := range st.Check(text) {
			edits = append(edits, f.Fix...)
		}
		lint.SortEdits(edits)
		text, _ = lint.Apply(text, edits)
	}
	return text
}

func ExampleQuoteStyle_typographic() {
	text := `"It's the '90s," she said. He's 5'10".`
	fmt.Println(clean(normalize.Options{Quotes: normalize.QuotesTypographic}, text))
	fmt.Println(clean(normalize.Options{Quotes: normalize.QuotesTypographic, Primes: true}, text))
	fmt.Println(clean(normalize.Options{Quotes: normalize.QuotesTypographic, Lang: "de"},
		`"Wie geht's?", fragte sie. "Er las 'Faust'."`))
	fr := clean(normalize.Options{Quotes: normalize.QuotesTypographic, Lang: "fr"}, `"Quoi ?" dit l'homme.`)
	fmt.Println(strings.ReplaceAll(fr, "\u202F", "⍽")) // ⍽ marks U+202F NARROW NO-BREAK SPACE
	// Output:
	// “It’s the ’90s,” she said. He’s 5'10".
	// “It’s the ’90s,” she said. He’s 5′10″.
	// „Wie geht’s?“, fragte sie. „Er las ‚Faust‘.“
	// «⍽Quoi⍽?⍽» dit l’homme.
}

func ExampleLanguages() {
	fmt.Println(normalize.Languages(), normalize.ValidLang("de-CH"), normalize.ValidLang("xx"))
	// Output: [en de fr es it nl sv] true false
}
