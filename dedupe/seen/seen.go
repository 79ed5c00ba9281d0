package seen

import "fmt"

// A Fingerprint identifies a normalized paragraph (see package
// dedupe/corpus). It must be stable across runs and machines.
type Fingerprint uint64

// A Key is one fingerprint to test and add, with the number of the
// paragraph it came from in its document.
type Key struct {
	FP   Fingerprint
	Para int // paragraph number in the document, from 1
}

// An Origin is where a fingerprint was first seen.
type Origin struct {
	Doc  string // the document's name: its id, or input name and line
	Para int    // paragraph number in that document, from 1
}

// String returns "paragraph P of DOC".
func (o Origin) String() string { return fmt.Sprintf("paragraph %d of %s", o.Para, o.Doc) }

// Seen is the answer for one key.
type Seen struct {
	Found  bool   // the fingerprint was there before the call (or earlier in the same batch)
	Origin Origin // where it was first seen, if Found
}

// An Index remembers fingerprints and where each was first seen. It is
// used by one goroutine at a time.
type Index interface {
	// TestAndAdd reports for each key whether its fingerprint was seen
	// before, and where, and adds the new ones with origin (doc,
	// key.Para). A fingerprint that appears twice in keys is found the
	// second time. The answers are appended to dst, which may be nil.
	TestAndAdd(doc string, keys []Key, dst []Seen) ([]Seen, error)
	// Commit makes every fingerprint added so far durable (a no-op for
	// a memory index).
	Commit() error
	// Len returns the number of fingerprints in the index.
	Len() int
	// Close commits and releases the index.
	Close() error
}

// A table maps fingerprints to origins: the shared core of both stores.
type table struct {
	m    map[Fingerprint]uint64 // fingerprint → doc<<24 | para
	docs []string
}

// maxPara is the largest paragraph number an origin keeps; larger ones
// are stored as maxPara.
const maxPara = 1<<24 - 1

func newTable(n int) table { return table{m: make(map[Fingerprint]uint64, n)} }

func pack(doc, para int) uint64 {
	return uint64(doc)<<24 | uint64(min(max(para, 0), maxPara))
}

func (t *table) origin(v uint64) Origin {
	return Origin{Doc: t.docs[v>>24], Para: int(v & maxPara)}
}

// testAndAdd does TestAndAdd on the table and returns the number of new
// keys; the new keys are those whose answer is not Found. A new document
// entry is made only when some key is new.
func (t *table) testAndAdd(doc string, keys []Key, dst []Seen) ([]Seen, int) {
	docID := -1
	added := 0
	for _, k := range keys {
		if v, ok := t.m[k.FP]; ok {
			dst = append(dst, Seen{Found: true, Origin: t.origin(v)})
			continue
		}
		if docID < 0 {
			docID = len(t.docs)
			t.docs = append(t.docs, doc)
		}
		t.m[k.FP] = pack(docID, k.Para)
		dst = append(dst, Seen{})
		added++
	}
	return dst, added
}

// memory is the in-memory Index.
type memory struct{ t table }

// OpenMemory returns an empty in-memory index: corpus duplicates within
// one run.
func OpenMemory() Index { return &memory{t: newTable(0)} }

func (m *memory) TestAndAdd(doc string, keys []Key, dst []Seen) ([]Seen, error) {
	dst, _ = m.t.testAndAdd(doc, keys, dst)
	return dst, nil
}

func (m *memory) Commit() error { return nil }
func (m *memory) Len() int      { return len(m.t.m) }
func (m *memory) Close() error  { return nil }
