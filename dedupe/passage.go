package dedupe

import (
	"bytes"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// setTail keeps the last sentences of the paragraph that stay, up to
// maxTail, as c.tail.
func (c *checker) setTail() {
	n, first := 0, len(c.ss)
	for i := len(c.ss) - 1; i >= 0 && n < maxTail; i-- {
		if !gone(&c.ss[i]) {
			n, first = n+1, i
		}
	}
	c.tail, c.tailSkips = c.tail[:0], c.tailSkips[:0]
	for i := first; i < len(c.ss); i++ {
		s := &c.ss[i]
		if gone(s) {
			continue
		}
		s0 := len(c.tailSkips)
		for _, cut := range c.dblCut[s.dbl.Start:s.dbl.End] {
			if cut.Start < cut.End {
				c.tailSkips = append(c.tailSkips, cut)
			}
		}
		c.tail = append(c.tail, tailUnit{span: s.span, hash: s.hash, skip: [2]int{s0, len(c.tailSkips)}})
	}
}

// A tailUnit is a sentence of c.tail: its key is rebuilt from its span
// and skips (keyAt) only when its hash matches, so keeping it costs no
// copy of the key.
type tailUnit struct {
	span lint.Span
	hash uint64
	skip [2]int // its skips in c.tailSkips
}

// tailIs reports whether sentence i has the key of c.tail[j].
func (c *checker) tailIs(j, i int) bool {
	u := &c.tail[j]
	return u.hash == c.ss[i].hash && bytes.Equal(c.keyAt(u.span, c.tailSkips[u.skip[0]:u.skip[1]]), c.sentenceKey(i))
}

// boundaryCuts marks the sentences at the start of the paragraph that
// repeat the end of the paragraph before: a long sentence that repeats
// its last sentence, or a passage of two or more (one of them long) that
// repeats its last ones, again and again while the paragraph's next
// sentences do ("…A. B.⏎⏎A. B. C."). Only sentences that local repeats
// leave (c.kept) count; a passage takes the local repeats inside it.
func (c *checker) boundaryCuts() {
	for i := range c.ss {
		c.ss[i].bound = false
	}
	k := c.kept
	for len(k) > 0 && len(c.tail) > 0 {
		n := c.tailMatch(k)
		if n == 0 {
			return
		}
		for t := range n {
			r := &c.ss[k[t]]
			r.bound, r.boundOf = true, c.tail[len(c.tail)-n+t].span
		}
		if n > 1 {
			c.ss[k[0]].passage, c.ss[k[0]].passageEnd = n, k[n-1]
			for x := k[0] + 1; x <= k[n-1]; x++ {
				c.ss[x].passage = -1 // in the passage's finding
			}
		}
		k = k[n:]
	}
}

// tailMatch returns the length of the shortest passage at the start of
// the sentences k that repeats the end of c.tail, with a long sentence
// in it, or 0.
func (c *checker) tailMatch(k []int) int {
	for n := 1; n <= len(k) && n <= len(c.tail); n++ {
		long := false
		t := 0
		for ; t < n; t++ {
			c.work++
			i := k[t]
			if !c.tailIs(len(c.tail)-n+t, i) {
				break
			}
			long = long || c.ss[i].words >= c.min
		}
		if t == n && long {
			return n
		}
	}
	return 0
}

// gone reports whether sentence s is removed.
func gone(s *sentence) bool { return s.fate >= cutAdjacent && !s.unsafe }

// walk sets the fate of each sentence of the paragraph: long sentences
// that repeat the one before them (in the paragraph or, for the first,
// the last one of the paragraph before) are cut, and so are passages of
// two or more sentences that repeat the ones just before them, and, in
// mode All, repeats of earlier ones; with keep, they stay instead, marked
// unsafe. It returns the last sentence that stays (-1: none), whether a
// sentence that the paragraph's key left in is cut, and whether any is.
func (c *checker) walk(quiet, keep bool) (last int, changed, cut bool) {
	last = -1 // -1: none in this paragraph
	c.work += len(c.ss)
	c.boundaryCuts()
	passageWhy, passageEnd := "", -1 // the verdict on the passage around a sentence
	for i := range c.ss {
		s := &c.ss[i]
		s.fate, s.unsafe, s.why = kept, false, ""
		switch {
		case s.bound:
			s.fate, s.related = cutBoundary, s.boundOf
			changed = true
		case s.local != kept:
			s.fate, s.related = s.local, c.ss[s.localOf].span
		case s.words < c.min:
		default:
			if first, ok := c.sents.find(s.hash, c.sentenceKey(i), c.keyAt); ok {
				s.related = first
				if c.all {
					s.fate = cutEarlier
					changed = true
				} else if !quiet {
					s.fate = keptRepeat
				}
			} else {
				c.sents.add(s.hash, s.span, c.dblCut[s.dbl.Start:s.dbl.End])
			}
		}
		if s.fate == cutAdjacent || s.fate == cutBoundary || s.fate == cutPassage {
			// A repeat in structured text stays, reported. The sentences
			// of a passage share the verdict on its first.
			why := passageWhy
			if s.fate == cutBoundary && c.inSuggested != "" {
				why = c.inSuggested // the paragraph's finding says it
			} else if i > passageEnd {
				why = c.structure(s.span, s.related)
				if s.passage > 0 {
					passageWhy, passageEnd = why, s.passageEnd
				}
			}
			if why != "" {
				s.unsafe, s.why = true, why
				changed = true
				last = i
				continue
			}
		}
		if s.fate >= cutAdjacent {
			if !keep {
				cut = true
				continue
			}
			s.unsafe = true
		}
		last = i
	}
	return last, changed, cut
}

// localRepeats finds the sentences of the paragraph that repeat the one
// that stays just before them (long ones only) and the passages of two or
// more sentences that repeat, sentence for sentence, the ones that stay
// just before them ("A. B. A. B.": a passage pasted twice on one line or
// on the next; at least one of its sentences long). It marks them in
// local and localOf, and the first sentence of each passage with its
// length. It goes over the sentences that stay until none is found, so
// that what it leaves holds no such repeat: "E. No. E. E. No." loses the
// second E first, and then the passage "E. No.".
func (c *checker) localRepeats() {
	k := c.kept[:0]
	for i := range c.ss {
		s := &c.ss[i]
		s.local, s.localOf, s.passage = kept, i, 0
		k = append(k, i)
	}
	for len(k) > 1 {
		found := false
		out := k[:0] // written behind where it is read
		for i := 0; i < len(k); {
			c.work++
			j := k[i]
			if len(out) > 0 && c.ss[j].words >= c.min && c.sameSentence(j, out[len(out)-1]) {
				c.ss[j].local, c.ss[j].localOf = cutAdjacent, out[len(out)-1]
				found = true
				i++
				continue
			}
			if n := c.repeatedPassage(out, k[i:]); n > 0 {
				for t := range n {
					r := &c.ss[k[i+t]]
					r.local, r.localOf = cutPassage, out[len(out)-n+t]
				}
				c.ss[j].passage, c.ss[j].passageEnd = n, k[i+n-1]
				// Sentences between its first and last that went in
				// an earlier round go with it, in its finding.
				for x := j + 1; x < k[i+n-1]; x++ {
					if c.ss[x].local != kept {
						c.ss[x].passage = -1
					}
				}
				found = true
				i += n
				continue
			}
			out = append(out, j)
			i++
		}
		k = out
		if !found {
			break
		}
	}
	c.kept = k
}

// repeatedPassage returns the length of the shortest passage of two or
// more sentences at the start of next that repeats, sentence for
// sentence, the end of before, with at least one long sentence; or 0.
func (c *checker) repeatedPassage(before, next []int) int {
	h := c.ss[next[0]].hash
	for n := 2; n <= len(before) && n <= len(next) && n <= maxPassage; n++ {
		c.work++
		first := before[len(before)-n:]
		if c.ss[first[0]].hash != h {
			continue
		}
		long := false
		t := 0
		for ; t < n && c.sameSentence(next[t], first[t]); t++ {
			long = long || c.ss[next[t]].words >= c.min
		}
		if t == n && long {
			return n
		}
	}
	return 0
}

// fixesWords reports whether a doubled word of a sentence that stays is
// removed.
func (c *checker) fixesWords() bool {
	for i := range c.ss {
		s := &c.ss[i]
		if gone(s) {
			continue
		}
		for _, d := range c.dbl[s.dbl.Start:s.dbl.End] {
			if d.fix {
				return true
			}
		}
	}
	return false
}
