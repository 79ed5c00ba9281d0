package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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

// A scanner holds the state of one split.
type scanner struct {
	text string
	sp   *Splitter
	tab  *langTable
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
	// guil counts the French quotations (« … », the guillemet spaced
	// from the quotation) open in the current block.
	guil int
	// chains holds, per list kind and delimiter, the value of the last item
	// of the list being read in the current block, plus one; 0 means none.
	chains [nMarkerKinds * nDelims]int
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
			case r == '«':
				if i+size < n && spaceWidth(t, i+size) > 0 {
					s.guil++
				}
				i += size
			case r == '»':
				if s.guil > 0 && i > 0 && spaceBefore(t, i) {
					s.guil--
				}
				i += size
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
		s.lineMode, s.width, s.guil = 0, 0, 0
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
