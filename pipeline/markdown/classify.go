package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// Byte classes.
const (
	cNone   byte = iota // not classified yet: line-start syntax in the end
	cProse              // text the stages may change
	cInline             // syntax inside a paragraph: view keeps letters, digits, spaces; the rest is "0"
	cCode               // code span or raw HTML: like cInline, and never trailing space
	cHard               // hard line break: like cInline
	cAttach             // setext underline, ATX closing #s: like cInline, may become a line break in the view
	cStruct             // line-start syntax: a space in the view
	cBlock              // code, HTML, front matter...: "x" in the view
	cTable              // table syntax: a Block span, a space in the view
	cRowEnd             // a table row's closing pipe: a Block span, "x" in the view
	cSpace              // white space the stages may change: trailing, blank lines, line breaks
)

func guardedInline(c byte) bool {
	return c == cInline || c == cCode || c == cHard || c == cAttach || c == cStruct
}

func blockClass(c byte) bool { return c == cBlock || c == cTable || c == cRowEnd }

// A leaf is a block of prose: paragraph, heading or table cell.
type leaf struct {
	start, end int  // first and last+1 byte of its lines
	cell       bool // a table cell
	underline  lint.Span
}

// itemParts are where a list item's first child starts and a later
// child's first line.
type itemParts struct{ lead, rest lint.Span }

// firstSegment returns the first line segment of n or of its first
// descendant that has lines.
func firstSegment(n ast.Node) (lint.Span, bool) {
	for ; n != nil; n = n.FirstChild() {
		if n.Type() == ast.TypeInline {
			return lint.Span{}, false
		}
		if ls := n.Lines(); ls != nil && ls.Len() > 0 {
			sg := ls.At(0)
			return lint.Span{Start: sg.Start, End: max(sg.Stop, sg.Start+1)}, true
		}
	}
	return lint.Span{}, false
}

// nodeSpan returns the span from the first to the last line of n's
// block descendants (a list item's content; its marker is before it).
func nodeSpan(n ast.Node) (int, int, bool) {
	start, end, ok := 0, 0, false
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		if ls := c.Lines(); ls != nil && ls.Len() > 0 {
			s, e := ls.At(0).Start, ls.At(ls.Len()-1).Stop
			if !ok || s < start {
				start = s
			}
			if !ok || e > end {
				end = e
			}
			ok = true
		}
		return ast.WalkContinue, nil
	})
	return start, end, ok && start < end
}

type builder struct {
	src       string
	raw       []byte // src as goldmark parsed it (front matter blanked out)
	cls       []byte
	items     []itemParts
	listItems []lint.Span // every list item, marker to end, in order
	leaves    []leaf
	blocks    []lint.Span // code, HTML, front matter, references, breaks
	tables    []lint.Span
	cells     []int // where each table cell's text starts
	inl       []inlinePair
}

// inlinePair is an inline container whose opener (at open) and closer
// (at close) must go together.
type inlinePair struct{ open, close int }

// fill sets the class of the bytes [from, to) that have none yet.
func (b *builder) fill(from, to int, c byte) {
	from, to = max(from, 0), min(to, len(b.cls))
	for i := from; i < to; i++ {
		if b.cls[i] == cNone {
			b.cls[i] = c
		}
	}
}

// set sets the class of the bytes [from, to).
func (b *builder) set(from, to int, c byte) {
	from, to = max(from, 0), min(to, len(b.cls))
	for i := from; i < to; i++ {
		b.cls[i] = c
	}
}

func (b *builder) lineEnd(i int) int {
	if i >= len(b.src) {
		return len(b.src)
	}
	if k := strings.IndexByte(b.src[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(b.src)
}

func (b *builder) lineStart(i int) int {
	return strings.LastIndexByte(b.src[:min(i, len(b.src))], '\n') + 1
}

// contentEnd returns the end of the line that holds i, without its
// line ending.
func (b *builder) contentEnd(i int) int {
	e := b.lineEnd(i)
	if e < len(b.src) && e > 0 && b.src[e-1] == '\r' {
		e--
	}
	return e
}

// trimEOL returns e without a trailing "\n" or "\r\n" at src[:e].
func (b *builder) trimEOL(e int) int {
	if e > 0 && b.src[e-1] == '\n' {
		e--
		if e > 0 && b.src[e-1] == '\r' {
			e--
		}
	}
	return e
}

// block marks a block span [s, e), extended to the start of its first
// line's indentation and to the end of its last line.
func (b *builder) block(s, e int) {
	s, e = max(0, min(s, len(b.src))), max(0, min(e, len(b.src)))
	if s > e {
		return
	}
	for s > 0 && (b.src[s-1] == ' ' || b.src[s-1] == '\t') {
		s--
	}
	e = b.contentEnd(max(s, b.trimEOL(e)))
	if e <= s {
		return
	}
	b.blocks = append(b.blocks, lint.Span{Start: s, End: e})
	b.set(s, e, cBlock)
}

// linesSpan returns the first start and last stop of n's lines.
func linesSpan(n ast.Node) (int, int, bool) {
	ls := n.Lines()
	if ls == nil || ls.Len() == 0 {
		return 0, 0, false
	}
	return ls.At(0).Start, ls.At(ls.Len() - 1).Stop, true
}

func (b *builder) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	switch n.Kind() {
	case ast.KindListItem:
		if s, e, ok := nodeSpan(n); ok {
			b.listItems = append(b.listItems, lint.Span{Start: s, End: e})
		}
		// An item that holds more than its first paragraph (a code
		// block, a nested list) must not lose its marker alone: the rest
		// would join the item or paragraph before it.
		if first := n.FirstChild(); first != nil && first.NextSibling() != nil {
			if lead, ok := firstSegment(first); ok {
				if rest, ok := firstSegment(first.NextSibling()); ok {
					b.items = append(b.items, itemParts{lead: lead, rest: rest})
				}
			}
		}
	case ast.KindFencedCodeBlock:
		b.fenced(n.(*ast.FencedCodeBlock))
		return ast.WalkSkipChildren, nil
	case ast.KindCodeBlock:
		if s, e, ok := linesSpan(n); ok {
			b.block(s, e)
		}
		return ast.WalkSkipChildren, nil
	case ast.KindLinkReferenceDefinition:
		if s, e, ok := linesSpan(n); ok {
			// goldmark may take a title from the line after the
			// definition yet leave that line to the paragraph that
			// follows: keep such a line too.
			if next := b.lineEnd(max(e-1, s)) + 1; next < len(b.src) {
				t := strings.TrimLeft(b.src[next:b.lineEnd(next)], " \t>")
				if r, _ := utf8.DecodeRuneInString(t); r == '(' || unicode.In(r, unicode.Quotation_Mark) {
					e = b.lineEnd(next)
				}
			}
			b.block(s, e)
		}
		return ast.WalkSkipChildren, nil
	case ast.KindHTMLBlock:
		h := n.(*ast.HTMLBlock)
		s, e, ok := linesSpan(n)
		if h.HasClosure() {
			if !ok {
				s = h.ClosureLine.Start
			}
			e = max(e, h.ClosureLine.Stop)
			ok = true
		}
		if ok {
			b.block(s, e)
		}
		return ast.WalkSkipChildren, nil
	case ast.KindThematicBreak:
		if p := n.Pos(); p >= 0 {
			b.block(p, b.lineEnd(p))
		}
		return ast.WalkSkipChildren, nil
	case east.KindTable:
		b.table(n)
		return ast.WalkSkipChildren, nil
	case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading, east.KindTableCell:
		b.leaf(n)
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

// fenced marks a fenced code block from its opening fence to its closing
// one, which goldmark does not record: it is the line after the content
// if that line, without container prefixes, is a fence long enough.
func (b *builder) fenced(n *ast.FencedCodeBlock) {
	p := n.Pos()
	if p < 0 || p >= len(b.src) {
		return
	}
	fc := b.src[p]
	k := p
	for k < len(b.src) && b.src[k] == fc {
		k++
	}
	width := k - p
	after := b.lineEnd(p) + 1
	if s, e, ok := linesSpan(n); ok && e > s {
		after = max(after, e)
		if b.src[e-1] != '\n' {
			after = b.lineEnd(e) + 1
		}
	}
	end := b.trimEOL(min(after, len(b.src)))
	closed := false
	if after < len(b.src) {
		le := b.lineEnd(after)
		line := strings.TrimLeft(b.src[after:le], " \t>")
		j := 0
		for j < len(line) && line[j] == fc {
			j++
		}
		if j >= width && strings.TrimRight(line[j:], " \t\r") == "" {
			end, closed = le, true
		}
	}
	if !closed && n.Parent() != nil && n.Parent().Kind() == ast.KindDocument {
		// A fence never closed runs to the end of the text, blank lines
		// after its last line included: they are code too.
		end = len(b.src)
	}
	b.block(p, end)
}

// leaf classifies a block of prose: its lines are inline syntax except
// the text of its Text nodes, which is prose.
func (b *builder) leaf(n ast.Node) {
	ls := n.Lines()
	if ls == nil || ls.Len() == 0 {
		return
	}
	lf := leaf{start: ls.At(0).Start, end: ls.At(ls.Len() - 1).Stop, cell: n.Kind() == east.KindTableCell}
	for i := 0; i < ls.Len(); i++ {
		sg := ls.At(i)
		for j := max(sg.Start, 0); j < min(sg.Stop, len(b.src)); j++ {
			if b.src[j] == '\n' {
				b.cls[j] = cSpace
			} else if b.cls[j] == cNone {
				b.cls[j] = cInline
			}
		}
	}
	if lf.cell {
		b.cells = append(b.cells, lf.start)
	}
	if h, ok := n.(*ast.Heading); ok {
		b.heading(h, &lf)
	}
	b.inlines(n, false)
	b.leaves = append(b.leaves, lf)
}

// heading marks an ATX heading's closing sequence and a setext heading's
// underline as attached syntax.
func (b *builder) heading(h *ast.Heading, lf *leaf) {
	if b.atx(h.Pos()) {
		// ATX: the closing #s after the text, if any.
		le := b.contentEnd(lf.end)
		t := le
		for t > lf.end && (b.src[t-1] == ' ' || b.src[t-1] == '\t') {
			t--
		}
		k := t
		for k > lf.end && b.src[k-1] == '#' {
			k--
		}
		if k < t && (k == lf.end || b.src[k-1] == ' ' || b.src[k-1] == '\t') {
			b.fill(k, t, cAttach)
		}
		return
	}
	// Setext: the underline is the line after the text.
	next := b.lineEnd(max(lf.end-1, 0)) + 1
	if next >= len(b.src) {
		return
	}
	le := b.contentEnd(next)
	line := b.src[next:le]
	off := len(line) - len(strings.TrimLeft(line, " \t>"))
	u := strings.TrimRight(line[off:], " \t\r")
	if u == "" || strings.Trim(u, "=") != "" && strings.Trim(u, "-") != "" {
		return
	}
	b.fill(next+off, next+off+len(u), cAttach)
	lf.underline = lint.Span{Start: next + off, End: next + off + len(u)}
}

// atx reports whether a heading that starts at p is an ATX heading: one
// to six #s followed by white space or the end of the line.
func (b *builder) atx(p int) bool {
	if p < 0 || p >= len(b.src) {
		return false
	}
	k := p
	for k < len(b.src) && b.src[k] == '#' {
		k++
	}
	return k > p && k-p <= 6 && (k == len(b.src) || b.src[k] == ' ' || b.src[k] == '\t' || b.src[k] == '\n' || b.src[k] == '\r')
}

// inlines classifies the inline nodes under n; code says n is inside a
// code span. It returns where the last inline under n ends, or -1: the
// end of its last text, raw HTML or autolink, found through last
// children. The closer of an inline container n starts there, or lies in
// the same run of syntax (a code span's closing backticks, the "*" after
// an autolink's ">"). Each node's end comes from its last child's, so
// nested emphasis ("*****a*****") costs its size, not its square.
func (b *builder) inlines(n ast.Node, code bool) int {
	end := -1
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		end = -1
		switch c.Kind() {
		case ast.KindText:
			t := c.(*ast.Text)
			end = t.Segment.Stop
			if !code {
				b.text(t)
			}
			if t.HardLineBreak() {
				e := t.Segment.Stop
				le := b.contentEnd(e)
				for i := max(e, 0); i < le; i++ {
					if b.cls[i] == cInline {
						b.cls[i] = cHard
					}
				}
			}
		case ast.KindAutoLink:
			end = b.autoLinkEnd(c.(*ast.AutoLink))
		case ast.KindCodeSpan:
			end = b.inlines(c, true)
			if p := c.Pos(); p >= 0 && end > p {
				k := end
				for k < len(b.src) && b.src[k] == '`' {
					k++
				}
				for i := p; i < k; i++ {
					if b.cls[i] == cInline || b.cls[i] == cSpace && b.src[i] != '\n' {
						b.cls[i] = cCode
					}
				}
			}
		case ast.KindRawHTML:
			r := c.(*ast.RawHTML)
			for i := 0; i < r.Segments.Len(); i++ {
				sg := r.Segments.At(i)
				end = sg.Stop
				for j := max(sg.Start, 0); j < min(sg.Stop, len(b.src)); j++ {
					if b.cls[j] == cInline {
						b.cls[j] = cCode
					}
				}
			}
		case ast.KindEmphasis, ast.KindLink, ast.KindImage, east.KindStrikethrough:
			end = b.inlines(c, code)
			if p := c.Pos(); p >= 0 && end > p {
				b.inl = append(b.inl, inlinePair{open: p, close: end})
				if isLabelRef(c) {
					// The text is the label that names the definition:
					// changed alone, the link would no longer resolve.
					for i := p; i < min(end, len(b.cls)); i++ {
						if b.cls[i] == cProse {
							b.cls[i] = cInline
						}
					}
				}
			}
		default:
			end = b.inlines(c, code)
		}
	}
	return end
}

// autoLinkEnd returns the end of an autolink's label ("<https://x.org>"
// or the bare "https://x.org"), or -1. goldmark records where the link
// starts but not its length: the label is looked for right after the
// start, so the search costs the label's length.
func (b *builder) autoLinkEnd(a *ast.AutoLink) int {
	p := a.Pos()
	if p < 0 || p >= len(b.raw) {
		return -1
	}
	label := a.Label(b.raw)
	lim := min(len(b.raw), p+len(label)+2)
	k := bytes.Index(b.raw[p:lim], label)
	if len(label) == 0 || k < 0 {
		return -1
	}
	return p + k + len(label)
}

// text marks a Text node's bytes prose, except backslash escapes and
// entity and character references.
func (b *builder) text(t *ast.Text) {
	s, e := max(t.Segment.Start, 0), min(t.Segment.Stop, len(b.src))
	for i := s; i < e; i++ {
		if b.cls[i] == cInline {
			b.cls[i] = cProse
		}
	}
	for i := s; i < e; i++ {
		switch b.src[i] {
		case '\\':
			if i+1 < e && util.IsPunct(b.src[i+1]) {
				b.set(i, i+2, cInline)
				i++
			}
		case '&':
			if n := entityLen(b.src[i:e]); n > 0 {
				b.set(i, i+n, cInline)
				i += n - 1
			}
		}
	}
}

// entityLen returns the length of the entity or character reference at
// the start of s ("&amp;", "&#8217;", "&#x2019;"), or 0.
func entityLen(s string) int {
	if len(s) < 3 || s[0] != '&' {
		return 0
	}
	if s[1] == '#' {
		i, hex := 2, false
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			i, hex = 3, true
		}
		j := i
		for j < len(s) && j-i < 7 && (s[j] >= '0' && s[j] <= '9' || hex && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'f')) {
			j++
		}
		if j > i && j < len(s) && s[j] == ';' {
			return j + 1
		}
		return 0
	}
	j := 1
	for j < len(s) && j < 40 && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z' || s[j] >= '0' && s[j] <= '9') {
		j++
	}
	if j > 1 && j < len(s) && s[j] == ';' {
		if _, ok := util.LookUpHTML5EntityByName(s[1:j]); ok {
			return j + 1
		}
	}
	return 0
}

// finishLines classifies what is left, line by line: line breaks,
// blank lines and trailing white space after text are white space the
// stages may change; the rest is line-start syntax.
func (b *builder) finishLines() {
	src, cls := b.src, b.cls
	for ls := 0; ls <= len(src); {
		le := b.lineEnd(ls)
		if le < len(src) && cls[le] == cNone {
			cls[le] = cSpace
		}
		blank, content := invisibleLine(src[ls:le]), false
		for i := ls; i < le; i++ {
			switch cls[i] {
			case cProse, cInline, cCode, cHard, cAttach, cRowEnd:
				content = true
			}
		}
		if blank {
			for i := ls; i < le; i++ {
				if cls[i] == cNone || cls[i] == cInline {
					cls[i] = cSpace
				}
			}
		} else if content {
			for t := le - 1; t >= ls && (src[t] == ' ' || src[t] == '\t' || src[t] == '\r'); t-- {
				if cls[t] == cNone || cls[t] == cInline {
					cls[t] = cSpace
				}
			}
		}
		for i := ls; i < le; i++ {
			if cls[i] == cNone {
				cls[i] = cStruct
			}
		}
		ls = le + 1
	}
}

// invisibleLine reports whether line holds only white space and
// characters the normalize stages remove (controls, format characters
// such as U+200B): it is, or will be once cleaned, a blank line.
func invisibleLine(line string) bool {
	for _, r := range line {
		if r != ' ' && r != '\t' && r != '\r' && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}

// isLabelRef reports whether n is a collapsed ("[label][]") or shortcut
// ("[label]") reference link or image: one whose text is the label of a
// definition. goldmark makes such a node only when a definition matches
// the label (compared as CommonMark says: case folded, white space
// collapsed).
func isLabelRef(n ast.Node) bool {
	var ref *ast.ReferenceLink
	switch x := n.(type) {
	case *ast.Link:
		ref = x.Reference
	case *ast.Image:
		ref = x.Reference
	}
	return ref != nil && (ref.Type == ast.ReferenceLinkCollapsed || ref.Type == ast.ReferenceLinkShortcut)
}
