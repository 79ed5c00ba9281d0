package config

import (
	"slices"
	"testing"

	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// Every preset parses, and sets what it says.
func TestPresets(t *testing.T) {
	opts := map[string]func(t *testing.T, c *Config){
		"newsroom": func(t *testing.T, c *Config) {
			o := c.Options()
			if o.Normalize.Quotes != normalize.QuotesTypographic || o.Normalize.Lang != "de" || !slices.Contains(o.Enabled, "style.echo") ||
				o.Severity["dedupe.near-paragraph"] != lint.Warning {
				t.Errorf("newsroom: %+v", o)
			}
		},
		"ingest": func(t *testing.T, c *Config) {
			o := c.Options()
			if o.Normalize.Quotes != normalize.QuotesASCII || !o.Normalize.Width || o.Dedupe.Mode.String() != "all" || !o.Dedupe.FixNear {
				t.Errorf("ingest: %+v", o)
			}
		},
		"docs": func(t *testing.T, c *Config) {
			o := c.Options()
			if o.Normalize.Quotes != normalize.QuotesKeep || !slices.Contains(o.Disabled, "dedupe.near-paragraph") || c.Match("node_modules/x/a.md") {
				t.Errorf("docs: %+v", o)
			}
		},
	}
	for _, name := range Presets {
		src, err := Preset(name, "de")
		if err != nil {
			t.Fatal(err)
		}
		c, err := Parse("/tmp/p/.copydesk.toml", []byte(src), nil)
		if err != nil {
			t.Fatalf("%s does not parse: %v", name, err)
		}
		opts[name](t, c)
	}
	if _, err := Preset("blog", ""); err == nil {
		t.Error("unknown preset accepted")
	}
	if _, err := Preset("newsroom", "xx"); err == nil {
		t.Error("unknown lang accepted")
	}
}
