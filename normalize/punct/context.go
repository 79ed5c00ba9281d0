package punct

import (
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/charclass"
)

// A lineCache remembers the line the scanner last asked about, so that
// whether it is a command line is decided once per line and each byte is
// looked at a bounded number of times.
type lineCache struct {
	valid      bool
	start, end int // the line is text[start:end]; end is its line break or len(text)
	command    bool
	layout     bool // the line holds a run of spaces that is layout
	symbols    bool // the line names a symbol: a token of operator characters alone
}

// commandLine reports whether the line that holds offset p looks like a
// shell command (charclass.CommandLine): "$ git status ." is no sentence
// whose full stop has a space before it.
func (s *scanner) commandLine(p int) bool {
	c := &s.line
	if c.valid && p >= c.start && p <= c.end {
		return c.command
	}
	from := 0
	if c.valid && p > c.end {
		from = c.end
	}
	start := from
	if k := strings.LastIndexAny(s.text[from:p], "\n\r"); k >= 0 {
		start = from + k + 1
	}
	end := len(s.text)
	if k := strings.IndexAny(s.text[p:], "\n\r"); k >= 0 {
		end = p + k
	}
	line := s.text[start:end]
	if len(line) > charclass.MaxLine {
		line = line[:charclass.MaxLine]
	}
	*c = lineCache{valid: true, start: start, end: end, command: charclass.CommandLine(line), layout: layoutRun(line), symbols: symbolToken(line)}
	return c.command
}

// layoutLine reports whether the line that holds offset p holds, after
// its indentation, a run of two spaces or more: a table row, justified text, a definition list
// ("Esc !    command"), whose spacing the spaces stage keeps and this
// stage leaves alone too.
func (s *scanner) layoutLine(p int) bool {
	s.commandLine(p)
	return s.line.layout
}

// symbolsLine reports whether the line that holds offset p names a
// symbol ("by ~ and !", "the &&, ||, and !"): a mark standing alone on
// it is named too, not the end of a sentence.
func (s *scanner) symbolsLine(p int) bool {
	s.commandLine(p)
	return s.line.symbols
}

// symbolToken reports whether line holds a token made of operator
// characters alone, after any trailing , . ; or : ("~", "&&,", "||").
// A hyphen is a dash, and "*", "+" and "#" are bullets: not symbols here.
func symbolToken(line string) bool {
	for tok := range strings.FieldsSeq(line) {
		tok = strings.TrimRight(tok, ",.;:")
		if tok == "" {
			continue
		}
		only := true
		for i := 0; i < len(tok); i++ {
			if strings.IndexByte("~&|^=<>/\\%$@", tok[i]) < 0 {
				only = false
				break
			}
		}
		if only {
			return true
		}
	}
	return false
}

// recordLine reports whether the line that holds offset p starts, after
// its indentation, with a number of three digits or more and a space: a
// record of a list (a bug number and its title), not a sentence.
func (s *scanner) recordLine(p int) bool {
	s.commandLine(p)
	line := strings.TrimLeft(s.text[s.line.start:s.line.end], " \t")
	n := 0
	for n < len(line) && line[n] >= '0' && line[n] <= '9' {
		n++
	}
	return n >= 3 && n < len(line) && line[n] == ' '
}

// layoutRun reports whether line holds such a run (see layoutLine).
func layoutRun(line string) bool {
	line = strings.TrimLeft(line, " \t")
	for j := 0; ; {
		k := strings.Index(line[j:], "  ")
		if k < 0 {
			return false
		}
		e := j + k + 2
		for e < len(line) && (line[e] == ' ' || line[e] == '\t') {
			e++
		}
		if e < len(line) {
			return true
		}
		j = e
	}
}

// codeAt reports whether the token around offset p looks like code
// (charclass.CodeToken), or runs on too long to be a word of prose.
func (s *scanner) codeAt(p int) bool {
	if p < 0 || p >= len(s.text) {
		return false
	}
	start, end, ok := charclass.TokenAt(s.text, p)
	return !ok || start < end && charclass.CodeToken(s.text[start:end])
}

// code reports whether punctuation whose word ends at wordEnd (the
// token before it, which may hold the punctuation itself) is code: the
// token looks like code, or the line is a command line.
func (s *scanner) code(wordEnd int) bool {
	return s.codeAt(wordEnd-1) || s.commandLine(wordEnd-1)
}

// asciidocItem reports whether the ";;" at p ends the first token of its
// line, "name;; text", an AsciiDoc labelled list item rather than a
// doubled semicolon: when the line is indented, or when another line of
// the text starts with such an item (a list has more than one).
func (s *scanner) asciidocItem(p int) bool {
	text := s.text
	k := p
	for k > 0 && !asciiSpace[text[k-1]] && p-k < 64 {
		k--
	}
	ls := k
	for ls > 0 && (text[ls-1] == ' ' || text[ls-1] == '\t') {
		ls--
	}
	if ls > 0 && text[ls-1] != '\n' && text[ls-1] != '\r' {
		return false // not the first token of the line
	}
	if ls < k {
		return true // indented: "\tdirty;; All changes"
	}
	if !s.itemsKnown {
		s.itemsKnown = true
		s.items = countItems(text)
	}
	return s.items >= 2
}

// countItems counts the lines of text that start with a word and ";;"
// and a space or the line's end.
func countItems(text string) int {
	n := 0
	for ls := 0; ls < len(text); {
		le := strings.IndexByte(text[ls:], '\n')
		if le < 0 {
			le = len(text)
		} else {
			le += ls
		}
		j := ls
		for j < le && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		w := j
		for j < le && (isASCIILetter(text[j]) || text[j] == '-' || text[j] == '_' || text[j] >= '0' && text[j] <= '9') {
			j++
		}
		if j > w && strings.HasPrefix(text[j:le], ";;") && (j+2 == le || text[j+2] == ' ' || text[j+2] == '\t' || text[j+2] == '\r') {
			n++
		}
		ls = le + 1
	}
	return n
}

// definitionTerm reports whether the mark at p ends a line of at most two
// tokens whose next line is indented deeper: the term of a definition
// list ("Esc !" then its description), not a sentence.
func definitionTerm(text string, p int) bool {
	le := p + 1
	for le < len(text) && (text[le] == ' ' || text[le] == '\t') {
		le++
	}
	if le < len(text) && text[le] != '\n' && text[le] != '\r' {
		return false // the mark does not end its line
	}
	ls := p
	for ls > 0 && text[ls-1] != '\n' && text[ls-1] != '\r' {
		if p-ls > 64 {
			return false
		}
		ls--
	}
	line := text[ls:p]
	indent := len(line) - len(strings.TrimLeft(line, " \t"))
	if len(strings.Fields(line)) > 2 {
		return false
	}
	next := le
	if next < len(text) && text[next] == '\r' {
		next++
	}
	if next < len(text) && text[next] == '\n' {
		next++
	}
	n := 0
	for next+n < len(text) && (text[next+n] == ' ' || text[next+n] == '\t') {
		n++
	}
	return next+n < len(text) && text[next+n] != '\n' && text[next+n] != '\r' && n > indent
}

// ternary reports whether the "?" at q, with a space before it, is the
// operator of "a ? b : c": a " : " follows on the same line, close by.
func ternary(text string, q int) bool {
	rest := text[q+1:]
	if len(rest) > 120 {
		rest = rest[:120]
	}
	if k := strings.IndexAny(rest, "\n\r"); k >= 0 {
		rest = rest[:k]
	}
	return strings.Contains(rest, " : ")
}

// french reports whether the text reads as French, where a space before
// ; : ! and ? is the house style ("Quoi ?"), not a typo. It is decided
// once per text, on its commonest words.
func (s *scanner) french() bool {
	if !s.frenchKnown {
		s.frenchKnown = true
		s.isFrench = frenchText(s.text)
	}
	return s.isFrench
}

// frenchWindow is how far before a mark frenchText reads the passage
// around it, for texts that mix languages.
const frenchWindow = 400

// frenchAround reports whether the paragraph around the mark at p, as
// far as frenchWindow bytes before it, reads as French.
func frenchAround(text string, p int) bool {
	from := max(0, p-frenchWindow)
	if k := strings.LastIndex(text[from:p], "\n\n"); k >= 0 {
		from += k + 2
	}
	return frenchText(text[from:min(len(text), p+frenchWindow/4)])
}

// frenchSample bounds how much of a text frenchText reads: the language
// of a document shows in its first pages.
const frenchSample = 32 << 10

// frenchText counts the French and English function words of text (of
// its first frenchSample bytes) and reports whether the French ones are
// more, and at least three.
func frenchText(text string) bool {
	if len(text) > frenchSample {
		text = text[:frenchSample]
	}
	// Cut at character boundaries.
	for len(text) > 0 && !utf8.RuneStart(text[0]) {
		text = text[1:]
	}
	fr, en := 0, 0
	for i := 0; i < len(text); {
		if !isASCIILetter(text[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(text) && isASCIILetter(text[j]) {
			j++
		}
		if j-i <= 5 && (j == len(text) || text[j] < 0x80) && (i == 0 || text[i-1] < 0x80) {
			var b [5]byte
			for k := i; k < j; k++ {
				b[k-i] = text[k] | 0x20
			}
			switch string(b[:j-i]) {
			case "le", "la", "les", "de", "des", "du", "un", "en", "est", "une", "et", "pour", "dans", "avec", "que", "qui", "sur", "pas", "ce", "sont", "au", "aux", "vous", "nous", "il", "elle", "ou":
				fr++
			case "the", "and", "of", "to", "is", "in", "that", "for", "with", "are", "this", "it", "be", "on", "you", "not":
				en++
			}
		}
		i = j
	}
	return fr >= 3 && fr > en
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
