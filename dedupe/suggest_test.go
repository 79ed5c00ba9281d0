package dedupe_test

import (
	"testing"

	"github.com/copydesk/copydesk/pipeline/registry"
)

// TestApplySuggestions checks that the suggestions of the dedupe stage
// apply cleanly with the fixes when a user asks for them, and that a
// second run then changes nothing: a suggested paragraph removal takes
// the fixes inside the paragraph with it.
func TestApplySuggestions(t *testing.T) {
	for _, in := range []string{
		"* Fix the the parser for long input lines here\n\n* Fix the the parser for long input lines here\n\nThe hostility hostility grew.\n",
		"2014-05-05  Jim Meyering  <meyering@fb.com>\n\nbuild: update the the gnulib to latest\n\nbuild: update the the gnulib to latest\n\n2014-05-01  Paul Eggert  <eggert@cs.ucla.edu>\n\nmaint: fix the build\n",
		"They sang sang sang all night, and the the crowd cheered cheered.\n",
	} {
		p := registry.Default(registry.Options{ApplySuggestions: true})
		r := p.Run(in)
		again := registry.Default(registry.Options{ApplySuggestions: true}).Run(r.Cleaned)
		if again.Cleaned != r.Cleaned {
			t.Errorf("%q: not idempotent with suggestions applied:\n first %q\nsecond %q", in, r.Cleaned, again.Cleaned)
		}
		plain := registry.Default(registry.Options{}).Run(in)
		if plain.Cleaned == r.Cleaned {
			t.Errorf("%q: applying the suggestions changed nothing", in)
		}
	}
}
