package dedupe

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// stable reports whether paragraph p, once the byte ranges in c.skip are
// removed, splits into the sentences that stay, at the same places.
func (c *checker) stable(p lint.Span) bool {
	c.work += p.Len()
	b := c.vbuf[:0]
	cur := p.Start
	for _, s := range c.skip {
		if s.Start > cur {
			b = append(b, c.text[cur:s.Start]...)
		}
		cur = max(cur, s.End)
	}
	b = append(b, c.text[cur:p.End]...)
	c.vbuf = b
	c.units = c.sentenceUnits(c.units[:0], string(b), 0)

	// Where the sentences that stay are in b: before each bound, the bytes
	// of the skips that end at or before it are gone.
	k, j, removed, covered := 0, 0, 0, p.Start
	at := func(x int) int {
		for ; j < len(c.skip) && c.skip[j].End <= x; j++ {
			if s := c.skip[j]; s.End > covered {
				removed += s.End - max(s.Start, covered)
				covered = s.End
			}
		}
		return x - p.Start - removed
	}
	for i := range c.ss {
		s := &c.ss[i]
		if gone(s) {
			continue
		}
		if k == len(c.units) || c.units[k] != (lint.Span{Start: at(s.span.Start), End: at(s.span.End)}) {
			return false
		}
		k++
	}
	return k == len(c.units)
}

// split fills c.ss with the sentences of paragraph p.
func (c *checker) split(p lint.Span) {
	c.units = c.sentenceUnits(c.units[:0], c.text[p.Start:p.End], p.Start)
	c.ss = slices.Grow(c.ss[:0], len(c.units))
	for _, u := range c.units {
		c.ss = append(c.ss, sentence{span: u})
	}
}

// sentenceUnits appends to dst the sentences of t, a paragraph that
// starts at offset base, as spans without surrounding white space. Units
// that are empty, out of order or out of range are dropped, in case a
// splitter errs; a paragraph with none is one sentence.
func (c *checker) sentenceUnits(dst []lint.Span, t string, base int) []lint.Span {
	n := len(dst)
	last := 0
	c.found = c.splitter.AppendSentences(c.found[:0], t)
	for _, u := range c.found {
		if u.Start < last || u.End <= u.Start || u.End > len(t) {
			continue
		}
		last = u.End
		if s, e := trimSpace(t, u.Start, u.End); s < e {
			dst = append(dst, lint.Span{Start: base + s, End: base + e})
		}
	}
	if len(dst) == n {
		if s, e := trimSpace(t, 0, len(t)); s < e {
			dst = append(dst, lint.Span{Start: base + s, End: base + e})
		}
	}
	return dst
}

// trimSpace returns the bounds of t[s:e] without surrounding white space.
func trimSpace(t string, s, e int) (int, int) {
	for s < e {
		r, n := rune(t[s]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(t[s:e])
		}
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := rune(t[e-1]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeLastRuneInString(t[s:e])
		}
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}
