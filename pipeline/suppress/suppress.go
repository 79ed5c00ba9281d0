package suppress

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/internal/textdist"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// Rule ids of the findings about directives.
const (
	RuleUnused      = "suppress.unused"
	RuleUnknownRule = "suppress.unknown-rule"
	RuleInvalid     = "suppress.invalid"
)

// Rules lists the rules of the findings Set.Findings reports.
func Rules() []lint.Rule {
	return []lint.Rule{
		{ID: RuleUnused, Severity: lint.Info,
			Doc: "a copydesk-disable directive that suppresses no finding, or a copydesk-enable of a rule that is not disabled there: remove it"},
		{ID: RuleUnknownRule, Severity: lint.Warning,
			Doc: "a suppression directive names a rule id that no rule has (a typo?): it suppresses nothing"},
		{ID: RuleInvalid, Severity: lint.Warning,
			Doc: `a comment that starts like a suppression directive but is not one ("copydesk-disable-nextline"): it suppresses nothing`},
	}
}

// Directive keywords, longest first so that a prefix does not match a
// longer one.
const (
	kwDisableNextLine = "copydesk-disable-next-line"
	kwDisableLine     = "copydesk-disable-line"
	kwDisable         = "copydesk-disable"
	kwEnable          = "copydesk-enable"
	prefix            = "copydesk-"
)

var keywords = []string{kwDisableNextLine, kwDisableLine, kwDisable, kwEnable}

// A Set is the suppressions of one text. Its Suppressed method records
// which directives were used, so a Set serves one run and is not safe for
// concurrent use. A nil *Set suppresses nothing.
type Set struct {
	text     string
	regions  []region
	uses     []use
	problems []lint.Finding // unknown rules, invalid and useless directives
	spans    []lint.Span    // the directives
	suggest  func(string) string
}

// A region is a range of the text in which findings of some rules are
// suppressed.
type region struct {
	lint.Span
	pattern string   // "" for every rule, "area.*" or a rule id
	except  []string // patterns switched back on inside
	use     int      // index in Set.uses
}

// A use is one rule (or all rules) of one disable directive: reported as
// unused if it suppressed nothing.
type use struct {
	span    lint.Span // the rule's name in the directive, or the directive
	keyword string
	rule    string // as written; "" for all rules
	used    bool
}

// A directive is one parsed directive.
type directive struct {
	keyword string
	span    lint.Span // the whole directive, comment markers included
	rules   []token   // the rules it names, known ones only
	named   bool      // whether it named rules (known or not)
}

type token struct {
	name string
	span lint.Span
}

// Known returns a function for Parse that accepts the ids of rules, and
// areas written AREA or AREA.* that hold at least one of them.
func Known(rules []lint.Rule) func(string) bool {
	ids := map[string]bool{}
	for _, r := range rules {
		ids[r.ID] = true
		for i := 0; i < len(r.ID); i++ {
			if r.ID[i] == '.' {
				ids[r.ID[:i]] = true
				ids[r.ID[:i]+".*"] = true
			}
		}
	}
	return func(s string) bool { return ids[s] }
}

// Parse reads the directives of text. With markdown, only HTML comments
// outside code are directives; otherwise whole-line and trailing forms
// count too (see the package documentation). known, if not nil, tells
// which rule names a directive may use (see Known); a directive naming
// another one gets a suppress.unknown-rule finding. Parse never fails:
// what it cannot read is reported by Findings. A text without
// directives gives the nil Set, which suppresses nothing.
func Parse(text string, markdown bool, known func(rule string) bool) *Set {
	return ParseSuggest(text, markdown, known, nil)
}

// ParseSuggest is Parse whose suppress.unknown-rule findings suggest the
// rule an unknown name most likely meant ("did you mean
// \"dedupe.word\"?"), as suggest (from Suggester) finds it; nil
// suggests nothing.
func ParseSuggest(text string, markdown bool, known func(rule string) bool, suggest func(string) string) *Set {
	if !strings.Contains(text, prefix) {
		return nil
	}
	s := &Set{text: text, suggest: suggest}
	var ds []directive
	ds = append(ds, s.comments(text, markdown, known)...)
	if !markdown {
		ds = append(ds, s.lines(text, known)...)
	}
	slices.SortStableFunc(ds, func(a, b directive) int { return cmp.Compare(a.span.Start, b.span.Start) })
	// A plain line that holds a comment directive too: the first wins.
	kept := ds[:0]
	for _, d := range ds {
		if len(kept) > 0 && d.span.Start < kept[len(kept)-1].span.End {
			continue
		}
		kept = append(kept, d)
		s.spans = append(s.spans, d.span)
	}
	s.build(text, kept)
	return s
}

// comments finds the directives written as HTML comments.
func (s *Set) comments(text string, markdown bool, known func(string) bool) []directive {
	var fences []lint.Span
	if markdown {
		fences = fencedCode(text)
	}
	var out []directive
	for from := 0; ; {
		i := strings.Index(text[from:], "<!--")
		if i < 0 {
			return out
		}
		i += from
		j := strings.Index(text[i+4:], "-->")
		if j < 0 {
			return out
		}
		end := i + 4 + j + 3
		from = end
		body := text[i+4 : end-3]
		if !strings.Contains(body, prefix) {
			continue
		}
		if markdown && (inSpans(fences, i) || inCodeSpan(text, i)) {
			continue
		}
		if d, ok := s.parse(body, i+4, lint.Span{Start: i, End: end}, true, known); ok {
			out = append(out, d)
		}
	}
}

// leaders are the comment leaders a whole-line directive may follow in
// plain text, with the closer each needs, if any.
var leaders = []struct{ open, close string }{
	{"//", ""}, {"#", ""}, {"--", ""}, {";", ""}, {"%", ""}, {"/*", "*/"},
}

// lines finds the whole-line and trailing directives of plain text.
func (s *Set) lines(text string, known func(string) bool) []directive {
	var out []directive
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		next := len(text)
		if end < 0 {
			end = len(text)
		} else {
			end += start
			next = end + 1
		}
		line := strings.TrimSuffix(text[start:end], "\r")
		if strings.Contains(line, prefix) {
			if d, ok := s.lineDirective(line, start, known); ok {
				out = append(out, d)
			}
		}
		start = next
	}
	return out
}

// lineDirective reads a plain-text line that holds a directive.
func (s *Set) lineDirective(line string, off int, known func(string) bool) (directive, bool) {
	body := strings.TrimLeft(line, " \t")
	lead := off + len(line) - len(body)
	if strings.HasPrefix(body, "<!--") {
		return directive{}, false // a comment: read by comments
	}
	content, at := body, lead
	closer := ""
	for _, l := range leaders {
		if strings.HasPrefix(body, l.open) {
			rest := strings.TrimLeft(body[len(l.open):], " \t")
			content, at, closer = rest, lead+len(body)-len(rest), l.close
			break
		}
	}
	trimmed := strings.TrimRight(content, " \t")
	if strings.HasPrefix(trimmed, kwDisable) || strings.HasPrefix(trimmed, kwEnable) {
		if closer != "" {
			if c, ok := strings.CutSuffix(trimmed, closer); ok {
				trimmed = c
			}
		}
		full := lint.Span{Start: lead, End: off + len(strings.TrimRight(line, " \t"))}
		return s.parse(trimmed, at, full, false, known)
	}
	// A trailing "text # copydesk-disable-line RULE".
	for _, l := range []string{" # ", " // ", "\t# ", "\t// "} {
		i := strings.LastIndex(line, l+kwDisableLine)
		if i < 0 {
			continue
		}
		rest := line[i+len(l):]
		full := lint.Span{Start: off + i + 1, End: off + len(strings.TrimRight(line, " \t"))}
		return s.parse(strings.TrimRight(rest, " \t"), off+i+len(l), full, false, known)
	}
	return directive{}, false
}

// parse reads a directive's body, which starts at offset off; full is the
// whole directive. In a comment, a body that starts with "copydesk-" but
// no keyword is reported as invalid.
func (s *Set) parse(body string, off int, full lint.Span, comment bool, known func(string) bool) (directive, bool) {
	trimmed := strings.TrimLeft(body, " \t\r\n")
	off += len(body) - len(trimmed)
	body = strings.TrimRight(trimmed, " \t\r\n")
	if !strings.HasPrefix(body, prefix) {
		return directive{}, false
	}
	word := body
	if i := strings.IndexAny(body, " \t\r\n"); i >= 0 {
		word = body[:i]
	}
	if !slices.Contains(keywords, word) {
		if comment || strings.HasPrefix(word, kwDisable) || strings.HasPrefix(word, kwEnable) {
			msg := fmt.Sprintf("unknown directive %q (want %s)", word, strings.Join(keywords, ", "))
			if sug := closest(word); sug != "" {
				msg = fmt.Sprintf("unknown directive %q (did you mean %q?)", word, sug)
			}
			s.problems = append(s.problems, lint.Finding{Rule: RuleInvalid, Severity: lint.Warning,
				Span: lint.Span{Start: off, End: off + len(word)}, Message: msg})
		}
		return directive{}, false
	}
	d := directive{keyword: word, span: full}
	rest := body[len(word):]
	at := off + len(word)
	if i := strings.Index(rest, "--"); i >= 0 && (i == 0 || rest[i-1] == ' ' || rest[i-1] == '\t') {
		rest = rest[:i] // a reason
	}
	for i := 0; i < len(rest); {
		if isSep(rest[i]) {
			i++
			continue
		}
		j := i
		for j < len(rest) && !isSep(rest[j]) {
			j++
		}
		name := rest[i:j]
		sp := lint.Span{Start: at + i, End: at + j}
		d.named = true
		if known != nil && !known(name) {
			s.problems = append(s.problems, lint.Finding{Rule: RuleUnknownRule, Severity: lint.Warning, Span: sp,
				Message: s.unknownRule(word, name)})
		} else {
			d.rules = append(d.rules, token{name: name, span: sp})
		}
		i = j
	}
	return d, true
}

func isSep(c byte) bool { return c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n' }

// unknownRule words the message about a directive's unknown rule.
func (s *Set) unknownRule(word, name string) string {
	if s.suggest != nil {
		if sug := s.suggest(name); sug != "" {
			return fmt.Sprintf("%s: unknown rule %q (did you mean %q?)", word, name, sug)
		}
	}
	return fmt.Sprintf("%s: unknown rule %q (see 'copydesk rules')", word, name)
}

// Suggester returns a function that gives the rule id of rules (or the
// area, "dedupe.*") nearest a mistyped name by edit distance, or "" if
// none is near enough to be a likely typo (at most two edits, or a
// quarter of the name's length).
func Suggester(rules []lint.Rule) func(string) string {
	var names []string
	seen := map[string]bool{}
	for _, r := range rules {
		for _, n := range []string{r.ID, r.ID[:max(strings.IndexByte(r.ID, '.'), 0)] + ".*"} {
			if n != ".*" && !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	slices.Sort(names)
	return func(name string) string {
		if len(name) > 100 {
			return ""
		}
		best, bestD := "", 1<<30
		for _, n := range names {
			if d := textdist.Distance(name, n); d < bestD {
				best, bestD = n, d
			}
		}
		if bestD <= max(2, len(name)/4) {
			return best
		}
		return ""
	}
}

// closest returns the keyword a mistyped one most likely meant.
func closest(word string) string {
	if len(word) > 64 {
		return "" // no directive is that long
	}
	best, bestD := "", 4
	for _, k := range keywords {
		if d := textdist.Distance(word, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// pattern returns the canonical form of a rule name: "area.*" for an
// area (written with or without ".*"), the id for a rule.
func pattern(name string) string {
	if strings.HasSuffix(name, ".*") || name == "*" {
		return name
	}
	if !strings.Contains(name, ".") {
		return name + ".*"
	}
	return name
}

// matches reports whether pattern p (canonical; "" for all) covers rule.
func matches(p, rule string) bool {
	return p == "" || lint.MatchRule(p, rule)
}

// covers reports whether pattern a covers everything pattern b does.
func covers(a, b string) bool {
	return lint.PatternCovers(every(a), every(b))
}

// every returns the pattern "*" for "", which stands for every rule.
func every(p string) string {
	if p == "" {
		return "*"
	}
	return p
}

// build turns the directives, in order, into suppressed regions.
func (s *Set) build(text string, ds []directive) {
	type open struct {
		pattern string
		except  []string
		start   int
		use     int
	}
	var opened []open
	closeAt := func(o open, end int) {
		if end > o.start {
			s.regions = append(s.regions, region{Span: lint.Span{Start: o.start, End: end}, pattern: o.pattern, except: o.except, use: o.use})
		}
	}
	newUse := func(d directive, t *token) int {
		u := use{span: d.span, keyword: d.keyword}
		if t != nil {
			u.span, u.rule = t.span, t.name
		}
		s.uses = append(s.uses, u)
		return len(s.uses) - 1
	}
	for _, d := range ds {
		if d.named && len(d.rules) == 0 {
			continue // only unknown rules: already reported
		}
		switch d.keyword {
		case kwDisable:
			if !d.named {
				opened = append(opened, open{start: d.span.Start, use: newUse(d, nil)})
			}
			for k := range d.rules {
				t := &d.rules[k]
				opened = append(opened, open{pattern: pattern(t.name), start: d.span.Start, use: newUse(d, t)})
			}
		case kwEnable:
			if !d.named {
				if len(opened) == 0 {
					s.problems = append(s.problems, lint.Finding{Rule: RuleUnused, Severity: lint.Info, Span: d.span,
						Message: "copydesk-enable: no rule is disabled here"})
				}
				for _, o := range opened {
					closeAt(o, d.span.Start)
				}
				opened = opened[:0]
				continue
			}
			for _, t := range d.rules {
				p := pattern(t.name)
				// The latest disable of exactly this rule or area ends.
				latest := -1
				for i := len(opened) - 1; i >= 0; i-- {
					if opened[i].pattern == p {
						latest = i
						break
					}
				}
				if latest >= 0 {
					closeAt(opened[latest], d.span.Start)
					opened = slices.Delete(opened, latest, latest+1)
					continue
				}
				hit := false
				kept := opened[:0]
				var reopened []open
				for _, o := range opened {
					switch {
					case covers(p, o.pattern):
						// A narrower disable ends with it.
						closeAt(o, d.span.Start)
						hit = true
					case covers(o.pattern, p) && !slices.ContainsFunc(o.except, func(e string) bool { return covers(e, p) }):
						// A broader disable goes on without this rule.
						closeAt(o, d.span.Start)
						o.except = append(slices.Clip(o.except), p)
						o.start = d.span.Start
						reopened = append(reopened, o)
						hit = true
					default:
						kept = append(kept, o)
					}
				}
				opened = append(kept, reopened...)
				if !hit {
					s.problems = append(s.problems, lint.Finding{Rule: RuleUnused, Severity: lint.Info, Span: t.span,
						Message: fmt.Sprintf("copydesk-enable: %s is not disabled here", t.name)})
				}
			}
		case kwDisableNextLine, kwDisableLine:
			var sp lint.Span
			if d.keyword == kwDisableLine {
				sp = lint.Span{Start: lineStart(text, d.span.Start), End: nextLine(text, d.span.End)}
			} else {
				start := nextLine(text, d.span.End)
				sp = lint.Span{Start: start, End: nextLine(text, start)}
			}
			if !d.named {
				s.regions = append(s.regions, region{Span: sp, use: newUse(d, nil)})
			}
			for k := range d.rules {
				t := &d.rules[k]
				s.regions = append(s.regions, region{Span: sp, pattern: pattern(t.name), use: newUse(d, t)})
			}
		}
	}
	for _, o := range opened {
		closeAt(o, len(text))
	}
}

// lineStart returns the offset where the line holding offset i starts.
func lineStart(text string, i int) int {
	return strings.LastIndexByte(text[:i], '\n') + 1
}

// nextLine returns the offset after the first line break at or after
// offset i (the start of the next line), or len(text).
func nextLine(text string, i int) int {
	j := strings.IndexByte(text[i:], '\n')
	if j < 0 {
		return len(text)
	}
	return i + j + 1
}

// Suppressed reports whether a finding of rule whose span starts at
// span.Start is suppressed, and records the directives that suppress
// it. It is what pipeline.Guard.Suppressed wants.
func (s *Set) Suppressed(rule string, span lint.Span) bool {
	if s == nil || len(s.regions) == 0 {
		return false
	}
	hit := false
	for i := range s.regions {
		r := &s.regions[i]
		if span.Start < r.Start || span.Start >= r.End || !matches(r.pattern, rule) {
			continue
		}
		if slices.ContainsFunc(r.except, func(e string) bool { return matches(e, rule) }) {
			continue
		}
		s.uses[r.use].used = true
		hit = true
	}
	return hit
}

// Findings returns, sorted by position, the findings about the
// directives: unknown rules, invalid directives, and — once the run that
// consulted Suppressed is over — the disables that suppressed nothing.
func (s *Set) Findings() []lint.Finding {
	if s == nil {
		return nil
	}
	out := slices.Clone(s.problems)
	for _, u := range s.uses {
		if u.used {
			continue
		}
		msg := fmt.Sprintf("unused %s: no finding is suppressed", u.keyword)
		if u.rule != "" {
			msg = fmt.Sprintf("unused %s: no %s finding is suppressed", u.keyword, u.rule)
		}
		out = append(out, lint.Finding{Rule: RuleUnused, Severity: lint.Info, Span: u.span, Message: msg})
	}
	slices.SortStableFunc(out, func(a, b lint.Finding) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.Rule, b.Rule))
	})
	return out
}

// Spans returns the spans of the directives, sorted and non-overlapping:
// a caller may guard them (pipeline.Guard.Inline) so that no stage edits
// a directive.
func (s *Set) Spans() []lint.Span {
	if s == nil {
		return nil
	}
	return s.spans
}

// Empty reports whether the text has no directive.
func (s *Set) Empty() bool { return s == nil || (len(s.spans) == 0 && len(s.problems) == 0) }

// fencedCode returns the spans of the fenced code blocks of a Markdown
// text (``` or ~~~, three or more, indented at most three spaces), an
// unclosed one running to the end.
func fencedCode(text string) []lint.Span {
	var out []lint.Span
	inFence := false
	var fch byte
	var flen, fstart int
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		next := len(text)
		if end < 0 {
			end = len(text)
		} else {
			end += start
			next = end + 1
		}
		line := strings.TrimSuffix(text[start:end], "\r")
		indent := len(line) - len(strings.TrimLeft(line, " "))
		body := line[indent:]
		if indent <= 3 && len(body) >= 3 && (body[0] == '`' || body[0] == '~') {
			c := body[0]
			n := 0
			for n < len(body) && body[n] == c {
				n++
			}
			switch {
			case !inFence && n >= 3 && (c == '~' || !strings.Contains(body[n:], "`")):
				inFence, fch, flen, fstart = true, c, n, start
			case inFence && c == fch && n >= flen && strings.TrimSpace(body[n:]) == "":
				inFence = false
				out = append(out, lint.Span{Start: fstart, End: next})
			}
		}
		start = next
	}
	if inFence {
		out = append(out, lint.Span{Start: fstart, End: len(text)})
	}
	return out
}

// inSpans reports whether offset i lies in one of the sorted spans.
func inSpans(spans []lint.Span, i int) bool {
	k, _ := slices.BinarySearchFunc(spans, i, func(s lint.Span, i int) int {
		if s.End <= i {
			return -1
		}
		if s.Start > i {
			return 1
		}
		return 0
	})
	return k < len(spans) && spans[k].Start <= i && i < spans[k].End
}

// inCodeSpan reports whether offset i of a Markdown line follows an odd
// number of backticks on its line: inside a code span.
func inCodeSpan(text string, i int) bool {
	return strings.Count(text[lineStart(text, i):i], "`")%2 == 1
}

// AddTo adds the set's findings to a run's result, in position order,
// keeping the result's references to its findings (Change.Findings,
// FixedBy) right. Findings of the rules in disabled are left out and
// severity overrides their severities, as the pipeline's options do for
// its own rules (registry.Options.Disabled and Severity). Call it after
// the run that used s.Suppressed.
func (s *Set) AddTo(r *pipeline.Result, disabled []string, severity map[string]lint.Severity) {
	var add []pipeline.Finding
	for _, f := range s.Findings() {
		if slices.Contains(disabled, f.Rule) {
			continue
		}
		if sev, ok := severity[f.Rule]; ok {
			f.Severity = sev
		}
		add = append(add, pipeline.Finding{Finding: f, Stage: "suppress", FixedBy: -1})
	}
	if len(add) == 0 {
		return
	}
	before := func(a, b *pipeline.Finding) bool {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.Rule, b.Rule)) < 0
	}
	old := r.Findings
	merged := make([]pipeline.Finding, 0, len(old)+len(add))
	index := make([]int, len(old))
	i, j := 0, 0
	for i < len(old) || j < len(add) {
		if j == len(add) || (i < len(old) && !before(&add[j], &old[i])) {
			index[i] = len(merged)
			merged = append(merged, old[i])
			i++
		} else {
			merged = append(merged, add[j])
			j++
		}
	}
	for k := range merged {
		if merged[k].FixedBy >= 0 && merged[k].Stage != "suppress" {
			merged[k].FixedBy = index[merged[k].FixedBy]
		}
	}
	for _, c := range r.Changes {
		for k, f := range c.Findings {
			c.Findings[k] = index[f]
		}
	}
	r.Findings = merged
}
