package jsonl

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestRejectLossless checks that a rejected line can be rebuilt byte for
// byte from its reject record, whatever its bytes: invalid UTF-8 (Latin-1
// text), control bytes, a lone surrogate escape, plain bad JSON.
func TestRejectLossless(t *testing.T) {
	lines := []string{
		"{\"text\":\"caf\xe9 cr\xe8me\"}",    // Latin-1 bytes: not UTF-8
		"{\"text\":\"ok\"} \xff\xfe",         // trailing junk
		"not json at all \x01\x02",           // control bytes
		`{"text":"\ud800"}`,                  // valid bytes, odd escape
		`[1,2,3]`,                            // not an object
		"{\"text\":1}\r",                     // a CR before the LF
		"\xc3\x28 \xa0\xa1 \xf0\x28\x8c\xbc", // invalid sequences
	}
	in := strings.Join(lines, "\n") + "\n"
	var out, rej bytes.Buffer
	if _, err := CleanJSONL(context.Background(), strings.NewReader(in), &out, Options{Reject: &rej, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	var got []string
	dec := json.NewDecoder(&rej)
	for dec.More() {
		var r struct {
			Line     int    `json:"line"`
			Record   string `json:"record"`
			Encoding string `json:"record_encoding"`
		}
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("reject record is not JSON: %v", err)
		}
		rec := r.Record
		if r.Encoding == "base64" {
			b, err := base64.StdEncoding.DecodeString(rec)
			if err != nil {
				t.Fatalf("line %d: bad base64: %v", r.Line, err)
			}
			rec = string(b)
		} else if r.Encoding != "" {
			t.Fatalf("line %d: unknown record_encoding %q", r.Line, r.Encoding)
		}
		got = append(got, rec)
	}
	// Every line but the valid-looking `{"text":"\ud800"}` one is
	// rejected; rebuild the input from output + rejects by line number.
	rejected := map[string]bool{}
	for _, g := range got {
		rejected[g] = true
	}
	for _, l := range lines {
		body := strings.TrimSuffix(l, "\r")
		if l == `{"text":"\ud800"}` {
			continue
		}
		if !rejected[body] && !rejected[l] {
			t.Errorf("line %q: not found exactly in the rejects %q", l, got)
		}
	}
}

// TestBOM checks that a byte order mark before the first record does not
// make that record malformed, and is counted as read.
func TestBOM(t *testing.T) {
	in := "\uFEFF{\"text\":\"a  b\"}\n{\"text\":\"c\"}\n"
	var out bytes.Buffer
	s, err := CleanJSONL(context.Background(), strings.NewReader(in), &out, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if s.Malformed != 0 || s.Records != 2 {
		t.Fatalf("summary %+v: want 2 records, none malformed", s)
	}
	if want := "{\"text\":\"a b\"}\n{\"text\":\"c\"}\n"; out.String() != want {
		t.Fatalf("output %q, want %q", out.String(), want)
	}
	if s.BytesIn != int64(len(in)) {
		t.Fatalf("BytesIn %d, want %d", s.BytesIn, len(in))
	}
}

// TestOpenInput checks detection by magic number: gzip and zstd are read,
// other binary input is refused, text passes unchanged.
func TestOpenInput(t *testing.T) {
	const text = "{\"text\":\"x\"}\n{\"text\":\"y\"}\n"
	for _, c := range []Compression{Plain, Gzip, Zstd} {
		var buf bytes.Buffer
		w, err := NewWriter(&buf, c)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, text)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		r, got, err := OpenInput(&buf)
		if err != nil {
			t.Fatalf("%v: %v", c, err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil || string(b) != text || got != c {
			t.Fatalf("%v: read %q as %v (%v), want %q", c, b, got, err, text)
		}
	}
	for _, bin := range []string{"BZh91AY&SY\x00\x01", "PK\x03\x04rest", "\x7FELF\x02\x01", "{\"text\":\"a\"}\n\x00\x00\x00"} {
		_, _, err := OpenInput(strings.NewReader(bin))
		if !errors.Is(err, ErrBinary) {
			t.Errorf("OpenInput(%q) = %v, want ErrBinary", bin, err)
		}
	}
	for name, want := range map[string]Compression{"a.jsonl.gz": Gzip, "b.ZST": Zstd, "c.jsonl": Plain, "gz": Plain} {
		if got := CompressionFor(name); got != want {
			t.Errorf("CompressionFor(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestMalformedLimit checks parsing and the count and percentage limits.
func TestMalformedLimit(t *testing.T) {
	s := Summary{Lines: 110, Blank: 10, Malformed: 10}
	for _, c := range []struct {
		in     string
		exceed bool
	}{{"10%", false}, {"9.9%", true}, {"10", false}, {"9", true}, {"0", true}, {"0%", true}, {"100%", false}} {
		l, err := ParseMalformedLimit(c.in)
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		if got := l.Exceeded(s); got != c.exceed {
			t.Errorf("%q.Exceeded(10 of 100) = %v, want %v", c.in, got, c.exceed)
		}
	}
	for _, bad := range []string{"", "-1", "x", "101%", "-3%", "1.5"} {
		if _, err := ParseMalformedLimit(bad); err == nil {
			t.Errorf("ParseMalformedLimit(%q): no error", bad)
		}
	}
	if DefaultMalformedLimit.Exceeded(Summary{Lines: 3, Blank: 3}) {
		t.Error("an input of blank lines exceeds the default limit")
	}
}
