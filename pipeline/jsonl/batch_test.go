package jsonl

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/copydesk/copydesk/pipeline/registry"
)

// reuseInput builds JSON Lines whose records vary wildly in size (a few
// bytes to past maxKeep) and content (clean, dirty, escaped, non-ASCII),
// with blank and malformed lines between them, so that every reused
// buffer (the batch's lines, its rewritten lines, the decoded text) holds
// a longer and different record just before a shorter one. It returns
// the input and each line's text field ("" for lines that are not
// records).
func reuseInput(t *testing.T) (in string, texts []string, isRecord []bool) {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 11))
	pieces := []string{
		"Plain words here. ", "He said \"hi\" .. ", "tab\tand\nnewline ", "caf\u00e9 \u201cquoted\u201d ",
		"the the doubled word ", "<b>&amp;</b> ", "emoji \U0001F600 ", "a  b   spaces ",
		"Repeated sentence here. Repeated sentence here. ",
	}
	sizes := []int{1, 3, 40, 900, 5000}
	big := map[int]int{30: maxKeep + 100<<10, 31: maxBatchBytes + 40<<10, 90: 70 << 10, 91: maxBatchBytes - 10}
	var b strings.Builder
	for i := range 200 {
		switch rng.IntN(12) {
		case 0:
			b.WriteString("\n")
			texts, isRecord = append(texts, ""), append(isRecord, false)
			continue
		case 1:
			fmt.Fprintf(&b, "{\"id\":%d,\"text\":\"broken\n", i)
			texts, isRecord = append(texts, ""), append(isRecord, false)
			continue
		}
		size := sizes[rng.IntN(len(sizes))]
		if n, ok := big[i]; ok {
			size = n
		}
		var text strings.Builder
		for text.Len() < size {
			text.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := fmt.Sprintf("%d:%s", i, text.String())
		rec, err := json.Marshal(struct {
			ID   int    `json:"id"`
			Text string `json:"text"`
			Tail string `json:"tail"`
		}{i, s, strings.Repeat("x", rng.IntN(50))})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(rec)
		b.WriteString("\n")
		texts, isRecord = append(texts, s), append(isRecord, true)
	}
	return b.String(), texts, isRecord
}

// TestBuffersDoNotLeakAcrossRecords checks each record of reuseInput
// against the pipeline run on that record alone, with several worker
// counts and read sizes (which move the batch boundaries).
func TestBuffersDoNotLeakAcrossRecords(t *testing.T) {
	if testing.Short() {
		t.Skip("several MB of records: skipped in -short mode")
	}
	in, texts, isRecord := reuseInput(t)
	p := registry.Default(registry.Options{FixesOnly: true})
	lines := strings.SplitAfter(in, "\n")
	var want strings.Builder
	for i, line := range lines[:len(texts)] {
		if !isRecord[i] {
			want.WriteString(line)
			continue
		}
		r := p.Run(texts[i])
		if !r.Changed() {
			want.WriteString(line)
			continue
		}
		var rec struct {
			ID   int    `json:"id"`
			Text string `json:"text"`
			Tail string `json:"tail"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		rec.Text = r.Cleaned
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
		want.Write(buf.Bytes())
	}
	for _, tc := range []struct {
		workers int
		read    func(io.Reader) io.Reader
		name    string
	}{
		{1, func(r io.Reader) io.Reader { return r }, "j1"},
		{2, func(r io.Reader) io.Reader { return r }, "j2"},
		{3, iotest.HalfReader, "j3-half-reads"},
		{2, iotest.OneByteReader, "j2-byte-reads"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			s, err := CleanJSONL(context.Background(), tc.read(strings.NewReader(in)), &out, Options{Workers: tc.workers})
			if err != nil {
				t.Fatalf("CleanJSONL: %v", err)
			}
			if got := out.String(); got != want.String() {
				gl, wl := strings.SplitAfter(got, "\n"), strings.SplitAfter(want.String(), "\n")
				for i := range min(len(gl), len(wl)) {
					if gl[i] != wl[i] {
						t.Fatalf("line %d:\n got %.300q\nwant %.300q", i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("got %d lines, want %d", len(gl), len(wl))
			}
			if s.Lines != int64(len(texts)) || s.BytesIn != int64(len(in)) {
				t.Errorf("summary: %d lines, %d bytes in; want %d, %d", s.Lines, s.BytesIn, len(texts), len(in))
			}
		})
	}
}

// TestRejectLineNumbersAcrossBatches checks that reject records name
// their line when lines are spread over many batches.
func TestRejectLineNumbersAcrossBatches(t *testing.T) {
	var in strings.Builder
	var wantRej []int
	for i := range 3 * maxBatchLines {
		if i%7 == 3 {
			in.WriteString("not json\n")
			wantRej = append(wantRej, i+1)
			continue
		}
		fmt.Fprintf(&in, "{\"text\":\"line %d..\"}\n", i+1)
	}
	var out, rej bytes.Buffer
	s, err := CleanJSONL(context.Background(), strings.NewReader(in.String()), &out, Options{Workers: 2, Reject: &rej})
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for line := range strings.Lines(rej.String()) {
		var r struct {
			Line   int    `json:"line"`
			Record string `json:"record"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("reject record %q: %v", line, err)
		}
		if r.Record != "not json" {
			t.Errorf("line %d: record %q", r.Line, r.Record)
		}
		got = append(got, r.Line)
	}
	if fmt.Sprint(got) != fmt.Sprint(wantRej) {
		t.Errorf("rejected lines %v, want %v", got, wantRej)
	}
	if int(s.Rejected) != len(wantRej) || int(s.Records) != 3*maxBatchLines-len(wantRej) {
		t.Errorf("summary %+v", s)
	}
	var wantOut strings.Builder
	for i := range 3 * maxBatchLines {
		if i%7 != 3 {
			fmt.Fprintf(&wantOut, "{\"text\":\"line %d.\"}\n", i+1)
		}
	}
	if out.String() != wantOut.String() {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), wantOut.String())
	}
}
