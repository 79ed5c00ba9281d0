package segment_test

import (
	"path/filepath"
	"testing"

	"github.com/copydesk/copydesk/dedupe/segment"
)

// FuzzSentences checks the guarantees of Sentences on any input: no panic;
// units in order, not overlapping, within bounds, on rune boundaries, not
// empty, not starting or ending with white space; every byte that is not
// white space inside some unit (so invalid UTF-8 is kept, byte for byte);
// every sentence inside one of the Paragraphs.
func FuzzSentences(f *testing.F) {
	for _, c := range readGoldenTSV(f, filepath.Join("testdata", "golden_subset.tsv")) {
		f.Add(c.input)
	}
	for _, s := range []string{
		"", " ", "\n\n", ".", "..", "...", ". . . .", "a. . . . B", "[...]", "1.) a 2.) B",
		"• 9. A • 10. B", "⁃9. A ⁃10. B", "a.B", "x.Yz w", "Mr.Smith", "At 5 a.m. Mr. X",
		"caf\xe9. Next \xff", "\xe2\x80. Then.", "One\r\nTwo\r\rThree\u2029Four\u2028Five",
		"- a\n  b\n- c", "i) A ii) B iii) C", "U.S. He", "“Go.” Then", "e.g. The",
	} {
		f.Add(s)
	}
	sp := segment.NewSplitter(segment.Options{Abbreviations: []string{"x"}, Titles: []string{"y.z"}})
	f.Fuzz(func(t *testing.T, s string) {
		units := segment.Sentences(s)
		checkUnits(t, s, units)
		checkNested(t, s, units, segment.Paragraphs(s))
		checkUnits(t, s, sp.Sentences(s))
	})
}

// checkNested checks that every sentence lies inside one paragraph, as the
// dedupe stage relies on.
func checkNested(t *testing.T, text string, sentences, paragraphs []segment.Unit) {
	t.Helper()
	p := 0
	for _, u := range sentences {
		for p < len(paragraphs) && paragraphs[p].End <= u.Start {
			p++
		}
		if p == len(paragraphs) || u.Start < paragraphs[p].Start || u.End > paragraphs[p].End {
			t.Fatalf("sentence %v %q is not inside one paragraph of %v", u, text[u.Start:u.End], paragraphs)
		}
	}
}
