package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/jsonl"
	"github.com/copydesk/copydesk/pipeline/registry"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*readFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*cleanFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*decideFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*applyFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*writeFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Cleaned)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Signed)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Out)(nil)).Elem())
	beam.RegisterFunction(signatureOf)
	beam.RegisterFunction(lineOf)
}

// Config is what a run does: the options of copydesk clean --jsonl
// --dedupe corpus.
type Config struct {
	Input  string // a glob of JSON Lines shards (.gz, .zst too), read in name order
	Output string // the output file (.gz, .zst: compressed)
	Field  string // the field cleaned
	DocID  string // the member that names a record ("": FILE:LINE)
	Drop   bool   // --drop-duplicate-docs
	Near   float64
	// Sharded decides by key (approximate: see corpus.DecideSharded)
	// instead of in one task.
	Sharded bool
}

// jsonlOptions are the options of copydesk clean --jsonl --dedupe corpus
// with the Config's: records checked as documents (suppression comments
// count), only the rules that fix run. Its Corpus judges the records
// before each other, as one process does.
func (c Config) jsonlOptions() jsonl.Options {
	ro := registry.Options{Dedupe: dedupe.Options{Mode: dedupe.Corpus}, FixesOnly: true}
	ro.Normalize.Lang = "en"
	return jsonl.Options{
		Field: c.Field, IDField: c.DocID,
		Checker: document.New(document.Options{Pipeline: ro, Format: document.Text, FixesOnly: true}),
		Corpus:  corpus.New(c.corpusOptions()),
	}
}

func (c Config) corpusOptions() corpus.Options {
	o := corpus.Options{Remove: true, DropDuplicateDocs: c.Drop, NearThreshold: c.Near}
	if c.Near == 0 {
		o.NearThreshold = -1
	}
	return o
}

// Build adds the run to the pipeline: read, clean and sign each record
// (in parallel), decide in (file, line) order (one task), apply, and
// write the output in order.
func Build(s beam.Scope, c Config) {
	files := fileio.ReadMatches(s, fileio.MatchFiles(s, c.Input))
	lines := beam.ParDo(s, &readFn{}, files)
	cleaned := beam.ParDo(s, &cleanFn{Cfg: c}, lines)
	sigs := beam.ParDo(s, signatureOf, cleaned)
	var decisions beam.PCollection
	if c.Sharded {
		decisions = shardedDecisions(s, c, sigs)
	} else {
		decisions = beam.ParDo(s, &decideFn{Cfg: c}, beam.GroupByKey(s, beam.AddFixedKey(s, sigs)))
	}
	byKey := beam.ParDo(s, lineOf, cleaned)
	out := beam.ParDo(s, &applyFn{Cfg: c}, beam.CoGroupByKey(s, byKey, decisions))
	beam.ParDo0(s, &writeFn{Path: c.Output}, beam.GroupByKey(s, beam.AddFixedKey(s, out)))
}

// The run's counts, as Beam counters in the namespace "copydesk": the
// report.
var (
	countLines    = beam.NewCounter("copydesk", "lines")
	countRecords  = beam.NewCounter("copydesk", "records")
	countChanged  = beam.NewCounter("copydesk", "changed_by_cleaning")
	countExact    = beam.NewCounter("copydesk", "exact_duplicate_docs")
	countNear     = beam.NewCounter("copydesk", "near_duplicate_docs")
	countDropped  = beam.NewCounter("copydesk", "dropped_docs")
	countRepeated = beam.NewCounter("copydesk", "repeated_paragraphs")
)

// Report returns the run's counts by name, from a pipeline's result.
func Report(r beam.PipelineResult) map[string]int64 {
	out := map[string]int64{}
	for _, c := range r.Metrics().AllMetrics().Counters() {
		if c.Namespace() == "copydesk" {
			out[c.Name()] += c.Result()
		}
	}
	return out
}

// orderKey sorts records by file, then line.
func orderKey(path string, line int) string { return fmt.Sprintf("%s\x00%012d", path, line) }

type readFn struct{}

// ProcessElement emits each line of a file (its line ending kept) with
// its order key.
func (readFn) ProcessElement(ctx context.Context, f fileio.ReadableFile, emit func(string, string)) error {
	rc, err := f.Open(ctx) // .gz by name
	if err != nil {
		return err
	}
	defer rc.Close()
	in, _, err := jsonl.OpenInput(rc) // .zst by its magic number
	if err != nil {
		return fmt.Errorf("%s: %w", f.Metadata.Path, err)
	}
	defer in.Close()
	br := bufio.NewReader(in)
	for n := 0; ; n++ {
		line, err := br.ReadString('\n')
		if line != "" {
			emit(orderKey(f.Metadata.Path, n), line)
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Cleaned is a line once cleaned, and its record's signature.
type Cleaned struct {
	Key     string
	Line    string
	Name    string
	Doc     []byte // the analysis of the cleaned text (corpus.Doc as JSON); nil for a line that is no record
	Changed bool
}

// Out is an output line with its order key.
type Out struct {
	Key  string
	Line string
}

// Signed is what decide needs of a record.
type Signed struct {
	Key  string
	Name string
	Doc  []byte
}

type cleanFn struct{ Cfg Config }

// ProcessElement cleans one line as clean --jsonl does, keeping what the
// corpus needs instead of judging it.
func (fn *cleanFn) ProcessElement(ctx context.Context, key, line string) (Cleaned, error) {
	out := Cleaned{Key: key}
	path, n, _ := strings.Cut(key, "\x00")
	var w strings.Builder
	opts := fn.Cfg.jsonlOptions()
	opts.Workers = 1
	opts.Name = fmt.Sprintf("%s:%s", path, strings.TrimLeft(n, "0")) // records without an id: FILE:LINE:1
	opts.Decide = func(r jsonl.Record) (*corpus.Decision, error) {
		b, err := json.Marshal(r.Doc)
		out.Doc, out.Name, out.Changed = b, r.Name, r.Changed
		return nil, err
	}
	if _, err := jsonl.CleanJSONL(ctx, strings.NewReader(line), &w, opts); err != nil {
		return out, err
	}
	out.Line = w.String()
	countLines.Inc(ctx, 1)
	if out.Doc != nil {
		countRecords.Inc(ctx, 1)
		if out.Changed {
			countChanged.Inc(ctx, 1)
		}
	}
	return out, nil
}

func signatureOf(c Cleaned, emit func(Signed)) {
	if c.Doc != nil {
		emit(Signed{Key: c.Key, Name: c.Name, Doc: c.Doc})
	}
}

func lineOf(c Cleaned) (string, Cleaned) { return c.Key, c }

type decideFn struct{ Cfg Config }

// ProcessElement judges every record in order, as one Corpus does, and
// emits the decisions that are not empty, as JSON, by order key.
func (fn *decideFn) ProcessElement(_ int, sigs func(*Signed) bool, emit func(string, string)) error {
	var all []Signed
	var s Signed
	for sigs(&s) {
		all = append(all, s)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Key < all[j].Key })
	c := corpus.New(fn.Cfg.corpusOptions())
	for _, s := range all {
		var d corpus.Doc
		if err := json.Unmarshal(s.Doc, &d); err != nil {
			return err
		}
		dec, err := c.Add(s.Name, &d)
		if err != nil {
			return err
		}
		if dec.Empty() && !dec.Drop {
			continue
		}
		b, err := json.Marshal(dec)
		if err != nil {
			return err
		}
		emit(s.Key, string(b))
	}
	return nil
}

type applyFn struct{ Cfg Config }

// ProcessElement applies a record's decision, if it has one, to its
// cleaned line, as corpus apply does.
func (fn *applyFn) ProcessElement(ctx context.Context, key string, lines func(*Cleaned) bool, decs func(*string) bool, emit func(Out)) error {
	var c Cleaned
	if !lines(&c) {
		return fmt.Errorf("%q: a decision without its record", key)
	}
	var ds string
	if !decs(&ds) {
		emit(Out{key, c.Line})
		return nil
	}
	var dec corpus.Decision
	if err := json.Unmarshal([]byte(ds), &dec); err != nil {
		return err
	}
	var w strings.Builder
	opts := jsonl.Options{
		Field: fn.Cfg.Field, IDField: fn.Cfg.DocID, Workers: 1,
		NewPipeline: func() *pipeline.Pipeline { return pipeline.New() },
		Corpus:      corpus.New(fn.Cfg.corpusOptions()),
		Decide: func(r jsonl.Record) (*corpus.Decision, error) {
			for _, rp := range dec.Repeats {
				if rp.N > len(r.Doc.Paras) {
					return nil, fmt.Errorf("%s: the decision removes paragraph %d of %d", dec.Doc, rp.N, len(r.Doc.Paras))
				}
			}
			dec.Attach(r.Doc, true)
			return &dec, nil
		},
	}
	if _, err := jsonl.CleanJSONL(ctx, strings.NewReader(c.Line), &w, opts); err != nil {
		return err
	}
	switch {
	case dec.CopyOf != "":
		countExact.Inc(ctx, 1)
	case dec.NearOf != "":
		countNear.Inc(ctx, 1)
	}
	if dec.Drop {
		countDropped.Inc(ctx, 1)
	} else {
		countRepeated.Inc(ctx, int64(len(dec.Repeats)))
	}
	if w.Len() > 0 {
		emit(Out{key, w.String()})
	}
	return nil
}

type writeFn struct{ Path string }

// ProcessElement writes every line in order to one file.
func (fn *writeFn) ProcessElement(ctx context.Context, _ int, lines func(*Out) bool) error {
	var all []Out
	var o Out
	for lines(&o) {
		all = append(all, o)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Key < all[j].Key })
	fs, err := filesystem.New(ctx, fn.Path)
	if err != nil {
		return err
	}
	defer fs.Close()
	f, err := fs.OpenWrite(ctx, fn.Path)
	if err != nil {
		return err
	}
	var w io.Writer = f
	var zw io.WriteCloser
	if comp := jsonl.CompressionFor(fn.Path); comp != jsonl.Plain {
		if zw, err = jsonl.NewWriter(f, comp); err != nil {
			return err
		}
		w = zw
	}
	bw := bufio.NewWriter(w)
	for _, e := range all {
		bw.WriteString(e.Line)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return err
		}
	}
	return f.Close()
}
