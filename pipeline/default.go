package pipeline

import (
	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/normalize/punct"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// Options configure the default pipeline. The zero value is the default:
// ASCII quotes, adjacent repeats removed, every rule on.
type Options struct {
	Normalize normalize.Options
	Punct     punct.Options
	Dedupe    dedupe.Options
	// Disabled lists rule ids to switch off.
	Disabled []string
	// ReportOnly lists rule ids whose findings are reported but not fixed.
	ReportOnly []string
	// Severity overrides rules' default severities.
	Severity map[string]lint.Severity
}

// Default returns copydesk's standard chain: the normalize stages, then
// punctuation, then dedupe. Punctuation runs before dedupe so that
// repeats are compared on clean text and a removal by dedupe never leaves
// work for an earlier stage: one pass reaches a fixed point.
func Default(opts Options) *Pipeline {
	var stages []lint.Stage
	stages = append(stages, normalize.Stages(opts.Normalize)...)
	stages = append(stages, punct.New(opts.Punct))
	if opts.Dedupe.Mode != dedupe.Off {
		stages = append(stages, dedupe.New(opts.Dedupe))
	}
	p := New(stages...)
	p.Disable(opts.Disabled...)
	p.ReportOnly(opts.ReportOnly...)
	for r, s := range opts.Severity {
		p.SetSeverity(r, s)
	}
	return p
}
