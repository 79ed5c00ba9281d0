package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/copydesk/copydesk/pipeline/walk"
)

// A progress shows how far a batch is on standard error: on a terminal
// one line redrawn in place, elsewhere (--progress into a log) a line
// every few seconds. The totals come from a second, cheap walk that only
// counts files and sizes, so the ETA appears once it has finished.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	tty      bool
	start    time.Time
	docs     int64 // documents done, failed ones included
	bytes    int64 // bytes read
	total    int64 // files found by the counting walk
	totalB   int64 // their bytes
	counted  bool  // the counting walk has finished
	shown    bool  // a line is drawn and not ended (terminal)
	drawn    bool  // a line was drawn at some point
	lastLine time.Time
	stopped  bool
	unit     string // what docs counts: "files" or "records"
	noTotal  bool   // the total is unknown (standard input): no ETA
}

// Intervals between redraws.
const (
	ttyInterval = 200 * time.Millisecond
	logInterval = 5 * time.Second
)

func newProgress(w io.Writer, tty bool, start time.Time) *progress {
	return &progress{w: w, tty: tty, start: start, unit: "files"}
}

// reader counts the bytes and lines read through r as the progress of a
// stream of records (clean --jsonl).
func (p *progress) reader(r io.Reader) io.Reader { return &progressReader{r, p} }

type progressReader struct {
	r io.Reader
	p *progress
}

func (pr *progressReader) Read(b []byte) (int, error) {
	n, err := pr.r.Read(b)
	if n > 0 {
		lines := int64(bytes.Count(b[:n], []byte{'\n'}))
		pr.p.mu.Lock()
		pr.p.bytes += int64(n)
		pr.p.docs += lines
		pr.p.mu.Unlock()
	}
	return n, err
}

// add counts a document done.
func (p *progress) add(in *input) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.docs++
	if in != nil {
		p.bytes += int64(len(in.text))
	}
}

// count walks args again, counting the files and their sizes.
func (p *progress) count(ctx context.Context, args []string, opts walk.Options, skip func(walk.Entry) bool) {
	var n, size int64
	for e := range walk.Walk(args, opts) {
		if ctx.Err() != nil {
			return
		}
		if e.Err != nil || (!e.Explicit && skip != nil && skip(e)) {
			continue
		}
		n++
		if fi, err := os.Stat(e.Path); err == nil && fi.Mode().IsRegular() {
			size += fi.Size()
		}
		if n%1024 == 0 {
			p.mu.Lock()
			p.total, p.totalB = n, size
			p.mu.Unlock()
		}
	}
	p.mu.Lock()
	p.total, p.totalB, p.counted = n, size, true
	p.mu.Unlock()
}

// tick redraws the line until ctx is done.
func (p *progress) tick(ctx context.Context) {
	interval := ttyInterval
	if !p.tty {
		interval = logInterval
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			p.mu.Lock()
			if !p.stopped {
				p.draw(time.Now())
			}
			p.mu.Unlock()
		}
	}
}

// line is the progress line:
//
//	copydesk: 1200/5000 files, 12.0/50.1 MB, 38.2 MB/s, ETA 1s
func (p *progress) line(now time.Time) string {
	elapsed := now.Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.bytes) / 1e6 / elapsed
	}
	var b strings.Builder
	b.WriteString("copydesk: ")
	switch {
	case p.noTotal:
		fmt.Fprintf(&b, "%d %s, %.1f MB, %.1f MB/s", p.docs, p.unit, float64(p.bytes)/1e6, rate)
	case p.unit == "records" && p.counted:
		fmt.Fprintf(&b, "%d records, %.1f/%.1f MB, %.1f MB/s", p.docs, float64(p.bytes)/1e6, float64(p.totalB)/1e6, rate)
		if left := p.totalB - p.bytes; rate > 0 && left > 0 {
			eta := time.Duration(float64(left) / 1e6 / rate * float64(time.Second))
			fmt.Fprintf(&b, ", ETA %s", eta.Round(time.Second))
		}
	case p.counted:
		fmt.Fprintf(&b, "%d/%d files, %.1f/%.1f MB, %.1f MB/s", p.docs, p.total, float64(p.bytes)/1e6, float64(p.totalB)/1e6, rate)
		if left := p.totalB - p.bytes; rate > 0 && left > 0 {
			eta := time.Duration(float64(left) / 1e6 / rate * float64(time.Second))
			fmt.Fprintf(&b, ", ETA %s", eta.Round(time.Second))
		}
	default:
		fmt.Fprintf(&b, "%d files, %.1f MB, %.1f MB/s (counting %d…)", p.docs, float64(p.bytes)/1e6, rate, p.total)
	}
	return b.String()
}

// draw writes the line; p.mu is held.
func (p *progress) draw(now time.Time) {
	p.drawn = true
	if p.tty {
		fmt.Fprintf(p.w, "\r%s\x1b[K", p.line(now))
		p.shown = true
		return
	}
	if now.Sub(p.lastLine) < logInterval && !p.lastLine.IsZero() {
		return
	}
	p.lastLine = now
	fmt.Fprintln(p.w, p.line(now))
}

// clear removes the line from a terminal; p.mu is held.
func (p *progress) clear() {
	if p.shown {
		io.WriteString(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// finish draws the last state and stops: on a terminal the line is
// removed (the summary takes its place), in a log the last line stays.
// It reports whether a line was ever shown: a run too short for one
// shows no summary either.
func (p *progress) finish() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return p.drawn
	}
	p.stopped = true
	if p.tty {
		p.clear()
		return p.drawn
	}
	p.lastLine = time.Time{}
	p.counted = true
	p.total, p.totalB = max(p.total, p.docs), max(p.totalB, p.bytes)
	p.draw(time.Now())
	return true
}

// writer is standard error for the rest of the run: each write first
// removes the progress line, which the next tick draws again.
func (p *progress) writer() io.Writer { return progressWriter{p} }

type progressWriter struct{ p *progress }

func (w progressWriter) Write(b []byte) (int, error) {
	w.p.mu.Lock()
	defer w.p.mu.Unlock()
	w.p.clear()
	return w.p.w.Write(b)
}

// startProgress shows a progress line on a terminal (--progress: also
// in a log): records, MB, MB/s and, for files, the time left.
func (j *jsonlRun) startProgress(args []string) {
	e := j.e
	show := e.isTerminal(e.stderr)
	if j.o.progress != nil {
		show = *j.o.progress
	}
	if !show {
		return
	}
	p := newProgress(e.stderr, e.isTerminal(e.stderr), time.Now())
	p.unit = "records"
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if arg == "-" || err != nil || !fi.Mode().IsRegular() {
			p.noTotal = true
			break
		}
		p.totalB += fi.Size()
	}
	p.counted = true
	j.prog = p
	stderr := e.stderr
	e.stderr = p.writer()
	ctx, cancel := context.WithCancel(context.Background())
	go p.tick(ctx)
	j.stopProgress = func() {
		cancel()
		p.finish()
		e.stderr = stderr
	}
}
