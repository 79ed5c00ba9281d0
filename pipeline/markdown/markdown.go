// Package markdown makes copydesk's pipeline Markdown-aware: only prose is
// checked and changed, and the syntax around it is kept byte for byte.
//
// Guard parses a document with goldmark (CommonMark plus the GitHub
// extensions: tables, strikethrough, task lists and bare-URL autolinks)
// and returns a pipeline.Guard for pipeline.RunGuarded:
//
//   - Block spans, never changed, with no findings: fenced and indented
//     code blocks (fences and info string included), HTML blocks (and so
//     block-level <!-- comments -->), YAML (---) and TOML (+++) front
//     matter, link reference definitions, thematic breaks, and the
//     syntax of tables (pipes, padding, delimiter row), so that a table
//     never loses a cell.
//   - Inline spans, changed only by a deletion that removes them whole
//     (a repeated paragraph with its code spans and links): code spans,
//     autolinks and bare URLs, inline HTML, link and image brackets,
//     destinations and titles, emphasis and strikethrough delimiters,
//     backslash escapes, entity and character references (decoding
//     &lt; would make markup of text), hard line breaks, heading markers
//     and setext underlines, list markers, blockquote ">" and the
//     indentation of every line.
//   - A View the stages see instead of the text: code blocks become one
//     run of "x", the punctuation of syntax inside a paragraph becomes
//     "0" (so that "**word**" reads as one token that is no plain word,
//     and a URL's dots end no sentence), and
//     line-start syntax becomes spaces or line breaks, so that each list
//     item, blockquote paragraph, heading and table cell is a paragraph of
//     its own for dedupe.
//   - Refuse, which keeps pairs together (an edit may not remove an
//     emphasis or link opener without its closer, nor a heading's or list
//     item's text without its marker) and keeps fixes in prose from making
//     syntax: no edit may change what the start of a line reads as ("1..
//     x" is not cut to the list item "1. x"), join two punctuation marks
//     by removing what was between them ("`\x03`"), change a prose line
//     that starts with "<", or lengthen a URL. Such findings are reported
//     without a fix.
//   - Suppressed, which drops the repeats dedupe finds between table
//     cells (data repeats: "| yes | yes |").
//
// The whole unit goes when dedupe removes a repeated list item or
// blockquote paragraph: its marker with it, as the removal runs from the
// end of the unit before it.
//
// Known limits: an ATX heading directly followed by a paragraph line (no
// blank line between) reads as one unit for dedupe, since the view cannot
// add a line break where the text has none (a blank line, a setext
// heading or a closing "#" sequence separates them); likewise the cells
// of a table written without padding ("|a|b|"). A sentence repeated
// inside one emphasis or link ("*A. A.*") is not found, as the view
// makes the delimiters part of the first and last sentence.
package markdown

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// IsMarkdownPath reports whether a file name has a Markdown extension:
// .md, .markdown, .mdown, .mkd, .mkdn, .mdwn, .mdtxt or .mdtext, in any
// letter case. MDX (.mdx) is not Markdown here: its import lines and JSX
// are code that the prose rules would change.
func IsMarkdownPath(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext":
		return true
	}
	return false
}

// Run cleans the Markdown document src with p: p.RunGuarded(src, Guard(src)).
func Run(p *pipeline.Pipeline, src string) *pipeline.Result {
	return p.RunGuarded(src, Guard(src))
}

var (
	mdOnce sync.Once
	md     parser.Parser
)

// mdParser returns the shared goldmark parser; goldmark parsers keep no
// state between calls and may be used concurrently.
func mdParser() parser.Parser {
	mdOnce.Do(func() {
		md = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()
	})
	return md
}

// parse parses src, with its front matter (if any, ending at fm) blanked
// out so that goldmark sees blank lines there.
func parse(src string, fm int) ast.Node {
	b := []byte(src)
	for i := 0; i < fm; i++ {
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
	return mdParser().Parse(text.NewReader(b))
}

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

type builder struct {
	src    string
	cls    []byte
	items  []itemParts
	leaves []leaf
	blocks []lint.Span // code, HTML, front matter, references, breaks
	tables []lint.Span
	cells  []int // where each table cell's text starts
	inl    []inlinePair
}

// inlinePair is an inline container whose opener (at open) and closer
// (at close) must go together.
type inlinePair struct{ open, close int }

// Guard returns the guard for the Markdown document src. It never fails:
// any input parses as Markdown, and invalid UTF-8 is kept as it is.
func Guard(src string) *pipeline.Guard {
	if strings.HasPrefix(src, bom) {
		// A byte order mark is not Markdown: the document (and its front
		// matter) starts after it, and the mark is left to the stages.
		return shiftGuard(guard(src[len(bom):]), bom)
	}
	return guard(src)
}

// bom is the UTF-8 byte order mark.
const bom = "\ufeff"

// Kinds of characters for the flanking of emphasis delimiters.
const (
	flankSpace = iota // white space, a line end, the start or end of text
	flankPunct        // punctuation and symbols
	flankOther
)

// flankClass returns the kind of r for CommonMark's delimiter flanking;
// -1 (no character) counts as white space.
func flankClass(r rune) int {
	switch {
	case r < 0 || unicode.IsSpace(r):
		return flankSpace
	case r < utf8.RuneSelf && asciiPunct(byte(r)), unicode.IsPunct(r), unicode.IsSymbol(r):
		return flankPunct
	}
	return flankOther
}

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

// rawFirstRune returns the first character of s, or -1.
func rawFirstRune(s string) rune {
	if s == "" {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// rawLastRune returns the last character of s, or -1.
func rawLastRune(s string) rune {
	if s == "" {
		return -1
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// firstRune returns the first character of s that the normalize stages
// keep (they remove controls and format characters), or -1.
func firstRune(s string) rune {
	n := 0
	for _, r := range s {
		if !removable(r) || n == maxRemovable {
			return r
		}
		n++
	}
	return -1
}

// maxRemovable bounds how many removable characters firstRune and
// lastRune look past, so that a text of controls costs linear time.
const maxRemovable = 64

// lastRune returns the last character of s that the normalize stages
// keep, or -1.
func lastRune(s string) rune {
	for n := 0; s != ""; n++ {
		r, size := utf8.DecodeLastRuneInString(s)
		if !removable(r) || n == maxRemovable {
			return r
		}
		s = s[:len(s)-size]
	}
	return -1
}

// removable reports whether r is a control or format character other
// than white space: one the normalize stages remove. A C1 control that
// stands for a Windows-1252 character (U+009A for š) is repaired, not
// removed, so it is not removable; the five that stand for none are.
func removable(r rune) bool {
	if 0x80 <= r && r <= 0x9F {
		return r == 0x81 || r == 0x8D || r == 0x8F || r == 0x90 || r == 0x9D
	}
	return r != '\n' && r != '\r' && r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r))
}

// isQuoteMark reports whether s is one quotation mark or apostrophe,
// straight or typographic.
func isQuoteMark(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	return size == len(s) && size > 0 && quoteRune(r)
}

// quoteRune reports whether r is a quotation mark or apostrophe.
func quoteRune(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '„', '‟', '‘', '’', '‚', '‛', '«', '»', '‹', '›':
		return true
	}
	return false
}

// shiftGuard returns g, a guard of a text, moved to follow prefix, which
// it leaves unguarded.
func shiftGuard(g *pipeline.Guard, prefix string) *pipeline.Guard {
	n := len(prefix)
	move := func(spans []lint.Span) []lint.Span {
		out := make([]lint.Span, len(spans))
		for i, s := range spans {
			out[i] = lint.Span{Start: s.Start + n, End: s.End + n}
		}
		return out
	}
	back := func(s lint.Span) (lint.Span, bool) {
		if s.Start < n {
			return s, false
		}
		return lint.Span{Start: s.Start - n, End: s.End - n}, true
	}
	out := &pipeline.Guard{Block: move(g.Block), Inline: move(g.Inline)}
	if g.View != "" {
		out.View = prefix + g.View
	}
	if refuse := g.Refuse; refuse != nil {
		out.Refuse = func(e lint.Edit) bool {
			s, ok := back(e.Span)
			if !ok {
				return e.End > n // an edit across the mark and the text
			}
			return refuse(lint.Edit{Span: s, New: e.New})
		}
	}
	if suppressed := g.Suppressed; suppressed != nil {
		out.Suppressed = func(rule string, span lint.Span) bool {
			s, ok := back(span)
			return ok && suppressed(rule, s)
		}
	}
	return out
}

// guard is Guard for a text without a byte order mark.
func guard(src string) *pipeline.Guard {
	b := &builder{src: src, cls: make([]byte, len(src))}
	fm := frontMatter(src)
	if fm > 0 {
		b.blocks = append(b.blocks, lint.Span{Start: 0, End: fm})
		b.fill(0, fm, cBlock)
	}
	doc := parse(src, fm)
	_ = ast.Walk(doc, b.visit)
	b.finishLines()
	return b.guard()
}

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

// table marks a table's syntax: everything from its first row to the end
// of its last that is not a cell's text. Cells are visited after.
func (b *builder) table(n ast.Node) {
	start := n.Pos()
	if start < 0 {
		return
	}
	end := -1
	rowLines := map[int]bool{}
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			if s, e, ok := linesSpan(c); ok && e > s {
				end = max(end, e)
				rowLines[b.lineStart(s)] = true
			}
		}
		if p := row.Pos(); p >= 0 {
			end = max(end, p)
		}
	}
	if end < start {
		return
	}
	end = b.contentEnd(end)
	// Cells first, so that the table's syntax is what is left.
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			b.leaf(c)
		}
	}
	for i := start; i < end; i++ {
		if b.src[i] != '\n' && b.cls[i] == cNone {
			b.cls[i] = cTable
		}
	}
	// A row's closing pipe ends its last cell's unit in the view.
	for ls := b.lineStart(start); ls < end; ls = b.lineEnd(ls) + 1 {
		le := min(b.contentEnd(ls), end)
		t := le
		for t > ls && (b.src[t-1] == ' ' || b.src[t-1] == '\t' || b.src[t-1] == '\r') {
			t--
		}
		if t > ls && rowLines[ls] && b.src[t-1] == '|' && b.cls[t-1] == cTable {
			b.cls[t-1] = cRowEnd
		}
	}
	b.tables = append(b.tables, lint.Span{Start: start, End: end})
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
// code span.
func (b *builder) inlines(n ast.Node, code bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindText:
			t := c.(*ast.Text)
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
		case ast.KindCodeSpan:
			b.inlines(c, true)
			if p := c.Pos(); p >= 0 {
				if e := leafEnd(c); e > p {
					k := e
					for k < len(b.src) && b.src[k] == '`' {
						k++
					}
					for i := p; i < k; i++ {
						if b.cls[i] == cInline || b.cls[i] == cSpace && b.src[i] != '\n' {
							b.cls[i] = cCode
						}
					}
				}
			}
		case ast.KindRawHTML:
			r := c.(*ast.RawHTML)
			for i := 0; i < r.Segments.Len(); i++ {
				sg := r.Segments.At(i)
				for j := max(sg.Start, 0); j < min(sg.Stop, len(b.src)); j++ {
					if b.cls[j] == cInline {
						b.cls[j] = cCode
					}
				}
			}
		case ast.KindEmphasis, ast.KindLink, ast.KindImage, east.KindStrikethrough:
			b.inlines(c, code)
			if p, e := c.Pos(), leafEnd(c); p >= 0 && e > p {
				b.inl = append(b.inl, inlinePair{open: p, close: e})
			}
		default:
			b.inlines(c, code)
		}
	}
}

// leafEnd returns the end of the last text under n, or -1.
func leafEnd(n ast.Node) int {
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		switch c.Kind() {
		case ast.KindText:
			return c.(*ast.Text).Segment.Stop
		case ast.KindRawHTML:
			r := c.(*ast.RawHTML)
			if r.Segments.Len() > 0 {
				return r.Segments.At(r.Segments.Len() - 1).Stop
			}
		case ast.KindAutoLink:
			return -1
		}
		if e := leafEnd(c); e >= 0 {
			return e
		}
		return -1
	}
	return -1
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

// guard builds the spans, the view and the hooks from the classes.
func (b *builder) guard() *pipeline.Guard {
	src, cls := b.src, b.cls
	g := &pipeline.Guard{}
	view := make([]byte, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch cls[i] {
		case cProse, cSpace:
			view[i] = c
		case cInline, cCode, cHard, cAttach:
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' {
				view[i] = c
			} else if i+1 < len(src) && quoteRune(firstRune(src[i+1:])) {
				// Syntax that a quote follows closes a word, as a letter
				// would: "*hello*" closes, `git`'s is an apostrophe, not
				// the inches of a number.
				view[i] = 'x'
			} else if i > 0 && quoteRune(lastRune(src[:i])) {
				// Syntax after a quote starts a word: the quote opens.
				view[i] = '^'
			} else {
				view[i] = '0'
			}
		case cStruct, cTable:
			if c == '\n' {
				view[i] = c
			} else {
				view[i] = ' '
			}
		default: // cBlock, cRowEnd
			view[i] = 'x'
		}
	}
	// Spans: runs of block classes and of guarded inline classes.
	for i := 0; i < len(src); {
		j := i + 1
		switch {
		case blockClass(cls[i]):
			for j < len(src) && blockClass(cls[j]) {
				j++
			}
			g.Block = append(g.Block, lint.Span{Start: i, End: j})
		case guardedInline(cls[i]):
			for j < len(src) && guardedInline(cls[j]) {
				j++
			}
			g.Inline = append(g.Inline, lint.Span{Start: i, End: j})
		}
		i = j
	}
	b.separate(view)
	g.View = string(view)
	b.refuse(g)
	b.suppress(g)
	return g
}

// blankView reports whether the view byte c is white space.
func blankView(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// separate makes every unit (leaf or block) a paragraph of its own in the
// view: a blank line between each and the next, made from syntax bytes
// between them (or, failing that, the last byte of an attached underline
// or closing sequence, or the first or last byte of a block).
func (b *builder) separate(view []byte) {
	type unit struct {
		start int
		block bool
	}
	units := make([]unit, 0, len(b.leaves)+len(b.blocks)+len(b.tables))
	for _, l := range b.leaves {
		units = append(units, unit{start: l.start})
	}
	// Block units: runs of cBlock, as blocks may have merged.
	for i := 0; i < len(b.cls); {
		if b.cls[i] != cBlock {
			i++
			continue
		}
		units = append(units, unit{start: i, block: true})
		for i < len(b.cls) && b.cls[i] == cBlock {
			i++
		}
	}
	slices.SortFunc(units, func(x, y unit) int { return x.start - y.start })
	for k := 1; k < len(units); k++ {
		s2 := units[k].start
		for s2 < len(view) && blankView(view[s2]) {
			s2++
		}
		if s2 >= len(view) {
			continue
		}
		g0 := s2
		for g0 > 0 && blankView(view[g0-1]) {
			g0--
		}
		if g0 == 0 || g0 <= units[k-1].start || hasBlankLine(view[g0:s2]) {
			continue
		}
		need := 2
		if strings.IndexByte(string(view[g0:s2]), '\n') >= 0 {
			need = 1
		}
		var cand []int
		for i := g0; i < s2; i++ {
			if c := b.cls[i]; c == cStruct || c == cTable {
				cand = append(cand, i)
			}
		}
		if len(cand) < need {
			if c := b.cls[g0-1]; c == cAttach || c == cBlock || c == cRowEnd {
				cand = append([]int{g0 - 1}, cand...)
			}
		}
		if len(cand) < need && units[k].block {
			cand = append(cand, s2)
		}
		if len(cand) < need {
			continue
		}
		if need == 1 {
			// Prefer a byte after the existing line break.
			nl := g0 + strings.IndexByte(string(view[g0:s2]), '\n')
			pick := cand[len(cand)-1]
			for _, c := range cand {
				if c > nl {
					pick = c
					break
				}
			}
			view[pick] = '\n'
		} else {
			view[cand[0]] = '\n'
			view[cand[1]] = '\n'
		}
	}
}

// hasBlankLine reports whether v holds two line breaks with only white
// space between them.
func hasBlankLine(v []byte) bool {
	last := -1
	for i, c := range v {
		switch c {
		case '\n':
			if last >= 0 {
				return true
			}
			last = i
		case ' ', '\t', '\r':
		default:
			last = -1
		}
	}
	return false
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
	g.Refuse = func(e lint.Edit) bool {
		if makesSyntax(src, e) || leavesSyntaxLine(src, cls, e) || joinsSyntaxLine(src, e) {
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

// asciiPunct reports whether c is ASCII punctuation: the bytes Markdown
// syntax is made of.
func asciiPunct(c byte) bool { return c < 0x80 && util.IsPunct(c) }

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

// suppress sets g.Suppressed to drop the repeats dedupe finds between
// table cells: a paragraph-level repeat inside a table, or a sentence
// repeat that starts a cell (it repeats the end of the cell before); and
// the blank-line removals after lines the view blanks out.
func (b *builder) suppress(g *pipeline.Guard) {
	tables, cells, src := b.tables, b.cells, b.src
	slices.Sort(cells)
	g.Suppressed = func(rule string, s lint.Span) bool {
		switch rule {
		case normalize.RuleBlankLines:
			// The view blanks out lines of syntax only (a table's
			// delimiter row); they are not blank lines.
			return joinsSyntaxLine(src, lint.Edit{Span: s})
		case dedupe.RuleParagraph, dedupe.RuleNearParagraph:
			i := sort.Search(len(tables), func(i int) bool { return tables[i].End > s.Start })
			return i < len(tables) && tables[i].Start <= s.Start
		case dedupe.RuleSentence, dedupe.RuleNearSentence:
			_, found := slices.BinarySearch(cells, s.Start)
			return found
		}
		return false
	}
}

// frontMatter returns the end of the YAML (---) or TOML (+++) front
// matter at the start of src, without its final line break, or 0.
func frontMatter(src string) int {
	if len(src) < 3 || (src[:3] != "---" && src[:3] != "+++") {
		return 0
	}
	delim := src[:3]
	le := strings.IndexByte(src, '\n')
	if le < 0 || strings.TrimRight(src[3:le], " \t\r") != "" {
		return 0
	}
	for ls := le + 1; ls < len(src); {
		e := strings.IndexByte(src[ls:], '\n')
		if e < 0 {
			e = len(src)
		} else {
			e += ls
		}
		line := strings.TrimRight(src[ls:e], " \t\r")
		if line == delim || delim == "---" && line == "..." {
			return ls + len(line)
		}
		ls = e + 1
	}
	return 0
}
