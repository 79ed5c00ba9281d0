package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchFile writes about 8 MB of the seed article, repeated with some
// dirt mixed in, and returns its path.
func benchFile(b *testing.B) string {
	b.Helper()
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed.txt"))
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for i := 0; sb.Len() < 8<<20; i++ {
		sb.Write(seed)
		sb.WriteString("\n\n")
		switch i % 4 {
		case 0:
			sb.WriteString("A  sentence with  spaces ,and a stray period..\n\n")
		case 1:
			sb.WriteString("Paragraph twice.\n\nParagraph twice.\n\n")
		case 2:
			sb.WriteString("The the word and \u00a0no-break space\u200b.\n\n")
		}
	}
	path := filepath.Join(b.TempDir(), "big.txt")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(sb.Len()))
	b.ReportAllocs()
	return path
}

func benchRun(b *testing.B, args ...string) {
	for b.Loop() {
		e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: os.Getenv, newPipeline: defaultPipeline}
		if code := e.run(args); code == 2 {
			b.Fatalf("%v: exit 2", args)
		}
	}
}

func BenchmarkClean(b *testing.B)     { benchRun(b, "clean", benchFile(b)) }
func BenchmarkDiff(b *testing.B)      { benchRun(b, "diff", benchFile(b)) }
func BenchmarkCheckText(b *testing.B) { benchRun(b, "check", benchFile(b)) }
func BenchmarkCheckJSON(b *testing.B) { benchRun(b, "check", "--format", "json", benchFile(b)) }
