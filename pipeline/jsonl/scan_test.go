package jsonl

import (
	"encoding/json"
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
