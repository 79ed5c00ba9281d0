package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/dedupe/seen"
)

// The sharded (approximate) mode, as corpus.DecideSharded: every key — a
// document's fingerprint, each MinHash band, each paragraph's fingerprint
// — is judged by its own reducer against the first record that has it.

func init() {
	beam.RegisterType(reflect.TypeOf((*Member)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Edge)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*DocDecision)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*RepeatOf)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*shardedFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*docKeysFn)(nil)).Elem())
	beam.RegisterFunction(judgeKey)
	beam.RegisterFunction(paraKeys)
	beam.RegisterFunction(judgePara)
	beam.RegisterFunction(compose)
	beam.RegisterFunction(signedByKey)
}

// A Member is a record in a key's group.
type Member struct {
	Key   string // the record's order key
	Name  string
	Check []uint16 // band groups: the MinHash digests
	Para  int      // paragraph groups: its number
	Near  bool     // paragraph groups: dropped as a near copy (adds nothing)
	Drop  bool     // paragraph groups: dropped
}

// An Edge says that a record copies (Sim 1) or nearly copies another.
type Edge struct {
	Of    string
	OfKey string
	Exact bool
	Sim   float64
}

// A DocDecision is a record's document decision.
type DocDecision struct {
	Key    string
	Name   string
	CopyOf string
	NearOf string
	Sim    float64
	Drop   bool
}

type docKeysFn struct{ Cfg Config }

// ProcessElement emits a record under its fingerprint and band keys.
func (fn *docKeysFn) ProcessElement(s Signed, emit func(string, Member)) error {
	var d corpus.Doc
	if err := json.Unmarshal(s.Doc, &d); err != nil {
		return err
	}
	m := Member{Key: s.Key, Name: s.Name}
	emit(fmt.Sprintf("d%x", uint64(d.FP)), m)
	o := fn.Cfg.corpusOptions()
	if o.NearThreshold > 0 && d.Bands != nil {
		m.Check = d.Check
		for _, b := range d.Bands {
			emit(fmt.Sprintf("b%x", b), m)
		}
	}
	return nil
}

type shardedFn struct{ Cfg Config }

// judgeKey judges one key's group: the first record is the one the
// others are compared with.
func judgeKey(key string, members func(*Member) bool, emit func(string, Edge)) {
	var all []Member
	var m Member
	for members(&m) {
		all = append(all, m)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Key < all[j].Key })
	first := all[0]
	for _, m := range all[1:] {
		if m.Name == first.Name {
			continue
		}
		if key[0] == 'd' {
			emit(m.Key, Edge{Of: first.Name, OfKey: first.Key, Exact: true, Sim: 1})
			continue
		}
		same := 0
		for i, v := range m.Check {
			if i < len(first.Check) && first.Check[i] == v {
				same++
			}
		}
		emit(m.Key, Edge{Of: first.Name, OfKey: first.Key, Sim: float64(same) / float64(len(m.Check))})
	}
}

// ProcessElement makes each record's document decision from its edges.
func (fn *shardedFn) ProcessElement(key string, sigs func(*Signed) bool, edges func(*Edge) bool, emit func(string, DocDecision)) {
	var s Signed
	if !sigs(&s) {
		return
	}
	d := DocDecision{Key: key, Name: s.Name}
	var e Edge
	var near Edge
	threshold := fn.Cfg.corpusOptions().NearThreshold
	for edges(&e) {
		switch {
		case e.Exact: // one fingerprint, one group: at most one such edge
			d.CopyOf = e.Of
		case threshold > 0 && e.Sim >= threshold && (e.Sim > near.Sim || e.Sim == near.Sim && e.OfKey < near.OfKey):
			near = e
		}
	}
	if d.CopyOf != "" {
		d.Sim = 1
	} else if near.Of != "" {
		d.NearOf, d.Sim = near.Of, near.Sim
	}
	d.Drop = fn.Cfg.Drop && (d.CopyOf != "" || d.NearOf != "")
	emit(s.Key, d)
}

func signedByKey(s Signed) (string, Signed) { return s.Key, s }

// paraKeys emits a record's paragraphs under their fingerprints, with
// what its document decision says.
func paraKeys(key string, sigs func(*Signed) bool, decs func(*DocDecision) bool, emit func(string, Member)) error {
	var s Signed
	var d DocDecision
	if !sigs(&s) || !decs(&d) {
		return nil
	}
	var doc corpus.Doc
	if err := json.Unmarshal(s.Doc, &doc); err != nil {
		return err
	}
	for _, p := range doc.Paras {
		if p.Words < corpus.DefaultMinWords {
			continue
		}
		emit(fmt.Sprintf("p%x", uint64(p.FP)), Member{Key: key, Name: s.Name, Para: p.N, Near: d.NearOf != "" && d.Drop, Drop: d.Drop})
	}
	return nil
}

// judgePara judges one paragraph's group: later kept records repeat the
// first record that was not dropped as a near copy.
func judgePara(_ string, members func(*Member) bool, emit func(string, RepeatOf)) {
	var all []Member
	var m Member
	for members(&m) {
		if !m.Near {
			all = append(all, m)
		}
	}
	if len(all) == 0 {
		return
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Key < all[j].Key })
	first := all[0]
	for _, m := range all[1:] {
		if m.Drop || m.Name == first.Name {
			continue
		}
		emit(m.Key, RepeatOf{N: m.Para, Doc: first.Name, Para: first.Para})
	}
}

// compose makes the decision of a record from its document decision and
// repeats, as JSON, when it is not empty.
func compose(key string, decs func(*DocDecision) bool, reps func(*RepeatOf) bool, emit func(string, string)) error {
	var d DocDecision
	if !decs(&d) {
		return nil
	}
	dec := corpus.Decision{Doc: d.Name, CopyOf: d.CopyOf, NearOf: d.NearOf, Similarity: d.Sim, Drop: d.Drop}
	var r RepeatOf
	if !d.Drop {
		for reps(&r) {
			dec.Repeats = append(dec.Repeats, corpus.Repeat{Para: corpus.Para{N: r.N}, First: seen.Origin{Doc: r.Doc, Para: r.Para}})
		}
		sort.Slice(dec.Repeats, func(i, j int) bool { return dec.Repeats[i].N < dec.Repeats[j].N })
	}
	if dec.Empty() && !dec.Drop {
		return nil
	}
	b, err := json.Marshal(dec)
	if err != nil {
		return err
	}
	emit(key, string(b))
	return nil
}

// A RepeatOf is a repeated paragraph N and where it was first seen.
type RepeatOf struct {
	N    int
	Doc  string
	Para int
}

// shardedDecisions is the sharded mode's decisions, by order key.
func shardedDecisions(s beam.Scope, c Config, sigs beam.PCollection) beam.PCollection {
	s = s.Scope("sharded")
	byKey := beam.ParDo(s, signedByKey, sigs)
	edges := beam.ParDo(s, judgeKey, beam.GroupByKey(s, beam.ParDo(s, &docKeysFn{Cfg: c}, sigs)))
	docs := beam.ParDo(s, &shardedFn{Cfg: c}, beam.CoGroupByKey(s, byKey, edges))
	paras := beam.ParDo(s, paraKeys, beam.CoGroupByKey(s, byKey, docs))
	reps := beam.ParDo(s, judgePara, beam.GroupByKey(s, paras))
	return beam.ParDo(s, compose, beam.CoGroupByKey(s, docs, reps))
}
