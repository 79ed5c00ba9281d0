package normalize

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

const benchSize = 4 << 20

// benchText is a benchmark input.
type benchText struct{ name, text string }

// benchInputs returns the benchmark inputs, about 4 MB each: clean ASCII
// prose, the seed with its curly quotes and some dirt mixed in, and clean
// prose in several scripts.
var benchInputs = sync.OnceValue(func() []benchText {
	clean, dirty := benchASCII()
	var sb strings.Builder
	for sb.Len() < benchSize {
		sb.WriteString(nonASCIISample)
	}
	return []benchText{{"clean", clean}, {"dirty", dirty}, {"scripts", sb.String()}}
})

const nonASCIISample = `Пентагон заявил, что удар по объекту на границе был «соразмерным».
五角大楼表示，此次打击是"相称的军事回应"，并与外交措施一起采取。
پنتاگون گفت این حمله «متناسب» بود و می` + "\u200c" + `خواهد تنش را کاهش دهد.
Le Pentagone a déclaré que la frappe était « proportionnée » et réfléchie.

`

func benchASCII() (clean, dirty string) {
	b, err := os.ReadFile("../testdata/seed.txt")
	if err != nil {
		panic(err)
	}
	seed := string(b) + "\n\n"
	// Clean ASCII: what the stages give back, repeated.
	asciiSeed := strings.NewReplacer("“", `"`, "”", `"`, "’", "'").Replace(strings.TrimPrefix(seed, " "))
	clean = strings.Repeat(asciiSeed, benchSize/len(asciiSeed)+1)[:benchSize]
	clean = clean[:strings.LastIndexByte(clean, '\n')+1]

	// Dirty: the seed as it is (curly quotes, a leading space), with dirt
	// mixed into some copies.
	dirt := []func(string) string{
		func(s string) string { return strings.Replace(s, " the ", " the\u00a0", 3) },
		func(s string) string { return strings.Replace(s, "said", "sa\u200bid", 2) },
		func(s string) string { return strings.Replace(s, ". ", ".  ", 4) },
		func(s string) string { return strings.Replace(s, ".\n", ". \n", 3) },
		func(s string) string { return strings.Replace(s, "Kataib", "Kate\u0301ib", 2) },
		func(s string) string { return strings.Replace(s, "it said.", "it said…", 1) },
		func(s string) string { return strings.Replace(s, "Iran-backed", "Iran\u2010backed", 1) },
		func(s string) string { return "\r\n" + strings.ReplaceAll(s, "\n", "\r\n") },
	}
	var sb strings.Builder
	for k := 0; sb.Len() < benchSize; k++ {
		s := seed
		if k%3 == 0 {
			s = dirt[(k/3)%len(dirt)](s)
		}
		sb.WriteString(s)
	}
	dirty = sb.String()
	return clean, dirty
}

func benchStage(b *testing.B, st lint.Stage, text string) {
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		st.Check(text)
	}
}

func BenchmarkStage(b *testing.B) {
	for _, st := range Stages(Options{}) {
		for _, in := range benchInputs() {
			b.Run(st.Name()+"/"+in.name, func(b *testing.B) { benchStage(b, st, in.text) })
		}
	}
}

// BenchmarkStages runs the chain as the pipeline does: check, apply the
// fixes, pass the result on.
func BenchmarkStages(b *testing.B) {
	stages := Stages(Options{})
	for _, in := range benchInputs() {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			for b.Loop() {
				runChain(b, stages, in.text, nil)
			}
		})
	}
}
