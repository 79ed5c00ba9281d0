package markdown

import (
	"slices"
	"sort"
	"strings"

	"github.com/copydesk/copydesk/pipeline/charclass"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// guard builds the spans, the view and the hooks from the classes.
func (b *builder) guard() *pipeline.Guard {
	src, cls := b.src, b.cls
	g := &pipeline.Guard{}
	view := make([]byte, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch cls[i] {
		case cProse, cSpace:
			view[i] = c
		case cInline, cCode, cHard, cAttach:
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' {
				view[i] = c
			} else if i+1 < len(src) && charclass.IsQuote(firstRune(src[i+1:])) {
				// Syntax that a quote follows closes a word, as a letter
				// would: "*hello*" closes, `git`'s is an apostrophe, not
				// the inches of a number.
				view[i] = 'x'
			} else if i > 0 && charclass.IsQuote(lastRune(src[:i])) {
				// Syntax after a quote starts a word: the quote opens.
				view[i] = '^'
			} else {
				view[i] = '0'
			}
		case cStruct, cTable:
			if c == '\n' {
				view[i] = c
			} else {
				view[i] = ' '
			}
		default: // cBlock, cRowEnd
			view[i] = 'x'
		}
	}
	// Spans: runs of block classes and of guarded inline classes.
	for i := 0; i < len(src); {
		j := i + 1
		switch {
		case blockClass(cls[i]):
			for j < len(src) && blockClass(cls[j]) {
				j++
			}
			g.Block = append(g.Block, lint.Span{Start: i, End: j})
		case guardedInline(cls[i]):
			for j < len(src) && guardedInline(cls[j]) {
				j++
			}
			g.Inline = append(g.Inline, lint.Span{Start: i, End: j})
		}
		i = j
	}
	b.separate(view)
	g.View = string(view)
	b.refuse(g)
	b.suppress(g)
	b.suggestInLists(g)
	return g
}

// suggestInLists makes the removal of a repeated paragraph or sentence
// inside a list item a suggestion: the view hides the item's marker, so
// dedupe takes a list's repeated item (a changelog's "- Fix the build",
// twice) for a paragraph pasted twice.
func (b *builder) suggestInLists(g *pipeline.Guard) {
	if len(b.listItems) == 0 {
		return
	}
	items := lint.MergeSpans(b.listItems)
	g.Suggested = func(rule string, span lint.Span) bool {
		if rule != dedupe.RuleParagraph && rule != dedupe.RuleSentence {
			return false
		}
		i := sort.Search(len(items), func(i int) bool { return items[i].End > span.Start })
		return i < len(items) && items[i].Start < span.End
	}
}

// blankView reports whether the view byte c is white space.
func blankView(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// separate makes every unit (leaf or block) a paragraph of its own in the
// view: a blank line between each and the next, made from syntax bytes
// between them (or, failing that, the last byte of an attached underline
// or closing sequence, or the first or last byte of a block).
func (b *builder) separate(view []byte) {
	type unit struct {
		start int
		block bool
	}
	units := make([]unit, 0, len(b.leaves)+len(b.blocks)+len(b.tables))
	for _, l := range b.leaves {
		units = append(units, unit{start: l.start})
	}
	// Block units: runs of cBlock, as blocks may have merged.
	for i := 0; i < len(b.cls); {
		if b.cls[i] != cBlock {
			i++
			continue
		}
		units = append(units, unit{start: i, block: true})
		for i < len(b.cls) && b.cls[i] == cBlock {
			i++
		}
	}
	slices.SortFunc(units, func(x, y unit) int { return x.start - y.start })
	for k := 1; k < len(units); k++ {
		s2 := units[k].start
		for s2 < len(view) && blankView(view[s2]) {
			s2++
		}
		if s2 >= len(view) {
			continue
		}
		g0 := s2
		for g0 > 0 && blankView(view[g0-1]) {
			g0--
		}
		if g0 == 0 || g0 <= units[k-1].start || hasBlankLine(view[g0:s2]) {
			continue
		}
		need := 2
		if strings.IndexByte(string(view[g0:s2]), '\n') >= 0 {
			need = 1
		}
		var cand []int
		for i := g0; i < s2; i++ {
			if c := b.cls[i]; c == cStruct || c == cTable {
				cand = append(cand, i)
			}
		}
		if len(cand) < need {
			if c := b.cls[g0-1]; c == cAttach || c == cBlock || c == cRowEnd {
				cand = append([]int{g0 - 1}, cand...)
			}
		}
		if len(cand) < need && units[k].block {
			cand = append(cand, s2)
		}
		if len(cand) < need {
			continue
		}
		if need == 1 {
			// Prefer a byte after the existing line break.
			nl := g0 + strings.IndexByte(string(view[g0:s2]), '\n')
			pick := cand[len(cand)-1]
			for _, c := range cand {
				if c > nl {
					pick = c
					break
				}
			}
			view[pick] = '\n'
		} else {
			view[cand[0]] = '\n'
			view[cand[1]] = '\n'
		}
	}
}

// hasBlankLine reports whether v holds two line breaks with only white
// space between them.
func hasBlankLine(v []byte) bool {
	last := -1
	for i, c := range v {
		switch c {
		case '\n':
			if last >= 0 {
				return true
			}
			last = i
		case ' ', '\t', '\r':
		default:
			last = -1
		}
	}
	return false
}
