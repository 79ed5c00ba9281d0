package walk_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/copydesk/copydesk/pipeline/walk"
)

// Walk a directory: text files only, .gitignore respected, in order.
func ExampleWalk() {
	dir, err := os.MkdirTemp("", "walk-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	for name, text := range map[string]string{
		"b.md": "", "a.txt": "", "code.go": "", "drafts/x.md": "", "sub/c.markdown": "",
		".gitignore": "drafts/\n",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	for e := range walk.Walk([]string{dir}, walk.Options{}) {
		if e.Err != nil {
			fmt.Println("error:", e.Err)
			continue
		}
		fmt.Println(filepath.ToSlash(e.Rel))
	}
	// Output:
	// a.txt
	// b.md
	// sub/c.markdown
}
