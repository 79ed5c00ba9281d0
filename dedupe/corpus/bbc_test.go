package corpus

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// bbcDir is the BBC News corpus in the shared data, never committed.
var bbcDir = filepath.Join("..", "..", "..", "shared", "data", "corpora", "bbc")

// bbcFiles returns the corpus's article paths in a fixed order, or skips.
func bbcFiles(tb testing.TB) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(bbcDir, "*", "*.txt"))
	if len(files) < 2000 {
		tb.Skipf("the BBC corpus is not at %s (../shared is absent)", bbcDir)
	}
	sort.Strings(files)
	return files
}

// TestBBC pins what the corpus stage finds in the BBC News corpus: the 98
// byte-identical article pairs, near copies, and the correspondents'
// bylines among the most repeated paragraphs.
func TestBBC(t *testing.T) {
	files := bbcFiles(t)
	for _, drop := range []bool{false, true} {
		c := New(Options{DropDuplicateDocs: drop})
		a := NewAnalyzer(Options{})
		firstOf := map[string]string{} // byte-identical copies: content → first name
		identical, found := 0, 0
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name, _ := filepath.Rel(bbcDir, f)
			dec, err := c.Add(name, a.Analyze(string(b)))
			if err != nil {
				t.Fatal(err)
			}
			c.Note(dec, string(b))
			if first, ok := firstOf[string(b)]; ok {
				identical++
				if dec.CopyOf == first && dec.Drop == drop {
					found++
				} else {
					t.Errorf("%s is a byte copy of %s: decision %+v", name, first, dec)
				}
			} else {
				firstOf[string(b)] = name
			}
		}
		s := c.Stats()
		t.Logf("drop %v: stats %+v", drop, s)
		if identical != 98 || found != 98 {
			t.Errorf("%d byte-identical copies, %d found; want 98", identical, found)
		}
		if s.NearDocs < 40 || s.NearDocs > 70 {
			t.Errorf("%d near copies; the corpus has 59 more pairs with Jaccard >= 0.8", s.NearDocs)
		}
		top := c.Boilerplate(10)
		for i, b := range top {
			t.Logf("%2d. %d× %q (first: %s)", i+1, b.Count, b.Text, b.First)
		}
		if len(top) < 2 || !strings.HasPrefix(top[0].Text, "Clark Boyd is technology correspondent") || top[0].Count < 5 ||
			!strings.HasPrefix(top[1].Text, "Bill Thompson is a regular commentator") {
			t.Errorf("the correspondents' bylines are not the most repeated paragraphs")
		}
	}
}

// TestBBCRepeatedParagraphs checks the count of repeated paragraphs of
// 10 or more words against the corpus facts (319 once one copy of each
// duplicate article is removed): only exact copies dropped.
func TestBBCRepeatedParagraphs(t *testing.T) {
	files := bbcFiles(t)
	c := New(Options{DropDuplicateDocs: true, NearThreshold: -1})
	a := NewAnalyzer(Options{})
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name, _ := filepath.Rel(bbcDir, f)
		if _, err := c.Add(name, a.Analyze(string(b))); err != nil {
			t.Fatal(err)
		}
	}
	s := c.Stats()
	t.Logf("%+v", s)
	if s.RepeatedParagraphs < 310 || s.RepeatedParagraphs > 330 {
		t.Errorf("%d repeated paragraphs of 10+ words, the corpus facts say 319", s.RepeatedParagraphs)
	}
}
