package markdown

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
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

// TestReferenceLabelsKept: the text of a collapsed or shortcut reference
// link or image is the label that names its definition, which is never
// changed: in every quote style the text keeps its quotes too, so the
// link still resolves (the label is matched case-folded, with white
// space collapsed). A full reference's text is prose, and so is a
// bracketed text no definition names.
func TestReferenceLabelsKept(t *testing.T) {
	src := "See [the editor’s notes], [The Editor’s  Notes][] and ![the “pic”].\n" +
		"Read [the “guide”][the editor’s notes] or [someone’s] “words”.\n\n" +
		"[the editor’s notes]: https://example.com/notes\n" +
		"[the “pic”]: /pic.png\n"
	straight := "See [the editor’s notes], [The Editor’s  Notes][] and ![the “pic”].\n" +
		"Read [the \"guide\"][the editor’s notes] or [someone's] \"words\".\n\n" +
		"[the editor’s notes]: https://example.com/notes\n" +
		"[the “pic”]: /pic.png\n"
	for _, tc := range []struct {
		name     string
		opts     registry.Options
		in, want string
	}{
		{"default", registry.Options{}, src, straight},
		{"typographic", registry.Options{Normalize: normalize.Options{Quotes: normalize.QuotesTypographic}}, src, src},
		{"typographic from straight", registry.Options{Normalize: normalize.Options{Quotes: normalize.QuotesTypographic}},
			strings.ReplaceAll(src, "’", "'"), strings.Replace(strings.ReplaceAll(src, "’", "'"), "[someone's]", "[someone’s]", 1)},
	} {
		r := Run(registry.Default(tc.opts), tc.in)
		if r.Cleaned != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, r.Cleaned, tc.want)
		}
		if got, want := render(t, r.Cleaned), render(t, tc.in); strings.Count(got, "<a href") != strings.Count(want, "<a href") || strings.Count(got, "<img") != strings.Count(want, "<img") {
			t.Errorf("%s: links or images lost:\n%s", tc.name, got)
		}
		if strings.Count(render(t, r.Cleaned), "<a href") != 3 {
			t.Errorf("%s: want 3 links in %s", tc.name, render(t, r.Cleaned))
		}
	}
}
