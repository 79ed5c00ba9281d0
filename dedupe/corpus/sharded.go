package corpus

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/copydesk/copydesk/dedupe/seen"
)

// DecideSharded is Decide for a corpus too large for one Corpus: an
// approximation in the way of datatrove's MinHash deduplication, whose
// work splits by key. Every document gives keys — its fingerprint, each
// of its MinHash bands, the fingerprint of each paragraph — and each key
// is judged on its own (a reducer per key; here reducers partitions of
// the keys, one at a time, so that memory is that of one partition):
//
//   - the documents with the same fingerprint copy the first of them;
//   - the documents in a band's bucket are compared with the first
//     document of the bucket (not with every kept document, as Decide
//     does), and nearly copy it at the threshold's similarity;
//   - once each document's copies are known, a paragraph repeats the
//     first copy in a document that was not dropped as a near copy.
//
// It differs from Decide where the first document of a bucket is itself
// a copy (Decide compares with the first kept one) and in chains of near
// copies; it never uses a seen-index. reducers is the number of
// partitions (at least 1); the decisions are the same for any number.
func DecideSharded(opts Options, files []SignatureFile, extra map[string]string, reducers int, w io.Writer) (Stats, error) {
	opts = opts.withDefaults()
	reducers = max(reducers, 1)
	head, err := checkShards(opts, files, extra)
	if err != nil {
		return Stats{}, err
	}
	m := opts.Bands * opts.Rows

	// A document's state, by its number in (shard, line) order.
	type docState struct {
		shard   int
		line    int64
		name    string
		changed bool
		copyOf  int32 // -1: none
		nearOf  int32
		sim     float64
	}
	var docs []docState
	// each calls fn for every signature in (shard, line) order, with the
	// document's number.
	each := func(fn func(id int32, shard int, sig Signature) error) error {
		id := int32(0)
		for k := range head.files {
			s := &head.files[k]
			err := s.each(func(sig Signature) error {
				id++
				return fn(id-1, s.h.Shard, sig)
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	err = each(func(_ int32, shard int, sig Signature) error {
		docs = append(docs, docState{shard: shard, name: sig.Name, line: sig.Line, changed: sig.Changed, copyOf: -1, nearOf: -1})
		return nil
	})
	if err != nil {
		return Stats{}, err
	}
	part := func(key uint64) int { return binOf(mix64(key), reducers) }

	// Round 1: documents — fingerprints and bands, a partition at a time.
	for r := range reducers {
		firstFP := map[uint64]int32{}
		type rep struct {
			id    int32
			check []uint16
		}
		firstBand := map[uint64]rep{}
		err := each(func(id int32, _ int, sig Signature) error {
			d := sig.Doc
			if d.Words > 0 && part(uint64(d.FP)^0xd0c) == r {
				if f, ok := firstFP[uint64(d.FP)]; !ok {
					firstFP[uint64(d.FP)] = id
				} else if docs[f].name != sig.Name && docs[id].copyOf < 0 {
					docs[id].copyOf = f
				}
			}
			if opts.NearThreshold <= 0 || d.Bands == nil || len(d.Check) != m {
				return nil
			}
			for _, key := range d.Bands {
				if part(key) != r {
					continue
				}
				f, ok := firstBand[key]
				if !ok {
					firstBand[key] = rep{id, d.Check}
					continue
				}
				if docs[f.id].name == sig.Name {
					continue
				}
				same := 0
				for i, v := range d.Check {
					if f.check[i] == v {
						same++
					}
				}
				sim := float64(same) / float64(m)
				ds := &docs[id]
				if sim >= opts.NearThreshold && (sim > ds.sim || sim == ds.sim && f.id < ds.nearOf) {
					ds.nearOf, ds.sim = f.id, sim
				}
			}
			return nil
		})
		if err != nil {
			return Stats{}, err
		}
	}
	var st Stats
	drop := make([]bool, len(docs))
	nearDrop := make([]bool, len(docs))
	for i := range docs {
		d := &docs[i]
		st.Docs++
		switch {
		case d.copyOf >= 0:
			st.ExactDocs++
			d.nearOf = -1
			d.sim = 1
		case d.nearOf >= 0:
			st.NearDocs++
			nearDrop[i] = opts.DropDuplicateDocs
		}
		if (d.copyOf >= 0 || d.nearOf >= 0) && opts.DropDuplicateDocs {
			drop[i] = true
			st.DroppedDocs++
		}
	}

	// Round 2: paragraphs, knowing which documents are dropped.
	type origin struct {
		id   int32
		para int
	}
	repeats := map[int32][][2]int{} // document → [paragraph, index of origin]
	var origins []origin
	for r := range reducers {
		first := map[uint64]origin{}
		err := each(func(id int32, _ int, sig Signature) error {
			if nearDrop[id] {
				return nil
			}
			for _, p := range sig.Doc.Paras {
				fp := uint64(p.FP)
				if part(fp^0x9a7a) != r {
					continue
				}
				f, ok := first[fp]
				if !ok {
					first[fp] = origin{id, p.N}
					continue
				}
				if drop[id] || docs[f.id].name == sig.Name {
					continue
				}
				origins = append(origins, f)
				repeats[id] = append(repeats[id], [2]int{p.N, len(origins) - 1})
			}
			return nil
		})
		if err != nil {
			return Stats{}, err
		}
	}

	bw := bufio.NewWriter(w)
	dh := DecisionHeader{Format: DecisionFormat, Params: head.params, Mode: fmt.Sprintf("sharded (approximate), %d reducers", reducers)}
	for _, s := range head.files {
		dh.Shards = append(dh.Shards, ShardInfo{Shard: s.h.Shard, File: s.f.Name, ShardEnd: s.end})
	}
	hb, _ := json.Marshal(dh)
	bw.Write(append(hb, '\n'))
	var n int64
	var line []byte
	for i := range docs {
		d := &docs[i]
		dec := &Decision{Doc: d.name, Drop: drop[i]}
		if d.copyOf >= 0 {
			dec.CopyOf, dec.Similarity = docs[d.copyOf].name, 1
		} else if d.nearOf >= 0 {
			dec.NearOf, dec.Similarity = docs[d.nearOf].name, d.sim
		}
		if !drop[i] {
			rs := repeats[int32(i)]
			slices.SortFunc(rs, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
			for _, rp := range rs {
				o := origins[rp[1]]
				dec.Repeats = append(dec.Repeats, Repeat{Para: Para{N: rp[0]}, First: seen.Origin{Doc: docs[o.id].name, Para: o.para}})
			}
			st.RepeatedParagraphs += int64(len(dec.Repeats))
			if opts.Remove {
				st.RemovedParagraphs += int64(len(dec.Repeats))
			}
		}
		if dec.Empty() && !dec.Drop {
			continue
		}
		line = appendDecision(line[:0], d.shard, d.line, d.changed, dec)
		bw.Write(line)
		n++
	}
	eb, _ := json.Marshal(DecisionsEnd{End: true, Decisions: n, Stats: st})
	bw.Write(append(eb, '\n'))
	if err := bw.Flush(); err != nil {
		return st, fmt.Errorf("writing decisions: %w", err)
	}
	return st, nil
}
