// Package jsonl cleans JSON Lines records: one string field of each
// record goes through a copydesk pipeline, and the record is written back
// with every other byte as it was.
//
// CleanJSONL streams: a reader goroutine reads lines of any length in
// batches (up to 64 lines or 256 KB, and never waiting for input to make
// a batch larger), a pool of workers (each with its own pipeline) cleans
// them, and the caller's goroutine writes them in input order through a
// reorder buffer of twice as many batches as workers. Memory is
// proportional to the batch size plus the largest record, times the
// number of workers, not to the input.
//
// A record is written back by splicing: the field's value is replaced by
// the cleaned text, encoded as encoding/json encodes strings with
// SetEscapeHTML(false); key order, white space, numbers (1.0e10, big
// integers), escapes and nested values of every other member are kept
// byte for byte. A record whose field did not change is written exactly
// as it was read. A line that is not a record (invalid JSON, not an
// object, no such field, a field that is not a string) is never dropped
// and never fatal: it is passed through unchanged or written to
// Options.Reject with the reason, and counted in the Summary.
package jsonl
