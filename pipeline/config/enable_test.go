package config

import (
	"slices"
	"testing"

	"github.com/copydesk/copydesk/pipeline/registry"
)

// A [rules] line other than "off" switches on a rule that is off by
// default; "off" and other rules add nothing to Enabled.
func TestEnableDefaultOff(t *testing.T) {
	for src, want := range map[string]bool{
		"[rules]\n\"style.echo\" = \"on\"\n":                          true,
		"[rules]\n\"style.echo\" = \"warning\"\n":                     true,
		"[rules]\n\"style.echo\" = { enabled = true }\n":              true,
		"[rules]\n\"style.echo\" = \"off\"\n":                         false,
		"[rules]\n\"dedupe.word\" = \"on\"\n":                         false,
		"[normalize]\nquotes = \"keep\"\n":                            false,
		"[rules]\n\"style.*\" = \"info\"\n\"style.echo\" = \"off\"\n": false,
	} {
		c, err := Parse("t.toml", []byte(src), nil)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		o := c.Options()
		if got := slices.Contains(o.Enabled, "style.echo"); got != want {
			t.Errorf("%q: style.echo enabled %v, want %v (%v)", src, got, want, o.Enabled)
		}
		p := registry.Default(o)
		r := p.Run("The minister said on Monday that the minister said nothing new.\n")
		echoes := 0
		for _, f := range r.Findings {
			if f.Rule == "style.echo" {
				echoes++
			}
		}
		if (echoes > 0) != want {
			t.Errorf("%q: %d echo findings, want some: %v", src, echoes, want)
		}
	}
}
