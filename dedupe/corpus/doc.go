// Package corpus finds duplicates across the documents of a job: the
// same paragraph in many documents (bylines, disclaimers, syndicated
// quotes), and documents that are copies or near-copies of earlier ones.
//
// The work is split in two so that documents can be read in parallel and
// still be judged in input order, the first copy kept:
//
//   - Analyze (an Analyzer per worker, any order) computes a document's
//     fingerprints: one per paragraph and one for the whole document,
//     over its normalized words (case-folded, NFC, punctuation and white
//     space ignored), and a MinHash signature of its word 5-grams.
//   - Corpus.Add (one goroutine, in input order) tests the fingerprints
//     against those seen so far (a seen.Index, which can persist across
//     runs), finds near-duplicate documents by locality-sensitive
//     hashing of the signatures, and returns a Decision.
//
// A Decision's Stage reports the repeated paragraphs as
// dedupe.corpus-paragraph findings, with the document and paragraph of
// the first copy in the message, removing them when Options.Remove is
// set, and a duplicate document as dedupe.corpus-document. Run it on the
// cleaned text with pipeline.Extend, so that the findings and changes
// stay exact against the original.
//
// # Over shards
//
// A corpus too large for one process is run in three steps, each of
// which an engine schedules (copydesk clean --emit-signatures, corpus
// decide, corpus apply): each shard's documents are analyzed and their
// Signatures written (a SignatureWriter; the Params of every option that
// changes a decision in its header, a checksum of the shard's output at
// its end); Decide runs one Corpus over every shard's signatures in
// (shard, line) order and writes the decisions, which are those Add
// takes; ReadDecisions reads them back, and Decided.ApplyTo attaches each
// to its document, analyzed again, for its Stage. DecideSharded is an
// approximate Decide whose work splits by key (document fingerprint,
// MinHash band, paragraph fingerprint), for corpora no single Corpus can
// hold.
package corpus
