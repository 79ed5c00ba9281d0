package markdown_test

import (
	"fmt"

	"github.com/copydesk/copydesk/pipeline/markdown"
	"github.com/copydesk/copydesk/pipeline/registry"
)

func ExampleRun() {
	src := "# “Notes”\n\n" +
		"Run `cd ..` first, it said in a statement..\n\n" +
		"Read [the guide](https://example.com/a..b) twice.\n\n" +
		"Read [the guide](https://example.com/a..b) twice.\n"
	r := markdown.Run(registry.Default(registry.Options{}), src)
	fmt.Print(r.Cleaned)
	// Output:
	// # "Notes"
	//
	// Run `cd ..` first, it said in a statement.
	//
	// Read [the guide](https://example.com/a..b) twice.
}

func ExampleIsMarkdownPath() {
	fmt.Println(markdown.IsMarkdownPath("docs/README.md"), markdown.IsMarkdownPath("notes.txt"))
	// Output: true false
}
