package pipeline_test

import (
	"fmt"

	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

func Example() {
	text := "It said  in a statement.. “We acted.”\n"
	r := registry.Default(registry.Options{}).Run(text)
	fmt.Printf("%q\n", r.Cleaned)
	idx := lint.NewLineIndex(text)
	for _, f := range r.Findings {
		p := idx.Position(f.Start)
		fmt.Printf("%d:%d %s %s\n", p.Line, p.Column, f.Rule, f.Severity)
	}
	// Output:
	// "It said in a statement. \"We acted.\"\n"
	// 1:8 space.repeated info
	// 1:24 punct.double-period warning
	// 1:27 quotes.curly warning
	// 1:37 quotes.curly warning
}
