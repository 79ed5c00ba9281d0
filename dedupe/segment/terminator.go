package segment

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/bytescan"
)

// terminator handles the run of sentence punctuation that starts at i and
// returns where scanning goes on.
func (s *scanner) terminator(i int) int {
	t := s.text
	n := len(t)
	if t[i] == '.' && i+2 < n && t[i+1] == ' ' && t[i+2] != '.' && t[i+2] != 0xC2 && t[i+2] != 0xE2 {
		// The common case, decided as below: a single period, then a
		// space and no spaced ellipsis, and no "»" or "›" (0xC2, 0xE2)
		// that may close a French quotation.
		k := i + 1
		next := s.peek(k)
		if ts, ok := s.plainWord(i); ok {
			if s.wordEnds(i, ts, next) {
				s.endAt(k)
			}
		} else if !s.markerBefore(i, delimDot, next) && s.periodEnds(i, next) {
			s.endAt(k)
		}
		return k
	}
	j := i
	dots, bang, ell := 0, false, false
	for j < n {
		c := t[j]
		if c == '.' {
			dots++
			j++
			continue
		}
		if c == '!' || c == '?' {
			bang = true
			j++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(t[j:])
			if r == '…' {
				ell = true
				j += size
				continue
			}
			if isBangRune(r) {
				bang = true
				j += size
				continue
			}
		}
		break
	}
	// Spaced ellipsis dots: ". . ." or "word. . . ."
	spaced := false
	if !bang && !ell {
		for j+1 < n && t[j] == ' ' && t[j+1] == '.' && dotFollower(t, j+2) {
			spaced = true
			j += 2
			dots++
			for j < n && t[j] == '.' {
				dots++
				j++
			}
		}
	}
	k := s.skipSpacedClosers(skipClosers(t, j))
	if k < n && !spaceAt(t, k) {
		// Not followed by white space: "3.5", "U.S.A", "Jr.'s", "mean...see".
		switch {
		case (dots == 1 || bang) && !ell && !spaced && k == j && footnoteAt(t, j):
			if c := s.footnoteBreak(i, j, bang); c > 0 {
				return c
			}
		case (dots == 1 || bang) && !ell && !spaced && quoteAt(t, j):
			if c := s.quoteGlueBreak(i, j); c > 0 {
				return c
			}
		case k == i+1 && dots == 1:
			s.noSpaceBreak(i)
		}
		return k
	}
	if (ell || dots >= 3) && i > 0 && (t[i-1] == '[' || t[i-1] == '(') {
		return k // "[...]" marks an omission, not an end
	}
	next := s.peek(k)
	var end bool
	switch {
	case bang:
		end = next.kind != nextLower && !(next.kind == nextOther && s.dashAside(i, k))
	case ell || dots >= 3:
		switch {
		case !spaced:
			end = next.kind != nextLower
		case dots == 3:
			// ". . ." is an ellipsis inside a sentence; a sentence that
			// ends there is written with four dots.
			end = false
		case i > s.start && !spaceBefore(t, i):
			// "compounds. . . . The": the period attached to the word ends
			// the sentence and the ellipsis opens the next one.
			if next.kind == nextUpper || next.kind == nextDigit {
				s.cut(i + 1)
				return i + 1
			}
			end = false
		default:
			end = next.kind != nextLower
		}
	case dots == 2:
		end = next.kind != nextLower // a stray ".." ends a sentence
	default:
		if k == i+1 && k < n {
			if ts, ok := s.plainWord(i); ok {
				end = s.wordEnds(i, ts, next)
				break
			}
		}
		list := false
		if k < n {
			switch {
			case k == i+1:
				list = s.markerBefore(i, delimDot, next)
			case k == i+2 && t[i+1] == ')':
				list = s.markerBefore(i, delimDotParen, next)
			}
		}
		// The period of a list marker ("Steps: 1. Eat") ends nothing.
		end = !list && s.periodEnds(i, next)
	}
	if end {
		s.endAt(k)
	}
	return k
}

// endAt ends the sentence at k, unless k is inside a French quotation
// (« … ») that closes a little further on in the block: the quotation
// stays one unit with the sentence around it.
func (s *scanner) endAt(k int) {
	if s.guil > 0 {
		t := s.text
		ahead := t[k:min(len(t), k+maxQuoteAhead)]
		if c := strings.Index(ahead, "»"); c >= 0 && !strings.Contains(ahead[:c], "\n\n") {
			return
		}
	}
	s.cut(k)
}

// maxQuoteAhead is how far ahead the end of a French quotation is looked
// for: a longer quotation is split into its sentences.
const maxQuoteAhead = 600

// skipSpacedClosers returns the position after the French closing
// guillemets, each after a space or no-break space, at k: "Fin. »",
// "Fin ! »". It counts them as closed.
func (s *scanner) skipSpacedClosers(k int) int {
	t := s.text
	for k < len(t) {
		w := spaceWidth(t, k)
		if w == 0 || k+w >= len(t) {
			break
		}
		r, size := utf8.DecodeRuneInString(t[k+w:])
		if r != '»' && r != '›' {
			break
		}
		if r == '»' && s.guil > 0 {
			s.guil--
		}
		k = skipClosers(t, k+w+size)
	}
	return k
}

// spaceWidth returns the width of the space, no-break space, narrow
// no-break space or thin space at k, or 0.
func spaceWidth(t string, k int) int {
	if t[k] == ' ' {
		return 1
	}
	r, size := utf8.DecodeRuneInString(t[k:])
	switch r {
	case '\u00A0', '\u202F', '\u2009':
		return size
	}
	return 0
}

// dashAside reports whether the "!" or "?" at i, followed by a spaced
// dash at k, ends an aside that a spaced dash opened earlier in the
// sentence: "He said -- yes! -- that it was".
func (s *scanner) dashAside(i, k int) bool {
	t := s.text
	k = skipSpace(t, k)
	d := dashWidth(t, k)
	if d == 0 || k+d < len(t) && !spaceAt(t, k+d) {
		return false
	}
	seg := t[s.start:i]
	return strings.Contains(seg, " -- ") || strings.Contains(seg, " — ") || strings.Contains(seg, " – ")
}

// dashWidth returns the width of the dash ("--", "—" or "–") at k, or 0.
func dashWidth(t string, k int) int {
	switch {
	case strings.HasPrefix(t[k:], "--"):
		return 2
	case strings.HasPrefix(t[k:], "—"), strings.HasPrefix(t[k:], "–"):
		return 3
	}
	return 0
}

// footnoteAt reports whether a footnote or citation mark may start at j,
// right after a terminator: "[4]", "7", "⁷".
func footnoteAt(t string, j int) bool {
	c := t[j]
	if c == 0xC2 || c == 0xE2 {
		r, _ := utf8.DecodeRuneInString(t[j:])
		return isSuperDigit(r)
	}
	return c == '[' || isASCIIDigit(c)
}

// footnoteBreak handles a footnote or citation mark right after the
// terminator at i that ends at j: "argued.[4] Later", "(2003).7 Most",
// "argued.⁴ Later". When a mark is there and a capitalized word follows
// it after white space, and the period ends a word that is no
// abbreviation, it cuts after the mark and returns where scanning goes
// on; else it returns 0.
func (s *scanner) footnoteBreak(i, j int, bang bool) int {
	t := s.text
	n := len(t)
	e := j
	switch {
	case t[j] == '[':
		for e < n && t[e] == '[' {
			c := e + 1
			for c < n && c-e <= 12 && (isASCIIDigit(t[c]) || t[c] == ',' || t[c] == '-' || t[c] == ' ') {
				c++
			}
			if c == e+1 || c >= n || t[c] != ']' || !isASCIIDigit(t[e+1]) {
				break
			}
			e = c + 1
		}
	case isASCIIDigit(t[j]):
		for e < n && e-j < 3 && isASCIIDigit(t[e]) {
			e++
		}
		if i == 0 || isASCIIDigit(t[i-1]) {
			return 0 // a decimal: "3.5"
		}
	default:
		for e < n {
			r, size := utf8.DecodeRuneInString(t[e:])
			if !isSuperDigit(r) {
				break
			}
			e += size
		}
	}
	if e == j || e >= n || !spaceAt(t, e) || s.peek(e).kind != nextUpper {
		return 0
	}
	if !bang {
		ts := i
		for ts > s.start && !asciiSpace[t[ts-1]] && i-ts <= maxToken {
			ts--
		}
		if i-ts > maxToken || ts == i || s.classify(t[ts:i]) != abNone {
			return 0
		}
	}
	s.endAt(e)
	return e
}

// isSuperDigit reports whether r is a superscript digit.
func isSuperDigit(r rune) bool {
	switch r {
	case '⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹':
		return true
	}
	return false
}

// periodEnds reports whether the single period at i, followed by white
// space and then next, ends the sentence.
func (s *scanner) periodEnds(i int, next nextWord) bool {
	if next.kind == nextLower {
		return false
	}
	if next.kind == nextEnd {
		return true
	}
	t := s.text
	ts := i
	for ts > s.start && i-ts <= maxToken {
		c := t[ts-1]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				break
			}
			ts--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(t[s.start:ts])
		if unicode.IsSpace(r) {
			break
		}
		ts -= size
	}
	if i-ts > maxToken {
		return true // a long token: a URL, a path, a number
	}
	for ts < i && t[ts] >= utf8.RuneSelf {
		r, size := utf8.DecodeRuneInString(t[ts:i])
		if !isBullet(r) {
			break
		}
		ts += size // "⁃9."
	}
	tok := t[ts:i]
	if s.onlyMarker(ts, tok) {
		return false // "1." or "• a." opening a list item
	}
	if next.kind == nextUpper && tok != "" && isASCIIDigit(tok[0]) && s.tab.ordinal(t, s.start, ts, tok, i+1) {
		return false // "am 3. Mai"
	}
	return s.tokenEnds(ts, tok, next)
}

// plainWord is the fast path of terminator for the period at i followed
// by white space: it returns the start of the token before the period
// when that token is two or more ASCII letters, not all of them those of
// roman numerals, after white space or at the start of the sentence (or
// is longer than maxToken). Such a token is no list marker, so
// markerBefore would find none and change nothing, and periodEnds would
// see the same token: wordEnds decides as the two would.
func (s *scanner) plainWord(i int) (int, bool) {
	t := s.text
	// The token goes back over ASCII letters to lo at most.
	lo := max(s.start, i-maxToken-1)
	ts := i
	for ts-8 >= lo {
		if nl := ^letters8(bytescan.Load8(t[ts-8:], 0)) & msb; nl != 0 {
			ts -= bits.LeadingZeros64(nl) >> 3
			goto done
		}
		ts -= 8
	}
	for ts > lo && isASCIILetter(t[ts-1]) {
		ts--
	}
done:
	if i-ts > maxToken {
		return ts, true
	}
	if i-ts < 2 || ts > s.start && !asciiSpace[t[ts-1]] || romanLetters(t[ts:i]) {
		return 0, false
	}
	return ts, true
}

// romanLetters reports whether tok holds only the letters of roman
// numerals (i, v, x in either case).
func romanLetters(tok string) bool {
	for j := len(tok) - 1; j >= 0; j-- {
		switch tok[j] {
		case 'i', 'v', 'x', 'I', 'V', 'X':
		default:
			return false
		}
	}
	return true
}

// letters8 returns the high bit of each byte of the eight-byte word x
// that is an ASCII letter.
func letters8(x uint64) uint64 {
	y := (x | 0x20*lsb) &^ msb
	ge := y + (0x80-'a')*lsb   // top bit set: y >= 'a'
	gt := y + (0x80-'z'-1)*lsb // top bit set: y > 'z'
	return ge &^ gt &^ x & msb
}

// wordEnds is periodEnds for the token t[ts:i] that plainWord found.
func (s *scanner) wordEnds(i, ts int, next nextWord) bool {
	switch {
	case next.kind == nextLower:
		return false
	case next.kind == nextEnd, i-ts > maxToken:
		return true
	}
	tok := s.text[ts:i]
	if s.sp == nil || len(s.sp.extra) == 0 {
		if !s.tab.maybeAbbrev(tok) && (s.tab.suffixNumber == nil || next.kind != nextDigit) || acronym(tok) && !s.tab.caps[tok] {
			// What classify finds for a word of letters that is no
			// abbreviation it knows: neither an initial nor a
			// multi-period one.
			return true
		}
	}
	return s.tokenEnds(ts, tok, next)
}

// tokenEnds decides periodEnds for the token tok at ts before the period
// once it is known to be no list marker.
func (s *scanner) tokenEnds(ts int, tok string, next nextWord) bool {
	switch s.classify(tok) {
	case abTitle, abNever:
		return false
	case abInitial:
		if c, ok := s.spacedAbbrev(ts); ok {
			return c != abNever && (c != abNumber || next.kind != nextDigit) && s.tab.starter(next) != 0 // "d. h.", "z. B."
		}
		return s.tab.starter(next) != 0
	case abGeneral, abMulti:
		return s.tab.starter(next) != 0
	case abTime:
		// "At 5 a.m. Mr. Smith went": a time after a short introduction
		// goes on into a name.
		st := s.tab.starter(next)
		return st != 0 && !(st == starterTitle && s.introTime(ts))
	case abNumber:
		return next.kind != nextDigit
	}
	return true
}

// spacedAbbrev reports whether the initial at ts ends an abbreviation
// written with spaces, such as "d. h.", "z. B." or "v. u. Z.", and
// returns its class: the letters joined with periods ("d.h") are one of
// the table's abbreviations.
func (s *scanner) spacedAbbrev(ts int) (abbrClass, bool) {
	t := s.text
	if !isASCIILetter(t[ts]) {
		return abNone, false
	}
	var letters [3]byte
	p, n := ts, 0
	// "X. " before p: a letter after white space, a period and a space.
	for n < len(letters) && p-3 >= s.start && t[p-1] == ' ' && t[p-2] == '.' && isASCIILetter(t[p-3]) &&
		(p-3 == s.start || spaceBefore(t, p-3)) {
		p -= 3
		letters[n] = lowerByte(t[p])
		n++
	}
	var buf [8]byte
	for m := 1; m <= n; m++ {
		key := buf[:0]
		for j := m - 1; j >= 0; j-- {
			key = append(key, letters[j], '.')
		}
		key = append(key, lowerByte(t[ts]))
		if c, ok := s.tab.abbrevs[string(key)]; ok {
			return c, true
		}
	}
	return abNone, false
}

// onlyMarker reports whether the sentence so far is just a list marker tok
// at ts, after white space and bullets.
func (s *scanner) onlyMarker(ts int, tok string) bool {
	if _, _, _, _, ok := markerKinds(tok); !ok {
		return false
	}
	t := s.text
	for j := ts; j > s.start; {
		r, size := utf8.DecodeLastRuneInString(t[s.start:j])
		if !unicode.IsSpace(r) && !isBullet(r) {
			return false
		}
		j -= size
	}
	return true
}

// introTime reports whether the sentence so far, up to the time token at ts,
// is a short introductory phrase such as "At 5" (before "a.m."), which
// cannot be a sentence on its own.
func (s *scanner) introTime(ts int) bool {
	t := s.text
	words, in := 0, false
	for j := ts - 1; j >= s.start; j-- {
		if ts-j > 32 {
			return false
		}
		if asciiSpace[t[j]] {
			in = false
			continue
		}
		if !in {
			in = true
			words++
			if words > 2 {
				return false
			}
		}
	}
	return true
}

// classify says what kind of abbreviation, if any, the token tok before a
// period is.
func (s *scanner) classify(tok string) abbrClass {
	tok = trimOpeners(tok)
	if tok == "" || len(tok) > maxAbbrevLen || trimClosers(tok) != tok {
		return abNone // "(MS).", `"Go".`: a closed word, not an abbreviation
	}
	var buf [maxAbbrevLen]byte
	var key []byte
	c, ok := abNone, false
	if s.sp != nil && len(s.sp.extra) > 0 {
		key = lowerASCII(buf[:0], tok)
		c, ok = s.sp.extra[string(key)]
	}
	if !ok && s.tab.maybeAbbrev(tok) && !acronym(tok) {
		if key == nil {
			key = lowerASCII(buf[:0], tok)
		}
		c, ok = s.tab.abbrevs[string(key)]
	}
	if !ok && s.tab.suffixNumber != nil && s.tab.suffixAbbrev(tok) {
		c, ok = abNumber, true
	}
	if !ok && s.tab.caps != nil && s.tab.caps[tok] {
		c, ok = s.tab.abbrevs[strings.ToLower(tok)] // French "MM."
	}
	if ok {
		switch {
		case c == abTitleAny:
			return abTitle
		case c == abTitle && tok[0] >= 'a' && tok[0] <= 'z':
			return abGeneral // "5th st.", "sales rep."
		}
		return c
	}
	if r, size := utf8.DecodeRuneInString(tok); size == len(tok) && unicode.IsLetter(r) {
		return abInitial // "E. Smith", "Albert I. Jones"
	}
	if multiPeriod(tok) {
		return abMulti
	}
	return abNone
}

// acronym reports whether tok is two or more upper-case ASCII letters, such
// as "MS" or "CO": an acronym rather than the abbreviation "Ms." or "Co.".
func acronym(tok string) bool {
	if len(tok) < 2 {
		return false
	}
	for i := 0; i < len(tok); i++ {
		if !isASCIIUpper(tok[i]) {
			return false
		}
	}
	return true
}

// multiPeriod reports whether tok (without its final period) is a
// multi-period abbreviation such as "U.S", "Ph.D" or "e.g": two or more
// groups of one to three ASCII letters joined by periods, at least one
// group a single letter.
func multiPeriod(tok string) bool {
	groups, single, run := 0, false, 0
	for i := 0; i <= len(tok); i++ {
		if i == len(tok) || tok[i] == '.' {
			if run == 0 || run > 3 {
				return false
			}
			groups++
			single = single || run == 1
			run = 0
			continue
		}
		if !isASCIILetter(tok[i]) {
			return false
		}
		run++
	}
	return groups >= 2 && single
}

// peek describes the first word at or after k, past white space and
// opening quotes and brackets.
func (s *scanner) peek(k int) nextWord {
	t := s.text
	n := len(t)
	if k+1 < n && t[k] == ' ' && !maySpaceOrOpen[t[k+1]] {
		k++ // the common case: one space, then a word
	} else {
		k = skipSpace(t, k)
		for o := 0; o < 4 && k < n; o++ {
			size := openerAt(t, k)
			if size == 0 {
				break
			}
			k += size
		}
	}
	if k >= n {
		return nextWord{kind: nextEnd}
	}
	c := t[k]
	if c < utf8.RuneSelf {
		switch {
		case isASCIIDigit(c):
			return nextWord{kind: nextDigit}
		case isASCIIUpper(c):
			w := nextWord{kind: nextUpper}
			e := k + 1
			// At most 12 more letters are looked at.
			if e+8 <= n {
				if nl := ^letters8(bytescan.Load8(t[e:], 0)) & msb; nl != 0 {
					e += bits.TrailingZeros64(nl) >> 3
					goto found
				}
				e += 8
			}
			for e < n && e-k <= 12 && isASCIILetter(t[e]) {
				e++
			}
		found:
			if e-k > 12 {
				return w
			}
			if e-k == 1 && e < n && t[e] == '.' {
				return w // an initial: "J. R. R. Tolkien"
			}
			w.word = t[k:e]
			return w
		case isASCIILower(c):
			if k+1 < n && isASCIIUpper(t[k+1]) {
				return nextWord{kind: nextUpper} // "iPhone", "eBay"
			}
			return nextWord{kind: nextLower}
		case c == ')' || c == ']' || c == '}' || c == ',' || c == ';' || c == ':':
			return nextWord{kind: nextLower} // "(Ae Fond Kiss... )."
		}
		return nextWord{kind: nextOther}
	}
	r, size := utf8.DecodeRuneInString(t[k:])
	switch {
	case unicode.IsLower(r):
		if r2, _ := utf8.DecodeRuneInString(t[k+size:]); unicode.IsUpper(r2) {
			return nextWord{kind: nextUpper}
		}
		return nextWord{kind: nextLower}
	case unicode.IsLetter(r):
		return nextWord{kind: nextUpper}
	case unicode.IsDigit(r):
		return nextWord{kind: nextDigit}
	}
	return nextWord{kind: nextOther}
}
