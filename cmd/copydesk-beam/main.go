// Command copydesk-beam runs copydesk clean --jsonl --dedupe corpus as
// an Apache Beam pipeline: records are read from JSON Lines shards
// (.gz and .zst too) and cleaned in parallel, one task judges every
// record's signature in (file, line) order as one process would, and the
// decisions are applied in parallel; the output, in input order, is the
// output of one copydesk clean over the shards in name order.
//
//	copydesk-beam --input 'shards/*.jsonl.gz' --output out.jsonl --doc-id id --drop-duplicate-docs
//
// Beam's own flags choose the runner (--runner prism, dataflow, flink,
// spark, with --endpoint for a job service).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"log"
	"os"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/copydesk/copydesk/dedupe/corpus"
)

func main() {
	var c Config
	flag.StringVar(&c.Input, "input", "", "a glob of JSON Lines shards (.gz and .zst too), read in name order")
	flag.StringVar(&c.Output, "output", "", "the output JSON Lines file (.gz, .zst: compressed)")
	flag.StringVar(&c.Field, "field", "text", "the top-level string field to clean")
	flag.StringVar(&c.DocID, "doc-id", "", "the top-level member that names a record (default FILE:LINE)")
	flag.BoolVar(&c.Drop, "drop-duplicate-docs", false, "leave out records that copy or nearly copy an earlier one")
	flag.Float64Var(&c.Near, "near-docs", corpus.DefaultNearThreshold, "word 5-gram similarity from which a record nearly copies another; 0: off")
	flag.BoolVar(&c.Sharded, "sharded", false, "decide by key (document, MinHash band, paragraph), each against the first record that has it: approximate, for corpora one task cannot hold")
	report := flag.String("report", "", "write the run's counts as JSON to `FILE` (local)")
	flag.Parse()
	beam.Init()
	if c.Input == "" || c.Output == "" {
		log.Fatal("copydesk-beam: --input and --output are required")
	}
	p, s := beam.NewPipelineWithRoot()
	Build(s, c)
	r, err := beamx.RunWithMetrics(context.Background(), p)
	if err != nil {
		log.Fatalf("copydesk-beam: %v", err)
	}
	if *report != "" && r != nil {
		b, _ := json.MarshalIndent(Report(r), "", "  ")
		if err := os.WriteFile(*report, append(b, '\n'), 0o666); err != nil {
			log.Fatalf("copydesk-beam: %v", err)
		}
	}
}
