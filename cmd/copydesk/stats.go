package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/copydesk/copydesk/pipeline/report"
)

// count adds a document to the run's summary.
func (b *batchRun) count(d *doc) {
	s := &b.sum
	s.Lines++
	if d.in != nil {
		s.BytesIn += int64(len(d.in.text))
	}
	if d.err != nil {
		s.Malformed++
		if b.progress != nil {
			b.progress.add(d.in)
		}
		return
	}
	s.Records++
	s.BytesOut += int64(len(d.r.Cleaned))
	if d.r.Changed() {
		s.Changed++
	}
	for i := range d.r.Findings {
		if s.Findings == nil {
			s.Findings = map[string]int64{}
		}
		s.Findings[d.r.Findings[i].Rule]++
	}
	for rule, n := range d.r.Counts {
		if s.Findings == nil {
			s.Findings = map[string]int64{}
		}
		s.Findings[rule] += int64(n)
	}
	if b.progress != nil {
		b.progress.add(d.in)
	}
}

// failed counts a document that was read and run but could not be
// written.
func (b *batchRun) failed() {
	b.sum.Records--
	b.sum.Malformed++
}

// finishStats writes --stats: the summary as JSON to the file, and for a
// person on standard error. The JSON has the shape of clean --jsonl's:
// "records" are the documents cleaned, "malformed" the files that could
// not be read, were refused or could not be written, "lines" both.
func (e *env) finishStats(o *options, run *batchRun) error {
	path := o.stats
	if path == "" && !run.summary {
		return nil
	}
	s := &run.sum
	fmt.Fprintf(e.stderr, "copydesk: %d files (%d changed), %d failed; %.1f MB in, %.1f MB out in %s (%.1f MB/s)\n",
		s.Records, s.Changed, s.Malformed, float64(s.BytesIn)/1e6, float64(s.BytesOut)/1e6,
		s.Wall.Round(time.Millisecond), s.MBPerSecond())
	if _, rest, ok := strings.Cut(s.String(), "\n"); ok {
		for _, line := range strings.Split(rest, "\n") {
			fmt.Fprintf(e.stderr, "copydesk: %s\n", report.SafeName(line))
		}
	}
	if path == "" {
		return nil
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return e.writeFile(path, string(b)+"\n")
}

// isTerminal reports whether w is a terminal.
func (e *env) isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
