package corpus

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// sharedBBC returns the BBC articles' texts and names, from the shared
// data beside the repository or beside its work trees, or skips.
func sharedBBC(tb testing.TB) (names, texts []string) {
	tb.Helper()
	var files []string
	var dir string
	for _, up := range []string{"../../..", "../../../.."} {
		dir = filepath.Join(up, "shared", "data", "corpora", "bbc")
		if files, _ = filepath.Glob(filepath.Join(dir, "*", "*.txt")); len(files) >= 2000 {
			break
		}
	}
	if len(files) < 2000 {
		tb.Skip("the BBC corpus is not in ../shared")
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		n, _ := filepath.Rel(dir, f)
		names, texts = append(names, n), append(texts, string(b))
	}
	return names, texts
}

// chainTexts makes chains of near copies: each document changes a few
// words of the one before, so neighbours are near copies and a chain's
// ends are not; some share a byline paragraph, some are exact copies.
func chainTexts(seed uint64, chains, length int) (names, texts []string) {
	rng := rand.New(rand.NewPCG(seed, 2))
	word := func() string { return fmt.Sprintf("w%d", rng.IntN(20000)) }
	for c := range chains {
		words := make([]string, 150)
		for i := range words {
			words[i] = word()
		}
		for k := range length {
			for range 4 {
				words[rng.IntN(len(words))] = word()
			}
			t := strings.Join(words[:50], " ") + ".\n\n" + strings.Join(words[50:100], " ") + ".\n\n" + strings.Join(words[100:], " ") + "."
			if (c+k)%4 == 0 {
				t += "\n\nBy the staff reporter of the synthetic news desk in the capital city today."
			}
			names, texts = append(names, fmt.Sprintf("c%d-%d", c, k)), append(texts, t)
		}
	}
	for i := 0; i < chains; i += 3 {
		names, texts = append(names, fmt.Sprintf("copy-%d", i)), append(texts, texts[i*length])
	}
	perm := rng.Perm(len(names))
	n2, t2 := make([]string, len(names)), make([]string, len(names))
	for i, p := range perm {
		n2[i], t2[i] = names[p], texts[p]
	}
	return n2, t2
}

// sign writes the documents as shards signature files, in memory.
func sign(t testing.TB, opts Options, names, texts []string, shards int) []SignatureFile {
	t.Helper()
	a := NewAnalyzer(opts)
	var files []SignatureFile
	for s := range shards {
		var buf bytes.Buffer
		w, err := NewSignatureWriter(&buf, ShardHeader{Shard: s, Shards: shards, Params: opts.Params()})
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := s*len(names)/shards, (s+1)*len(names)/shards
		for i := lo; i < hi; i++ {
			if err := w.Write(Signature{Line: int64(i - lo), Name: names[i], Doc: a.Analyze(texts[i])}); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(ShardEnd{Lines: int64(hi - lo)}); err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		files = append(files, SignatureFile{Name: fmt.Sprintf("sig-%d", s), Open: func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(b)), nil
		}})
	}
	return files
}

// decisionsOf returns the decisions by (shard, line).
func decisionsOf(t testing.TB, b []byte) map[[2]int64]*Decided {
	t.Helper()
	ds, err := ReadDecisions(bytes.NewReader(b), "decisions")
	if err != nil {
		t.Fatal(err)
	}
	out := map[[2]int64]*Decided{}
	for s, m := range ds.by {
		for l, d := range m {
			out[[2]int64{int64(s), l}] = d
		}
	}
	return out
}

// TestDecideIsAdd: decisions over shards of signatures are those of one
// Corpus over the documents, and survive the decision file.
func TestDecideIsAdd(t *testing.T) {
	names, texts := chainTexts(3, 60, 5)
	for _, opts := range []Options{{Remove: true, DropDuplicateDocs: true}, {}} {
		c := New(opts)
		a := NewAnalyzer(opts)
		var want []*Decision
		for i := range names {
			d, err := c.Add(names[i], a.Analyze(texts[i]))
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, d)
		}
		var buf bytes.Buffer
		st, err := Decide(New(opts), sign(t, opts, names, texts, 3), nil, &buf)
		if err != nil {
			t.Fatal(err)
		}
		if st != c.Stats() {
			t.Errorf("stats %+v, want %+v", st, c.Stats())
		}
		got := decisionsOf(t, buf.Bytes())
		n := len(names)
		for i, w := range want {
			s := int64(i * 3 / n)
			for s < 2 && int64(i) >= (s+1)*int64(n)/3 {
				s++
			}
			for s > 0 && int64(i) < s*int64(n)/3 {
				s--
			}
			line := int64(i) - s*int64(n)/3
			g := got[[2]int64{s, line}]
			if w.Empty() && !w.Drop {
				if g != nil {
					t.Errorf("%s: decision %+v, want none", names[i], g.Decision)
				}
				continue
			}
			if g == nil {
				t.Errorf("%s: no decision, want %+v", names[i], w)
				continue
			}
			if g.Doc != w.Doc || g.CopyOf != w.CopyOf || g.NearOf != w.NearOf || g.Similarity != w.Similarity || g.Drop != w.Drop || len(g.Repeats) != len(w.Repeats) {
				t.Errorf("%s: decision %+v, want %+v", names[i], g.Decision, w)
				continue
			}
			for k := range w.Repeats {
				if g.Repeats[k].N != w.Repeats[k].N || g.Repeats[k].First != w.Repeats[k].First {
					t.Errorf("%s: repeat %+v, want %+v", names[i], g.Repeats[k], w.Repeats[k])
				}
			}
		}
		if st.NearDocs == 0 || st.ExactDocs == 0 || st.RepeatedParagraphs == 0 {
			t.Errorf("nothing found: %+v", st)
		}
	}
}

// TestSignatureRoundTrip: what a signature keeps is what Add reads.
func TestSignatureRoundTrip(t *testing.T) {
	opts := Options{MinWords: 3}.withDefaults()
	a := NewAnalyzer(opts)
	for _, text := range []string{"", "one", "one two three\n\nfour\n\nfive six seven eight nine ten eleven", strings.Repeat("word salad here ", 40)} {
		d := a.Analyze(text)
		b := appendDoc(nil, d, opts.MinWords)
		got, err := parseDoc(b, opts.Bands, opts.Rows, opts.MinWords)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if got.FP != d.FP || (got.Words > 0) != (d.Words > 0) || !reflect.DeepEqual(got.Bands, d.Bands) || !reflect.DeepEqual(got.Check, d.Check) {
			t.Errorf("%q: document fingerprints differ", text)
		}
		var want []Para
		for _, p := range d.Paras {
			if p.Words >= opts.MinWords {
				want = append(want, Para{N: p.N, Words: opts.MinWords, FP: p.FP})
			}
		}
		if !reflect.DeepEqual(got.Paras, want) && (len(want) > 0 || len(got.Paras) > 0) {
			t.Errorf("%q: paragraphs %+v, want %+v", text, got.Paras, want)
		}
		for cut := range len(b) {
			if _, err := parseDoc(b[:cut], opts.Bands, opts.Rows, opts.MinWords); err == nil {
				t.Errorf("%q: a signature cut to %d of %d bytes was read", text, cut, len(b))
			}
		}
	}
}

// agreement compares approximate decisions with exact ones: the share
// of documents with the same document decision (kept, copy or near copy
// of the same document, dropped or not), and of the repeated paragraphs
// found by either that both found.
func agreement(t testing.TB, exact, approx map[[2]int64]*Decided, docs int) (docAgree, paraAgree float64, dupExact, dupApprox int) {
	same := 0
	keys := map[[2]int64]bool{}
	for k := range exact {
		keys[k] = true
	}
	for k := range approx {
		keys[k] = true
	}
	var both, either int
	for k := range keys {
		e, a := exact[k], approx[k]
		docOf := func(d *Decided) string {
			if d == nil {
				return ""
			}
			if d.Duplicate() {
				return fmt.Sprint(d.CopyOf, "|", d.NearOf, "|", d.Drop)
			}
			return ""
		}
		if docOf(e) != docOf(a) {
			same--
		}
		if e != nil && e.Duplicate() {
			dupExact++
		}
		if a != nil && a.Duplicate() {
			dupApprox++
		}
		reps := func(d *Decided) map[string]bool {
			m := map[string]bool{}
			if d != nil {
				for _, r := range d.Repeats {
					m[fmt.Sprint(r.N, r.First)] = true
				}
			}
			return m
		}
		re, ra := reps(e), reps(a)
		for r := range re {
			either++
			if ra[r] {
				both++
			}
		}
		for r := range ra {
			if !re[r] {
				either++
			}
		}
	}
	same += docs
	paraAgree = 1
	if either > 0 {
		paraAgree = float64(both) / float64(either)
	}
	return float64(same) / float64(docs), paraAgree, dupExact, dupApprox
}

// TestShardedAgreement measures how often the approximate sharded mode
// decides as the exact one, on BBC and on chains of near copies, and
// checks that it does not depend on the number of reducers.
func TestShardedAgreement(t *testing.T) {
	type corpusCase struct {
		name         string
		names, texts []string
	}
	cases := []corpusCase{}
	cn, ct := chainTexts(5, 400, 5)
	cases = append(cases, corpusCase{"chains", cn, ct})
	func() {
		defer func() { recover() }()
		if testing.Short() {
			return
		}
		bn, bt := sharedBBCOrNil(t)
		if bn != nil {
			cases = append(cases, corpusCase{"bbc", bn, bt})
		}
	}()
	for _, cc := range cases {
		for _, drop := range []bool{true, false} {
			opts := Options{Remove: true, DropDuplicateDocs: drop}
			files := sign(t, opts, cc.names, cc.texts, 4)
			var exact bytes.Buffer
			if _, err := Decide(New(opts), files, nil, &exact); err != nil {
				t.Fatal(err)
			}
			var prev []byte
			for _, r := range []int{1, 7} {
				var approx bytes.Buffer
				if _, err := DecideSharded(opts, files, nil, r, &approx); err != nil {
					t.Fatal(err)
				}
				body := approx.Bytes()[bytes.IndexByte(approx.Bytes(), '\n'):]
				if prev != nil && !bytes.Equal(prev, body) {
					t.Errorf("%s: the decisions depend on the number of reducers", cc.name)
				}
				prev = body
				if r > 1 {
					continue
				}
				da, pa, de, dx := agreement(t, decisionsOf(t, exact.Bytes()), decisionsOf(t, approx.Bytes()), len(cc.names))
				t.Logf("%s, drop %v: %d documents: %.2f%% same document decision (duplicates: exact %d, sharded %d); %.2f%% of repeated paragraphs agree",
					cc.name, drop, len(cc.names), 100*da, de, dx, 100*pa)
				if da < 0.9 || de == 0 {
					t.Errorf("%s: agreement %.3f on %d duplicates: the sharded mode is broken", cc.name, da, de)
				}
			}
		}
	}
}

// sharedBBCOrNil is sharedBBC without the skip.
func sharedBBCOrNil(t *testing.T) (names, texts []string) {
	ok := false
	t.Run("bbc", func(t *testing.T) {
		names, texts = sharedBBC(t)
		ok = true
	})
	if !ok {
		return nil, nil
	}
	return names, texts
}

// TestSignatureSize measures the bytes of a signature file per document
// and per paragraph (go test -run SignatureSize -v).
func TestSignatureSize(t *testing.T) {
	names, texts := sharedBBC(t)
	opts := Options{}.withDefaults()
	files := sign(t, opts, names, texts, 1)
	rc, _ := files[0].Open()
	b, _ := io.ReadAll(rc)
	a := NewAnalyzer(opts)
	paras := 0
	for _, text := range texts {
		for _, p := range a.Analyze(text).Paras {
			if p.Words >= opts.MinWords {
				paras++
			}
		}
	}
	docs := len(texts)
	perDoc := float64(len(b)) / float64(docs)
	// A document without paragraphs costs the fixed part.
	empty := len(appendDoc(nil, a.Analyze(strings.Repeat("a b c d e f ", 2)), 100))
	perPara := (float64(len(b)) - float64(docs)*float64(empty)*4/3) / float64(paras)
	t.Logf("BBC: %d documents, %d paragraphs of %d+ words: %d bytes, %.0f bytes per document, %.1f per paragraph beyond a fixed %d (binary) per document",
		docs, paras, opts.MinWords, len(b), perDoc, perPara, empty)
	if perDoc > 1000 || perDoc < 300 {
		t.Errorf("%.0f bytes per document", perDoc)
	}
}

// TestDecideMemory measures the heap a Corpus keeps per document and
// per paragraph while deciding (go test -run DecideMemory -v).
func TestDecideMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("measures memory")
	}
	names, texts := chainTexts(9, 4000, 5)
	a := NewAnalyzer(Options{})
	docs := make([]*Doc, len(texts))
	paras := 0
	for i, text := range texts {
		docs[i] = a.Analyze(text)
		paras += len(docs[i].Paras)
	}
	// Documents as Decide reads them: only paragraphs of MinWords words.
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	keys := 0
	for _, d := range docs {
		keys++ // the whole document
		for _, p := range d.Paras {
			if p.Words >= DefaultMinWords {
				keys++
			}
		}
	}
	used := map[bool]float64{}
	var kept int64
	for _, near := range []bool{false, true} {
		before := heap()
		c := New(Options{NearThreshold: map[bool]float64{false: -1, true: 0}[near]})
		for i, d := range docs {
			if _, err := c.Add(names[i], d); err != nil {
				t.Fatal(err)
			}
		}
		used[near] = float64(heap() - before)
		runtime.KeepAlive(c)
		kept = c.Stats().Docs - c.Stats().NearDocs - c.Stats().ExactDocs
	}
	perKey := used[false] / float64(keys)
	perKept := (used[true] - used[false]) / float64(kept)
	t.Logf("%d documents (%d kept), %d paragraphs, %d keys: %.0f bytes a key (document or paragraph fingerprint), %.0f more a kept document for near copies",
		len(docs), kept, paras, keys, perKey, perKept)
	if perKey <= 0 || perKept <= 0 {
		t.Error("no memory measured")
	}
}

// BenchmarkDecide decides 21,334 documents from three shards'
// signatures, as corpus decide does (reading and parsing included).
func BenchmarkDecide(b *testing.B) {
	names, texts := chainTexts(9, 4000, 5)
	opts := Options{Remove: true, DropDuplicateDocs: true}
	files := sign(b, opts, names, texts, 3)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Decide(New(opts), files, nil, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(names)), "ns/doc")
}

// BenchmarkDecideSharded is BenchmarkDecide in the sharded mode, with 4
// reducers.
func BenchmarkDecideSharded(b *testing.B) {
	names, texts := chainTexts(9, 4000, 5)
	opts := Options{Remove: true, DropDuplicateDocs: true}
	files := sign(b, opts, names, texts, 3)
	b.ResetTimer()
	for b.Loop() {
		if _, err := DecideSharded(opts, files, nil, 4, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(names)), "ns/doc")
}

// FuzzReadFiles: damaged signature and decision files are errors, never
// panics.
func FuzzReadFiles(f *testing.F) {
	opts := Options{Remove: true, DropDuplicateDocs: true}
	names, texts := chainTexts(12, 3, 3)
	files := sign(f, opts, names, texts, 1)
	rc, _ := files[0].Open()
	sig, _ := io.ReadAll(rc)
	var dec bytes.Buffer
	if _, err := Decide(New(opts), files, nil, &dec); err != nil {
		f.Fatal(err)
	}
	f.Add(sig)
	f.Add(dec.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		if sr, err := NewSignatureReader(bytes.NewReader(b), "sig"); err == nil {
			for {
				if _, err := sr.Next(); err != nil {
					break
				}
			}
		}
		if ds, err := ReadDecisions(bytes.NewReader(b), "dec"); err == nil {
			a := NewAnalyzer(opts)
			doc := a.Analyze("one two three four five six seven eight nine ten\n\neleven")
			for s := range ds.by {
				for _, d := range ds.by[s] {
					if d.ApplyTo(d.Doc, doc, true) == nil {
						d.Stage().Check("one two three four five six seven eight nine ten\n\neleven")
					}
				}
			}
		}
	})
}
