package lsp

import (
	"unicode/utf8"
)

// An encoding is how a position's character offset counts: in UTF-16
// code units (the protocol's default) or in bytes of UTF-8.
type encoding int

const (
	utf16Units encoding = iota
	utf8Bytes
)

// name returns the encoding's name in the protocol.
func (e encoding) name() string {
	if e == utf8Bytes {
		return "utf-8"
	}
	return "utf-16"
}

// A lineIndex maps byte offsets of a text to positions and back. Lines
// end at "\n", "\r\n" or a lone "\r", as the protocol says.
type lineIndex struct {
	text   string
	starts []int // byte offset of each line's start
	enc    encoding
}

// newLineIndex indexes text.
func newLineIndex(text string, enc encoding) *lineIndex {
	starts := make([]int, 1, 1+len(text)/40)
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{text: text, starts: starts, enc: enc}
}

// lineEnd returns the byte offset where line ends, before its line
// break.
func (x *lineIndex) lineEnd(line int) int {
	if line+1 >= len(x.starts) {
		return len(x.text)
	}
	end := x.starts[line+1]
	if end > 0 && x.text[end-1] == '\n' {
		end--
	}
	if end > x.starts[line] && x.text[end-1] == '\r' {
		end--
	}
	return end
}

// position returns the position of byte offset off, clamped to the text.
// An offset inside a character or a line break counts from the
// character's or the break's start.
func (x *lineIndex) position(off int) Position {
	off = min(max(off, 0), len(x.text))
	// The last line whose start is at or before off.
	lo, hi := 0, len(x.starts)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if x.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	line := lo
	start := x.starts[line]
	end := x.lineEnd(line)
	off = min(off, end)
	n := 0
	for i := start; i < off; {
		size, u := x.char(i, end)
		if i+size > off {
			break
		}
		i += size
		n += u
	}
	return Position{Line: line, Character: n}
}

// char returns the size in bytes and in units of the character at byte
// i, which ends before end. An invalid byte is a character of one byte
// and one unit.
func (x *lineIndex) char(i, end int) (size, units int) {
	c := x.text[i]
	if c < utf8.RuneSelf {
		return 1, 1
	}
	r, size := utf8.DecodeRuneInString(x.text[i:end])
	switch {
	case x.enc == utf8Bytes:
		return size, size
	case r >= 0x10000:
		return size, 2
	}
	return size, 1
}

// offset returns the byte offset of p. A position past the end of its
// line means the line's end, a line past the last one the text's end, a
// negative one the start; a character offset inside a character (the
// second unit of a surrogate pair, a byte inside a UTF-8 sequence) means
// the character's end.
func (x *lineIndex) offset(p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(x.starts) {
		return len(x.text)
	}
	start, end := x.starts[p.Line], x.lineEnd(p.Line)
	n := 0
	for i := start; i < end; {
		if n >= p.Character {
			return i
		}
		size, u := x.char(i, end)
		i += size
		n += u
	}
	return end
}

// rangeOf returns the range of the bytes [start, end).
func (x *lineIndex) rangeOf(start, end int) Range {
	return Range{Start: x.position(start), End: x.position(end)}
}

// span returns the byte offsets of r, in order.
func (x *lineIndex) span(r Range) (int, int) {
	s, e := x.offset(r.Start), x.offset(r.End)
	if e < s {
		s, e = e, s
	}
	return s, e
}
