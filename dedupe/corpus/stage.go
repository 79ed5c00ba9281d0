package corpus

import (
	"fmt"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// Stage returns a stage that reports the decision on the text it was
// analyzed from: each repeated paragraph (removed, with the blank lines
// before it, when Options.Remove is set) and, for a duplicate document, a
// finding on its first paragraph. Run it with pipeline.Extend on the
// result whose Cleaned text was analyzed. On any other text (of another
// length) it reports nothing.
func (d *Decision) Stage() lint.Stage { return stage{d} }

type stage struct{ d *Decision }

func (stage) Name() string       { return "corpus" }
func (stage) Rules() []lint.Rule { return Rules() }
func (s stage) Check(text string) []lint.Finding {
	d := s.d
	if d.d == nil || len(text) != d.d.Len {
		return nil
	}
	var out []lint.Finding
	paras := d.d.Paras
	if d.Duplicate() && len(paras) > 0 {
		msg := fmt.Sprintf("document is a copy of %s", d.CopyOf)
		if d.CopyOf == "" {
			msg = fmt.Sprintf("document is %.0f%% like %s (word 5-grams)", 100*d.Similarity, d.NearOf)
		}
		out = append(out, lint.Finding{Rule: RuleDocument, Severity: lint.Warning, Span: paras[0].Span, Message: msg})
	}
	// firstKept is the first paragraph not removed.
	firstKept := 0
	if d.remove {
		removed := make(map[int]bool, len(d.Repeats))
		for _, r := range d.Repeats {
			removed[r.N-1] = true
		}
		for removed[firstKept] {
			firstKept++
		}
	}
	for _, r := range d.Repeats {
		f := lint.Finding{Rule: RuleParagraph, Severity: lint.Warning, Span: r.Span}
		if d.remove {
			f.Message = fmt.Sprintf("paragraph repeats %s (removed)", r.First)
			f.Fix = []lint.Edit{{Span: removal(paras, r.N-1, firstKept)}}
		} else {
			f.Message = fmt.Sprintf("paragraph repeats %s", r.First)
		}
		out = append(out, f)
	}
	return out
}

// removal returns the bytes to delete to remove paragraph k: from the end
// of the paragraph before it, or, when every paragraph before it is
// removed too (k <= firstKept), from its start to the start of the next
// paragraph. Removals of neighbouring paragraphs meet without overlapping.
func removal(paras []Para, k, firstKept int) lint.Span {
	p := paras[k]
	if k > firstKept {
		return lint.Span{Start: paras[k-1].End, End: p.End}
	}
	if k+1 < len(paras) {
		return lint.Span{Start: p.Start, End: paras[k+1].Start}
	}
	return p.Span
}
