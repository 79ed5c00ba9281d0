package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// Diffs returns the sorted, non-overlapping edits of original as go-diff
// segments: the unchanged text, then for each edit the deleted and the
// inserted text. Joining the equal and delete segments gives original;
// joining the equal and insert segments gives the edited text. It
// returns nil if the edits are invalid.
//
// The segments can be rendered with go-diff's own functions, such as
// DiffPrettyText, without DiffMain's time limit or its approximations.
func Diffs(original string, edits []lint.Edit) []diffmatchpatch.Diff {
	if lint.ValidateEdits(edits, len(original)) != nil {
		return nil
	}
	out := make([]diffmatchpatch.Diff, 0, 3*len(edits)+1)
	last := 0
	for _, e := range edits {
		if e.Start > last {
			out = append(out, diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: original[last:e.Start]})
		}
		if e.End > e.Start {
			out = append(out, diffmatchpatch.Diff{Type: diffmatchpatch.DiffDelete, Text: original[e.Start:e.End]})
		}
		if e.New != "" {
			out = append(out, diffmatchpatch.Diff{Type: diffmatchpatch.DiffInsert, Text: e.New})
		}
		last = e.End
	}
	if last < len(original) {
		out = append(out, diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: original[last:]})
	}
	return out
}

// ANSI escapes used by Color.
const (
	ansiReset   = "\x1b[0m"
	ansiBold    = "\x1b[1m"
	ansiDim     = "\x1b[2m"
	ansiRed     = "\x1b[31m"
	ansiGreen   = "\x1b[32m"
	ansiCyan    = "\x1b[36m"
	ansiRedBg   = "\x1b[41m"
	ansiGreenBg = "\x1b[42m"
)

// Color writes a word diff of r for a terminal, with ANSI colours: a
// bold header with name, then each changed line of the original with its
// line number in the margin, deleted text in red and inserted text in
// green inline, and after the line the ids of the rules that changed it.
// Changed text that is only white space gets a coloured background, and
// invisible characters in changed text (format characters such as
// U+200B, non-ASCII spaces such as U+00A0) are spelled out as ⟨U+200B⟩;
// control characters and invalid bytes are always shown escaped, so the
// input cannot drive the terminal. A deleted or inserted line break is
// shown as ↵. Nothing is written when the changes leave the text as it
// was.
func Color(w io.Writer, name string, r *pipeline.Result) error {
	if len(r.Changes) == 0 {
		return nil
	}
	edits := r.Edits()
	if err := lint.ValidateEdits(edits, len(r.Original)); err != nil {
		return err
	}
	if same(r.Original, edits) {
		return nil
	}
	edits = slideToLines(r.Original, edits)
	rs := lineRegions(r.Original, edits)
	if len(rs) == 0 {
		return nil
	}
	c := colorizer{
		w:      bufio.NewWriterSize(w, 64<<10),
		text:   r.Original,
		result: r,
		width:  max(4, len(strconv.Itoa(rs[len(rs)-1].endLine()+1))),
	}
	c.w.WriteString(ansiBold + SafeName(name) + ansiReset + "\n")
	gap := ansiDim + strings.Repeat(" ", c.width) + " ┊" + ansiReset + "\n"
	for k := range rs {
		if k > 0 && rs[k].line > rs[k-1].endLine() {
			c.w.WriteString(gap)
		}
		c.region(&rs[k], edits)
	}
	return c.w.Flush()
}

// A colorizer writes the display lines of Color.
type colorizer struct {
	w      *bufio.Writer
	text   string
	result *pipeline.Result
	width  int // of the line number margin

	num     []byte   // scratch space for the margin
	line    []byte   // the display line being built
	rules   []string // rule ids of the changes on it
	lineNo  int      // original line number at its start, 0 after an inserted break
	oldLine int      // original line number at the current point
}

// region writes the display lines of one region.
func (c *colorizer) region(r *lineRegion, edits []lint.Edit) {
	c.oldLine = r.line + 1
	c.lineNo = c.oldLine
	pos := r.start
	for k := r.first; k < r.last; k++ {
		e := edits[k]
		c.segment(c.text[pos:e.Start], diffmatchpatch.DiffEqual, -1)
		c.segment(c.text[e.Start:e.End], diffmatchpatch.DiffDelete, k)
		c.segment(e.New, diffmatchpatch.DiffInsert, k)
		pos = e.End
	}
	c.segment(c.text[pos:r.end], diffmatchpatch.DiffEqual, -1)
	if len(c.line) > 0 || len(c.rules) > 0 {
		c.flush()
	}
}

// addRules notes the rules of change k on the current display line.
func (c *colorizer) addRules(k int) {
	ch := c.result.Changes[k]
	for _, f := range ch.Findings {
		if f < 0 || f >= len(c.result.Findings) {
			continue
		}
		id := c.result.Findings[f].Rule
		known := false
		for _, r := range c.rules {
			if r == id {
				known = true
				break
			}
		}
		if !known {
			c.rules = append(c.rules, id)
		}
	}
}

// segment adds text of one kind, from change k (or -1 for unchanged
// text), ending display lines at its line breaks.
func (c *colorizer) segment(s string, op diffmatchpatch.Operation, k int) {
	for s != "" {
		i := strings.IndexByte(s, '\n')
		part := s
		if i >= 0 {
			part = s[:i]
		}
		if k >= 0 {
			c.addRules(k)
		}
		c.add(part, op, i >= 0)
		if i < 0 {
			return
		}
		s = s[i+1:]
		if op != diffmatchpatch.DiffInsert {
			c.oldLine++
		}
		c.flush()
		if op == diffmatchpatch.DiffInsert {
			c.lineNo = 0
		} else {
			c.lineNo = c.oldLine
		}
	}
}

// add appends part to the display line in the colour of op, and a ↵ if
// a line break follows it in changed text.
func (c *colorizer) add(part string, op diffmatchpatch.Operation, brk bool) {
	if op == diffmatchpatch.DiffEqual {
		if brk {
			part = strings.TrimSuffix(part, "\r") // a CRLF line end is not shown
		}
		c.line = appendSafe(c.line, part, false)
		return
	}
	color := ansiRed
	if op == diffmatchpatch.DiffInsert {
		color = ansiGreen
	}
	if part != "" && strings.TrimFunc(part, unicode.IsSpace) == "" {
		color = ansiRedBg
		if op == diffmatchpatch.DiffInsert {
			color = ansiGreenBg
		}
	}
	c.line = append(c.line, color...)
	c.line = appendSafe(c.line, part, true)
	if brk {
		c.line = append(c.line, "↵"...)
	}
	c.line = append(c.line, ansiReset...)
}

// flush writes the display line with its margin and rules.
func (c *colorizer) flush() {
	c.w.WriteString(ansiDim)
	n := c.num[:0]
	if c.lineNo > 0 {
		n = strconv.AppendInt(n, int64(c.lineNo), 10)
	} else {
		n = append(n, '+')
	}
	for pad := c.width - len(n); pad > 0; pad-- {
		c.w.WriteByte(' ')
	}
	c.w.Write(n)
	c.num = n
	c.w.WriteString(" │" + ansiReset + " ")
	c.w.Write(c.line)
	if len(c.rules) > 0 {
		c.w.WriteString("  " + ansiCyan + "[")
		for i, r := range c.rules {
			if i > 0 {
				c.w.WriteByte(' ')
			}
			c.w.WriteString(r)
		}
		c.w.WriteString("]" + ansiReset)
	}
	c.w.WriteByte('\n')
	c.line = c.line[:0]
	c.rules = c.rules[:0]
}

// appendSafe appends s made safe to show on a terminal: control
// characters become control pictures (␛) or ⟨U+0085⟩, invalid bytes
// ⟨FF⟩; if invisible is set, format characters and non-ASCII spaces are
// spelled out as ⟨U+200B⟩ too.
func appendSafe(b []byte, s string, invisible bool) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\t' {
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		var show string
		switch {
		case r == utf8.RuneError && n == 1:
			b = fmt.Appendf(append(b, s[start:i]...), "⟨%02X⟩", c)
			i++
			start = i
			continue
		case r < 0x20:
			b = append(b, s[start:i]...)
			b = utf8.AppendRune(b, 0x2400+r) // ␀ … ␟
			i++
			start = i
			continue
		case r == 0x7f:
			show = "␡"
		case r < 0xa0,
			invisible && (unicode.Is(unicode.Cf, r) || unicode.IsSpace(r)):
			b = fmt.Appendf(append(b, s[start:i]...), "⟨U+%04X⟩", r)
			i += n
			start = i
			continue
		default:
			i += n
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, show...)
		i += n
		start = i
	}
	return append(b, s[start:]...)
}
