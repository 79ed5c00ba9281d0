package corpus_test

import (
	"bytes"
	"fmt"
	"io"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/registry"
)

func Example() {
	docs := []string{
		"Budget day\n\nBy Nick Assinder, BBC News Online political correspondent in London today\n\nThe chancellor spoke.",
		"Election news\n\nBy Nick Assinder, BBC News Online political correspondent in London today\n\nVoters went out.",
	}
	c := corpus.New(corpus.Options{Remove: true}) // --dedupe corpus
	a := corpus.NewAnalyzer(c.Options())          // one per worker
	p := registry.Default(registry.Options{})
	for i, text := range docs {
		r := p.Run(text)                                                   // any order, in parallel
		dec, err := c.Add(fmt.Sprintf("doc%d", i+1), a.Analyze(r.Cleaned)) // in input order
		if err != nil {                                                    // the index's error: an I/O failure
			fmt.Println(err)
			return
		}
		p.Extend(r, dec.Stage())
		for _, f := range r.Findings {
			fmt.Printf("doc%d: %s: %s\n", i+1, f.Rule, f.Message)
		}
		fmt.Printf("%q\n", r.Cleaned)
	}
	// Output:
	// "Budget day\n\nBy Nick Assinder, BBC News Online political correspondent in London today\n\nThe chancellor spoke."
	// doc2: dedupe.corpus-paragraph: paragraph repeats paragraph 2 of doc1 (removed)
	// "Election news\n\nVoters went out."
}

// ExampleDecide runs a corpus over two shards in three steps, as
// separate processes would: each shard's documents are analyzed and
// their signatures written; one Decide reads every shard's signatures;
// each shard applies its decisions to its documents.
func ExampleDecide() {
	shards := [][]string{
		{"Budget day\n\nBy Nick Assinder, BBC News Online political correspondent in London today\n\nThe chancellor spoke."},
		{"Election news\n\nBy Nick Assinder, BBC News Online political correspondent in London today\n\nVoters went out."},
	}
	opts := corpus.Options{Remove: true}
	params := opts.Params() // recorded in every file: a mismatch is an error

	// Pass 1, per shard: analyze, write signatures.
	sigs := make([]bytes.Buffer, len(shards))
	for n, docs := range shards {
		a := corpus.NewAnalyzer(opts)
		w, _ := corpus.NewSignatureWriter(&sigs[n], corpus.ShardHeader{Shard: n, Shards: len(shards), Params: params})
		for i, text := range docs {
			w.Write(corpus.Signature{Line: int64(i), Name: fmt.Sprintf("s%d-%d", n, i), Doc: a.Analyze(text)})
		}
		w.Close(corpus.ShardEnd{Lines: int64(len(docs))})
	}

	// Decide, one task.
	var files []corpus.SignatureFile
	for n := range sigs {
		files = append(files, corpus.SignatureFile{Name: fmt.Sprintf("sig%d", n), Open: func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(sigs[n].Bytes())), nil
		}})
	}
	var decisions bytes.Buffer
	st, err := corpus.Decide(corpus.New(params.Options()), files, nil, &decisions)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d documents, %d repeated paragraphs\n", st.Docs, st.RepeatedParagraphs)

	// Pass 2, per shard: apply.
	ds, err := corpus.ReadDecisions(&decisions, "decisions")
	if err != nil {
		fmt.Println(err)
		return
	}
	a := corpus.NewAnalyzer(opts)
	p := pipeline.New() // the text is clean already: only the corpus's changes
	for n, docs := range shards {
		for i, text := range docs {
			d := ds.Lookup(n, int64(i))
			if d == nil {
				continue
			}
			if err := d.ApplyTo(fmt.Sprintf("s%d-%d", n, i), a.Analyze(text), params.Remove); err != nil {
				fmt.Println(err)
				return
			}
			r := p.Run(text)
			p.Extend(r, d.Stage())
			fmt.Printf("%s: %q\n", d.Doc, r.Cleaned)
		}
	}
	// Output:
	// 2 documents, 1 repeated paragraphs
	// s1-0: "Election news\n\nVoters went out."
}
