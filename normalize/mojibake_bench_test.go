package normalize

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// encodingStageNames are the stages of this file's features.
var encodingStageNames = map[string]bool{"ansi": true, "entity": true, "mojibake": true, "codepoints": true}

// mojibakeBenchText is benchInputs' dirty text with a mojibake sentence
// in every tenth copy of the seed.
func mojibakeBenchText() string {
	_, dirty := benchASCII()
	const bad = "Le barÃ¨me permet lâ€™Ã©valuation des frais &amp; dÃ©placements. "
	parts := strings.SplitAfter(dirty, "\n\n")
	for i := range parts {
		if i%10 == 0 {
			parts[i] = bad + parts[i]
		}
	}
	return strings.Join(parts, "")
}

// BenchmarkEncodingStages compares the normalize chain with and without
// the ansi, entity, mojibake and codepoints stages: on text without
// mojibake they must cost little.
func BenchmarkEncodingStages(b *testing.B) {
	all := Stages(Options{})
	var without []lint.Stage
	for _, st := range all {
		if !encodingStageNames[st.Name()] {
			without = append(without, st)
		}
	}
	inputs := append(benchInputs(), benchText{"mojibake", mojibakeBenchText()})
	for _, in := range inputs {
		for _, v := range []struct {
			name   string
			stages []lint.Stage
		}{{"with", all}, {"without", without}} {
			b.Run(in.name+"/"+v.name, func(b *testing.B) {
				b.SetBytes(int64(len(in.text)))
				b.ReportAllocs()
				for b.Loop() {
					runChain(b, v.stages, in.text, nil)
				}
			})
		}
	}
}

// BenchmarkMojibake measures the mojibake stage alone on text full of
// mojibake.
func BenchmarkMojibake(b *testing.B) {
	benchStage(b, mojibakeStage{}, mojibakeBenchText())
}

// BenchmarkMojibakeTypography measures the mojibake stage alone on clean
// typographic text in eight languages (the generator of
// TestMojibakeTypographyClean): text with many candidates that the
// plausibility gate must turn down.
func BenchmarkMojibakeTypography(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	var sb strings.Builder
	for sb.Len() < 256<<10 {
		sb.WriteString(typoText(rng.Intn, 8))
		sb.WriteString("\n\n")
	}
	benchStage(b, mojibakeStage{}, sb.String())
}
