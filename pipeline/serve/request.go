package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// A Request is the body of POST /v1/clean, /v1/check, /v1/diff and
// /v1/html.
type Request struct {
	// Text is the document. It must be valid UTF-8 without NUL bytes.
	Text *string `json:"text"`
	// Format is how the text is read: "text", "md" (Markdown: only prose
	// is checked and changed) or "" (by Name: Markdown for a Markdown
	// file name, text otherwise).
	Format string `json:"format"`
	// Name is what reports call the document: "stdin" when empty, as the
	// command line calls standard input.
	Name string `json:"name"`
	// Options are the pipeline options, by the names of the command
	// line's flags and of the configuration file's keys (OptionNames);
	// an option not given has the command line's default.
	Options map[string]json.RawMessage `json:"options"`
}

// defaultName is the name of a document the request does not name.
const defaultName = "stdin"

// OptionNames are the options a request may set: the command line's
// pipeline flags and the configuration file's [dedupe] keys.
//
//	quotes              "ascii" | "keep" | "typographic"
//	lang                "en", "de", "fr", ... (a region such as de-CH is accepted)
//	primes              true | false
//	width               true | false
//	dedupe              "adjacent" | "all" | "off"
//	apply-suggestions   true | false
//	disable             rule ids: a list, or one comma-separated string; AREA.* for an area
//	report-only         rule ids, as disable
//	min-sentence-words  1 to 1000
//	near-threshold      more than 0, at most 1
//	fix-near            true | false
//	echo-window         1 to 1000
var OptionNames = []string{
	"quotes", "lang", "primes", "width", "dedupe", "apply-suggestions",
	"disable", "report-only",
	"min-sentence-words", "near-threshold", "fix-near", "echo-window",
}

// A requestError is a request the service refuses, with its HTTP status.
type requestError struct {
	status int
	msg    string
}

func (e *requestError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &requestError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// settings are a request's options, read and checked: comparable, so that
// they key the cache of checkers.
type settings struct {
	format           document.Format
	quotes           normalize.QuoteStyle
	lang             string
	primes, width    bool
	mode             dedupe.Mode
	applySuggestions bool
	disable          string // sorted rule ids, comma-separated
	reportOnly       string
	minWords         int
	near             float64
	fixNear          bool
	echoWindow       int
}

// defaults are the settings of a request that sets no option: those of
// the command line's flags.
var defaults = settings{quotes: normalize.QuotesASCII, lang: "en", mode: dedupe.Adjacent}

// pipelineOptions returns the pipeline options s stands for.
func (s settings) pipelineOptions() registry.Options {
	var o registry.Options
	o.Normalize.Quotes = s.quotes
	o.Normalize.Lang = s.lang
	o.Normalize.Primes = s.primes
	o.Normalize.Width = s.width
	o.Dedupe.Mode = s.mode
	o.Dedupe.MinSentenceWords = s.minWords
	o.Dedupe.NearThreshold = s.near
	o.Dedupe.FixNear = s.fixNear
	o.Dedupe.EchoWindow = s.echoWindow
	o.ApplySuggestions = s.applySuggestions
	if s.disable != "" {
		o.Disabled = strings.Split(s.disable, ",")
	}
	if s.reportOnly != "" {
		o.ReportOnly = strings.Split(s.reportOnly, ",")
	}
	return o
}

// A doc is a request, read and checked.
type doc struct {
	name string
	text string
	set  settings
}

// readRequest reads and checks the JSON body of r, at most max bytes.
// ids are the rule ids an option may name, sorted.
func readRequest(w http.ResponseWriter, r *http.Request, max int64, ids []string) (*doc, error) {
	if ct := r.Header.Get("Content-Type"); !isJSON(ct) {
		return nil, &requestError{http.StatusUnsupportedMediaType,
			fmt.Sprintf("the body must be JSON sent as Content-Type: application/json, not %q", ct)}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, &requestError{http.StatusRequestEntityTooLarge,
				fmt.Sprintf("the body is larger than the maximum of %d bytes", max)}
		}
		return nil, badRequest("reading the body: %v", err)
	}
	if !utf8.Valid(body) {
		off := invalidUTF8(body)
		return nil, badRequest("the body is not valid UTF-8 (byte %d): send the text as UTF-8", off)
	}
	if off, ok := loneSurrogate(body); ok {
		return nil, badRequest("the body has a \\u escape of half a UTF-16 surrogate pair at byte %d: such text cannot be UTF-8", off)
	}
	var req Request
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, badRequest("reading the JSON body: %s", jsonError(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, badRequest("reading the JSON body: more after the request object")
	}
	if req.Text == nil {
		return nil, badRequest(`the request has no "text"`)
	}
	if i := strings.IndexByte(*req.Text, 0); i >= 0 {
		return nil, badRequest("the text has a NUL byte at offset %d: binary, left alone", i)
	}
	d := &doc{name: req.Name, text: *req.Text}
	if d.name == "" {
		d.name = defaultName
	}
	if d.set, err = readSettings(req.Format, req.Options, ids); err != nil {
		return nil, err
	}
	return d, nil
}

// isJSON reports whether a Content-Type header says JSON.
func isJSON(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	return mt == "application/json" || (strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}

// jsonError says what is wrong with a JSON body in a person's words.
func jsonError(err error) string {
	var typ *json.UnmarshalTypeError
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &typ):
		if typ.Field != "" {
			return fmt.Sprintf("%q must be %s, not %s", typ.Field, jsonKind(typ.Type.Kind().String()), typ.Value)
		}
		return fmt.Sprintf("the request must be an object, not %s", typ.Value)
	case errors.As(err, &syn):
		return fmt.Sprintf("%v (byte %d)", syn, syn.Offset)
	case errors.Is(err, io.EOF):
		return "the body is empty"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the body ends inside the JSON value"
	}
	return err.Error()
}

// jsonKind names a Go kind as JSON calls it.
func jsonKind(kind string) string {
	switch kind {
	case "string", "ptr":
		return "a string"
	case "map", "struct":
		return "an object"
	case "slice":
		return "an array"
	case "bool":
		return "true or false"
	}
	return "a number"
}

// invalidUTF8 returns the offset of the first byte of b that is not valid
// UTF-8.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// loneSurrogate returns the offset of the first \u escape in a JSON
// string of b that is half a surrogate pair: encoding/json would decode
// it as U+FFFD and so change the text in silence.
func loneSurrogate(b []byte) (int, bool) {
	if !bytes.Contains(b, []byte(`\u`)) {
		return 0, false
	}
	in := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if !in {
			in = c == '"'
			continue
		}
		switch c {
		case '"':
			in = false
		case '\\':
			if i+1 >= len(b) || b[i+1] != 'u' {
				i++ // an escaped character
				continue
			}
			r, ok := hex4(b[i+2:])
			if !ok || !utf16.IsSurrogate(r) {
				i += 5
				continue
			}
			if r < 0xdc00 && i+7 < len(b) && b[i+6] == '\\' && b[i+7] == 'u' {
				if r2, ok := hex4(b[i+8:]); ok && r2 >= 0xdc00 && r2 <= 0xdfff {
					i += 11
					continue
				}
			}
			return i, true
		}
	}
	return 0, false
}

// hex4 reads four hexadecimal digits.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[:4]), 16, 32)
	return rune(n), err == nil
}

// readSettings reads a request's format and options. Every unknown
// option is named in the error.
func readSettings(format string, opts map[string]json.RawMessage, ids []string) (settings, error) {
	s := defaults
	switch strings.ToLower(format) {
	case "text", "txt", "plain":
		s.format = document.Text
	case "md", "markdown":
		s.format = document.Markdown
	case "", "auto":
		s.format = document.Auto
	default:
		return s, badRequest(`unknown "format" %q (want text or md)`, format)
	}
	var unknown []string
	for name := range opts {
		if !slices.Contains(OptionNames, name) {
			unknown = append(unknown, strconv.Quote(name))
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		what := "option"
		if len(unknown) > 1 {
			what = "options"
		}
		return s, badRequest("unknown %s %s (want %s)", what, strings.Join(unknown, ", "), strings.Join(OptionNames, ", "))
	}
	for _, name := range OptionNames { // in a fixed order, for the first error
		raw, ok := opts[name]
		if !ok || string(raw) == "null" {
			continue
		}
		if err := s.set(name, raw, ids); err != nil {
			return s, err
		}
	}
	return s, nil
}

// set reads one option into s.
func (s *settings) set(name string, raw json.RawMessage, ids []string) error {
	var err error
	switch name {
	case "quotes":
		var v string
		if err = decodeOption(name, raw, &v, "a string"); err == nil {
			if s.quotes, err = normalize.ParseQuoteStyle(v); err != nil {
				err = badRequest("unknown quotes %q (want ascii, keep or typographic)", v)
			}
		}
	case "lang":
		if err = decodeOption(name, raw, &s.lang, "a string"); err == nil && !normalize.ValidLang(s.lang) {
			err = badRequest("unknown lang %q (want %s)", s.lang, strings.Join(normalize.Languages(), ", "))
		}
	case "primes":
		err = decodeOption(name, raw, &s.primes, "true or false")
	case "width":
		err = decodeOption(name, raw, &s.width, "true or false")
	case "apply-suggestions":
		err = decodeOption(name, raw, &s.applySuggestions, "true or false")
	case "fix-near":
		err = decodeOption(name, raw, &s.fixNear, "true or false")
	case "dedupe":
		var v string
		if err = decodeOption(name, raw, &v, "a string"); err == nil {
			s.mode, err = dedupe.ParseMode(v)
			if err != nil || s.mode == dedupe.Corpus {
				err = badRequest("unknown dedupe %q (want adjacent, all or off; corpus needs many documents)", v)
			}
		}
	case "disable":
		s.disable, err = ruleList(name, raw, ids)
	case "report-only":
		s.reportOnly, err = ruleList(name, raw, ids)
	case "min-sentence-words":
		if err = decodeOption(name, raw, &s.minWords, "an integer"); err == nil && (s.minWords < 1 || s.minWords > 1000) {
			err = badRequest("min-sentence-words must be between 1 and 1000, not %d", s.minWords)
		}
	case "echo-window":
		if err = decodeOption(name, raw, &s.echoWindow, "an integer"); err == nil && (s.echoWindow < 1 || s.echoWindow > 1000) {
			err = badRequest("echo-window must be between 1 and 1000, not %d (switch style.echo off with disable)", s.echoWindow)
		}
	case "near-threshold":
		if err = decodeOption(name, raw, &s.near, "a number"); err == nil && !(s.near > 0 && s.near <= 1) {
			err = badRequest("near-threshold must be more than 0 and at most 1, not %v", s.near)
		}
	}
	return err
}

// decodeOption decodes an option's value into v, whose JSON type want
// names.
func decodeOption(name string, raw json.RawMessage, v any, want string) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return badRequest("option %s must be %s, not %s", name, want, shortJSON(raw))
	}
	return nil
}

// shortJSON returns a JSON value for a message, cut if long.
func shortJSON(raw json.RawMessage) string {
	const max = 40
	s := string(raw)
	if len(s) > max {
		n := max
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n] + "…"
	}
	return s
}

// ruleList reads an option of rule ids: a list of strings or one string,
// each comma-separated; AREA.* names every rule of an area. It returns
// the ids sorted, each once, comma-separated.
func ruleList(name string, raw json.RawMessage, ids []string) (string, error) {
	var values []string
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		values = []string{one}
	} else if err := json.Unmarshal(raw, &values); err != nil {
		return "", badRequest("option %s must be a list of rule ids or a comma-separated string, not %s", name, shortJSON(raw))
	}
	var out []string
	for _, v := range values {
		for _, id := range strings.Split(v, ",") {
			id = strings.TrimSpace(id)
			if id == "" {
				continue
			}
			if _, ok := lint.AreaPattern(id); ok {
				n := len(out)
				out = append(out, lint.ExpandPattern(id, ids)...)
				if len(out) == n {
					return "", badRequest("%s: %s matches no rule", name, id)
				}
				continue
			}
			if _, ok := slices.BinarySearch(ids, id); !ok {
				return "", badRequest("%s: unknown rule %q", name, id)
			}
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return strings.Join(slices.Compact(out), ","), nil
}
