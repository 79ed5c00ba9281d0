package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/copydesk/copydesk/pipeline/report"
)

func ExamplePretty() {
	r := examplePipeline().Run("Title\n\nIt said “yes”, in a statement..\n")
	if err := report.Pretty(os.Stdout, report.PrettyOptions{}, report.NewFile("story.txt", r)); err != nil {
		fmt.Println(err)
	}
	// Output:
	// story.txt:3:9: warning: "“" → "\"" [quotes.curly]
	//   3 | It said “yes”, in a statement..
	//     |         ^
	// story.txt:3:13: warning: "”" → "\"" [quotes.curly]
	//   3 | It said “yes”, in a statement..
	//     |             ^
	// story.txt:3:30: warning: ".." → "." [punct.double-period]
	//   3 | It said “yes”, in a statement..
	//     |                              ^^
}

func ExampleGitHub() {
	r := examplePipeline().Run("It said “yes”..\n")
	if err := report.GitHub(os.Stdout, report.NewFile("story.txt", r)); err != nil {
		fmt.Println(err)
	}
	// Output:
	// ::warning file=story.txt,line=1,col=9,endLine=1,endColumn=9,title=quotes.curly::"“" → "\""
	// ::warning file=story.txt,line=1,col=13,endLine=1,endColumn=13,title=quotes.curly::"”" → "\""
	// ::warning file=story.txt,line=1,col=14,endLine=1,endColumn=15,title=punct.double-period::".." → "."
}

func ExampleCheckstyle() {
	r := examplePipeline().Run("It said yes..\n")
	if err := report.Checkstyle(os.Stdout, report.NewFile("story.txt", r)); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <checkstyle version="4.3">
	//   <file name="story.txt">
	//     <error line="1" column="12" severity="warning" message="&#34;..&#34; → &#34;.&#34;" source="copydesk.punct.double-period"/>
	//   </file>
	// </checkstyle>
}

func ExampleRDJSONL() {
	r := examplePipeline().Run("“Yes”..\n")
	f := report.NewFile("story.txt", r)
	f.Findings = f.Findings[2:] // keep the example short
	if err := report.RDJSONL(os.Stdout, f); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"message":"\"..\" → \".\"","location":{"path":"story.txt","range":{"start":{"line":1,"column":10},"end":{"line":1,"column":12}}},"severity":"WARNING","source":{"name":"copydesk"},"code":{"value":"punct.double-period"},"suggestions":[{"range":{"start":{"line":1,"column":10},"end":{"line":1,"column":12}},"text":"."}]}
}

func ExampleSARIF() {
	p := examplePipeline()
	r := p.Run("It said “yes”..\n")
	var b bytes.Buffer
	err := report.SARIF(&b, []report.File{report.NewFile("story.txt", r)}, report.SARIFOptions{
		Version:        "1.0.0",
		InformationURI: "https://github.com/copydesk/copydesk",
		Rules:          p.Rules(),
	})
	if err != nil {
		fmt.Println(err)
	}
	// Show one result's essentials.
	var log struct {
		Runs []struct {
			ColumnKind string
			Results    []struct {
				RuleID    string
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						Region struct{ StartLine, StartColumn, EndColumn, CharOffset, CharLength int }
					}
				}
			}
		}
	}
	json.Unmarshal(b.Bytes(), &log)
	run := log.Runs[0]
	x := run.Results[2]
	fmt.Println(run.ColumnKind, x.RuleID, x.Level, x.Locations[0].PhysicalLocation.Region)
	// Output:
	// unicodeCodePoints punct.double-period warning {1 14 16 13 2}
}

func ExampleHTML() {
	r := examplePipeline().Run("It said “yes”..\n")
	var b bytes.Buffer
	err := report.HTML(&b, []report.HTMLDoc{{Name: "story.txt", Result: r}}, report.HTMLOptions{Title: "Review"})
	if err != nil {
		fmt.Println(err)
	}
	page := b.String()
	fmt.Println(strings.Count(page, "<del "), "deletions,", strings.Count(page, "<ins "), "insertions")
	// Output:
	// 3 deletions, 3 insertions
}
