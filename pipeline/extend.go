package pipeline

import (
	"slices"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// Extend runs further stages on r.Cleaned and folds what they find into
// r, as if they had been part of the run: their findings and fixes are
// mapped back to r.Original, r.Changes stays a sorted, non-overlapping
// list of edits of the original that gives the new r.Cleaned, and every
// finding's Fix and FixedBy are recomputed. The pipeline's settings
// (Disable, ReportOnly, SetSeverity) apply to the new findings.
//
// It is for work that can only be decided after the run, such as a
// corpus job's removal of paragraphs already seen in other documents.
func (p *Pipeline) Extend(r *Result, stages ...lint.Stage) { p.ExtendGuarded(r, nil, stages...) }

// ExtendGuarded is Extend with the guard the result was made with (see
// RunGuarded); a nil guard guards nothing.
func (p *Pipeline) ExtendGuarded(r *Result, g *Guard, stages ...lint.Stage) {
	if len(stages) == 0 {
		return
	}
	// Rebuild the composer from the changes: each change is a piece
	// whose place in the cleaned text follows from the ones before it.
	c := composer{pieces: make([]piece, len(r.Changes)), noOwners: p.edits}
	delta := 0
	for i, ch := range r.Changes {
		start := ch.Start + delta
		c.pieces[i] = piece{
			orig:   ch.Span,
			cur:    lint.Span{Start: start, End: start + len(ch.New)},
			text:   ch.New,
			owners: slices.Clone(ch.Findings),
		}
		delta += len(ch.New) - ch.Len()
	}
	// finish gives the fixes out again from the composed pieces.
	for i := range r.Findings {
		r.Findings[i].Fix = nil
		r.Findings[i].FixedBy = -1
	}
	cur := r.Cleaned
	view := g != nil && g.View != "" && len(g.View) == len(r.Original)
	if view {
		// The stages see the view with the run's changes applied.
		if v, err := lint.Apply(g.View, r.Edits()); err == nil {
			cur = v
		}
	}
	cur, _ = p.runStages(r, &c, cur, stages, false, g)
	r.Cleaned = cur
	r.adopt(&c)
	r.finish(c.pieces)
	if view {
		r.Cleaned, _ = lint.Apply(r.Original, r.Edits())
	}
}
