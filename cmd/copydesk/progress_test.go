package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestProgressLine: the line at a given moment, before and after the
// counting walk has finished.
func TestProgressLine(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := newProgress(nil, true, start)
	p.docs, p.bytes, p.total = 50, 5e6, 80
	if got, want := p.line(start.Add(2*time.Second)), "copydesk: 50 files, 5.0 MB, 2.5 MB/s (counting 80…)"; got != want {
		t.Errorf("counting: %q, want %q", got, want)
	}
	p.total, p.totalB, p.counted = 100, 10e6, true
	if got, want := p.line(start.Add(2*time.Second)), "copydesk: 50/100 files, 5.0/10.0 MB, 2.5 MB/s, ETA 2s"; got != want {
		t.Errorf("counted: %q, want %q", got, want)
	}
	p.bytes, p.docs = 10e6, 100
	if got, want := p.line(start.Add(4*time.Second)), "copydesk: 100/100 files, 10.0/10.0 MB, 2.5 MB/s"; got != want {
		t.Errorf("done: %q, want %q", got, want)
	}
}

// TestProgressTerminal: on a terminal the line is redrawn in place, an
// error message first removes it, and finish removes it for good.
func TestProgressTerminal(t *testing.T) {
	var b strings.Builder
	p := newProgress(&b, true, time.Now())
	p.add(&input{text: "abc"})
	p.mu.Lock()
	p.draw(time.Now())
	p.mu.Unlock()
	fmt.Fprintf(p.writer(), "copydesk: bad.txt: binary file\n")
	if !p.finish() {
		t.Error("finish after a drawn line reports none shown")
	}
	got := b.String()
	if !strings.HasPrefix(got, "\rcopydesk: 1 files, 0.0 MB, ") {
		t.Errorf("no progress line first: %q", got)
	}
	if !strings.HasSuffix(got, "\x1b[K\r\x1b[Kcopydesk: bad.txt: binary file\n") {
		t.Errorf("the error did not replace the line: %q", got)
	}
	// A run that never drew a line shows nothing at the end.
	b.Reset()
	if newProgress(&b, true, time.Now()).finish() || b.Len() != 0 {
		t.Errorf("a short run on a terminal wrote %q", b.String())
	}
}
