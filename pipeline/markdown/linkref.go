package markdown

import (
	"bytes"
	"slices"

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
// The result is the same as goldmark's: a chunk ends just before a line
// that starts with "[" (which cannot continue a definition above it but
// inside a title or as a destination on the line after "[label]:"), and
// a chunk is given alone only if none of its lines may leave a title
// open or ask for the next line (see openEnded). From the first chunk
// that has such a line on, the rest of the paragraph goes to goldmark's
// transformer in one call, if its cost (lines times lines that may start
// a definition) fits the parse's budget; if not, budget.over is set and
// the document is read as plain text.
type chunkedRefs struct{}

// refsBudget is what one parse may still spend on unchunked calls; over
// records that a call did not fit.
type refsBudget struct {
	left int
	over bool
}

// Transform implements parser.ParagraphTransformer.
func (chunkedRefs) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	// A copy: the node's lines live in the node, and SetLines overwrites
	// them.
	lines := slices.Clone(node.Lines().Sliced(0, node.Lines().Len()))
	n := len(lines)
	src := reader.Source()
	parent := node.Parent()
	if n == 0 || parent == nil || !opensRef(lines[0].Value(src)) {
		return // no definition at the start: nothing to take out
	}
	// The line indexes where a chunk may start.
	var starts []int
	for i := range lines {
		if opensRef(lines[i].Value(src)) {
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
		risky := false
		for _, sg := range lines[i:j] {
			risky = risky || openEnded(sg.Value(src))
		}
		if risky && j < n {
			// The rest in one call, as goldmark would see it.
			node.SetLines(segments(lines[i:]))
			if b, ok := pc.Get(budgetKey).(*refsBudget); ok {
				cost := (len(starts) - k) * (n - i)
				if cost > b.left {
					b.over = true
					return
				}
				b.left -= cost
			}
			parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
			return
		}
		chunk := ast.NewParagraph()
		chunk.SetLines(segments(lines[i:j]))
		chunk.SetBlankPreviousLines(k == 0 && node.HasBlankPreviousLines())
		parent.InsertBefore(parent, node, chunk)
		parser.LinkReferenceParagraphTransformer.Transform(chunk, reader, pc)
		if chunk.Parent() == nil {
			continue // every line was a definition
		}
		// goldmark stopped at a line that is no definition whatever
		// follows: the rest of the paragraph is text.
		rest := chunk.Lines()
		parent.RemoveChild(parent, chunk)
		r := i
		for rest.Len() > 0 && r < j && lines[r].Start != rest.At(0).Start {
			r++
		}
		node.SetLines(segments(lines[r:]))
		return
	}
	// Every chunk was all definitions: the paragraph is gone.
	parent.RemoveChild(parent, node)
}

// openEnded reports whether a line of a paragraph may leave a link
// reference definition's title open or ask for the next line: an odd
// number of '"' or of "'", parentheses that do not pair up, or a line
// that ends in "]:". A chunk without such lines means the same alone as
// in its paragraph.
func openEnded(line []byte) bool {
	t := bytes.TrimRight(line, " \t\r\n")
	return bytes.Count(t, []byte{'"'})%2 == 1 || bytes.Count(t, []byte{'\''})%2 == 1 ||
		bytes.Count(t, []byte{'('}) != bytes.Count(t, []byte{')'}) || bytes.HasSuffix(t, []byte("]:"))
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

// segments returns a copy of s as Segments: goldmark's AppendAll may keep
// the slice it is given, and the transformer edits it in place.
func segments(s []text.Segment) *text.Segments {
	out := text.NewSegments()
	out.AppendAll(slices.Clone(s))
	return out
}
