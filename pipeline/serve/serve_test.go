package serve_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
	"github.com/copydesk/copydesk/pipeline/report"
	"github.com/copydesk/copydesk/pipeline/serve"
)

const story = " The Pentagon said its strike was “proportionate”..\n\nSame paragraph here twice.\n\nSame paragraph here twice.\n"

// post sends body to path and returns the status, the content type and
// the answer.
func post(t *testing.T, url, path, contentType, body string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header.Get("Content-Type"), string(b)
}

// request is the JSON of a request.
func request(t *testing.T, text string, opts map[string]any) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"text": text, "options": opts, "name": "story.txt"})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type cleanAnswer struct {
	Text     string           `json:"text"`
	Findings []report.Finding `json:"findings"`
	Changes  []struct {
		Offset    int      `json:"offset"`
		EndOffset int      `json:"end_offset"`
		New       string   `json:"new"`
		Rules     []string `json:"rules"`
	} `json:"changes"`
}

func TestClean(t *testing.T) {
	srv := httptest.NewServer(serve.New(serve.Options{}))
	defer srv.Close()
	code, ct, body := post(t, srv.URL, "/v1/clean", "application/json", request(t, story, nil))
	if code != 200 || ct != "application/json" {
		t.Fatalf("%d %s: %s", code, ct, body)
	}
	var a cleanAnswer
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatal(err)
	}
	r := registry.Default(registry.Options{}).Run(story)
	if a.Text != r.Cleaned {
		t.Errorf("text %q, want %q", a.Text, r.Cleaned)
	}
	want := report.NewFile("story.txt", r).Findings
	gotJSON, _ := json.Marshal(a.Findings)
	wantJSON, _ := json.Marshal(want)
	if !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("findings\n%s\nwant\n%s", gotJSON, wantJSON)
	}
	// The changes, applied to the text, give the cleaned text.
	var b strings.Builder
	last := 0
	for _, c := range a.Changes {
		b.WriteString(story[last:c.Offset])
		b.WriteString(c.New)
		last = c.EndOffset
		if len(c.Rules) == 0 {
			t.Errorf("change %+v has no rule", c)
		}
	}
	b.WriteString(story[last:])
	if b.String() != a.Text || len(a.Changes) != len(r.Changes) {
		t.Errorf("%d changes give %q, want %q", len(a.Changes), b.String(), a.Text)
	}
	// Cleaning the clean text changes nothing.
	_, _, body = post(t, srv.URL, "/v1/clean", "application/json", request(t, a.Text, nil))
	var again cleanAnswer
	json.Unmarshal([]byte(body), &again)
	if again.Text != a.Text || len(again.Changes) != 0 {
		t.Errorf("clean of the clean text: %q, %d changes", again.Text, len(again.Changes))
	}
}

func TestCheckAndDiff(t *testing.T) {
	srv := httptest.NewServer(serve.New(serve.Options{}))
	defer srv.Close()
	opts := map[string]any{"quotes": "keep", "disable": "style.*", "report-only": []string{"punct.double-period"}}
	code, _, body := post(t, srv.URL, "/v1/check", "application/json", request(t, story, opts))
	if code != 200 {
		t.Fatalf("%d: %s", code, body)
	}
	r := registry.Default(registry.Options{Disabled: []string{"style.echo"}, ReportOnly: []string{"punct.double-period"},
		Normalize: registryQuotesKeep()}).Run(story)
	var want bytes.Buffer
	report.JSON(&want, []report.File{report.NewFile("story.txt", r)})
	if body != want.String() {
		t.Errorf("check:\n%s\nwant\n%s", body, want.String())
	}
	if strings.Contains(body, "quotes.curly") || strings.Contains(body, "style.echo") || !strings.Contains(body, "punct.double-period") {
		t.Errorf("options not applied:\n%s", body)
	}
	code, ct, body := post(t, srv.URL, "/v1/diff", "application/json", request(t, story, opts))
	want.Reset()
	report.Unified(&want, story, r.Edits(), report.UnifiedOptions{OldName: "a/story.txt", NewName: "b/story.txt"})
	if code != 200 || !strings.HasPrefix(ct, "text/x-diff") || body != want.String() {
		t.Errorf("diff %d %s:\n%s\nwant\n%s", code, ct, body, want.String())
	}
}

// registryQuotesKeep returns the normalize options of quotes "keep".
func registryQuotesKeep() normalize.Options {
	return normalize.Options{Quotes: normalize.QuotesKeep, Lang: "en"}
}

// TestBadRequests sends what a client should not and checks the status
// and the JSON error of each, and that the service answers well after.
func TestBadRequests(t *testing.T) {
	srv := httptest.NewServer(serve.New(serve.Options{MaxBody: 1 << 10}))
	defer srv.Close()
	deep := strings.Repeat(`{"text":`, 20000) + `"x"` + strings.Repeat("}", 20000)
	for _, tt := range []struct {
		name, path, ct, body string
		status               int
		says                 string
	}{
		{"not JSON", "/v1/clean", "application/json", "text=hello", 400, "invalid character"},
		{"empty", "/v1/clean", "application/json", "", 400, "empty"},
		{"cut", "/v1/clean", "application/json", `{"text": "abc`, 400, "ends inside"},
		{"two values", "/v1/clean", "application/json", `{"text": "a"} {}`, 400, "more after"},
		{"array", "/v1/check", "application/json", `["text"]`, 400, "must be an object"},
		{"text a number", "/v1/clean", "application/json", `{"text": 12}`, 400, `"text" must be a string`},
		{"options a list", "/v1/clean", "application/json", `{"text": "a", "options": [1]}`, 400, `"options" must be an object`},
		{"no text", "/v1/clean", "application/json", `{"name": "a"}`, 400, `no "text"`},
		{"unknown field", "/v1/clean", "application/json", `{"text": "a", "txt": "b"}`, 400, `unknown field "txt"`},
		{"unknown options", "/v1/clean", "application/json", `{"text": "a", "options": {"qoutes": "keep", "colour": 1}}`, 400, `unknown options "colour", "qoutes"`},
		{"option type", "/v1/clean", "application/json", `{"text": "a", "options": {"primes": "yes"}}`, 400, "primes must be true or false"},
		{"option value", "/v1/clean", "application/json", `{"text": "a", "options": {"quotes": "fancy"}}`, 400, `unknown quotes "fancy"`},
		{"unknown rule", "/v1/clean", "application/json", `{"text": "a", "options": {"disable": ["quotes.curvy"]}}`, 400, `unknown rule "quotes.curvy"`},
		{"no such area", "/v1/clean", "application/json", `{"text": "a", "options": {"report-only": "nope.*"}}`, 400, "matches no rule"},
		{"corpus", "/v1/clean", "application/json", `{"text": "a", "options": {"dedupe": "corpus"}}`, 400, "corpus needs many documents"},
		{"range", "/v1/clean", "application/json", `{"text": "a", "options": {"near-threshold": 2}}`, 400, "near-threshold"},
		{"format", "/v1/clean", "application/json", `{"text": "a", "format": "docx"}`, 400, `unknown "format"`},
		{"invalid UTF-8", "/v1/clean", "application/json", "{\"text\": \"a\xff\"}", 400, "not valid UTF-8 (byte 11)"},
		{"lone surrogate", "/v1/clean", "application/json", `{"text": "a\ud800b"}`, 400, "surrogate"},
		{"low surrogate", "/v1/clean", "application/json", `{"text": "\udc00"}`, 400, "surrogate"},
		{"NUL", "/v1/clean", "application/json", `{"text": "a\u0000b"}`, 400, "NUL byte at offset 1"},
		{"deep", "/v1/clean", "application/json", deep, 413, "larger than"},
		{"too large", "/v1/clean", "application/json", `{"text": "` + strings.Repeat("a", 2000) + `"}`, 413, "maximum of 1024 bytes"},
		{"form", "/v1/clean", "application/x-www-form-urlencoded", `{"text": "a"}`, 415, "Content-Type: application/json"},
		{"no type", "/v1/clean", "", `{"text": "a"}`, 415, "Content-Type"},
		{"no endpoint", "/v1/fix", "application/json", `{"text": "a"}`, 404, "no endpoint /v1/fix"},
	} {
		code, ct, body := post(t, srv.URL, tt.path, tt.ct, tt.body)
		var e struct{ Error string }
		if err := json.Unmarshal([]byte(body), &e); err != nil || ct != "application/json" {
			t.Errorf("%s: %s answer %q: %v", tt.name, ct, body, err)
		}
		if code != tt.status || !strings.Contains(e.Error, tt.says) {
			t.Errorf("%s: %d %q, want %d and %q", tt.name, code, e.Error, tt.status, tt.says)
		}
	}
	// Deep JSON within the size limit is refused by the decoder.
	srv2 := httptest.NewServer(serve.New(serve.Options{}))
	defer srv2.Close()
	if code, _, body := post(t, srv2.URL, "/v1/clean", "application/json", deep); code != 400 {
		t.Errorf("deep JSON: %d %s", code, body)
	}
	// A surrogate pair is a character, not an error.
	code, _, body := post(t, srv.URL, "/v1/clean", "application/json", `{"text": "\ud83d\ude00 \\ud800"}`)
	if code != 200 || !strings.Contains(body, `"text": "😀 \\ud800"`) {
		t.Errorf("surrogate pair: %d %s", code, body)
	}
	res, err := http.Get(srv.URL + "/v1/clean")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 405 || res.Header.Get("Allow") != "POST" {
		t.Errorf("GET /v1/clean: %d, Allow %q", res.StatusCode, res.Header.Get("Allow"))
	}
	if code, _, body := post(t, srv.URL, "/v1/clean", "application/json", `{"text": "a “b”"}`); code != 200 || !strings.Contains(body, `"text": "a \"b\""`) {
		t.Errorf("after the bad requests: %d %s", code, body)
	}
}

// panicStage panics on a text with "boom".
type panicStage struct{}

func (panicStage) Name() string       { return "boom" }
func (panicStage) Rules() []lint.Rule { return []lint.Rule{{ID: "test.boom"}} }
func (panicStage) Check(text string) []lint.Finding {
	if strings.Contains(text, "boom") {
		panic("boom")
	}
	return nil
}

func TestPanicIsAnError(t *testing.T) {
	var logged []string
	var mu sync.Mutex
	h := serve.New(serve.Options{
		NewPipeline: func(registry.Options) *pipeline.Pipeline { return pipeline.New(panicStage{}) },
		Logf: func(format string, args ...any) {
			mu.Lock()
			logged = append(logged, fmt.Sprintf(format, args...))
			mu.Unlock()
		},
	})
	srv := httptest.NewServer(h)
	defer srv.Close()
	code, _, body := post(t, srv.URL, "/v1/clean", "application/json", `{"text": "secret boom"}`)
	if code != 500 || !strings.Contains(body, "internal error") {
		t.Errorf("%d %s", code, body)
	}
	if len(logged) != 1 || strings.Contains(logged[0], "secret") {
		t.Errorf("logged %q: want one line without the text", logged)
	}
	if code, _, _ := post(t, srv.URL, "/v1/clean", "application/json", `{"text": "fine"}`); code != 200 {
		t.Errorf("after a panic: %d", code)
	}
}

// TestConcurrent sends many requests with a few sets of options at once:
// every answer is the one a request alone gets.
func TestConcurrent(t *testing.T) {
	h := serve.New(serve.Options{MaxCheckers: 2, MaxChecks: 3})
	srv := httptest.NewServer(h)
	defer srv.Close()
	quotes := []string{"ascii", "keep", "typographic"}
	want := map[string]string{}
	for _, q := range quotes {
		_, _, want[q] = post(t, srv.URL, "/v1/clean", "application/json", request(t, story, map[string]any{"quotes": q}))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for i := range 48 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := quotes[i%len(quotes)]
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1/clean", strings.NewReader(request(t, story, map[string]any{"quotes": q})))
			req.Header.Set("Content-Type", "application/json")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				errs <- err.Error()
				return
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if string(b) != want[q] {
				errs <- fmt.Sprintf("quotes %s: %s", q, b)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if held := serve.CheckersHeld(h); held > 2 {
		t.Errorf("%d checkers held, want at most 2", held)
	}
}

func TestCORS(t *testing.T) {
	for _, tt := range []struct {
		allow, origin string
		want          string
	}{
		{"", "https://cms.example", ""},
		{"https://cms.example", "https://cms.example", "https://cms.example"},
		{"https://cms.example", "https://evil.example", ""},
		{"*", "https://any.example", "*"},
	} {
		srv := httptest.NewServer(serve.New(serve.Options{CORSOrigin: tt.allow}))
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1/clean", strings.NewReader(`{"text": "a"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", tt.origin)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != tt.want || res.StatusCode != 200 {
			t.Errorf("--cors %q, Origin %q: %d, allowed %q, want %q", tt.allow, tt.origin, res.StatusCode, got, tt.want)
		}
		pre, _ := http.NewRequest(http.MethodOptions, srv.URL+"/v1/clean", nil)
		pre.Header.Set("Origin", tt.origin)
		pre.Header.Set("Access-Control-Request-Method", "POST")
		res, err = http.DefaultClient.Do(pre)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if ok := res.StatusCode == 204; ok != (tt.want != "") {
			t.Errorf("--cors %q, Origin %q: preflight %d", tt.allow, tt.origin, res.StatusCode)
		}
		srv.Close()
	}
}

func TestPage(t *testing.T) {
	srv := httptest.NewServer(serve.New(serve.Options{}))
	defer srv.Close()
	for path, want := range map[string]string{
		"/":           `<script src="page.js" defer></script>`,
		"/page.js":    `fetch("v1/html"`,
		"/page.css":   ".decisions",
		"/report.css": "del.one",
	} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("%s: %d, lacks %s", path, res.StatusCode, want)
		}
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if strings.Contains(string(b), "http://") || strings.Contains(string(b), "https://") {
			t.Errorf("%s refers to another site", path)
		}
	}
	code, ct, body := post(t, srv.URL, "/v1/html", "application/json", request(t, "<script>alert(1)</script> “x”\n", nil))
	if code != 200 || !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("%d %s %s", code, ct, body)
	}
	if strings.Contains(body, "<script") || !strings.Contains(body, "&lt;script&gt;") || !strings.Contains(body, `data-start="26"`) {
		t.Errorf("fragment:\n%s", body)
	}
}

// TestSlowClient: a client that sends half its headers is cut off by the
// read timeout while others are served.
func TestSlowClient(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &serve.Server{Handler: serve.New(serve.Options{}), ReadHeaderTimeout: 200 * time.Millisecond, ReadTimeout: 300 * time.Millisecond}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l) }()
	url := "http://" + l.Addr().String()

	slow, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	fmt.Fprintf(slow, "POST /v1/clean HTTP/1.1\r\nHost: x\r\n") // and nothing more
	if code, _, _ := post(t, url, "/v1/clean", "application/json", `{"text": "a"}`); code != 200 {
		t.Errorf("with a slow client connected: %d", code)
	}
	slow.SetReadDeadline(time.Now().Add(10 * time.Second)) // a guard, far above the timeout
	if _, err := bufio.NewReader(slow).ReadString('\n'); err == nil {
		// The server may answer 408 before closing; then it closes.
		if _, err := io.ReadAll(slow); err != nil {
			t.Errorf("the slow connection was not closed: %v", err)
		}
	} else if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Error("the slow connection was not closed")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("shutdown: %v", err)
	}
}

// blockStage waits for its channel before it checks.
type blockStage struct{ started, release chan struct{} }

func (blockStage) Name() string       { return "block" }
func (blockStage) Rules() []lint.Rule { return []lint.Rule{{ID: "test.block"}} }
func (b blockStage) Check(string) []lint.Finding {
	b.started <- struct{}{}
	<-b.release
	return nil
}

// TestGracefulShutdown: a request in progress when the server is told to
// stop is answered; Serve returns nil after it.
func TestGracefulShutdown(t *testing.T) {
	st := blockStage{started: make(chan struct{}, 1), release: make(chan struct{})}
	h := serve.New(serve.Options{NewPipeline: func(registry.Options) *pipeline.Pipeline { return pipeline.New(st) }})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- (&serve.Server{Handler: h}).Serve(ctx, l) }()
	answer := make(chan int, 1)
	go func() {
		code, _, _ := post(t, "http://"+l.Addr().String(), "/v1/clean", "application/json", `{"text": "a"}`)
		answer <- code
	}()
	<-st.started // the request is being checked
	cancel()
	select {
	case err := <-done:
		t.Fatalf("Serve returned before the request was answered: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(st.release)
	if code := <-answer; code != 200 {
		t.Errorf("the request in progress got %d", code)
	}
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "[::1]:80": true, "localhost:1": true,
		"0.0.0.0:8080": false, ":8080": false, "192.168.1.2:80": false, "nonsense": false,
	} {
		if got := serve.IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v", addr, got)
		}
	}
}
