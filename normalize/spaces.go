package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/charclass"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// spacesStage removes repeated spaces between words of prose, trailing
// whitespace, a stray indentation of a prose paragraph's first line, and
// extra blank lines. Whitespace that carries layout (indented blocks,
// aligned columns, tables, justified text, list markers, two spaces
// after a sentence, form feeds) stays: see checkLine.
//
// Lines end at "\n", "\r\n" or a lone "\r". A paragraph starts at the
// start of the text and after a blank line, one that is empty or holds
// only spaces and tabs. Only U+0020 spaces and tabs count as whitespace
// here: the chars stage, which runs before, turns the other Unicode
// spaces into U+0020.
//
// The first three rules work on disjoint parts of a line (before its
// first non-whitespace byte, between its first and last, after its last),
// and none of them changes which lines are blank. The fourth,
// space.blank-lines, deletes only the line endings of blank lines: those
// of all but one between two paragraphs, and all of those before the
// first line of text and after the last (the text's final line ending
// stays, and a missing one stays missing; CRLF stays CRLF). So each rule
// may be switched off without leaving work for the others.
type spacesStage struct{}

func (spacesStage) Name() string { return "spaces" }

func (spacesStage) Rules() []lint.Rule { return rulesCopy(spacesRules) }

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// indexFrom returns the index of the first c in text[from:], or len(text).
func indexFrom(text string, from int, c byte) int {
	if k := strings.IndexByte(text[from:], c); k >= 0 {
		return from + k
	}
	return len(text)
}

// Check scans text twice: once to count the findings, once to make them
// in a block of that size. A text of many short runs ("a  a  a …" has a
// finding every three bytes) then costs one allocation and no copies,
// where appending would copy the findings at each doubling and leave up
// to half the block empty.
func (spacesStage) Check(text string) []lint.Finding {
	var out spaceFindings
	scanSpaces(text, &out)
	if out.n == 0 {
		return nil
	}
	out.fs = make([]lint.Finding, 0, out.n)
	out.edits.buf = make([]lint.Edit, 0, out.n)
	scanSpaces(text, &out)
	return out.fs
}

// CheckEach hands the findings of Check to sink, one at a time and in
// the same order, after it has told it how many there are: a caller
// that keeps them in its own form (the pipeline) does not hold them
// twice. Their fixes are cut from one block, which stays the caller's.
func (spacesStage) CheckEach(text string, sink lint.FindingSink) {
	var out spaceFindings
	scanSpaces(text, &out)
	sink.Reserve(out.n)
	if out.n == 0 {
		return
	}
	out.sink = sink
	out.edits.buf = make([]lint.Edit, 0, out.n)
	scanSpaces(text, &out)
}

// spaceFindings is where scanSpaces puts what it finds: it hands them to
// sink if set, else appends them to fs if not nil, else only counts them
// in n.
type spaceFindings struct {
	n     int
	fs    []lint.Finding
	sink  lint.FindingSink
	edits editBlock
	// indentedParas counts the paragraphs whose first line is
	// indented, once indentedKnown (see strayIndent).
	indentedParas int
	indentedKnown bool
}

// add adds the info finding of rule at sp, whose fix is fix; msg makes
// its message, called only when the findings are made, not counted.
func (o *spaceFindings) add(rule string, sp lint.Span, fix lint.Edit, msg func() string) {
	o.addFix(rule, sp, fix, msg, false)
}

// addFix is add with the fix marked as a suggestion if suggest is set.
func (o *spaceFindings) addFix(rule string, sp lint.Span, fix lint.Edit, msg func() string, suggest bool) {
	if o.fs == nil && o.sink == nil {
		o.n++
		return
	}
	f := lint.Finding{
		Rule:     rule,
		Severity: lint.Info,
		Span:     sp,
		Message:  msg(),
		Fix:      o.edits.one(fix),
		Suggest:  suggest,
	}
	if o.sink != nil {
		o.sink.Add(f)
		return
	}
	o.fs = append(o.fs, f)
}

// scanSpaces gives out the findings of text, in order.
func scanSpaces(text string, out *spaceFindings) {
	// nextLF and nextCR cache the next "\n" and "\r" at or after the
	// line start (len(text) for none), so each byte is scanned once.
	nextLF, nextCR := -1, -1
	paraStart := true // the next line starts a paragraph
	run := blankRun{start: -1}
	for ls := 0; ls <= len(text); {
		if nextLF < ls {
			nextLF = indexFrom(text, ls, '\n')
		}
		if nextCR < ls {
			nextCR = indexFrom(text, ls, '\r')
		}
		// The line is text[ls:le]; its ending is text[le:next].
		le := min(nextLF, nextCR)
		next := le + 1
		if le < len(text) && text[le] == '\r' && next < len(text) && text[next] == '\n' {
			next++
		}
		if blankLine(text, ls, le) {
			// Blank lines are judged together, once the run ends.
			paraStart = true
			if ls < len(text) {
				if run.start < 0 {
					run.start = ls
				}
				run.lines++
			}
		} else {
			run.flush(text, !run.text, false, out)
			run.text = true
			checkLine(text, ls, le, next, &paraStart, out)
		}
		ls = next
	}
	run.flush(text, !run.text, true, out)
}

// blankLine reports whether text[ls:le] holds only spaces and tabs.
func blankLine(text string, ls, le int) bool {
	for i := ls; i < le; i++ {
		if !isBlank(text[i]) {
			return false
		}
	}
	return true
}

// A blankRun is a run of blank lines: lines of them from the one at
// start. text says whether a line of text came before it.
type blankRun struct {
	start, lines int
	text         bool
}

// flush gives out the findings of the run, if any, and empties it: the
// whitespace of each line, and the line endings of all its lines but the
// last (all of them at the start or end of the text, first or last; none
// when the text holds nothing but blank lines, first and last).
func (r *blankRun) flush(text string, first, last bool, out *spaceFindings) {
	if r.start < 0 {
		return
	}
	keepEndings := first && last // nothing but blank lines: they stay
	pend := lint.Span{Start: -1} // endings to delete, merged while they touch
	pendLines := 0
	emit := func() {
		if pend.Start < 0 {
			return
		}
		n := pendLines
		msg := func() string { return blankLinesMessage(n, first, last) }
		deletion(out, RuleBlankLines, pend.Start, pend.End, msg)
		pend.Start, pendLines = -1, 0
	}
	ls := r.start
	for k := 0; k < r.lines; k++ {
		le := ls
		for le < len(text) && isBlank(text[le]) {
			le++
		}
		next := le
		if next < len(text) && text[next] == '\r' {
			next++
		}
		if next < len(text) && text[next] == '\n' && (next == le || text[next-1] == '\r') {
			next++
		}
		if le > ls {
			emit()
			deletion(out, RuleTrailingSpace, ls, le, func() string {
				return "whitespace-only line emptied (" + blankCount(text[ls:le]) + ")"
			})
		}
		if next > le && !keepEndings && (k < r.lines-1 || first || last) {
			if pend.Start < 0 {
				pend.Start = le
			}
			pend.End = next
			pendLines++
		}
		ls = next
	}
	emit()
	r.start, r.lines = -1, 0
}

// blankLinesMessage describes the removal of n blank lines: between
// paragraphs, or before the first line (first) or after the last (last)
// of the text.
func blankLinesMessage(n int, first, last bool) string {
	switch {
	case first:
		return plural(n, "blank line") + " before the first line removed"
	case last:
		return plural(n, "blank line") + " after the last line removed"
	}
	return plural(n, "extra blank line") + " removed: one separates paragraphs"
}

// checkLine gives out the findings for the line text[ls:le], which is not
// blank (blank lines are blankRun's); the next line starts at next.
//
// Whitespace that carries layout is left alone; only whitespace that is
// an accident in running prose is fixed (see strayIndent and
// repeatedVerdict).
func checkLine(text string, ls, le, next int, paraStart *bool, out *spaceFindings) {
	f := ls
	for f < le && isBlank(text[f]) {
		f++
	}
	if *paraStart && f > ls && strayIndent(text, ls, f, le, next, out) {
		deletion(out, RuleLeadingSpace, ls, f, func() string { return describeBlank(leading, text[ls:f]) })
	}
	*paraStart = false
	l := le
	for isBlank(text[l-1]) {
		l--
	}
	// Repeated spaces strictly between the first and last visible bytes.
	inner := text[f:l]
	if layoutRuns(inner, 2) >= 2 {
		inner = "" // two runs or more: a table row or justified text
	}
	ne := -1 // the end of the next line, once needed
	for j := 0; ; {
		k := strings.Index(inner[j:], "  ")
		if k < 0 {
			break
		}
		s := j + k
		e := s + 2
		for inner[e] == ' ' {
			e++
		}
		if ne < 0 {
			ne = lineEnd(text, min(next, len(text)))
		}
		if v := repeatedVerdict(text, ls, le, next, ne, f+s, f+e); v != keepLayout {
			out.addFix(RuleRepeatedSpace, lint.Span{Start: f + s, End: f + e},
				lint.Edit{Span: lint.Span{Start: f + s + 1, End: f + e}},
				func() string { return repeatedMessage(e-s, v == suggestLayout) }, v == suggestLayout)
		}
		j = e
	}
	if l < le {
		deletion(out, RuleTrailingSpace, l, le, func() string { return describeBlank(trailing, text[l:le]) })
	}
}

// strayIndent reports whether the indentation text[ls:f] of a
// paragraph's first line text[ls:le] is an accident of running prose, to
// be removed: one to three spaces (no tab) before a letter, digit or
// quote, on a paragraph whose next line (from next), if any, is not
// indented, in a text where no other paragraph starts indented. An
// indented block, a list item ("  * change"), a Debian changelog's
// trailer (" -- name"), a signature (" Name <address>"), a poem or a text
// that indents its paragraphs keeps its indentation.
func strayIndent(text string, ls, f, le, next int, out *spaceFindings) bool {
	if f-ls > 3 || strings.IndexByte(text[ls:f], '\t') >= 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[f:le])
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !charclass.IsQuote(r) {
		return false
	}
	if next < len(text) && isBlank(text[next]) && !blankLine(text, next, lineEnd(text, next)) {
		return false // the next line is indented too: a block
	}
	if signatureLine(text[f:le]) {
		return false
	}
	if !out.indentedKnown {
		out.indentedKnown = true
		out.indentedParas = indentedParagraphs(text)
	}
	return out.indentedParas < 2
}

// signatureLine reports whether line ends with an e-mail address in
// angle brackets ("Craig Small <csmall@debian.org>"): a signature, which
// Debian's README.Debian and changelog trailers set off with a space.
func signatureLine(line string) bool {
	line = strings.TrimRight(line, " \t")
	if !strings.HasSuffix(line, ">") {
		return false
	}
	i := strings.LastIndexByte(line, '<')
	return i > 0 && strings.IndexByte(line[i:], '@') > 0 && strings.IndexByte(line[i:], ' ') < 0
}

// lineEnd returns the offset of the line ending after ls, or len(text).
func lineEnd(text string, ls int) int {
	for i := ls; i < len(text); i++ {
		if text[i] == '\n' || text[i] == '\r' {
			return i
		}
	}
	return len(text)
}

// indentedParagraphs counts the paragraphs whose first line starts with
// a space or a tab. A first line equal to the one counted before does
// not count again: the dedupe stage, which runs later, may remove a
// paragraph pasted twice, and that must not change the count.
func indentedParagraphs(text string) int {
	n := 0
	para := true
	last := ""
	for ls := 0; ls < len(text); {
		le := lineEnd(text, ls)
		if blankLine(text, ls, le) {
			para = true
		} else {
			if para && isBlank(text[ls]) && text[ls:le] != last {
				n++
				last = text[ls:le]
			}
			para = false
		}
		ls = le + 1
		if le+1 < len(text) && text[le] == '\r' && text[le+1] == '\n' {
			ls++
		}
	}
	return n
}

// A layoutVerdict says what to do with a run of repeated spaces.
type layoutVerdict uint8

const (
	fixLayout     layoutVerdict = iota // an accident of prose: fixed
	suggestLayout                      // perhaps: a suggestion
	keepLayout                         // layout: left alone
)

// repeatedVerdict judges the run of spaces text[s:e] inside the line
// text[ls:le] (the next line is text[next:ne]). It is layout, left alone:
//   - on a line indented by four columns or more, or by a tab: a
//     preformatted block, a man page, a changelog's continuation;
//   - after a full stop, "!", "?" or ":", also behind a closing quote or
//     bracket (two spaces after a sentence are a convention);
//   - on a line that holds a mail address in angle brackets (a GNU
//     ChangeLog header, a THANKS or AUTHORS record);
//   - after a token that looks like code (charclass.CodeToken) or a
//     number with a full stop (a version): they set a description apart;
//   - after the first token of the line if that token is not a word
//     ("2005-05-26  Jane Doe", "-nl    text", "%y   text");
//   - before a one-digit number, padded to two columns ("Oct  4");
//   - when the line before or after holds repeated spaces too
//     (justified text, a table);
//   - after a list marker that starts the line ("*  item", "1.  item");
//   - on a Debian changelog's trailer line (" -- name <mail>  date"),
//     whose format asks for two spaces before the date;
//   - when the word after it starts at the column where a word of the
//     line before or after starts (aligned columns, a hanging indent).
//
// Two spaces between two words of a sentence (a letter, digit or
// closing quote, or a comma or semicolon, before; a letter, digit or
// opening quote after) are fixed; other runs are a suggestion.
func repeatedVerdict(text string, ls, le, next, ne, s, e int) layoutVerdict {
	if sentenceEnd(text[ls:s]) {
		return keepLayout
	}
	f := ls
	for f < s && isBlank(text[f]) {
		f++
	}
	if f-ls >= 4 || strings.IndexByte(text[ls:f], '\t') >= 0 {
		return keepLayout
	}
	if first := text[f:s]; strings.IndexByte(first, ' ') < 0 && termToken(first) {
		return keepLayout
	}
	if e+1 <= le && isDigit(text[e]) && (e+1 == le || !isDigit(text[e+1])) {
		return keepLayout // a number padded to two columns: "Tue Oct  4 20:37"
	}
	if marker(text[ls:s]) || strings.HasPrefix(text[ls:le], " -- ") {
		return keepLayout // a list item; a Debian changelog's trailer line
	}
	if mailLine(text[ls:le]) {
		return keepLayout // "Fri Dec 21 23:00:00 2012  Jane Doe <jane@example.org>"
	}
	if ts := tokenStart(text, ls, s); charclass.CodeToken(text[ts:s]) || numberWithDot(text[ts:s]) {
		return keepLayout // "fuser -a /a /b  no longer", "1.2.1 -> 1.2.2  Jan 1996"
	}
	col := column(text[ls:e])
	ps, pe, hasPrev := prevLine(text, ls)
	if hasPrev && (wordStartsAt(text[ps:pe], col) || innerRun(text[ps:pe])) {
		return keepLayout
	}
	if next < len(text) && (wordStartsAt(text[next:ne], col) || innerRun(text[next:ne])) {
		return keepLayout
	}
	if e-s > 2 || !proseBefore(text[:s]) || !proseAfter(text[e:le]) {
		return suggestLayout
	}
	return fixLayout
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// termToken reports whether tok, the first token of a line, is the term
// of a definition or a record rather than a word of a sentence: it holds
// a digit ("2005-05-26", "v1.2"), a backslash or backtick ("'\\c'"), or
// starts with a sign ("-nl", "%y", "+x", "/path", "$VAR", "@user", "#1").
func termToken(tok string) bool {
	if tok == "" {
		return false
	}
	if strings.IndexByte("-%+/$@#", tok[0]) >= 0 {
		return true
	}
	return strings.ContainsAny(tok, "0123456789\\`")
}

// sentenceEnd reports whether s ends a sentence: a full stop, "!", "?"
// or ":", perhaps behind closing quotes, brackets or emphasis marks
// ("done.\"", "(see below.)", "GITHUB.***").
func sentenceEnd(s string) bool {
	for n := 0; s != "" && n < 8; n++ {
		r, size := utf8.DecodeLastRuneInString(s)
		switch {
		case r == '.' || r == '!' || r == '?' || r == ':':
			return true
		case r == '"' || r == '\'' || r == ')' || r == ']' || r == '*' || r == '_' || charclass.ClosesQuote(r):
			s = s[:len(s)-size]
			continue
		}
		return false
	}
	return false
}

// mailLine reports whether line holds a mail address in angle brackets.
func mailLine(line string) bool {
	lt := strings.IndexByte(line, '<')
	if lt < 0 {
		return false
	}
	at := strings.IndexByte(line[lt:], '@')
	return at > 0 && strings.IndexByte(line[lt+at:], '>') > 0
}

// tokenStart returns the start of the token that ends at s, no further
// back than ls or 64 bytes.
func tokenStart(text string, ls, s int) int {
	k := s
	for k > ls && s-k < 64 && text[k-1] != ' ' && text[k-1] != '\t' {
		k--
	}
	return k
}

// numberWithDot reports whether tok holds a digit, a full stop and a
// digit in a row: a version or a decimal number.
func numberWithDot(tok string) bool {
	for i := 1; i+1 < len(tok); i++ {
		if tok[i] == '.' && isDigit(tok[i-1]) && isDigit(tok[i+1]) {
			return true
		}
	}
	return false
}

// innerRun reports whether line holds two spaces in a row after its
// indentation, within maxColumnLook bytes (see layoutRuns).
func innerRun(line string) bool {
	if len(line) > maxColumnLook {
		line = line[:maxColumnLook]
	}
	line = strings.TrimLeft(line, " \t")
	line = strings.TrimRight(line, " \t")
	return layoutRuns(line, 1) > 0
}

// layoutRuns counts, up to max, the runs of two spaces or more in s that
// may be layout: those before a , . ; ! or ? are left out, since the
// punctuation stage, which runs later, may remove them ("word  ,"), and
// a run it removes must not change what this stage decides about the
// others (a second run would then find work).
func layoutRuns(s string, max int) int {
	n := 0
	for j := 0; n < max; {
		k := strings.Index(s[j:], "  ")
		if k < 0 {
			break
		}
		e := j + k + 2
		for e < len(s) && s[e] == ' ' {
			e++
		}
		if e == len(s) || strings.IndexByte(",.;!?", s[e]) < 0 {
			n++
		}
		j = e
	}
	return n
}

// proseBefore reports whether s ends as a word of a sentence does before
// a space: a letter, digit, closing quote, comma or semicolon.
func proseBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == ',' || r == ';' || charclass.ClosesQuote(r) || r == '"' || r == '\''
}

// proseAfter reports whether s starts as a word of a sentence does: a
// letter, digit or opening quote.
func proseAfter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || charclass.OpensQuote(r) || r == '"' || r == '\''
}

// marker reports whether s, the start of a line up to a run of spaces,
// is a list marker after any indentation: "*", "-", "+", "•", "1.",
// "a)", "(1)".
func marker(s string) bool {
	s = strings.TrimLeft(s, " \t")
	switch s {
	case "*", "-", "+", "•", "o", "--", "–":
		return true
	}
	if len(s) < 2 || len(s) > 5 {
		return false
	}
	last := s[len(s)-1]
	if last != '.' && last != ')' {
		return false
	}
	body := strings.TrimPrefix(s[:len(s)-1], "(")
	for i := 0; i < len(body); i++ {
		c := body[i]
		if !('0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z') {
			return false
		}
	}
	return body != ""
}

// maxColumnLook bounds how far into a line column and wordStartsAt read:
// alignment beyond it is not looked for, which keeps the stage linear.
const maxColumnLook = 512

// column returns the display column at the end of line, a line's start
// up to some offset: characters count one, a tab moves to the next
// multiple of eight.
func column(line string) int {
	if len(line) > maxColumnLook {
		return -1
	}
	c := 0
	for _, r := range line {
		if r == '\t' {
			c = c/8*8 + 8
			continue
		}
		c++
	}
	return c
}

// wordStartsAt reports whether a visible character of line starts at
// display column col, after a space or tab or at the start of the line.
func wordStartsAt(line string, col int) bool {
	if col < 0 {
		return false
	}
	c := 0
	prevBlank := true
	for i, r := range line {
		if i > maxColumnLook || c > col {
			return false
		}
		blank := r == ' ' || r == '\t'
		if c == col {
			return !blank && prevBlank
		}
		if r == '\t' {
			c = c/8*8 + 8
		} else {
			c++
		}
		prevBlank = blank
	}
	return false
}

// prevLine returns the bounds of the line before the one that starts at
// ls, if there is one and it is not blank.
func prevLine(text string, ls int) (int, int, bool) {
	if ls == 0 {
		return 0, 0, false
	}
	pe := ls - 1
	if text[pe] == '\n' && pe > 0 && text[pe-1] == '\r' {
		pe--
	}
	ps := pe
	for ps > 0 && text[ps-1] != '\n' && text[ps-1] != '\r' && pe-ps < maxColumnLook {
		ps--
	}
	if blankLine(text, ps, pe) {
		return 0, 0, false
	}
	return ps, pe, true
}

// deletion gives out an info finding whose fix deletes text[start:end].
func deletion(out *spaceFindings, rule string, start, end int, msg func() string) {
	sp := lint.Span{Start: start, End: end}
	out.add(rule, sp, lint.Edit{Span: sp}, msg)
}

// Where removed whitespace was, for describeBlank.
const (
	leading = iota
	trailing
)

// cachedMessages is how many of the commonest messages are kept ready.
const cachedMessages = 16

var (
	// blankMessages[where][tab][n] describes the removal of n spaces
	// (tab 0) or n tabs (tab 1).
	blankMessages [2][2][cachedMessages]string
	// repeatedMessages[n] describes the collapse of n spaces.
	repeatedMessages [cachedMessages]string
)

func init() {
	for n := 1; n < cachedMessages; n++ {
		for where := range blankMessages {
			blankMessages[where][0][n] = blankMessage(where, strings.Repeat(" ", n))
			blankMessages[where][1][n] = blankMessage(where, strings.Repeat("\t", n))
		}
		repeatedMessages[n] = plural(n, "space") + " collapsed to one"
	}
}

// repeatedMessage describes the collapse of n spaces: "2 spaces
// collapsed to one", or as a suggestion "3 spaces: collapse to one
// unless they align text".
func repeatedMessage(n int, suggest bool) string {
	if suggest {
		return plural(n, "space") + " between words: collapse to one unless they align text"
	}
	if n < cachedMessages {
		return repeatedMessages[n]
	}
	return plural(n, "space") + " collapsed to one"
}

// describeBlank describes the removal of the whitespace s, found where
// (leading or trailing): "trailing space removed", "4 leading spaces
// removed", "trailing whitespace removed (1 space, 1 tab)".
func describeBlank(where int, s string) string {
	if n := len(s); n < cachedMessages {
		if s[0] == ' ' && s[n-1] == ' ' && strings.IndexByte(s, '\t') < 0 {
			return blankMessages[where][0][n]
		}
		if s[0] == '\t' && s[n-1] == '\t' && strings.IndexByte(s, ' ') < 0 {
			return blankMessages[where][1][n]
		}
	}
	return blankMessage(where, s)
}

func blankMessage(where int, s string) string {
	w := "leading"
	if where == trailing {
		w = "trailing"
	}
	tabs := strings.Count(s, "\t")
	spaces := len(s) - tabs
	switch {
	case tabs == 0 && spaces == 1:
		return w + " space removed"
	case tabs == 0:
		return plural(spaces, w+" space") + " removed"
	case spaces == 0 && tabs == 1:
		return w + " tab removed"
	case spaces == 0:
		return plural(tabs, w+" tab") + " removed"
	}
	return w + " whitespace removed (" + blankCount(s) + ")"
}

// blankCount counts the spaces and tabs of s: "2 spaces, 1 tab".
func blankCount(s string) string {
	tabs := strings.Count(s, "\t")
	spaces := len(s) - tabs
	switch {
	case tabs == 0:
		return plural(spaces, "space")
	case spaces == 0:
		return plural(tabs, "tab")
	}
	return plural(spaces, "space") + ", " + plural(tabs, "tab")
}
