package corpus

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/dedupe/seen"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/normalize/punct"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
)

func analyze(text string) *Doc { return NewAnalyzer(Options{}).Analyze(text) }

func TestFingerprintFolding(t *testing.T) {
	same := [][2]string{
		{"Hello, World! It's here.", "hello world it s here"},
		{"“Quoted” text – with a dash", "\"quoted\" text - with a dash"},
		{"Caf\u00e9 na\u00efve", "Cafe\u0301 nai\u0308ve"}, // NFC and NFD
		{"ÉCOLE  Straße", "école straße"},
		{"one\ntwo   three", "one two three"},
	}
	for _, p := range same {
		a, b := analyze(p[0]), analyze(p[1])
		if a.Paras[0].FP != b.Paras[0].FP || a.FP != b.FP {
			t.Errorf("%q and %q: fingerprints differ", p[0], p[1])
		}
	}
	differ := [][2]string{
		{"one two three", "one two four"},
		{"one two three", "three two one"},
		{"10 GMT", "11 GMT"},
		{"naïve", "naive"},
	}
	for _, p := range differ {
		if analyze(p[0]).Paras[0].FP == analyze(p[1]).Paras[0].FP {
			t.Errorf("%q and %q: same fingerprint", p[0], p[1])
		}
	}
}

func TestAnalyzeParagraphs(t *testing.T) {
	text := "Headline here\n\n  First paragraph, of six words.  \n\n\n0000 GMT\r\n"
	d := analyze(text)
	if len(d.Paras) != 3 {
		t.Fatalf("%d paragraphs, want 3", len(d.Paras))
	}
	words := []int{2, 5, 2}
	for i, p := range d.Paras {
		if p.N != i+1 || p.Words != words[i] {
			t.Errorf("paragraph %d: N %d, %d words; want %d words", i, p.N, p.Words, words[i])
		}
	}
	if got := text[d.Paras[1].Start:d.Paras[1].End]; got != "First paragraph, of six words." {
		t.Errorf("span %q", got)
	}
	if d.Words != 9 {
		t.Errorf("Words = %d", d.Words)
	}
	// Paragraph breaks do not change the whole-document fingerprint, and
	// it is never a paragraph's.
	if analyze("a b c\n\nd e").FP != analyze("a b c d e").FP {
		t.Error("whole fingerprint depends on paragraph breaks")
	}
	one := analyze("just one paragraph here")
	if one.FP == one.Paras[0].FP {
		t.Error("a one-paragraph document's fingerprint equals its paragraph's")
	}
	if analyze("a b c").Bands != nil {
		t.Error("a document shorter than a shingle has a signature")
	}
}

// words returns n pseudo-random words.
func words(r *rand.Rand, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("w%d", r.IntN(5000))
	}
	return out
}

const byline = "By Nick Assinder, BBC News Online political correspondent in London"

func TestCorpusRepeatedParagraphs(t *testing.T) {
	c := New(Options{})
	docs := []string{
		"First story\n\n" + byline + "\n\nThe minister said the plan would cost far less than the critics claimed last week.\n\n0000 GMT",
		"Second story\n\nAn entirely different opening paragraph about the weather in the north of England today.\n\n" + byline + ".\n\n0000 GMT",
		"Third story\n\nBY NICK ASSINDER - BBC News Online political correspondent in London",
	}
	var decs []*Decision
	for i, text := range docs {
		dec, err := c.Add(fmt.Sprintf("doc%d", i+1), analyze(text))
		if err != nil {
			t.Fatal(err)
		}
		c.Note(dec, text)
		decs = append(decs, dec)
	}
	if len(decs[0].Repeats) != 0 || decs[0].Duplicate() {
		t.Errorf("first document: %+v", decs[0])
	}
	for _, k := range []int{1, 2} {
		d := decs[k]
		if len(d.Repeats) != 1 {
			t.Fatalf("doc%d: %d repeats, want the byline only (0000 GMT is short)", k+1, len(d.Repeats))
		}
		if r := d.Repeats[0]; r.First != (seen.Origin{Doc: "doc1", Para: 2}) || !strings.Contains(strings.ToLower(docs[k][r.Start:r.End]), "assinder") {
			t.Errorf("doc%d: repeat %+v", k+1, r)
		}
	}
	b := c.Boilerplate(5)
	if len(b) != 1 || b[0].Count != 3 || b[0].First.Doc != "doc1" || !strings.HasPrefix(b[0].Text, "By Nick Assinder") {
		t.Errorf("boilerplate %+v", b)
	}
	if s := c.Stats(); s.Docs != 3 || s.RepeatedParagraphs != 2 || s.ExactDocs != 0 {
		t.Errorf("stats %+v", s)
	}
	// The same document again under its own name (a run resumed after a
	// crash) is no copy of itself; its byline still repeats doc1's.
	dec, _ := c.Add("doc2", analyze(docs[1]))
	if dec.Duplicate() || len(dec.Repeats) != 1 || dec.Repeats[0].First.Doc != "doc1" {
		t.Errorf("a document run again under its name: %+v", dec)
	}
}

func TestCorpusExactDuplicates(t *testing.T) {
	text := "Title\n\nA body paragraph long enough to count as one of ten words or more."
	for _, drop := range []bool{false, true} {
		c := New(Options{DropDuplicateDocs: drop})
		c.Add("a", analyze(text))
		dec, _ := c.Add("b", analyze(strings.ToUpper(text)+"\n"))
		if dec.CopyOf != "a" || dec.Drop != drop {
			t.Errorf("drop %v: %+v", drop, dec)
		}
		if drop && len(dec.Repeats) != 0 {
			t.Errorf("a dropped document reports repeats")
		}
		if !drop && len(dec.Repeats) != 1 {
			t.Errorf("a kept copy: %d repeats, want 1", len(dec.Repeats))
		}
		if s := c.Stats(); s.ExactDocs != 1 || (s.DroppedDocs == 1) != drop {
			t.Errorf("stats %+v", s)
		}
	}
	// Empty documents are not copies of each other.
	c := New(Options{})
	c.Add("a", analyze(" \n"))
	if dec, _ := c.Add("b", analyze("...")); dec.Duplicate() {
		t.Error("empty documents taken for copies")
	}
}

// jaccard is the exact Jaccard similarity of two texts' word 5-gram sets.
func jaccard(a, b []string) float64 {
	set := func(w []string) map[string]bool {
		m := map[string]bool{}
		for i := 0; i+5 <= len(w); i++ {
			m[strings.Join(w[i:i+5], " ")] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	inter := 0
	for k := range sa {
		if sb[k] {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

// edit changes n random words of w.
func edit(r *rand.Rand, w []string, n int) []string {
	out := append([]string(nil), w...)
	for range n {
		out[r.IntN(len(out))] = fmt.Sprintf("x%d", r.IntN(1e6))
	}
	return out
}

func TestCorpusNearDuplicates(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	hits, misses := 0, 0
	for trial := range 40 {
		base := words(r, 300+r.IntN(400))
		for _, changes := range []int{1, 3, 40} {
			c := New(Options{})
			other := edit(r, base, changes)
			j := jaccard(base, other)
			c.Add("base", analyze(strings.Join(base, " ")))
			dec, err := c.Add("other", analyze(strings.Join(other, " ")))
			if err != nil {
				t.Fatal(err)
			}
			if dec.NearOf != "" && (dec.Similarity < j-0.15 || dec.Similarity > j+0.15) {
				t.Errorf("trial %d: estimate %.2f, true Jaccard %.2f", trial, dec.Similarity, j)
			}
			switch {
			case j >= 0.9:
				if dec.NearOf == "base" {
					hits++
				} else {
					misses++
				}
			case j < 0.6 && dec.NearOf != "":
				t.Errorf("trial %d: Jaccard %.2f reported as %.2f like", trial, j, dec.Similarity)
			}
		}
	}
	if hits == 0 || misses*20 > hits {
		t.Errorf("near copies with Jaccard >= 0.9: %d found, %d missed", hits, misses)
	}
}

func TestCorpusDropNear(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	base := words(r, 400)
	near := append(edit(r, base, 1), "\n\nA paragraph only the near copy has, with more than ten words in it.")
	c := New(Options{DropDuplicateDocs: true})
	c.Add("base", analyze(strings.Join(base, " ")))
	dec, _ := c.Add("near", analyze(strings.Join(near, " ")))
	if !dec.Drop || dec.NearOf != "base" {
		t.Fatalf("near copy not dropped: %+v", dec)
	}
	// The dropped document's own paragraph was not added.
	dec, _ = c.Add("third", analyze("A paragraph only the near copy has, with more than ten words in it."))
	if len(dec.Repeats) != 0 {
		t.Errorf("a paragraph of a dropped document counts as seen: %+v", dec.Repeats)
	}
}

// TestStageExtend removes repeated paragraphs through pipeline.Extend and
// checks that the result stays exact against the original.
func TestStageExtend(t *testing.T) {
	c := New(Options{Remove: true})
	p := defaultChain()
	first := "Story one\n\n" + byline + "\n\nBody of the first story, which is long enough to count here."
	second := "  Story two..\n\n" + byline + "\n\nThe  “body” of the second story, which is long enough to count.\n\n" + byline + "  \n\nEnd of the second story with its own ten words or more in it."
	lead := byline + "\n\nBody of the first story, which is long enough to count here.\n\nThe rest."
	var out []*pipeline.Result
	for i, in := range []string{first, second, lead} {
		r := p.Run(in)
		dec, err := c.Add(fmt.Sprintf("d%d", i+1), analyze(r.Cleaned))
		if err != nil {
			t.Fatal(err)
		}
		p.Extend(r, dec.Stage())
		got, err := lint.Apply(in, r.Edits())
		if err != nil || got != r.Cleaned {
			t.Fatalf("doc %d: changes do not reproduce the output: %v\n%q\n%q", i+1, err, got, r.Cleaned)
		}
		out = append(out, r)
	}
	if out[0].Cleaned != first {
		t.Errorf("first document changed: %q", out[0].Cleaned)
	}
	want2 := "Story two.\n\nThe \"body\" of the second story, which is long enough to count.\n\nEnd of the second story with its own ten words or more in it."
	if out[1].Cleaned != want2 {
		t.Errorf("second document:\n got %q\nwant %q", out[1].Cleaned, want2)
	}
	if out[2].Cleaned != "The rest." {
		t.Errorf("third document: %q", out[2].Cleaned)
	}
	n := 0
	for _, f := range out[1].Findings {
		if f.Rule == RuleParagraph {
			n++
			if f.Message != "paragraph repeats paragraph 2 of d1 (removed)" || len(f.Fix) == 0 {
				t.Errorf("finding %q fix %v", f.Message, f.Fix)
			}
			if !strings.HasPrefix(second[f.Start:f.End], "By Nick") {
				t.Errorf("finding span %q", second[f.Start:f.End])
			}
		}
	}
	if n != 2 {
		t.Errorf("corpus findings in the second document: %d, want both copies of the byline", n)
	}
}

func TestStageReportOnlyAndDocument(t *testing.T) {
	c := New(Options{})
	text := "Title\n\nA body paragraph long enough to count as one of ten words or more."
	c.Add("a", analyze(text))
	dec, _ := c.Add("b", analyze(text))
	fs := dec.Stage().Check(text)
	if len(fs) != 2 || fs[0].Rule != RuleDocument || fs[0].Message != "document is a copy of a" || fs[1].Fix != nil {
		t.Fatalf("findings %+v", fs)
	}
	if dec.Stage().Check(text+" ") != nil {
		t.Error("the stage reported on another text")
	}
}

func TestCorpusPersistentIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seen.idx")
	para := "Copyright notice that every article of the agency carries at the end."
	for run, name := range []string{"monday/1", "tuesday/1"} {
		idx, err := seen.Open(path, Version)
		if err != nil {
			t.Fatal(err)
		}
		c := New(Options{Index: idx})
		dec, err := c.Add(name, analyze(fmt.Sprintf("Story %d\n\n%s", run, para)))
		if err != nil {
			t.Fatal(err)
		}
		if run == 1 && (len(dec.Repeats) != 1 || dec.Repeats[0].First != (seen.Origin{Doc: "monday/1", Para: 2})) {
			t.Errorf("second run: %+v", dec.Repeats)
		}
		if err := idx.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := seen.Open(path, "other"); err == nil {
		t.Error("an index of another fingerprint version opened")
	}
}

// defaultChain is the standard chain's stages, built here because the
// registry, which builds it, imports this package.
func defaultChain() *pipeline.Pipeline {
	stages := normalize.Stages(normalize.Options{})
	stages = append(stages, punct.New(punct.Options{}), dedupe.New(dedupe.Options{}), dedupe.NewEcho(dedupe.Options{}))
	p := pipeline.New(stages...)
	p.Repeat(len(stages) - 3)
	return p
}
