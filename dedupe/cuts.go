package dedupe

import (
	"strings"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// cuts sets the cut of each sentence that is gone. A run of removed
// sentences takes the white space on one side: after it when it starts
// the paragraph or a line, before it when it ends the paragraph or a
// line, after it otherwise. A run that is the whole paragraph takes the
// separator before the paragraph instead, so no blank lines pile up.
// The cuts of one run tile it, so fixes touch but never overlap.
func (c *checker) cuts(p lint.Span, prevEnd int) {
	ss := c.ss
	for i := 0; i < len(ss); {
		if !gone(&ss[i]) {
			i++
			continue
		}
		j := i
		for j+1 < len(ss) && gone(&ss[j+1]) {
			j++
		}
		n := len(ss)
		switch {
		case i == 0 && j == n-1: // the whole paragraph
			lo := prevEnd
			if lo < 0 {
				lo = p.Start
			}
			for k := i; k <= j; k++ {
				hi := ss[k].span.End
				if k == j {
					hi = p.End
				}
				ss[k].cut, ss[k].separate = lint.Span{Start: lo, End: hi}, k == i
				lo = hi
			}
		case j == n-1 || i > 0 && c.hasNewline(ss[j].span.End, ss[j+1].span.Start) && !c.hasNewline(ss[i-1].span.End, ss[i].span.Start):
			// Take the white space before the run.
			for k := i; k <= j; k++ {
				hi := ss[k].span.End
				if k == n-1 {
					hi = p.End
				}
				ss[k].cut, ss[k].separate = lint.Span{Start: ss[k-1].span.End, End: hi}, false
			}
		default:
			// Take the white space after the run.
			for k := i; k <= j; k++ {
				lo := ss[k].span.Start
				if k == 0 {
					lo = p.Start
				}
				ss[k].cut, ss[k].separate = lint.Span{Start: lo, End: ss[k+1].span.Start}, false
			}
		}
		i = j + 1
	}
}

func (c *checker) hasNewline(from, to int) bool {
	return strings.IndexByte(c.text[from:to], '\n') >= 0
}
