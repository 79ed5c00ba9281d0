package jsonl

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint/linttest"
)

// clean runs CleanJSONL on in and returns the output, the rejects and
// the summary.
func clean(t testing.TB, in string, opts Options) (out, rej string, s Summary) {
	t.Helper()
	var o, r bytes.Buffer
	if opts.Reject == nil && opts.Name == "reject" {
		opts.Reject, opts.Name = &r, ""
	}
	s, err := CleanJSONL(context.Background(), strings.NewReader(in), &o, opts)
	if err != nil {
		t.Fatalf("CleanJSONL: %v", err)
	}
	return o.String(), r.String(), s
}

func TestRecordFidelity(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"unchanged record is byte-identical",
			`{"id": 1 , "text":"caf\u00e9 \"ok\"",  "n":1.0e10}` + "\n",
			`{"id": 1 , "text":"caf\u00e9 \"ok\"",  "n":1.0e10}` + "\n"},
		{"key order, numbers, nested values and escapes of other members kept",
			`{"z":123456789012345678901234567890,"text":"it said..","a":{"b":[1.0e10,-0.0,"\u00e9\/"]},"e":"\ud83d\ude00","t":true,"n":null}` + "\n",
			`{"z":123456789012345678901234567890,"text":"it said.","a":{"b":[1.0e10,-0.0,"\u00e9\/"]},"e":"\ud83d\ude00","t":true,"n":null}` + "\n"},
		{"curly quotes straightened, encoded like encoding/json without HTML escaping",
			`{"text":"\u201cA & B <c>\u201d\tx"}` + "\n",
			`{"text":"\"A & B <c>\"\tx"}` + "\n"},
		{"white space around members kept",
			"  { \"text\" : \"a  b\" , \"k\" : [ 1 , 2 ] }  \n",
			"  { \"text\" : \"a b\" , \"k\" : [ 1 , 2 ] }  \n"},
		{"field key written with an escape",
			`{"te\u0078t":"x..","text2":"y.."}` + "\n",
			`{"te\u0078t":"x.","text2":"y.."}` + "\n"},
		{"a nested text member is not the field",
			`{"meta":{"text":"no.."},"text":"yes.."}` + "\n",
			`{"meta":{"text":"no.."},"text":"yes."}` + "\n"},
		{"non-ASCII written as UTF-8, other members' escapes kept",
			`{"text":"\ud83d\ude00 \u00e9t\u00e9 said..","x":"\u00e9"}` + "\n",
			`{"text":"😀 été said.","x":"\u00e9"}` + "\n"},
		{"CRLF line ending kept",
			"{\"text\":\"a..\"}\r\n{\"text\":\"b\"}\r\n",
			"{\"text\":\"a.\"}\r\n{\"text\":\"b\"}\r\n"},
		{"no final newline",
			"{\"text\":\"a..\"}\n{\"text\":\"b..\"}",
			"{\"text\":\"a.\"}\n{\"text\":\"b.\"}"},
		{"empty and blank lines passed through",
			"\n{\"text\":\"a..\"}\n \t\n\r\n",
			"\n{\"text\":\"a.\"}\n \t\n\r\n"},
		{"empty input", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, workers := range []int{1, 3} {
				got, _, _ := clean(t, tt.in, Options{Workers: workers})
				if got != tt.want {
					t.Errorf("workers=%d:\n got %q\nwant %q", workers, got, tt.want)
				}
			}
		})
	}
}

func TestField(t *testing.T) {
	in := `{"text":"a..","body":"b.."}` + "\n"
	got, _, _ := clean(t, in, Options{Field: "body"})
	if want := `{"text":"a..","body":"b."}` + "\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMalformed(t *testing.T) {
	lines := []struct {
		line, reason string
	}{
		{`{"text":"a"`, "invalid JSON"},
		{`not json`, "invalid JSON"},
		{`{"text":"a"} {}`, "invalid JSON"},
		{`["text","a"]`, "not a JSON object but an array"},
		{`"text"`, "not a JSON object but a string"},
		{`42`, "not a JSON object but a number"},
		{`{"title":"a.."}`, `no "text" field`},
		{`{"text":null}`, `field "text" is null, not a string`},
		{`{"text":{"a":1}}`, `field "text" is an object, not a string`},
		{`{"text":["a"]}`, `field "text" is an array, not a string`},
		{`{"text":"a..","text":"b.."}`, `field "text" appears more than once`},
		{"{\"text\":\"a\xff..\"}", `field "text": not valid UTF-8`},
		{`{"text":"a\ud800.."}`, `field "text": has an unpaired UTF-16 surrogate escape`},
	}
	for _, l := range lines {
		t.Run(l.line, func(t *testing.T) {
			in := `{"text":"ok.."}` + "\n" + l.line + "\n" + `{"text":"ok.."}` + "\n"
			// Passed through unchanged.
			got, _, s := clean(t, in, Options{})
			want := `{"text":"ok."}` + "\n" + l.line + "\n" + `{"text":"ok."}` + "\n"
			if got != want {
				t.Errorf("passed through:\n got %q\nwant %q", got, want)
			}
			if s.Malformed != 1 || s.Rejected != 0 || s.Records != 2 || s.Lines != 3 {
				t.Errorf("summary %+v, want 1 malformed, 0 rejected, 2 records, 3 lines", s)
			}
			// Rejected, with the reason.
			got, rej, s := clean(t, in, Options{Name: "reject"})
			if want := `{"text":"ok."}` + "\n" + `{"text":"ok."}` + "\n"; got != want {
				t.Errorf("with reject:\n got %q\nwant %q", got, want)
			}
			if s.Malformed != 1 || s.Rejected != 1 {
				t.Errorf("summary %+v, want 1 malformed, 1 rejected", s)
			}
			var r struct {
				Line   int
				Error  string
				Record string
			}
			if err := json.Unmarshal([]byte(rej), &r); err != nil || strings.Count(rej, "\n") != 1 {
				t.Fatalf("reject %q: not one JSON line: %v", rej, err)
			}
			if r.Line != 2 || !strings.Contains(r.Error, l.reason) {
				t.Errorf("reject %+v, want line 2 and error containing %q", r, l.reason)
			}
			if utf8.ValidString(l.line) && r.Record != l.line {
				t.Errorf("reject record %q, want %q", r.Record, l.line)
			}
		})
	}
}

func TestRejectNamesFile(t *testing.T) {
	var out, rej bytes.Buffer
	_, err := CleanJSONL(context.Background(), strings.NewReader("[]\r\n"), &out, Options{Reject: &rej, Name: "in.jsonl"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"file":"in.jsonl","line":1,"error":"not a JSON object but an array","record":"[]"}` + "\n"; rej.String() != want {
		t.Errorf("got %q, want %q", rej.String(), want)
	}
	if out.Len() != 0 {
		t.Errorf("output %q, want nothing", out.String())
	}
}

func TestAnnotate(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"changed",
			"{\"id\":7,\"text\":\"\u201cHi\u201d.. \"}\n",
			`{"id":7,"text":"\"Hi\".","copydesk":{"changed":true,"findings":{"punct.double-period":1,"quotes.curly":2,"space.trailing":1},"bytes_removed":6}}` + "\n"},
		{"unchanged",
			`{"text":"Fine."}`,
			`{"text":"Fine.","copydesk":{"changed":false,"findings":{},"bytes_removed":0}}`},
		{"an existing member is replaced in place",
			`{"copydesk":{"old":1},"text":"a..","z":1}` + "\r\n",
			`{"copydesk":{"changed":true,"findings":{"punct.double-period":1},"bytes_removed":1},"text":"a.","z":1}` + "\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _ := clean(t, tt.in, Options{Annotate: true})
			if got != tt.want {
				t.Errorf("\n got %s\nwant %s", got, tt.want)
			}
			if !json.Valid(bytes.TrimSpace([]byte(got))) {
				t.Errorf("output is not valid JSON")
			}
		})
	}
	if _, err := CleanJSONL(context.Background(), strings.NewReader(""), &bytes.Buffer{}, Options{Annotate: true, AnnotateKey: "text"}); err == nil {
		t.Error("annotation key equal to the field: no error")
	}
}

func TestOrderPreserved(t *testing.T) {
	var in, want strings.Builder
	for i := range 10000 {
		// Records of very different sizes, so that workers finish out of order.
		var pad strings.Builder
		for k := range (i * 7919) % 40 {
			fmt.Fprintf(&pad, "w%d ", k)
		}
		fmt.Fprintf(&in, "{\"id\":%d,\"text\":\"%s\u201c%d\u201d..\"}\n", i, pad.String(), i)
		fmt.Fprintf(&want, "{\"id\":%d,\"text\":\"%s\\\"%d\\\".\"}\n", i, pad.String(), i)
	}
	got, _, s := clean(t, in.String(), Options{Workers: 4})
	if got != want.String() {
		gl, wl := strings.Split(got, "\n"), strings.Split(want.String(), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("line %d:\n got %.200q\nwant %.200q", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("got %d lines, want %d", len(gl), len(wl))
	}
	if s.Records != 10000 || s.Changed != 10000 || s.Findings["quotes.curly"] != 20000 || s.Findings["punct.double-period"] != 10000 {
		t.Errorf("summary %+v", s)
	}
	if s.BytesIn != int64(in.Len()) || s.BytesOut != int64(want.Len()) {
		t.Errorf("bytes in/out %d/%d, want %d/%d", s.BytesIn, s.BytesOut, in.Len(), want.Len())
	}
}

func TestHugeRecord(t *testing.T) {
	if testing.Short() {
		t.Skip("20 MB record: skipped in -short mode")
	}
	var b strings.Builder
	for i := 0; b.Len() < 20<<20; i++ {
		fmt.Fprintf(&b, "Sentence %d said so. ", i)
	}
	b.WriteString("The end..")
	text := b.String()
	in := `{"id":1,"text":"` + text + `","tail":"\u00e9"}` + "\n" + `{"text":"small.."}`
	// The pipeline's own speed is not what this tests: one fast stage.
	opts := Options{Workers: 2, NewPipeline: func() *pipeline.Pipeline {
		return pipeline.New(linttest.Replace{Rule: "test.period", Old: "..", New: "."})
	}}
	got, _, s := clean(t, in, opts)
	wantText := strings.ReplaceAll(text, "..", ".")
	want := `{"id":1,"text":"` + wantText + `","tail":"\u00e9"}` + "\n" + `{"text":"small."}`
	if got != want {
		t.Fatalf("huge record: output of %d bytes differs from the %d expected", len(got), len(want))
	}
	if s.Records != 2 || s.Changed != 2 {
		t.Errorf("summary %+v", s)
	}
}

func TestReadError(t *testing.T) {
	r := iotest.TimeoutReader(strings.NewReader(`{"text":"a.."}` + "\n" + strings.Repeat("x", 100<<10)))
	var out bytes.Buffer
	_, err := CleanJSONL(context.Background(), r, &out, Options{Workers: 2, Name: "feed.jsonl"})
	if err == nil || !strings.Contains(err.Error(), "reading feed.jsonl") {
		t.Errorf("error %v, want one naming the input", err)
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWriteError(t *testing.T) {
	in := strings.Repeat(`{"text":"some text to clean.."}`+"\n", 20000)
	_, err := CleanJSONL(context.Background(), strings.NewReader(in), &failWriter{n: 100 << 10}, Options{Workers: 2})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("error %v, want the write error", err)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in := strings.Repeat(`{"text":"a.."}`+"\n", 1000)
	_, err := CleanJSONL(ctx, strings.NewReader(in), &bytes.Buffer{}, Options{Workers: 2})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{
		"", "plain", `"quoted" \back\`, "<a href=\"x\">&amp;</a>", "\x00\x01\x08\x0c\n\r\t\x1f\x7f",
		"é ü 日本 😀", "\u2028\u2029", "bad \xff\xfe utf8 \xe2\x80", "\ufffd",
	} {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(b.String(), "\n")
		if got := string(appendString(nil, s)); got != want {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	}
}

func TestSummary(t *testing.T) {
	_, _, s := clean(t, "{\"text\":\"a..\"}\n\n[]\n{\"text\":\"b\"}\n", Options{})
	if s.Lines != 4 || s.Records != 2 || s.Changed != 1 || s.Blank != 1 || s.Malformed != 1 {
		t.Errorf("summary %+v", s)
	}
	str := s.String()
	if !strings.HasPrefix(str, "2 records (1 changed), 1 blank, 1 malformed (0 rejected); ") || !strings.HasSuffix(str, "\nfindings: punct.double-period 1") {
		t.Errorf("String() = %q", str)
	}
	var all Summary
	all.Add(s)
	all.Add(s)
	if all.Records != 4 || all.Findings["punct.double-period"] != 2 {
		t.Errorf("Add: %+v", all)
	}
	b, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"lines", "records", "changed", "blank", "malformed", "rejected", "bytes_in", "bytes_out", "findings", "wall_seconds", "mb_per_second"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON summary has no %q: %s", k, b)
		}
	}
}

// A record whose text is over MaxText is malformed: passed through
// unchanged, or rejected with the reason; escapes count as what they
// decode to.
func TestMaxText(t *testing.T) {
	in := "{\"text\":\"short..\"}\n{\"text\":\"much too long..\"}\n{\"text\":\"\\u00e9\\u00e9\\u00e9..\"}\n"
	out, rej, s := clean(t, in, Options{MaxText: 10, Workers: 2})
	want := "{\"text\":\"short.\"}\n{\"text\":\"much too long..\"}\n{\"text\":\"ééé.\"}\n"
	if out != want || rej != "" {
		t.Errorf("out %q, rejects %q", out, rej)
	}
	if s.Malformed != 1 || s.Records != 2 {
		t.Errorf("summary %+v", s)
	}
	_, rej, _ = clean(t, in, Options{MaxText: 10, Name: "reject"})
	if !strings.Contains(rej, `text too large (15 bytes; the maximum is 10)`) || strings.Count(rej, "\n") != 1 {
		t.Errorf("reject %q", rej)
	}
}
