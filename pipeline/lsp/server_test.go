package lsp

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/pipeline/config"
	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// now checks at once after each change: the tests that are not about
// the debounce do not wait for it.
var now = Options{Debounce: -1}

// fileURI returns the file: URI of path.
func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// The text of the position tests: curly quotes (one UTF-16 unit, three
// bytes) and an emoji outside the BMP (two units, four bytes) before the
// second "..".
const quoted = "He said “hello”.. 😀 ok..\n"

func TestInitialize(t *testing.T) {
	for _, tc := range []struct {
		name      string
		params    map[string]any
		want      string
		offsetEnc string
	}{
		{"no encodings offered", map[string]any{}, "utf-16", ""},
		{"utf-16 only", map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-16"}}}, "utf-16", ""},
		{"utf-8 offered", map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-16", "utf-8"}}}, "utf-8", ""},
		{"utf-32 only", map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-32"}}}, "utf-16", ""},
		{"clangd offsetEncoding", map[string]any{"offsetEncoding": []string{"utf-8", "utf-16"}}, "utf-8", "utf-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := startClient(t, now)
			var res initializeResult
			c.result("initialize", map[string]any{"processId": nil, "capabilities": tc.params}, &res)
			caps := res.Capabilities
			if caps.PositionEncoding != tc.want || res.OffsetEncoding != tc.offsetEnc {
				t.Errorf("positionEncoding %q, offsetEncoding %q; want %q, %q", caps.PositionEncoding, res.OffsetEncoding, tc.want, tc.offsetEnc)
			}
			if caps.TextDocumentSync.Change != 2 || !caps.TextDocumentSync.OpenClose || !caps.HoverProvider {
				t.Errorf("capabilities %+v", caps)
			}
			if !slices.Equal(caps.CodeActionProvider.CodeActionKinds, []string{"quickfix", "source.fixAll"}) {
				t.Errorf("code action kinds %v", caps.CodeActionProvider.CodeActionKinds)
			}
			if res.ServerInfo.Name != "copydesk" {
				t.Errorf("server name %q", res.ServerInfo.Name)
			}
			if err := c.shutdown(); err != nil {
				t.Errorf("Serve after shutdown and exit: %v", err)
			}
		})
	}
}

func TestDiagnosticPositions(t *testing.T) {
	for _, tc := range []struct {
		enc       []string
		utf8      bool
		secondCol int // the second ".."
	}{
		{nil, false, 23},
		{[]string{"utf-8", "utf-16"}, true, 29},
	} {
		t.Run(fmt.Sprint(tc.enc), func(t *testing.T) {
			c := startClient(t, now)
			c.initialize(tc.enc...)
			c.open("file:///story.txt", "plaintext", quoted)
			diags := c.diagnostics("file:///story.txt", 1)
			var got []string
			for _, d := range diags {
				if d.Source != "copydesk" {
					t.Errorf("source %q", d.Source)
				}
				got = append(got, fmt.Sprintf("%s %d:%d-%d:%d sev %d", d.Code, d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character, d.Severity))
			}
			// Each range checked against the tests' own conversion.
			at := func(rule, s string, i int) string {
				start := strings.Index(quoted[i:], s) + i
				p, q := pos(quoted, start, tc.utf8), pos(quoted, start+len(s), tc.utf8)
				return fmt.Sprintf("%s %d:%d-%d:%d sev 2", rule, p.Line, p.Character, q.Line, q.Character)
			}
			second := strings.LastIndex(quoted, "..")
			want := []string{
				at("quotes.curly", "“", 0),
				at("quotes.curly", "”", 0),
				at("punct.double-period", "..", 0),
				at("punct.double-period", "..", second),
			}
			if !slices.Equal(got, want) {
				t.Errorf("diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if p := pos(quoted, second, tc.utf8); p.Character != tc.secondCol {
				t.Errorf("the tests' own conversion puts the second .. at %d, want %d", p.Character, tc.secondCol)
			}
		})
	}
}

func TestSeverities(t *testing.T) {
	c := startClient(t, now)
	c.initialize()
	text := "A paragraph said once.\n\nA paragraph said once.\n\nTwo  spaces and a stop..\n"
	c.open("file:///s.txt", "plaintext", text)
	bySev := map[string]int{}
	for _, d := range c.diagnostics("file:///s.txt", 1) {
		bySev[d.Code] = d.Severity
	}
	want := map[string]int{"dedupe.paragraph": 1, "punct.double-period": 2, "space.repeated": 3}
	for rule, sev := range want {
		if bySev[rule] != sev {
			t.Errorf("%s: severity %d, want %d (all: %v)", rule, bySev[rule], sev, bySev)
		}
	}
}

func TestDidChange(t *testing.T) {
	c := startClient(t, now)
	c.initialize()
	uri := "file:///c.txt"
	c.open(uri, "plaintext", quoted)
	if n := len(c.diagnostics(uri, 1)); n != 4 {
		t.Fatalf("%d diagnostics at open, want 4", n)
	}
	// Incremental: delete the first ".." (one UTF-16 unit after the
	// closing quote), then type a new one after the emoji.
	first := strings.Index(quoted, "..")
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{
			{"range": Range{Start: pos(quoted, first, false), End: pos(quoted, first+2, false)}, "text": ""},
		},
	})
	d2 := c.diagnostics(uri, 2)
	if n := countRule(d2, "punct.double-period"); n != 1 {
		t.Errorf("after deleting one \"..\": %d punct.double-period, want 1", n)
	}
	// The remaining ".." moved two units to the left.
	for _, d := range d2 {
		if d.Code == "punct.double-period" && d.Range.Start.Character != 21 {
			t.Errorf("remaining .. at %d, want 21", d.Range.Start.Character)
		}
	}
	// Full sync.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 3},
		"contentChanges": []map[string]any{{"text": "Nothing to fix here.\n"}},
	})
	if d3 := c.diagnostics(uri, 3); len(d3) != 0 {
		t.Errorf("diagnostics of a clean text: %v", d3)
	}
	// Closing clears the diagnostics.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	c.waitFor("cleared diagnostics", func() bool {
		for _, m := range c.inbox {
			var p publishDiagnosticsParams
			if m.Method == "textDocument/publishDiagnostics" && json.Unmarshal(m.Params, &p) == nil && p.URI == uri && p.Version == nil && len(p.Diagnostics) == 0 {
				return true
			}
		}
		return false
	})
}

func countRule(diags []diagnostic, rule string) int {
	n := 0
	for _, d := range diags {
		if d.Code == rule {
			n++
		}
	}
	return n
}

// Changes within the debounce time give one check, of the last text.
func TestDebounce(t *testing.T) {
	c := startClient(t, Options{Debounce: time.Hour})
	c.initialize()
	uri := "file:///d.txt"
	c.open(uri, "plaintext", "Start..\n")
	c.diagnostics(uri, 1) // an open is checked at once
	text := "Start..\n"
	for v := 2; v <= 6; v++ {
		text += "more..\n"
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []map[string]any{{"text": text}},
		})
	}
	// A save checks at once; the hour's wait never ends.
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	diags := c.diagnostics(uri, 6)
	if n := countRule(diags, "punct.double-period"); n != 6 {
		t.Errorf("%d findings in the last text, want 6", n)
	}
	if n := c.srv.checks.Load(); n != 2 {
		t.Errorf("%d checks run, want 2 (the open, then the last text)", n)
	}
	if n := len(c.messages("textDocument/publishDiagnostics", true)); n != 0 {
		t.Errorf("%d more diagnostics published after the last text's", n)
	}
}

// actions asks for the code actions of a range.
func (c *testClient) actions(uri string, r Range, only ...string) []codeAction {
	c.t.Helper()
	ctx := map[string]any{"diagnostics": []any{}}
	if only != nil {
		ctx["only"] = only
	}
	var out []codeAction
	c.result("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": r, "context": ctx}, &out)
	return out
}

func TestCodeActions(t *testing.T) {
	for _, utf8Enc := range []bool{false, true} {
		t.Run(fmt.Sprintf("utf8=%v", utf8Enc), func(t *testing.T) {
			c := startClient(t, now)
			if utf8Enc {
				c.initialize("utf-8")
			} else {
				c.initialize()
			}
			uri := "file:///a.txt"
			c.open(uri, "plaintext", quoted)
			c.diagnostics(uri, 1)
			second := strings.LastIndex(quoted, "..")
			cursor := pos(quoted, second+1, utf8Enc)
			acts := c.actions(uri, Range{Start: cursor, End: cursor})
			var fix, all *codeAction
			for i, a := range acts {
				switch a.Kind {
				case "quickfix":
					if fix != nil {
						t.Errorf("two quick fixes at the second ..: %+v", acts)
					}
					fix = &acts[i]
				case "source.fixAll":
					all = &acts[i]
				}
			}
			if fix == nil || all == nil {
				t.Fatalf("actions %+v: want a quick fix and fix-all", acts)
			}
			if !fix.IsPreferred || !strings.Contains(fix.Title, "punct.double-period") || len(fix.Diagnostics) != 1 || fix.Diagnostics[0].Code != "punct.double-period" {
				t.Errorf("quick fix %+v", fix)
			}
			got := apply(t, quoted, fix.Edit.Changes[uri], utf8Enc)
			if want := "He said “hello”.. 😀 ok.\n"; got != want {
				t.Errorf("quick fix gives %q, want %q", got, want)
			}
			got = apply(t, quoted, all.Edit.Changes[uri], utf8Enc)
			if want := "He said \"hello\". 😀 ok.\n"; got != want {
				t.Errorf("fix all gives %q, want %q", got, want)
			}
			// Diagnostics of other servers in the context do not matter.
			var foreign []codeAction
			c.result("textDocument/codeAction", map[string]any{
				"textDocument": map[string]any{"uri": uri},
				"range":        Range{Start: cursor, End: cursor},
				"context":      map[string]any{"diagnostics": []any{map[string]any{"range": Range{}, "message": "x", "code": 42, "source": "other"}}},
			}, &foreign)
			if len(foreign) != len(acts) {
				t.Errorf("with another server's diagnostic in the context: %d actions, want %d", len(foreign), len(acts))
			}
			// only filters by kind, hierarchically.
			if a := c.actions(uri, Range{Start: cursor, End: cursor}, "source"); len(a) != 1 || a[0].Kind != "source.fixAll" {
				t.Errorf("only source: %+v", a)
			}
			if a := c.actions(uri, Range{Start: cursor, End: cursor}, "quickfix"); len(a) != 1 || a[0].Kind != "quickfix" {
				t.Errorf("only quickfix: %+v", a)
			}
			// A range over the whole line offers every fix in it.
			whole := Range{End: Position{Line: 1}}
			if n := len(c.actions(uri, whole, "quickfix")); n != 4 {
				t.Errorf("%d quick fixes over the line, want 4", n)
			}
		})
	}
}

// Fix all makes the document what `copydesk clean` writes.
func TestFixAllIsClean(t *testing.T) {
	for _, tc := range []struct{ file, lang string }{
		{"../../testdata/seed.txt", "plaintext"},
		{"../../testdata/doc.md", "markdown"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			data, err := os.ReadFile(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			c := startClient(t, now)
			c.initialize()
			uri := "untitled:doc"
			c.open(uri, tc.lang, text)
			c.diagnostics(uri, 1)
			var all *codeAction
			for _, a := range c.actions(uri, Range{}, "source.fixAll") {
				all = &a
			}
			if all == nil {
				t.Fatal("no fix-all action")
			}
			got := apply(t, text, all.Edit.Changes[uri], false)
			format := document.Text
			if tc.lang == "markdown" {
				format = document.Markdown
			}
			clean, err := document.New(document.Options{Format: format, Pipeline: registry.Options{FixesOnly: true}}).Check(document.Doc{Name: "doc", Text: text})
			if err != nil {
				t.Fatal(err)
			}
			if got != clean.Cleaned {
				t.Errorf("fix all differs from clean")
			}
			if got == text {
				t.Errorf("fix all changed nothing")
			}
			if tc.lang == "plaintext" {
				want, err := os.ReadFile("../../testdata/seed.clean.txt")
				if err != nil {
					t.Fatal(err)
				}
				if got != string(want) {
					t.Errorf("fix all differs from testdata/seed.clean.txt")
				}
			}
		})
	}
}

func TestSuggestion(t *testing.T) {
	c := startClient(t, now)
	c.initialize()
	uri := "file:///s.txt"
	text := "We will make make a plan.\n"
	c.open(uri, "plaintext", text)
	diags := c.diagnostics(uri, 1)
	if countRule(diags, "dedupe.word") != 1 {
		t.Fatalf("diagnostics %+v: want one dedupe.word", diags)
	}
	at := pos(text, strings.Index(text, "make make")+6, false)
	acts := c.actions(uri, Range{Start: at, End: at})
	if len(acts) != 1 {
		t.Fatalf("actions %+v: want one suggestion (and no fix-all: nothing changes)", acts)
	}
	a := acts[0]
	if a.Kind != "quickfix" || a.IsPreferred || !strings.HasPrefix(a.Title, "Suggestion:") {
		t.Errorf("suggestion %+v", a)
	}
	if got := apply(t, text, a.Edit.Changes[uri], false); got != "We will make a plan.\n" {
		t.Errorf("suggestion gives %q", got)
	}
}

func TestHover(t *testing.T) {
	c := startClient(t, now)
	c.initialize()
	uri := "file:///h.txt"
	c.open(uri, "plaintext", quoted)
	c.diagnostics(uri, 1)
	second := strings.LastIndex(quoted, "..")
	var h *hover
	c.result("textDocument/hover", hoverParams{TextDocument: textDocumentIdentifier{URI: uri}, Position: pos(quoted, second, false)}, &h)
	if h == nil {
		t.Fatal("no hover on a finding")
	}
	for _, want := range []string{"`punct.double-period`", "warning", "stray doubled full stop after a word", "quick fix"} {
		if !strings.Contains(h.Contents.Value, want) {
			t.Errorf("hover %q lacks %q", h.Contents.Value, want)
		}
	}
	if h.Contents.Kind != "markdown" || h.Range == nil || h.Range.Start != pos(quoted, second, false) {
		t.Errorf("hover %+v", h)
	}
	// Nothing to say away from findings.
	var none *hover
	c.result("textDocument/hover", hoverParams{TextDocument: textDocumentIdentifier{URI: uri}, Position: Position{Character: 1}}, &none)
	if none != nil {
		t.Errorf("hover away from findings: %+v", none)
	}
}

func TestMarkdownAndText(t *testing.T) {
	text := "# Title\n\n```sh\necho done..\n```\n\nProse ends here..\n"
	for _, tc := range []struct {
		uri, lang string
		want      int
	}{
		{"file:///a.md", "markdown", 1},
		{"file:///a.txt", "plaintext", 2},
		{"file:///a.md", "", 1},     // by extension
		{"file:///a.txt", "", 2},    // by extension
		{"untitled:1", "mdx", 1},    // by language id
		{"file:///a.md", "text", 2}, // language id wins
	} {
		t.Run(tc.uri+" "+tc.lang, func(t *testing.T) {
			c := startClient(t, now)
			c.initialize()
			c.open(tc.uri, tc.lang, text)
			if n := countRule(c.diagnostics(tc.uri, 1), "punct.double-period"); n != tc.want {
				t.Errorf("%d punct.double-period, want %d", n, tc.want)
			}
		})
	}
}

func TestSuppression(t *testing.T) {
	c := startClient(t, now)
	c.initialize()
	text := "<!-- copydesk-disable-next-line punct.double-period -->\nQuoted as printed..\n\nNot quoted..\n"
	c.open("file:///q.md", "markdown", text)
	diags := c.diagnostics("file:///q.md", 1)
	if n := countRule(diags, "punct.double-period"); n != 1 {
		t.Errorf("%d punct.double-period, want 1 (one suppressed): %+v", n, diags)
	}
	for _, d := range diags {
		if d.Code == "punct.double-period" && d.Range.Start.Line != 3 {
			t.Errorf("the finding left is on line %d, want 3", d.Range.Start.Line)
		}
	}
}

// The nearest .copydesk.toml is used, and read again when it changes;
// a broken one is a diagnostic and a message, not a crash.
func TestConfig(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil { // the search stops here
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "drafts")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(dir, config.FileName)
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(cfgPath, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("[rules]\n\"punct.double-period\" = \"off\"\n")
	c := startClient(t, Options{Debounce: -1, Document: document.Options{Config: &config.Loader{Rules: registry.Rules()}}})
	var res initializeResult
	c.result("initialize", map[string]any{"capabilities": map[string]any{"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}}, &res)
	c.notify("initialized", map[string]any{})
	// The server asks to be told of changes to configuration files.
	c.waitFor("client/registerCapability", func() bool {
		for _, m := range c.all {
			if m.Method == "client/registerCapability" && m.isRequest() && strings.Contains(string(m.Params), `"method":"workspace/didChangeWatchedFiles"`) && strings.Contains(string(m.Params), `"globPattern":"**/.copydesk.toml"`) {
				return true
			}
		}
		return false
	})
	uri := fileURI(filepath.Join(sub, "story.txt"))
	c.open(uri, "plaintext", quoted)
	if d := c.diagnostics(uri, 1); countRule(d, "punct.double-period") != 0 || countRule(d, "quotes.curly") != 2 {
		t.Errorf("with the rule off: %+v", d)
	}
	change := func(v int) {
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []map[string]any{{"text": quoted}},
		})
	}

	// Broken while typing: told on the document, on the file, once as a message.
	write("[rules\n\"punct.double-period\" = \"off\"\n")
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": fileURI(cfgPath), "type": 2}}})
	change(2)
	d := c.diagnostics(uri, 2)
	if len(d) != 1 || d[0].Code != "config" || d[0].Severity != 1 || !strings.Contains(d[0].Message, config.FileName) {
		t.Errorf("with a broken configuration: %+v", d)
	}
	c.waitFor("a message about the configuration", func() bool {
		for _, m := range c.all {
			if m.Method == "window/showMessage" && strings.Contains(string(m.Params), config.FileName) {
				return true
			}
		}
		return false
	})
	c.waitFor("diagnostics on the configuration file", func() bool {
		for _, m := range c.all {
			var p publishDiagnosticsParams
			if m.Method == "textDocument/publishDiagnostics" && json.Unmarshal(m.Params, &p) == nil && p.URI == fileURI(cfgPath) && len(p.Diagnostics) == 1 && p.Diagnostics[0].Range.Start.Line == 0 {
				return true
			}
		}
		return false
	})
	change(3)
	c.diagnostics(uri, 3)
	if n := len(c.messages("window/showMessage", false)); n != 1 {
		t.Errorf("%d messages for one broken file, want 1", n)
	}

	// Mended, with no notification: the next check sees the new file.
	write("[rules]\n\"quotes.curly\" = \"off\"\n")
	change(4)
	d = c.diagnostics(uri, 4)
	if countRule(d, "punct.double-period") != 2 || countRule(d, "quotes.curly") != 0 || countRule(d, "config") != 0 {
		t.Errorf("with the mended file: %+v", d)
	}

	// Changed and announced: the open document is checked again without
	// a change of its own.
	write("[rules]\n\"punct.double-period\" = \"off\"\n\"quotes.curly\" = \"off\"\n")
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": fileURI(cfgPath), "type": 2}}})
	if d := c.diagnostics(uri, 4); len(d) != 0 {
		t.Errorf("with both rules off: %+v", d)
	}
}

// Bad input gets errors and the server reads on.
func TestBadInput(t *testing.T) {
	c := startClient(t, Options{Debounce: -1, MaxSize: 1000})
	// Before initialize.
	if m := c.call("textDocument/hover", map[string]any{}); m.Error == nil || m.Error.Code != codeServerNotInitialized {
		t.Errorf("hover before initialize: %+v", m)
	}
	c.initialize()
	if m := c.call("initialize", map[string]any{}); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("initialize twice: %+v", m)
	}
	if m := c.call("no/such/method", nil); m.Error == nil || m.Error.Code != codeMethodNotFound {
		t.Errorf("unknown method: %+v", m)
	}
	if m := c.call("textDocument/hover", "not an object"); m.Error == nil || m.Error.Code != codeInvalidParams {
		t.Errorf("params of the wrong type: %+v", m)
	}
	// Garbage framing, invalid JSON, an over-long header line, a message
	// over the limit: each a parse error, and the next request answered.
	c.raw("garbage\r\n\r\n")
	c.raw("Content-Length: 9\r\n\r\n{not json")
	c.raw("X-" + strings.Repeat("y", 10000) + ": 1\r\nContent-Length: 2\r\n\r\n{}")
	c.raw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", 4<<20, strings.Repeat(" ", 4<<20)))
	c.raw("Content-Length: 1x\r\n\r\n")
	c.raw("noise without a line break Content-Length: 2\r\n\r\n{}")
	if m := c.call("no/such/method", nil); m.Error == nil || m.Error.Code != codeMethodNotFound {
		t.Errorf("after garbage: %+v", m)
	}
	c.mu.Lock()
	nullReply, ok := c.replies["null"]
	c.mu.Unlock()
	if !ok || nullReply.Error == nil || nullReply.Error.Code != codeParseError {
		t.Errorf("no parse error for garbage: %+v", nullReply)
	}

	// Invalid UTF-8 in a document (raw bytes in the JSON string).
	uri := "file:///bad.txt"
	body := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"` + uri + `","languageId":"plaintext","version":1,"text":"caf` + "\xe9 \xff\xfe ok.. " + `\ud800 end"}}}`
	c.raw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
	if n := countRule(c.diagnostics(uri, 1), "punct.double-period"); n != 1 {
		t.Errorf("invalid UTF-8: %d punct.double-period, want 1", n)
	}
	// Positions past the end: clamped.
	far := Range{Start: Position{Line: 99, Character: 5}, End: Position{Line: 1000, Character: 1 << 30}}
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"range": far, "text": " tail.."}, {"range": Range{Start: Position{Line: -1, Character: -7}, End: Position{Character: 2}}, "text": "X"}},
	})
	d := c.diagnostics(uri, 2)
	if n := countRule(d, "punct.double-period"); n != 2 {
		t.Errorf("after edits past the end: %d punct.double-period, want 2", n)
	}
	c.actions(uri, far)
	var h *hover
	c.result("textDocument/hover", hoverParams{TextDocument: textDocumentIdentifier{URI: uri}, Position: Position{Line: 7, Character: 99}}, &h)
	// Requests about a document that is not open.
	if a := c.actions("file:///none", Range{}); len(a) != 0 {
		t.Errorf("actions of a closed document: %+v", a)
	}
	// A document over MaxSize: one diagnostic saying so.
	c.open("file:///big.txt", "plaintext", strings.Repeat("word.. ", 200))
	if d := c.diagnostics("file:///big.txt", 1); len(d) != 1 || !strings.Contains(d[0].Message, "over the limit") {
		t.Errorf("a document over the limit: %+v", d)
	}
	// After shutdown, requests are refused; exit ends Serve cleanly.
	c.result("shutdown", nil, nil)
	if m := c.call("textDocument/hover", hoverParams{TextDocument: textDocumentIdentifier{URI: uri}}); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("hover after shutdown: %+v", m)
	}
	c.notify("exit", nil)
	if err := <-c.done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	c.done <- nil
}

func TestExitWithoutShutdown(t *testing.T) {
	c := startClient(t, now)
	c.initialize()
	c.notify("exit", nil)
	err := <-c.done
	c.done <- err
	if !errors.Is(err, ErrNoShutdown) {
		t.Errorf("Serve: %v, want ErrNoShutdown", err)
	}
}

// A stream that ends in the middle of a message ends Serve.
func TestEOFInMessage(t *testing.T) {
	c := startClient(t, now)
	c.initialize()
	c.raw("Content-Length: 100\r\n\r\n{\"jsonrpc\":")
	c.in.Close()
	err := <-c.done
	c.done <- err
	if !errors.Is(err, ErrNoShutdown) {
		t.Errorf("Serve: %v, want ErrNoShutdown", err)
	}
}

// Typing fast in a large document: the diagnostics come in version
// order, the last for the last text, and the checks do not pile up (at
// most one runs and one waits per document).
func TestLargeDocumentTyping(t *testing.T) {
	c := startClient(t, now)
	c.initialize()
	uri := "file:///large.txt"
	var b strings.Builder
	for i := 0; b.Len() < 256<<10; i++ {
		// Lines of one word each, no two alike: no findings.
		w := []byte{'A'}
		for n := i; n > 0; n /= 26 {
			w = append(w, byte('a'+n%26))
		}
		fmt.Fprintf(&b, "%s.\n", w)
	}
	text := b.String()
	c.open(uri, "plaintext", text)
	const changes = 30
	for v := 2; v <= changes+1; v++ {
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []map[string]any{{"range": Range{Start: Position{Line: v}, End: Position{Line: v}}, "text": "Typed.. "}},
		})
	}
	d := c.diagnostics(uri, changes+1)
	if n := countRule(d, "punct.double-period"); n != changes {
		t.Errorf("%d punct.double-period in the last text, want %d", n, changes)
	}
	last := 0
	for _, m := range c.all {
		var p publishDiagnosticsParams
		if m.Method != "textDocument/publishDiagnostics" || json.Unmarshal(m.Params, &p) != nil || p.Version == nil {
			continue
		}
		if *p.Version <= last {
			t.Errorf("diagnostics of version %d after those of %d", *p.Version, last)
		}
		last = *p.Version
	}
	t.Logf("%d changes, %d checks", changes, c.srv.checks.Load())
}
