package markdown_test

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/markdown"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// A near-duplicate's word diff quotes the words of code spans, not the
// placeholders of the view the stages see.
func TestNearDuplicateMessageHasNoPlaceholders(t *testing.T) {
	const src = "Use `chalk.underline` to draw a line below the text in the terminal window.\n\n" +
		"Use `chalk.overline` to draw a line above the text in the terminal window.\n"
	r := markdown.Run(registry.Default(registry.Options{}), src)
	found := false
	for _, f := range r.Findings {
		if f.Rule != "dedupe.near-paragraph" && f.Rule != "dedupe.near-sentence" {
			continue
		}
		found = true
		if strings.Contains(f.Message, "0chalk") || strings.Contains(f.Message, "underline0") {
			t.Errorf("message leaks the view's placeholders: %s", f.Message)
		}
		if !strings.Contains(f.Message, `"chalk underline" → "chalk overline"`) && !strings.Contains(f.Message, `"underline" → "overline"`) {
			t.Errorf("message lacks the word diff: %s", f.Message)
		}
	}
	if !found {
		t.Fatalf("no near-duplicate finding: %+v", r.Findings)
	}
}
