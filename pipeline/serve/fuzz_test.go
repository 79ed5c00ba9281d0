package serve_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/serve"
)

// FuzzRequest sends any body to /v1/clean: the answer is 200 with a
// cleaned text that is valid UTF-8, or 400 or 413 with a JSON error;
// never a panic or a 500.
func FuzzRequest(f *testing.F) {
	f.Add(`{"text": "It said “yes”..\n"}`)
	f.Add(`{"text": "a\ud800b"}`)
	f.Add(`{"text": "\ud83d\ude00", "format": "md", "options": {"quotes": "typographic", "disable": "style.*"}}`)
	f.Add(`{"text": "x", "options": {"near-threshold": 0.5, "echo-window": 3, "report-only": ["quotes.curly"]}}`)
	f.Add(`[[[[[[{"text": 1}]]]]]]`)
	f.Add("{\"text\": \"\xff\"}")
	h := serve.New(serve.Options{MaxBody: 4 << 10})
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest(http.MethodPost, "/v1/clean", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		switch w.Code {
		case 200:
			var a struct{ Text string }
			if err := json.Unmarshal(w.Body.Bytes(), &a); err != nil || !utf8.ValidString(a.Text) {
				t.Fatalf("200 with %q: %v", w.Body.String(), err)
			}
		case 400, 413:
			var e struct{ Error string }
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("%d without a JSON error: %q", w.Code, w.Body.String())
			}
		default:
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body.String())
		}
	})
}
