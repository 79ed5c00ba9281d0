package lint

import (
	"slices"
	"testing"
)

func TestMatchRule(t *testing.T) {
	for _, tt := range []struct {
		pattern, id string
		want        bool
	}{
		{"dedupe.word", "dedupe.word", true},
		{"dedupe.word", "dedupe.words", false},
		{"dedupe.*", "dedupe.word", true},
		{"dedupe.*", "dedupe", false},
		{"dedupe.*", "dedupex.word", false},
		{"dedupe.near-*", "dedupe.near-sentence", true},
		{"dedupe.near-*", "dedupe.sentence", false},
		{"*", "punct.doubled", true},
		{"", "punct.doubled", false},
	} {
		if got := MatchRule(tt.pattern, tt.id); got != tt.want {
			t.Errorf("MatchRule(%q, %q) = %v, want %v", tt.pattern, tt.id, got, tt.want)
		}
	}
}

func TestAreaPattern(t *testing.T) {
	for _, tt := range []struct {
		pattern, area string
		ok            bool
	}{
		{"space.*", "space", true},
		{"space", "", false},
		{".*", "", true},
		{"dedupe.near-*", "", false},
		{"*", "", false},
	} {
		area, ok := AreaPattern(tt.pattern)
		if area != tt.area || ok != tt.ok {
			t.Errorf("AreaPattern(%q) = %q, %v; want %q, %v", tt.pattern, area, ok, tt.area, tt.ok)
		}
	}
}

func TestPatternCovers(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"*", "dedupe.*", true},
		{"*", "dedupe.word", true},
		{"dedupe.*", "dedupe.word", true},
		{"dedupe.*", "dedupe.*", true},
		{"dedupe.*", "*", false},
		{"dedupe.word", "dedupe.*", false},
		{"dedupe.word", "dedupe.word", true},
		{"dedupe.*", "punct.*", false},
		{"dedupe.*", "dedupe.near-*", true},
	} {
		if got := PatternCovers(tt.a, tt.b); got != tt.want {
			t.Errorf("PatternCovers(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestExpandPattern(t *testing.T) {
	ids := []string{"dedupe.paragraph", "dedupe.word", "punct.doubled"}
	if got := ExpandPattern("dedupe.*", ids); !slices.Equal(got, ids[:2]) {
		t.Errorf("ExpandPattern(dedupe.*) = %v", got)
	}
	if got := ExpandPattern("nope.*", ids); got != nil {
		t.Errorf("ExpandPattern(nope.*) = %v", got)
	}
}
