package pipeline

import (
	"sort"

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

// touches reports whether a piece's cur range and an edit must merge.
func touches(cur, e lint.Span) bool {
	lo, hi := max(cur.Start, e.Start), min(cur.End, e.End)
	switch {
	case lo < hi:
		return true
	case cur.Start == cur.End:
		return e.Start < cur.Start && cur.Start < e.End
	case e.Start == e.End:
		return cur.Start < e.Start && e.Start < cur.End
	}
	return false
}

// An ownedEdit is a stage's edit with the global index of its finding.
type ownedEdit struct {
	lint.Edit
	owner int
}

// apply composes the sorted, non-overlapping edits, given against cur,
// with the pieces so far, and returns the new current text.
func (c *composer) apply(cur string, edits []ownedEdit) string {
	if len(edits) == 0 {
		return cur
	}
	out := make([]piece, 0, len(c.pieces)+len(edits))
	i := 0
	for _, e := range edits {
		// Pieces wholly before the edit stay as they are.
		for i < len(c.pieces) && !touches(c.pieces[i].cur, e.Span) && c.pieces[i].cur.End <= e.Start {
			out = append(out, c.pieces[i])
			i++
		}
		np := piece{
			cur:    e.Span,
			orig:   lint.Span{Start: c.mapStart(e.Start), End: c.mapEnd(e.End)},
			owners: nil,
		}
		if e.Start == e.End {
			np.orig.End = np.orig.Start
		}
		lo, hi := e.Start, e.End
		for i < len(c.pieces) && touches(c.pieces[i].cur, e.Span) {
			pc := c.pieces[i]
			if pc.cur.Start < lo {
				lo = pc.cur.Start
			}
			if pc.cur.End > hi {
				hi = pc.cur.End
			}
			np.orig.Start = min(np.orig.Start, pc.orig.Start)
			np.orig.End = max(np.orig.End, pc.orig.End)
			np.owners = append(np.owners, pc.owners...)
			i++
		}
		np.owners = append(np.owners, e.owner)
		np.text = cur[lo:e.Start] + e.New + cur[e.End:hi]
		out = append(out, np)
	}
	out = append(out, c.pieces[i:]...)

	next, err := lint.Apply(cur, editsOf(edits))
	if err != nil {
		// Callers validate edits first; keep the text if they did not.
		return cur
	}
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

func editsOf(edits []ownedEdit) []lint.Edit {
	out := make([]lint.Edit, len(edits))
	for i, e := range edits {
		out[i] = e.Edit
	}
	return out
}
