package suppress

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// An unknown rule in a directive is answered with the nearest rule id,
// when one is near enough; far-off names get the plain message.
func TestUnknownRuleSuggestion(t *testing.T) {
	rules := []lint.Rule{{ID: "punct.double-period"}, {ID: "dedupe.word"}, {ID: "style.echo"}}
	known, sug := Known(rules), Suggester(rules)
	for name, want := range map[string]string{
		"punct.double-perod": `(did you mean "punct.double-period"?)`,
		"dedupe.wrod":        `(did you mean "dedupe.word"?)`,
		"dedup.*":            `(did you mean "dedupe.*"?)`,
		"nothing.like-this":  `(see 'copydesk rules')`,
	} {
		text := "Text here.\n<!-- copydesk-disable-next-line " + name + " -->\nMore text.\n"
		s := ParseSuggest(text, true, known, sug)
		var msg string
		for _, f := range s.Findings() {
			if f.Rule == RuleUnknownRule {
				msg = f.Message
			}
		}
		if !strings.HasSuffix(msg, want) {
			t.Errorf("%s: message %q, want it to end %q", name, msg, want)
		}
	}
}
