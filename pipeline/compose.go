package pipeline

import (
	"sort"
	"strings"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// A piece is one composed change: the bytes orig of the original text
// became the bytes cur of the current text, whose content is text.
// owners lists the findings whose fixes produced it, oldest first; the
// last one owns the fix.
type piece struct {
	orig, cur lint.Span
	text      string
	owners    []int
}

// A composer keeps the edits that turn the original text into the
// current one, so that each stage's edits and spans, given against the
// current text, can be carried back to the original.
type composer struct {
	pieces []piece // sorted by orig (and so by cur), non-overlapping
	// noOwners leaves the pieces' owners empty: the run keeps edits only
	// (Pipeline.EditsOnly), and added counts the findings taken, to own
	// their edits while a stage's fixes are sorted out.
	noOwners bool
	added    int
	// The findings a run takes wait in pending until finish (see
	// pending), with the arenas of their related spans and suggested
	// edits and the names of the stages; hint is how many more findings
	// the stage said would come.
	pending     [][]pending
	firstChunks [4][]pending // pending's first backing array
	firstChunk  [8]pending   // the first chunk
	firstStages [16]string   // stages' first backing array
	related     []lint.Span
	suggested   []lint.Edit
	stages      []string
	hint        int
	// run takes each stage's findings (see runStages).
	run stageRun
}

// lastEndingBefore returns the index of the last piece whose cur range
// ends at or before p (strict: before p, or at p but non-empty), or -1.
func (c *composer) lastEndingBefore(p int, strict bool) int {
	n := sort.Search(len(c.pieces), func(i int) bool {
		pc := c.pieces[i]
		if strict {
			return pc.cur.End > p || (pc.cur.End == p && pc.cur.Start == p)
		}
		return pc.cur.End > p
	})
	return n - 1
}

// containing returns the piece whose non-empty cur range holds p strictly
// inside, or -1.
func (c *composer) containing(p int) int {
	i := sort.Search(len(c.pieces), func(i int) bool { return c.pieces[i].cur.End > p })
	if i < len(c.pieces) && c.pieces[i].cur.Start < p {
		return i
	}
	return -1
}

// mapStart maps a current offset used as the start of a span to the
// original: past any deletions at p, and to the start of a changed
// region that holds p.
func (c *composer) mapStart(p int) int {
	if k := c.containing(p); k >= 0 {
		return c.pieces[k].orig.Start
	}
	k := c.lastEndingBefore(p, false)
	if k < 0 {
		return p
	}
	return c.pieces[k].orig.End + p - c.pieces[k].cur.End
}

// mapEnd maps a current offset used as the end of a span: before any
// deletions at p, and to the end of a changed region that holds p.
func (c *composer) mapEnd(p int) int {
	if k := c.containing(p); k >= 0 {
		return c.pieces[k].orig.End
	}
	k := c.lastEndingBefore(p, true)
	if k < 0 {
		return p
	}
	return c.pieces[k].orig.End + p - c.pieces[k].cur.End
}

// mapSpan maps a span of the current text to the original.
func (c *composer) mapSpan(s lint.Span) lint.Span {
	if len(c.pieces) == 0 {
		return s
	}
	start := c.mapStart(s.Start)
	if s.End == s.Start {
		return lint.Span{Start: start, End: start}
	}
	end := c.mapEnd(s.End)
	if end < start {
		end = start
	}
	return lint.Span{Start: start, End: end}
}

// mapWide maps a non-empty span of the current text to the widest span
// of the original it stands for: with the bytes that earlier deletions
// removed at either end, and all of a changed region that holds an end.
// A deletion of the span deletes those bytes too, so a guard judges what
// it really removes: a repeated heading whose control character went
// first is removed whole.
func (c *composer) mapWide(s lint.Span) lint.Span {
	if len(c.pieces) == 0 || s.Start == s.End {
		return c.mapSpan(s)
	}
	start := c.mapEnd(s.Start) // before any deletions at s.Start
	if k := c.containing(s.Start); k >= 0 {
		start = c.pieces[k].orig.Start
	}
	end := c.mapStart(s.End) // past any deletions at s.End
	if k := c.containing(s.End); k >= 0 {
		end = c.pieces[k].orig.End
	}
	if end < start {
		end = start
	}
	return lint.Span{Start: start, End: end}
}

// guardEdit returns the edit e of the current text as a guard judges it,
// in the original: a deletion at its widest (see mapWide).
func (c *composer) guardEdit(e *lint.Edit) lint.Edit {
	if e.New == "" {
		return lint.Edit{Span: c.mapWide(e.Span)}
	}
	return lint.Edit{Span: c.mapSpan(e.Span), New: e.New}
}

// touches reports whether a piece's cur range and an edit must merge:
// they overlap, or one is empty and they meet.
func touches(cur, e lint.Span) bool {
	lo, hi := max(cur.Start, e.Start), min(cur.End, e.End)
	if lo < hi {
		return true
	}
	// An insertion or deletion that meets another change merges with it,
	// so that no two changes share an offset of the original and the
	// order of their edits is never ambiguous.
	if cur.Start == cur.End || e.Start == e.End {
		return lo == hi
	}
	return false
}

// An ownedEdit is a stage's edit, in its finding's Fix, with the global
// index of its finding. It points at the edit rather than copying it: a
// stage with a million fixes costs 16 bytes a fix here, not 48.
type ownedEdit struct {
	*lint.Edit
	owner int
}

// apply composes the sorted, non-overlapping edits, given against cur,
// with the pieces so far, and returns the new current text. Edits and
// pieces that touch form one group, which becomes one piece.
func (c *composer) apply(cur string, edits []ownedEdit) string {
	if len(edits) == 0 {
		return cur
	}
	next, ok := applyOwned(cur, edits)
	if !ok {
		return cur // callers validate edits first
	}
	// Owner lists of new pieces live in one arena per call, sized, like
	// out, by a first pass: a removal that swallows a million small
	// fixes makes one piece, not a block for a million.
	np, no := c.count(edits)
	out := make([]piece, 0, np)
	var arena []int
	if !c.noOwners {
		arena = make([]int, 0, no)
	}
	i, j := 0, 0
	for j < len(edits) {
		// Pieces before the next edit that it does not touch stay as they are.
		for i < len(c.pieces) && c.pieces[i].cur.End <= edits[j].Start && !touches(c.pieces[i].cur, edits[j].Span) {
			out = append(out, c.pieces[i])
			i++
		}
		// Grow a group from edits[j] with every piece and edit it touches.
		hull := edits[j].Span
		firstEdit := j
		n0 := len(arena)
		orig := lint.Span{Start: -1}
		for {
			if i < len(c.pieces) && touches(c.pieces[i].cur, hull) {
				pc := c.pieces[i]
				hull.Start, hull.End = min(hull.Start, pc.cur.Start), max(hull.End, pc.cur.End)
				if orig.Start < 0 {
					orig = pc.orig
				} else {
					orig.Start, orig.End = min(orig.Start, pc.orig.Start), max(orig.End, pc.orig.End)
				}
				if !c.noOwners {
					arena = append(arena, pc.owners...)
				}
				i++
				continue
			}
			if j+1 < len(edits) && touches(hull, edits[j+1].Span) {
				j++
				hull.Start, hull.End = min(hull.Start, edits[j].Start), max(hull.End, edits[j].End)
				continue
			}
			break
		}
		group := edits[firstEdit : j+1]
		j++
		// The group's extent in the original.
		start := c.mapStart(hull.Start)
		end := start
		if hull.End > hull.Start {
			end = max(c.mapEnd(hull.End), start)
		}
		if orig.Start >= 0 {
			start, end = min(start, orig.Start), max(end, orig.End)
		}
		if !c.noOwners {
			for _, e := range group {
				arena = append(arena, e.owner)
			}
		}
		var text string
		if len(group) == 1 && group[0].Span == hull {
			text = group[0].New // the common case: an edit on its own
		} else {
			var b strings.Builder
			pos := hull.Start
			for _, e := range group {
				b.WriteString(cur[pos:e.Start])
				b.WriteString(e.New)
				pos = e.End
			}
			b.WriteString(cur[pos:hull.End])
			text = b.String()
		}
		// The full slice expression keeps a later append to the owners
		// from writing into a neighbour's.
		out = append(out, piece{orig: lint.Span{Start: start, End: end}, text: text, owners: arena[n0:len(arena):len(arena)]})
	}
	out = append(out, c.pieces[i:]...)

	// Recompute cur ranges against the new text.
	delta := 0
	for k := range out {
		out[k].cur.Start = out[k].orig.Start + delta
		out[k].cur.End = out[k].cur.Start + len(out[k].text)
		delta += len(out[k].text) - out[k].orig.Len()
	}
	c.pieces = out
	return next
}

// count returns how many pieces apply makes of the pieces and the
// edits, and how many owners the pieces of its groups list: apply's
// grouping, without the work.
func (c *composer) count(edits []ownedEdit) (pieces, owners int) {
	i, j := 0, 0
	for j < len(edits) {
		for i < len(c.pieces) && c.pieces[i].cur.End <= edits[j].Start && !touches(c.pieces[i].cur, edits[j].Span) {
			pieces++
			i++
		}
		hull := edits[j].Span
		owners++
		for {
			if i < len(c.pieces) && touches(c.pieces[i].cur, hull) {
				pc := c.pieces[i]
				hull.Start, hull.End = min(hull.Start, pc.cur.Start), max(hull.End, pc.cur.End)
				owners += len(pc.owners)
				i++
				continue
			}
			if j+1 < len(edits) && touches(hull, edits[j+1].Span) {
				j++
				hull.Start, hull.End = min(hull.Start, edits[j].Start), max(hull.End, edits[j].End)
				owners++
				continue
			}
			break
		}
		j++
		pieces++
	}
	return pieces + len(c.pieces) - i, owners
}

// applyOwned is lint.Apply for owned edits, without a copy of them as
// plain edits; ok is false, and text is returned, if they are out of
// order, inverted or out of range.
func applyOwned(text string, edits []ownedEdit) (string, bool) {
	size, last := len(text), 0
	for _, e := range edits {
		if e.Start < last || e.End < e.Start || e.End > len(text) {
			return text, false
		}
		last = e.End
		size += len(e.New) - e.Len()
	}
	var b strings.Builder
	b.Grow(size)
	last = 0
	for _, e := range edits {
		b.WriteString(text[last:e.Start])
		b.WriteString(e.New)
		last = e.End
	}
	b.WriteString(text[last:])
	return b.String(), true
}
