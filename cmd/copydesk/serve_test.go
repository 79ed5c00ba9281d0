package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/copydesk/copydesk/pipeline/registry"
)

// apiCase is one text and set of options, as the API takes them and as
// flags.
type apiCase struct {
	name, file, format string
	options            map[string]any
	flags              []string
}

// TestServeMatchesCLI checks that the API answers exactly what the
// command line prints for the same text and options: check --format
// json, diff, and clean's text.
func TestServeMatchesCLI(t *testing.T) {
	seedText, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	docText, err := os.ReadFile(filepath.Join("testdata", "doc.md"))
	if err != nil {
		docText, err = os.ReadFile(filepath.Join("..", "..", "testdata", "doc.md"))
		if err != nil {
			t.Fatal(err)
		}
	}
	texts := map[string]string{"seed.txt": string(seedText), "doc.md": string(docText),
		"odd name \"x\".txt": "a\u00a0b  c\u200bd the the end..\n"}
	cases := []apiCase{
		{"default", "seed.txt", "text", nil, nil},
		{"markdown", "doc.md", "md", nil, nil},
		{"typographic de", "seed.txt", "text", map[string]any{"quotes": "typographic", "lang": "de", "primes": true},
			[]string{"--quotes", "typographic", "--lang", "de", "--primes"}},
		{"rules", "doc.md", "md", map[string]any{"disable": []string{"style.echo", "dedupe.word"}, "report-only": "quotes.*"},
			[]string{"--disable", "style.echo,dedupe.word", "--report-only", "quotes.*"}},
		{"suggestions", "doc.md", "md", map[string]any{"apply-suggestions": true, "dedupe": "all"},
			[]string{"--apply-suggestions", "--dedupe", "all"}},
		{"invisible and quoted name", "odd name \"x\".txt", "text", map[string]any{"quotes": "keep", "width": true},
			[]string{"--quotes", "keep", "--width"}},
	}
	e := &env{stderr: io.Discard, newPipeline: defaultPipeline}
	srv := httptest.NewServer(e.serveHandler(8<<20, ""))
	defer srv.Close()
	for _, c := range cases {
		text := texts[c.file]
		body, err := json.Marshal(map[string]any{"text": text, "format": c.format, "name": c.file, "options": c.options})
		if err != nil {
			t.Fatal(err)
		}
		cli := func(cmd string) string {
			args := append([]string{cmd, "--no-config", "--format-in", c.format, "--stdin-name", c.file}, c.flags...)
			if cmd == "check" {
				args = append(args, "--format", "json")
			}
			o := session{stdin: text, pipeline: defaultPipeline}.run(t, args...)
			if o.code > 1 {
				t.Fatalf("%s: copydesk %s: %d %s", c.name, strings.Join(args, " "), o.code, o.stderr)
			}
			return o.stdout
		}
		api := func(path string) string {
			res, err := http.Post(srv.URL+path, "application/json", strings.NewReader(string(body)))
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != 200 {
				t.Fatalf("%s: %s: %d %s", c.name, path, res.StatusCode, b)
			}
			return string(b)
		}
		check := cli("check")
		if got := api("/v1/check"); got != check {
			t.Errorf("%s: /v1/check:\n%s\ncopydesk check --format json:\n%s", c.name, got, check)
		}
		if got, want := api("/v1/diff"), cli("diff"); got != want {
			t.Errorf("%s: /v1/diff:\n%s\ncopydesk diff:\n%s", c.name, got, want)
		}
		var cleaned struct {
			Text     string            `json:"text"`
			Findings []json.RawMessage `json:"findings"`
		}
		if err := json.Unmarshal([]byte(api("/v1/clean")), &cleaned); err != nil {
			t.Fatal(err)
		}
		if want := cli("clean"); cleaned.Text != want {
			t.Errorf("%s: /v1/clean text %q, copydesk clean %q", c.name, cleaned.Text, want)
		}
		var doc struct {
			Files []struct {
				Findings []json.RawMessage `json:"findings"`
			} `json:"files"`
		}
		if err := json.Unmarshal([]byte(check), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Files) != 1 || !sameJSON(cleaned.Findings, doc.Files[0].Findings) {
			t.Errorf("%s: /v1/clean findings differ from check's", c.name)
		}
		if len(cleaned.Findings) == 0 {
			t.Errorf("%s: no findings: the case tests nothing", c.name)
		}
	}
}

// sameJSON reports whether two lists of JSON values are equal as values.
func sameJSON(a, b []json.RawMessage) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		var x, y any
		if json.Unmarshal(a[i], &x) != nil || json.Unmarshal(b[i], &y) != nil {
			return false
		}
		xs, _ := json.Marshal(x)
		ys, _ := json.Marshal(y)
		if string(xs) != string(ys) {
			return false
		}
	}
	return true
}

func TestServeFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--max-body", "lots"}, "--max-body"},
		{[]string{"serve", "--max-body", "0"}, "--max-body"},
		{[]string{"serve", "extra"}, `unexpected argument "extra"`},
		{[]string{"serve", "--addr", "256.0.0.1:99999"}, "serve:"},
	} {
		o := session{}.run(t, tt.args...)
		if o.code != exitFailure || !strings.Contains(o.stderr, tt.want) {
			t.Errorf("%v: %d %q, want 2 and %q", tt.args, o.code, o.stderr, tt.want)
		}
	}
}

// TestServePageInChromium starts copydesk serve, and drives its page in
// headless Chromium with playwright-core (testdata/e2e): paste the seed
// story, see a finding, reject one change, copy the clean text. The
// clean text must be the cleaned story with that one change left out.
// It needs node, chromium and `npm install --prefix testdata/e2e`
// (.ci/run does it); without them it skips, unless COPYDESK_E2E=1.
func TestServePageInChromium(t *testing.T) {
	skip := func(why string) {
		if os.Getenv("COPYDESK_E2E") == "1" {
			t.Fatalf("COPYDESK_E2E=1 but %s", why)
		}
		t.Skip(why)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		skip("node is not installed")
	}
	browser := os.Getenv("CHROMIUM")
	if browser == "" {
		browser = "/usr/bin/chromium"
	}
	if _, err := os.Stat(browser); err != nil {
		skip("chromium is not installed (apt-get install chromium)")
	}
	e2e, _ := filepath.Abs(filepath.Join("testdata", "e2e"))
	if _, err := os.Stat(filepath.Join(e2e, "node_modules", "playwright-core")); err != nil {
		skip("playwright-core is not installed: npm install --prefix cmd/copydesk/testdata/e2e")
	}
	if testing.Short() {
		t.Skip("starting a browser is slow; skipped with -short")
	}
	story, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "seed.txt"))
	text, err := os.ReadFile(story)
	if err != nil {
		t.Fatal(err)
	}

	// The real command, built, on a free port.
	bin := filepath.Join(t.TempDir(), "copydesk")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv := exec.CommandContext(ctx, bin, "serve", "--addr", "127.0.0.1:0")
	stderr, err := srv.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Process.Kill()
	lines := bufio.NewScanner(stderr)
	var url string
	if lines.Scan() {
		url = regexp.MustCompile(`http://\S+/`).FindString(lines.Text())
	}
	if url == "" {
		t.Fatalf("no address in %q", lines.Text())
	}
	rest := make(chan string, 1)
	go func() {
		var b strings.Builder
		for lines.Scan() {
			b.WriteString(lines.Text() + "\n")
		}
		rest <- b.String()
	}()

	cmd := exec.CommandContext(ctx, node, filepath.Join(e2e, "page.cjs"), url, story)
	cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(e2e, "node_modules"), "CHROMIUM="+browser)
	cmd.Dir = e2e
	out, err := cmd.Output()
	if err != nil {
		var msg string
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("node page.cjs: %v\n%s", err, msg)
	}
	var got struct {
		Status, FirstNote, FirstRule, Button, Clean, Clipboard string
		Groups, Errors, Outside                                []string
		Changes                                                int
		Rejected                                               bool
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	r := registry.Default(registry.Options{}).Run(string(text))
	if !strings.Contains(got.Status, fmt.Sprintf("%d findings, %d changes", len(r.Findings), len(r.Changes))) || got.Changes != len(r.Changes) {
		t.Errorf("status %q, %d changes; want %d findings and %d changes", got.Status, got.Changes, len(r.Findings), len(r.Changes))
	}
	first := r.Findings[r.Changes[0].Findings[len(r.Changes[0].Findings)-1]]
	if got.FirstRule != first.Rule || !strings.Contains(got.FirstNote, first.Rule) || !strings.Contains(got.FirstNote, first.Message) {
		t.Errorf("first change: rule %q, note %q; want %s: %s beside it", got.FirstRule, got.FirstNote, first.Rule, first.Message)
	}
	if len(got.Groups) == 0 {
		t.Error("no findings listed")
	}
	if !got.Rejected || got.Button != "Accept" {
		t.Errorf("first change rejected %v, its button %q", got.Rejected, got.Button)
	}
	c := r.Changes[0]
	want := r.Original[:c.Start] + r.Original[c.Start:c.End] + r.Cleaned[len(r.Original[:c.Start])+len(c.New):]
	if got.Clean != want {
		t.Errorf("clean text with the first change rejected:\n%q\nwant\n%q", got.Clean, want)
	}
	if got.Clipboard != got.Clean {
		t.Errorf("clipboard %q, want the clean text", got.Clipboard)
	}
	if len(got.Errors) > 0 || len(got.Outside) > 0 {
		t.Errorf("page errors %q, requests elsewhere %q", got.Errors, got.Outside)
	}

	// SIGTERM: a graceful stop, status 0.
	if err := srv.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	log := <-rest
	if err := srv.Wait(); err != nil || !strings.Contains(log, "stopped") {
		t.Errorf("after SIGTERM: %v, stderr %q", err, log)
	}
}
