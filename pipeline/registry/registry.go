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
	// Enabled lists rule ids to switch on that are off by default
	// (DefaultOff). Disabled wins over it.
	Enabled []string
	// ReportOnly lists rule ids whose findings are reported but not fixed.
	ReportOnly []string
	// Severity overrides rules' default severities (and those of
	// DefaultSeverity).
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
	var disabled []string
	for _, r := range DefaultOff {
		if !slices.Contains(opts.Enabled, r) {
			off[r] = true
			disabled = append(disabled, r)
		}
	}
	for _, r := range opts.Disabled {
		if !off[r] {
			off[r] = true
			disabled = append(disabled, r)
		}
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
	p.Disable(disabled...)
	p.ReportOnly(opts.ReportOnly...)
	p.ApplySuggestions(opts.ApplySuggestions)
	for r, s := range DefaultSeverity {
		if _, ok := opts.Severity[r]; !ok {
			p.SetSeverity(r, s)
		}
	}
	for r, s := range opts.Severity {
		p.SetSeverity(r, s)
	}
	return p
}

// DefaultOff lists the rules that are off unless Options.Enabled names
// them (or a configuration file's [rules] table switches them on):
// style.echo, a writer's hint that an editor of news may want and that
// documentation, where a term is repeated on purpose, does not (0 true
// in 25 judged on real Markdown documents; about two findings an article
// on the BBC corpus).
var DefaultOff = []string{dedupe.RuleEcho}

// DefaultSeverity holds the severities the default chain gives rules in
// place of the stages' own: near-duplicate paragraphs and sentences are
// info, shown but not failing a check at --fail-on warning, since
// parallel text (API references, option lists, changelogs) is normal in
// documentation (0 true in 25 judged of each on real Markdown
// documents). Options.Severity overrides them.
var DefaultSeverity = map[string]lint.Severity{
	dedupe.RuleNearParagraph: lint.Info,
	dedupe.RuleNearSentence:  lint.Info,
}

// rules is every rule of the default chain, computed once.
var rules = sync.OnceValue(func() []lint.Rule { return RulesOf(Default(Options{Enabled: DefaultOff})) })

// RulesOf returns every rule a document run with the chain p can
// report, each once: p's, in the order its stages run, then the
// suppression comments' (suppress.Rules) and the corpus's
// (corpus.Rules). Severities are the defaults of Default
// (DefaultSeverity applied), and the description of a rule of
// DefaultOff says that it is off. Rules is RulesOf the default chain
// with every rule on; build p with Options.Enabled set to DefaultOff
// for the rules a configuration can switch on.
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
	for i, r := range out {
		if s, ok := DefaultSeverity[r.ID]; ok {
			out[i].Severity = s
		}
		if slices.Contains(DefaultOff, r.ID) {
			out[i].Doc = "off by default (switch it on with --enable " + r.ID + " or in [rules]): " + r.Doc
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
