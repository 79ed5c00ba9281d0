package dedupe

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// dropParagraph removes paragraph p, a repeat of first, with the
// separator before it.
func (c *checker) dropParagraph(p lint.Span, prevEnd int, first lint.Span, msg string) {
	cut := lint.Span{Start: prevEnd, End: p.End}
	if prevEnd < 0 {
		cut.Start = p.Start // not reached: the first paragraph repeats nothing
	}
	c.emit(RuleParagraph, lint.Error, p, msg+" (removed"+c.differs(p, first)+")", &cut, first)
}

// report adds a warning without a fix.
func (c *checker) report(rule string, sp, first lint.Span, msg string) {
	c.emit(rule, lint.Warning, sp, msg, nil, first)
}

// suggest adds a warning whose fix, deleting cut, is a suggestion.
func (c *checker) suggest(rule string, sp, first lint.Span, msg string, cut lint.Span) {
	c.emit(rule, lint.Warning, sp, msg, &cut, first)
	c.out[len(c.out)-1].Suggest = true
}

// emit adds a finding at sp about a repeat of first; cut, if not nil, is
// what its fix deletes. The one-element Fix and Related slices are cut
// from shared slabs, with their capacity capped, so that a text with many
// findings does not make two small allocations for each.
func (c *checker) emit(rule string, sev lint.Severity, sp lint.Span, msg string, cut *lint.Span, first lint.Span) {
	if len(c.related) == cap(c.related) {
		c.related = make([]lint.Span, 0, min(max(16, 2*cap(c.related)), 4096))
	}
	c.related = append(c.related, first)
	n := len(c.related)
	f := lint.Finding{Rule: rule, Severity: sev, Span: sp, Message: msg, Related: c.related[n-1 : n : n]}
	if cut != nil {
		if len(c.edits) == cap(c.edits) {
			c.edits = make([]lint.Edit, 0, min(max(16, 2*cap(c.edits)), 4096))
		}
		c.edits = append(c.edits, lint.Edit{Span: *cut})
		n := len(c.edits)
		f.Fix = c.edits[n-1 : n : n]
	}
	if len(c.out) == cap(c.out) {
		// Full: start a new chunk rather than copying the findings so
		// far; findings gathers them at the end.
		if len(c.out) > 0 {
			c.done = append(c.done, c.out)
			c.total += len(c.out)
		}
		c.out = make([]lint.Finding, 0, min(max(16, 2*cap(c.out)), 8192))
	}
	c.out = append(c.out, f)
}

// findings returns all findings, sorted by position.
func (c *checker) findings() []lint.Finding {
	out := c.out
	if len(c.done) > 0 {
		out = make([]lint.Finding, 0, c.total+len(c.out))
		for _, d := range c.done {
			out = append(out, d...)
		}
		out = append(out, c.out...)
	}
	cmp := func(a, b lint.Finding) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	}
	if !slices.IsSortedFunc(out, cmp) {
		slices.SortStableFunc(out, cmp)
	}
	return out
}

// emitSentences reports the sentences of the paragraph that repeat.
func (c *checker) emitSentences() {
	for i := range c.ss {
		s := &c.ss[i]
		if s.passage < 0 {
			continue // in the finding of the passage around it
		}
		if c.inSuggested != "" && s.why != "" {
			continue // in the finding of the paragraph
		}
		var msg string
		switch s.fate {
		case kept:
			continue
		case keptRepeat:
			c.report(RuleSentence, s.span, s.related, "sentence repeats an earlier sentence; not adjacent, so kept (use --dedupe all to remove)")
			continue
		case cutBoundary:
			if s.passage > 0 {
				c.emitPassage(i)
				continue
			}
			msg = "paragraph starts with the sentence that ended the paragraph before it"
		case cutAdjacent:
			msg = "sentence repeats the sentence just before it"
		case cutEarlier:
			msg = "sentence repeats an earlier sentence"
		case cutPassage:
			if s.passage <= 0 {
				continue // reported with the first sentence of its passage
			}
			c.emitPassage(i)
			continue
		}
		switch {
		case s.unsafe && s.why != "":
			c.report(RuleSentence, s.span, s.related, msg+"; kept, as "+s.why)
		case s.unsafe:
			c.report(RuleSentence, s.span, s.related, msg+"; kept, as removing it would change how the rest of the paragraph splits into sentences")
		case s.separate:
			c.emit(RuleSentence, lint.Error, s.span, msg+" (removed, with the paragraph it leaves empty"+c.differs(s.span, s.related)+")", &s.cut, s.related)
		default:
			c.emit(RuleSentence, lint.Error, s.span, msg+" (removed"+c.differs(s.span, s.related)+")", &s.cut, s.related)
		}
	}
}

// emitPassage reports the repeated passage that starts at sentence i as one
// finding: its span runs from its first sentence to its last, and its fix
// removes them all.
func (c *checker) emitPassage(i int) {
	s := &c.ss[i]
	end := &c.ss[s.passageEnd]
	sp := lint.Span{Start: s.span.Start, End: end.span.End}
	first := lint.Span{Start: s.related.Start, End: end.related.End}
	msg := fmt.Sprintf("passage of %d sentences repeats the %d sentences just before it", s.passage, s.passage)
	if s.fate == cutBoundary {
		msg = fmt.Sprintf("paragraph starts with the %d sentences that ended the paragraph before it", s.passage)
	}
	if s.unsafe && s.why != "" {
		c.report(RuleSentence, sp, first, msg+"; kept, as "+s.why)
		return
	}
	if s.unsafe {
		c.report(RuleSentence, sp, first, msg+"; kept, as removing it would change how the rest of the paragraph splits into sentences")
		return
	}
	cut := lint.Span{Start: s.cut.Start, End: end.cut.End}
	if s.separate {
		c.emit(RuleSentence, lint.Error, sp, msg+" (removed, with the paragraph it leaves empty"+c.differs(sp, first)+")", &cut, first)
		return
	}
	c.emit(RuleSentence, lint.Error, sp, msg+" (removed"+c.differs(sp, first)+")", &cut, first)
}

// emitDoubles reports the doubled words of the sentences that stay; fix
// says whether those that are slips are removed.
func (c *checker) emitDoubles(fix bool) {
	for i := range c.ss {
		s := &c.ss[i]
		if gone(s) {
			continue
		}
		for k, d := range c.dbl[s.dbl.Start:s.dbl.End] {
			if d.n > 2 {
				c.emitRun(d, fix, &c.dblCut[s.dbl.Start+k])
				continue
			}
			w := strconv.Quote(c.text[d.second.Start:d.second.End])
			if d.suggest {
				c.suggest(RuleWord, d.second, d.first, "repeated word "+w+"; removing the second copy is suggested, as this doubling can be meant (a word that is not a function word, or not in running prose)", d.cutSpan())
				continue
			}
			if !fix && d.fix {
				c.report(RuleWord, d.second, d.first, "repeated word "+w+"; kept, as removing it would change how its paragraph splits into sentences")
				continue
			}
			if !d.fix {
				c.report(RuleWord, d.second, d.first, "repeated word "+w+"; kept, as this doubling is often grammatical (\"waiting for for years\", \"what it is is\")")
				continue
			}
			c.emit(RuleWord, lint.Warning, d.second, "repeated word "+w+" (the second copy is removed)", &c.dblCut[s.dbl.Start+k], d.first)
		}
	}
}

// differs returns a note for a message when the copies at a and b are
// not byte for byte the same, to go inside its parentheses.
func (c *checker) differs(a, b lint.Span) string {
	if c.text[a.Start:a.End] == c.text[b.Start:b.End] {
		return ""
	}
	return "; the copies differ only in case, quotes, spacing, final dots or repeats inside them"
}
