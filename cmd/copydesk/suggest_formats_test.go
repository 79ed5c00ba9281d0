package main

import (
	"strings"
	"testing"
)

// TestSuggestionShownNotApplied checks a suggested fix end to end: check
// offers it in every format, clean and diff leave the text as it is.
func TestSuggestionShownNotApplied(t *testing.T) {
	const text = "-- Yes, he said.\n"
	cd(t, map[string]string{"dash.txt": text})
	for format, want := range map[string]string{
		"short":  `(suggestion: replace "--" with "—") [dash.double-hyphen]`,
		"text":   `= suggestion: replace "--" with "—" (not applied)`,
		"github": `(suggestion: replace "--" with "—")`,
		"json":   `"suggestion": [{"offset": 0, "end_offset": 2, "new": "—"}]`,
	} {
		o := real(t).run(t, "check", "--quotes", "typographic", "--format", format, "dash.txt")
		if !strings.Contains(o.stdout, want) {
			t.Errorf("check --format %s lacks %s:\n%s%s", format, want, o.stdout, o.stderr)
		}
	}
	if o := real(t).run(t, "clean", "--quotes", "typographic", "dash.txt"); o.stdout != text {
		t.Errorf("clean applied the suggestion: %q", o.stdout)
	}
	if o := real(t).run(t, "diff", "--quotes", "typographic", "dash.txt"); o.code != 0 || o.stdout != "" {
		t.Errorf("diff shows the suggestion: exit %d\n%s", o.code, o.stdout)
	}
}
