package segment

import (
	"unicode"
	"unicode/utf8"
)

// parenMarker handles a ")" at i that may close a list marker: "1)", "b)".
func (s *scanner) parenMarker(i int) {
	t := s.text
	if i == 0 || t[i-1] == '.' || i+1 >= len(t) || !spaceAt(t, i+1) {
		return
	}
	s.markerBefore(i, delimParen, s.peek(i+1))
}

// markerBefore handles a possible list marker ending with the delimiter at
// d, of kind delim and followed by white space and next, and reports
// whether it is one (it opens or continues a list): "2." in "the first item
// 2. The second item". A marker that continues a list started in the same
// block (1, 2, 3 … or a, b, c …) and is followed by a capitalized word
// starts a new sentence.
func (s *scanner) markerBefore(d, delim int, next nextWord) bool {
	t := s.text
	p := d
	for p > s.start && d-p < 7 && (isASCIILetter(t[p-1]) || isASCIIDigit(t[p-1])) {
		p--
	}
	if p == d || d-p > 6 {
		return false
	}
	if p > 0 && !spaceBefore(t, p) && !bulletBefore(t, p) {
		return false
	}
	k1, v1, k2, v2, ok := markerKinds(t[p:d])
	if !ok {
		return false
	}
	listStart := s.listStartBefore(p)
	accepted, started := false, false
	for _, kv := range [2][2]int{{k1, v1}, {k2, v2}} {
		kind, v := kv[0], kv[1]
		if kind < 0 {
			continue
		}
		if (kind == kindUpper || kind == kindUpperRoman && d-p == 1) && delim == delimDot {
			continue // "E. Smith" is an initial, not a list item
		}
		key := kind*nDelims + delim
		switch {
		case s.chains[key] != 0 && v == s.chains[key] && next.kind == nextUpper:
			accepted = true
			s.chains[key] = v + 1
		case listStart:
			started = true
			s.chains[key] = v + 1
		}
	}
	if !accepted {
		return started
	}
	if s.inlineItem(p) {
		return true // "a) eat it, b) drink it": items inside a sentence
	}
	// Cut before the marker and any bullet and white space just before it.
	q := p
	for q > s.start {
		r, size := utf8.DecodeLastRuneInString(t[s.start:q])
		if !unicode.IsSpace(r) && !isBullet(r) {
			break
		}
		q -= size
	}
	s.cut(q)
	return true
}

// listStartBefore reports whether a list marker at p can open a list: at
// the start of a sentence or a line, after a bullet or a colon.
func (s *scanner) listStartBefore(p int) bool {
	t := s.text
	q := p
	for q > s.start && (t[q-1] == ' ' || t[q-1] == '\t') {
		q--
	}
	if q <= s.start {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t[:q])
	switch r {
	case '\n', '\r', '\u2028', '\u2029', '\u0085', ':':
		return true
	}
	return isBullet(r)
}

// listItemAt reports whether a list item starts at k: a bullet, "- ", "* ",
// "+ ", or a marker such as "1.", "2)", "a.", "iv)" followed by a space.
func listItemAt(t string, k int) bool {
	n := len(t)
	if k >= n {
		return false
	}
	switch t[k] {
	case '-', '*', '+':
		return k+1 < n && (t[k+1] == ' ' || t[k+1] == '\t')
	}
	if t[k] >= utf8.RuneSelf {
		r, _ := utf8.DecodeRuneInString(t[k:])
		return isBullet(r)
	}
	e := k
	for e < n && e-k < 7 && (isASCIILetter(t[e]) || isASCIIDigit(t[e])) {
		e++
	}
	if e == k || e-k > 6 || e >= n {
		return false
	}
	k1, _, _, _, ok := markerKinds(t[k:e])
	if !ok {
		return false
	}
	d := e
	switch t[d] {
	case '.':
		if k1 == kindUpper && e-k == 1 {
			return false // an initial
		}
		d++
		if d < n && t[d] == ')' {
			d++
		}
	case ')':
		d++
	default:
		return false
	}
	return d < n && (t[d] == ' ' || t[d] == '\t')
}

// Kinds of list markers and their delimiters.
const (
	kindDigit = iota
	kindLower
	kindUpper
	kindLowerRoman
	kindUpperRoman
	nMarkerKinds
)

const (
	delimDot      = iota // "1."
	delimParen           // "1)"
	delimDotParen        // "1.)"
	nDelims
)

// markerKinds parses a list marker without its delimiter: one to three
// digits, one ASCII letter or a Roman numeral up to 39. A single letter
// that is also a Roman numeral ("i", "v", "x") has two readings. Unused
// readings have kind -1.
func markerKinds(tok string) (k1, v1, k2, v2 int, ok bool) {
	k1, k2 = -1, -1
	if tok == "" || len(tok) > 6 {
		return
	}
	if isASCIIDigit(tok[0]) {
		if len(tok) > 3 {
			return
		}
		v := 0
		for i := 0; i < len(tok); i++ {
			if !isASCIIDigit(tok[i]) {
				return
			}
			v = v*10 + int(tok[i]-'0')
		}
		return kindDigit, v, -1, 0, true
	}
	if len(tok) == 1 {
		c := tok[0]
		switch {
		case isASCIILower(c):
			k1, v1 = kindLower, int(c-'a')+1
		case isASCIIUpper(c):
			k1, v1 = kindUpper, int(c-'A')+1
		default:
			return
		}
		ok = true
	}
	for i := 0; i < len(tok); i++ {
		switch tok[i] {
		case 'i', 'v', 'x', 'I', 'V', 'X':
		default:
			return
		}
	}
	if v, found := romans[tok]; found {
		rk := kindLowerRoman
		if isASCIIUpper(tok[0]) {
			rk = kindUpperRoman
		}
		if k1 < 0 {
			k1, v1 = rk, v
		} else {
			k2, v2 = rk, v
		}
		ok = true
	}
	return
}

// inlineItem reports whether the list marker at p continues an
// enumeration inside a sentence: a comma or semicolon, or a conjunction,
// comes before it ("a) eat it, b) drink it or c) leave it").
func (s *scanner) inlineItem(p int) bool {
	t := s.text
	q := p
	for q > s.start && (t[q-1] == ' ' || t[q-1] == '\t') {
		q--
	}
	if q == p || q <= s.start {
		return false
	}
	if c := t[q-1]; c == ',' || c == ';' {
		return true
	}
	b := q
	for b > s.start && q-b < 6 && isASCIILower(t[b-1]) {
		b--
	}
	return (b == s.start || t[b-1] == ' ') && conjunctions[t[b:q]]
}

// conjunctions holds the words for "and" and "or" of the languages the
// splitter knows, which join the items of an enumeration inside a
// sentence.
var conjunctions = map[string]bool{
	"and": true, "or": true, "und": true, "oder": true, "et": true, "ou": true,
	"y": true, "o": true, "e": true, "en": true, "of": true, "og": true, "eller": true, "och": true,
}
