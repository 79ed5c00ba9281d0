package jsonl

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// scanCases are lines at the edges of the JSON grammar, valid and not.
var scanCases = []string{
	`{}`, ` { } `, "{\t}\r", `{"text":"a"}`, `{"text":"a","b":[1,2,{"c":null}]}`,
	`{"a":-0.5e+10,"b":0,"c":1E5,"d":-12.25e-3,"text":"x"}`,
	`{"a":01}`, `{"a":-}`, `{"a":1.}`, `{"a":.5}`, `{"a":1e}`, `{"a":1e+}`, `{"a":+1}`, `{"a":1x}`,
	`{"a":tru}`, `{"a":truex}`, `{"a":true,"b":false,"c":null}`, `{"a":nul}`, `{"a":NaN}`,
	`{"a":"\u00e9\ud800\"\\\/\b\f\n\r\t"}`, `{"a":"\x"}`, `{"a":"\u12"}`, `{"a":"\u12g4"}`,
	"{\"a\":\"tab\tinside\"}", "{\"a\":\"\x7f\xff\xfe\"}", `{"a":"unterminated}`, `{"a":"x"`,
	`{"a" "x"}`, `{"a":"x",}`, `{,"a":"x"}`, `{"a":"x""b":1}`, `{"a":[1,]}`, `{"a":[,1]}`,
	`{"a":[1 2]}`, `{"a":{"b":1,}}`, `{"a":{"b"}}`, `{"a":{1:2}}`, `{"a":[]}`, `{"a":[ ]}`,
	`{"a":{ }}`, `{"a":[[[]]]}`, `{"a":[[[]]}`, `{"a":[}`, `{"a":{]}`, `{"a":1}}`, `{"a":1} x`,
	`{"a":1}{}`, `[]`, `"text"`, `12`, `null`, ``, ` `, `{`, `}`, `{"a"`, `{"a":`, `{"a":1`,
	`{"a":1,`, `{"text":"a","text":"b"}`, `{"te\u0078t":"x"}`, `{"copydesk":{"x":1},"text":"y"}`,
	`{"text":1}`, "{\"text\":\"a\"}\x00", "\ufeff{}", `{"a":"` + strings.Repeat(`\"`, 20) + `"}`,
	`{"a":"` + strings.Repeat("abcdefgh", 9) + `\n"}`,
	`{"a":` + strings.Repeat("[", 9998) + strings.Repeat("]", 9998) + `}`,   // depth 9999
	`{"a":` + strings.Repeat("[", 9999) + strings.Repeat("]", 9999) + `}`,   // depth 10000
	`{"a":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`, // too deep
}

// checkScan compares scanObject on line with encoding/json's validator
// and the slow scanner.
func checkScan(t *testing.T, line string) {
	t.Helper()
	b := []byte(line)
	got, gotErr := scanObject(b, "text", "copydesk")
	want, wantErr := scanObjectSlow(b, "text", "copydesk")
	if (gotErr == nil) != json.Valid(b) && gotErr == nil {
		t.Fatalf("scanObject(%.80q) accepts what json.Valid rejects", line)
	}
	if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
		t.Fatalf("scanObject(%.80q): error %v, want %v", line, gotErr, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("scanObject(%.80q) = %+v, want %+v", line, got, want)
	}
	// The fast scanner on its own agrees with json.Valid on objects.
	isObject := strings.HasPrefix(strings.TrimLeft(line, " \t\r\n"), "{")
	if _, ok := scanMembers(b, "text", "copydesk"); ok != (json.Valid(b) && isObject) {
		t.Fatalf("scanMembers(%.80q) = %v, json.Valid %v", line, ok, json.Valid(b))
	}
}

func TestScanObjectMatchesEncodingJSON(t *testing.T) {
	for _, line := range scanCases {
		checkScan(t, line)
	}
}

// FuzzScanObject checks the one-pass scanner against encoding/json on
// arbitrary lines.
func FuzzScanObject(f *testing.F) {
	for _, s := range scanCases {
		if len(s) < 200 {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, line string) {
		checkScan(t, line)
	})
}

// TestValidStringEveryByte puts every byte value at every position of
// strings around the eight- and sixteen-byte blocks validString skips,
// next to bytes that could carry into it or match falsely, and checks
// it against json.Valid and the end skipString finds.
func TestValidStringEveryByte(t *testing.T) {
	for _, n := range []int{1, 7, 8, 9, 15, 16, 17, 24, 33} {
		for _, fill := range []byte{'a', ' ', '!', '#', '[', ']', 0x7F, 0x80, 0xFF} {
			for pos := range n {
				for c := range 256 {
					b := make([]byte, 0, n+4)
					b = append(b, '"')
					for k := range n {
						if k == pos {
							b = append(b, byte(c))
						} else {
							b = append(b, fill)
						}
					}
					b = append(b, '"')
					// A quote inside ends the string early: then the
					// line is no valid JSON, but the string is.
					end, ok := validString(b, 0)
					if whole := ok && end == len(b); whole != json.Valid(b) {
						t.Fatalf("validString(%q) = %d, %v; json.Valid %v", b, end, ok, json.Valid(b))
					}
					if ok && end != skipString(b, 0) {
						t.Fatalf("validString(%q) = %d, want %d", b, end, skipString(b, 0))
					}
				}
			}
		}
	}
}

// BenchmarkScanObject measures scanning and decoding news records: the
// seed article's paragraphs as the text of JSON objects, as the JSON
// Lines cleaner reads them before any stage runs.
func BenchmarkScanObject(b *testing.B) {
	seed, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		b.Fatalf("reading the seed article: %v", err)
	}
	var lines [][]byte
	size := 0
	for id, p := range strings.Split(string(seed), "\n\n") {
		line, err := json.Marshal(map[string]any{"id": id, "text": p + "\n\n" + p, "lang": "en"})
		if err != nil {
			b.Fatal(err)
		}
		lines = append(lines, line)
		size += len(line)
	}
	b.SetBytes(int64(size))
	var buf []byte
	for b.Loop() {
		for _, line := range lines {
			o, err := scanObject(line, "text", "")
			if err != nil || !o.field.isString {
				b.Fatalf("scanObject(%.80q) = %+v, %v", line, o, err)
			}
			if buf, _, err = decodeInto(buf, o.field.rawString); err != nil {
				b.Fatal(err)
			}
		}
	}
}
