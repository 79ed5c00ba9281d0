package normalize

import (
	"strings"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// spacesStage removes repeated spaces inside a line, trailing whitespace
// and the indentation of a paragraph's first line.
//
// Lines end at "\n", "\r\n" or a lone "\r"; line endings are never
// changed. A paragraph starts at the start of the text and after a blank
// line, one that is empty or holds only spaces and tabs. Only U+0020
// spaces and tabs count as whitespace here: the chars stage, which runs
// before, turns the other Unicode spaces into U+0020.
//
// The three rules work on disjoint parts of a line (before its first
// non-whitespace byte, between its first and last, after its last), and
// none of them changes which lines are blank, so each may be switched off
// without leaving work for the others.
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

func (spacesStage) Check(text string) []lint.Finding {
	var (
		fs    []lint.Finding
		edits editBlock
	)
	// nextLF and nextCR cache the next "\n" and "\r" at or after the
	// line start (len(text) for none), so each byte is scanned once.
	nextLF, nextCR := -1, -1
	paraStart := true // the next line starts a paragraph
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
		fs = checkLine(text, ls, le, &paraStart, fs, &edits)
		ls = next
	}
	return fs
}

// checkLine appends the findings for the line text[ls:le].
func checkLine(text string, ls, le int, paraStart *bool, fs []lint.Finding, edits *editBlock) []lint.Finding {
	if ls == le {
		*paraStart = true
		return fs
	}
	f := ls
	for f < le && isBlank(text[f]) {
		f++
	}
	if f == le {
		// A blank line: its whitespace goes, and a paragraph follows.
		*paraStart = true
		return append(fs, deletion(RuleTrailingSpace, ls, le,
			"whitespace-only line emptied ("+blankCount(text[ls:le])+")", edits))
	}
	if *paraStart && f > ls {
		fs = append(fs, deletion(RuleLeadingSpace, ls, f, describeBlank(leading, text[ls:f]), edits))
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
		fs = append(fs, lint.Finding{
			Rule:     RuleRepeatedSpace,
			Severity: lint.Info,
			Span:     lint.Span{Start: f + s, End: f + e},
			Message:  repeatedMessage(e - s),
			Fix:      edits.one(lint.Edit{Span: lint.Span{Start: f + s + 1, End: f + e}}),
		})
		j = e
	}
	if l < le {
		fs = append(fs, deletion(RuleTrailingSpace, l, le, describeBlank(trailing, text[l:le]), edits))
	}
	return fs
}

// deletion returns an info finding whose fix deletes text[start:end].
func deletion(rule string, start, end int, msg string, edits *editBlock) lint.Finding {
	sp := lint.Span{Start: start, End: end}
	return lint.Finding{
		Rule:     rule,
		Severity: lint.Info,
		Span:     sp,
		Message:  msg,
		Fix:      edits.one(lint.Edit{Span: sp}),
	}
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
