package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The README's contents list its sections (## and ###) in order, each
// linked to the anchor GitHub gives its heading.
func TestREADMEContents(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Skipf("no README: %v", err)
	}
	var heads []string
	fence := false
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "```") {
			fence = !fence
			continue
		}
		if fence {
			continue
		}
		for _, p := range []string{"## ", "### "} {
			if h, ok := strings.CutPrefix(line, p); ok && h != "Contents" {
				heads = append(heads, h)
			}
		}
	}
	punct := regexp.MustCompile(`[^\p{L}\p{N}\- _]`)
	var want []string
	for _, h := range heads {
		want = append(want, "["+h+"](#"+strings.ReplaceAll(punct.ReplaceAllString(strings.ToLower(h), ""), " ", "-")+")")
	}
	var got []string
	for _, m := range regexp.MustCompile(`(?m)^\s*- (\[.*\]\(#[^)]*\))$`).FindAllStringSubmatch(string(b), -1) {
		got = append(got, m[1])
	}
	if !slices.Equal(got, want) {
		t.Errorf("README contents:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
