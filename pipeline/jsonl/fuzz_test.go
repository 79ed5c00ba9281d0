package jsonl

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// FuzzCleanJSONL feeds arbitrary lines: CleanJSONL never fails or
// panics, writes one line for each line read, passes blank and malformed
// lines through byte for byte, and keeps every member of a record but
// the field byte-identical.
func FuzzCleanJSONL(f *testing.F) {
	for _, s := range []string{
		`{"text":"It said..  \u201cok\u201d","n":1.0e10,"o":{"a":[1,"\u00e9"]}}`,
		"{\"text\":\"a\"}\r\n\n[]\n{\"text\":null}",
		`{"te\u0078t":"x\ud800","text":"y"}`,
		"{\"text\":\"\xff\"}\n  \n{\"a\":1}",
		`{"copydesk":1,"text":"\u2028<&>\\\"x\" x x  x.."}`,
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, in string, annotate bool) {
		var out bytes.Buffer
		s, err := CleanJSONL(context.Background(), strings.NewReader(in), &out, Options{Workers: 2, Annotate: annotate})
		if err != nil {
			t.Fatalf("CleanJSONL: %v", err)
		}
		inLines, outLines := splitLines(in), splitLines(out.String())
		if len(inLines) != len(outLines) || s.Lines != int64(len(inLines)) {
			t.Fatalf("%d lines in, %d out, summary %d", len(inLines), len(outLines), s.Lines)
		}
		if s.Records+s.Blank+s.Malformed != s.Lines {
			t.Fatalf("summary does not add up: %+v", s)
		}
		for i, l := range inLines {
			o := outLines[i]
			body, eol := splitEOL([]byte(l))
			if obody, oeol := splitEOL([]byte(o)); string(eol) != string(oeol) {
				t.Fatalf("line %d: line ending %q became %q", i+1, eol, oeol)
			} else if isBlank(body) {
				if o != l {
					t.Fatalf("line %d: blank line %q became %q", i+1, l, o)
				}
			} else if obj, err := scanObject(body, "text", ""); err != nil || obj.field.duplicated || !obj.field.found || !obj.field.isString {
				if o != l {
					t.Fatalf("line %d: non-record %q became %q", i+1, l, o)
				}
			} else if o != l {
				// A record: valid JSON, and every other member kept.
				if !json.Valid(obody) {
					t.Fatalf("line %d: output %q is not valid JSON", i+1, o)
				}
				if !sameMembers(t, body, obody) {
					t.Fatalf("line %d: members other than the field changed:\n in %q\nout %q", i+1, l, o)
				}
			}
		}
	})
}

// splitLines splits s after each "\n", the last line without one.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.SplitAfter(strings.TrimSuffix(s, "\n"), "\n")
}

// sameMembers reports whether two objects have byte-identical raw
// members, in order, apart from "text" and "copydesk".
func sameMembers(t *testing.T, a, b []byte) bool {
	ma, mb := rawMembers(t, a), rawMembers(t, b)
	if len(ma) != len(mb) {
		return false
	}
	for i := range ma {
		if ma[i] != mb[i] {
			return false
		}
	}
	return true
}

func rawMembers(t *testing.T, line []byte) []string {
	t.Helper()
	var out []string
	i := skipWS(line, 0) + 1
	for {
		i = skipWS(line, i)
		if line[i] == '}' {
			return out
		}
		if line[i] == ',' {
			i = skipWS(line, i+1)
		}
		ks := i
		i = skipString(line, i)
		key := line[ks+1 : i-1]
		i = skipWS(line, skipWS(line, i)+1)
		vs := i
		i = skipValue(line, i)
		if !keyIs(key, "text") && !keyIs(key, "copydesk") {
			out = append(out, string(line[ks:i][:0])+string(key)+"="+string(line[vs:i]))
		}
	}
}

// FuzzDecodeString checks decodeString against encoding/json on every
// valid JSON string: the same value, or an error exactly when the value
// is not valid UTF-8 or has an unpaired surrogate escape (which
// encoding/json would turn into U+FFFD).
func FuzzDecodeString(f *testing.F) {
	for _, s := range []string{`a\"b\\c\/d\b\f\n\r\t`, `\u00e9\ud83d\ude00x`, `\ud800`, `\udc00\ud800`, `\ud83dx`, "\xff", `\u0000`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q := []byte(`"` + raw + `"`)
		if !json.Valid(q) {
			return
		}
		var want string
		if err := json.Unmarshal(q, &want); err != nil {
			t.Fatal(err)
		}
		got, err := decodeString([]byte(raw))
		if err != nil {
			if !strings.Contains(want, "\ufffd") {
				t.Fatalf("decodeString(%q): %v; encoding/json: %q", raw, err, want)
			}
			return
		}
		if got != want {
			t.Fatalf("decodeString(%q) = %q, encoding/json: %q", raw, got, want)
		}
	})
}
