package corpus

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/dedupe/seen"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// Rule ids.
const (
	RuleParagraph = "dedupe.corpus-paragraph"
	RuleDocument  = "dedupe.corpus-document"
)

// Rules returns the rules a Decision's Stage reports.
func Rules() []lint.Rule {
	return []lint.Rule{
		{ID: RuleParagraph, Severity: lint.Warning, Fixes: true, Doc: "paragraph of 10 or more words already seen in an earlier document of the corpus (or of an earlier run, with a seen-index): reported with the first copy; removed with --dedupe corpus"},
		{ID: RuleDocument, Severity: lint.Warning, Fixes: false, Doc: "document that is a copy (same words) or a near copy (word 5-gram MinHash) of an earlier document: reported; dropped with --drop-duplicate-docs"},
	}
}

// Options configure a Corpus. The zero value reports repeated paragraphs
// of 10 or more words and duplicate documents within one run.
type Options struct {
	// MinWords is the fewest normalized words a paragraph needs to be
	// compared; 0 means DefaultMinWords. Short lines such as "0000 GMT"
	// or "Reuters" recur by nature and are not boilerplate.
	MinWords int
	// NearThreshold is the estimated Jaccard similarity of word shingles
	// from which a document is a near copy of an earlier one; 0 means
	// DefaultNearThreshold, a negative value turns near copies off.
	NearThreshold float64
	// Bands and Rows shape the MinHash signature (Bands×Rows values) and
	// its LSH index; 0 means 14 and 8. A pair with similarity s becomes a
	// candidate with probability 1−(1−s^Rows)^Bands (92% at 0.8).
	Bands, Rows int
	// Shingle is the number of words in a shingle; 0 means 5.
	Shingle int
	// Remove makes the Stage remove repeated paragraphs (--dedupe corpus).
	Remove bool
	// DropDuplicateDocs makes duplicate documents Decision.Drop; their
	// fingerprints are not added, as they are not kept.
	DropDuplicateDocs bool
	// Index remembers fingerprints; nil means a new seen.OpenMemory. The
	// Corpus does not close it.
	Index seen.Index
}

func (o Options) withDefaults() Options {
	if o.MinWords <= 0 {
		o.MinWords = DefaultMinWords
	}
	if o.NearThreshold == 0 {
		o.NearThreshold = DefaultNearThreshold
	}
	if o.Bands <= 0 {
		o.Bands = DefaultBands
	}
	if o.Rows <= 0 {
		o.Rows = DefaultRows
	}
	if o.Shingle <= 0 {
		o.Shingle = DefaultShingle
	}
	return o
}

// Stats count what a Corpus decided.
type Stats struct {
	Docs               int64 // documents added
	ExactDocs          int64 // copies of an earlier document
	NearDocs           int64 // near copies of an earlier document
	DroppedDocs        int64 // duplicate documents dropped
	RepeatedParagraphs int64 // dedupe.corpus-paragraph findings
	RemovedParagraphs  int64 // of those, removed
}

// A Boilerplate is a paragraph repeated across documents.
type Boilerplate struct {
	Count int         // copies seen, the first included
	First seen.Origin // where the first copy is
	Text  string      // the first repeat's text, cut to 200 bytes
}

// A Corpus judges documents in input order against those before them.
// It is used by one goroutine.
type Corpus struct {
	opts  Options
	idx   seen.Index
	stats Stats

	// Near copies: the first document in each LSH bucket, and every
	// kept document's signature digest.
	buckets map[uint64]int32
	names   []string
	checks  []uint16

	boiler map[seen.Fingerprint]*Boilerplate
	order  []seen.Fingerprint // boilerplate in order of first repeat

	keys []seen.Key
	res  []seen.Seen
}

// New returns an empty Corpus.
func New(opts Options) *Corpus {
	opts = opts.withDefaults()
	c := &Corpus{opts: opts, idx: opts.Index, buckets: map[uint64]int32{}, boiler: map[seen.Fingerprint]*Boilerplate{}}
	if c.idx == nil {
		c.idx = seen.OpenMemory()
	}
	return c
}

// Options returns the options in force, defaults filled in.
func (c *Corpus) Options() Options { return c.opts }

// Stats returns the counts so far.
func (c *Corpus) Stats() Stats { return c.stats }

// A Repeat is a paragraph seen before in another document.
type Repeat struct {
	Para              // the paragraph in this document
	First seen.Origin // where it was first seen
}

// A Decision is what the Corpus decided about one document.
type Decision struct {
	Doc        string  // the document's name
	CopyOf     string  // the earlier document it copies (same words), or ""
	NearOf     string  // the earlier document it nearly copies, or ""
	Similarity float64 // estimated word 5-gram Jaccard similarity with NearOf
	Drop       bool    // drop the whole document (Options.DropDuplicateDocs)
	Repeats    []Repeat
	remove     bool
	d          *Doc
}

// Duplicate reports whether the document copies or nearly copies an
// earlier one.
func (d *Decision) Duplicate() bool { return d.CopyOf != "" || d.NearOf != "" }

// Empty reports whether the decision has nothing to report.
func (d *Decision) Empty() bool { return !d.Duplicate() && len(d.Repeats) == 0 }

// Attach makes a decision taken elsewhere apply to a text: another
// process or a first pass over a shard decided (Doc, CopyOf, NearOf,
// Similarity, Drop and Repeats set, as Add sets them), and the text,
// analyzed as doc, is applied here. remove is Options.Remove: whether
// the Stage removes the repeats or only reports them. Add's decisions are
// attached already.
// Repeats are found in doc by their paragraph numbers (Para.N), so a
// decision read back from decisions (ReadDecisions) needs no spans.
func (d *Decision) Attach(doc *Doc, remove bool) {
	d.d, d.remove = doc, remove
	for i := range d.Repeats {
		if n := d.Repeats[i].N; n >= 1 && n <= len(doc.Paras) {
			d.Repeats[i].Para = doc.Paras[n-1]
		}
	}
}

// Add judges the document named name, analyzed as d, against the
// documents added before it, and adds it. Names should be unique: a
// paragraph first seen in a document of the same name (the same document
// run again, after a crash, say) is not a repeat. The error is the
// index's.
func (c *Corpus) Add(name string, d *Doc) (*Decision, error) {
	c.stats.Docs++
	dec := &Decision{Doc: name, remove: c.opts.Remove, d: d}

	// Near copies, before the index: a dropped document adds nothing
	// (but its whole fingerprint, which says whether it is an exact copy).
	if c.opts.NearThreshold > 0 && d.Bands != nil && len(d.Check) == c.opts.Bands*c.opts.Rows {
		if id, sim := c.nearest(name, d); id >= 0 {
			dec.NearOf, dec.Similarity = c.names[id], sim
		}
	}
	c.keys = c.keys[:0]
	if d.Words > 0 {
		c.keys = append(c.keys, seen.Key{FP: d.FP, Para: 0})
	}
	if dec.NearOf == "" || !c.opts.DropDuplicateDocs {
		for _, p := range d.Paras {
			if p.Words >= c.opts.MinWords {
				c.keys = append(c.keys, seen.Key{FP: p.FP, Para: p.N})
			}
		}
	}
	var err error
	if c.res, err = c.idx.TestAndAdd(name, c.keys, c.res[:0]); err != nil {
		return dec, fmt.Errorf("corpus: %w", err)
	}
	res := c.res
	if d.Words > 0 {
		if s := res[0]; s.Found && s.Origin.Doc != name {
			dec.CopyOf, dec.NearOf, dec.Similarity = s.Origin.Doc, "", 1
		}
		res = res[1:]
	}
	switch {
	case dec.CopyOf != "":
		c.stats.ExactDocs++
	case dec.NearOf != "":
		c.stats.NearDocs++
	}
	if dec.Duplicate() && c.opts.DropDuplicateDocs {
		c.stats.DroppedDocs++
		dec.Drop = true
		return dec, nil
	}
	if !dec.Duplicate() && d.Bands != nil && c.opts.NearThreshold > 0 {
		c.insert(name, d)
	}

	k := 0
	for _, p := range d.Paras {
		if p.Words < c.opts.MinWords {
			continue
		}
		s := res[k]
		k++
		if !s.Found || s.Origin.Doc == name {
			continue
		}
		dec.Repeats = append(dec.Repeats, Repeat{Para: p, First: s.Origin})
	}
	c.stats.RepeatedParagraphs += int64(len(dec.Repeats))
	if c.opts.Remove {
		c.stats.RemovedParagraphs += int64(len(dec.Repeats))
	}
	return dec, nil
}

// Note records the repeats of a decision whose document text is text in
// the boilerplate summary; repeats inside duplicate documents are not
// counted, as the documents are.
func (c *Corpus) Note(dec *Decision, text string) {
	if dec.Duplicate() || dec.Drop {
		return
	}
	for _, r := range dec.Repeats {
		b := c.boiler[r.FP]
		if b == nil {
			t := ""
			if r.End <= len(text) {
				t = cut(text[r.Start:r.End], 200)
			}
			b = &Boilerplate{Count: 1, First: r.First, Text: t}
			c.boiler[r.FP] = b
			c.order = append(c.order, r.FP)
		}
		b.Count++
	}
}

// Boilerplate returns the n most repeated paragraphs (all for n < 0),
// most copies first, ties in order of first repeat.
func (c *Corpus) Boilerplate(n int) []Boilerplate {
	out := make([]Boilerplate, len(c.order))
	for i, fp := range c.order {
		out[i] = *c.boiler[fp]
	}
	slices.SortStableFunc(out, func(a, b Boilerplate) int { return cmp.Compare(b.Count, a.Count) })
	if n >= 0 && n < len(out) {
		out = out[:n]
	}
	return out
}

// cut returns s cut to at most n bytes at a character boundary, with
// "…" when cut, and its line breaks as spaces.
func cut(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// nearest returns the earliest kept document, not named name, whose
// signature shares a band with d's and whose estimated similarity is the highest at or above
// the threshold, or -1.
func (c *Corpus) nearest(name string, d *Doc) (int32, float64) {
	best, bestSim := int32(-1), 0.0
	var tried [32]int32
	nt := 0
	for _, key := range d.Bands {
		id, ok := c.buckets[key]
		if !ok || slices.Contains(tried[:nt], id) || c.names[id] == name {
			continue
		}
		if nt < len(tried) {
			tried[nt] = id
			nt++
		}
		m := len(d.Check)
		other := c.checks[int(id)*m : int(id+1)*m]
		same := 0
		for i, v := range d.Check {
			if other[i] == v {
				same++
			}
		}
		sim := float64(same) / float64(m)
		if sim >= c.opts.NearThreshold && (sim > bestSim || sim == bestSim && id < best) {
			best, bestSim = id, sim
		}
	}
	return best, bestSim
}

// insert adds a kept document's signature to the LSH buckets.
func (c *Corpus) insert(name string, d *Doc) {
	id := int32(len(c.names))
	c.names = append(c.names, name)
	c.checks = append(c.checks, d.Check...)
	for _, key := range d.Bands {
		if _, ok := c.buckets[key]; !ok {
			c.buckets[key] = id
		}
	}
}
