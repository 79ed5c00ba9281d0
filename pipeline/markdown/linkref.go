package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// refChunk is how many lines that may start a link reference definition
// (a "[" after at most three spaces) one call of goldmark's transformer
// is given at most.
const refChunk = 32

// chunkedRefs is goldmark's link reference definition transformer fed a
// paragraph in chunks. goldmark's own copies the paragraph's remaining
// lines once per definition it takes out, which costs the square of the
// number of definitions in a paragraph (800 KB of definitions: 10 s).
// The result is the same: a chunk ends just before a line that starts
// with "[", which cannot continue a definition begun above it except
// inside a title. A chunk that stops early hands everything from there
// on to goldmark's transformer in one call, as it would have seen it:
// at once when the line it stopped at does not start like a definition
// ("[label]:"), as goldmark then stops there too; otherwise (a title the
// chunk's end cut, or a definition goldmark refuses) only if the call's
// cost, lines times lines that may start a definition, fits the budget,
// and else the paragraph is left as text and budget.over is set.
type chunkedRefs struct{}

// refsBudget is what one parse may still spend on unchunked calls; over
// records that a call did not fit.
type refsBudget struct {
	left int
	over bool
}

// Transform implements parser.ParagraphTransformer.
func (chunkedRefs) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	n := lines.Len()
	src := reader.Source()
	parent := node.Parent()
	if n == 0 || parent == nil || !opensRef(segValue(lines.At(0), src)) {
		return // no definition at the start: nothing to take out
	}
	// The line indexes where a chunk may start.
	var starts []int
	for i := 0; i < n; i++ {
		if opensRef(segValue(lines.At(i), src)) {
			starts = append(starts, i)
		}
	}
	if len(starts) <= refChunk {
		parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
		return
	}
	for k := 0; k < len(starts); k += refChunk {
		i := starts[k]
		j := n
		if k+refChunk < len(starts) {
			j = starts[k+refChunk]
		}
		chunk := ast.NewParagraph()
		chunk.SetLines(segments(lines.Sliced(i, j)))
		chunk.SetBlankPreviousLines(k == 0 && node.HasBlankPreviousLines())
		parent.InsertBefore(parent, node, chunk)
		parser.LinkReferenceParagraphTransformer.Transform(chunk, reader, pc)
		if chunk.Parent() == nil {
			continue // every line was a definition
		}
		rest := chunk.Lines()
		parent.RemoveChild(parent, chunk)
		r := i
		for rest.Len() > 0 && r < j && lines.At(r).Start != rest.At(0).Start {
			r++
		}
		node.SetLines(segments(lines.Sliced(r, n)))
		if j < n && !titleMayOpen(lines, r, src) {
			return // goldmark stops at r too: the rest is text
		}
		if j < n && looksLikeDefinition(string(segValue(lines.At(r), src))) {
			left := 0
			for _, s := range starts[k:] {
				if s >= r {
					left++
				}
			}
			if b, ok := pc.Get(budgetKey).(*refsBudget); ok {
				cost := left * (n - r)
				if cost > b.left {
					b.over = true
					return
				}
				b.left -= cost
			}
		}
		if j < n {
			parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
		}
		return
	}
	// Every chunk was all definitions: the paragraph is gone.
	parent.RemoveChild(parent, node)
}

// opensRef reports whether a paragraph line may start a link reference
// definition: "[" after at most three spaces.
func opensRef(line []byte) bool {
	for i := 0; i < len(line) && i < 4; i++ {
		switch line[i] {
		case '[':
			return true
		case ' ':
		default:
			return false
		}
	}
	return false
}

// budgetKey holds a parse's *refsBudget in its parser.Context.
var budgetKey = parser.NewContextKey()

func segValue(s text.Segment, src []byte) []byte { return s.Value(src) }

func segments(s []text.Segment) *text.Segments {
	out := text.NewSegments()
	out.AppendAll(s)
	return out
}

// titleMayOpen reports whether the definition that may start at line r
// could have a title that runs on past the next line that starts with
// "[": a quote or parenthesis after its "]:", up to that line. If not,
// whether it is a definition does not depend on the lines after.
func titleMayOpen(lines *text.Segments, r int, src []byte) bool {
	seen := false // past the "]:"
	for i := r; i < lines.Len(); i++ {
		v := segValue(lines.At(i), src)
		if i > r && opensRef(v) {
			return false
		}
		if !seen {
			k := bytes.Index(v, []byte("]:"))
			if k < 0 {
				continue
			}
			seen, v = true, v[k+2:]
		}
		if bytes.ContainsAny(v, "\"'(") {
			return true
		}
	}
	return false
}
