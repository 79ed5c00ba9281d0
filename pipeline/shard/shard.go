// Package shard applies a corpus's decisions to one shard's records: the
// second pass of a corpus run over shards (copydesk corpus apply). The
// first pass is a JSON Lines run whose jsonl.Options.Decide writes each
// record's signature (corpus.SignatureWriter); corpus.Decide takes the
// decisions from every shard's signatures.
package shard

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/cespare/xxhash/v2"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/jsonl"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// Checksum returns the number of lines of r (a last line without a line
// feed counts) and the xxhash64 of its bytes in hex, as a first pass
// records them of its output (corpus.ShardEnd).
func Checksum(r io.Reader) (int64, string, error) {
	h := xxhash.New()
	br := bufio.NewReaderSize(r, 256<<10)
	var lines int64
	last := byte('\n')
	buf := make([]byte, 256<<10)
	for {
		n, err := br.Read(buf)
		h.Write(buf[:n])
		for _, c := range buf[:n] {
			if c == '\n' {
				lines++
			}
		}
		if n > 0 {
			last = buf[n-1]
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, "", err
		}
	}
	if last != '\n' {
		lines++
	}
	return lines, fmt.Sprintf("%016x", h.Sum64()), nil
}

// Identify returns the shard whose first-pass output had lines lines and
// the checksum sum: shard, when it is not negative, must be it; among
// shards with the same bytes, the one whose output had the name base.
// name names the input in errors.
func Identify(ds *corpus.Decisions, name, base string, lines int64, sum string, shard int) (int, error) {
	if shard >= 0 {
		info, ok := ds.Shard(shard)
		if !ok {
			return 0, fmt.Errorf("the decisions are about no shard %d", shard)
		}
		if info.Lines != lines || info.XXH64 != sum {
			return 0, fmt.Errorf("%s: not the first-pass output of shard %d (%d lines, checksum %s; %s has %d lines, checksum %s)", name, shard, info.Lines, info.XXH64, name, lines, sum)
		}
		return shard, nil
	}
	match := ds.Match(lines, sum)
	if len(match) > 1 {
		var named []corpus.ShardInfo
		for _, m := range match {
			if m.Output != "" && m.Output == base {
				named = append(named, m)
			}
		}
		match = named
	}
	switch len(match) {
	case 0:
		return 0, fmt.Errorf("%s: not the first-pass output of any shard the decisions are about (%d lines, checksum %s): a wrong shard, or changed since", name, lines, sum)
	case 1:
		return match[0].Shard, nil
	}
	return 0, fmt.Errorf("%s: the output of several shards: give the shard", name)
}

// rules returns a chain with no stage and the corpus rules' settings
// recorded in the decisions' Params ("RULE=off,RULE=report").
func rules(settings string) *pipeline.Pipeline {
	p := pipeline.New()
	for _, s := range strings.Split(settings, ",") {
		id, how, _ := strings.Cut(s, "=")
		switch how {
		case "off":
			p.Disable(id)
		case "report":
			p.ReportOnly(id)
		}
	}
	return p
}

// Apply applies the decisions about shard to its first-pass output r
// (named name in errors) and writes the records to w, as one process
// would have written them: duplicates dropped, repeated paragraphs
// removed, every other byte kept. No stage runs: the records are clean
// already. The summary counts what this pass added to the first pass's:
// Changed counts the records it changed that the first pass left
// unchanged, Corpus the decisions applied. Every decision must apply to a
// record of the shard.
func Apply(ctx context.Context, r io.Reader, w io.Writer, ds *corpus.Decisions, shard int, name string, workers int) (jsonl.Summary, error) {
	p := ds.Header.Params
	idField, field := p.Extra["doc_id"], p.Extra["field"]
	if field == "" {
		field = jsonl.DefaultField
	}
	newPipeline := func(registry.Options) *pipeline.Pipeline { return rules(p.Extra["rules"]) }
	removes := p.Remove && !strings.Contains(p.Extra["rules"], corpus.RuleParagraph+"=")
	var used, already int64
	cs := &jsonl.CorpusSummary{}
	opts := jsonl.Options{
		Field: field, IDField: idField, Name: name, Workers: workers,
		Checker:     document.New(document.Options{Format: document.Text, FixesOnly: true, NewPipeline: newPipeline}),
		NewPipeline: func() *pipeline.Pipeline { return newPipeline(registry.Options{}) },
		Corpus:      corpus.New(p.Options()),
		Decide: func(rec jsonl.Record) (*corpus.Decision, error) {
			d := ds.Lookup(shard, rec.Line)
			if d == nil {
				return nil, nil
			}
			doc := rec.Name
			if idField == "" {
				doc = d.Doc // records without ids are named by the first pass's input and line
			}
			if err := d.ApplyTo(doc, rec.Doc, p.Remove); err != nil {
				return nil, fmt.Errorf("%s: %w: decisions for another shard?", name, err)
			}
			used++
			count(cs, d, p.Remove)
			if !d.Drop && d.Changed && removes && len(d.Repeats) > 0 {
				already++
			}
			return d.Decision, nil
		},
	}
	s, err := jsonl.CleanJSONL(ctx, r, w, opts)
	if err != nil {
		return s, err
	}
	if n := int64(ds.Count(shard)); used != n {
		return s, fmt.Errorf("%s: %d of the %d decisions about shard %d apply to no record: decisions for another shard?", name, n-used, n, shard)
	}
	s.Changed -= already
	s.Corpus = cs
	return s, nil
}

// count adds a decision to the counts.
func count(cs *jsonl.CorpusSummary, d *corpus.Decided, remove bool) {
	switch {
	case d.CopyOf != "":
		cs.ExactDocs++
	case d.NearOf != "":
		cs.NearDocs++
	}
	if !d.Drop {
		cs.RepeatedParagraphs += int64(len(d.Repeats))
		if remove {
			cs.RemovedParagraphs += int64(len(d.Repeats))
		}
	}
}
