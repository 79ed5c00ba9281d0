package markdown

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// TestPairEndsInAutolink: an emphasis, strikethrough or image whose last
// inline is an autolink or a bare URL keeps its opener with its closer,
// like one that ends in text: an edit that removes the opener and not
// the closer is refused. (leafEnd stopped at an autolink and found no
// closer, so the pair was not kept together.)
func TestPairEndsInAutolink(t *testing.T) {
	for _, tc := range []struct{ src, del string }{
		{"Intro *see <http://x.org>* end.\n", "*see "},
		{"Intro *see http://x.org* end.\n", "*see "},
		{"Intro ~~see www.x.org~~ end.\n", "~~see "},
		{"Intro **see <a@b.org>** end.\n", "**see "},
		{"Intro *see **<http://x.org>*** end.\n", "*see "},
		{"Intro ![see <http://x.org>](/i.png) end.\n", "![see "},
		// Ending in raw HTML or in text: kept together before too.
		{"Intro *see <b>* end.\n", "*see "},
		{"Intro *see this* end.\n", "*see "},
	} {
		s := strings.Index(tc.src, tc.del)
		e := lint.Edit{Span: lint.Span{Start: s, End: s + len(tc.del)}}
		if g := Guard(tc.src); g.Refuse == nil || !g.Refuse(e) {
			t.Errorf("%q: deleting %q (the opener without its closer) is not refused", tc.src, tc.del)
		}
		// The closer stays whole: deleting the opener with everything
		// up to and including the closer is fine.
		end := strings.LastIndexAny(tc.src, "*~)") + 1
		whole := lint.Edit{Span: lint.Span{Start: s, End: end}}
		if g := Guard(tc.src); g.Refuse(whole) {
			t.Errorf("%q: deleting %q (opener and closer) is refused", tc.src, tc.src[s:end])
		}
	}
}
