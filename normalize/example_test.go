package normalize_test

import (
	"fmt"

	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/lint"
)

func Example() {
	text := "\ufeff “Hello”\u00a0 world…\u200b \n"
	for _, st := range normalize.Stages(normalize.Options{}) {
		fs := st.Check(text)
		var edits []lint.Edit
		for _, f := range fs {
			fmt.Printf("%s %s: %s\n", st.Name(), f.Rule, f.Message)
			edits = append(edits, f.Fix...)
		}
		lint.SortEdits(edits)
		text, _ = lint.Apply(text, edits)
	}
	fmt.Printf("%q\n", text)
	// Output:
	// invisible unicode.bom: byte order mark U+FEFF at the start of the text removed
	// invisible unicode.invisible: invisible character U+200B ZERO WIDTH SPACE removed
	// chars quotes.curly: curly quote “ (U+201C) → "
	// chars quotes.curly: curly quote ” (U+201D) → "
	// chars space.unicode: no-break space (U+00A0) → space
	// chars punct.ellipsis: ellipsis … (U+2026) → ...
	// spaces space.leading: leading space removed
	// spaces space.repeated: 2 spaces collapsed to one
	// spaces space.trailing: trailing space removed
	// "\"Hello\" world...\n"
}

func ExampleRules() {
	for _, r := range normalize.Rules()[:3] {
		fmt.Printf("%s (%s, fixes: %v)\n", r.ID, r.Severity, r.Fixes)
	}
	// Output:
	// unicode.ansi-escape (warning, fixes: true)
	// encoding.html-entity (warning, fixes: true)
	// encoding.mojibake (warning, fixes: true)
}
