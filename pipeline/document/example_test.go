package document_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/copydesk/copydesk/pipeline/config"
	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// A Markdown story with a .copydesk.toml beside it and a suppression
// comment, cleaned as `copydesk clean story.md` cleans it: the nearest
// configuration file sets the house style, Markdown code is left alone,
// and the comment keeps a quoted "..".
func Example() {
	path := filepath.Join("testdata", "example", "story.md")
	text, err := os.ReadFile(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	checker := document.New(document.Options{
		Config: &config.Loader{Rules: registry.Rules()},
		// clean keeps only the cleaned text: the rules that never fix
		// need not run.
		Pipeline: registry.Options{FixesOnly: true},
	})
	r, err := checker.Check(document.Doc{Name: "story.md", Path: path, Text: string(text)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Cleaned)
	// Output:
	// # The “river” report
	//
	// The river rose by two metres overnight. Residents were told to leave.
	//
	// <!-- copydesk-disable-next-line punct.double-period -- quoted as printed -->
	// The sign read “Road closed..” all morning.
	//
	// ```sh
	// echo "keep.."  # code is left as it is
	// ```
}
