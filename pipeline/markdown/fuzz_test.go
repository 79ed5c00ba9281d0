package markdown

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

var fuzzOptions = []registry.Options{
	{},
	{Dedupe: dedupe.Options{Mode: dedupe.All}},
	{Normalize: normalize.Options{Quotes: normalize.QuotesTypographic}},
}

// FuzzMarkdown checks, for any input: Run does not panic; no change
// touches a Block span; the changes give the cleaned text; a second run
// changes nothing; and code blocks keep their text while code spans, link
// destinations, autolinks and inline HTML only ever go whole (with a
// removed paragraph), never changed.
func FuzzMarkdown(f *testing.F) {
	for _, name := range []string{"doc.md", "clean.md"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"- a long enough item here\n- a long enough item here\n",
		"*A long sentence here. A long sentence here.*\n",
		"# Head\nA long sentence here. A long sentence here.\n",
		"> q..\n>\n> q..\n",
		"| a | b |\n|---|---|\n| c  d | “e” |\n",
		"```\nx\n```\ntext\n```\n",
		"Title\n=\nA long enough para here.\n\nA long enough para here.\n",
		"[a]: /u\n[b]: /v “t”\n\ntext [a] and [b].\n",
		"a  \nb\\\nc\n",
		"<div>\n“x”..\n</div>\n\n“y”..\n",
		// A control character next to syntax: removing it would change
		// how the emphasis parses, or leave a repeated heading behind.
		"A\"\x02*\"*",
		"A long enough item here\n# A long enough item here\x02",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 4096 {
			return
		}
		g := Guard(in)
		if len(g.View) != len(in) {
			t.Fatalf("view length %d, want %d", len(g.View), len(in))
		}
		before := protected(in)
		for _, opts := range fuzzOptions {
			p := registry.Default(opts)
			r := p.RunGuarded(in, g)
			out, err := lint.Apply(in, r.Edits())
			if err != nil || out != r.Cleaned {
				t.Fatalf("changes do not give the cleaned text (err %v)\nin:  %q\nout: %q", err, in, r.Cleaned)
			}
			for _, c := range r.Changes {
				for _, b := range g.Block {
					if c.Start < b.End && b.Start < c.End || c.Start == c.End && b.Start < c.Start && c.Start < b.End {
						t.Fatalf("change %v touches block %q\nin: %q", c.Edit, in[b.Start:b.End], in)
					}
				}
			}
			if !r.Changed() {
				continue
			}
			if r2 := Run(p, r.Cleaned); r2.Changed() {
				t.Fatalf("second run changes more (opts %+v)\nin:   %q\nout:  %q\nout2: %q\n%s", opts, in, r.Cleaned, r2.Cleaned, checkReport(r2))
			}
			after := protected(r.Cleaned)
			if len(after["block"]) != len(before["block"]) || !subMultiset(after["block"], before["block"]) {
				t.Fatalf("code blocks changed\nin:  %q\nout: %q\nbefore %q\nafter  %q", in, r.Cleaned, before["block"], after["block"])
			}
			// A construct may go with a removed paragraph or sentence,
			// and a fix in prose may complete one (a link title typed
			// with curly quotes), but none is ever changed.
			long := false
			for _, c := range r.Changes {
				long = long || c.New == "" && c.Len() > 20
			}
			for _, k := range []string{"code", "dest", "auto", "html"} {
				if !long && !subMultiset(before[k], after[k]) {
					t.Fatalf("%s changed\nin:  %q\nout: %q\nbefore %q\nafter  %q", k, in, r.Cleaned, before[k], after[k])
				}
			}
		}
	})
}
