package dedupe

import (
	"bytes"
	"hash/maphash"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// seed hashes comparison keys. Hashes only pick map buckets, and equal
// hashes are confirmed byte for byte, so a random seed cannot change
// what Check returns.
var seed = maphash.MakeSeed()

// hashKey hashes a comparison key.
func hashKey(k []byte) uint64 { return maphash.Bytes(seed, k) }

// A keySet remembers the first unit seen with each comparison key.
//
// It does not store keys: an entry holds the unit's span and the byte
// ranges its key skips, and a key is rebuilt, by the keyFunc given to
// find, only when hashes match, that is almost only for true repeats.
// That keeps memory to a few words per unit. Entries with the same hash
// are chained, so a hash collision never makes different keys equal.
// Entries added since a mark can be dropped again with rollback. The
// entries slice grows with the document, so a short document costs a
// few hundred bytes, not a preallocated table.
type keySet struct {
	m       map[uint64]int32 // hash -> newest entry with that hash
	entries []keyEntry
	n       int         // number of entries
	skips   []lint.Span // the skip lists of all entries
}

type keyEntry struct {
	h    uint64
	span lint.Span // the unit
	skip [2]int32  // its key skips skips[skip[0]:skip[1]]
	next int32     // older entry with the same hash, or -1
}

// A keyFunc builds the key of the unit at span whose key skips skip.
type keyFunc func(span lint.Span, skip []lint.Span) []byte

// maxReuse is the most entries a keySet's map may have held for reset
// to clear it for reuse rather than make a new one: clearing a map costs
// time in proportion to the most it ever held.
const maxReuse = 4096

// reset empties the set for a new text, with room in a new map for about
// n entries, or the old map cleared when it was small.
func (s *keySet) reset(n int) {
	if s.m == nil || len(s.m) > maxReuse || cap(s.entries) > maxReuse {
		s.m = make(map[uint64]int32, n)
		s.entries, s.skips = nil, nil
	} else {
		clear(s.m)
	}
	s.entries, s.skips, s.n = s.entries[:0], s.skips[:0], 0
}

func (s *keySet) at(i int32) *keyEntry { return &s.entries[i] }

// find returns the span of the first unit added with key k, whose hash
// is h, rebuilding stored keys with key.
func (s *keySet) find(h uint64, k []byte, key keyFunc) (lint.Span, bool) {
	i, ok := s.m[h]
	if !ok {
		return lint.Span{}, false
	}
	for ; i >= 0; i = s.at(i).next {
		e := s.at(i)
		if bytes.Equal(key(e.span, s.skips[e.skip[0]:e.skip[1]]), k) {
			return e.span, true
		}
	}
	return lint.Span{}, false
}

// add records the unit at sp, whose key has hash h and skips skip. The
// caller checks with find first: add does not look for an equal key.
func (s *keySet) add(h uint64, sp lint.Span, skip []lint.Span) {
	if s.m == nil {
		s.m = make(map[uint64]int32)
	}
	next, ok := s.m[h]
	if !ok {
		next = -1
	}
	s0 := int32(len(s.skips))
	s.skips = append(s.skips, skip...)
	e := keyEntry{h: h, span: sp, skip: [2]int32{s0, int32(len(s.skips))}, next: next}
	s.entries = append(s.entries, e)
	s.m[h] = int32(s.n)
	s.n++
}

// mark returns a point that rollback can return to.
func (s *keySet) mark() int { return s.n }

// rollback drops the entries added since mark m.
func (s *keySet) rollback(m int) {
	for ; s.n > m; s.n-- {
		e := s.at(int32(s.n - 1))
		s.entries = s.entries[:s.n-1]
		if e.next >= 0 {
			s.m[e.h] = e.next
		} else {
			delete(s.m, e.h)
		}
		s.skips = s.skips[:e.skip[0]]
	}
}
