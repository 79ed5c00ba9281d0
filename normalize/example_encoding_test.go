package normalize_test

import (
	"fmt"

	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// Example_encoding shows the encoding repairs: mojibake re-decoded,
// HTML entities decoded, a ligature spelled out and an ANSI colour code
// removed, before the rest of the chain straightens the quotes.
func Example_encoding() {
	text := "\x1b[1mThe cafÃ©\x1b[0m doesnâ€™t serve ﬁsh &amp; chips.\n"
	for _, st := range normalize.Stages(normalize.Options{}) {
		fs := st.Check(text)
		var edits []lint.Edit
		for _, f := range fs {
			fmt.Printf("%s: %s\n", f.Rule, f.Message)
			edits = append(edits, f.Fix...)
		}
		lint.SortEdits(edits)
		text, _ = lint.Apply(text, edits)
	}
	fmt.Print(text)
	// Output:
	// unicode.ansi-escape: ANSI escape sequence "\x1b[1m" removed
	// unicode.ansi-escape: ANSI escape sequence "\x1b[0m" removed
	// encoding.html-entity: HTML entity &amp; → "&"
	// encoding.mojibake: mojibake "Ã©" → "é" (UTF-8 read as Windows-1252)
	// encoding.mojibake: mojibake "â€™" → "’" (UTF-8 read as Windows-1252)
	// unicode.ligature: ligature ﬁ (U+FB01) → fi
	// quotes.curly: curly quote ’ (U+2019) → '
	// The café doesn't serve fish & chips.
}
