package dedupe

import (
	"bytes"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// keyAt rebuilds the key of the unit at sp whose key skips skip.
func (c *checker) keyAt(sp lint.Span, skip []lint.Span) []byte {
	c.work += sp.Len()
	c.tmp.buf = c.tmp.buf[:0]
	k, _ := keyOf(&c.tmp, c.text, sp, skip, false)
	return k
}

// sentenceKey returns the key of sentence i.
func (c *checker) sentenceKey(i int) []byte {
	k := c.ss[i].key
	return c.sk.buf[k.Start:k.End]
}

// sameSentence reports whether sentences i and j have the same key.
func (c *checker) sameSentence(i, j int) bool {
	c.work++
	if c.ss[i].hash == c.ss[j].hash {
		c.work += c.ss[i].key.Len()
	}
	return c.ss[i].hash == c.ss[j].hash && bytes.Equal(c.sentenceKey(i), c.sentenceKey(j))
}

// paraKey returns the key and word count of paragraph p as it reads once
// the sentences that are gone are removed and, if words is set, its
// doubled words; c.skip holds the byte ranges the key skips, sorted.
func (c *checker) paraKey(p lint.Span, prevEnd int, words bool) ([]byte, int) {
	c.work += p.Len()
	c.cuts(p, prevEnd)
	c.skip = c.skip[:0]
	for i := range c.ss {
		s := &c.ss[i]
		if gone(s) {
			c.skip = append(c.skip, s.cut)
			continue
		}
		if words {
			c.skip = append(c.skip, c.dblCut[s.dbl.Start:s.dbl.End]...)
		}
	}
	if words && c.ss[0].span.Start == p.Start && c.ss[len(c.ss)-1].span.End == p.End {
		if k, n, ok := c.joinKeys(); ok {
			return k, n
		}
	}
	c.pk.buf = c.pk.buf[:0]
	k, _ := keyOf(&c.pk, c.text, p, c.skip, false)
	return k, c.pk.words
}

// joinKeys builds the key of a paragraph none of whose sentences is gone
// from the folds of its sentences, which is what folding it again would
// give: the sentences cover all but the white space between them. It
// returns false if a fold is empty.
func (c *checker) joinKeys() ([]byte, int, bool) {
	if len(c.ss) == 1 {
		s := &c.ss[0]
		return c.sentenceKey(0), s.words, s.fold.End > s.fold.Start
	}
	f := &c.pk
	f.buf = f.buf[:0]
	f.begin()
	words := 0
	for i := range c.ss {
		s := &c.ss[i]
		if gone(s) || s.fold.End == s.fold.Start {
			return nil, 0, false
		}
		if i > 0 && s.span.Start > c.ss[i-1].span.End {
			f.buf = append(f.buf, ' ')
		}
		f.buf = append(f.buf, c.sk.buf[s.fold.Start:s.fold.End]...)
		words += s.words
	}
	return f.end(), words, true
}
