package markdown

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// joinsSyntaxLine reports whether e deletes only line breaks after a
// line that is blank in the view but not in the source: a table's
// delimiter row or a thematic break, which the view blanks out, would be
// joined to the line after it (space.blank-lines deletes the line
// endings of blank lines).
func joinsSyntaxLine(src string, e lint.Edit) bool {
	if e.New != "" || e.Start == e.End || strings.Trim(src[e.Start:e.End], "\r\n") != "" {
		return false
	}
	ls := strings.LastIndexAny(src[:e.Start], "\r\n") + 1
	return strings.Trim(src[ls:e.Start], " \t") != ""
}

// alignedTables returns the tables whose source is laid out in columns:
// a cell padded with two spaces or more next to a pipe.
func alignedTables(src string, tables []lint.Span) []lint.Span {
	var out []lint.Span
	for _, t := range tables {
		if in := src[t.Start:t.End]; strings.Contains(in, "  |") || strings.Contains(in, "|  ") {
			out = append(out, t)
		}
	}
	return out
}

// widensAlignedCell reports whether e changes the width of text in one
// of the aligned tables (see alignedTables): "1000…60000" becoming
// "1000...60000" would shift the pipes after it, though the table
// renders the same.
func widensAlignedCell(src string, aligned []lint.Span, e lint.Edit) bool {
	i := sort.Search(len(aligned), func(i int) bool { return aligned[i].End > e.Start })
	if i == len(aligned) || aligned[i].Start > e.Start || e.End > aligned[i].End {
		return false
	}
	return utf8.RuneCountInString(src[e.Start:e.End]) != utf8.RuneCountInString(e.New)
}

// urlEndBefore reports whether a URL ends at p, or before p with only
// trailing punctuation between ("https://x.org!” ": GFM leaves "!" out
// of the link, but takes it in with a straight quote after it).
func urlEndBefore(src string, urlEnds []int, p int) bool {
	i, ok := slices.BinarySearch(urlEnds, p)
	if ok {
		return true
	}
	if i == 0 {
		return false
	}
	end := urlEnds[i-1]
	if p-end > 16 {
		return false
	}
	for k := end; k < p; k++ {
		if strings.IndexByte("?!.,:;*_~'\")", src[k]) < 0 {
			return false
		}
	}
	return true
}

// pairItem is one half of a pair of spans that an edit must remove both
// or neither of.
type pairItem struct {
	span, other lint.Span
}

// refuse sets g.Refuse from the inline containers (opener and closer
// runs) and the leaves (text and the line-start marker or underline).
func (b *builder) refuse(g *pipeline.Guard) {
	runAt := func(pos int) (lint.Span, bool) {
		i := sort.Search(len(g.Inline), func(i int) bool { return g.Inline[i].End > pos })
		if i < len(g.Inline) && g.Inline[i].Start <= pos {
			return g.Inline[i], true
		}
		return lint.Span{}, false
	}
	var items []pairItem
	add := func(x, y lint.Span) {
		if x != y && x.Len() > 0 && y.Len() > 0 {
			items = append(items, pairItem{x, y}, pairItem{y, x})
		}
	}
	for _, p := range b.inl {
		o, ok1 := runAt(p.open)
		c, ok2 := runAt(p.close)
		if ok1 && ok2 {
			add(o, c)
		}
	}
	for _, l := range b.leaves {
		if l.cell {
			continue
		}
		// The leaf's text as the view shows it.
		s, e := l.start, l.end
		for s < e && blankView(b.src[s]) {
			s++
		}
		for e > s && blankView(b.src[e-1]) {
			e--
		}
		if s == e {
			continue
		}
		text := lint.Span{Start: s, End: e}
		if s > 0 && b.cls[s-1] == cStruct {
			// A marker, not just indentation.
			if r, ok := runAt(s - 1); ok && strings.TrimSpace(b.src[r.Start:r.End]) != "" {
				add(text, r)
			}
		}
		if l.underline.Len() > 0 {
			if r, ok := runAt(l.underline.Start); ok {
				add(text, r)
			}
		}
	}
	for _, it := range b.items {
		// The marker before the first child goes with the later ones.
		s := it.lead.Start
		for s < it.lead.End && blankView(b.src[s]) {
			s++
		}
		if s > 0 && b.cls[s-1] == cStruct {
			if r, ok := runAt(s - 1); ok && strings.TrimSpace(b.src[r.Start:r.End]) != "" {
				rest := lint.Span{Start: it.rest.Start, End: min(it.rest.End, len(b.src))}
				if rest.Len() > 0 {
					add(r, rest)
				}
			}
		}
	}
	slices.SortFunc(items, func(x, y pairItem) int { return x.span.Start - y.span.Start })
	src, cls := b.src, b.cls
	// Where URLs end: an edit there can lengthen the URL (a curly quote
	// straightened right after a bare URL becomes part of it).
	var urlEnds []int
	for _, r := range g.Inline {
		t := src[r.Start:r.End]
		// A destination in (…) or <…> ends where it says.
		closed := strings.HasSuffix(t, ")") || strings.HasSuffix(t, ">")
		if !closed && (strings.Contains(t, "://") || strings.Contains(t, "www.") || strings.Contains(t, "@")) {
			urlEnds = append(urlEnds, r.End)
		}
	}
	aligned := alignedTables(src, b.tables)
	g.Refuse = func(e lint.Edit) bool {
		if makesSyntax(src, e) || leavesSyntaxLine(src, cls, e) || joinsSyntaxLine(src, e) {
			return true
		}
		if widensAlignedCell(src, aligned, e) {
			return true
		}
		if urlEndBefore(src, urlEnds, e.Start) {
			next := byte(' ')
			if e.New != "" {
				next = e.New[0]
			} else {
				// What will follow, past controls the stages remove.
				k := e.End
				for k < len(src) && (src[k] < 0x20 && src[k] != '\t' && src[k] != '\n' && src[k] != '\r' || src[k] == 0x7f) {
					k++
				}
				if k < len(src) {
					next = src[k]
				}
			}
			if next != ' ' && next != '\t' && next != '\n' && next != '\r' {
				return true
			}
		}
		if e.Start == e.End {
			return false
		}
		holds := func(s lint.Span) bool { return e.Start <= s.Start && s.End <= e.End }
		i := sort.Search(len(items), func(i int) bool { return items[i].span.Start >= e.Start })
		for ; i < len(items) && items[i].span.Start < e.End; i++ {
			if holds(items[i].span) != holds(items[i].other) {
				return true
			}
		}
		return false
	}
}

// makesSyntax reports whether the edit e of src could turn prose into
// Markdown syntax:
//
//   - it changes what the start of its line reads as: containers (">",
//     list markers), then indented code, a heading, a fence, a break or
//     underline, HTML or a reference ("1.. x" becoming the list item
//     "1. x", four no-break spaces becoming indentation);
//   - it is in a line of prose that starts with "<", where any change
//     can make the line an HTML block ("<div\x00" becoming "<div");
//   - it deletes text between two punctuation bytes ("`\x03`" becoming a
//     code span, "*\u200b*") or after "<", "&" or a backslash (making a
//     tag, an entity or an escape).
func makesSyntax(src string, e lint.Edit) bool {
	// Only the start of a line makes blocks: look no further than near
	// bytes around the edit, so that a long line costs no more.
	const near = 256
	lo := max(0, e.Start-near)
	ls := -1 // the start of the edit's line, if near
	if k := strings.LastIndexByte(src[lo:e.Start], '\n'); k >= 0 {
		ls = lo + k + 1
	} else if lo == 0 {
		ls = 0
	}
	if ls >= 0 {
		head := lineHead(src[ls:], near)
		// Invisible characters before the first visible one: what the
		// line starts with depends on which go, so nothing there changes.
		if lead := leadingInvisible(head); lead > 0 && e.Start < ls+lead {
			return true
		}
		// A line left blank is no syntax (though it may end a paragraph).
		after := lineStartKind(src[ls:e.Start] + e.New + lineHead(src[e.End:], near))
		if after != "" && after != lineStartKind(head) {
			return true
		}
		if t := strings.TrimLeft(head, " \t>"); strings.HasPrefix(t, "<") {
			return true
		}
		// Prose that starts like a reference definition ("[x]: url" with
		// a title goldmark refused) can become one: a straightened
		// quote completes the title.
		if looksLikeDefinition(head) || definitionAbove(src, ls) {
			return true
		}
	}
	if e.End > e.Start && e.Start > 0 {
		next := byte('\n')
		if e.End < len(src) {
			next = src[e.End]
		}
		if e.New != "" {
			next = e.New[0]
		}
		prev := src[e.Start-1]
		// Quotes make no syntax here, and typographic quotes change them.
		quote := prev == '"' || prev == '\'' || next == '"' || next == '\''
		if prev == '<' || prev == '&' || prev == '\\' || !quote && asciiPunct(prev) && asciiPunct(next) {
			return true
		}
		// Next to an emphasis or code delimiter, an edit must leave the
		// delimiter's neighbour of the same kind (white space,
		// punctuation, other), or it may change whether the delimiter
		// opens or closes: a quote replaced by another is fine, and so is
		// white space removed at the end of a line; "*\x00 " becoming
		// "* " is not.
		if e.Start > 0 && strings.IndexByte("*_~`", src[e.Start-1]) >= 0 {
			after := src[e.End:]
			if e.New != "" {
				after = e.New
			}
			// The neighbour now is what goldmark saw, a control
			// character included; the one after is what stays.
			if flankClass(rawFirstRune(src[e.Start:])) != flankClass(firstRune(after)) {
				return true
			}
		}
		if e.End < len(src) && strings.IndexByte("*_~`", src[e.End]) >= 0 {
			before := src[:e.Start]
			if e.New != "" {
				before = e.New
			}
			if flankClass(rawLastRune(src[:e.End])) != flankClass(lastRune(before)) {
				return true
			}
		}
	}
	return false
}

// leadingInvisible returns the length of the white space, container
// marker characters and invisible characters at the start of line if
// there is a control or format character among them, or 0.
func leadingInvisible(line string) int {
	seen := false
	for i, r := range line {
		switch {
		case r == ' ' || r == '\t' || r == '\r' || r < utf8.RuneSelf && strings.IndexByte(">-+*.)0123456789", byte(r)) >= 0:
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == 0xA0 || r == utf8.RuneError:
			seen = true
		default:
			if seen {
				return i
			}
			return 0
		}
	}
	if seen {
		return len(line)
	}
	return 0
}

// lineHead returns s up to its first line break, and at most n bytes.
func lineHead(s string, n int) string {
	s = s[:min(len(s), n)]
	if k := strings.IndexByte(s, '\n'); k >= 0 {
		s = s[:k]
	}
	return s
}

// looksLikeDefinition reports whether line starts like a link reference
// definition: "[label]:" after container markers and indentation.
func looksLikeDefinition(line string) bool {
	t := strings.TrimLeft(line, " \t>")
	if !strings.HasPrefix(t, "[") {
		return false
	}
	end := strings.IndexByte(t, ']')
	return end > 1 && strings.HasPrefix(t[end+1:], ":")
}

// definitionAbove reports whether one of the two lines before the line
// that starts at ls, with no blank line between, looks like the start of
// a reference definition: its destination and title may follow on the
// next lines ("[a]:⏎/url⏎\"title\"").
func definitionAbove(src string, ls int) bool {
	end := ls
	for range 2 {
		if end == 0 {
			return false
		}
		// Look no further back than a long line's worth: edits near
		// line starts would otherwise rescan a huge line before them.
		lo := max(0, end-1-1024)
		k := strings.LastIndexByte(src[lo:end-1], '\n')
		if k < 0 && lo > 0 {
			return false
		}
		start := lo + k + 1
		line := src[start : end-1]
		if strings.TrimSpace(line) == "" {
			return false
		}
		if looksLikeDefinition(line) {
			return true
		}
		end = start
	}
	return false
}

// lineStartKind describes what the start of a line reads as, context
// aside: its container markers (q: ">", l: a list marker) and then the
// leaf it can open (c: indented code, h: ATX heading, f: fence, t: a
// thematic break or setext underline, <: HTML, r: a reference, p: text).
func lineStartKind(line string) string {
	var kind []byte
	col := 0 // the column of line[0], for tab stops
	// skip returns the width and length of the white space at the start
	// of line.
	skip := func() (int, int) {
		w, i := 0, 0
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			if line[i] == '\t' {
				w += 4 - (col+w)%4
			} else {
				w++
			}
			i++
		}
		return w, i
	}
	for {
		w, i := skip()
		if w >= 4 {
			return string(append(kind, 'c'))
		}
		if i == len(line) {
			return string(kind)
		}
		col += w
		line = line[i:]
		c := line[0]
		rest := func(n int) bool {
			return n == len(line) || line[n] == ' ' || line[n] == '\t' || line[n] == '\r'
		}
		marker := 0 // the length of a container marker at line[0]
		switch {
		case c == '>':
			kind = append(kind, 'q')
			marker = 1
		case (c == '-' || c == '+' || c == '*') && rest(1) && !breakLine(line):
			kind = append(kind, 'l')
			marker = 1
		case c >= '0' && c <= '9':
			n := 0
			for n < len(line) && n < 10 && line[n] >= '0' && line[n] <= '9' {
				n++
			}
			if n <= 9 && n < len(line) && (line[n] == '.' || line[n] == ')') && rest(n+1) {
				kind = append(kind, 'l')
				marker = n + 1
			}
		case c == '#':
			n := 0
			for n < len(line) && line[n] == '#' {
				n++
			}
			if n <= 6 && rest(n) {
				return string(append(kind, 'h'))
			}
		case c == '`' || c == '~':
			if len(line) >= 3 && line[1] == c && line[2] == c {
				return string(append(kind, 'f'))
			}
		case c == '<':
			return string(append(kind, '<'))
		case c == '[':
			return string(append(kind, 'r'))
		}
		if marker == 0 {
			if breakLine(line) {
				return string(append(kind, 't'))
			}
			return string(append(kind, 'p'))
		}
		col += marker
		line = line[marker:]
		// The marker takes one to four columns of white space after it;
		// five or more: one, and the rest indents code.
		w, i = skip()
		switch {
		case i == len(line):
			return string(kind)
		case w >= 5 && kind[len(kind)-1] == 'l':
			return string(append(kind, 'c'))
		}
		col += w
		line = line[i:]
	}
}

// breakLine reports whether line (without indentation) is made of one
// of "-", "*", "_", "=" and white space only: a thematic break or a
// setext underline.
func breakLine(line string) bool {
	var mark byte
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case ' ', '\t', '\r':
		case '-', '*', '_', '=':
			if mark != 0 && c != mark {
				return false
			}
			mark = c
		default:
			return false
		}
	}
	return mark != 0
}

// leavesSyntaxLine reports whether the deletion e removes the last prose
// of a line that starts with syntax, leaving a line of syntax only: "<a>"
// alone on its line is an HTML block, not inline HTML.
func leavesSyntaxLine(src string, cls []byte, e lint.Edit) bool {
	if e.Start == e.End || strings.TrimSpace(e.New) != "" {
		return false
	}
	// The rest of the line must be blank: scan until it is not.
	for i := e.End; i < len(src) && src[i] != '\n'; i++ {
		if c := src[i]; c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	// Back to the line start, until some prose.
	syntax := false
	for i := e.Start - 1; i >= 0 && src[i] != '\n'; i-- {
		switch {
		case cls[i] == cProse && src[i] != ' ' && src[i] != '\t':
			return false
		case cls[i] != cSpace && src[i] != ' ' && src[i] != '\t':
			syntax = true
		}
	}
	return syntax
}
