package punct

import (
	"math/bits"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/bytescan"
	"github.com/copydesk/copydesk/pipeline/charclass"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// Rule ids reported by the stage.
const (
	// RuleDoublePeriod is a stray doubled full stop: "statement.." → "statement.".
	RuleDoublePeriod = "punct.double-period"
	// RuleDoubleComma is a doubled comma: "word,, word" → "word, word".
	RuleDoubleComma = "punct.double-comma"
	// RuleSpaceBefore is a space before punctuation: "Hello , world" → "Hello, world".
	RuleSpaceBefore = "punct.space-before"
	// RuleDoubled is a doubled or clashing mark after a word: ";;" → ";",
	// ",." or ", ." → ".", ". ." → ".".
	RuleDoubled = "punct.doubled"
)

// Rules returns the rules the stage reports, with their default
// severities. Every rule fixes by default.
func Rules() []lint.Rule {
	return []lint.Rule{
		{ID: RuleDoublePeriod, Severity: lint.Warning, Fixes: true,
			Doc: `stray doubled full stop after a word ("statement.." → "statement."); ellipses, paths, URLs, ranges ("v1.2.3..", "'main..'"), code and command lines are left alone; before ")" a suggestion`},
		{ID: RuleDoubleComma, Severity: lint.Warning, Fixes: true,
			Doc: `doubled comma in prose ("word,, word" or "word, , word" → "word, word"); CSV-like tokens and code ("FOO(x,,y)") are left alone`},
		{ID: RuleSpaceBefore, Severity: lint.Info, Fixes: true,
			Doc: `space or tab between a word and a following , . ; ! or ? ("Hello , world ." → "Hello, world."); French spacing in French text, "a ? b : c", code, command lines ("git status ."), a space after a URL, a mark named in prose ("remove ! from"), tables and justified text are left alone; after a number or several spaces, or before a semicolon that ends its line, a suggestion`},
		{ID: RuleDoubled, Severity: lint.Warning, Fixes: true,
			Doc: `doubled or clashing marks after a word, what deleting a word often leaves ("word;; word" → "word; word", "word,." or "word, ." → "word.", "word. ." → "word."); "!!", "?!", ellipses, code ("for (;;)", "5;;", a shell case's "x;;", "FOO(x,.)") and AsciiDoc list items ("name;; text") are left alone`},
	}
}

// Options configure the stage. The zero value is the default: every rule
// on, with a fix. There are no options yet; rules are switched off, made
// report-only or given another severity through the pipeline.
type Options struct{}

// New returns the punctuation stage, named "punct".
func New(opts Options) lint.Stage { return stage{opts: opts} }

type stage struct{ opts Options }

// Name returns "punct".
func (stage) Name() string { return "punct" }

// Rules returns the same rules as the package-level Rules.
func (stage) Rules() []lint.Rule { return Rules() }

// Check returns the stage's findings for text, sorted by position. Each
// finding carries one deletion of ASCII bytes; the fixes of one call do
// not overlap.
func (stage) Check(text string) []lint.Finding {
	s := scanner{text: text}
	s.run()
	return s.out
}

// CheckEach hands the findings of Check to sink, one at a time and in
// the same order, after it has told it how many there are (one scan
// counts, a second hands them over), so that a text with a finding every
// few bytes is not held as findings twice.
func (stage) CheckEach(text string, sink lint.FindingSink) {
	c := scanner{text: text, counting: true}
	c.run()
	sink.Reserve(c.n)
	if c.n > 0 {
		s := scanner{text: text, sink: sink}
		s.run()
	}
}

// Messages that do not depend on the text, built once so that findings
// cost no formatting.
const (
	msgDoublePeriod        = `stray double period: ".." → "."`
	msgDoublePeriodSuggest = `double period: ".." → "." if it is not an ellipsis`
)

var msgSpaceBeforeSuggest = [256]string{
	',': `space before "," (removed if it is not layout)`,
	'.': `space before "." (removed if it is not layout)`,
	';': `space before ";" (removed if it is not layout)`,
	'!': `space before "!" (removed if it is not layout)`,
	'?': `space before "?" (removed if it is not layout)`,
}

var msgSpaceBefore = [256]string{
	',': `space before "," removed`,
	'.': `space before "." removed`,
	';': `space before ";" removed`,
	'!': `space before "!" removed`,
	'?': `space before "?" removed`,
}

// punctByte marks the bytes the scanner stops at; everything else is
// skipped with one table look-up per byte.
var punctByte = [256]bool{'.': true, ',': true, ';': true, '!': true, '?': true}

// alnum marks ASCII letters and digits.
var alnum = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	return t
}()

// asciiSpace marks the ASCII white-space bytes unicode.IsSpace accepts.
var asciiSpace = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = charclass.IsASCIISpace(byte(c))
	}
	return t
}()

// A scanner walks one text once and collects findings in order.
type scanner struct {
	text string
	out  []lint.Finding
	// With counting, findings are only counted in n; with sink, they
	// are handed to it instead of kept in out.
	counting bool
	n        int
	sink     lint.FindingSink
	slab     []lint.Edit // backing store for the one-edit Fix of each finding
	tok      token
	line     lineCache
	// frenchKnown says whether isFrench is decided (see french).
	frenchKnown, isFrench bool
	// itemsKnown says whether items, the number of AsciiDoc list
	// items of the text, is counted (see asciidocItem).
	itemsKnown bool
	items      int
}

func (s *scanner) run() {
	text := s.text
	for i := 0; i < len(text); i++ {
		if !punctByte[text[i]] {
			i = nextPunct(text, i+1) - 1
			continue
		}
		switch c := text[i]; c {
		case '.':
			i = s.periods(i) - 1
		case ',':
			i = s.commas(i) - 1
		case ';':
			if i+1 < len(text) && text[i+1] == ';' {
				i = s.semicolons(i) - 1
				continue
			}
			fallthrough
		default: // ; ! ?
			if !blankBefore(text, i) {
				continue // the common case: nothing to report
			}
			f := follow(0)
			if c != ';' {
				f = followParen | followBracket | followBang
			}
			if !followsEnd(text, i+1, f) {
				continue // "a != b", "x ?y", "wink ;)"
			}
			if start, ok := s.spaceBefore(i, false); ok {
				s.addSpaceBefore(start, i)
			}
		}
	}
}

// Eight-byte constants (package bytescan).
const (
	lsb = bytescan.Ones
	msb = bytescan.Highs
)

// nextPunct returns the offset of the first byte at or after i that
// punctByte marks, or len(t), testing eight bytes at a time: x|2 is '.'
// for '.' and ',', x|4 is '?' for '?' and ';'.
func nextPunct(t string, i int) int {
	for ; i+8 <= len(t); i += 8 {
		w := uint64(t[i]) | uint64(t[i+1])<<8 | uint64(t[i+2])<<16 | uint64(t[i+3])<<24 |
			uint64(t[i+4])<<32 | uint64(t[i+5])<<40 | uint64(t[i+6])<<48 | uint64(t[i+7])<<56
		a := (w | 0x02*lsb) ^ ('.' * lsb)
		b := (w | 0x04*lsb) ^ ('?' * lsb)
		c := w ^ ('!' * lsb)
		// A zero byte of a, b or c is a match; the lowest flagged byte
		// is always a true one.
		if m := ((a-lsb)&^a | (b-lsb)&^b | (c-lsb)&^c) & msb; m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for i < len(t) && !punctByte[t[i]] {
		i++
	}
	return i
}

// add records a finding whose fix is the single edit e. Fix slices are cut
// from a shared slab, full-capacity, so that a caller appending to one
// cannot overwrite another.
func (s *scanner) add(rule string, sev lint.Severity, span lint.Span, msg string, e lint.Edit) {
	s.addFix(rule, sev, span, msg, e, false)
}

// addFix is add with the fix marked as a suggestion if suggest is set.
func (s *scanner) addFix(rule string, sev lint.Severity, span lint.Span, msg string, e lint.Edit, suggest bool) {
	if s.counting {
		s.n++
		return
	}
	if len(s.slab) == cap(s.slab) {
		s.slab = make([]lint.Edit, 0, min(max(2*cap(s.slab), 8), 1024))
	}
	s.slab = append(s.slab, e)
	n := len(s.slab)
	f := lint.Finding{
		Rule: rule, Severity: sev, Span: span, Message: msg, Fix: s.slab[n-1 : n : n], Suggest: suggest,
	}
	if s.sink != nil {
		s.sink.Add(f)
		return
	}
	s.out = append(s.out, f)
}

// periods handles the run of full stops starting at i and returns the
// offset just past it.
func (s *scanner) periods(i int) int {
	text := s.text
	j := i + 1
	for j < len(text) && text[j] == '.' {
		j++
	}
	switch j - i {
	case 1:
		s.singlePeriod(i)
	case 2:
		s.doublePeriod(i)
	}
	// Three or more: an ellipsis, left alone.
	return j
}

// doublePeriod reports the two full stops at i if they are a stray
// doubled full stop ending a word. Before a lower-case word they are an
// informal ellipsis ("Wait.. what?"), left alone, unless the word before
// them is an abbreviation with its own full stop ("etc.. and").
func (s *scanner) doublePeriod(i int) {
	text := s.text
	if !wordEndBefore(text, i) {
		return // "cd ..", "..foo", "?..", "…..": not after a word
	}
	if lowerWordAfter(text, i+2) && !abbreviationBefore(text, i) {
		return // "Apple.. a triumph": an ellipsis, not a typo
	}
	f := followParen
	if c := text[i-1]; c >= '0' && c <= '9' {
		f = 0 // "(1..)" is an endless range in Ruby, not a typo
	}
	if !followsEnd(text, i+2, f) {
		return // "a..b", "10..20", "../src", "..\dir", "obj..method"
	}
	if s.tok.at(text, i); s.tok.path || s.tok.www {
		return // "http://x.com/a.. ", "www.x.com..", "C:\dir.."
	}
	if s.code(i + 2) {
		return // "git log v1.2.3.. src", "'main..'", "\"-L..\""
	}
	// Before a closing bracket two dots are as often an informal
	// ellipsis ("seems ok..)") as a typo, and at the end of a record
	// ("615000 title cut short..") they mark a cut: a suggestion.
	suggest := i+2 < len(text) && text[i+2] == ')' || s.recordLine(i)
	msg := msgDoublePeriod
	if suggest {
		msg = msgDoublePeriodSuggest
	}
	s.addFix(RuleDoublePeriod, lint.Warning, lint.Span{Start: i, End: i + 2},
		msg, lint.Edit{Span: lint.Span{Start: i + 1, End: i + 2}}, suggest)
}

// singlePeriod reports the spaces before the lone full stop at i if it
// ends a sentence: "world ." → "world.", and the lone full stop with
// them if a full stop ends the word before: "world. ." → "world.".
func (s *scanner) singlePeriod(i int) {
	text := s.text
	if !blankBefore(text, i) {
		return // the common case: no space to remove
	}
	j := i + 1
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	if j < len(text) && text[j] == '.' {
		return // ". . .": a spaced ellipsis
	}
	if !followsEnd(text, i+1, followParen|followBracket) {
		return // ".5", ".NET", "./run", ".txt"
	}
	if start, ok := s.strayPeriod(i); ok {
		// A line that writes names ending in a full stop ("makefile.,")
		// may end with one: a suggestion.
		line, _ := charclass.LineAt(text, i)
		suggest := strings.Contains(line, ".,")
		s.addFix(RuleDoubled, lint.Warning, lint.Span{Start: start - 1, End: i + 1},
			`stray full stop after a full stop: ". ." → "."`, lint.Edit{Span: lint.Span{Start: start, End: i + 1}}, suggest)
		return
	}
	if start, ok := s.spaceBefore(i, false); ok {
		s.addSpaceBefore(start, i)
	}
}

// commas handles the cluster of commas starting at p: commas separated
// only by spaces or tabs, ",", ",,", ", ,", taken as one unit so that its
// fix leaves a single comma. It returns the offset just past the cluster.
func (s *scanner) commas(p int) int {
	text := s.text
	q, n := p+1, 1 // q: just past the last comma; n: commas in [p, q)
	for k := q; ; {
		for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
		if k == len(text) || text[k] != ',' {
			break
		}
		k++
		q, n = k, n+1
	}
	r, stop := s.commaStop(q) // "word,." or "word , ."
	if stop {
		b := p
		for b > 0 && (text[b-1] == ' ' || text[b-1] == '\t') {
			b--
		}
		stop = wordEndBefore(text, b) // not "etc.,.": that would leave ".."
	}
	if n == 1 && !blankBefore(text, p) && !stop {
		return q // the common case: one comma right after a word
	}
	if !stop && !followsEnd(text, q, followParen|followBracket) {
		return q // "a,,b", ",5", "f(a, ,b)": data or code
	}
	start, spaced := s.spaceBefore(p, true)
	if !spaced {
		start = p
		if !wordEndBefore(text, p) && !(p > 0 && text[p-1] == '.') {
			return q // ",,foo" at a line start, "?,,"
		}
	}
	if s.tok.at(text, start); s.tok.comma || s.tok.path || s.tok.www {
		return q // "x,y,, z": CSV-like, an empty field; a URL or path
	}
	if s.codeAt(p) || s.code(start) {
		return q // "FOO(x,.)", "(.)c, .)l)": code
	}
	if stop {
		// "word,." and "word , .": the full stop wins; the spaces
		// before the comma go too.
		s.tok.gone = lint.Span{Start: start, End: r - 1}
		s.add(RuleDoubled, lint.Warning, lint.Span{Start: start, End: r},
			"comma before a full stop: "+strconv.Quote(text[p:r])+` → "."`, lint.Edit{Span: lint.Span{Start: start, End: r - 1}})
		return r
	}
	// On a line laid out with runs of spaces the commas may be columns,
	// and removing a run would change what the line's other marks are
	// judged by: such a line is left alone, as the other rules leave it.
	if n > 1 && (s.layoutLine(p) || strings.Contains(text[p:q], "  ")) {
		return q
	}
	if spaced {
		s.addSpaceBefore(start, p)
	}
	if n > 1 {
		msg := "doubled comma: " + strconv.Quote(text[p:q]) + ` → ","`
		s.add(RuleDoubleComma, lint.Warning, lint.Span{Start: p, End: q},
			msg, lint.Edit{Span: lint.Span{Start: p + 1, End: q}})
	}
	return q
}

// semicolons handles the run of semicolons at p and returns the offset
// just past it: after a word and before the end of a clause ("word;; x")
// the extra ones go.
func (s *scanner) semicolons(p int) int {
	text := s.text
	q := p + 1
	for q < len(text) && text[q] == ';' {
		q++
	}
	if p == 0 || !letterBefore(text, p) || !wordAfter(text, q) {
		// "for (i = 0;; i++)", "x = 5;;", a shell case's "start;;" at
		// the end of a line, "a;;b": code. In prose a word follows.
		return q
	}
	if s.tok.at(text, p); s.tok.path || s.tok.www {
		return q
	}
	if s.asciidocItem(p) || s.code(p) {
		return q // "\tdirty;; All changes": an AsciiDoc list item; code
	}
	s.add(RuleDoubled, lint.Warning, lint.Span{Start: p, End: q},
		"doubled semicolon: "+strconv.Quote(text[p:q])+` → ";"`, lint.Edit{Span: lint.Span{Start: p + 1, End: q}})
	return q
}

// addSpaceBefore reports the spaces at text[start:p], before the
// punctuation at p, unless they are to stay (see spaceVerdict).
func (s *scanner) addSpaceBefore(start, p int) {
	v := s.spaceVerdict(start, p)
	if v == keep {
		return
	}
	msg := msgSpaceBefore[s.text[p]]
	if v == suggest {
		msg = msgSpaceBeforeSuggest[s.text[p]]
	}
	s.addFix(RuleSpaceBefore, lint.Info, lint.Span{Start: start, End: p + 1},
		msg, lint.Edit{Span: lint.Span{Start: start, End: p}}, v == suggest)
}

// A verdict is what a rule does with one occurrence.
type verdict uint8

const (
	fix     verdict = iota // sure: a fix
	suggest                // not sure: a suggestion for a person
	keep                   // correct as it is: nothing reported
)

// spaceVerdict says what to do with the spaces at text[start:p], before
// the punctuation at p. They stay:
//   - before ; ! ? in French text, where the space is the house style;
//   - before the "?" of "a ? b : c";
//   - after a token that looks like code, before one ("find . -name"),
//     or on a command line ("git status .");
//   - after a URL, even one broken across lines inside brackets: the
//     space keeps the full stop out of the URL;
//   - on a line that holds a token of operators alone ("by ~ and !");
//   - before a full stop, "!" or "?" that a lower-case word follows,
//     or a bracket that opens on one: it names the character ("Remove !
//     from", "when . and .. are", "C'est . (le répertoire actuel)");
//   - in a table or justified text: two or more spaces both before and
//     after the mark, or a line that holds a run of spaces elsewhere
//     (the layout the spaces stage keeps);
//   - before "!" or "?" that start a word ("as !!bool") or a negation
//     ("if ! (x)"), or a mark inside quotes before a lower-case word
//     ("\"grep ." is").
//
// Two or more spaces before the mark alone, a semicolon that ends its
// line (code ends statements so: "outline \"black\" ;"), or a full stop
// after a number ("debhelper level to 13 .", "see #975344 ."), where some
// writers set the space on purpose, make a suggestion.
func (s *scanner) spaceVerdict(start, p int) verdict {
	text := s.text
	c := text[p]
	switch c {
	case ';', '!', '?':
		if s.french() || frenchAround(text, p) {
			return keep // the text, or the passage around the mark, is French
		}
		if c == '?' && ternary(text, p) {
			return keep
		}
	}
	if s.code(start) || s.urlInBrackets(start) || s.layoutLine(start) || definitionTerm(text, p) {
		return keep
	}
	if s.symbolsLine(p) {
		// "by ~ and !", "% ,)) .": a line that names operators keeps
		// every such space, so that removing one never joins a symbol
		// to the mark and changes what the others read as.
		return keep
	}
	q := p + 1 // past the run of marks: "!!bool", "?!"
	for q < len(text) && (text[q] == '!' || text[q] == '?') && c != '.' {
		q++
	}
	if q < len(text) && alnum[text[q]] {
		return keep // "as !!bool", "a !important": a prefix, not an ending
	}
	j := q
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	if j > q && s.codeAt(j) {
		return keep
	}
	if c == '!' && j > q && j < len(text) && text[j] == '(' {
		return keep // "if ! (flags & X)": negation
	}
	if c == ';' && (j == len(text) || text[j] == '\n' || text[j] == '\r') {
		// "outline \"black\" ;", "then ;" at the end of a line: a
		// statement's terminator as often as a clause's end.
		return suggest
	}
	if c == '.' || c == '!' || c == '?' {
		if j > q && lowerWordAfter(text, j) {
			return keep // "Remove ! from", "when . and .. are"
		}
		if j > q && j < len(text) && text[j] == '(' && lowerWordAfter(text, j+1) {
			return keep // "C'est . (le répertoire actuel)": the mark explained
		}
		if q < len(text) && (text[q] == '"' || text[q] == '\'') && quotedLower(text, start, text[q]) {
			// "grep ." is: a quoted command; "vim ." (un: perhaps one.
			if lowerWordAfter(text, q+1) {
				return keep
			}
			return suggest
		}
	}
	if p-start >= 2 {
		if j-p-1 >= 2 {
			return keep
		}
		return suggest
	}
	if c == '.' && digitInWord(text, start) {
		return suggest
	}
	return fix
}

// quotedLower reports whether the quotation that ends after start, with
// the quote q, starts with a lower-case letter on the same line, within
// 128 bytes: "vim ." is more likely a command than a sentence.
func quotedLower(text string, start int, q byte) bool {
	for k := start - 1; k >= 0 && start-k < 128; k-- {
		switch text[k] {
		case '\n', '\r':
			return false
		case q:
			return k+1 < len(text) && 'a' <= text[k+1] && text[k+1] <= 'z'
		}
	}
	return false
}

// digitInWord reports whether the token that ends at end holds a digit.
func digitInWord(text string, end int) bool {
	for k := end; k > 0 && end-k < 64 && !asciiSpace[text[k-1]]; k-- {
		if c := text[k-1]; c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

// urlInBrackets reports whether the token that ends at end closes a
// bracket whose inside holds a URL or path, perhaps broken across lines:
// "(https://wiki.debian.org/\n    ReleaseGoals)".
func (s *scanner) urlInBrackets(end int) bool {
	text := s.text
	if end == 0 || text[end-1] != ')' {
		return false
	}
	for k := end - 2; k >= 0 && end-k < 256; k-- {
		switch text[k] {
		case '(':
			in := text[k+1 : end-1]
			return strings.Contains(in, "://") || strings.HasPrefix(in, "www.")
		case ')':
			return false
		}
	}
	return false
}

// letterBefore reports whether a letter ends text[:p].
func letterBefore(text string, p int) bool {
	r, size := utf8.DecodeLastRuneInString(text[:p])
	return size > 0 && unicode.IsLetter(r)
}

// wordAfter reports whether, after one or more spaces or tabs on the same
// line, a letter follows q.
func wordAfter(text string, q int) bool {
	k := q
	for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	if k == q || k >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[k:])
	return unicode.IsLetter(r)
}

// commaStop reports whether the commas that end at q are followed, after
// spaces or tabs, by a lone full stop that ends the sentence ("word,."
// "word, ."), and returns the offset just past that full stop.
func (s *scanner) commaStop(q int) (int, bool) {
	text := s.text
	k := q
	for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	if k == len(text) || text[k] != '.' || k+1 < len(text) && text[k+1] == '.' {
		return 0, false // no full stop, or an ellipsis: ", ..."
	}
	if !followsEnd(text, k+1, followParen|followBracket) {
		return 0, false // ", .5", ",.NET"
	}
	j := k + 1
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	if j < len(text) && punctByte[text[j]] {
		return 0, false // ",. ." or ",. ,": odd enough to leave to the writer
	}
	return k + 1, true
}

// strayPeriod reports whether the lone full stop at i, with spaces or
// tabs before it, follows a run of one or two full stops that ends a word
// ("word. ." or "word.. ."), and returns where the spaces start. A run
// of one is itself preceded by no spaced dot, so ". . ." is no match.
func (s *scanner) strayPeriod(i int) (int, bool) {
	text := s.text
	start := i
	for start > 0 && (text[start-1] == ' ' || text[start-1] == '\t') {
		start--
	}
	k := start
	for k > 0 && text[k-1] == '.' && start-k < 3 {
		k--
	}
	if n := start - k; n < 1 || n > 2 || k > 0 && text[k-1] == '.' {
		return 0, false
	}
	if !wordEndBefore(text, k) {
		return 0, false // ". . .", "? .": not after a word
	}
	if s.tok.at(text, k); s.tok.path || s.tok.www {
		return 0, false
	}
	return start, true
}

// lowerWordAfter reports whether, after spaces or tabs from j, a
// lower-case letter starts a word on the same line.
func lowerWordAfter(text string, j int) bool {
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	if j >= len(text) {
		return false
	}
	if c := text[j]; c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z'
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	return unicode.IsLower(r)
}

// abbreviationBefore reports whether the word that ends at i is an
// abbreviation whose own full stop is the first of the two at i: one
// with a full stop inside ("U.S", "e.g") or a common one ("etc", "Inc").
func abbreviationBefore(text string, i int) bool {
	k := i
	for k > 0 && k > i-12 && (alnum[text[k-1]] || text[k-1] == '.') {
		k--
	}
	w := text[k:i]
	for j := 0; j < len(w); j++ {
		if w[j] == '.' {
			return true
		}
	}
	switch len(w) {
	case 2, 3, 4, 5, 6:
		var b [6]byte
		for j := 0; j < len(w); j++ {
			b[j] = w[j] | 0x20
		}
		_, ok := abbreviations[string(b[:len(w)])]
		return ok
	}
	return false
}

// abbreviations are the common ones a sentence can go on after.
var abbreviations = map[string]struct{}{
	"etc": {}, "inc": {}, "ltd": {}, "co": {}, "corp": {}, "vs": {}, "approx": {},
	"jr": {}, "sr": {}, "dept": {}, "est": {}, "no": {}, "fig": {}, "vol": {}, "al": {},
}

// blankBefore reports whether a space or tab comes right before p:
// spaceBefore finds nothing to remove without one. It lets the
// scanner skip the common case, punctuation right after a word, early.
func blankBefore(text string, p int) bool {
	return p > 0 && (text[p-1] == ' ' || text[p-1] == '\t')
}

// spaceBefore returns the start of the run of spaces and tabs before the
// punctuation at p, if there is one and it follows a word on the same
// line (or, if afterStop, a full stop: "etc. ,").
func (s *scanner) spaceBefore(p int, afterStop bool) (int, bool) {
	text := s.text
	start := p
	for start > 0 && (text[start-1] == ' ' || text[start-1] == '\t') {
		start--
	}
	if start == p || start == 0 {
		return p, false // nothing to remove, or indentation at the start
	}
	if !wordEndBefore(text, start) && !(afterStop && text[start-1] == '.') {
		return p, false // line start, "? !", "- ,": not after a word
	}
	return start, true
}

// A follow is a set of characters, besides white space, closing quotes
// and the end of the text, that may follow punctuation ending a word.
type follow uint8

const (
	followParen   follow = 1 << iota // ")"
	followBracket                    // "]"
	followBang                       // "!" or "?"
)

// followsEnd reports whether text[j:] starts with what may come after
// punctuation that ends a word: the end of the text, white space, a
// closing quote (an ASCII quote only if no letter or digit follows it),
// or a character in f.
func followsEnd(text string, j int, f follow) bool {
	if j >= len(text) {
		return true
	}
	c := text[j]
	if c < utf8.RuneSelf {
		switch c {
		case ' ', '\t', '\n', '\r', '\v', '\f':
			return true
		case '"', '\'':
			return !alnumAt(text, j+1)
		case ')':
			return f&followParen != 0
		case ']':
			return f&followBracket != 0
		case '!', '?':
			return f&followBang != 0
		}
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	return charclass.ClosesQuote(r) || unicode.IsSpace(r)
}

// alnumAt reports whether a letter or digit starts at text[j].
func alnumAt(text string, j int) bool {
	if j >= len(text) {
		return false
	}
	if c := text[j]; c < utf8.RuneSelf {
		return alnum[c]
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordEndBefore reports whether the character that ends text[:i] can end
// a word: a letter, digit or mark, "%", a closing bracket, or a closing
// quote. An ASCII quote closes when it follows something other than white
// space or an opening bracket or quote.
func wordEndBefore(text string, i int) bool {
	if i <= 0 {
		return false
	}
	if c := text[i-1]; c < utf8.RuneSelf {
		switch c {
		case ')', ']', '%':
			return true
		case '"', '\'':
			return closingQuote(text, i-1)
		}
		return alnum[c]
	}
	r, size := utf8.DecodeLastRuneInString(text[:i])
	if size <= 1 {
		return false // invalid UTF-8
	}
	if charclass.ClosesQuote(r) {
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// closingQuote reports whether the ASCII quote at text[k] closes: it
// follows a character that is not white space and opens nothing.
func closingQuote(text string, k int) bool {
	if k == 0 {
		return false
	}
	if c := text[k-1]; c < utf8.RuneSelf {
		switch c {
		case '(', '[', '{', '<', '"', '\'':
			return false
		}
		return !asciiSpace[c]
	}
	r, size := utf8.DecodeLastRuneInString(text[:k])
	if size <= 1 {
		return false
	}
	return !charclass.OpensQuote(r) && !unicode.IsSpace(r)
}

// A token tracks the white-space-delimited token that ends at the last
// offset asked about, so that whether a "..", or a comma, sits in a URL,
// path or CSV-like token is known without rescanning it from its start:
// offsets are asked about in increasing order and each byte is looked at
// a bounded number of times, keeping the scan linear.
type token struct {
	started     bool // start and the flags are known
	start, upto int  // the token so far is text[start:upto]
	path        bool // it holds "/" or "\" (a URL or path)
	comma       bool // it holds a comma other than a digit-group separator
	www         bool // it starts, after opening brackets or quotes, with "www."
	// gone is the last range a fix deleted that the token has not yet
	// been scanned over: its commas do not count.
	gone lint.Span
}

// at moves the token on to end at pos.
func (t *token) at(text string, pos int) {
	if pos < t.upto { // not expected: the scanner moves forward
		*t = token{}
	}
	// Look back from pos for white space, but no further than upto: if
	// none, the token continues the one already seen.
	k := pos
	for k > t.upto {
		c := text[k-1]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				break
			}
			k--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(text[t.upto:k])
		if unicode.IsSpace(r) {
			break
		}
		k -= size
	}
	from := t.upto
	if k > t.upto || !t.started {
		*t = token{started: true, start: k, gone: t.gone}
		from = k
		t.www = startsWWW(text[k:])
	}
	for j := from; j < pos; j++ {
		switch text[j] {
		case '/', '\\':
			t.path = true
		case ',':
			if !groupSeparator(text, j) && (j < t.gone.Start || j >= t.gone.End) {
				t.comma = true
			}
		}
	}
	t.upto = pos
}

// startsWWW reports whether tok starts, after any opening brackets and
// quotes, with "www." in any case.
func startsWWW(tok string) bool {
	for len(tok) > 0 && (tok[0] == '(' || tok[0] == '[' || tok[0] == '<' || tok[0] == '"' || tok[0] == '\'') {
		tok = tok[1:]
	}
	return len(tok) >= 4 && tok[3] == '.' &&
		tok[0]|0x20 == 'w' && tok[1]|0x20 == 'w' && tok[2]|0x20 == 'w'
}

// groupSeparator reports whether the comma at text[j] separates digit
// groups, as in "2,500": a digit before it, exactly three after.
func groupSeparator(text string, j int) bool {
	if j == 0 || j+3 >= len(text) {
		return false
	}
	d := func(c byte) bool { return c >= '0' && c <= '9' }
	return d(text[j-1]) && d(text[j+1]) && d(text[j+2]) && d(text[j+3]) &&
		(j+4 == len(text) || !d(text[j+4]))
}
