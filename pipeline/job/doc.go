// Package job runs many documents: in parallel, in order, and with a
// corpus that judges each document against those before it.
//
// A Sequencer runs tasks on a fixed number of workers and emits their
// results in the order the tasks were added, as gofmt's sequencer does:
// output is the same whatever -j is, and memory is bounded by a window of
// tasks held at once. A Task runs on a numbered worker so that per-worker
// state (a document.Worker, a corpus.Analyzer) needs no lock.
//
// A Judge applies a corpus (package dedupe/corpus) in input order: each
// document's cleaned text, analyzed in parallel beforehand, is judged,
// and the decision's findings and removals are added to the document's
// result (Apply, which also applies a decision taken elsewhere — by
// another process, or a first pass over a shard: see
// corpus.Decision.Attach).
//
// A Summary counts what a job did; file batches and JSON Lines
// (package jsonl) report through it, as text for a person and as JSON.
package job
