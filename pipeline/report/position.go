package report

import (
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// A locator converts byte offsets of one text to positions, giving the
// same answers as lint.LineIndex.Position. It keeps a few cursors: an
// offset at or after a cursor costs time proportional to the distance
// from it, so offsets asked in increasing order (the starts of sorted
// findings, their ends) take linear time in all, even on a text that is
// one long line. An offset behind its own cursor is counted from the
// nearest cursor at or before it and moves a spare cursor, never its own:
// related spans that point far back (the first copy of a repeat, near the
// start of the text) between ones that follow the findings (echoes) would
// otherwise send the cursor back and make the next offset count from
// there, quadratic time in all. An offset far from every cursor falls back
// to a LineIndex, built on first need.
type locator struct {
	text    string
	index   *lint.LineIndex
	cursors [6]cursor
	cr      bool // the text has a "\r": lines may also end at a lone one
	// scanned counts the bytes counted over, for tests of the time bound.
	scanned int
}

// A cursor is a rune boundary of the text with its 1-based line and column.
type cursor struct {
	off, line, col int
}

// Cursors for the kinds of offsets asked.
const (
	startCursor = iota
	endCursor
	relatedCursor
	fixStartCursor
	fixEndCursor
	backCursor // moved by offsets behind their own cursor
)

// nearCursor is how far before an offset a cursor may be for position
// to count on from it rather than look the offset up in the LineIndex.
const nearCursor = 1 << 16

func newLocator(text string) *locator {
	l := &locator{text: text, cr: strings.IndexByte(text, '\r') >= 0}
	for i := range l.cursors {
		l.cursors[i] = cursor{0, 1, 1}
	}
	return l
}

// position returns the position of off, moving cursor k forward to it.
func (l *locator) position(k, off int) lint.Position {
	if off < 0 {
		off = 0
	}
	if off > len(l.text) {
		off = len(l.text)
	}
	c := &l.cursors[k]
	own := off >= c.off // cursor k moves forward: linear time in all
	if !own {
		// Leave cursor k where it is for the offsets after this one.
		c = &l.cursors[backCursor]
	}
	// Start from the nearest cursor at or before off; it must be near
	// unless it is cursor k moving forward. After a finding with a long
	// span (a run of a word removed whole), the end cursor is far ahead,
	// but the next finding's end is close to its start.
	from := cursor{off: -1}
	for _, o := range l.cursors {
		if o.off <= off && o.off > from.off {
			from = o
		}
	}
	if from.off < 0 || off-from.off > nearCursor && !(own && from == *c) {
		if l.index == nil {
			l.index = lint.NewLineIndex(l.text)
		}
		return l.index.Position(off)
	}
	l.scanned += off - from.off
	text, i, line, col := l.text, from.off, from.line, from.col
	for p := i; ; {
		var j int
		if l.cr {
			j = strings.IndexAny(text[p:off], "\r\n")
		} else {
			j = strings.IndexByte(text[p:off], '\n')
		}
		if j < 0 {
			break
		}
		p += j + 1
		if text[p-1] == '\r' && p < len(text) && text[p] == '\n' {
			continue // the "\n" of "\r\n" ends the line
		}
		i = p
		line++
		col = 1
	}
	// text[i:off] is on one line. If off is inside a character, stop at
	// the character's first byte: a byte that is not a continuation byte
	// always starts a character, valid or not.
	end := off
	for q := off - 1; q >= i && q >= off-utf8.UTFMax; q-- {
		if !utf8.RuneStart(text[q]) {
			continue
		}
		if _, n := utf8.DecodeRuneInString(text[q:]); q+n > off {
			end = q
		}
		break
	}
	col += utf8.RuneCountInString(text[i:end])
	*c = cursor{end, line, col}
	return lint.Position{Line: line, Column: col, Offset: off}
}
