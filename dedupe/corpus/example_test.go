package corpus_test

import (
	"fmt"

	"github.com/copydesk/copydesk/dedupe/corpus"
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
