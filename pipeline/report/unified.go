package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// DefaultContext is the number of unchanged lines a unified diff shows
// around each change, as diff -u does.
const DefaultContext = 3

// UnifiedOptions configure Unified. The zero value writes empty names
// and three lines of context.
type UnifiedOptions struct {
	// OldName and NewName are written after "--- " and "+++ ". For a diff
	// that git apply and patch -p1 accept, use "a/NAME" and "b/NAME".
	OldName, NewName string
	// Context is the number of unchanged lines around each change: 0
	// means DefaultContext, a negative number none.
	Context int
}

// Unified writes the unified diff that turns original into the text the
// sorted, non-overlapping edits make of it. The diff is rendered from the
// edits themselves, not recovered by comparing texts, so it is exact and
// takes time linear in the size of original and edits. Lines end at "\n";
// a "\r" before it is part of the line, so CRLF lines are kept byte for
// byte, and a last line without "\n" is marked "\ No newline at end of
// file". Hunks whose changes are at most 2*Context lines apart are merged.
// Nothing is written when the edits leave the text as it was. Unified returns an
// error if the edits are invalid (see lint.ValidateEdits) or w fails.
func Unified(w io.Writer, original string, edits []lint.Edit, opts UnifiedOptions) error {
	if err := lint.ValidateEdits(edits, len(original)); err != nil {
		return err
	}
	if same(original, edits) {
		return nil
	}
	edits = slideToLines(original, edits)
	rs := lineRegions(original, edits)
	ctx := opts.Context
	switch {
	case ctx == 0:
		ctx = DefaultContext
	case ctx < 0:
		ctx = 0
	}
	u := unified{w: bufio.NewWriterSize(w, 64<<10), text: original, edits: edits}
	u.w.WriteString("--- " + oneLine(opts.OldName) + "\n+++ " + oneLine(opts.NewName) + "\n")
	delta := 0 // new line number minus old line number before the hunk
	for a := 0; a < len(rs); {
		b := a + 1
		for b < len(rs) && rs[b].line-rs[b-1].endLine() <= 2*ctx {
			b++
		}
		u.hunk(rs[a:b], ctx, delta)
		for _, r := range rs[a:b] {
			delta += r.newLines - r.oldLines
		}
		a = b
	}
	return u.w.Flush()
}

// A lineRegion is a run of whole lines of the original that the edits
// change. What the lines become is not stored: it is the original's
// bytes [start, end) with edits[first:last] applied.
type lineRegion struct {
	start, end  int // byte range of the original, whole lines
	first, last int // the edits it holds: edits[first:last]
	line        int // 0-based index of the line at start
	oldLines    int // lines in the original's bytes [start, end)
	newLines    int // lines they become
}

func (r *lineRegion) endLine() int { return r.line + r.oldLines }

// same reports whether the edits leave text as it was.
func same(text string, edits []lint.Edit) bool {
	rest, last := text, 0 // rest: what the edited text must still match
	piece := func(s string) bool {
		if !strings.HasPrefix(rest, s) {
			return false
		}
		rest = rest[len(s):]
		return true
	}
	for _, e := range edits {
		if !piece(text[last:e.Start]) || !piece(e.New) {
			return false
		}
		last = e.End
	}
	return piece(text[last:]) && rest == ""
}

// slideToLines returns edits with each pure deletion or insertion that
// starts inside a line moved, where an equivalent one covers whole lines
// instead: deleting "\n\nSame." after "Same." is the same as deleting
// "\nSame.\n" one byte later, and the diff then shows two lines removed
// rather than three removed and one added. The text the edits make is
// unchanged. The edits are copied only if one moves.
func slideToLines(text string, edits []lint.Edit) []lint.Edit {
	out := edits
	for i, e := range edits {
		if e.Start == 0 || text[e.Start-1] == '\n' || (e.Start == e.End) == (e.New == "") {
			continue // at a line start, or a replacement (or nothing)
		}
		limit := len(text)
		if i+1 < len(edits) {
			limit = edits[i+1].Start
		}
		var moved lint.Edit
		ok := false
		if e.New == "" {
			// Deleting text[s:e] equals deleting text[s+1:e+1] when
			// text[s] == text[e].
			s, end := e.Start, e.End
			for end < limit && text[s] == text[end] && !(s > 0 && text[s-1] == '\n') {
				s++
				end++
			}
			if s > 0 && text[s-1] == '\n' && text[end-1] == '\n' {
				moved, ok = lint.Edit{Span: lint.Span{Start: s, End: end}}, true
			}
		} else {
			// Inserting N at p equals inserting N rotated by one at p+1
			// when text[p] == N[0].
			p, n, k := e.Start, e.New, 0
			for p+k < limit && text[p+k] == n[k%len(n)] && !(p+k > 0 && text[p+k-1] == '\n') {
				k++
			}
			r := n[k%len(n):] + n[:k%len(n)]
			if p+k > 0 && text[p+k-1] == '\n' && r[len(r)-1] == '\n' {
				moved, ok = lint.Edit{Span: lint.Span{Start: p + k, End: p + k}, New: r}, true
			}
		}
		if !ok {
			continue
		}
		if &out[0] == &edits[0] {
			out = append([]lint.Edit(nil), edits...)
		}
		out[i] = moved
	}
	return out
}

// countLines counts lines, a last line without "\n" included.
func countLines(s string) int {
	n := strings.Count(s, "\n")
	if s != "" && s[len(s)-1] != '\n' {
		n++
	}
	return n
}

// lineEnd returns the offset just after the "\n" that ends the line
// holding offset p, or len(text) if that line has none.
func lineEnd(text string, p int) int {
	if i := strings.IndexByte(text[p:], '\n'); i >= 0 {
		return p + i + 1
	}
	return len(text)
}

// lineRegions groups valid edits into regions of whole lines. A region
// starts where the line of its first edit starts and ends at a line end
// of both texts (or at the end of the text), so that the lines between
// regions are the same in both texts. Regions whose edits, together,
// change nothing are left out.
func lineRegions(text string, edits []lint.Edit) []lineRegion {
	var out []lineRegion
	n := len(text)
	counted, line := 0, 0 // line: the number of "\n" in text[:counted]
	for i := 0; i < len(edits); {
		r := lineRegion{first: i, start: strings.LastIndexByte(text[:edits[i].Start], '\n') + 1}
		// Add up the new text as it would be built: its length, its line
		// breaks and its last byte.
		var newLen, breaks int
		var last byte
		add := func(s string) {
			if s != "" {
				newLen += len(s)
				breaks += strings.Count(s, "\n")
				last = s[len(s)-1]
			}
		}
		pos, end := r.start, edits[i].Start
		for {
			for ; i < len(edits) && edits[i].Start <= end; i++ {
				e := edits[i]
				add(text[pos:e.Start])
				add(e.New)
				pos = e.End
				end = max(end, e.End)
				if end > 0 && text[end-1] != '\n' {
					end = lineEnd(text, end)
				}
			}
			// The new text must end a line too, unless the text ends here.
			if end > pos {
				last = text[end-1]
			}
			if newLen+end-pos > 0 && last != '\n' && end < n {
				end = lineEnd(text, end)
				continue
			}
			break
		}
		add(text[pos:end])
		r.end, r.last = end, i
		if newLen == end-r.start && r.unchanged(text, edits) {
			continue
		}
		line += strings.Count(text[counted:r.start], "\n")
		counted = r.start
		r.line = line
		r.oldLines = countLines(text[r.start:end])
		r.newLines = breaks
		if newLen > 0 && last != '\n' {
			r.newLines++
		}
		out = append(out, r)
	}
	return out
}

// pieces calls fn with the pieces of the region's new text in order.
func (r *lineRegion) pieces(text string, edits []lint.Edit, fn func(string)) {
	pos := r.start
	for _, e := range edits[r.first:r.last] {
		fn(text[pos:e.Start])
		fn(e.New)
		pos = e.End
	}
	fn(text[pos:r.end])
}

// unchanged reports whether the region's new text, of the same length
// as the old, equals it.
func (r *lineRegion) unchanged(text string, edits []lint.Edit) bool {
	old, same := text[r.start:r.end], true
	r.pieces(text, edits, func(s string) {
		if same {
			same = strings.HasPrefix(old, s)
			old = old[len(s):]
		}
	})
	return same
}

// unified writes hunks.
type unified struct {
	w     *bufio.Writer
	text  string
	edits []lint.Edit
}

// hunk writes one hunk holding the regions rs, with ctx lines of context
// around them; delta is the new line number minus the old one before it.
func (u *unified) hunk(rs []lineRegion, ctx, delta int) {
	text := u.text
	first, last := &rs[0], &rs[len(rs)-1]
	pre, before := first.start, 0
	for ; before < ctx && pre > 0; before++ {
		pre = strings.LastIndexByte(text[:pre-1], '\n') + 1
	}
	post, after := last.end, 0
	for ; after < ctx && post < len(text); after++ {
		post = lineEnd(text, post)
	}
	oldStart := first.line - before
	oldCount := last.endLine() + after - oldStart
	newCount := oldCount
	for _, r := range rs {
		newCount += r.newLines - r.oldLines
	}
	h := append(make([]byte, 0, 64), "@@ -"...)
	h = appendRange(h, oldStart, oldCount)
	h = append(h, " +"...)
	h = appendRange(h, oldStart+delta, newCount)
	h = append(h, " @@\n"...)
	u.w.Write(h)

	u.lines(' ', text[pre:first.start])
	for k := range rs {
		r := &rs[k]
		if k > 0 {
			u.lines(' ', text[rs[k-1].end:r.start])
		}
		u.lines('-', text[r.start:r.end])
		u.added(r)
	}
	u.lines(' ', text[last.end:post])
}

// appendRange appends a hunk range: the 1-based first line and the
// count, or for an empty range the line before it and 0; a count of 1 is
// left out, as diff does.
func appendRange(b []byte, start, count int) []byte {
	if count == 0 {
		return append(strconv.AppendInt(b, int64(start), 10), ",0"...)
	}
	b = strconv.AppendInt(b, int64(start+1), 10)
	if count != 1 {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(count), 10)
	}
	return b
}

// lines writes each line of s with the prefix, and the marker after a
// last line without "\n".
func (u *unified) lines(prefix byte, s string) {
	for s != "" {
		i := strings.IndexByte(s, '\n') + 1
		if i == 0 {
			u.w.WriteByte(prefix)
			u.w.WriteString(s)
			u.w.WriteString("\n\\ No newline at end of file\n")
			return
		}
		u.w.WriteByte(prefix)
		u.w.WriteString(s[:i])
		s = s[i:]
	}
}

// added writes the lines the region becomes, with the prefix "+".
func (u *unified) added(r *lineRegion) {
	atStart := true
	r.pieces(u.text, u.edits, func(s string) {
		for s != "" {
			if atStart {
				u.w.WriteByte('+')
				atStart = false
			}
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				u.w.WriteString(s)
				return
			}
			u.w.WriteString(s[:i+1])
			s = s[i+1:]
			atStart = true
		}
	})
	if !atStart {
		u.w.WriteString("\n\\ No newline at end of file\n")
	}
}
