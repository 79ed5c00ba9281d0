package normalize

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// An ftfyCase is one test case of ftfy's test suite (Apache-2.0, Robyn
// Speer; see testdata/ftfy/LICENSE.txt).
type ftfyCase struct {
	Label         string `json:"label"`
	Original      string `json:"original"`
	Fixed         string `json:"fixed"`
	FixedEncoding string `json:"fixed-encoding"`
	Expect        string `json:"expect"`
}

// want returns the expected result of the encoding repair alone.
func (c ftfyCase) want() string {
	if c.FixedEncoding != "" {
		return c.FixedEncoding
	}
	return c.Fixed
}

func loadFTFY(t *testing.T, path string) []ftfyCase {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading ftfy cases: %v", err)
	}
	var cs []ftfyCase
	if err := json.Unmarshal(b, &cs); err != nil {
		t.Fatalf("parsing %s: %v", path, err)
	}
	return cs
}

// repairMojibake applies the mojibake stage's fixes to text, not its
// suggestions: what clean does by default.
func repairMojibake(t *testing.T, text string) string {
	t.Helper()
	var fs []lint.Finding
	for _, f := range (mojibakeStage{}).Check(text) {
		if !f.Suggest {
			fs = append(fs, f)
		}
	}
	out, err := lint.Apply(text, fixesOf(fs, nil))
	if err != nil {
		t.Fatalf("applying fixes to %q: %v", text, err)
	}
	return out
}

// runFTFY runs the cases and returns how many pass.
func runFTFY(t *testing.T, name string, cs []ftfyCase) int {
	t.Helper()
	pass := 0
	for _, c := range cs {
		got := repairMojibake(t, c.Original)
		if got == c.want() {
			pass++
			continue
		}
		t.Logf("%s: %s\n\tin:   %+q\n\tgot:  %+q\n\twant: %+q", name, c.Label, c.Original, got, c.want())
	}
	t.Logf("%s: %d/%d pass", name, pass, len(cs))
	return pass
}

// sharedFTFYDir finds shared/data/ftfy beside the repository (../shared
// from its root) or beside a folder above it, as for a work tree kept
// in a subfolder.
func sharedFTFYDir() (string, bool) {
	dir := filepath.Join("..", "..")
	for range 4 {
		d := filepath.Join(dir, "shared", "data", "ftfy")
		if _, err := os.Stat(d); err == nil {
			return d, true
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", false
		}
		dir = filepath.Join(dir, "..")
	}
	return "", false
}

// TestMojibakeFTFYShared runs all of ftfy's test cases from the shared
// data directory, and pins the number that pass per category.
func TestMojibakeFTFYShared(t *testing.T) {
	dir, ok := sharedFTFYDir()
	if !ok {
		t.Skip("ftfy test cases not found in shared/data/ftfy beside the repository or a folder above it: skipping")
	}
	for _, tc := range []struct {
		file string
		want int // cases that pass
	}{
		{"in-the-wild.json", 66},
		{"synthetic.json", 30},
		{"language-names.json", 17},
		{"negative.json", 31},
	} {
		t.Run(tc.file, func(t *testing.T) {
			cs := loadFTFY(t, filepath.Join(dir, tc.file))
			if got := runFTFY(t, tc.file, cs); got != tc.want {
				t.Errorf("%s: %d/%d cases pass, pinned %d", tc.file, got, len(cs), tc.want)
			}
		})
	}
}

// TestMojibakeFTFYSubset runs the committed subset of ftfy's cases
// (testdata/ftfy, Apache-2.0): every one must pass.
func TestMojibakeFTFYSubset(t *testing.T) {
	cs := loadFTFY(t, filepath.Join("testdata", "ftfy", "cases.json"))
	if len(cs) < 20 {
		t.Fatalf("only %d cases", len(cs))
	}
	if got := runFTFY(t, "subset", cs); got != len(cs) {
		t.Errorf("%d/%d cases pass, want all", got, len(cs))
	}
}
