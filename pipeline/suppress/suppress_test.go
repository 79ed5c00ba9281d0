package suppress

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/normalize/punct"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
)

var testRules = []lint.Rule{
	{ID: "dedupe.word"}, {ID: "dedupe.paragraph"}, {ID: "punct.double-period"}, {ID: "space.trailing"},
}

type query struct {
	rule string
	at   string // the finding starts at the first occurrence of at
	want bool
}

// report renders findings as "RULE@LINE: MESSAGE" for comparison.
func report(text string, fs []lint.Finding) []string {
	x := lint.NewLineIndex(text)
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s@%d: %s", f.Rule, x.Position(f.Start).Line, f.Message))
	}
	return out
}

func TestDirectives(t *testing.T) {
	tests := []struct {
		name     string
		markdown bool
		text     string
		queries  []query
		findings []string // after the queries
	}{
		{
			name:     "disable and enable one rule",
			markdown: true,
			text:     "a the the\n<!-- copydesk-disable dedupe.word -->\nb the the\nc so..\n<!-- copydesk-enable dedupe.word -->\nd the the\n",
			queries: []query{
				{"dedupe.word", "a the", false}, {"dedupe.word", "b the", true},
				{"punct.double-period", "..", false}, {"dedupe.word", "d the", false},
			},
		},
		{
			name:     "disable everything to the end of the text",
			markdown: true,
			text:     "one\n<!-- copydesk-disable -->\ntwo..\nthree the the",
			queries:  []query{{"punct.double-period", "..", true}, {"dedupe.word", "three", true}, {"dedupe.word", "one", false}},
		},
		{
			name:     "several rules, commas and spaces, and a reason",
			markdown: true,
			text:     "<!-- copydesk-disable dedupe.word,punct.double-period space.trailing -- quoted verbatim -->\nx.. the the \n",
			queries:  []query{{"dedupe.word", "x..", true}, {"punct.double-period", "..", true}},
			findings: []string{"suppress.unused@1: unused copydesk-disable: no space.trailing finding is suppressed"},
		},
		{
			name:     "an area",
			markdown: true,
			text:     "<!-- copydesk-disable dedupe -->\nalpha\n<!-- copydesk-enable dedupe.* -->\nbravo\n",
			queries:  []query{{"dedupe.word", "alpha", true}, {"dedupe.paragraph", "alpha", true}, {"punct.double-period", "alpha", false}, {"dedupe.word", "bravo", false}},
		},
		{
			name:     "next line only, even when it is blank",
			markdown: true,
			text:     "<!-- copydesk-disable-next-line dedupe.paragraph -->\nrepeat\nrepeat again\n<!-- copydesk-disable-next-line -->\n\nlater\n",
			queries:  []query{{"dedupe.paragraph", "repeat\n", true}, {"dedupe.paragraph", "repeat again", false}, {"dedupe.word", "later", false}},
			findings: []string{"suppress.unused@4: unused copydesk-disable-next-line: no finding is suppressed"},
		},
		{
			name:     "this line",
			markdown: true,
			text:     "first..\nsecond.. <!-- copydesk-disable-line punct.double-period -->\nthird..\n",
			queries:  []query{{"punct.double-period", "first..", false}, {"punct.double-period", "d..", true}, {"punct.double-period", "third", false}},
		},
		{
			name:     "nested disables of one rule",
			markdown: true,
			text:     "<!-- copydesk-disable dedupe.word -->\nalpha\n<!-- copydesk-disable dedupe.word -->\nbravo\n<!-- copydesk-enable dedupe.word -->\ncharlie\n<!-- copydesk-enable dedupe.word -->\ndelta\n",
			queries:  []query{{"dedupe.word", "alpha", true}, {"dedupe.word", "bravo", true}, {"dedupe.word", "charlie", true}, {"dedupe.word", "delta", false}},
		},
		{
			name:     "an area disabled inside all",
			markdown: true,
			text:     "<!-- copydesk-disable -->\nalpha\n<!-- copydesk-disable dedupe -->\nbravo\n<!-- copydesk-enable dedupe -->\ncharlie\n<!-- copydesk-enable -->\ndelta\n",
			queries:  []query{{"dedupe.word", "alpha", true}, {"punct.double-period", "bravo", true}, {"dedupe.word", "charlie", true}, {"dedupe.word", "delta", false}},
			findings: []string{"suppress.unused@3: unused copydesk-disable: no dedupe finding is suppressed"},
		},
		{
			name:     "enable one rule inside a disable of all",
			markdown: true,
			text:     "<!-- copydesk-disable -->\nalpha\n<!-- copydesk-enable dedupe.word -->\nbravo\n<!-- copydesk-enable -->\ncharlie\n",
			queries: []query{
				{"dedupe.word", "alpha", true}, {"dedupe.word", "bravo", false}, {"punct.double-period", "bravo", true},
				{"punct.double-period", "charlie", false},
			},
		},
		{
			name:     "enable of a rule within a disabled area",
			markdown: true,
			text:     "<!-- copydesk-disable dedupe -->\nalpha\n<!-- copydesk-enable dedupe.word -->\nbravo\n",
			queries:  []query{{"dedupe.word", "alpha", true}, {"dedupe.word", "bravo", false}, {"dedupe.paragraph", "bravo", true}},
		},
		{
			name:     "enable of what is not disabled",
			markdown: true,
			text:     "<!-- copydesk-enable dedupe.word -->\n<!-- copydesk-enable -->\n<!-- copydesk-disable punct -->\nx..\n<!-- copydesk-enable dedupe.word -->\n",
			queries:  []query{{"punct.double-period", "..", true}},
			findings: []string{
				"suppress.unused@1: copydesk-enable: dedupe.word is not disabled here",
				"suppress.unused@2: copydesk-enable: no rule is disabled here",
				"suppress.unused@5: copydesk-enable: dedupe.word is not disabled here",
			},
		},
		{
			name:     "CRLF",
			markdown: true,
			text:     "a..\r\n<!-- copydesk-disable-next-line punct.double-period -->\r\nb..\r\nc..\r\n<!-- copydesk-disable-line -->\r\n",
			queries:  []query{{"punct.double-period", "a..", false}, {"punct.double-period", "b..", true}, {"punct.double-period", "c..", false}},
			findings: []string{"suppress.unused@5: unused copydesk-disable-line: no finding is suppressed"},
		},
		{
			name:     "multi-line comment",
			markdown: true,
			text:     "<!--\n  copydesk-disable-next-line\n  punct.double-period\n-->\nx..\n",
			queries:  []query{{"punct.double-period", "x..", true}},
		},
		{
			name:     "unknown rules, invalid directives",
			markdown: true,
			text:     "<!-- copydesk-disable dedupe.wrod -->\nx the the\n<!-- copydesk-disable-nextline dedupe.word -->\n<!-- copydesk-frobnicate -->\n<!-- copydesk-disable-line nope, punct.double-period -->\ny..\n",
			queries:  []query{{"dedupe.word", "x the", false}, {"punct.double-period", "y..", false}},
			findings: []string{
				`suppress.unknown-rule@1: copydesk-disable: unknown rule "dedupe.wrod" (see 'copydesk rules')`,
				`suppress.invalid@3: unknown directive "copydesk-disable-nextline" (did you mean "copydesk-disable-next-line"?)`,
				`suppress.invalid@4: unknown directive "copydesk-frobnicate" (want copydesk-disable-next-line, copydesk-disable-line, copydesk-disable, copydesk-enable)`,
				`suppress.unknown-rule@5: copydesk-disable-line: unknown rule "nope" (see 'copydesk rules')`,
				"suppress.unused@5: unused copydesk-disable-line: no punct.double-period finding is suppressed",
			},
		},
		{
			name:     "Markdown code is not a directive, bare lines are prose",
			markdown: true,
			text:     "```md\n<!-- copydesk-disable -->\n```\nsee `<!-- copydesk-disable -->` here\ncopydesk-disable\n~~~\n<!-- copydesk-disable -->\n",
			queries:  []query{{"dedupe.word", "see", false}, {"dedupe.word", "copydesk-disable\n~", false}},
		},
		{
			name: "plain text: bare and after comment leaders",
			text: "copydesk-disable dedupe.word\nalpha\n  # copydesk-enable dedupe.word\nbravo\n// copydesk-disable-next-line\ncharlie\n/* copydesk-disable-next-line punct */\ndelta..\n-- copydesk-disable-next-line\necho\n",
			queries: []query{
				{"dedupe.word", "alpha", true}, {"dedupe.word", "bravo", false}, {"space.trailing", "charlie", true},
				{"punct.double-period", "delta..", true}, {"dedupe.word", "echo", true},
			},
		},
		{
			name: "plain text: trailing disable-line and HTML comments",
			text: "It said so.. # copydesk-disable-line punct.double-period\nOnce.. // copydesk-disable-line\nAgain..\n<!-- copydesk-disable-next-line -->\nlast..\n",
			queries: []query{
				{"punct.double-period", "so..", true}, {"punct.double-period", "Once..", true},
				{"punct.double-period", "Again", false}, {"punct.double-period", "last", true},
			},
		},
		{
			name:    "plain text: prose mentioning the word is no directive",
			text:    "Write copydesk-disable in a comment.\nx..\n",
			queries: []query{{"punct.double-period", "..", false}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Parse(tt.text, tt.markdown, Known(testRules))
			for _, q := range tt.queries {
				i := strings.Index(tt.text, q.at)
				if i < 0 {
					t.Fatalf("%q not in the text", q.at)
				}
				if got := s.Suppressed(q.rule, lint.Span{Start: i, End: i + len(q.at)}); got != q.want {
					t.Errorf("Suppressed(%s at %q) = %v, want %v", q.rule, q.at, got, q.want)
				}
			}
			got := report(tt.text, s.Findings())
			if !reflect.DeepEqual(got, tt.findings) {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.findings, "\n"))
			}
		})
	}
}

func TestSpans(t *testing.T) {
	text := "a\n<!-- copydesk-disable x -->\n  # copydesk-enable\nb // copydesk-disable-line\n"
	s := Parse(text, false, nil)
	var got []string
	for _, sp := range s.Spans() {
		got = append(got, text[sp.Start:sp.End])
	}
	want := []string{"<!-- copydesk-disable x -->", "# copydesk-enable", "// copydesk-disable-line"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Spans = %q, want %q", got, want)
	}
	// With nil known every name is accepted: "x" is only unused.
	wantF := []string{
		"suppress.unused@2: unused copydesk-disable: no x finding is suppressed",
		"suppress.unused@4: unused copydesk-disable-line: no finding is suppressed",
	}
	if got := report(text, s.Findings()); !reflect.DeepEqual(got, wantF) {
		t.Errorf("findings %q, want %q", got, wantF)
	}
}

func TestNoDirectives(t *testing.T) {
	s := Parse("plain text.. the the\n", true, nil)
	if !s.Empty() || s.Suppressed("dedupe.word", lint.Span{Start: 0, End: 1}) || len(s.Findings()) != 0 {
		t.Error("a text without directives suppresses or reports something")
	}
	var n *Set
	if n.Suppressed("x", lint.Span{}) || n.Findings() != nil || n.Spans() != nil || !n.Empty() {
		t.Error("a nil *Set is not empty")
	}
}

func TestKnown(t *testing.T) {
	k := Known(testRules)
	for name, want := range map[string]bool{
		"dedupe.word": true, "dedupe": true, "dedupe.*": true, "punct": true, "dedupe.wrod": false, "space.*": true, "quotes": false, "": false,
	} {
		if k(name) != want {
			t.Errorf("Known(%q) = %v, want %v", name, !want, want)
		}
	}
}

// TestEndToEnd runs the default pipeline with a suppression set as its
// guard: a suppressed ".." stays, an unsuppressed one is fixed, and the
// directive that suppressed nothing is reported.
func TestEndToEnd(t *testing.T) {
	text := "It said so in a statement..\n" +
		"# copydesk-disable-next-line punct.double-period\n" +
		"The quote reads \"as written..\" verbatim.\n" +
		"# copydesk-disable-next-line dedupe.word\n" +
		"Nothing doubled here at all.\n"
	p := defaultChain()
	known := Known(append(p.Rules(), Rules()...))
	set := Parse(text, false, known)
	res := p.RunGuarded(text, &pipeline.Guard{Suppressed: set.Suppressed, Inline: set.Spans()})
	want := "It said so in a statement.\n" +
		"# copydesk-disable-next-line punct.double-period\n" +
		"The quote reads \"as written..\" verbatim.\n" +
		"# copydesk-disable-next-line dedupe.word\n" +
		"Nothing doubled here at all.\n"
	if res.Cleaned != want {
		t.Errorf("cleaned:\n%s\nwant:\n%s", res.Cleaned, want)
	}
	for _, f := range res.Findings {
		if f.Start > len("It said so in a statement..") {
			t.Errorf("finding after the first line: %s %q", f.Rule, text[f.Start:f.End])
		}
	}
	got := report(text, set.Findings())
	wantF := []string{"suppress.unused@4: unused copydesk-disable-next-line: no dedupe.word finding is suppressed"}
	if !reflect.DeepEqual(got, wantF) {
		t.Errorf("directive findings %q, want %q", got, wantF)
	}

	// AddTo merges them into the result in order, and the changes still
	// point at their findings.
	before := len(res.Findings)
	set.AddTo(res, nil, nil)
	if len(res.Findings) != before+1 {
		t.Fatalf("AddTo: %d findings, want %d", len(res.Findings), before+1)
	}
	for i := 1; i < len(res.Findings); i++ {
		if res.Findings[i].Start < res.Findings[i-1].Start {
			t.Errorf("findings out of order at %d", i)
		}
	}
	for _, c := range res.Changes {
		owner := res.Findings[c.Findings[len(c.Findings)-1]]
		if len(owner.Fix) == 0 || owner.Stage == "suppress" {
			t.Errorf("change %+v points at %+v", c.Edit, owner)
		}
	}
	last := res.Findings[len(res.Findings)-1]
	if last.Rule != RuleUnused || last.Stage != "suppress" || last.FixedBy != -1 {
		t.Errorf("merged finding = %+v", last)
	}
}

func TestAddToHonoursOptions(t *testing.T) {
	text := "<!-- copydesk-disable dedupe.word -->\n<!-- copydesk-disable nope -->\nx\n"
	for _, tt := range []struct {
		opts struct {
			Disabled []string
			Severity map[string]lint.Severity
		}
		rules []string
		sev   lint.Severity
	}{
		{rules: []string{RuleUnused, RuleUnknownRule}, sev: lint.Info},
		{rules: []string{RuleUnknownRule}, sev: lint.Warning},
		{rules: []string{RuleUnused, RuleUnknownRule}, sev: lint.Error},
	} {
		switch tt.sev {
		case lint.Warning:
			tt.opts.Disabled = []string{RuleUnused}
		case lint.Error:
			tt.opts.Severity = map[string]lint.Severity{RuleUnused: lint.Error}
		}
		set := Parse(text, true, Known(testRules))
		res := pipeline.New().Run(text)
		set.AddTo(res, tt.opts.Disabled, tt.opts.Severity)
		var rules []string
		for _, f := range res.Findings {
			rules = append(rules, f.Rule)
		}
		if !reflect.DeepEqual(rules, tt.rules) || res.Findings[0].Severity != tt.sev {
			t.Errorf("AddTo(%+v) = %+v", tt.opts, res.Findings)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"<!-- copydesk-disable dedupe.word -->\nx\n<!-- copydesk-enable -->",
		"copydesk-disable\r\n# copydesk-enable a, b -- why\r\n",
		"x // copydesk-disable-line\n<!-- copydesk-disable-next-line",
		"```\n<!-- copydesk-disable -->\n",
		"<!--copydesk-enable dedupe--><!---->copydesk-",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	k := Known(testRules)
	f.Fuzz(func(t *testing.T, text string, markdown bool) {
		s := Parse(text, markdown, k)
		for i := 0; i <= len(text); i += 1 + len(text)/16 {
			s.Suppressed("dedupe.word", lint.Span{Start: i, End: i})
		}
		for _, fd := range s.Findings() {
			if fd.Start < 0 || fd.End > len(text) || fd.Start > fd.End {
				t.Fatalf("finding %+v outside the text", fd)
			}
		}
		last := -1
		for _, sp := range s.Spans() {
			if sp.Start < last || sp.End < sp.Start || sp.End > len(text) {
				t.Fatalf("spans not sorted or outside: %+v", s.Spans())
			}
			last = sp.End
		}
	})
}

// defaultChain is the standard chain's stages, built here because the
// registry, which builds it, imports this package.
func defaultChain() *pipeline.Pipeline {
	stages := normalize.Stages(normalize.Options{})
	stages = append(stages, punct.New(punct.Options{}), dedupe.New(dedupe.Options{}), dedupe.NewEcho(dedupe.Options{}))
	p := pipeline.New(stages...)
	p.Repeat(len(stages) - 3)
	return p
}
