package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// PrettyOptions controls Pretty.
type PrettyOptions struct {
	// Color adds ANSI colours: the severity in red, yellow or cyan, the
	// carets in the same colour, the margin dimmed.
	Color bool
	// Context is how many characters of the line are shown either side
	// of a finding's span; 0 means 40. Longer lines are cut with "…".
	Context int
}

// DefaultPrettyContext is the Context of PrettyOptions' zero value.
const DefaultPrettyContext = 40

const ansiYellow = "\x1b[33m"

// Pretty writes each finding of files as Text does (but with control
// characters in names and messages shown as in Color, line breaks as ␊),
// followed, as compilers show errors, by the line of the source it is on and a line of
// carets under its span:
//
//	story.txt:17:32: warning: stray double period: ".." → "." [punct.double-period]
//	   17 | …killed, the Pentagon said in a statement..
//	      |                                         ^^
//
// The line is cut to the span and opts.Context characters either side;
// a span running past the end of its line gets carets to the end and a
// note of where it ends. Control characters and invalid bytes are shown
// escaped as in Color, and so are invisible characters inside the span
// (⟨U+200B⟩), so that the carets point at something. Carets line up with
// wide (East Asian) characters, combining marks and tabs. A File without
// a Source gets the finding lines only.
func Pretty(w io.Writer, opts PrettyOptions, files ...File) error {
	if opts.Context <= 0 {
		opts.Context = DefaultPrettyContext
	}
	p := prettyWriter{w: bufio.NewWriter(w), opts: opts}
	for _, f := range files {
		maxLine := 0
		for i := range f.Findings {
			maxLine = max(maxLine, f.Findings[i].Line)
		}
		p.gutter = max(2, len(strconv.Itoa(maxLine)))
		for i := range f.Findings {
			p.finding(f.Path, f.Source, &f.Findings[i])
			p.suggestion(f.Source, &f.Findings[i])
		}
	}
	return p.w.Flush()
}

// A prettyWriter writes the findings of Pretty.
type prettyWriter struct {
	w      *bufio.Writer
	opts   PrettyOptions
	gutter int    // width of line numbers
	src    []byte // scratch: the source line shown
	marks  []byte // scratch: the caret line
}

// suggestion writes, under a finding with a suggested fix, a line
// that offers it: "   = suggestion: replace ".." with "." (not applied)".
func (p *prettyWriter) suggestion(src string, x *Finding) {
	s := suggestionOf(src, x)
	if s == "" {
		return
	}
	p.color(ansiDim)
	p.w.WriteString(strings.Repeat(" ", 1+p.gutter) + " = ")
	p.color(ansiReset)
	p.w.WriteString(s)
	p.w.WriteString(" (not applied)\n")
}

// color writes the escape code c if colours are on.
func (p *prettyWriter) color(c string) {
	if p.opts.Color {
		p.w.WriteString(c)
	}
}

func severityColor(s lint.Severity) string {
	switch s {
	case lint.Error:
		return ansiBold + ansiRed
	case lint.Warning:
		return ansiBold + ansiYellow
	}
	return ansiBold + ansiCyan
}

// finding writes one finding with its excerpt.
func (p *prettyWriter) finding(name, text string, x *Finding) {
	p.color(ansiBold)
	p.w.WriteString(SafeName(name))
	p.w.WriteByte(':')
	p.w.WriteString(strconv.Itoa(x.Line))
	p.w.WriteByte(':')
	p.w.WriteString(strconv.Itoa(x.Column))
	p.w.WriteString(": ")
	p.color(ansiReset + severityColor(x.Severity))
	p.w.WriteString(x.Severity.String())
	p.color(ansiReset)
	p.w.WriteString(": ")
	p.w.Write(appendSafe(p.src[:0], x.Message, false)) // line breaks too: ␊
	p.w.WriteString(" ")
	p.color(ansiDim)
	p.w.WriteByte('[')
	p.w.Write(appendSafe(p.src[:0], x.Rule, false))
	p.w.WriteByte(']')
	p.color(ansiReset)
	p.w.WriteByte('\n')
	start, end := x.Offset, x.EndOffset
	if text == "" || start < 0 || end < start || end > len(text) {
		return
	}
	ctx := p.opts.Context

	// The context before the span, back to the line's start or ctx characters.
	from, cut := start, false
	for n := 0; from > 0 && text[from-1] != '\n'; n++ {
		if n == ctx {
			cut = true
			break
		}
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	// The span, to the end of its line or at most 2*ctx characters.
	lineEnd := end
	if i := strings.IndexByte(text[start:end], '\n'); i >= 0 {
		lineEnd = start + i
	}
	spanEnd, spanCut := start, false
	for n := 0; spanEnd < lineEnd; n++ {
		if n == 2*ctx {
			spanCut = true
			break
		}
		_, size := utf8.DecodeRuneInString(text[spanEnd:])
		spanEnd += size
	}
	// The context after it.
	to, tail := spanEnd, false
	if !spanCut && lineEnd == end {
		for n := 0; to < len(text) && text[to] != '\n'; n++ {
			if n == ctx {
				tail = true
				break
			}
			_, size := utf8.DecodeRuneInString(text[to:])
			to += size
		}
	}

	p.src, p.marks = p.src[:0], p.marks[:0]
	if cut {
		p.src = append(p.src, "…"...)
		p.marks = append(p.marks, ' ')
	}
	p.src, p.marks = appendShown(p.src, p.marks, text[from:start], false, ' ')
	before := len(p.marks)
	span := text[start:spanEnd]
	if !spanCut && spanEnd < len(text) && text[spanEnd] == '\n' {
		span = strings.TrimSuffix(span, "\r") // a CRLF line end is not shown
	}
	p.src, p.marks = appendShown(p.src, p.marks, span, true, '^')
	if len(p.marks) == before {
		p.marks = append(p.marks, '^') // an empty span, or one that starts with a line break
	}
	if spanCut {
		p.src = append(p.src, "…"...)
		p.marks = append(p.marks, "…"...)
	}
	after := text[spanEnd:to]
	if !tail {
		after = strings.TrimSuffix(after, "\r") // a CRLF line end is not shown
	}
	p.src, _ = appendShown(p.src, nil, after, false, 0)
	if tail {
		p.src = append(p.src, "…"...)
	}

	p.color(ansiDim)
	num := strconv.Itoa(x.Line)
	p.w.WriteString(strings.Repeat(" ", 1+p.gutter-len(num)) + num + " | ")
	p.color(ansiReset)
	p.w.Write(p.src)
	p.w.WriteByte('\n')
	p.color(ansiDim)
	p.w.WriteString(strings.Repeat(" ", 1+p.gutter) + " | ")
	p.color(ansiReset)
	p.w.Write(p.marks[:before])
	p.color(severityColor(x.Severity))
	p.w.Write(p.marks[before:])
	p.color(ansiReset)
	if x.EndLine > x.Line && lineEnd < end {
		p.w.WriteString(" to " + strconv.Itoa(x.EndLine) + ":" + strconv.Itoa(x.EndColumn))
	}
	p.w.WriteByte('\n')
}

// appendShown appends s made safe for a terminal (see appendSafe) to src
// and, for each display cell it takes, mark to marks (a tab copies as a
// tab, so that it expands alike). A mark of 0 skips the marks.
func appendShown(src, marks []byte, s string, invisible bool, mark byte) ([]byte, []byte) {
	n := len(src)
	src = appendSafe(src, s, invisible)
	if mark == 0 {
		return src, marks
	}
	for _, r := range string(src[n:]) {
		switch {
		case r == '\t':
			marks = append(marks, '\t')
			if mark != ' ' {
				marks[len(marks)-1] = mark
			}
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
			// no cell of its own
		default:
			marks = append(marks, mark)
			if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
				marks = append(marks, mark)
			}
		}
	}
	return src, marks
}
