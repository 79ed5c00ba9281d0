package markdown

import (
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/yuin/goldmark/ast"
)

// table marks a table's syntax: everything from its first row to the end
// of its last that is not a cell's text. Cells are visited after.
func (b *builder) table(n ast.Node) {
	start := n.Pos()
	if start < 0 {
		return
	}
	end := -1
	rowLines := map[int]bool{}
	// The line start of each cell, found by scanning forward from the
	// last cell's (cells come in order): a search back from every cell
	// of a wide row would cost the square of its length.
	ls, at := b.lineStart(start), start
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			if s, e, ok := linesSpan(c); ok && e > s {
				end = max(end, e)
				if s < at {
					ls, at = b.lineStart(s), s
				}
				for ; at < s; at++ {
					if b.src[at] == '\n' {
						ls = at + 1
					}
				}
				rowLines[ls] = true
			}
		}
		if p := row.Pos(); p >= 0 {
			end = max(end, p)
		}
	}
	if end < start {
		return
	}
	end = b.contentEnd(end)
	// Cells first, so that the table's syntax is what is left.
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			b.leaf(c)
		}
	}
	for i := start; i < end; i++ {
		if b.src[i] != '\n' && b.cls[i] == cNone {
			b.cls[i] = cTable
		}
	}
	// A row's closing pipe ends its last cell's unit in the view.
	for ls := b.lineStart(start); ls < end; ls = b.lineEnd(ls) + 1 {
		le := min(b.contentEnd(ls), end)
		t := le
		for t > ls && (b.src[t-1] == ' ' || b.src[t-1] == '\t' || b.src[t-1] == '\r') {
			t--
		}
		if t > ls && rowLines[ls] && b.src[t-1] == '|' && b.cls[t-1] == cTable {
			b.cls[t-1] = cRowEnd
		}
	}
	b.tables = append(b.tables, lint.Span{Start: start, End: end})
}
