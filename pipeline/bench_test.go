package pipeline_test

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/registry"
)

// dirty adds to a clean paragraph the kinds of dirt copydesk removes, at
// rates like those of scraped news copy: curly quotes, odd spaces,
// invisible characters, stray double periods, doubled words.
func dirty(rng *rand.Rand, p string) string {
	if rng.Intn(3) == 0 {
		p = strings.Replace(p, `"`, "\u201c", 1)
		p = strings.Replace(p, `"`, "\u201d", 1)
		p = strings.ReplaceAll(p, "'", "\u2019")
	}
	if rng.Intn(8) == 0 {
		p = strings.Replace(p, " ", "\u00a0", 1)
	}
	if rng.Intn(10) == 0 {
		p = strings.Replace(p, " the ", " the the ", 1)
	}
	if rng.Intn(12) == 0 {
		p = strings.Replace(p, ". ", ".. ", 1)
	}
	if rng.Intn(15) == 0 {
		p = strings.Replace(p, " ", "  ", 2)
	}
	if rng.Intn(20) == 0 {
		p = strings.Replace(p, "a", "a\u200b", 1)
	}
	if rng.Intn(25) == 0 {
		p += " "
	}
	return p
}

// benchCorpus builds documents of about 3 KB from the seed article's
// paragraphs, shuffled, with dirt mixed in and one paragraph in twenty
// pasted twice, until they add up to size bytes.
func benchCorpus(b *testing.B, size int) []string {
	b.Helper()
	paras := strings.Split(readTestdata(b, "seed.clean.txt"), "\n\n")
	rng := rand.New(rand.NewSource(1))
	var docs []string
	total := 0
	for total < size {
		var d strings.Builder
		for d.Len() < 3000 {
			p := dirty(rng, paras[rng.Intn(len(paras))])
			d.WriteString(p)
			d.WriteString("\n\n")
			if rng.Intn(20) == 0 {
				d.WriteString(p)
				d.WriteString("\n\n")
			}
		}
		docs = append(docs, d.String())
		total += d.Len()
	}
	return docs
}

// BenchmarkPipeline runs the default pipeline as check does (every rule)
// and as clean does (FixesOnly: the rules that never fix are skipped).
func BenchmarkPipeline(b *testing.B) {
	seed := readTestdata(b, "seed.txt")
	docs := benchCorpus(b, 10<<20)
	total := 0
	for _, d := range docs {
		total += len(d)
	}
	for _, mode := range []struct {
		name string
		opts registry.Options
	}{{"check", registry.Options{}}, {"clean", registry.Options{FixesOnly: true}}} {
		p := registry.Default(mode.opts)
		b.Run(mode.name+"/seed", func(b *testing.B) {
			b.SetBytes(int64(len(seed)))
			b.ReportAllocs()
			for b.Loop() {
				p.Run(seed)
			}
		})
		b.Run(mode.name+"/corpus-10MB", func(b *testing.B) {
			b.SetBytes(int64(total))
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range docs {
					p.Run(d)
				}
			}
		})
	}
}

// BenchmarkPipelineBBC runs the pipeline as clean does over the BBC News
// corpus (../shared/data/corpora/bbc, research use only: read, never
// shipped), with and without the encoding-repair stages, to show what
// the repair detection costs on clean real text.
func BenchmarkPipelineBBC(b *testing.B) {
	root := filepath.Join("..", "..", "shared", "data", "corpora", "bbc")
	paths, _ := filepath.Glob(filepath.Join(root, "*", "*.txt"))
	if len(paths) == 0 {
		b.Skip("BBC corpus not found at ../shared/data/corpora/bbc")
	}
	var docs []string
	total := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, string(data))
		total += len(data)
	}
	repairs := []string{"encoding.mojibake", "encoding.html-entity", "unicode.ansi-escape", "unicode.ligature", "unicode.line-separator"}
	for _, mode := range []struct {
		name string
		opts registry.Options
	}{
		{"clean", registry.Options{FixesOnly: true}},
		{"clean-without-repairs", registry.Options{FixesOnly: true, Disabled: repairs}},
		{"check", registry.Options{}},
	} {
		p := registry.Default(mode.opts)
		b.Run(mode.name, func(b *testing.B) {
			b.SetBytes(int64(total))
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range docs {
					p.Run(d)
				}
			}
		})
	}
}
