package report_test

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/report"
)

// benchResult runs the test pipeline on about 8 MB of the seed article
// repeated, with TODOs, double periods and repeated paragraphs mixed in.
func benchResult(b *testing.B) *pipeline.Result {
	b.Helper()
	seed, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		b.Skipf("seed article: %v", err)
	}
	var sb strings.Builder
	for i := 0; sb.Len() < 8<<20; i++ {
		sb.Write(seed)
		sb.WriteString("\n\n")
		switch i % 4 {
		case 0:
			sb.WriteString("A TODO note, here..\n\n")
		case 1:
			sb.WriteString("Same again.\n\nSame again.\n\n")
		}
	}
	return testPipeline().Run(sb.String())
}

func BenchmarkUnified(b *testing.B) {
	r := benchResult(b)
	edits := r.Edits()
	b.SetBytes(int64(len(r.Original)))
	b.ReportAllocs()
	for b.Loop() {
		if err := report.Unified(io.Discard, r.Original, edits, report.UnifiedOptions{OldName: "a/x", NewName: "b/x"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnifiedFewChanges is a large clean text with one change at
// each end: the cost of finding lines.
func BenchmarkUnifiedFewChanges(b *testing.B) {
	text := strings.Repeat("The quick brown fox jumps over the lazy dog.\n", 200000)
	edits := []lint.Edit{edit(4, 9, "slow"), edit(len(text)-5, len(text)-1, "cat.")}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := report.Unified(io.Discard, text, edits, report.UnifiedOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewFile(b *testing.B) {
	r := benchResult(b)
	b.SetBytes(int64(len(r.Original)))
	b.ReportAllocs()
	for b.Loop() {
		report.NewFile("x", r)
	}
}

func BenchmarkJSON(b *testing.B) {
	r := benchResult(b)
	files := []report.File{report.NewFile("x", r)}
	b.SetBytes(int64(len(r.Original)))
	b.ReportAllocs()
	for b.Loop() {
		if err := report.JSON(io.Discard, files); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkText(b *testing.B) {
	r := benchResult(b)
	f := report.NewFile("x", r)
	b.SetBytes(int64(len(r.Original)))
	b.ReportAllocs()
	for b.Loop() {
		if err := report.Text(io.Discard, f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkColor(b *testing.B) {
	r := benchResult(b)
	b.SetBytes(int64(len(r.Original)))
	b.ReportAllocs()
	for b.Loop() {
		if err := report.Color(io.Discard, "x", r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormats(b *testing.B) {
	r := benchResult(b)
	f := report.NewFile("x", r)
	files := []report.File{f}
	for _, bm := range []struct {
		name   string
		render func() error
	}{
		{"Pretty", func() error { return report.Pretty(io.Discard, report.PrettyOptions{}, f) }},
		{"SARIF", func() error { return report.SARIF(io.Discard, files, report.SARIFOptions{}) }},
		{"GitHub", func() error { return report.GitHub(io.Discard, f) }},
		{"Checkstyle", func() error { return report.Checkstyle(io.Discard, f) }},
		{"RDJSONL", func() error { return report.RDJSONL(io.Discard, f) }},
		{"HTML", func() error {
			return report.HTML(io.Discard, []report.HTMLDoc{{Name: "x", Result: r}}, report.HTMLOptions{})
		}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(r.Original)))
			b.ReportAllocs()
			for b.Loop() {
				if err := bm.render(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
