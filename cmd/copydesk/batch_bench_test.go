package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// benchTree writes 1000 documents of about 3 KB (the seed article with
// some dirt) in 10 directories, and returns the tree's path.
func benchTree(b *testing.B) string {
	b.Helper()
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed.txt"))
	if err != nil {
		b.Fatal(err)
	}
	root := b.TempDir()
	total := 0
	for i := range 1000 {
		text := fmt.Sprintf("Document %d..\n\n%s\nThe the end ,here.\n", i, seed)
		p := filepath.Join(root, fmt.Sprintf("d%d", i%10), fmt.Sprintf("doc%04d.txt", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		total += len(text)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	return root
}

// BenchmarkBatch cleans a directory of documents: -l (read and clean
// only), -o DIR (mirrored, one sync at the end), and check, with one
// and two workers.
func BenchmarkBatch(b *testing.B) {
	for _, j := range []string{"1", "2"} {
		b.Run("list/j"+j, func(b *testing.B) { benchRun(b, "clean", "-j", j, "-l", benchTree(b)) })
		b.Run("mirror/j"+j, func(b *testing.B) {
			tree := benchTree(b)
			benchRun(b, "clean", "-j", j, "-o", filepath.Join(b.TempDir(), "out"), tree)
		})
		b.Run("check/j"+j, func(b *testing.B) { benchRun(b, "check", "-j", j, "--format", "json", benchTree(b)) })
	}
}
