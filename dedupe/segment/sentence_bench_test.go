package segment_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/dedupe/segment"
)

// benchNews builds about 4 MB of news-like text: the seed article repeated,
// with abbreviations, numbers, quotes, lists, stray "..", wrapped lines and
// CRLF mixed in.
func benchNews(b *testing.B) string {
	b.Helper()
	seed, err := os.ReadFile(filepath.Join(repoRoot(b), "testdata", "seed.txt"))
	if err != nil {
		b.Fatal(err)
	}
	dirt := []string{
		"Mr. Smith told the U.S. Senate at 10:30 a.m. that prices rose 3.5% to $3.50. He left.\n\n",
		"Gen. J. R. R. Doe (ret.) said \"It is over.\" Then he went to www.example.com/a.b.. It was late.\n\n",
		"1. The first item 2. The second item\n- milk\n- eggs\n\n",
		"The report, e.g. the draft, was long... It was wrapped\nacross two lines. Acme Inc. The firm said no.\r\n\r\n",
	}
	var sb strings.Builder
	for i := 0; sb.Len() < 4<<20; i++ {
		sb.Write(seed)
		sb.WriteString("\n\n")
		sb.WriteString(dirt[i%len(dirt)])
	}
	return sb.String()
}

func BenchmarkSentences(b *testing.B) {
	text := benchNews(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		segment.Sentences(text)
	}
}

// BenchmarkSentencesAppend reuses the output buffer, as a caller splitting
// many documents would.
func BenchmarkSentencesAppend(b *testing.B) {
	text := benchNews(b)
	var dst []segment.Unit
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		dst = (*segment.Splitter)(nil).AppendSentences(dst[:0], text)
	}
}

// BenchmarkSentencesASCII measures clean ASCII prose.
func BenchmarkSentencesASCII(b *testing.B) {
	text := strings.Repeat("The official said the strikes hit an area along the border between the Syrian city of Boukamal and the Iraqi town of Qaim. There are about 2,500 US troops in Iraq.\n\n", 25000)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		segment.Sentences(text)
	}
}

// BenchmarkSentencesBBC splits the BBC News corpus (about 5 MB, research
// use only) when the shared data folder is present.
func BenchmarkSentencesBBC(b *testing.B) {
	dir := filepath.Join(repoRoot(b), "..", "shared", "data", "corpora", "bbc")
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		b.Skipf("skipping: %s is not present", dir)
	}
	var sb strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") || strings.HasSuffix(path, "README.TXT") {
			return err
		}
		data, err := os.ReadFile(path)
		sb.Write(data)
		sb.WriteString("\n\n")
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		segment.Sentences(text)
	}
}
