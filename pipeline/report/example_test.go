package report_test

import (
	"fmt"
	"os"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/lint/linttest"
	"github.com/copydesk/copydesk/pipeline/report"
)

// examplePipeline is a small pipeline of the test stages; with
// registry.Default the use is the same.
func examplePipeline() *pipeline.Pipeline {
	return pipeline.New(
		linttest.Replace{Rule: "quotes.curly", Old: "“", New: `"`, Severity: lint.Warning},
		linttest.Replace{Rule: "quotes.curly", Old: "”", New: `"`, Severity: lint.Warning},
		linttest.Replace{Rule: "punct.double-period", Old: "..", New: ".", Severity: lint.Warning},
	)
}

func ExampleUnified() {
	r := examplePipeline().Run("Title\nIt said “yes”, in a statement..\nThe end.\n")
	err := report.Unified(os.Stdout, r.Original, r.Edits(), report.UnifiedOptions{
		OldName: "a/story.txt",
		NewName: "b/story.txt",
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// --- a/story.txt
	// +++ b/story.txt
	// @@ -1,3 +1,3 @@
	//  Title
	// -It said “yes”, in a statement..
	// +It said "yes", in a statement.
	//  The end.
}

func ExampleText() {
	r := examplePipeline().Run("Title\n\nIt said “yes”, in a statement..\n")
	if err := report.Text(os.Stdout, report.NewFile("story.txt", r)); err != nil {
		fmt.Println(err)
	}
	// Output:
	// story.txt:3:9: warning: "“" → "\"" [quotes.curly]
	// story.txt:3:13: warning: "”" → "\"" [quotes.curly]
	// story.txt:3:30: warning: ".." → "." [punct.double-period]
}

func ExampleJSON() {
	r := examplePipeline().Run("It said “yes”..")
	files := []report.File{report.NewFile("story.txt", r)}
	files[0].Findings = files[0].Findings[2:] // keep the example short
	if err := report.JSON(os.Stdout, files); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "version": 1,
	//   "files": [
	//     {
	//       "path": "story.txt",
	//       "findings": [
	//         {"rule": "punct.double-period", "severity": "warning", "message": "\"..\" → \".\"", "line": 1, "column": 14, "end_line": 1, "end_column": 16, "offset": 17, "end_offset": 19, "replacement": ".", "fix": [{"offset": 17, "end_offset": 19, "new": "."}], "related": []}
	//       ]
	//     }
	//   ]
	// }
}

func ExampleDiffs() {
	r := examplePipeline().Run("“Yes”..")
	for _, d := range report.Diffs(r.Original, r.Edits()) {
		fmt.Printf("%s %q\n", d.Type, d.Text)
	}
	// Output:
	// Delete "“"
	// Insert "\""
	// Equal "Yes"
	// Delete "”"
	// Insert "\""
	// Delete ".."
	// Insert "."
}

func ExampleRulesText() {
	if err := report.RulesText(os.Stdout, examplePipeline().Rules()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// quotes.curly         warning  fixes  replaces "“"
	// quotes.curly         warning  fixes  replaces "”"
	// punct.double-period  warning  fixes  replaces ".."
}
