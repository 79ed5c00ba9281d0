package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/copydesk/copydesk/pipeline/config"
	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// Options configure a Server.
type Options struct {
	// Document are the options of the document checker. Its Config
	// loader, if not nil, gives each document its nearest
	// .copydesk.toml (or its one Path for all); the server builds a new
	// loader like it (same Path and Rules) when a configuration file
	// changes. Its Format, if not Auto, is the format of every
	// document; with Auto, the client's language id decides (markdown,
	// plaintext), then the file's extension.
	Document document.Options
	// Debounce is how long the server waits after a change before it
	// checks the document; a change within that time restarts the wait.
	// Zero means DefaultDebounce; a negative value checks at once.
	Debounce time.Duration
	// MaxSize is the largest document checked, in bytes (a larger one
	// gets one diagnostic saying so) and, with a margin, the largest
	// message read. Zero means DefaultMaxSize.
	MaxSize int64
	// Version is the server's version, told to the client.
	Version string
	// Log, if not nil, receives a line for each problem with the
	// client's messages (bad framing, invalid JSON).
	Log io.Writer
}

// Defaults of Options.
const (
	DefaultDebounce       = 150 * time.Millisecond
	DefaultMaxSize  int64 = 64 << 20
)

// ErrNoShutdown is what Serve returns when the client sent exit without
// shutdown first, or closed the stream: the protocol asks for exit
// status 1 then.
var ErrNoShutdown = errors.New("lsp: exit without shutdown")

// Source is the diagnostics' source.
const Source = "copydesk"

// A Server is a language server for one client: it reads the client's
// messages from a stream and writes its answers and diagnostics to
// another. Build it with New and run it with Serve.
type Server struct {
	opts Options
	out  *writer
	sem  chan struct{} // bounds the checks that run at once

	mu          sync.Mutex
	enc         encoding
	initialized bool
	shutdown    bool
	docs        map[string]*doc
	loader      *config.Loader
	checkers    map[document.Format]*document.Checker
	epoch       int               // bumped when the configuration is reloaded
	stamps      map[string]string // configuration file → its size and time, as last seen
	shown       map[string]bool   // configuration errors already shown
	configDiags map[string]bool   // configuration file URIs with diagnostics published
	watch       bool              // the client can watch files for the server
	wg          sync.WaitGroup
	checks      atomic.Int64 // checks run, for tests
}

// New returns a server with the options.
func New(opts Options) *Server {
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.MaxSize <= 0 {
		opts.MaxSize = DefaultMaxSize
	}
	s := &Server{
		opts:        opts,
		sem:         make(chan struct{}, max(1, runtime.GOMAXPROCS(0))),
		docs:        map[string]*doc{},
		stamps:      map[string]string{},
		shown:       map[string]bool{},
		configDiags: map[string]bool{},
	}
	s.resetCheckers()
	return s
}

// resetCheckers drops the checkers and the configuration they loaded.
// The caller holds s.mu, or s is not yet shared.
func (s *Server) resetCheckers() {
	if l := s.opts.Document.Config; l != nil {
		s.loader = &config.Loader{Path: l.Path, Rules: l.Rules}
	}
	s.checkers = map[document.Format]*document.Checker{}
	s.epoch++
}

// checker returns the checker for documents of format f.
func (s *Server) checker(f document.Format) (*document.Checker, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.checkers[f]
	if !ok {
		o := s.opts.Document
		o.Config = s.loader
		o.Format = f
		c = document.New(o)
		s.checkers[f] = c
	}
	return c, s.epoch
}

// Serve reads the client's messages from r and answers on w until the
// client sends exit or closes r; call it once. It returns nil after
// shutdown and exit, ErrNoShutdown after an exit without shutdown or
// the end of r, ctx's error when ctx is done (seen between messages),
// and the error of a failed read otherwise. Bad messages are answered
// with errors (or logged, for notifications) and do not stop the
// server; a failed write is logged.
func (s *Server) Serve(ctx context.Context, r io.Reader, w io.Writer) error {
	s.out = &writer{w: w}
	maxBody := int64(math.MaxInt64)
	if s.opts.MaxSize < math.MaxInt64/4 {
		// A document escaped in JSON (\u0000 is six bytes) and its
		// message around it.
		maxBody = s.opts.MaxSize*2 + 1<<20
	}
	rd := &reader{r: bufio.NewReaderSize(r, 64<<10), maxBody: maxBody}
	defer s.stop()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		body, err := rd.read()
		if errors.Is(err, io.EOF) {
			return ErrNoShutdown
		}
		if errors.Is(err, errFraming) {
			s.logf("%v", err)
			s.replyError(json.RawMessage("null"), codeParseError, err.Error())
			continue
		}
		if err != nil {
			return fmt.Errorf("lsp: reading a message: %w", err)
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			s.logf("invalid JSON: %v", err)
			s.replyError(json.RawMessage("null"), codeParseError, "invalid JSON: "+err.Error())
			continue
		}
		if m.Method == "" {
			continue // a response to a request of ours
		}
		if m.Method == "exit" {
			s.mu.Lock()
			down := s.shutdown
			s.mu.Unlock()
			if down {
				return nil
			}
			return ErrNoShutdown
		}
		s.dispatch(&m)
	}
}

// stop ends pending checks and waits for the requests being answered.
func (s *Server) stop() {
	s.mu.Lock()
	s.shutdown = true
	for _, d := range s.docs {
		if d.timer != nil {
			d.timer.Stop()
		}
	}
	s.mu.Unlock()
	s.wg.Wait()
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Log != nil {
		fmt.Fprintf(s.opts.Log, "copydesk lsp: "+format+"\n", args...)
	}
}

// dispatch handles one request or notification.
func (s *Server) dispatch(m *message) {
	req := m.isRequest()
	s.mu.Lock()
	initialized, down := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case m.Method == "initialize":
		if !req {
			return
		}
		if initialized {
			s.replyError(m.ID, codeInvalidRequest, "initialize sent twice")
			return
		}
		s.initialize(m)
		return
	case !initialized:
		if req {
			s.replyError(m.ID, codeServerNotInitialized, "the server is not initialized")
		}
		return
	case down:
		if req {
			s.replyError(m.ID, codeInvalidRequest, "the server is shut down")
		}
		return
	}
	switch m.Method {
	case "initialized":
		s.mu.Lock()
		watch := s.watch
		s.mu.Unlock()
		if watch {
			// Be told when a configuration file changes, also one that
			// is edited in the editor while the documents rest.
			s.send(outRequest{JSONRPC: "2.0", ID: "copydesk-watch", Method: "client/registerCapability", Params: registrationParams{
				Registrations: []registration{{
					ID:              "copydesk-config",
					Method:          "workspace/didChangeWatchedFiles",
					RegisterOptions: didChangeWatchedFilesRegistrationOptions{Watchers: []fileSystemWatcher{{GlobPattern: "**/" + config.FileName}}},
				}},
			}})
		}
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		for _, d := range s.docs {
			d.gen++ // drop the checks in flight
			if d.timer != nil {
				d.timer.Stop()
			}
		}
		s.mu.Unlock()
		s.reply(m.ID, nil)
	case "textDocument/didOpen":
		var p didOpenParams
		if s.params(m, &p) {
			s.didOpen(p)
		}
	case "textDocument/didChange":
		var p didChangeParams
		if s.params(m, &p) {
			s.didChange(p)
		}
	case "textDocument/didClose":
		var p didCloseParams
		if s.params(m, &p) {
			s.didClose(p)
		}
	case "textDocument/didSave":
		var p didSaveParams
		if s.params(m, &p) {
			s.recheck(p.TextDocument.URI)
		}
	case "workspace/didChangeWatchedFiles":
		var p didChangeWatchedFilesParams
		if s.params(m, &p) {
			for _, c := range p.Changes {
				if strings.HasSuffix(c.URI, "/"+config.FileName) {
					s.reload()
					break
				}
			}
		}
	case "textDocument/codeAction":
		var p codeActionParams
		if s.params(m, &p) {
			s.async(func() { s.reply(m.ID, s.codeActions(p)) })
		}
	case "textDocument/hover":
		var p hoverParams
		if s.params(m, &p) {
			s.async(func() { s.reply(m.ID, s.hover(p)) })
		}
	default:
		if req {
			s.replyError(m.ID, codeMethodNotFound, "method not supported: "+clip(m.Method))
		}
		// Other notifications ($/cancelRequest, $/setTrace,
		// workspace/didChangeConfiguration) need nothing.
	}
}

// params decodes m's parameters into v, answering a request with an
// error if they do not fit.
func (s *Server) params(m *message, v any) bool {
	if err := json.Unmarshal(m.Params, v); err != nil {
		if m.isRequest() {
			s.replyError(m.ID, codeInvalidParams, "invalid params: "+err.Error())
		} else {
			s.logf("%s: invalid params: %v", m.Method, err)
		}
		return false
	}
	return true
}

// async answers a request on its own goroutine, so that the reader goes
// on reading (and applying changes) while a long check runs.
func (s *Server) async(f func()) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f()
	}()
}

func (s *Server) reply(id json.RawMessage, result any) {
	if err := s.out.write(response{JSONRPC: "2.0", ID: id, Result: result}); err != nil {
		s.logf("%v", err)
	}
}

func (s *Server) replyError(id json.RawMessage, code int, msg string) {
	if err := s.out.write(errorResponse{JSONRPC: "2.0", ID: id, Error: &rpcError{Code: code, Message: msg}}); err != nil {
		s.logf("%v", err)
	}
}

func (s *Server) notify(method string, params any) {
	s.send(notification{JSONRPC: "2.0", Method: method, Params: params})
}

func (s *Server) send(v any) {
	if err := s.out.write(v); err != nil {
		s.logf("%v", err)
	}
}

// initialize answers the initialize request: UTF-8 positions if the
// client offers them, UTF-16 otherwise; incremental sync; hover; quick
// fixes and fix-all.
func (s *Server) initialize(m *message) {
	var p initializeParams
	if len(m.Params) > 0 {
		if err := json.Unmarshal(m.Params, &p); err != nil {
			s.replyError(m.ID, codeInvalidParams, "invalid params: "+err.Error())
			return
		}
	}
	enc := utf16Units
	offered := p.Capabilities.General.PositionEncodings
	if len(offered) == 0 {
		offered = p.Capabilities.OffsetEncoding
	}
	for _, e := range offered {
		if strings.EqualFold(e, "utf-8") {
			enc = utf8Bytes
		}
	}
	s.mu.Lock()
	s.enc = enc
	s.initialized = true
	s.watch = p.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration && s.opts.Document.Config != nil
	s.mu.Unlock()
	res := initializeResult{
		Capabilities: serverCapabilities{
			PositionEncoding:   enc.name(),
			TextDocumentSync:   textDocumentSync{OpenClose: true, Change: 2, Save: true},
			HoverProvider:      true,
			CodeActionProvider: codeActionProvider{CodeActionKinds: []string{kindQuickFix, kindFixAll}},
		},
		ServerInfo: serverInfo{Name: "copydesk", Version: s.opts.Version},
	}
	if len(p.Capabilities.OffsetEncoding) > 0 {
		res.OffsetEncoding = enc.name()
	}
	s.reply(m.ID, res)
}

// A doc is an open document.
type doc struct {
	uri     string
	path    string // the file, or "" for a URI of another scheme
	name    string
	format  document.Format
	text    string
	version int
	gen     int // bumped on each change

	timer   *time.Timer
	running bool // a check of it runs
	pending bool // a check was asked for while one ran
	closed  bool
	last    *checked // the latest check, or nil

	pub sync.Mutex // orders the publishing of its diagnostics
}

// formatOf returns the format of a document by its language id.
func formatOf(languageID string) document.Format {
	switch strings.ToLower(languageID) {
	case "markdown", "md", "mdx":
		return document.Markdown
	case "plaintext", "text", "txt":
		return document.Text
	}
	return document.Auto
}

// pathOf returns the file of a file: URI, or "".
func pathOf(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	return filepath.FromSlash(u.Path)
}

func (s *Server) didOpen(p didOpenParams) {
	td := p.TextDocument
	d := &doc{uri: td.URI, path: pathOf(td.URI), version: td.Version, text: td.Text}
	d.name = d.path
	if d.name == "" {
		d.name = td.URI
	}
	d.format = s.opts.Document.Format
	if d.format == document.Auto {
		d.format = formatOf(td.LanguageID)
	}
	s.mu.Lock()
	if old := s.docs[td.URI]; old != nil {
		old.closed = true
		if old.timer != nil {
			old.timer.Stop()
		}
	}
	s.docs[td.URI] = d
	s.schedule(d, 0)
	s.mu.Unlock()
}

func (s *Server) didChange(p didChangeParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.logf("didChange of a document not open: %s", clip(p.TextDocument.URI))
		return
	}
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			d.text = c.Text
			continue
		}
		x := newLineIndex(d.text, s.enc)
		start, end := x.span(*c.Range)
		d.text = d.text[:start] + c.Text + d.text[end:]
	}
	d.version = p.TextDocument.Version
	d.gen++
	s.schedule(d, s.opts.Debounce)
}

func (s *Server) didClose(p didCloseParams) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d != nil {
		delete(s.docs, d.uri)
		d.closed = true
		d.gen++
		if d.timer != nil {
			d.timer.Stop()
		}
	}
	s.mu.Unlock()
	if d != nil {
		d.pub.Lock()
		s.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: d.uri, Diagnostics: []diagnostic{}})
		d.pub.Unlock()
	}
}

// recheck checks an open document again (after a save: its
// configuration file may be new).
func (s *Server) recheck(uri string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.docs[uri]; d != nil {
		s.schedule(d, 0)
	}
}

// reload drops the loaded configuration and checks every open document
// again.
func (s *Server) reload() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.resetCheckers()
	s.stamps = map[string]string{}
	for _, d := range s.docs {
		s.schedule(d, 0)
	}
}

// schedule checks d after delay, unless it changes before. The caller
// holds s.mu.
func (s *Server) schedule(d *doc, delay time.Duration) {
	if s.shutdown {
		return
	}
	if d.timer != nil {
		d.timer.Stop()
	}
	gen := d.gen
	d.timer = time.AfterFunc(max(delay, 0), func() { s.run(d, gen) })
}

// A snapshot is what one check of a document looks at.
type snapshot struct {
	gen     int
	version int
	uri     string
	path    string
	name    string
	format  document.Format
	text    string
}

func (d *doc) snapshot() snapshot {
	return snapshot{gen: d.gen, version: d.version, uri: d.uri, path: d.path, name: d.name, format: d.format, text: d.text}
}

// run checks d as it is at generation gen and publishes the
// diagnostics. A check asked for while another of the same document
// runs waits for it and then checks the latest text, once: checks do
// not pile up behind a slow one, and a result that a change made stale
// is dropped.
func (s *Server) run(d *doc, gen int) {
	s.mu.Lock()
	if d.closed || d.gen != gen || s.shutdown {
		s.mu.Unlock()
		return
	}
	if d.running {
		d.pending = true
		s.mu.Unlock()
		return
	}
	d.running = true
	sn := d.snapshot()
	s.mu.Unlock()
	for {
		c := s.check(sn)
		s.mu.Lock()
		current := !d.closed && d.gen == c.gen && !s.shutdown
		if current {
			d.last = c
		}
		again := d.pending && !d.closed && !s.shutdown
		d.pending = false
		if !again {
			d.running = false
		}
		if again {
			sn = d.snapshot()
		}
		s.mu.Unlock()
		if current {
			s.publish(d, c)
		}
		if !again {
			return
		}
	}
}

// A checked is a checked document.
type checked struct {
	snapshot
	epoch int
	x     *lineIndex
	res   *document.Result // nil when the check failed
	err   error            // why it failed: the configuration file, the size
	rules map[string]lint.Rule
}

// check checks a snapshot. It does not panic: a panic of the checker
// becomes the result's error.
func (s *Server) check(sn snapshot) (c *checked) {
	s.mu.Lock()
	enc := s.enc
	s.mu.Unlock()
	c = &checked{snapshot: sn, x: newLineIndex(sn.text, enc)}
	defer func() {
		if p := recover(); p != nil {
			c.res = nil
			c.err = fmt.Errorf("internal error checking %s: %v", sn.name, p)
			s.logf("%v", c.err)
		}
	}()
	if int64(len(sn.text)) > s.opts.MaxSize {
		c.err = fmt.Errorf("the document is %d bytes, over the limit of %d: not checked", len(sn.text), s.opts.MaxSize)
		return c
	}
	s.sem <- struct{}{}
	defer func() { <-s.sem }()
	s.checks.Add(1)
	s.watchConfig(sn.path)
	ch, epoch := s.checker(sn.format)
	c.epoch = epoch
	r, err := ch.Check(document.Doc{Name: sn.name, Path: sn.path, Text: sn.text})
	if err != nil {
		c.err = err
		return c
	}
	c.res = &r
	c.rules = make(map[string]lint.Rule, len(ch.Rules()))
	for _, rule := range ch.Rules() {
		c.rules[rule.ID] = rule
	}
	return c
}

// watchConfig looks whether the configuration file of the document at
// path changed (appeared, changed size or time, went away) since it was
// last seen, and reloads the configuration if so: a client that does
// not send workspace/didChangeWatchedFiles still sees the new settings
// on the next check. It costs a few stat calls.
func (s *Server) watchConfig(path string) {
	if s.opts.Document.Config == nil {
		return
	}
	dir := "."
	if path != "" {
		dir = filepath.Dir(path)
	}
	file := s.opts.Document.Config.Path
	if file == "" {
		var err error
		if file, err = config.Find(dir); err != nil {
			return // the loader reports it
		}
	}
	stamp := "none"
	if file != "" {
		if fi, err := os.Stat(file); err == nil {
			stamp = fmt.Sprintf("%s %d %d", file, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	key := "dir " + dir
	s.mu.Lock()
	defer s.mu.Unlock()
	old, seen := s.stamps[key]
	s.stamps[key] = stamp
	if seen && old != stamp {
		s.resetCheckers()
		for _, d := range s.docs {
			if d.path != path {
				s.schedule(d, 0)
			}
		}
	}
}

// fresh returns the check of d's current text, checking it now if the
// last one is stale.
func (s *Server) fresh(uri string) *checked {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return nil
	}
	if c := d.last; c != nil && c.gen == d.gen && c.epoch == s.epoch {
		s.mu.Unlock()
		return c
	}
	sn := d.snapshot()
	s.mu.Unlock()
	return s.check(sn)
}

// publish sends d's diagnostics of check c.
func (s *Server) publish(d *doc, c *checked) {
	d.pub.Lock()
	defer d.pub.Unlock()
	s.mu.Lock()
	stale := d.closed || d.gen != c.gen
	s.mu.Unlock()
	if stale {
		return
	}
	v := c.version
	s.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: d.uri, Version: &v, Diagnostics: s.diagnostics(c)})
	s.configProblems(c.err)
}

// severity maps a finding's severity to the protocol's.
func severity(sev lint.Severity) int {
	switch sev {
	case lint.Error:
		return severityError
	case lint.Warning:
		return severityWarning
	}
	return severityInformation
}

// diagnostics returns the diagnostics of a check: one per finding, or
// one at the start for a check that failed.
func (s *Server) diagnostics(c *checked) []diagnostic {
	out := []diagnostic{}
	if c.res == nil {
		msg, code := "copydesk could not check this document", ""
		if c.err != nil {
			msg = c.err.Error()
		}
		var ce *config.Error
		var ces config.Errors
		if errors.As(c.err, &ce) || errors.As(c.err, &ces) || strings.Contains(msg, config.FileName) {
			code = "config"
		}
		return append(out, diagnostic{
			Range:    Range{},
			Severity: severityError,
			Code:     code,
			Source:   Source,
			Message:  msg,
		})
	}
	for i := range c.res.Findings {
		out = append(out, s.diagnostic(c, i))
	}
	return out
}

// diagnostic returns the diagnostic of finding i of c.
func (s *Server) diagnostic(c *checked, i int) diagnostic {
	f := &c.res.Findings[i]
	d := diagnostic{
		Range:    c.x.rangeOf(f.Start, f.End),
		Severity: severity(f.Severity),
		Code:     f.Rule,
		Source:   Source,
		Message:  f.Message,
		Data:     &diagnosticData{Version: c.version, Finding: i},
	}
	for _, r := range f.Related {
		d.RelatedInformation = append(d.RelatedInformation, relatedInformation{
			Location: location{URI: c.uri, Range: c.x.rangeOf(r.Start, r.End)},
			Message:  "related: " + f.Rule,
		})
	}
	return d
}

// configProblems shows a broken configuration file: once as a message,
// and as diagnostics on the file's lines while it stays broken.
func (s *Server) configProblems(err error) {
	byFile := map[string][]diagnostic{}
	var list config.Errors
	var one *config.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = config.Errors{one}
	}
	for _, e := range list {
		uri := (&url.URL{Scheme: "file", Path: filepath.ToSlash(e.Path)}).String()
		line := max(e.Line-1, 0)
		byFile[uri] = append(byFile[uri], diagnostic{
			Range:    Range{Start: Position{Line: line}, End: Position{Line: line + 1}},
			Severity: severityError,
			Code:     "config",
			Source:   Source,
			Message:  e.Msg,
		})
	}
	s.mu.Lock()
	var clear []string
	if err == nil {
		for uri := range s.configDiags {
			clear = append(clear, uri)
		}
		s.configDiags = map[string]bool{}
	} else {
		for uri := range byFile {
			s.configDiags[uri] = true
		}
	}
	show := err != nil && !s.shown[err.Error()]
	if show {
		s.shown[err.Error()] = true
	}
	s.mu.Unlock()
	for _, uri := range clear {
		s.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: uri, Diagnostics: []diagnostic{}})
	}
	for uri, ds := range byFile {
		s.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: uri, Diagnostics: ds})
	}
	if show {
		s.notify("window/showMessage", showMessageParams{Type: messageError, Message: "copydesk: " + err.Error()})
	}
}
