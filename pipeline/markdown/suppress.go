package markdown

import (
	"slices"
	"sort"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// suppress sets g.Suppressed to drop the repeats dedupe finds between
// table cells: a paragraph-level repeat inside a table, or a sentence
// repeat that starts a cell (it repeats the end of the cell before); and
// the blank-line removals after lines the view blanks out.
func (b *builder) suppress(g *pipeline.Guard) {
	tables, cells, src := b.tables, b.cells, b.src
	slices.Sort(cells)
	g.Suppressed = func(rule string, s lint.Span) bool {
		switch rule {
		case normalize.RuleBlankLines:
			// The view blanks out lines of syntax only (a table's
			// delimiter row); they are not blank lines.
			return joinsSyntaxLine(src, lint.Edit{Span: s})
		case dedupe.RuleParagraph, dedupe.RuleNearParagraph:
			i := sort.Search(len(tables), func(i int) bool { return tables[i].End > s.Start })
			return i < len(tables) && tables[i].Start <= s.Start
		case dedupe.RuleSentence, dedupe.RuleNearSentence:
			_, found := slices.BinarySearch(cells, s.Start)
			return found
		}
		return false
	}
}
