package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"strconv"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/internal/jsonstr"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
	"github.com/copydesk/copydesk/pipeline/report"
)

// DefaultMaxBody is the largest request body a Handler reads when
// Options.MaxBody is 0: 8 MiB.
const DefaultMaxBody = 8 << 20

// DefaultMaxCheckers is how many checkers (one for each set of options)
// a Handler keeps when Options.MaxCheckers is 0.
const DefaultMaxCheckers = 64

// Options configure a Handler. The zero value is the default service.
type Options struct {
	// MaxBody is the largest request body read, in bytes; 0 means
	// DefaultMaxBody. A larger body is answered with 413.
	MaxBody int64
	// CORSOrigin, if set, is the one origin (or "*" for any) whose pages
	// may call the API from a browser: its requests get the
	// Access-Control-Allow-Origin header and preflight requests are
	// answered. By default no other origin may read an answer.
	CORSOrigin string
	// MaxCheckers is how many checkers are kept, one for each set of
	// options seen, the least recently used dropped first; 0 means
	// DefaultMaxCheckers.
	MaxCheckers int
	// MaxChecks is how many texts are checked at once; a request waits
	// for its turn after its body is read. 0 means twice GOMAXPROCS.
	MaxChecks int
	// NewPipeline, if not nil, builds the chain for a set of options
	// instead of registry.Default.
	NewPipeline func(registry.Options) *pipeline.Pipeline
	// DiffNames, if not nil, gives the "--- " and "+++ " names of a
	// document's unified diff; by default "a/NAME" and "b/NAME".
	DiffNames func(name string) (oldName, newName string)
	// Logf, if not nil, is told of failures the client is not to blame
	// for (a panic in a stage). Texts are never logged.
	Logf func(format string, args ...any)
}

// A Handler serves copydesk's API and page. It is safe for concurrent
// use and stores nothing between requests.
type Handler struct {
	opts     Options
	ids      []string // every rule id an option may name, sorted
	rules    []lint.Rule
	checkers *checkers
	sem      chan struct{}
	mux      *http.ServeMux
}

// New returns the Handler of the options.
func New(opts Options) *Handler {
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	if opts.MaxCheckers <= 0 {
		opts.MaxCheckers = DefaultMaxCheckers
	}
	if opts.MaxChecks <= 0 {
		opts.MaxChecks = 2 * runtime.GOMAXPROCS(0)
	}
	if opts.NewPipeline == nil {
		opts.NewPipeline = registry.Default
	}
	if opts.DiffNames == nil {
		opts.DiffNames = func(name string) (string, string) { return "a/" + name, "b/" + name }
	}
	h := &Handler{opts: opts, sem: make(chan struct{}, opts.MaxChecks)}
	h.rules = registry.RulesOf(opts.NewPipeline(registry.Options{}))
	for _, r := range h.rules {
		h.ids = append(h.ids, r.ID)
	}
	slices.Sort(h.ids)
	h.ids = slices.Compact(h.ids)
	h.checkers = newCheckers(opts.MaxCheckers, func(s settings) *document.Checker {
		return document.New(document.Options{Pipeline: s.pipelineOptions(), Format: s.format, NewPipeline: opts.NewPipeline})
	})
	h.mux = http.NewServeMux()
	h.mux.Handle("/v1/clean", h.api(h.clean))
	h.mux.Handle("/v1/check", h.api(h.check))
	h.mux.Handle("/v1/diff", h.api(h.diff))
	h.mux.Handle("/v1/html", h.api(h.html))
	h.mux.HandleFunc("/v1/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no endpoint %s (want /v1/clean, /v1/check, /v1/diff or /v1/html)", r.URL.Path))
	})
	h.mux.HandleFunc("/", h.page)
	return h
}

// ServeHTTP answers one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Cache-Control", "no-store")
	h.mux.ServeHTTP(w, r)
}

// A result is a checked request.
type result struct {
	*doc
	r *pipeline.Result
}

// api wraps an endpoint of the API: CORS, the method, reading the
// request, the turn to check, the check itself, and errors.
func (h *Handler) api(fn func(http.ResponseWriter, *result) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cors := h.cors(w, r)
		if r.Method == http.MethodOptions && cors {
			w.Header().Set("Access-Control-Allow-Methods", "POST")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
			w.Header().Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s needs POST with a JSON body, not %s", r.URL.Path, r.Method))
			return
		}
		d, err := readRequest(w, r, h.opts.MaxBody, h.ids)
		if err != nil {
			var re *requestError
			if errors.As(err, &re) {
				writeError(w, re.status, re.msg)
			} else {
				writeError(w, http.StatusBadRequest, err.Error())
			}
			return
		}
		select {
		case h.sem <- struct{}{}:
		case <-r.Context().Done():
			writeError(w, http.StatusServiceUnavailable, "the request ended while waiting for its turn")
			return
		}
		res, err := h.run(d)
		<-h.sem
		if err != nil {
			writeError(w, http.StatusInternalServerError, err.Error())
			return
		}
		if err := fn(w, res); err != nil {
			writeError(w, http.StatusInternalServerError, err.Error())
		}
	})
}

// run checks a document; a panic in a stage is an error, not the end of
// the service.
func (h *Handler) run(d *doc) (res *result, err error) {
	defer func() {
		if p := recover(); p != nil {
			if h.opts.Logf != nil {
				h.opts.Logf("copydesk serve: checking a text of %d bytes: panic: %v", len(d.text), p)
			}
			res, err = nil, errors.New("checking the text failed (an internal error, logged)")
		}
	}()
	c := h.checkers.get(d.set)
	r, err := c.Check(document.Doc{Name: d.name, Text: d.text})
	if err != nil {
		return nil, fmt.Errorf("checking %s: %w", d.name, err)
	}
	return &result{doc: d, r: r.Result}, nil
}

// cors sets the CORS headers of an answer to a page of the allowed
// origin and reports whether the request comes from it.
func (h *Handler) cors(w http.ResponseWriter, r *http.Request) bool {
	allowed := h.opts.CORSOrigin
	if allowed == "" {
		return false
	}
	w.Header().Add("Vary", "Origin")
	origin := r.Header.Get("Origin")
	if origin == "" || (allowed != "*" && origin != allowed) {
		return false
	}
	w.Header().Set("Access-Control-Allow-Origin", allowed)
	return true
}

// clean answers POST /v1/clean: the cleaned text, the findings as the
// JSON report has them and the changes.
func (h *Handler) clean(w http.ResponseWriter, res *result) error {
	f := report.NewFile(res.name, res.r)
	var findings bytes.Buffer
	enc := json.NewEncoder(&findings)
	enc.SetEscapeHTML(false)
	if f.Findings == nil {
		f.Findings = []report.Finding{}
	}
	if err := enc.Encode(f.Findings); err != nil {
		return fmt.Errorf("writing the findings: %w", err)
	}
	b := make([]byte, 0, len(res.r.Cleaned)+findings.Len()+64*len(res.r.Changes)+64)
	b = append(b, `{"text": `...)
	b = jsonstr.Append(b, res.r.Cleaned)
	b = append(b, `, "findings": `...)
	b = append(b, bytes.TrimRight(findings.Bytes(), "\n")...)
	b = append(b, `, "changes": [`...)
	for i, c := range res.r.Changes {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, `{"offset": `...)
		b = strconv.AppendInt(b, int64(c.Start), 10)
		b = append(b, `, "end_offset": `...)
		b = strconv.AppendInt(b, int64(c.End), 10)
		b = append(b, `, "new": `...)
		b = jsonstr.Append(b, c.New)
		b = append(b, `, "rules": [`...)
		for k, id := range changeRules(res.r, c) {
			if k > 0 {
				b = append(b, ", "...)
			}
			b = jsonstr.Append(b, id)
		}
		b = append(b, "]}"...)
	}
	b = append(b, "]}\n"...)
	return write(w, "application/json", b)
}

// changeRules returns the ids of the rules behind a change, each once,
// the owner's last.
func changeRules(r *pipeline.Result, c pipeline.Change) []string {
	var ids []string
	for _, k := range c.Findings {
		if k < 0 || k >= len(r.Findings) {
			continue
		}
		id := r.Findings[k].Rule
		if i := slices.Index(ids, id); i >= 0 {
			ids = slices.Delete(ids, i, i+1)
		}
		ids = append(ids, id)
	}
	if ids == nil {
		ids = []string{}
	}
	return ids
}

// check answers POST /v1/check: the JSON report.
func (h *Handler) check(w http.ResponseWriter, res *result) error {
	var buf bytes.Buffer
	if err := report.JSON(&buf, []report.File{report.NewFile(res.name, res.r)}); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return write(w, "application/json", buf.Bytes())
}

// diff answers POST /v1/diff: the unified diff, empty if nothing
// changes.
func (h *Handler) diff(w http.ResponseWriter, res *result) error {
	var buf bytes.Buffer
	oldName, newName := h.opts.DiffNames(res.name)
	err := report.Unified(&buf, res.r.Original, res.r.Edits(), report.UnifiedOptions{OldName: oldName, NewName: newName})
	if err != nil {
		return fmt.Errorf("writing the diff: %w", err)
	}
	w.Header().Set("Copydesk-Changes", strconv.Itoa(len(res.r.Changes)))
	return write(w, "text/x-diff; charset=utf-8", buf.Bytes())
}

// write writes a whole answer.
func write(w http.ResponseWriter, contentType string, b []byte) error {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	w.Write(b) // a client that has gone is no error of the service
	return nil
}

// writeError answers with status and {"error": msg}.
func writeError(w http.ResponseWriter, status int, msg string) {
	b := append([]byte(`{"error": `), jsonstr.Append(nil, msg)...)
	b = append(b, "}\n"...)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}
