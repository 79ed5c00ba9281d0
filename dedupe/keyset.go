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
	// tab is an open-addressing table, probed linearly from a hash's
	// low bits: each slot holds 0 (empty) or one plus the index of the
	// newest entry with its hash. Its size is a power of two, kept at
	// most half full, and it is sized for each text, so that emptying it
	// costs in proportion to the text, not to the largest text seen.
	tab     []int32
	used    int // slots in use
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

// maxReuse is the most entries a keySet keeps memory for between texts:
// a huge text's memory is given back.
const maxReuse = 4096

// reset empties the set for a new text, with room for about n entries.
func (s *keySet) reset(n int) {
	if cap(s.entries) > maxReuse || cap(s.tab) > 4*maxReuse {
		s.tab, s.entries, s.skips = nil, nil, nil
	}
	size := 16
	for size < 2*n {
		size *= 2
	}
	if cap(s.tab) >= size {
		s.tab = s.tab[:size]
		clear(s.tab)
	} else {
		s.tab = make([]int32, size)
	}
	s.entries, s.skips, s.n, s.used = s.entries[:0], s.skips[:0], 0, 0
}

func (s *keySet) at(i int32) *keyEntry { return &s.entries[i] }

// slot returns the slot of hash h in s.tab: the one holding it, or the
// empty one where it would go.
func (s *keySet) slot(h uint64) int {
	mask := len(s.tab) - 1
	i := int(h) & mask
	for {
		v := s.tab[i]
		if v == 0 || s.entries[v-1].h == h {
			return i
		}
		i = (i + 1) & mask
	}
}

// find returns the span of the first unit added with key k, whose hash
// is h, rebuilding stored keys with key.
func (s *keySet) find(h uint64, k []byte, key keyFunc) (lint.Span, bool) {
	if len(s.tab) == 0 {
		return lint.Span{}, false
	}
	for i := s.tab[s.slot(h)] - 1; i >= 0; i = s.at(i).next {
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
	if 2*(s.used+1) > len(s.tab) {
		s.grow()
	}
	k := s.slot(h)
	next := s.tab[k] - 1 // -1 if empty
	if next < 0 {
		s.used++
	}
	s0 := int32(len(s.skips))
	s.skips = append(s.skips, skip...)
	e := keyEntry{h: h, span: sp, skip: [2]int32{s0, int32(len(s.skips))}, next: next}
	s.entries = append(s.entries, e)
	s.tab[k] = int32(s.n) + 1
	s.n++
}

// grow doubles the table (or makes the first one), reusing its memory
// when it has room, and fills it again from the entries: the newest
// entry of each hash is the last one with it.
func (s *keySet) grow() {
	size := max(16, 2*len(s.tab))
	if cap(s.tab) >= size {
		s.tab = s.tab[:size]
		clear(s.tab)
	} else {
		s.tab = make([]int32, size)
	}
	for i := range s.entries[:s.n] {
		s.tab[s.slot(s.entries[i].h)] = int32(i) + 1
	}
}

// mark returns a point that rollback can return to.
func (s *keySet) mark() int { return s.n }

// rollback drops the entries added since mark m.
func (s *keySet) rollback(m int) {
	for ; s.n > m; s.n-- {
		e := s.at(int32(s.n - 1))
		// The newest entry is the only one of its hash, or the slot
		// goes back to the older one. An emptied slot needs no
		// rearranging: it was the last slot taken (slots are taken in
		// the order hashes first appear, also when grow refills the
		// table), so every later slot of its probe run was taken
		// before it and is reachable without it.
		if k := s.slot(e.h); e.next >= 0 {
			s.tab[k] = e.next + 1
		} else {
			s.tab[k] = 0
			s.used--
		}
		s.skips = s.skips[:e.skip[0]]
		s.entries = s.entries[:s.n-1]
	}
}
