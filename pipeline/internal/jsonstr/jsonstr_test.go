package jsonstr

import (
	"bytes"
	"encoding/json"
	"testing"
)

// want encodes s as encoding/json does with SetEscapeHTML(false).
func want(t testing.TB, s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

func TestAppendMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " back \ slash`, "\b\f\n\r\t\x00\x1f\x7f",
		"<a href='x'>&amp;</a>", "“curly” … é 中文 👨‍👩‍👧", "\u2028\u2029",
		"bad \xff\xfe \xc3 bytes",
	} {
		if got := string(Append(nil, s)); got != want(t, s) {
			t.Errorf("Append(%q) = %s, want %s", s, got, want(t, s))
		}
	}
}

func FuzzAppend(f *testing.F) {
	f.Add("a\"b\\c\n\u2028\xff<&>")
	f.Fuzz(func(t *testing.T, s string) {
		if got := string(Append(nil, s)); got != want(t, s) {
			t.Fatalf("Append(%q) = %s, want %s", s, got, want(t, s))
		}
	})
}
