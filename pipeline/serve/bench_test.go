package serve_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/serve"
)

// BenchmarkClean measures POST /v1/clean through the handler (no
// network) for the seed article and for 1 MiB of it repeated.
func BenchmarkClean(b *testing.B) {
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed.txt"))
	if err != nil {
		b.Fatal(err)
	}
	h := serve.New(serve.Options{})
	for _, tc := range []struct {
		name string
		text string
	}{
		{"seed", string(seed)},
		{"1MiB", strings.Repeat(string(seed)+"\n", (1<<20)/(len(seed)+1))},
	} {
		body, _ := json.Marshal(map[string]any{"text": tc.text})
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/v1/clean", strings.NewReader(string(body)))
				req.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatal(w.Body.String())
				}
			}
		})
	}
}
