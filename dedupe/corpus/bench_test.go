package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// syntheticDocs makes n articles of about 2.5 KB in paragraphs, a third
// of them near copies of an earlier one and all with a shared byline.
func syntheticDocs(n int) []string {
	r := rand.New(rand.NewPCG(5, 6))
	vocab := strings.Fields("the a of to in and said he she it was for on that with as by at from minister government people year new would could also but has have been more its their who were after will about over")
	for i := range 2000 {
		vocab = append(vocab, fmt.Sprintf("word%d", i))
	}
	docs := make([]string, 0, n)
	for len(docs) < n {
		if len(docs) > 3 && r.IntN(3) == 0 {
			w := strings.Fields(docs[r.IntN(len(docs))])
			w[r.IntN(len(w))] = "changed"
			docs = append(docs, strings.Join(w, " "))
			continue
		}
		var b strings.Builder
		b.WriteString("Headline of the story\n\nBy A Correspondent, BBC News political correspondent in the capital today\n\n")
		for p := range 8 {
			if p > 0 {
				b.WriteString("\n\n")
			}
			for k := range 50 {
				if k > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(vocab[r.IntN(len(vocab))])
			}
			b.WriteByte('.')
		}
		docs = append(docs, b.String())
	}
	return docs
}

func benchDocs(b *testing.B, docs []string) {
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	a := NewAnalyzer(Options{})
	for b.Loop() {
		c := New(Options{Remove: true})
		for i, d := range docs {
			if _, err := c.Add(fmt.Sprint(i), a.Analyze(d)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCorpus measures Analyze and Add, one core, on synthetic news
// articles with near copies (MB/s of text).
func BenchmarkCorpus(b *testing.B) { benchDocs(b, syntheticDocs(2000)) }

// BenchmarkCorpusBBC is BenchmarkCorpus on the BBC News corpus, when
// ../shared is present.
func BenchmarkCorpusBBC(b *testing.B) {
	files := bbcFiles(b)
	docs := make([]string, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = string(data)
	}
	benchDocs(b, docs)
}
