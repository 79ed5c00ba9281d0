package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// DecisionFormat names the format of decision files (Decide).
const DecisionFormat = "copydesk-decisions/1"

// A SignatureFile is one shard's signature file for Decide.
type SignatureFile struct {
	Name string                        // names it in errors
	Open func() (io.ReadCloser, error) // opens it (Decide opens it twice: header, then records)
}

// A ShardInfo is what a decision file says of one shard.
type ShardInfo struct {
	Shard int    `json:"shard"`
	File  string `json:"file"` // its signature file
	ShardEnd
}

// A DecisionHeader opens a decision file.
type DecisionHeader struct {
	Format string      `json:"decisions"`
	Mode   string      `json:"mode,omitempty"` // "" for Decide's exact decisions
	Params Params      `json:"params"`
	Shards []ShardInfo `json:"shards"`
}

// A DecisionsEnd closes a decision file with the corpus's counts.
type DecisionsEnd struct {
	End       bool  `json:"end"`
	Decisions int64 `json:"decisions"`
	Stats     Stats `json:"stats"`
}

// Decide runs the corpus c (made with the signatures' Params: see
// Params.Options, with an Index if the corpus remembers earlier runs)
// over the signature files of every shard, in (shard, line) order, and
// writes the decisions that are not empty to w. The files may come in
// any order; they must be one per shard, with consecutive shard numbers
// (0 to Shards−1 when their headers say how many), made with the same
// Params as each other and as c, and complete. Any other set is an
// error naming the file, and nothing is decided.
func Decide(c *Corpus, files []SignatureFile, extra map[string]string, w io.Writer) (Stats, error) {
	head, err := checkShards(c.Options(), files, extra)
	if err != nil {
		return Stats{}, err
	}
	// The decisions go after the header, which lists the shards' ends,
	// known only once every file has been read: they wait in memory
	// (only the non-empty ones, small).
	start := c.Stats()
	var body []byte
	var n int64
	dh := DecisionHeader{Format: DecisionFormat, Params: head.params}
	for _, s := range head.files {
		err := s.each(func(sig Signature) error {
			dec, err := c.Add(sig.Name, sig.Doc)
			if err != nil {
				return fmt.Errorf("%s: %s: %w", s.f.Name, sig.Name, err)
			}
			if !dec.Empty() || dec.Drop {
				body = appendDecision(body, s.h.Shard, sig.Line, sig.Changed, dec)
				n++
			}
			return nil
		})
		if err != nil {
			return Stats{}, err
		}
		end := s.end
		dh.Shards = append(dh.Shards, ShardInfo{Shard: s.h.Shard, File: s.f.Name, ShardEnd: end})
	}
	st := c.Stats()
	st = Stats{Docs: st.Docs - start.Docs, ExactDocs: st.ExactDocs - start.ExactDocs, NearDocs: st.NearDocs - start.NearDocs,
		DroppedDocs: st.DroppedDocs - start.DroppedDocs, RepeatedParagraphs: st.RepeatedParagraphs - start.RepeatedParagraphs,
		RemovedParagraphs: st.RemovedParagraphs - start.RemovedParagraphs}
	bw := bufio.NewWriter(w)
	hb, err := json.Marshal(dh)
	if err != nil {
		return st, fmt.Errorf("corpus decide: %w", err)
	}
	bw.Write(append(hb, '\n'))
	bw.Write(body)
	eb, _ := json.Marshal(DecisionsEnd{End: true, Decisions: n, Stats: st})
	bw.Write(append(eb, '\n'))
	if err := bw.Flush(); err != nil {
		return st, fmt.Errorf("writing decisions: %w", err)
	}
	return st, nil
}

func describe(i int, first string) string {
	if i == 0 {
		return "this corpus"
	}
	return first
}

// A decisionLine is one decision in a decision file.
type decisionLine struct {
	Shard   int      `json:"shard"`
	Line    int64    `json:"l"`
	Doc     string   `json:"id"`
	Changed bool     `json:"c,omitempty"`
	Drop    bool     `json:"drop,omitempty"`
	CopyOf  string   `json:"copy_of,omitempty"`
	NearOf  string   `json:"near_of,omitempty"`
	Sim     float64  `json:"sim,omitempty"`
	Repeats [][3]any `json:"repeats,omitempty"` // [paragraph, first document, its paragraph]
	End     bool     `json:"end,omitempty"`
}

func appendDecision(b []byte, shard int, line int64, changed bool, d *Decision) []byte {
	dl := decisionLine{Shard: shard, Line: line, Doc: d.Doc, Changed: changed, Drop: d.Drop, CopyOf: d.CopyOf, NearOf: d.NearOf, Sim: d.Similarity}
	for _, r := range d.Repeats {
		dl.Repeats = append(dl.Repeats, [3]any{r.N, r.First.Doc, r.First.Para})
	}
	j, _ := json.Marshal(dl)
	return append(append(b, j...), '\n')
}

// A Decided is a decision read from a decision file, with its place.
type Decided struct {
	*Decision
	Shard   int
	Line    int64 // the document's line in its shard's first-pass output
	Changed bool  // whether the first pass changed the document
}

// Decisions are a decision file read back (ReadDecisions), to apply to
// the shards' first-pass outputs.
type Decisions struct {
	Header DecisionHeader
	End    DecisionsEnd
	by     map[int]map[int64]*Decided
}

// ReadDecisions reads a decision file written by Decide; name names it
// in errors. An incomplete file is an error.
func ReadDecisions(r io.Reader, name string) (*Decisions, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 256<<20)
	ds := &Decisions{by: map[int]map[int64]*Decided{}}
	line := 0
	fail := func(format string, args ...any) (*Decisions, error) {
		return nil, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...))
	}
	var n int64
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if line == 1 {
			if err := json.Unmarshal(b, &ds.Header); err != nil || ds.Header.Format == "" {
				return nil, fmt.Errorf("%s: not a decision file (no header line)", name)
			}
			if ds.Header.Format != DecisionFormat {
				return fail("decisions of format %q; this copydesk reads %q", ds.Header.Format, DecisionFormat)
			}
			if v := ds.Header.Params.Version; v != Version {
				return fail("decisions of fingerprint version %q; this copydesk makes %q", v, Version)
			}
			for _, s := range ds.Header.Shards {
				ds.by[s.Shard] = map[int64]*Decided{}
			}
			continue
		}
		if ds.End.End {
			return fail("line after the end line")
		}
		var dl struct {
			decisionLine
			Repeats [][3]json.RawMessage `json:"repeats"`
			Stats   Stats                `json:"stats"`
			N       int64                `json:"decisions"`
		}
		if err := json.Unmarshal(b, &dl); err != nil {
			return fail("not a decision: %v", err)
		}
		if dl.End {
			if dl.N != n {
				return fail("the end line counts %d decisions, the file has %d", dl.N, n)
			}
			ds.End = DecisionsEnd{End: true, Decisions: dl.N, Stats: dl.Stats}
			continue
		}
		m := ds.by[dl.Shard]
		if m == nil {
			return fail("decision about shard %d, which the header does not list", dl.Shard)
		}
		if m[dl.Line] != nil {
			return fail("two decisions about line %d of shard %d", dl.Line+1, dl.Shard)
		}
		d := &Decision{Doc: dl.Doc, CopyOf: dl.CopyOf, NearOf: dl.NearOf, Similarity: dl.Sim, Drop: dl.Drop}
		for _, r := range dl.Repeats {
			var rp Repeat
			if json.Unmarshal(r[0], &rp.N) != nil || json.Unmarshal(r[1], &rp.First.Doc) != nil ||
				json.Unmarshal(r[2], &rp.First.Para) != nil || rp.N < 1 {
				return fail("bad repeat %s", strings.Trim(fmt.Sprint(r), "[]"))
			}
			d.Repeats = append(d.Repeats, rp)
		}
		m[dl.Line] = &Decided{Decision: d, Shard: dl.Shard, Line: dl.Line, Changed: dl.Changed}
		n++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if line == 0 {
		return nil, fmt.Errorf("%s: empty: not a decision file", name)
	}
	if !ds.End.End {
		return nil, fmt.Errorf("%s: incomplete: no end line (was corpus decide stopped?)", name)
	}
	return ds, nil
}

// Shard returns what the file says of shard n.
func (ds *Decisions) Shard(n int) (ShardInfo, bool) {
	for _, s := range ds.Header.Shards {
		if s.Shard == n {
			return s, true
		}
	}
	return ShardInfo{}, false
}

// Match returns the shards whose first-pass output had lines lines and
// the checksum xxh64 (hex).
func (ds *Decisions) Match(lines int64, xxh64 string) []ShardInfo {
	var out []ShardInfo
	for _, s := range ds.Header.Shards {
		if s.Lines == lines && s.XXH64 == xxh64 {
			out = append(out, s)
		}
	}
	return out
}

// Lookup returns the decision about line (from 0) of shard's first-pass
// output, or nil when there is none.
func (ds *Decisions) Lookup(shard int, line int64) *Decided { return ds.by[shard][line] }

// Count returns the number of decisions about shard.
func (ds *Decisions) Count(shard int) int { return len(ds.by[shard]) }

// ApplyTo attaches a decided decision to the document doc (its text
// analyzed again) named name, checking that it is the document decided
// about: the same name, and the repeated paragraphs in it.
func (d *Decided) ApplyTo(name string, doc *Doc, remove bool) error {
	if name != d.Doc {
		return fmt.Errorf("line %d is %q, but the decision is about %q", d.Line+1, name, d.Doc)
	}
	for _, r := range d.Repeats {
		if r.N > len(doc.Paras) {
			return fmt.Errorf("line %d (%s): the decision removes paragraph %d of %d", d.Line+1, name, r.N, len(doc.Paras))
		}
	}
	d.Attach(doc, remove)
	return nil
}

// A shardFile is a signature file whose header has been checked.
type shardFile struct {
	f   SignatureFile
	h   ShardHeader
	end ShardEnd
}

// each calls fn for every signature of the file, in order, and records
// the shard's end line; it stops at fn's first error.
func (s *shardFile) each(fn func(Signature) error) error {
	rc, err := s.f.Open()
	if err != nil {
		return fmt.Errorf("reading %s: %w", s.f.Name, err)
	}
	defer rc.Close()
	sr, err := NewSignatureReader(rc, s.f.Name)
	if err != nil {
		return err
	}
	for {
		sig, err := sr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if err := fn(sig); err != nil {
			return err
		}
	}
	s.end, _ = sr.End()
	return nil
}

// shardSet is a checked set of signature files, in shard order.
type shardSet struct {
	files  []shardFile
	params Params
}

// checkShards reads the headers of files and checks that they are one
// per shard, consecutive, made with opts's parameters and extra (the
// first file's Extra when nil). The errors name the file.
func checkShards(opts Options, files []SignatureFile, extra map[string]string) (*shardSet, error) {
	shards := make([]shardFile, 0, len(files))
	for _, f := range files {
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", f.Name, err)
		}
		sr, err := NewSignatureReader(rc, f.Name)
		rc.Close()
		if err != nil {
			return nil, err
		}
		shards = append(shards, shardFile{f: f, h: sr.Header()})
	}
	if len(shards) == 0 {
		return nil, fmt.Errorf("corpus decide: no signature files")
	}
	slices.SortStableFunc(shards, func(a, b shardFile) int { return a.h.Shard - b.h.Shard })
	want := opts.Params()
	want.Extra = shards[0].h.Params.Extra
	if extra != nil {
		want.Extra = extra
	}
	total := shards[0].h.Shards
	for i, s := range shards {
		if d := s.h.Params.Diff(want); d != "" {
			return nil, fmt.Errorf("%s: made with other options than %s (%s)", s.f.Name, describe(i, shards[0].f.Name), d)
		}
		if s.h.Shards != total {
			return nil, fmt.Errorf("%s: shard %d of %d, but %s is of %d", s.f.Name, s.h.Shard, s.h.Shards, shards[0].f.Name, total)
		}
		if i > 0 && s.h.Shard == shards[i-1].h.Shard {
			return nil, fmt.Errorf("%s: shard %d twice (and %s)", s.f.Name, s.h.Shard, shards[i-1].f.Name)
		}
		if i > 0 && s.h.Shard != shards[i-1].h.Shard+1 {
			return nil, fmt.Errorf("shard %d missing: between %s and %s", shards[i-1].h.Shard+1, shards[i-1].f.Name, s.f.Name)
		}
	}
	if total > 0 {
		if first := shards[0].h.Shard; first != 0 {
			return nil, fmt.Errorf("shard 0 of %d missing (the first is %s)", total, shards[0].f.Name)
		}
		if n := len(shards); n != total {
			return nil, fmt.Errorf("shard %d of %d missing (the last is %s)", n, total, shards[n-1].f.Name)
		}
	}
	return &shardSet{files: shards, params: want}, nil
}
