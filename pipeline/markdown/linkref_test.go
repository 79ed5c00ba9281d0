package markdown

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// TestChunkedRefsSameAsGoldmark: paragraphs of many link reference
// definitions (titles on the same or the next line, titles over several
// lines, some starting with "[", definitions goldmark refuses, plain
// text) render the same whether goldmark takes the definitions out in
// one go or chunkedRefs does it in chunks.
func TestChunkedRefsSameAsGoldmark(t *testing.T) {
	var ours bytes.Buffer
	conv := func(src []byte) string {
		ours.Reset()
		pc := parser.NewContext()
		pc.Set(budgetKey, &refsBudget{left: 1 << 40})
		doc := mdParser().Parse(text.NewReader(src), parser.WithContext(pc))
		r := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe())).Renderer()
		if err := r.Render(&ours, src, doc); err != nil {
			t.Fatal(err)
		}
		return ours.String()
	}
	pieces := []func(i int) string{
		func(i int) string { return fmt.Sprintf("[a%d]: /u%d\n", i, i) },
		func(i int) string { return fmt.Sprintf("[a%d]: /u%d \"t%d\"\n", i, i, i) },
		func(i int) string { return fmt.Sprintf("[a%d]: /u%d\n'next line %d'\n", i, i, i) },
		func(i int) string { return fmt.Sprintf("[a%d]: /u%d 'multi\n[line %d'\n", i, i, i) },
		func(i int) string { return fmt.Sprintf("[a%d]: /u%d (open\n", i, i) },
		func(i int) string { return fmt.Sprintf("[bad%d]: <x\n", i) },
		func(i int) string { return fmt.Sprintf("[a%d] text\n", i) },
		func(i int) string { return "plain words\n" },
	}
	defs := func(from, to int) string {
		var b strings.Builder
		for i := from; i < to; i++ {
			b.WriteString(pieces[0](i))
		}
		return b.String()
	}
	// A title cut at a chunk's end: the 33rd line that starts with "["
	// continues the title begun on the 32nd.
	fixed := []string{
		defs(0, 31) + "[t]: /t 'multi\n[line title'\n" + defs(31, 80) + "\nuse [t] [a1] [a70]\n",
		defs(0, 31) + "[t]: /t\n'multi\n[line title'\n" + defs(31, 80) + "\nuse [t] [a1] [a70]\n",
		defs(0, 31) + "[t]: /t 'multi\n[line title' junk\n" + defs(31, 80) + "\nuse [t] [a1] [a70]\n",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 300+len(fixed); k++ {
		var b strings.Builder
		n := 20 + rng.IntN(120)
		for i := 0; i < n; i++ {
			p := rng.IntN(len(pieces))
			if rng.IntN(4) > 0 {
				p = rng.IntN(2) // mostly plain definitions
			}
			b.WriteString(pieces[p](i))
		}
		b.WriteString("\nuse [a1] [a40] [a77]\n")
		src := []byte(b.String())
		if k < len(fixed) {
			src = []byte(fixed[k])
		}
		var want bytes.Buffer
		if err := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe())).Convert(src, &want); err != nil {
			t.Fatal(err)
		}
		if got := conv(src); got != want.String() {
			t.Fatalf("differs for:\n%s\n--- got\n%s\n--- want\n%s", src, got, want.String())
		}
	}
}
