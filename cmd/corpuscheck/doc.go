// Command corpuscheck runs copydesk's default pipeline over every .txt
// file under a directory and prints what it finds, so that a person can
// review the rules against a real corpus:
//
//	go run ./cmd/corpuscheck ../shared/data/corpora/bbc
//	go run ./cmd/corpuscheck -rule 'dedupe.*' -rule punct.double-period DIR
//	go run ./cmd/corpuscheck -json DIR > findings.json
//
// It prints the number of findings of each rule, then every finding of
// warning severity or above (with -info, every finding) as
// "FILE:LINE:COL: SEVERITY: MESSAGE [RULE]", with the related position
// when there is one. -rule keeps only the named rules (repeatable; a final
// "*" matches any rest: "dedupe.*", "dedupe.near-*"). -json prints one JSON document instead. It is a
// research tool: it is not installed with copydesk, and the tests run it
// on a temporary directory only.
//
// The exit status is 0 on success and 2 on a usage or I/O error.
package main
