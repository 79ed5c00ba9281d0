package pipeline

import (
	"sort"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// A Guard keeps a run's stages away from parts of the text: a document
// format's code and syntax (Markdown code blocks, link destinations, list
// markers) and the findings an author suppressed. Spans are in the
// original text's coordinates, sorted and non-overlapping.
type Guard struct {
	// View, if not empty, is the text the stages see instead of the
	// original: it has the original's length and differs from it only
	// inside Block and Inline spans (a code block blanked out, say, so
	// that it neither joins the paragraphs around it nor counts as one).
	View string
	// Block spans are never changed, and a finding that overlaps one is
	// dropped: fenced and indented code, HTML blocks, front matter.
	Block []lint.Span
	// Inline spans are never changed except removed whole by a deletion
	// that holds them (a repeated paragraph taking its code span or link
	// with it); a finding that lies inside one is dropped: code spans,
	// link destinations, inline HTML, block and emphasis syntax.
	Inline []lint.Span
	// Suppressed, if set, reports whether a finding of rule at span (in
	// the original) is suppressed: it is dropped with its fix.
	Suppressed func(rule string, span lint.Span) bool
	// Refuse, if set, reports whether an edit (in the original) that
	// Block and Inline allow is refused all the same: one that removes
	// one half of a paired construct without the other (an emphasis
	// opener without its closer, a heading's text without its marker).
	// The finding is kept, without its fix.
	Refuse func(e lint.Edit) bool
	// Suggested, if set, reports whether a finding of rule at span (in
	// the original) is to have its fix offered as a suggestion rather
	// than made: structure a stage cannot see in the view (a repeated
	// Markdown list item is a list's repeat, not a paste error).
	Suggested func(rule string, span lint.Span) bool
}

// overlapping reports whether s overlaps a span of spans (sorted,
// non-overlapping). An empty s overlaps a span that holds it strictly.
func overlapping(spans []lint.Span, s lint.Span) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].End > s.Start })
	if i == len(spans) {
		return false
	}
	g := spans[i]
	if s.Start == s.End {
		return g.Start < s.Start
	}
	return g.Start < s.End
}

// within reports whether the non-empty s lies inside one span of spans.
func within(spans []lint.Span, s lint.Span) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].End >= s.End })
	return i < len(spans) && spans[i].Start <= s.Start && s.End <= spans[i].End
}

// cutsInline reports whether the edit e (in the original) changes part of
// an inline span without removing all of it.
func cutsInline(spans []lint.Span, e lint.Edit) bool {
	if e.Start == e.End {
		return overlapping(spans, e.Span)
	}
	i := sort.Search(len(spans), func(i int) bool { return spans[i].End > e.Start })
	for ; i < len(spans) && spans[i].Start < e.End; i++ {
		g := spans[i]
		if e.New != "" || g.Start < e.Start || g.End > e.End {
			return true
		}
	}
	return false
}

// drops reports whether the guard drops a finding of rule at span
// (original coordinates) altogether.
func (g *Guard) drops(rule string, span lint.Span) bool {
	if g == nil {
		return false
	}
	if overlapping(g.Block, span) {
		return true
	}
	if span.Start == span.End {
		if overlapping(g.Inline, span) {
			return true
		}
	} else if within(g.Inline, span) {
		return true
	}
	return g.Suppressed != nil && g.Suppressed(rule, span)
}

// blocks reports whether the guard refuses the edit e, given in the
// original's coordinates.
func (g *Guard) blocks(e lint.Edit) bool {
	return g != nil && (overlapping(g.Block, e.Span) || cutsInline(g.Inline, e) ||
		g.Refuse != nil && g.Refuse(e))
}
