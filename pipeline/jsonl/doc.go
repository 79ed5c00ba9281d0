// Package jsonl cleans JSON Lines records: one string field of each
// record goes through a copydesk pipeline, and the record is written back
// with every other byte as it was.
//
// CleanJSONL streams: a reader goroutine reads lines of any length in
// batches (up to 512 lines or 256 KB, and never waiting for input to make
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
//
// # Performance
//
// copydesk clean --jsonl on the BBC corpus repeated to 105 MB, default
// rules (BenchmarkCleanJSONLBBC for the same records in a benchmark,
// BenchmarkCleanJSONL for synthetic dirty records): the reader hands
// lines to the workers in batches (up to 512 lines or 256 KB, never
// waiting for input to fill one; its 512 KB read buffer lets a batch fill
// up), and each batch reuses its buffers for the lines, the rewritten
// lines and the decoded text; string validation skips plain bytes 16 at a
// time. Measured with /usr/bin/time:
//
//	workers  wall                         CPU                per core                     peak RSS
//	1        0.94–0.99 s: 106–113 MB/s    0.96–0.99 s user   106–110 MB/s per CPU-second  14 MB
//	2        0.54–0.59 s: 178–194 MB/s    0.99–1.00 s user                                16 MB
//
// BenchmarkCleanJSONLBBC: 105–112 MB/s with one worker, 188–192 MB/s with
// two. The targets: 100 MB/s per core, met (it was 40 MB/s at the start
// of that work and 80–93 MB/s a step before); under 200 MB of memory,
// met; 1.8× with two workers: 1.7–1.8× here, which is what this machine
// gives two independent processes (two -j 1 runs side by side take
// 1.07–1.12 s each against 0.96–0.98 s alone, 1.76× together), so -j 2
// uses all of it. The JSON Lines layer is about a tenth of the CPU time;
// the rest is the pipeline.
package jsonl
