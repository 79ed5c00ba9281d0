package dedupe_test

import (
	"fmt"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/pipeline/lint"
)

func Example() {
	text := "The official said the strikes hit an area along the border.\n\n" +
		"The official said the strikes hit an area along the border.\n\n" +
		"At least one fighter was killed. At least one fighter was killed. It was the the first strike.\n"

	st := dedupe.New(dedupe.Options{})
	var edits []lint.Edit
	for _, f := range st.Check(text) {
		fmt.Printf("%s %s: %s\n", f.Severity, f.Rule, f.Message)
		edits = append(edits, f.Fix...)
	}
	lint.SortEdits(edits)
	clean, err := lint.Apply(text, edits)
	if err != nil {
		panic(err)
	}
	fmt.Print(clean)
	// Output:
	// error dedupe.paragraph: paragraph repeats the paragraph just before it (removed)
	// error dedupe.sentence: sentence repeats the sentence just before it (removed)
	// warning dedupe.word: repeated word "the" (the second copy is removed)
	// The official said the strikes hit an area along the border.
	//
	// At least one fighter was killed. It was the first strike.
}
