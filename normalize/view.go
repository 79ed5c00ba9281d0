package normalize

import (
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/copydesk/copydesk/pipeline/charclass"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// A textView is a text as the later stages of the chain will leave it,
// for a stage that runs before them and must not leave them work that
// brings mojibake together: characters the invisible stage removes
// (C0 controls other than tab, line feed, form feed and carriage return, DEL,
// U+200B, U+2060, U+FEFF) are dropped, and runs not in NFC are
// normalized ("A" and U+0303 become "Ã"), Unicode spaces other than the
// no-break space become spaces and ligatures their letters.
//
// The view is made of units, each mapping bytes of the view to bytes of
// the original: identity units map byte for byte, normalized units as a
// whole.
type textView struct {
	text  string
	units []viewUnit
}

type viewUnit struct {
	view, orig lint.Span
	identity   bool
}

// viewTransparent reports whether the view drops r: the invisible
// stage removes it (charclass.Removed), and it is neither a C1 control
// (those that stand for a Windows-1252 character are the mojibake
// stage's to repair; the others are dropped with dropC1) nor the soft
// hyphen U+00AD, which is the Latin-1 byte 0xAD of mojibake ("Â\u00ad").
func viewTransparent(r rune) bool {
	return charclass.Removable(r) && r != 0xAD && (r < 0x80 || r > 0x9F)
}

// needsView reports whether text holds characters a view would change.
// It looks at bytes only: the characters it looks for are C0 controls,
// DEL, U+0081–U+009D (with dropC1), U+0300–U+036F (0xCC, 0xCD), U+2000–
// U+200B and U+202F (0xE2 0x80), U+205F and U+2060 (0xE2 0x81), U+3000
// (0xE3 0x80 0x80), U+FB00–U+FB06 (0xEF 0xAC) and U+FEFF (0xEF 0xBB 0xBF).
func needsView(text string, dropC1 bool) bool {
	for i := skipPrintableASCII(text, 0); i < len(text); i = skipPrintableASCII(text, i) {
		c := text[i]
		var b1, b2 byte
		if i+1 < len(text) {
			b1 = text[i+1]
		}
		if i+2 < len(text) {
			b2 = text[i+2]
		}
		switch {
		case c < 0x20:
			if charclass.Removable(rune(c)) {
				return true
			}
		case c == 0x7F, c == 0xCC, c == 0xCD:
			return true
		case c == 0xC2:
			if dropC1 && removedC1(rune(b1)) {
				return true
			}
		case c == 0xE2:
			if b1 == 0x80 && (b2 >= 0x80 && b2 <= 0x8B || b2 == 0xAF) || b1 == 0x81 && (b2 == 0x9F || b2 == 0xA0) {
				return true
			}
		case c == 0xE3:
			if b1 == 0x80 && b2 == 0x80 {
				return true
			}
		case c == 0xEF:
			if b1 == 0xAC && b2 >= 0x80 && b2 <= 0x86 || b1 == 0xBB && b2 == 0xBF {
				return true
			}
		}
		// Skip the rest of a multi-byte sequence.
		if n := seqLen(c); n > 0 {
			i += n
		} else {
			i++
		}
	}
	return false
}

// newTextView builds the view of text in two steps, as the chain does:
// first what the codepoints, invisible and chars stages remove or
// replace, then NFC. With dropC1, the C1 controls that are no
// Windows-1252 character are dropped too.
func newTextView(text string, dropC1 bool) *textView {
	f := filterView(text, dropC1)
	if norm.NFC.QuickSpanString(f.text) == len(f.text) {
		return f
	}
	v := &textView{}
	var b strings.Builder
	b.Grow(len(f.text))
	// emit adds the view text out for f.text[p:q].
	emit := func(p, q int, out string, identity bool) {
		if out == "" {
			return
		}
		vs := b.Len()
		b.WriteString(out)
		if !identity {
			o, _ := f.origPos(p, false)
			e, _ := f.origPos(q, true)
			o, e = f.lenientStart(p, o), f.lenientEnd(q, e)
			v.units = append(v.units, viewUnit{view: lint.Span{Start: vs, End: vs + len(out)}, orig: lint.Span{Start: o, End: e}})
			return
		}
		// Split f.text[p:q] along the units of f.
		for k := f.unitAt(p); k < len(f.units) && f.units[k].view.Start < q; k++ {
			u := f.units[k]
			a, c := max(p, u.view.Start), min(q, u.view.End)
			if a >= c {
				continue
			}
			vu := viewUnit{view: lint.Span{Start: vs + a - p, End: vs + c - p}, orig: u.orig, identity: u.identity}
			if u.identity {
				vu.orig = lint.Span{Start: u.orig.Start + a - u.view.Start, End: u.orig.Start + c - u.view.Start}
				if n := len(v.units); n > 0 {
					if l := &v.units[n-1]; l.identity && l.view.End == vu.view.Start && l.orig.End == vu.orig.Start {
						l.view.End, l.orig.End = vu.view.End, vu.orig.End
						continue
					}
				}
			}
			v.units = append(v.units, vu)
		}
	}
	ft := f.text
	for i := 0; i < len(ft); {
		j := i
		for j < len(ft) {
			r, size := runeAt(ft, j)
			if r == utf8.RuneError && size == 1 {
				break
			}
			j += size
		}
		for p := i; p < j; {
			// Text already in NFC goes through whole; a segment that may
			// not be is normalized on its own.
			n := norm.NFC.QuickSpanString(ft[p:j])
			if n > 0 {
				emit(p, p+n, ft[p:p+n], true)
				p += n
				continue
			}
			q := j
			if b := norm.NFC.NextBoundaryInString(ft[p:j], true); b > 0 {
				q = p + b
			}
			if seg := norm.NFC.String(ft[p:q]); seg == ft[p:q] {
				emit(p, q, seg, true)
			} else {
				emit(p, q, seg, false)
			}
			p = q
		}
		k := j
		for k < len(ft) {
			r, size := runeAt(ft, k)
			if r != utf8.RuneError || size != 1 {
				break
			}
			k++
		}
		emit(j, k, ft[j:k], true)
		i = k
	}
	v.text = b.String()
	return v
}

// unitAt returns the index of the unit holding view offset p, or the
// number of units if p is at or past the end.
func (v *textView) unitAt(p int) int {
	return sort.Search(len(v.units), func(k int) bool { return v.units[k].view.End > p })
}

// lenientStart maps view offset p to the start of the unit holding it.
func (v *textView) lenientStart(p, o int) int {
	if k := v.unitAt(p); k < len(v.units) && v.units[k].view.Start <= p {
		u := v.units[k]
		if u.identity {
			return u.orig.Start + p - u.view.Start
		}
		return u.orig.Start
	}
	return o
}

// lenientEnd maps view offset q to the end of the unit holding q-1.
func (v *textView) lenientEnd(q, e int) int {
	if q == 0 {
		return e
	}
	if k := v.unitAt(q - 1); k < len(v.units) && v.units[k].view.Start < q {
		u := v.units[k]
		if u.identity {
			return u.orig.Start + q - u.view.Start
		}
		return u.orig.End
	}
	return e
}

// filterView builds the first step of the view: characters removed or
// replaced, no NFC.
func filterView(text string, dropC1 bool) *textView {
	v := &textView{}
	var b strings.Builder
	b.Grow(len(text))
	add := func(orig lint.Span, out string, identity bool) {
		if out == "" {
			return
		}
		vs := lint.Span{Start: b.Len(), End: b.Len() + len(out)}
		b.WriteString(out)
		if n := len(v.units); identity && n > 0 && v.units[n-1].identity && v.units[n-1].orig.End == orig.Start && v.units[n-1].view.End == vs.Start {
			v.units[n-1].orig.End = orig.End
			v.units[n-1].view.End = vs.End
			return
		}
		v.units = append(v.units, viewUnit{view: vs, orig: orig, identity: identity})
	}
	from := 0
	for i := 0; i < len(text); {
		r, size := runeAt(text, i)
		switch {
		case r == utf8.RuneError && size == 1:
		case viewTransparent(r) || dropC1 && removedC1(r):
			// A cluster of them is kept if dropping it would join invalid
			// bytes: the invisible stage keeps it too.
			end := i + size
			for end < len(text) {
				r2, s2 := runeAt(text, end)
				if !viewTransparent(r2) && !(dropC1 && removedC1(r2)) {
					break
				}
				end += s2
			}
			if !joinsInvalid(text, i, end) {
				add(lint.Span{Start: from, End: i}, text[from:i], true)
				from = end
			}
			i = end
			continue
		case r > 0xA0 && unicodeSpace(r) != nil:
			// The chars stage makes it a space.
			add(lint.Span{Start: from, End: i}, text[from:i], true)
			add(lint.Span{Start: i, End: i + size}, " ", false)
			from = i + size
		case r >= 0xFB00 && r <= 0xFB06:
			// The codepoints stage spells the ligature out.
			add(lint.Span{Start: from, End: i}, text[from:i], true)
			add(lint.Span{Start: i, End: i + size}, ligatures[r-0xFB00], false)
			from = i + size
		}
		i += size
	}
	add(lint.Span{Start: from, End: len(text)}, text[from:], true)
	v.text = b.String()
	return v
}

// origSpan maps a span of the view to the original, or reports false if
// a boundary falls inside a normalized unit.
func (v *textView) origSpan(s lint.Span) (lint.Span, bool) {
	start, ok1 := v.origPos(s.Start, false)
	end, ok2 := v.origPos(s.End, true)
	return lint.Span{Start: start, End: end}, ok1 && ok2
}

// origPos maps a view offset to the original. At a boundary between
// units, an end maps to the end of the unit before, a start to the start
// of the unit after, so that dropped characters between them stay out.
func (v *textView) origPos(p int, end bool) (int, bool) {
	k := sort.Search(len(v.units), func(k int) bool {
		if end {
			return v.units[k].view.End >= p
		}
		return v.units[k].view.End > p
	})
	if k == len(v.units) {
		if len(v.units) == 0 {
			return 0, p == 0
		}
		u := v.units[len(v.units)-1]
		return u.orig.End, p == u.view.End
	}
	u := v.units[k]
	switch {
	case u.identity:
		return u.orig.Start + p - u.view.Start, true
	case p == u.view.Start:
		return u.orig.Start, true
	case p == u.view.End:
		return u.orig.End, true
	}
	return 0, false
}
