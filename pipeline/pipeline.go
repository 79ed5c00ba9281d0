package pipeline

import (
	"cmp"
	"slices"
	"strings"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// A Finding is a stage's finding with positions in the original text.
// Its Fix holds the changes it owns, also against the original; a finding
// whose fix was absorbed by a later stage's larger change (a curly quote
// inside a paragraph that dedupe removes) has an empty Fix and FixedBy set.
type Finding struct {
	lint.Finding
	Stage   string // name of the stage that reported it
	FixedBy int    // index of the finding whose change absorbed this fix, or -1
	// Suggestion holds the edits of a suggested fix that was not applied
	// (lint.Finding.Suggest, without ApplySuggestions), against the
	// original text, for a person to accept. Empty otherwise.
	Suggestion []lint.Edit
}

// A Change is one edit of the original text in the cleaned result.
// Findings lists, oldest stage first, the findings whose fixes it
// combines; the last one owns it.
type Change struct {
	lint.Edit
	Findings []int
}

// A Result is what a run produced.
type Result struct {
	Original string    // the input, as given
	Cleaned  string    // the output
	Findings []Finding // sorted by position in Original
	Changes  []Change  // sorted, non-overlapping edits of Original that give Cleaned
	// Counts holds, for a pipeline that keeps edits only (EditsOnly),
	// the number of findings of each rule that Findings would have held;
	// nil otherwise.
	Counts map[string]int
}

// Edits returns the result's changes as plain edits of the original.
func (r *Result) Edits() []lint.Edit {
	out := make([]lint.Edit, len(r.Changes))
	for i, c := range r.Changes {
		out[i] = c.Edit
	}
	return out
}

// Changed reports whether the cleaned text differs from the original.
func (r *Result) Changed() bool { return r.Cleaned != r.Original }

// A Pipeline runs stages in order.
type Pipeline struct {
	stages   []lint.Stage
	repeat   int // the first repeat stages run to a fixed point
	disabled map[string]bool
	severity map[string]lint.Severity
	fixOff   map[string]bool
	suggest  bool // apply suggested fixes too
	edits    bool // keep edits only: no findings (EditsOnly)
}

// New returns a pipeline of the given stages, in order, with every rule
// on and default severities.
func New(stages ...lint.Stage) *Pipeline {
	return &Pipeline{stages: stages}
}

// Stages returns the pipeline's stages in order.
func (p *Pipeline) Stages() []lint.Stage { return p.stages }

// Rules returns the rules of all stages, in stage order.
func (p *Pipeline) Rules() []lint.Rule {
	var out []lint.Rule
	for _, s := range p.stages {
		out = append(out, s.Rules()...)
	}
	return out
}

// Disable switches rules off: their findings are dropped before fixes
// are applied, so later stages see the text as that rule left it.
func (p *Pipeline) Disable(rules ...string) {
	if p.disabled == nil {
		p.disabled = map[string]bool{}
	}
	for _, r := range rules {
		p.disabled[r] = true
	}
}

// ReportOnly keeps the rules' findings but drops their fixes.
func (p *Pipeline) ReportOnly(rules ...string) {
	if p.fixOff == nil {
		p.fixOff = map[string]bool{}
	}
	for _, r := range rules {
		p.fixOff[r] = true
	}
}

// ApplySuggestions makes the pipeline apply suggested fixes
// (lint.Finding.Suggest) as it applies fixes. By default a suggestion is
// kept in the finding's Suggestion, against the original, and the text is
// left as it was.
func (p *Pipeline) ApplySuggestions(on bool) { p.suggest = on }

// EditsOnly makes Run keep only what the cleaned text needs: the
// result's Changes, without Findings (the changes' Findings lists are
// empty) and with Counts in their place. The cleaned text and the changes
// are the same either way. It is for a job that keeps only the cleaned
// text or its diff: a text with a million findings then costs the
// composed changes, not a million findings.
func (p *Pipeline) EditsOnly(on bool) { p.edits = on }

// SetSeverity overrides the severity of a rule's findings.
func (p *Pipeline) SetSeverity(rule string, s lint.Severity) {
	if p.severity == nil {
		p.severity = map[string]lint.Severity{}
	}
	p.severity[rule] = s
}

// MaxRounds is how many times Run runs the stages given to Repeat.
const MaxRounds = 4

// Repeat makes Run run the first n stages again, up to MaxRounds times in
// all, while a round still fixes something, before the other stages. It is
// for stages whose fixes can, rarely, uncover work for an earlier one (a
// removed control character that hid mojibake). Findings without a fix
// are kept from the first round only.
func (p *Pipeline) Repeat(n int) { p.repeat = min(max(n, 0), len(p.stages)) }

// Run cleans text and returns the result. It never fails: a stage's fix
// that is out of range or overlaps another is dropped and its finding
// kept as a report.
func (p *Pipeline) Run(text string) *Result { return p.RunGuarded(text, nil) }

// RunGuarded is Run with a guard that keeps the stages away from parts of
// text (see Guard); a nil guard guards nothing. The result is against
// text, not the guard's view.
func (p *Pipeline) RunGuarded(text string, g *Guard) *Result {
	r := &Result{Original: text}
	var c composer
	c.noOwners = p.edits
	cur := text
	if g != nil && g.View != "" && len(g.View) == len(text) {
		cur = g.View
	}
	for round := 1; round <= MaxRounds && p.repeat > 0; round++ {
		var fixed bool
		cur, fixed = p.runStages(r, &c, cur, p.stages[:p.repeat], round > 1, g)
		if !fixed {
			break
		}
	}
	cur, _ = p.runStages(r, &c, cur, p.stages[p.repeat:], false, g)
	r.Cleaned = cur
	r.adopt(&c)
	r.finish(c.pieces)
	if g != nil && g.View != "" {
		// The stages saw the view: the guarded bytes they never changed
		// are the original's.
		r.Cleaned, _ = lint.Apply(text, r.Edits())
	}
	return r
}

// runStages runs stages over cur, records their findings in r and their
// fixes in c, and returns the new text and whether anything was fixed.
// With fixesOnly, findings without a fix are dropped (a repeated round
// must not report them twice).
func (p *Pipeline) runStages(r *Result, c *composer, cur string, stages []lint.Stage, fixesOnly bool, g *Guard) (string, bool) {
	fixed := false
	// The composer holds the one stageRun of a run, so that a document
	// with nothing to fix allocates nothing here.
	sr := &c.run
	plain := -1 // whether cur is plain ASCII: -1 not yet known
	for _, st := range stages {
		if _, ok := st.(lint.ASCIIQuiet); ok {
			if plain < 0 {
				plain = 0
				if lint.PlainASCII(cur) {
					plain = 1
				}
			}
			if plain == 1 {
				continue // it would find nothing
			}
		}
		*sr = stageRun{p: p, r: r, c: c, cur: cur, st: st, stage: -1, fixesOnly: fixesOnly, g: g}
		if ss, ok := st.(streamer); ok {
			ss.CheckEach(cur, sr)
		} else {
			fs := st.Check(cur)
			if len(fs) == 0 {
				continue
			}
			sr.Reserve(len(fs))
			for i := range fs {
				sr.Add(fs[i])
			}
		}
		if len(sr.edits) == 0 {
			continue
		}
		edits := dropOverlaps(sr.edits)
		fixed = fixed || len(edits) > 0
		cur = c.apply(cur, edits)
		plain = -1
	}
	return cur, fixed
}

// A streamer is a stage that can hand over its findings one at a time
// rather than in one slice: runStages then keeps each finding only once,
// as the result's, and a stage with a million findings does not hold a
// second copy of them all (see lint.FindingSink).
type streamer = lint.StreamStage

// A stageRun takes one stage's findings into a run's result: it maps
// them to the original, applies the pipeline's settings and the guard,
// and gathers the edits of their fixes.
type stageRun struct {
	p         *Pipeline
	r         *Result
	c         *composer
	cur       string // the text the stage checked
	st        lint.Stage
	stage     int32 // the stage's name, in c.stages, once a finding is kept; -1 before
	fixesOnly bool  // drop findings without a fix
	g         *Guard
	edits     []ownedEdit
}

// Reserve makes room for n findings.
func (sr *stageRun) Reserve(n int) {
	if n > 0 {
		sr.c.hint = n
		sr.edits = make([]ownedEdit, 0, n)
	}
}

// Add takes the finding f, given against sr.cur.
func (sr *stageRun) Add(f lint.Finding) {
	p, r, c, cur, g := sr.p, sr.r, sr.c, sr.cur, sr.g
	if p.disabled[f.Rule] {
		return
	}
	if s, ok := p.severity[f.Rule]; ok {
		f.Severity = s
	}
	span := c.mapSpan(f.Span)
	if g.drops(f.Rule, span) {
		return
	}
	// The finding's index in r.Findings once finish has taken the
	// pending ones (with edits only, a count that owns its edits).
	idx := len(r.Findings) + c.added
	n0 := len(sr.edits)
	unfixed := len(f.Fix) > 0 && p.fixOff[f.Rule] // a fix that is not made
	if g != nil && g.Suggested != nil && len(f.Fix) > 0 && !f.Suggest && g.Suggested(f.Rule, span) {
		f.Suggest = true
		f.Message = removalRemark(f.Message, " (removal suggested: a list's item)")
	}
	suggestion := f.Suggest && !p.suggest && !p.fixOff[f.Rule] && len(f.Fix) > 0
	if !p.fixOff[f.Rule] && !suggestion && lint.ValidateEdits(f.Fix, len(cur)) == nil {
		for k := range f.Fix {
			e := &f.Fix[k] // the stage's: ownedEdit points at it
			if cur[e.Start:e.End] == e.New {
				continue // a no-op edit changes nothing
			}
			if g != nil && g.blocks(c.guardEdit(e)) {
				sr.edits = sr.edits[:n0] // the fix is all or nothing
				unfixed = true
				break
			}
			sr.edits = append(sr.edits, ownedEdit{Edit: e, owner: idx})
		}
	}
	if sr.fixesOnly && len(sr.edits) == n0 {
		return
	}
	if p.edits {
		c.added++
		if r.Counts == nil {
			r.Counts = map[string]int{}
		}
		r.Counts[f.Rule]++
		return
	}
	if unfixed {
		f.Message = unfixedMessage(f.Message)
	}
	if sr.stage < 0 {
		sr.stage = c.stageIndex(sr.st.Name(), len(p.stages))
	}
	pf := pending{rule: f.Rule, message: f.Message, span: span, severity: f.Severity, suggest: f.Suggest, stage: sr.stage}
	if suggestion && lint.ValidateEdits(f.Fix, len(cur)) == nil {
		pf.suggestion, pf.nSuggestion = int32(len(c.suggested)), int32(len(f.Fix))
		for _, e := range f.Fix {
			c.suggested = append(c.suggested, lint.Edit{Span: c.mapSpan(e.Span), New: e.New})
		}
	}
	if len(f.Related) > 0 {
		pf.related, pf.nRelated = int32(len(c.related)), int32(len(f.Related))
		for _, s := range f.Related {
			c.related = append(c.related, c.mapSpan(s))
		}
	}
	c.push(pf)
	c.added++
}

// A pending is a finding taken during a run, kept compact until finish
// makes it a Finding: a run with a million findings holds 80 bytes a
// finding, in fixed-size chunks, rather than a Finding's 160 in a slice
// grown, and copied, stage by stage. Its related spans and suggested
// edits are in the composer's arenas, which the findings then share.
type pending struct {
	rule, message           string
	span                    lint.Span
	severity                lint.Severity
	related, nRelated       int32 // in composer.related
	suggestion, nSuggestion int32 // in composer.suggested
	stage                   int32 // in composer.stages
	suggest                 bool
}

// pendingChunk is the most findings a chunk of pending ones holds.
const pendingChunk = 4096

// push adds a pending finding.
func (c *composer) push(pf pending) {
	if n := len(c.pending); n == 0 || len(c.pending[n-1]) == cap(c.pending[n-1]) {
		if n == 0 {
			// The first chunk is the composer's own: a document with a
			// few findings allocates none.
			c.pending = append(c.firstChunks[:0], c.firstChunk[:0:len(c.firstChunk)])
		} else {
			size := max(c.hint, 2*cap(c.pending[n-1]))
			c.pending = append(c.pending, make([]pending, 0, min(size, pendingChunk)))
		}
	}
	last := &c.pending[len(c.pending)-1]
	*last = append(*last, pf)
	c.hint--
}

// stageIndex returns the index of the stage name in c.stages, adding it;
// n is how many stages the pipeline has.
func (c *composer) stageIndex(name string, n int) int32 {
	if n := len(c.stages); n > 0 && c.stages[n-1] == name {
		return int32(n - 1)
	}
	for i, s := range c.stages {
		if s == name {
			return int32(i)
		}
	}
	if c.stages == nil {
		c.stages = c.firstStages[:0]
		if n > len(c.firstStages) {
			c.stages = make([]string, 0, n)
		}
	}
	c.stages = append(c.stages, name)
	return int32(len(c.stages) - 1)
}

// adopt appends the pending findings of c to r.Findings, in the order
// they were taken, growing it once to its exact size and giving each
// chunk back as soon as it is copied.
func (r *Result) adopt(c *composer) {
	if c.added == 0 || len(c.pending) == 0 {
		return
	}
	n := len(r.Findings)
	for _, ch := range c.pending {
		n += len(ch)
	}
	if cap(r.Findings) < n {
		fs := make([]Finding, len(r.Findings), n)
		copy(fs, r.Findings)
		r.Findings = fs
	}
	for k, ch := range c.pending {
		for i := range ch {
			pf := &ch[i]
			f := Finding{
				Finding: lint.Finding{Rule: pf.rule, Severity: pf.severity, Span: pf.span, Message: pf.message, Suggest: pf.suggest},
				Stage:   c.stages[pf.stage],
				FixedBy: -1,
			}
			if pf.nRelated > 0 {
				f.Related = c.related[pf.related : pf.related+pf.nRelated : pf.related+pf.nRelated]
			}
			if pf.nSuggestion > 0 {
				f.Suggestion = c.suggested[pf.suggestion : pf.suggestion+pf.nSuggestion : pf.suggestion+pf.nSuggestion]
			}
			r.Findings = append(r.Findings, f)
		}
		c.pending[k] = nil
	}
	c.pending, c.added = nil, 0
}

// dropOverlaps sorts edits and drops every edit of a finding whose edits
// overlap an earlier finding's, until none overlap.
func dropOverlaps(edits []ownedEdit) []ownedEdit {
	byPlace := func(a, b ownedEdit) int {
		if a.Start != b.Start {
			return cmp.Compare(a.Start, b.Start)
		}
		return cmp.Compare(a.End, b.End)
	}
	if !slices.IsSortedFunc(edits, byPlace) {
		slices.SortStableFunc(edits, byPlace)
	}
	for {
		var bad map[int]bool
		end := -1
		for k, e := range edits {
			if k > 0 && e.owner != edits[k-1].owner && (e.Start < end || (e.Start == e.End && e.Start == edits[k-1].Start && edits[k-1].Start == edits[k-1].End)) {
				if bad == nil {
					bad = map[int]bool{}
				}
				bad[max(e.owner, edits[k-1].owner)] = true
			}
			end = max(end, e.End)
		}
		if bad == nil {
			return edits
		}
		kept := edits[:0]
		for _, e := range edits {
			if !bad[e.owner] {
				kept = append(kept, e)
			}
		}
		edits = kept
	}
}

// finish turns the composed pieces into changes, gives each finding the
// fixes it owns, and sorts findings by position.
func (r *Result) finish(pieces []piece) {
	r.Changes = make([]Change, 0, len(pieces))
	owned := make([]int, len(r.Findings)) // number of changes each finding owns
	for _, pc := range pieces {
		if r.Original[pc.orig.Start:pc.orig.End] == pc.text {
			continue // later stages undid the change
		}
		r.Changes = append(r.Changes, Change{Edit: lint.Edit{Span: pc.orig, New: pc.text}, Findings: pc.owners})
		if len(pc.owners) > 0 {
			owned[pc.owners[len(pc.owners)-1]]++
		}
	}
	if len(r.Findings) == 0 {
		return // edits only (EditsOnly), or nothing found
	}
	// Carve every finding's Fix out of one block.
	block := make([]lint.Edit, len(r.Changes))
	at := 0
	for i, n := range owned {
		if n > 0 {
			r.Findings[i].Fix = block[at : at : at+n]
			at += n
		}
	}
	for _, ch := range r.Changes {
		o := ch.Findings[len(ch.Findings)-1]
		r.Findings[o].Fix = append(r.Findings[o].Fix, ch.Edit)
		for _, f := range ch.Findings[:len(ch.Findings)-1] {
			if f != o {
				r.Findings[f].FixedBy = o
			}
		}
	}
	// Sort findings by position, in place, and renumber the references
	// to them.
	less := func(fa, fb *Finding) int {
		if fa.Start != fb.Start {
			return cmp.Compare(fa.Start, fb.Start)
		}
		if fa.End != fb.End {
			return cmp.Compare(fa.End, fb.End)
		}
		return strings.Compare(fa.Rule, fb.Rule)
	}
	sorted := true
	for i := 1; i < len(r.Findings); i++ {
		if less(&r.Findings[i-1], &r.Findings[i]) > 0 {
			sorted = false
			break
		}
	}
	if sorted {
		return
	}
	order := make([]int, len(r.Findings)) // order[to] = from
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return less(&r.Findings[a], &r.Findings[b]) })
	newIndex := owned // reuse: owned is no longer needed
	for to, from := range order {
		newIndex[from] = to
	}
	permute(r.Findings, order)
	for i := range r.Findings {
		if f := &r.Findings[i]; f.FixedBy >= 0 {
			f.FixedBy = newIndex[f.FixedBy]
		}
	}
	for _, ch := range r.Changes {
		for k, f := range ch.Findings {
			ch.Findings[k] = newIndex[f] // the pieces' owner lists are ours to rewrite
		}
	}
}

// permute rearranges fs in place so that the new fs[to] is the old
// fs[order[to]], following each cycle of the permutation with one
// finding in hand. It uses order up: each entry it is done with is set
// to its own index.
func permute(fs []Finding, order []int) {
	for start := range order {
		if order[start] == start {
			continue
		}
		held := fs[start]
		to := start
		for {
			from := order[to]
			order[to] = to
			if from == start {
				fs[to] = held
				break
			}
			fs[to] = fs[from]
			to = from
		}
	}
}

// unfixedMessage rewrites the message of a finding whose fix is not made
// (the rule is report-only, or the fix would touch guarded text): a
// closing remark that says what the fix removes ("(removed)", "(the
// second copy is removed)") would be untrue.
func unfixedMessage(msg string) string { return removalRemark(msg, " (reported, not removed)") }

// removalRemark replaces msg's closing remark on what its fix removes
// ("(removed)", "(the second copy is removed)") by remark, as the fix is
// not made; a message without such a remark is returned as it is.
func removalRemark(msg, remark string) string {
	i := strings.LastIndex(msg, " (")
	if i < 0 || !strings.HasSuffix(msg, ")") || !strings.Contains(msg[i:], "removed") {
		return msg
	}
	return msg[:i] + remark
}
