package dedupe

import (
	"github.com/copydesk/copydesk/pipeline/charclass"
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// Comparison keys
//
// Two units repeat each other when their keys are equal. A key is the
// unit's text with every difference that a copy-and-paste or an earlier
// cleaning step may introduce folded away:
//
//   - canonically equivalent text is equal (keys are built from NFD);
//   - case is folded with Unicode simple folding;
//   - curly, low-9, prime and fullwidth quotes fold to ' and ";
//   - every run of white space, line breaks included, is one space, and
//     leading and trailing white space is dropped;
//   - the soft hyphen and the zero-width space, word joiner and BOM are
//     ignored;
//   - dots, ellipses and spaces at the very end (before any closing
//     quotes or brackets) are dropped, so "said.." repeats "said.", and
//     "said" repeats both; "?" and "!" are kept, as an echoed question is
//     prose;
//   - byte ranges that the stage removes (a doubled word, a repeated
//     sentence) are skipped, so the key is that of the text as it will be
//     once fixed.
//
// An invalid UTF-8 byte b is written as 0xFF b, which no valid text
// produces, so invalid bytes only ever match the same invalid bytes.

// A folder builds comparison keys into buf. Each key starts at start;
// begin starts one, add feeds it text, and end finishes it.
type folder struct {
	buf     []byte
	start   int    // where the current key starts in buf
	words   int    // words in the current key
	space   bool   // white space seen since the last byte written
	counted bool   // the current word has been counted
	runes   []rune // scratch for decompose
}

// begin starts a new key at the end of buf.
func (f *folder) begin() {
	f.start = len(f.buf)
	f.words = 0
	f.space = false
	f.counted = false
}

// Byte classes for the ASCII fast path.
const (
	cOther = iota // punctuation and symbols: copied
	cSpace        // white space: folded
	cUpper        // A-Z: lowered, part of a word
	cWord         // a-z and 0-9: copied, part of a word
)

var class = func() (t [utf8.RuneSelf]uint8) {
	for _, c := range " \t\n\r\v\f" {
		t[c] = cSpace
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = cUpper
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cWord
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cWord
	}
	return t
}()

// Marks in lower for the bytes that end a run of ASCII text.
const (
	lowSpace = 0x80 // ASCII white space
	lowHigh  = 0x81 // a byte of a non-ASCII rune, or an invalid one
)

// lower maps a byte to what the key holds for it: non-space ASCII
// lowered, lowSpace for ASCII white space, lowHigh for the rest.
var lower = func() (t [256]byte) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = lowHigh
		case class[c] == cSpace:
			t[c] = lowSpace
		case class[c] == cUpper:
			t[c] = byte(c) + 'a' - 'A'
		default:
			t[c] = byte(c)
		}
	}
	return t
}()

// add folds s into the current key. ASCII text is copied a run of
// non-space bytes at a time, lowered on the way; a token that holds
// non-ASCII bytes goes through addHigh.
func (f *folder) add(s string) {
	for i := 0; i < len(s); {
		switch lower[s[i]] {
		case lowSpace:
			f.space = true
			f.counted = false
			i++
			continue
		case lowHigh:
			// Fold the rest of the token, up to the next ASCII space,
			// rune by rune.
			j := i + 1
			for j < len(s) && lower[s[j]] != lowSpace {
				j++
			}
			f.addHigh(s[i:j])
			i = j
			continue
		}
		if f.space {
			f.sep()
		}
		n := len(f.buf)
		f.buf = slices.Grow(f.buf, len(s)-i)
		b := f.buf[n : n+len(s)-i]
		alnum := false
		k := 0
		for ; k < len(b); k++ {
			c := lower[s[i+k]]
			if c >= lowSpace {
				break
			}
			b[k] = c
			alnum = alnum || class[c] == cWord
		}
		f.buf = f.buf[:n+k]
		if alnum {
			f.word()
		}
		i += k
	}
}

// addASCII folds the ASCII byte c.
func (f *folder) addASCII(c byte) {
	switch class[c] {
	case cSpace:
		f.space = true
		f.counted = false
		return
	case cUpper:
		c += 'a' - 'A'
		f.word()
	case cWord:
		f.word()
	}
	if f.space {
		f.sep()
	}
	f.buf = append(f.buf, c)
}

// addHigh folds s, a token or part of one that starts with a byte >= 0x80,
// rune by rune. Text that is not in NFD (precomposed letters such as "é")
// is decomposed first, with the tables of golang.org/x/text/unicode/norm
// but without its allocating entry points. A combining mark that s starts
// with belongs to the base character before s, which needs no
// decomposition: it is ASCII.
func (f *folder) addHigh(s string) {
	if isNFD(s) {
		for i := 0; i < len(s); {
			if c := s[i]; c < utf8.RuneSelf {
				f.addASCII(c)
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			f.addRune(r, n, s[i])
			i += n
		}
		return
	}
	f.runes = decompose(f.runes[:0], s)
	for _, r := range f.runes {
		switch {
		case r < 0: // an invalid byte
			f.addRune(utf8.RuneError, 1, byte(-r-1))
		case r < utf8.RuneSelf:
			f.addASCII(byte(r))
		default:
			f.addRune(r, utf8.RuneLen(r), 0)
		}
	}
}

// isNFD reports whether s is in Unicode Normalization Form D: no rune
// has a canonical decomposition, and combining marks are in canonical
// order. Invalid bytes are left as they are by any normalization.
func isNFD(s string) bool {
	var last uint8 // combining class of the rune before
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			last = 0
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isHangulSyllable(r) {
			return false
		}
		p := norm.NFD.PropertiesString(s[i:])
		if len(p.Decomposition()) > 0 {
			return false
		}
		if ccc := p.CCC(); ccc != 0 && ccc < last {
			return false
		} else {
			last = ccc
		}
		i += n
	}
	return true
}

// decompose appends the runes of the NFD form of s to dst, an invalid
// byte b as the negative rune -b-1.
func decompose(dst []rune, s string) []rune {
	start := len(dst)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			dst = append(dst, rune(c))
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = append(dst, -rune(c)-1)
		case isHangulSyllable(r):
			// Unicode 3.12, Conjoining Jamo Behavior.
			const sBase, lBase, vBase, tBase, tCount, nCount = 0xAC00, 0x1100, 0x1161, 0x11A7, 28, 588
			x := r - sBase
			dst = append(dst, lBase+x/nCount, vBase+(x%nCount)/tCount)
			if t := x % tCount; t != 0 {
				dst = append(dst, tBase+t)
			}
		default:
			if d := norm.NFD.PropertiesString(s[i:]).Decomposition(); len(d) > 0 {
				for _, r := range string(d) {
					dst = append(dst, r)
				}
			} else {
				dst = append(dst, r)
			}
		}
		i += n
	}
	// Canonical ordering: a stable sort of each run of combining marks by
	// combining class. Runs are short; insertion sort.
	rs := dst[start:]
	for i := 1; i < len(rs); i++ {
		ci := ccc(rs[i])
		if ci == 0 {
			continue
		}
		for j := i; j > 0; j-- {
			cj := ccc(rs[j-1])
			if cj <= ci {
				break
			}
			rs[j-1], rs[j] = rs[j], rs[j-1]
		}
	}
	return dst
}

// ccc returns the canonical combining class of r; 0 for invalid bytes.
func ccc(r rune) uint8 {
	if r < utf8.RuneSelf {
		return 0
	}
	var b [utf8.UTFMax]byte
	return norm.NFD.Properties(utf8.AppendRune(b[:0], r)).CCC()
}

// isHangulSyllable reports whether r is a precomposed Hangul syllable,
// which decomposes algorithmically rather than by table.
func isHangulSyllable(r rune) bool { return 0xAC00 <= r && r <= 0xD7A3 }

// addRune folds the non-ASCII rune r, n bytes long, whose first byte is
// c; an invalid byte comes as (utf8.RuneError, 1, the byte).
func (f *folder) addRune(r rune, n int, c byte) {
	if r == utf8.RuneError && n == 1 {
		if f.space {
			f.sep()
		}
		f.buf = append(f.buf, 0xFF, c)
		f.counted = false
		return
	}
	switch {
	case unicode.IsSpace(r):
		f.space = true
		f.counted = false
		return
	case charclass.Removed(r) == charclass.Invisible:
		return // invisible: ignored, as the invisible stage removes it
	}
	if q := foldQuote(r); q != 0 {
		if f.space {
			f.sep()
		}
		f.buf = append(f.buf, q)
		return
	}
	r = foldRune(r)
	if unicode.IsLetter(r) || unicode.IsNumber(r) {
		f.word()
	}
	if f.space {
		f.sep()
	}
	f.buf = utf8.AppendRune(f.buf, r)
}

// word counts a word when c is the first letter or digit of a
// space-separated token.
func (f *folder) word() {
	if !f.counted {
		f.words++
		f.counted = true
	}
}

// sep writes the one space that stands for pending white space, unless
// the key is still empty.
func (f *folder) sep() {
	if len(f.buf) > f.start {
		f.buf = append(f.buf, ' ')
	}
	f.space = false
}

// end finishes the current key and returns it. Dots, ellipses and spaces
// at its end are dropped, also when closing quotes or brackets follow.
func (f *folder) end() []byte {
	k, e := f.endKeep()
	if len(f.buf) > e {
		// The key follows the fold: move it to the start.
		copy(f.buf[f.start:], k)
	}
	f.buf = f.buf[:f.start+len(k)]
	return f.buf[f.start:]
}

// endKeep is end that keeps the whole fold in buf, from the key's start
// to the returned end. When dots go from before closing quotes, the key
// is not a prefix of the fold: it is written after the fold instead.
func (f *folder) endKeep() ([]byte, int) {
	b := f.buf
	e := len(b)
	q := e
	for q > f.start && isCloser(b[q-1]) {
		q--
	}
	p := q
	for p > f.start {
		switch {
		case b[p-1] == '.' || b[p-1] == ' ':
			p--
			continue
		case p-3 >= f.start && b[p-3] == 0xE2 && b[p-2] == 0x80 && b[p-1] == 0xA6: // …
			p -= 3
			continue
		}
		break
	}
	switch {
	case q == e:
		return b[f.start:p], e
	case p == q:
		return b[f.start:e], e
	}
	b = append(b, b[f.start:p]...)
	b = append(b, b[q:e]...)
	f.buf = b
	return b[e:], e
}

// isCloser reports whether c closes a quotation or bracket.
func isCloser(c byte) bool { return c == '"' || c == '\'' || c == ')' || c == ']' }

// foldQuote returns the ASCII quote that r folds to, or 0.
func foldQuote(r rune) byte {
	if q := charclass.ASCIIQuote(r); q != 0 {
		return q
	}
	switch r {
	case '′':
		return '\''
	case '″':
		return '"'
	}
	return 0
}

// foldRune returns the representative of r's simple case-folding orbit:
// the lower-case ASCII letter if the orbit holds one (so that 'K', 'k'
// and the Kelvin sign agree with the ASCII fast path), else the orbit's
// smallest rune.
func foldRune(r rune) rune {
	m := r
	for x := unicode.SimpleFold(r); x != r; x = unicode.SimpleFold(x) {
		m = min(m, x)
	}
	if 'A' <= m && m <= 'Z' {
		m += 'a' - 'A'
	}
	return m
}

// keyOf folds text[sp] into f as one key, skipping the bytes of skip
// (sorted by Start; they may overlap each other and sp's edges), and
// returns the key. With keep, it keeps the whole fold in f.buf, as
// endKeep does, and returns its end; else the end is 0.
func keyOf(f *folder, text string, sp lint.Span, skip []lint.Span, keep bool) ([]byte, int) {
	f.begin()
	cur := sp.Start
	for _, s := range skip {
		if s.End <= cur {
			continue
		}
		if s.Start >= sp.End {
			break
		}
		if s.Start > cur {
			f.add(text[cur:s.Start])
		}
		cur = s.End
	}
	if cur < sp.End {
		f.add(text[cur:sp.End])
	}
	if keep {
		return f.endKeep()
	}
	return f.end(), 0
}
