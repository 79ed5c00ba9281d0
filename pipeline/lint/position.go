package lint

import (
	"sort"
	"unicode/utf8"
)

// A Position is a place in a text as a person reads it: 1-based line and
// column, the column counted in Unicode characters (an invalid byte counts
// as one character), plus the byte offset.
type Position struct {
	Line, Column int
	Offset       int
}

// A LineIndex converts byte offsets of one text to line and column.
// Lines end at "\n", "\r\n" or a lone "\r" (old Mac files), as editors
// count them.
type LineIndex struct {
	text   string
	starts []int // byte offset where each line starts
}

// NewLineIndex indexes the line starts of text.
func NewLineIndex(text string) *LineIndex {
	starts := make([]int, 1, 1+len(text)/64)
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 == len(text) || text[i+1] != '\n' {
				starts = append(starts, i+1)
			}
		}
	}
	return &LineIndex{text: text, starts: starts}
}

// Position returns the position of byte offset off, clamped to the text.
// An offset inside a multi-byte character is reported at that character.
func (x *LineIndex) Position(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(x.text) {
		off = len(x.text)
	}
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	start := x.starts[line]
	col := 1
	for i := start; i < off; {
		_, n := utf8.DecodeRuneInString(x.text[i:])
		if i+n > off {
			break
		}
		i += n
		col++
	}
	return Position{Line: line + 1, Column: col, Offset: off}
}

// Lines returns the number of lines: one more than the number of line
// endings.
func (x *LineIndex) Lines() int { return len(x.starts) }

// Line returns the text of 1-based line n without its line ending.
func (x *LineIndex) Line(n int) string {
	if n < 1 || n > len(x.starts) {
		return ""
	}
	start := x.starts[n-1]
	end := len(x.text)
	if n < len(x.starts) {
		end = x.starts[n] - 1 // the "\n" or lone "\r"
		if x.text[end] == '\n' && end > start && x.text[end-1] == '\r' {
			end--
		}
	}
	return x.text[start:end]
}
