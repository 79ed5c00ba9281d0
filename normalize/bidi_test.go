package normalize

import (
	"testing"
)

func TestBidi(t *testing.T) {
	testStage(t, invisibleStage{}, []stageTest{
		// Trojan Source: an override never closed on its line.
		{name: "unclosed override", in: "access = \"user\u202e \u2066// admin\u2069\u2066\"\n", want: "access = \"user \u2066// admin\u2069\"\n",
			findings: []string{"unicode.bidi 14:17", "unicode.bidi 18:21", "unicode.bidi 29:32", "unicode.bidi 32:35"}},
		{name: "stray pdf", in: "a\u202cb", want: "ab", findings: []string{"unicode.bidi 1:4"}},
		{name: "stray pdi", in: "a\u2069b", want: "ab", findings: []string{"unicode.bidi 1:4"}},
		// Balanced on the line: reported, kept.
		{name: "balanced isolate", in: "name: \u2067שלום\u2069 ok", want: "name: \u2067שלום\u2069 ok",
			findings: []string{"unicode.bidi 6:9", "unicode.bidi 17:20"}},
		{name: "balanced embedding", in: "x\u202bab\u202cy", want: "x\u202bab\u202cy",
			findings: []string{"unicode.bidi 1:4", "unicode.bidi 6:9"}},
		// A line break ends every embedding: both halves are unbalanced.
		{name: "closed on the next line", in: "a\u202eb\nc\u202cd", want: "ab\ncd",
			findings: []string{"unicode.bidi 1:4", "unicode.bidi 7:10"}},
		// A PDI closes its isolate and the embedding opened inside it.
		{name: "pdi closes inner embedding", in: "\u2066a\u202eb\u2069", want: "\u2066ab\u2069",
			findings: []string{"unicode.bidi 0:3", "unicode.bidi 4:7", "unicode.bidi 8:11"}},
		// A PDF does not close across an open isolate.
		{name: "pdf across isolate", in: "\u202aa\u2066b\u202c\u2069\u202c", want: "\u202aa\u2066b\u2069\u202c",
			findings: []string{"unicode.bidi 0:3", "unicode.bidi 4:7", "unicode.bidi 8:11", "unicode.bidi 11:14", "unicode.bidi 14:17"}},
		// Marks are not controls of this kind.
		{name: "lrm rlm kept", in: "a\u200eb\u200fc", want: "a\u200eb\u200fc"},
		// Never join invalid bytes.
		{name: "guard", in: "\xe2\u202e\x80\x99", want: "\xe2\u202e\x80\x99",
			findings: []string{"encoding.invalid-utf8 0:1", "unicode.bidi 1:4", "encoding.invalid-utf8 4:6"}},
	})
}

func TestBidiMessages(t *testing.T) {
	fs := invisibleStage{}.Check("a\u202eb \u2067c\u2069")
	want := []string{
		"bidirectional control U+202E (RLO) not closed on its line removed",
		"bidirectional control U+2067 (RLI) reorders how the text up to its closing control is displayed: check it is intended",
		"bidirectional control U+2069 (PDI) closes a bidirectional control on its line",
	}
	if got := messages(fs); len(got) != len(want) {
		t.Fatalf("messages: %q", got)
	} else {
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("message %d: got %q, want %q", i, got[i], want[i])
			}
		}
	}
	if len(fs[1].Related) != 1 || fs[1].Related[0].Start != fs[2].Start {
		t.Errorf("the balanced opener should relate to its closer: %+v", fs[1])
	}
}
