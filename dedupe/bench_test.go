package dedupe

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/dedupe/segment"
)

// newsText returns about size bytes of news-like text: paragraphs of one
// to four sentences of the seed article, each made unique with a number
// ("On day 12, ..." or "... in district 12."), with a little dirt of every
// kind the stage handles mixed in: about one paragraph in 50 pasted twice,
// one in 40 ending with a repeated sentence, one in 30 with a doubled word.
// The seed brings curly quotes and apostrophes.
func newsText(tb testing.TB, size int) string {
	b, err := os.ReadFile("../testdata/seed.txt")
	if err != nil {
		tb.Fatal(err)
	}
	seedText := string(b)
	var seeds []string
	for _, u := range segment.Sentences(seedText) {
		seeds = append(seeds, seedText[u.Start:u.End])
	}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 0
	sentence := func() string {
		s := seeds[rng.IntN(len(seeds))]
		n++
		if rng.IntN(2) == 0 {
			return fmt.Sprintf("On day %d, %s%s", n, strings.ToLower(s[:1]), s[1:])
		}
		return fmt.Sprintf("%s in district %d.", strings.TrimRight(s, "."), n)
	}
	var sb strings.Builder
	for sb.Len() < size {
		ss := make([]string, 1+rng.IntN(4))
		for i := range ss {
			ss[i] = sentence()
		}
		if rng.IntN(40) == 0 {
			ss = append(ss, ss[len(ss)-1])
		}
		p := strings.Join(ss, " ")
		if rng.IntN(30) == 0 {
			p = strings.Replace(p, " the ", " the the ", 1)
		}
		sb.WriteString(p)
		sb.WriteString("\n\n")
		if rng.IntN(50) == 0 {
			sb.WriteString(p)
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}

func benchCheck(b *testing.B, opts Options, text string) {
	st := New(opts)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		st.Check(text)
	}
}

func BenchmarkCheck(b *testing.B) {
	text := newsText(b, 4<<20)
	b.Run("adjacent", func(b *testing.B) { benchCheck(b, Options{}, text) })
	b.Run("all", func(b *testing.B) { benchCheck(b, Options{Mode: All}, text) })
}

// BenchmarkCheckBBC runs the stage on the BBC News corpus (about 5 MB of
// real articles with real repeats) when ../shared is present.
func BenchmarkCheckBBC(b *testing.B) {
	benchCheck(b, Options{}, bbcText(b))
}

// bbcText returns the BBC News corpus as one text, articles separated by
// blank lines, or skips b when ../shared is absent.
func bbcText(b *testing.B) string {
	b.Helper()
	files, _ := filepath.Glob("../../shared/data/corpora/bbc/*/*.txt")
	if len(files) == 0 {
		b.Skip("BBC corpus not found at ../../shared/data/corpora/bbc (optional, not shipped)")
	}
	var sb strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
		sb.WriteString("\n\n")
	}
	return sb.String()
}

func BenchmarkKey(b *testing.B) {
	text := newsText(b, 1<<20)
	var f folder
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f.buf = f.buf[:0]
		f.begin()
		f.add(text)
		f.end()
	}
}
