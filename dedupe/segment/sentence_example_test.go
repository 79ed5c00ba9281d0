package segment_test

import (
	"fmt"

	"github.com/copydesk/copydesk/dedupe/segment"
)

func ExampleSentences() {
	text := `At 5 a.m. Mr. Smith left for the U.S. Embassy. He said "Go." Then it rained.. ` +
		"Prices rose 3.5% to $3.50 at Acme Inc. and he wrote to jane.doe@example.com. The end?"
	for _, u := range segment.Sentences(text) {
		fmt.Printf("%d-%d %s\n", u.Start, u.End, text[u.Start:u.End])
	}
	// Output:
	// 0-46 At 5 a.m. Mr. Smith left for the U.S. Embassy.
	// 47-60 He said "Go."
	// 61-77 Then it rained..
	// 78-154 Prices rose 3.5% to $3.50 at Acme Inc. and he wrote to jane.doe@example.com.
	// 155-163 The end?
}

func ExampleNewSplitter() {
	text := "Cllr. Jones opened Acme Pty. Ltd. in May. It grew."
	fmt.Println(len(segment.Sentences(text)), "sentences with the default rules")
	sp := segment.NewSplitter(segment.Options{
		Titles:        []string{"Cllr."}, // never ends a sentence
		Abbreviations: []string{"Pty."},  // ends one only before "The", "It", "He" …
	})
	for _, u := range sp.Sentences(text) {
		fmt.Println(text[u.Start:u.End])
	}
	// Output:
	// 4 sentences with the default rules
	// Cllr. Jones opened Acme Pty. Ltd. in May.
	// It grew.
}
