package jsonl

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline"
)

// benchJSONL builds about size bytes of JSON Lines from variants of
// testdata/seed.txt: its paragraphs shuffled and renumbered, some
// repeated, each record with an id, a URL, a number and a nested object
// around the text.
func benchJSONL(b *testing.B, size int) []byte {
	b.Helper()
	seed, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		b.Fatalf("reading the seed article: %v", err)
	}
	paras := strings.Split(strings.TrimSpace(string(seed)), "\n\n")
	rng := rand.New(rand.NewPCG(1, 2))
	var out []byte
	for id := 0; len(out) < size; id++ {
		var text strings.Builder
		for range 2 + rng.IntN(len(paras)) {
			p := paras[rng.IntN(len(paras))]
			fmt.Fprintf(&text, "(%d) %s\n\n", rng.IntN(1000), p)
		}
		rec, err := json.Marshal(struct {
			ID    int            `json:"id"`
			URL   string         `json:"url"`
			Text  string         `json:"text"`
			Score float64        `json:"score"`
			Meta  map[string]any `json:"meta"`
		}{id, fmt.Sprintf("https://example.com/news/%d?x=1&y=2", id), text.String(), rng.Float64(),
			map[string]any{"lang": "en", "tags": []string{"syria", "us"}}})
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, rec...)
		out = append(out, '\n')
	}
	return out
}

func BenchmarkCleanJSONL(b *testing.B) {
	in := benchJSONL(b, 20<<20)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("j%d", workers), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				_, err := CleanJSONL(context.Background(), strings.NewReader(string(in)), io.Discard, Options{Workers: workers})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// The JSON Lines layer alone: reading, parsing, splicing and writing
	// around a pipeline with no stages.
	b.Run("j1-no-stages", func(b *testing.B) {
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		opts := Options{Workers: 1, NewPipeline: func() *pipeline.Pipeline { return pipeline.New() }}
		for b.Loop() {
			if _, err := CleanJSONL(context.Background(), strings.NewReader(string(in)), io.Discard, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCleanJSONLBBC is the ingestion target: the BBC News corpus
// (../shared/data/corpora/bbc, research use only: read, never shipped)
// as JSON Lines, repeated to about 20 MB, cleaned with the default rules.
func BenchmarkCleanJSONLBBC(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "data", "corpora", "bbc", "*", "*.txt"))
	if len(paths) == 0 {
		b.Skip("BBC corpus not found at ../shared/data/corpora/bbc")
	}
	var one []byte
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		rec, err := json.Marshal(struct {
			ID   int    `json:"id"`
			Text string `json:"text"`
		}{i, string(data)})
		if err != nil {
			b.Fatal(err)
		}
		one = append(append(one, rec...), '\n')
	}
	var in []byte
	for len(in) < 20<<20 {
		in = append(in, one...)
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("j%d", workers), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := CleanJSONL(context.Background(), bytes.NewReader(in), io.Discard, Options{Workers: workers}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
