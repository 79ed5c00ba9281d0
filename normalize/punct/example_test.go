package punct_test

import (
	"fmt"

	"github.com/copydesk/copydesk/normalize/punct"
	"github.com/copydesk/copydesk/pipeline/lint"
)

func ExampleNew() {
	text := "It said in a statement.. Hello , , world ... see ../src"
	stage := punct.New(punct.Options{})
	findings := stage.Check(text)
	var edits []lint.Edit
	for _, f := range findings {
		fmt.Printf("%d-%d %s (%s): %s\n", f.Start, f.End, f.Rule, f.Severity, f.Message)
		edits = append(edits, f.Fix...)
	}
	lint.SortEdits(edits)
	fixed, err := lint.Apply(text, edits)
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(fixed)
	// Output:
	// 22-24 punct.double-period (warning): stray double period: ".." → "."
	// 30-32 punct.space-before (info): space before "," removed
	// 31-34 punct.double-comma (warning): doubled comma: ", ," → ","
	// It said in a statement. Hello, world ... see ../src
}

func ExampleRules() {
	for _, r := range punct.Rules() {
		fmt.Printf("%s %s fixes=%v\n", r.ID, r.Severity, r.Fixes)
	}
	// Output:
	// punct.double-period warning fixes=true
	// punct.double-comma warning fixes=true
	// punct.space-before info fixes=true
	// punct.doubled warning fixes=true
}
