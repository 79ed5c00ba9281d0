package registry

import (
	"slices"
	"sync"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/normalize/punct"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/markdown/mdrules"
	"github.com/copydesk/copydesk/pipeline/suppress"
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
	// FixesOnly skips the work of rules that never fix (near-duplicates
	// unless Dedupe.FixNear, echoes): for a job that keeps only the
	// cleaned text. The cleaned text is the same either way.
	FixesOnly bool
	// ApplySuggestions applies suggested fixes too (fixes a rule is not
	// sure of; see lint.Finding.Suggest), not only sure ones.
	ApplySuggestions bool
}

// Default returns copydesk's standard chain: the normalize stages, then
// punctuation, then dedupe. Punctuation runs before dedupe so that
// repeats are compared on clean text and a removal by dedupe never leaves
// work for an earlier stage: one pass reaches a fixed point.
func Default(opts Options) *pipeline.Pipeline {
	off := map[string]bool{}
	for _, r := range opts.Disabled {
		off[r] = true
	}
	// needed reports whether any of rules would be reported and kept.
	needed := func(rules []lint.Rule) bool {
		for _, r := range rules {
			if !off[r.ID] && (r.Fixes || !opts.FixesOnly) {
				return true
			}
		}
		return false
	}
	d := opts.Dedupe
	if d.Lang == "" {
		d.Lang = opts.Normalize.Lang // the configuration's lang or --lang
	}
	nearOff := off[dedupe.RuleNearParagraph] && off[dedupe.RuleNearSentence]
	if nearOff || (opts.FixesOnly && (!d.FixNear || off[dedupe.RuleNearParagraph])) {
		d.NearThreshold = -1
	}

	var stages []lint.Stage
	for _, st := range normalize.Stages(opts.Normalize) {
		if needed(st.Rules()) {
			stages = append(stages, st)
		}
	}
	// Normalize's stages run to a fixed point: removing a control
	// character can, rarely, uncover mojibake that the repair stage before
	// it judged too weak to fix.
	repeat := len(stages)
	if st := punct.New(opts.Punct); needed(st.Rules()) {
		stages = append(stages, st)
	}
	if d.Mode != dedupe.Off {
		if st := dedupe.New(d); needed(st.Rules()) {
			stages = append(stages, st)
		}
	}
	if st := dedupe.NewEcho(d); needed(st.Rules()) {
		stages = append(stages, st)
	}
	p := pipeline.New(stages...)
	p.Repeat(repeat)
	p.Disable(opts.Disabled...)
	p.ReportOnly(opts.ReportOnly...)
	p.ApplySuggestions(opts.ApplySuggestions)
	for r, s := range opts.Severity {
		p.SetSeverity(r, s)
	}
	return p
}

// rules is every rule of the default chain, computed once.
var rules = sync.OnceValue(func() []lint.Rule { return RulesOf(Default(Options{})) })

// RulesOf returns every rule a document run with the chain p can
// report, each once: p's, in the order its stages run, then the
// suppression comments' (suppress.Rules) and the corpus's
// (corpus.Rules). Rules is RulesOf the default chain.
func RulesOf(p *pipeline.Pipeline) []lint.Rule {
	out := p.Rules()
	seen := make(map[string]bool, len(out))
	for _, r := range out {
		seen[r.ID] = true
	}
	for _, r := range slices.Concat(suppress.Rules(), mdrules.Rules(), corpus.Rules()) {
		if !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	return out
}

// Rules returns every rule copydesk can report, each once: the default
// chain's, in the order its stages run, then the suppression comments'
// (suppress.Rules) and the corpus's (corpus.Rules). It is the one list
// that `copydesk rules` prints, a configuration's [rules] table and
// --disable may name, and suppression comments know. The caller may
// not change the slice.
func Rules() []lint.Rule { return rules() }

// IDs returns the ids of Rules, sorted.
func IDs() []string {
	rs := Rules()
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	slices.Sort(ids)
	return ids
}
