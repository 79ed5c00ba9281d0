package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/pipeline/jsonl"
)

func TestMain(m *testing.M) {
	beam.Init()
	os.Exit(m.Run())
}

// bbcSample returns every step-th BBC article as a record, with a few
// copies and near copies, or skips.
func bbcSample(t *testing.T, step int) []string {
	var files []string
	for _, up := range []string{"../../..", "../../../.."} {
		dir := filepath.Join(up, "shared", "data", "corpora", "bbc")
		if files, _ = filepath.Glob(filepath.Join(dir, "*", "*.txt")); len(files) >= 2000 {
			break
		}
	}
	if len(files) < 2000 {
		t.Skip("the BBC corpus is not in ../shared")
	}
	sort.Strings(files)
	var recs []string
	for i := 0; i < len(files); i += step {
		b, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		r, _ := json.Marshal(map[string]string{"id": filepath.Base(filepath.Dir(files[i])) + "/" + filepath.Base(files[i]), "text": strings.ToValidUTF8(string(b), "\uFFFD")})
		recs = append(recs, string(r)+"\n")
	}
	for i := 0; i < 30; i++ {
		r := strings.Replace(recs[(i*7)%len(recs)], `"id":"`, fmt.Sprintf(`"id":"dup%d-`, i), 1)
		if i%2 == 1 {
			r = strings.Replace(r, " the ", " a ", 2)
		}
		recs = append(recs, r)
	}
	return recs
}

// TestBeamBBC runs the pipeline on Prism over three shards of a BBC
// sample (one gzipped) and compares with one process.
func TestBeamBBC(t *testing.T) {
	recs := bbcSample(t, 10)
	dir := t.TempDir()
	var all strings.Builder
	for s := range 3 {
		part := strings.Join(recs[s*len(recs)/3:(s+1)*len(recs)/3], "")
		all.WriteString(part)
		path := filepath.Join(dir, fmt.Sprintf("part-%d.jsonl", s))
		data := []byte(part)
		if s == 1 {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write(data)
			zw.Close()
			path, data = path+".gz", b.Bytes()
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := Config{Input: filepath.Join(dir, "part-*"), Output: filepath.Join(dir, "out.jsonl"), Field: "text", DocID: "id", Drop: true, Near: corpus.DefaultNearThreshold}
	var report map[string]int64
	run := func(cfg Config) []byte {
		p, s := beam.NewPipelineWithRoot()
		Build(s, cfg)
		r, err := prism.Execute(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		report = Report(r)
		got, err := os.ReadFile(cfg.Output)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	got := run(cfg)
	exactReport := report
	// The sharded mode agrees with the exact one on BBC (measured on the
	// whole corpus: corpus.TestShardedAgreement).
	sh := cfg
	sh.Sharded, sh.Output = true, filepath.Join(dir, "sharded.jsonl.gz")
	zgot := run(sh)
	zr, err := gzip.NewReader(bytes.NewReader(zgot))
	if err != nil {
		t.Fatal(err)
	}
	shGot, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shGot, got) {
		t.Errorf("the sharded mode's output (%d bytes) differs from the exact mode's (%d bytes)", len(shGot), len(got))
	}
	var want bytes.Buffer
	sum, err := jsonl.CleanJSONL(context.Background(), strings.NewReader(all.String()), &want, cfg.jsonlOptions())
	if err != nil {
		t.Fatal(err)
	}
	if sum.DroppedDocs == 0 || sum.Findings[corpus.RuleParagraph] == 0 {
		t.Fatalf("the sample has no duplicates: %+v", sum)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("the pipeline's output (%d bytes) differs from one process's (%d bytes)", len(got), want.Len())
	}
	wantReport := map[string]int64{
		"lines": sum.Lines, "records": sum.Records, "dropped_docs": sum.DroppedDocs,
		"exact_duplicate_docs": sum.Corpus.ExactDocs, "near_duplicate_docs": sum.Corpus.NearDocs,
		"repeated_paragraphs": sum.Corpus.RepeatedParagraphs,
	}
	for k, v := range wantReport {
		if exactReport[k] != v {
			t.Errorf("report %s = %d, one process: %d (report %v)", k, exactReport[k], v, exactReport)
		}
	}
}
