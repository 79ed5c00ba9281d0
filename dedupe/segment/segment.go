package segment

import (
	"github.com/copydesk/copydesk/pipeline/bytescan"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Unit is a paragraph or sentence: the half-open byte range
// [Start, End) of the text, without surrounding white space.
type Unit struct {
	Start, End int
}

// Sentences returns the sentences of text in order, with the default
// rules; it is the same as (*Splitter)(nil).Sentences(text).
//
// The units never overlap, are never empty, neither start nor end with white
// space (as defined by unicode.IsSpace) and together cover every byte of text
// that is not white space.
func Sentences(text string) []Unit {
	var s *Splitter
	return s.AppendSentences(nil, text)
}

// Options adds abbreviations to a Splitter. The zero value adds none.
//
// Each entry is written with or without its final period ("Univ." or
// "Univ"), is matched without regard to ASCII letter case and may hold inner
// periods ("M.Sc."). Entries longer than 32 bytes are ignored.
type Options struct {
	// Abbreviations end a sentence only when the next word is a common
	// sentence starter such as "The", "He" or "However" (like "Inc." or
	// "etc.").
	Abbreviations []string
	// Titles never end a sentence when a capitalized word or a number
	// follows, because a name or number always does (like "Mr." or "Gen.").
	// Written in lower case in the text ("rep."), they act as Abbreviations.
	Titles []string
}

// A Splitter splits text into sentences with the default rules plus the
// abbreviations of its Options. A nil *Splitter uses the default rules only.
// A Splitter is safe for concurrent use.
type Splitter struct {
	extra map[string]abbrClass
}

// NewSplitter returns a Splitter that also knows the abbreviations in opts.
func NewSplitter(opts Options) *Splitter {
	s := &Splitter{extra: make(map[string]abbrClass, len(opts.Abbreviations)+len(opts.Titles))}
	add := func(words []string, c abbrClass) {
		for _, w := range words {
			for len(w) > 0 && w[len(w)-1] == '.' {
				w = w[:len(w)-1]
			}
			if w == "" || len(w) > maxAbbrevLen {
				continue
			}
			var buf [maxAbbrevLen]byte
			s.extra[string(lowerASCII(buf[:0], w))] = c
		}
	}
	add(opts.Abbreviations, abGeneral)
	add(opts.Titles, abTitle)
	return s
}

// Sentences returns the sentences of text in order; see the package
// function Sentences for the guarantees on the result.
func (s *Splitter) Sentences(text string) []Unit {
	return s.AppendSentences(nil, text)
}

// AppendSentences appends the sentences of text to dst and returns the
// extended slice, so that a caller splitting many texts can reuse one
// buffer.
func (s *Splitter) AppendSentences(dst []Unit, text string) []Unit {
	if dst == nil && len(text) > 0 {
		// News prose averages well over 64 bytes a sentence.
		dst = make([]Unit, 0, len(text)/64+1)
	}
	sc := scanner{text: text, sp: s, out: dst}
	sc.run()
	return sc.out
}

// Kinds of the word after a candidate sentence end.
const (
	nextEnd   = iota // end of text
	nextLower        // a lower-case word or ") , ; :": the sentence goes on
	nextUpper        // a capitalized word (or a letter without case)
	nextDigit        // a number
	nextOther        // any other symbol
)

// nextWord describes the first word after a candidate sentence end, past
// white space and opening quotes or brackets.
type nextWord struct {
	kind uint8
	// word is the capitalized ASCII word of a nextUpper, if it is short
	// enough to be a sentence starter.
	word string
}

// opens reports whether the next word is a common sentence starter ("The",
// "He", "However" …) or a title that opens a sentence about someone ("Mr",
// "Dr" …).
func (w nextWord) opens() bool {
	return w.starter() != 0
}

// starter returns starterWord or starterTitle if the next word is one, else
// 0.
func (w nextWord) starter() uint8 {
	if w.word == "" || starterLens[w.word[0]]&(1<<len(w.word)) == 0 {
		return 0
	}
	return starters[w.word]
}

// A scanner holds the state of one split.
type scanner struct {
	text string
	sp   *Splitter
	out  []Unit

	// start is where the current sentence begins: the position of the last
	// cut, not yet trimmed of white space.
	start int
	// blockStart is where the current block (the text since the last blank
	// line) begins.
	blockStart int
	// lineMode says whether single line breaks in the current block end
	// sentences: 0 not yet known, 1 yes (a block of lines such as a list or
	// an address), -1 no (wrapped prose).
	lineMode int8
	// itemLine says whether the current line starts with a list item.
	itemLine bool
	// lineStart is where the current line begins.
	lineStart int
	// width is the length in runes of the longest line of the current
	// block, or 0 when not yet measured.
	width int
	// qpos and qodd: the straight quotes of the current block before
	// qpos are odd in number (see quotesOdd).
	qpos int
	qodd bool
	// chains holds, per list kind and delimiter, the value of the last item
	// of the list being read in the current block, plus one; 0 means none.
	chains [nMarkerKinds * nDelims]int
}

// Interesting bytes for the main loop: everything else is skipped in a
// tight loop.
var interesting = func() (t [256]bool) {
	for _, c := range []byte{'.', '!', '?', '\n', '\r', ')'} {
		t[c] = true
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// Eight-byte constants (package bytescan).
const (
	lsb = bytescan.Ones
	msb = bytescan.Highs
)

// nextInteresting returns the offset of the first byte at or after i
// that interesting marks, or len(t), testing sixteen bytes at a time.
func nextInteresting(t string, i int) int {
	for {
		for ; i+16 <= len(t); i += 16 {
			s := t[i : i+16]
			m0, m1 := interesting8(bytescan.Load8(s, 0)), interesting8(bytescan.Load8(s[8:], 0))
			if m0 != 0 {
				i += bits.TrailingZeros64(m0) >> 3
				goto found
			}
			if m1 != 0 {
				i += 8 + bits.TrailingZeros64(m1)>>3
				goto found
			}
		}
		if i+8 <= len(t) {
			if m := interesting8(bytescan.Load8(t[i:], 0)); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto found
			}
			i += 8
		}
		for i < len(t) && !interesting[t[i]] {
			i++
		}
		return i
	found:
		if interesting[t[i]] {
			return i
		}
		i++ // a tab or other byte below 0x10, a '/' or a '>'
	}
}

// interesting8 flags the bytes of the eight-byte word w that may be
// interesting: its lowest set bit is the high bit of the first byte that
// interesting marks or of an earlier byte below 0x10 (a tab, a control),
// '/' or '>', and it is 0 if w holds none of these.
func interesting8(w uint64) uint64 {
	// A zero byte of a or b is a match: x|0x08 is ')' (0x29) for '!' and
	// ')' only, and x|0x11 is '?' (0x3F) for '.' and '?', and for '/'
	// and '>', which nextInteresting steps over. Bytes below 0x10 ('\n',
	// '\r', and tabs and controls, stepped over too) borrow in w-0x10,
	// and bytes from 0x80 up have their high bit set. A borrow only
	// flags bytes above the one it comes from, so the lowest flagged byte
	// is always one of these.
	a := (w | 0x08*lsb) ^ (')' * lsb)
	b := (w | 0x11*lsb) ^ ('?' * lsb)
	return ((a-lsb)&^a | (b-lsb)&^b | (w - 0x10*lsb) | w) & msb
}

func (s *scanner) run() {
	t := s.text
	n := len(t)
	i := skipSpace(t, 0)
	s.blockStart, s.lineStart = i, i
	s.itemLine = listItemAt(t, i)
	for i < n {
		i = nextInteresting(t, i)
		if i >= n {
			break
		}
		if w, para := lineBreakAt(t, i); w > 0 {
			i = s.lineBreak(i, w, para)
			continue
		}
		switch c := t[i]; c {
		case '.', '!', '?':
			i = s.terminator(i)
		case ')':
			s.parenMarker(i)
			i++
		default:
			r, size := utf8.DecodeRuneInString(t[i:])
			switch {
			case r == '…' || isBangRune(r):
				i = s.terminator(i)
			case isBullet(r):
				if i == 0 || spaceBefore(t, i) {
					s.cut(i)
				}
				i += size
			default:
				i += size
			}
		}
	}
	s.cut(n)
}

// cut ends the current sentence at position at (if it has any text) and
// starts the next one there.
func (s *scanner) cut(at int) {
	if at <= s.start {
		return
	}
	t := s.text
	a, b := s.start, at
	if a+1 < b && t[a] == ' ' && !maySpaceOrOpen[t[a+1]] {
		a++ // the space after the last cut, as skipSpace would find
	} else {
		a = skipSpace(t[:at], a)
	}
	for b > a {
		c := t[b-1]
		if c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			b--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(t[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= size
	}
	if a < b {
		s.out = append(s.out, Unit{a, b})
	}
	s.start = at
}

// lineBreak handles the line break of width w at i (para: a paragraph
// separator) and returns where scanning goes on: the first byte that is not
// white space after it.
func (s *scanner) lineBreak(i, w int, para bool) int {
	t := s.text
	n := len(t)
	k := i + w
	breaks := 0
	for k < n {
		if bw, bp := lineBreakAt(t, k); bw > 0 {
			breaks++
			para = para || bp
			k += bw
			continue
		}
		c := t[k]
		if c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			k++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[k:])
		if !unicode.IsSpace(r) {
			break
		}
		k += size
	}
	if para || breaks > 0 || k == n {
		// A blank line: the block ends.
		s.cut(i)
		s.blockStart, s.lineStart = k, k
		s.lineMode, s.width = 0, 0
		s.chains = [len(s.chains)]int{}
		s.itemLine = listItemAt(t, k)
		return k
	}
	if s.lineMode == 0 {
		s.lineMode = s.blockLineMode()
	}
	item := listItemAt(t, k)
	// A list item ends at its line break unless the next line is indented
	// (the item goes on); in a block of lines every line ends.
	end := s.lineMode > 0
	if s.itemLine {
		end = k == i+w
	}
	if end || item || s.lineMode < 0 && s.headline(i, k) {
		s.cut(i)
	}
	s.itemLine = item || s.itemLine && !end
	s.lineStart = k
	return k
}

// headline reports whether the line break at i, in a block of wrapped
// prose, still ends a sentence because the line before it is a line of
// its own: a headline, a byline or a subhead over the text that follows
// on the next line (at k). The line holds the start of the sentence,
// ends with a word, a number or "%" rather than with punctuation that
// carries on ("," ";" "-") or a word such as "the", the next line starts
// with a capital or a digit, and the line is short: at most three
// quarters of the block's longest line, and the next line's first word
// would have fitted on it, so no wrapping put the break there.
func (s *scanner) headline(i, k int) bool {
	t := s.text
	if lo, hi := min(s.start, s.lineStart), max(s.start, s.lineStart); !onlySpace(t[lo:hi]) {
		return false // the sentence began before the line or within it
	}
	line := strings.TrimRightFunc(t[s.lineStart:i], unicode.IsSpace)
	last, _ := utf8.DecodeLastRuneInString(line)
	if line == "" || !(unicode.IsLetter(last) || unicode.IsDigit(last) || isCloserRune(last) ||
		last == '%' || unicode.Is(unicode.Sc, last)) {
		return false
	}
	if j := strings.LastIndexFunc(line, unicode.IsSpace); j >= 0 && carriesOn[line[j+1:]] {
		return false // "... owned by a", "... and the"
	}
	next := t[k:]
	if next != "" {
		next = next[openerAt(next, 0):]
	}
	first, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	word := t[k:]
	if j := strings.IndexFunc(word, unicode.IsSpace); j >= 0 {
		word = word[:j]
	}
	if s.width == 0 {
		s.width = blockWidth(t, s.blockStart)
	}
	// Two columns of slack: wrappers differ on whether the space at a
	// break counts. And a quarter of the width: wrappers that balance
	// their lines (fmt) leave them a little short of it.
	n := utf8.RuneCountInString(line)
	return n+1+utf8.RuneCountInString(word)+2 <= s.width && 4*n <= 3*s.width
}

// carriesOn holds the lower-case words a line of wrapped prose may end
// with but a headline does not: articles, conjunctions, "of", "to",
// possessives and forms of "be". Prepositions that end phrasal verbs
// ("slow to catch on") and "says" ("Protect whistleblowers, TUC says")
// end headlines and are not here.
var carriesOn = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true,
	"of": true, "to": true, "with": true, "from": true, "by": true, "than": true, "that": true,
	"which": true, "who": true, "whose": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "your": true, "my": true, "is": true, "are": true, "was": true, "were": true,
}

// blockWidth returns the length in runes of the longest line of the block
// that starts at start and ends at the first blank line, trailing white
// space aside.
func blockWidth(t string, start int) int {
	width := 0
	for pos := start; pos < len(t); {
		eol := strings.IndexByte(t[pos:], '\n')
		if eol < 0 {
			eol = len(t)
		} else {
			eol += pos
		}
		line := strings.TrimRightFunc(t[pos:eol], unicode.IsSpace)
		if strings.TrimSpace(line) == "" && pos > start {
			break
		}
		width = max(width, utf8.RuneCountInString(line))
		pos = eol + 1
	}
	return width
}

// onlySpace reports whether t holds only white space.
func onlySpace(t string) bool {
	return strings.TrimLeftFunc(t, unicode.IsSpace) == ""
}

// blockLineMode reports whether single line breaks end sentences in the
// block that starts at s.blockStart: 1 if no line of the block ends with
// sentence punctuation (a list of lines, an address, a heading with a
// subtitle), else -1 (wrapped prose).
func (s *scanner) blockLineMode() int8 {
	t := s.text
	n := len(t)
	content := false // the current line has text
	term := false    // the last text of the current line is a terminator
	ls := s.blockStart
	mid := false     // the current line has a stop after a word, then a capital
	long := 0        // lines over 60 bytes so far
	midLong := false // one of them has a stop inside
	for i := s.blockStart; i < n; {
		c := t[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r' && i+1 < n && t[i+1] == '\n':
				// The "\n" of a CRLF ends the line.
			case c == '\n' || c == '\r':
				if term {
					return -1
				}
				if !content && i > s.blockStart {
					return 1 // a blank line ends the block
				}
				if i-ls > 60 {
					long++
					midLong = midLong || mid
				}
				if midLong && long >= 2 {
					// Long lines, a sentence ending inside one: hard-wrapped
					// prose whose line ends fell mid-sentence, not a list
					// or an address.
					return -1
				}
				content, term, mid, ls = false, false, false, i+1
			case asciiSpace[c]:
			case c == '.' || c == '!' || c == '?':
				if i > ls && isASCIILower(t[i-1]) && i+2 < n && t[i+1] == ' ' && isASCIIUpper(t[i+2]) {
					mid = true
				}
				content, term = true, true
			case isCloserByte(c):
				content = true
			default:
				content, term = true, false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case r == '\u2029':
			return boolMode(term)
		case r == '\u2028' || r == '\u0085':
			if term {
				return -1
			}
			content, term = false, false
		case unicode.IsSpace(r):
		case r == '…' || isBangRune(r):
			content, term = true, true
		case isCloserRune(r):
			content = true
		default:
			content, term = true, false
		}
		i += size
	}
	return boolMode(term)
}

func boolMode(term bool) int8 {
	if term {
		return -1
	}
	return 1
}

// terminator handles the run of sentence punctuation that starts at i and
// returns where scanning goes on.
func (s *scanner) terminator(i int) int {
	t := s.text
	n := len(t)
	if t[i] == '.' && i+2 < n && t[i+1] == ' ' && t[i+2] != '.' {
		// The common case, decided as below: a single period, then a
		// space and no spaced ellipsis.
		k := i + 1
		next := s.peek(k)
		if ts, ok := s.plainWord(i); ok {
			if s.wordEnds(i, ts, next) {
				s.cut(k)
			}
		} else if !s.markerBefore(i, delimDot, next) && s.periodEnds(i, next) {
			s.cut(k)
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
	k := skipClosers(t, j)
	if k < n && !spaceAt(t, k) {
		// Not followed by white space: "3.5", "U.S.A", "Jr.'s", "mean...see".
		switch {
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
		end = next.kind != nextLower
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
		s.cut(k)
	}
	return k
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
		if len(tok) > maxDefaultAbbrevLen || abbrevLens[lowerByte(tok[0])]&abbrevEnds[lowerByte(tok[len(tok)-1])]&(1<<len(tok)) == 0 || acronym(tok) {
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
	case abGeneral, abMulti, abInitial:
		return next.opens()
	case abTime:
		// "At 5 a.m. Mr. Smith went": a time after a short introduction
		// goes on into a name.
		return next.opens() && !(next.starter() == starterTitle && s.introTime(ts))
	case abNumber:
		return next.kind != nextDigit
	}
	return true
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
	if !ok && len(tok) <= maxDefaultAbbrevLen && abbrevLens[lowerByte(tok[0])]&abbrevEnds[lowerByte(tok[len(tok)-1])]&(1<<len(tok)) != 0 && !acronym(tok) {
		if key == nil {
			key = lowerASCII(buf[:0], tok)
		}
		c, ok = abbrevs[string(key)]
	}
	if ok {
		if c == abTitle && tok[0] >= 'a' && tok[0] <= 'z' {
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

// noSpaceBreak cuts after the period at i when it ends a sentence with no
// space after it, as in "Hello world.Today is Tuesday." or "1,000.That":
// a lower-case letter or digit before it, a capitalized word after it that
// ends at white space or punctuation, and no sign of an e-mail address, URL,
// file name or abbreviation.
func (s *scanner) noSpaceBreak(i int) {
	t := s.text
	n := len(t)
	if i < 2 || i+2 >= n {
		return
	}
	w := i // where the word before the terminator ends
	if c := t[i-1]; (c == '"' || c == ')') && i >= 3 {
		w = i - 1 // "tune".The", "(see above).The"
	}
	if p := t[w-1]; !isASCIILower(p) && !isASCIIDigit(p) {
		return
	}
	if !isASCIIUpper(t[i+1]) {
		return
	}
	if w == i && !isASCIILower(t[i+2]) {
		// "began.A major": the one-letter words "A" and "I".
		if (t[i+1] == 'A' || t[i+1] == 'I') && t[i+2] == ' ' && s.gluedWordBefore(i) {
			s.cut(i + 1)
		}
		return
	}
	e := i + 3
	for e < n && (isASCIILower(t[e]) || t[e] == '\'' && e+1 < n && isASCIILower(t[e+1])) && e-i < 24 {
		e++ // "Fever.Davis's body"
	}
	if e-i <= 5 && fileSuffix[strings.ToLower(t[i+1:e])] {
		return // "example.Com", "notes.Txt": a domain or a file name
	}
	if e < n {
		switch c := t[e]; {
		case asciiSpace[c]:
		case c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?':
			if e+1 < n && !spaceAt(t, e+1) && !isCloserByte(t[e+1]) {
				return
			}
		default:
			return
		}
	}
	if w < i && !isASCIILower(t[i+2]) {
		return
	}
	b := w - 1
	for b > s.start && w-b <= 32 && (isASCIILetter(t[b-1]) || isASCIIDigit(t[b-1]) || t[b-1] == ',' ||
		(t[b-1] == '-' || t[b-1] == '\'') && b-1 > s.start && isASCIILetter(t[b-2])) {
		b-- // "run-in.Tries", "Jones'.He"
	}
	if w-b < 2 || w-b > 32 {
		return
	}
	if w < i {
		// Before a closing quote or bracket: the word opens with the
		// matching opener or follows a space.
		for b > s.start && (t[b-1] == '"' || t[b-1] == '(') {
			b--
		}
	}
	if b > s.start && !spaceBefore(t, b) && !isOpenerBefore(t, b) {
		return // "x@example.Com", "http://a.b/Foo"
	}
	if c := s.classify(t[b:w]); c != abNone {
		return // "Mr.Smith"
	}
	s.cut(i + 1)
}

// fileSuffix holds the top-level domains and file name extensions that,
// capitalized after a dot, are still a name's end, not a sentence's
// start.
var fileSuffix = map[string]bool{
	"com": true, "org": true, "net": true, "gov": true, "edu": true, "int": true, "io": true,
	"txt": true, "pdf": true, "doc": true, "docx": true, "htm": true, "html": true, "jpg": true,
	"png": true, "gif": true, "zip": true, "exe": true, "csv": true, "xls": true, "xlsx": true,
	"ppt": true, "mp3": true, "mp4": true, "md": true, "json": true, "xml": true,
}

// gluedWordBefore reports whether a word of two or more letters, the
// last one lower-case, ends at the terminator at i, with a space or the
// sentence's start before it: "began." in "began.A major", not "U.S.",
// "NATO." or "x@a.b".
func (s *scanner) gluedWordBefore(i int) bool {
	t := s.text
	if i < 1 || !isASCIILower(t[i-1]) {
		return false
	}
	b := i
	for b > s.start && i-b <= 32 && isASCIILetter(t[b-1]) {
		b--
	}
	if i-b < 2 || i-b > 32 {
		return false
	}
	return b == s.start || spaceBefore(t, b) || isOpenerBefore(t, b)
}

// quotesOdd reports whether the current block holds an odd number of
// straight double quotes before i. It counts on from where the last call
// stopped, so a text full of glued quotes costs linear time.
func (s *scanner) quotesOdd(i int) bool {
	if s.qpos < s.blockStart {
		s.qpos, s.qodd = s.blockStart, false
	}
	if i > s.qpos {
		s.qodd = s.qodd != (strings.Count(s.text[s.qpos:i], `"`)%2 == 1)
		s.qpos = i
	}
	return s.qodd
}

// quoteAt reports whether a double quotation mark starts t[j:].
func quoteAt(t string, j int) bool {
	if j >= len(t) {
		return false
	}
	if t[j] == '"' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t[j:])
	return r == '“' || r == '”'
}

// quoteGlueBreak handles a terminator at i, right after a word and
// ending at j, that a quotation mark joins to the next sentence with no
// space: "Christmas."We are", "Christmas.”“We are", "said.“We are", as
// a paragraph pasted after another with no space leaves it. It cuts
// after the quotes that close (a straight quote closes when the block
// has one open) and before those that open, and returns where scanning
// goes on, or returns 0.
func (s *scanner) quoteGlueBreak(i, j int) int {
	t := s.text
	c := j
	// A straight quote is open if the block so far has an odd number:
	// a quotation can run over several sentences.
	open := s.quotesOdd(i)
	for c < len(t) {
		r, size := utf8.DecodeRuneInString(t[c:])
		if r == '”' || r == '"' && open {
			open = open && r != '"'
			c += size
			continue
		}
		break
	}
	o := c
	if r, size := utf8.DecodeRuneInString(t[o:]); r == '“' || r == '"' {
		o += size
	}
	if o == j || o >= len(t) || !isASCIIUpper(t[o]) || !s.gluedWordBefore(i) {
		return 0
	}
	if o+1 < len(t) && !isASCIILower(t[o+1]) && !(t[o] == 'A' || t[o] == 'I') {
		return 0 // "said."NATO": not a plain word
	}
	s.cut(c)
	return c
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

// Character classes.

const (
	maxToken     = 64 // longest token examined before a period
	maxAbbrevLen = 32 // longest abbreviation looked up
)

// asciiSpace holds the ASCII white-space bytes; indexing it with any byte
// is safe.
var asciiSpace = [256]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true}

func isASCIILower(c byte) bool  { return c >= 'a' && c <= 'z' }
func isASCIIUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isASCIILetter(c byte) bool { return isASCIILower(c) || isASCIIUpper(c) }
func isASCIIDigit(c byte) bool  { return c >= '0' && c <= '9' }

func lowerByte(c byte) byte {
	if isASCIIUpper(c) {
		return c + 'a' - 'A'
	}
	return c
}

// lowerASCII appends s to dst with ASCII letters in lower case.
func lowerASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isASCIIUpper(c) {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// spaceAt reports whether a white-space character starts at i.
func spaceAt(t string, i int) bool {
	c := t[i]
	if c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	r, _ := utf8.DecodeRuneInString(t[i:])
	return unicode.IsSpace(r)
}

// spaceBefore reports whether a white-space character ends at i > 0.
func spaceBefore(t string, i int) bool {
	c := t[i-1]
	if c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	r, _ := utf8.DecodeLastRuneInString(t[:i])
	return unicode.IsSpace(r)
}

func bulletBefore(t string, i int) bool {
	if t[i-1] < utf8.RuneSelf {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t[:i])
	return isBullet(r)
}

// skipSpace returns the position of the first byte at or after i that does
// not start a white-space character.
func skipSpace(t string, i int) int {
	for i < len(t) {
		c := t[i]
		if c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// lineBreakAt returns the width of the line break at i (0 if none) and
// whether it is a paragraph separator.
func lineBreakAt(t string, i int) (int, bool) {
	switch c := t[i]; {
	case c == '\n':
		return 1, false
	case c == '\r':
		if i+1 < len(t) && t[i+1] == '\n' {
			return 2, false
		}
		return 1, false
	case c < utf8.RuneSelf:
		return 0, false
	}
	switch r, size := utf8.DecodeRuneInString(t[i:]); r {
	case '\u2028', '\u0085':
		return size, false
	case '\u2029':
		return size, true
	}
	return 0, false
}

// isBangRune reports whether r is an exclamation or question mark other
// than ASCII "!" and "?".
func isBangRune(r rune) bool {
	switch r {
	case '‼', '⁇', '⁈', '⁉', '‽':
		return true
	}
	return false
}

// isBullet reports whether r is a list bullet.
func isBullet(r rune) bool {
	switch r {
	case '•', '‣', '⁃', '◦', '▪', '▸', '►', '●', '∙':
		return true
	}
	return false
}

// isCloserByte reports whether c closes a quotation or bracket.
func isCloserByte(c byte) bool {
	switch c {
	case '"', '\'', ')', ']', '}':
		return true
	}
	return false
}

func isCloserRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isCloserByte(byte(r))
	}
	switch r {
	case '”', '’', '»', '›', '」', '』', '）':
		return true
	}
	return false
}

// skipClosers returns the position after the closing quotes and brackets
// at j.
func skipClosers(t string, j int) int {
	for j < len(t) {
		c := t[j]
		if c < utf8.RuneSelf {
			if !isCloserByte(c) {
				break
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[j:])
		if !isCloserRune(r) {
			break
		}
		j += size
	}
	return j
}

// dotFollower reports whether what is at i can follow a dot of a spaced
// ellipsis (". . ."): the end, white space, another dot or a closer.
func dotFollower(t string, i int) bool {
	if i >= len(t) {
		return true
	}
	c := t[i]
	if c == '.' || isCloserByte(c) {
		return true
	}
	if c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	r, _ := utf8.DecodeRuneInString(t[i:])
	return unicode.IsSpace(r) || isCloserRune(r)
}

// maySpaceOrOpen marks the bytes that may start white space or an opening
// quote or bracket: those that skipSpace or openerAt may step over.
var maySpaceOrOpen = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= utf8.RuneSelf || asciiSpace[c] || openerAt(string(rune(c)), 0) > 0
	}
	return t
}()

// openerAt returns the width of the opening quote or bracket at i, or 0.
func openerAt(t string, i int) int {
	c := t[i]
	if c < utf8.RuneSelf {
		switch c {
		case '"', '\'', '(', '[', '{', '*', '_':
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(t[i:])
	switch r {
	case '“', '‘', '«', '‹', '„', '‚', '¿', '¡', '「', '『', '（':
		return size
	}
	return 0
}

func isOpenerBefore(t string, i int) bool {
	r, size := utf8.DecodeLastRuneInString(t[:i])
	if size == 0 {
		return false
	}
	return openerAt(t, i-size) == size && r != utf8.RuneError
}

// trimOpeners removes opening quotes and brackets from the front of tok.
func trimOpeners(tok string) string {
	for tok != "" {
		size := openerAt(tok, 0)
		if size == 0 {
			break
		}
		tok = tok[size:]
	}
	return tok
}

// trimClosers removes closing quotes and brackets from the end of tok.
func trimClosers(tok string) string {
	for tok != "" {
		r, size := utf8.DecodeLastRuneInString(tok)
		if !isCloserRune(r) {
			break
		}
		tok = tok[:len(tok)-size]
	}
	return tok
}
