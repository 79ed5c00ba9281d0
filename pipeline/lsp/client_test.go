package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
)

// A testClient drives a Server over pipes, as an editor would.
type testClient struct {
	t    testing.TB
	srv  *Server
	in   io.WriteCloser // the server's input
	out  *writer
	done chan error // Serve's result

	mu      sync.Mutex
	cond    *sync.Cond
	inbox   []message // notifications and requests from the server, in order, not yet consumed
	all     []message // every notification and request from the server
	replies map[string]message
	closed  bool
	nextID  int
}

// startClient starts a server with opts and a client for it. The
// client is not yet initialized.
func startClient(t testing.TB, opts Options) *testClient {
	t.Helper()
	sr, cw := io.Pipe()
	cr, sw := io.Pipe()
	c := &testClient{
		t:       t,
		srv:     New(opts),
		in:      cw,
		out:     &writer{w: cw},
		done:    make(chan error, 1),
		replies: map[string]message{},
	}
	c.cond = sync.NewCond(&c.mu)
	go func() {
		err := c.srv.Serve(context.Background(), sr, sw)
		sw.Close()
		c.done <- err
	}()
	go func() {
		rd := &reader{r: bufio.NewReader(cr), maxBody: 1 << 30}
		for {
			body, err := rd.read()
			if err != nil {
				c.mu.Lock()
				c.closed = true
				c.cond.Broadcast()
				c.mu.Unlock()
				return
			}
			var m message
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("server wrote invalid JSON %q: %v", body, err)
				continue
			}
			if m.JSONRPC != "2.0" {
				t.Errorf("server wrote a message without jsonrpc 2.0: %s", body)
			}
			c.mu.Lock()
			if m.Method == "" {
				c.replies[string(m.ID)] = m
			} else {
				c.inbox = append(c.inbox, m)
				c.all = append(c.all, m)
			}
			c.cond.Broadcast()
			c.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		cw.Close()
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			t.Error("server did not stop after its input closed")
		}
	})
	return c
}

// waitFor waits until cond (called with c.mu held) is true, failing the
// test after a generous time.
func (c *testClient) waitFor(what string, cond func() bool) {
	c.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	timer := time.AfterFunc(20*time.Second, func() {
		c.mu.Lock()
		c.cond.Broadcast()
		c.mu.Unlock()
	})
	defer timer.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	for !cond() {
		if c.closed || time.Now().After(deadline) {
			c.t.Fatalf("waiting for %s: server closed its output or did not answer", what)
		}
		c.cond.Wait()
	}
}

// call sends a request and returns its response.
func (c *testClient) call(method string, params any) message {
	c.t.Helper()
	c.mu.Lock()
	c.nextID++
	id := fmt.Sprint(c.nextID)
	c.mu.Unlock()
	c.send(map[string]any{"jsonrpc": "2.0", "id": json.RawMessage(id), "method": method, "params": params})
	var m message
	c.waitFor("the answer to "+method, func() bool {
		var ok bool
		m, ok = c.replies[id]
		return ok
	})
	return m
}

// result sends a request and decodes its result into v, failing on an
// error response.
func (c *testClient) result(method string, params, v any) {
	c.t.Helper()
	m := c.call(method, params)
	if m.Error != nil {
		c.t.Fatalf("%s: error %v", method, m.Error)
	}
	if v != nil {
		if err := json.Unmarshal(m.Result, v); err != nil {
			c.t.Fatalf("%s: result %s: %v", method, m.Result, err)
		}
	}
}

// notify sends a notification.
func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

func (c *testClient) send(v any) {
	c.t.Helper()
	if err := c.out.write(v); err != nil {
		c.t.Fatalf("sending: %v", err)
	}
}

// raw writes bytes as they are.
func (c *testClient) raw(s string) {
	c.t.Helper()
	c.out.mu.Lock()
	defer c.out.mu.Unlock()
	if _, err := io.WriteString(c.in, s); err != nil {
		c.t.Fatalf("sending: %v", err)
	}
}

// initialize initializes the server, offering the position encodings,
// and returns its answer.
func (c *testClient) initialize(encodings ...string) initializeResult {
	c.t.Helper()
	params := map[string]any{"processId": nil, "capabilities": map[string]any{}}
	if len(encodings) > 0 {
		params["capabilities"] = map[string]any{"general": map[string]any{"positionEncodings": encodings}}
	}
	var res initializeResult
	c.result("initialize", params, &res)
	c.notify("initialized", map[string]any{})
	return res
}

// open opens a document.
func (c *testClient) open(uri, lang, text string) {
	c.t.Helper()
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": lang, "version": 1, "text": text}})
}

// diagnostics waits for the diagnostics of uri at version and returns
// them; it consumes the notifications up to them.
func (c *testClient) diagnostics(uri string, version int) []diagnostic {
	c.t.Helper()
	var found *publishDiagnosticsParams
	c.waitFor(fmt.Sprintf("diagnostics of %s version %d", uri, version), func() bool {
		for i, m := range c.inbox {
			if m.Method != "textDocument/publishDiagnostics" {
				continue
			}
			var p publishDiagnosticsParams
			if err := json.Unmarshal(m.Params, &p); err != nil {
				c.t.Errorf("bad publishDiagnostics %s: %v", m.Params, err)
				continue
			}
			if p.URI == uri && p.Version != nil && *p.Version == version {
				found = &p
				c.inbox = c.inbox[i+1:]
				return true
			}
		}
		return false
	})
	return found.Diagnostics
}

// messages returns the notifications of method received so far; with
// unread, only those not consumed yet.
func (c *testClient) messages(method string, unread bool) []message {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []message
	list := c.all
	if unread {
		list = c.inbox
	}
	for _, m := range list {
		if m.Method == method {
			out = append(out, m)
		}
	}
	return out
}

// shutdown shuts the server down and waits for Serve's result.
func (c *testClient) shutdown() error {
	c.t.Helper()
	c.result("shutdown", nil, nil)
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		c.done <- err // for the cleanup
		return err
	case <-time.After(20 * time.Second):
		c.t.Fatal("server did not exit")
	}
	return nil
}

// units counts s in UTF-16 code units or UTF-8 bytes: the tests' own
// conversion, independent of lineIndex.
func units(s string, utf8Enc bool) int {
	if utf8Enc {
		return len(s)
	}
	return len(utf16.Encode([]rune(s)))
}

// pos returns the position of byte offset off of text (lines split at
// "\n" only, as the tests' texts are).
func pos(text string, off int, utf8Enc bool) Position {
	line := strings.Count(text[:off], "\n")
	start := strings.LastIndex(text[:off], "\n") + 1
	return Position{Line: line, Character: units(text[start:off], utf8Enc)}
}

// offsetOf is the inverse of pos.
func offsetOf(text string, p Position, utf8Enc bool) int {
	start := 0
	for i := 0; i < p.Line; i++ {
		start += strings.Index(text[start:], "\n") + 1
	}
	if utf8Enc {
		return start + p.Character
	}
	n := 0
	for i, r := range text[start:] {
		if n >= p.Character {
			return start + i
		}
		n += len(utf16.Encode([]rune{r}))
	}
	return len(text)
}

// apply applies text edits (non-overlapping, against text) to text.
func apply(t *testing.T, text string, edits []textEdit, utf8Enc bool) string {
	t.Helper()
	type span struct {
		s, e int
		new  string
	}
	var spans []span
	for _, e := range edits {
		spans = append(spans, span{offsetOf(text, e.Range.Start, utf8Enc), offsetOf(text, e.Range.End, utf8Enc), e.NewText})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].s < spans[j].s })
	var b strings.Builder
	last := 0
	for _, s := range spans {
		if s.s < last {
			t.Fatalf("overlapping edits %v", edits)
		}
		b.WriteString(text[last:s.s])
		b.WriteString(s.new)
		last = s.e
	}
	b.WriteString(text[last:])
	return b.String()
}
