package report

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// suggestionNote is how the line formats call a suggestion: a fix the
// rule is not sure of, shown for a person to accept and left out of the
// cleaned text.
const suggestionNote = "suggestion"

// maxShown is how many characters of a text an edit's description
// shows before it cuts the text short with "…".
const maxShown = 40

// describeEdits describes edits of src for a person, in Go's quoted
// form so that no control or invisible character is shown raw:
// `replace ".." with "."`, `delete " "`, `insert ","`, several joined
// with "; ". An edit outside src (a File without its Source) is
// described by its new text alone.
func describeEdits(src string, edits []Edit) string {
	var b strings.Builder
	for i, e := range edits {
		if i > 0 {
			b.WriteString("; ")
		}
		old, known := "", e.Offset >= 0 && e.Offset <= e.EndOffset && e.EndOffset <= len(src)
		if known {
			old = src[e.Offset:e.EndOffset]
		}
		switch {
		case !known && e.New == "":
			b.WriteString("delete bytes ")
			b.WriteString(strconv.Itoa(e.Offset))
			b.WriteString("–")
			b.WriteString(strconv.Itoa(e.EndOffset))
		case !known:
			b.WriteString("change to ")
			b.WriteString(shownQuoted(e.New))
		case old == "":
			b.WriteString("insert ")
			b.WriteString(shownQuoted(e.New))
		case e.New == "":
			b.WriteString("delete ")
			b.WriteString(shownQuoted(old))
		default:
			b.WriteString("replace ")
			b.WriteString(shownQuoted(old))
			b.WriteString(" with ")
			b.WriteString(shownQuoted(e.New))
		}
	}
	return b.String()
}

// suggestionOf returns "suggestion: " and the description of x's
// suggested edits, or "" if it has none.
func suggestionOf(src string, x *Finding) string {
	if len(x.Suggestion) == 0 {
		return ""
	}
	return suggestionNote + ": " + describeEdits(src, x.Suggestion)
}

// shownQuoted quotes s as Go does (controls, invisible and bidi
// characters escaped), cut to maxShown characters.
func shownQuoted(s string) string {
	if utf8.RuneCountInString(s) > maxShown {
		n := 0
		for i := range s {
			if n == maxShown {
				return strconv.Quote(s[:i]) + "…"
			}
			n++
		}
	}
	return strconv.Quote(s)
}
