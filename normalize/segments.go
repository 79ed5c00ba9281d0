package normalize

import (
	"sort"
	"strings"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// An mseg is a piece of the text being repaired: an untouched slice of
// the original, or the repaired text of an original span.
type mseg struct {
	orig    lint.Span
	text    string
	changed bool
	how     uint16
}

// An medit replaces [start, end) of the current text.
type medit struct {
	start, end int
	new        string
	how        uint16
}

// fixedPoint applies pass to text until it finds nothing more to do, at
// most maxPasses times, and returns the final text and its segments: what
// each changed span of the original became. pass is given the current
// text and the ranges of it that earlier passes produced; its edits must
// be sorted and must not overlap.
func fixedPoint(text string, maxPasses int, pass func(cur string, changed []lint.Span) []medit) ([]mseg, string) {
	edits := pass(text, nil)
	if len(edits) == 0 {
		return nil, text
	}
	segs := []mseg{{orig: lint.Span{Start: 0, End: len(text)}, text: text}}
	cur := text
	for p := 0; p < maxPasses; p++ {
		if p > 0 {
			edits = pass(cur, changedRanges(segs))
			if len(edits) == 0 {
				break
			}
		}
		segs = spliceSegs(segs, expandEdits(cur, segs, edits))
		var b strings.Builder
		b.Grow(len(cur))
		for _, s := range segs {
			b.WriteString(s.text)
		}
		cur = b.String()
	}
	return segs, cur
}

// changedRanges returns the ranges of the current text that earlier
// passes produced, adjacent ones merged.
func changedRanges(segs []mseg) []lint.Span {
	var out []lint.Span
	pos := 0
	for _, s := range segs {
		end := pos + len(s.text)
		if s.changed {
			if n := len(out); n > 0 && out[n-1].End == pos {
				out[n-1].End = end
			} else {
				out = append(out, lint.Span{Start: pos, End: end})
			}
		}
		pos = end
	}
	return out
}

// expandEdits widens each edit to whole changed segments, so that a
// segment repaired again is replaced as a whole, and merges edits that
// then overlap.
func expandEdits(cur string, segs []mseg, edits []medit) []medit {
	ch := changedRanges(segs)
	var out []medit
	for i := 0; i < len(edits); {
		a, b := widen(ch, edits[i].start, edits[i].end)
		j := i + 1
		for j < len(edits) && edits[j].start < b {
			_, b2 := widen(ch, edits[j].start, edits[j].end)
			b = max(b, b2)
			j++
		}
		var sb strings.Builder
		var how uint16
		last := a
		for _, e := range edits[i:j] {
			sb.WriteString(cur[last:e.start])
			sb.WriteString(e.new)
			last = e.end
			how |= e.how
		}
		sb.WriteString(cur[last:b])
		out = append(out, medit{start: a, end: b, new: sb.String(), how: how})
		i = j
	}
	return out
}

// widen extends [a, b) to whole changed ranges.
func widen(ch []lint.Span, a, b int) (int, int) {
	if k := sort.Search(len(ch), func(k int) bool { return ch[k].End > a }); k < len(ch) && ch[k].Start < a {
		a = ch[k].Start
	}
	if k := sort.Search(len(ch), func(k int) bool { return ch[k].End >= b }); k < len(ch) && ch[k].Start < b && b < ch[k].End {
		b = ch[k].End
	}
	return a, b
}

// spliceSegs applies edits of the current text (which cover changed
// segments whole) to the segments.
func spliceSegs(segs []mseg, edits []medit) []mseg {
	out := make([]mseg, 0, len(segs)+2*len(edits))
	pos, k := 0, 0
	for _, e := range edits {
		for k < len(segs) && pos+len(segs[k].text) <= e.start {
			out = append(out, segs[k])
			pos += len(segs[k].text)
			k++
		}
		merged := mseg{changed: true, how: e.how}
		s := segs[k]
		off := e.start - pos
		if off > 0 {
			out = append(out, mseg{orig: lint.Span{Start: s.orig.Start, End: s.orig.Start + off}, text: s.text[:off]})
		}
		merged.orig.Start = s.orig.Start + off
		if s.changed {
			merged.orig.Start = s.orig.Start
		}
		for pos+len(segs[k].text) < e.end {
			merged.how |= segs[k].how
			pos += len(segs[k].text)
			k++
		}
		s = segs[k]
		off = e.end - pos
		merged.how |= s.how
		if !s.changed && off < len(s.text) {
			merged.orig.End = s.orig.Start + off
			segs[k] = mseg{orig: lint.Span{Start: s.orig.Start + off, End: s.orig.End}, text: s.text[off:]}
			pos += off
		} else {
			merged.orig.End = s.orig.End
			pos += len(s.text)
			k++
		}
		merged.text = e.new
		out = append(out, merged)
	}
	return append(out, segs[k:]...)
}

// segmentFindings turns the changed segments of a fixedPoint run over src
// into findings of rule against the text src was made from: through view
// when src is a view of it (nil: src is the text itself). A segment that
// does not map back, or would overlap the one before, is left out.
func segmentFindings(src string, segs []mseg, view *textView, rule string, sev lint.Severity, message func(before string, s mseg) string) []lint.Finding {
	var fs []lint.Finding
	var edits editBlock
	last := 0
	for _, s := range segs {
		if !s.changed {
			continue
		}
		span := s.orig
		if view != nil {
			var ok bool
			if span, ok = view.origSpan(span); !ok || span.Start < last {
				continue
			}
		}
		last = span.End
		fs = append(fs, lint.Finding{
			Rule:     rule,
			Severity: sev,
			Span:     span,
			Message:  message(src[s.orig.Start:s.orig.End], s),
			Fix:      edits.one(lint.Edit{Span: span, New: s.text}),
		})
	}
	return fs
}
