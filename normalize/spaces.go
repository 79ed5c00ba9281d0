package normalize

import (
	"strings"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// spacesStage removes repeated spaces inside a line, trailing whitespace,
// the indentation of a paragraph's first line, and extra blank lines.
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
}

// add adds the info finding of rule at sp, whose fix is fix; msg makes
// its message, called only when the findings are made, not counted.
func (o *spaceFindings) add(rule string, sp lint.Span, fix lint.Edit, msg func() string) {
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
			checkLine(text, ls, le, &paraStart, out)
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
// blank (blank lines are blankRun's).
func checkLine(text string, ls, le int, paraStart *bool, out *spaceFindings) {
	f := ls
	for f < le && isBlank(text[f]) {
		f++
	}
	if *paraStart && f > ls {
		deletion(out, RuleLeadingSpace, ls, f, func() string { return describeBlank(leading, text[ls:f]) })
	}
	*paraStart = false
	l := le
	for isBlank(text[l-1]) {
		l--
	}
	// Repeated spaces strictly between the first and last visible bytes.
	inner := text[f:l]
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
		out.add(RuleRepeatedSpace, lint.Span{Start: f + s, End: f + e},
			lint.Edit{Span: lint.Span{Start: f + s + 1, End: f + e}},
			func() string { return repeatedMessage(e - s) })
		j = e
	}
	if l < le {
		deletion(out, RuleTrailingSpace, l, le, func() string { return describeBlank(trailing, text[l:le]) })
	}
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

// repeatedMessage describes the collapse of n spaces:
// "2 spaces collapsed to one".
func repeatedMessage(n int) string {
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
