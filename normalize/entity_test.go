package normalize

import (
	"testing"
)

func TestEntity(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Tom &amp; Jerry", "Tom & Jerry"},
		{"don&rsquo;t", "don’t"},
		{"don&#8217;t", "don’t"},
		{"don&#x2019;t", "don’t"},
		{"don&#X2019;t", "don’t"},
		{"a&nbsp;b", "a\u00a0b"},
		{"&#146;", "’"}, // Windows-1252 numbering, as browsers read it
		{"&amp;amp;", "&"},
		{"&amp;amp;amp;lt;", "<"},
		{"&amp;&#35;38;", "&"},
		{"1 &lt; 2 &gt; 0", "1 < 2 > 0"},
		{"&eacute;t&eacute;", "été"},
		{"Mr Blair&#191;s government", "Mr Blair's government"}, // a lost apostrophe
		{"America&#xBF;s team", "America's team"},
		{"&#191;Qué?", "¿Qué?"}, // an inverted question mark opens a question
		{"Hola&#191;Qué pasa?", "Hola¿Qué pasa?"},
		{"dijo: &iquest;vienes?", "dijo: ¿vienes?"},
		// Left alone.
		{"AT&T", "AT&T"},
		{"&c", "&c"},
		{"a & b", "a & b"},
		{"&amp", "&amp"},
		{"&notanentity;", "&notanentity;"},
		{"&notit;", "&notit;"},
		{"&#0;", "&#0;"},
		{"&#xD800;", "&#xD800;"},
		{"&#x110000;", "&#x110000;"},
		{"&#99999999999999999999;", "&#99999999999999999999;"},
		{"&#;", "&#;"},
		{"&;", "&;"},
		// HTML documents are left alone.
		{"<p>Tom &amp; Jerry</p>", "<p>Tom &amp; Jerry</p>"},
		{"see <a href=x>here</a> &amp;", "see <a href=x>here</a> &amp;"},
		{"line<br/>&amp;", "line<br/>&amp;"},
		{"<!-- c --> &amp;", "<!-- c --> &amp;"},
		{"<!DOCTYPE html> &amp;", "<!DOCTYPE html> &amp;"},
		// Written about, not escaped (gitmailmap.txt, libxml2 NEWS):
		// left alone, or only suggested.
		{"broken '<jane&#64;laptop.(none)>' and", "broken '<jane&#64;laptop.(none)>' and"},
		{"type '&amp;' for it", "type '&amp;' for it"},
		{"type `&lt;` for it", "type `&lt;` for it"},
		{"In HTML, write &amp; for an ampersand.", "In HTML, write &amp; for an ampersand."},
		{"   - avoid generating &quot; (fix in libxml2-2.5.8)", "   - avoid generating &quot; (fix in libxml2-2.5.8)"},
		{"$ echo &amp; done", "$ echo &amp; done"},
		// Not HTML: a comparison.
		{"a < b &amp; c > d", "a < b & c > d"},
		{"x <3 &amp;", "x <3 &"},
	} {
		out, _ := applyStage(t, entityStage{}, tc.in, nil)
		if out != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, out, tc.want)
		}
		// Idempotent: no fix left (a suggestion may stay).
		for _, f := range (entityStage{}).Check(out) {
			if !f.Suggest {
				t.Errorf("%q: second run finds %s", tc.in, f.Message)
			}
		}
	}
}

// TestEntitySuggestion checks a reference in a line about markup is a
// suggestion, not a fix.
func TestEntitySuggestion(t *testing.T) {
	in := "In HTML, write &amp; for an ampersand."
	fs := entityStage{}.Check(in)
	if len(fs) != 1 || !fs[0].Suggest || fs[0].Fix[0].New != "&" {
		t.Fatalf("findings of %q: %+v, want one suggestion", in, fs)
	}
	if fs := (entityStage{}).Check("Tom &amp; Jerry"); len(fs) != 1 || fs[0].Suggest {
		t.Errorf("Tom &amp; Jerry: %+v, want one fix", fs)
	}
}

func TestEntityFinding(t *testing.T) {
	in := "don&rsquo;t &amp;amp;"
	fs := entityStage{}.Check(in)
	if len(fs) != 2 {
		t.Fatalf("got %d findings, want 2", len(fs))
	}
	checkFindings(t, "entity", in, fs)
	if f := fs[0]; f.Rule != RuleHTMLEntity || in[f.Start:f.End] != "&rsquo;" || f.Message != `HTML entity &rsquo; → "’"` {
		t.Errorf("first finding: %+v", f)
	}
	if f := fs[1]; in[f.Start:f.End] != "&amp;amp;" || f.Fix[0].New != "&" {
		t.Errorf("nested finding: %+v", f)
	}
}

// TestEntityThroughChain checks a decoded character flows through the
// rest of the chain: &rsquo; becomes ’, then ' with ASCII quotes.
func TestEntityThroughChain(t *testing.T) {
	out, _ := runChain(t, Stages(Options{}), "don&rsquo;t&nbsp;go", nil)
	if want := "don't go"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
