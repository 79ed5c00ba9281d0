package report

import (
	"strings"
	"unicode/utf8"
)

// A where is a position in every unit the output formats use.
type where struct {
	Line    int // 1-based
	Column  int // 1-based, in Unicode characters
	ByteCol int // 1-based, in bytes of the line (reviewdog)
	Char    int // 0-based offset in Unicode characters (SARIF charOffset)
	Offset  int // 0-based offset in bytes
}

// An index positions byte offsets of one text in lines, characters and
// bytes. Offsets asked in increasing order for each cursor kind take
// linear time in all (see locator); building it takes one pass.
type index struct {
	text       string
	loc        *locator
	lineStarts []int // byte offset where each line starts
	lineChars  []int // characters before each line
}

func newIndex(text string) *index {
	x := &index{text: text, loc: newLocator(text)}
	n := strings.Count(text, "\n") + strings.Count(text, "\r") + 1
	x.lineStarts = make([]int, 0, n)
	x.lineChars = make([]int, 0, n)
	start, chars := 0, 0
	for {
		x.lineStarts = append(x.lineStarts, start)
		x.lineChars = append(x.lineChars, chars)
		i := lineBreakAt(text, start, x.loc.cr)
		if i < 0 {
			break
		}
		chars += utf8.RuneCountInString(text[start : i+1])
		start = i + 1
	}
	return x
}

// lineBreakAt returns the offset of the byte that ends the line starting at
// start: a "\n", or with cr a lone "\r" too (the "\r" of "\r\n" is not
// one); -1 for the last line.
func lineBreakAt(text string, start int, cr bool) int {
	if !cr {
		if i := strings.IndexByte(text[start:], '\n'); i >= 0 {
			return start + i
		}
		return -1
	}
	i := strings.IndexAny(text[start:], "\r\n")
	if i < 0 {
		return -1
	}
	p := start + i
	if text[p] == '\r' && p+1 < len(text) && text[p+1] == '\n' {
		p++ // the "\n" of "\r\n" ends the line
	}
	return p
}

// pos returns the position of byte offset off using cursor k.
func (x *index) pos(k, off int) where {
	p := x.loc.position(k, off)
	off = p.Offset
	ls := x.lineStarts[p.Line-1]
	return where{
		Line:    p.Line,
		Column:  p.Column,
		ByteCol: off - ls + 1, // offsets of findings lie on character boundaries
		Char:    x.lineChars[p.Line-1] + p.Column - 1,
		Offset:  off,
	}
}

// lastChar returns the position just after the last character of the
// non-empty span [start, end) on the line of that character: the end as
// SARIF and GitHub count it, where a span ending with a line break ends
// on the line the break ends rather than at column 1 of the next.
func (x *index) lastChar(k, start, end int) where {
	p := x.pos(k, end)
	if end > start && end <= len(x.text) && (x.text[end-1] == '\n' || x.text[end-1] == '\r') && p.Line > 1 && x.lineStarts[p.Line-1] == end {
		line := p.Line - 1
		p.Line = line
		p.Column = p.Char - x.lineChars[line-1] + 1
		p.ByteCol = end - x.lineStarts[line-1] + 1
	}
	return p
}

// indexOf returns an index of f's Source, or nil if f has none. An empty
// Source counts as none unless every offset of f is 0: the File of an
// empty text.
func indexOf(f *File) *index {
	if f.Source == "" {
		for i := range f.Findings {
			x := &f.Findings[i]
			if x.EndOffset != 0 || len(x.Related) > 0 && x.Related[len(x.Related)-1].EndOffset != 0 {
				return nil
			}
			for _, e := range x.Fix {
				if e.EndOffset != 0 {
					return nil
				}
			}
		}
	}
	return newIndex(f.Source)
}
