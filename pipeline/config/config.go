package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/internal/textdist"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// FileName is the name of the configuration file Find looks for.
const FileName = ".copydesk.toml"

// maxFileSize is the largest configuration file Load reads.
const maxFileSize = 1 << 20

// A Config is a decoded, checked configuration file.
type Config struct {
	// Path is the file it was read from, as given to Load or Parse.
	Path string
	// Dir is the absolute directory of Path: the base of the [files]
	// patterns.
	Dir string
	// Include and Exclude are the [files] patterns, as written.
	Include, Exclude []string

	opts registry.Options // what the file sets, applied by Apply
	set  fields           // which pipeline options the file sets
}

// fields records which options a file sets, so that Apply leaves the
// others alone.
type fields struct {
	quotes, lang, primes, width               bool
	mode, minWords, near, fixNear, echoWindow bool
	applySuggestions                          bool
}

// An Error is a mistake in a configuration file.
type Error struct {
	Path string // the file
	Line int    // 1-based line, or 0 when the error is about the whole file
	Msg  string
}

// Errors is every problem found in one configuration file, in line
// order; Parse returns it when there is more than one.
type Errors []*Error

// Error returns the problems one per line.
func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap returns the problems, for errors.As and errors.Is.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Error returns "PATH:LINE: MSG" (or "PATH: MSG" without a line).
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// DefaultRules returns the rules a configuration may name: every rule
// copydesk can report (registry.Rules).
var DefaultRules = registry.Rules

// Load reads and checks the configuration file at path against
// DefaultRules.
func Load(path string) (*Config, error) { return LoadRules(path, nil) }

// LoadRules is Load with the rules a [rules] table may name; nil means
// DefaultRules.
func LoadRules(path string, rules []lint.Rule) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{Path: path, Msg: "not a regular file"}
	}
	data := make([]byte, 0, min(fi.Size()+1, maxFileSize+1))
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if len(data) > maxFileSize {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("larger than %d bytes", maxFileSize)}
		}
		if err != nil {
			break
		}
		if len(data) == cap(data) {
			data = slices.Grow(data, 4096)
		}
	}
	return Parse(path, data, rules)
}

// raw is the file as go-toml decodes it; pointers tell set from unset.
type raw struct {
	ApplySuggestions *bool `toml:"apply-suggestions"`
	Normalize        struct {
		Quotes *string `toml:"quotes"`
		Lang   *string `toml:"lang"`
		Primes *bool   `toml:"primes"`
		Width  *bool   `toml:"width"`
	} `toml:"normalize"`
	Dedupe struct {
		Mode             *string  `toml:"mode"`
		MinSentenceWords *int     `toml:"min-sentence-words"`
		NearThreshold    *float64 `toml:"near-threshold"`
		FixNear          *bool    `toml:"fix-near"`
		EchoWindow       *int     `toml:"echo-window"`
	} `toml:"dedupe"`
	Rules map[string]any `toml:"rules"`
	Files struct {
		Include []string `toml:"include"`
		Exclude []string `toml:"exclude"`
	} `toml:"files"`
}

// schema lists every key of the file with the type its value must have.
var schema = map[string]map[string]string{
	"normalize": {"quotes": "a string", "lang": "a string", "primes": "true or false", "width": "true or false"},
	"dedupe": {"mode": "a string", "min-sentence-words": "an integer", "near-threshold": "a number",
		"fix-near": "true or false", "echo-window": "an integer"},
	"rules": {},
	"files": {"include": "a list of strings", "exclude": "a list of strings"},
}

// topLevel lists the keys outside any table with the type their value
// must have.
var topLevel = map[string]string{"apply-suggestions": "true or false"}

// Parse checks and decodes a configuration file's contents. name is the
// file's path, for messages and as the base of the [files] patterns;
// rules are the rules a [rules] table may name (nil: DefaultRules).
func Parse(name string, data []byte, rules []lint.Rule) (*Config, error) {
	if rules == nil {
		rules = DefaultRules()
	}
	c := &Config{Path: name}
	if abs, err := filepath.Abs(name); err == nil {
		c.Dir = filepath.Dir(abs)
	} else {
		c.Dir = filepath.Dir(name)
	}
	var r raw
	d := toml.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	var errs Errors
	if err := d.Decode(&r); err != nil {
		var strict *toml.StrictMissingError
		if !errors.As(err, &strict) || len(strict.Errors) == 0 {
			return nil, decodeError(name, err)
		}
		// Unknown keys: the rest of the file is decoded, so its other
		// problems are reported with them.
		for i := range strict.Errors {
			e := &strict.Errors[i]
			line, _ := e.Position()
			errs = append(errs, &Error{Path: name, Line: line, Msg: unknownKey(e.Key())})
		}
	}
	lines := keyLines(data)
	errAt := func(key []string, format string, args ...any) *Error {
		return &Error{Path: name, Line: lines.line(key), Msg: fmt.Sprintf(format, args...)}
	}

	if r.ApplySuggestions != nil {
		c.opts.ApplySuggestions, c.set.applySuggestions = *r.ApplySuggestions, true
	}

	n := r.Normalize
	if n.Quotes != nil {
		q, err := normalize.ParseQuoteStyle(*n.Quotes)
		if err != nil {
			errs = append(errs, errAt([]string{"normalize", "quotes"}, "unknown quotes %q in [normalize] (want ascii, typographic or keep)", *n.Quotes))
		}
		c.opts.Normalize.Quotes, c.set.quotes = q, true
	}
	if n.Lang != nil {
		if !normalize.ValidLang(*n.Lang) {
			errs = append(errs, errAt([]string{"normalize", "lang"}, "unknown lang %q in [normalize] (want %s)", *n.Lang, strings.Join(normalize.Languages(), ", ")))
		}
		c.opts.Normalize.Lang, c.set.lang = *n.Lang, true
	}
	if n.Primes != nil {
		c.opts.Normalize.Primes, c.set.primes = *n.Primes, true
	}
	if n.Width != nil {
		c.opts.Normalize.Width, c.set.width = *n.Width, true
	}

	dd := r.Dedupe
	if dd.Mode != nil {
		m, err := dedupe.ParseMode(*dd.Mode)
		if err != nil {
			errs = append(errs, errAt([]string{"dedupe", "mode"}, "unknown mode %q in [dedupe] (want adjacent, all or off)", *dd.Mode))
		}
		c.opts.Dedupe.Mode, c.set.mode = m, true
	}
	if dd.MinSentenceWords != nil {
		if v := *dd.MinSentenceWords; v < 1 || v > 1000 {
			errs = append(errs, errAt([]string{"dedupe", "min-sentence-words"}, "min-sentence-words in [dedupe] must be between 1 and 1000, not %d", v))
		}
		c.opts.Dedupe.MinSentenceWords, c.set.minWords = *dd.MinSentenceWords, true
	}
	if dd.NearThreshold != nil {
		if v := *dd.NearThreshold; !(v > 0 && v <= 1) {
			errs = append(errs, errAt([]string{"dedupe", "near-threshold"}, "near-threshold in [dedupe] must be more than 0 and at most 1, not %v (switch the rules off in [rules])", v))
		}
		c.opts.Dedupe.NearThreshold, c.set.near = *dd.NearThreshold, true
	}
	if dd.FixNear != nil {
		c.opts.Dedupe.FixNear, c.set.fixNear = *dd.FixNear, true
	}
	if dd.EchoWindow != nil {
		if v := *dd.EchoWindow; v < 1 || v > 1000 {
			errs = append(errs, errAt([]string{"dedupe", "echo-window"}, "echo-window in [dedupe] must be between 1 and 1000, not %d (switch style.echo off in [rules])", v))
		}
		c.opts.Dedupe.EchoWindow, c.set.echoWindow = *dd.EchoWindow, true
	}

	errs = append(errs, c.parseRules(r.Rules, rules, errAt)...)

	for _, list := range []struct {
		key string
		pat []string
		dst *[]string
	}{{"include", r.Files.Include, &c.Include}, {"exclude", r.Files.Exclude, &c.Exclude}} {
		for _, p := range list.pat {
			if err := checkGlob(p); err != nil {
				errs = append(errs, errAt([]string{"files", list.key}, "bad pattern %q in [files] %s: %v", p, list.key, err))
			}
		}
		*list.dst = list.pat
	}
	switch len(errs) {
	case 0:
		return c, nil
	case 1:
		return nil, errs[0]
	}
	slices.SortStableFunc(errs, func(a, b *Error) int { return a.Line - b.Line })
	return nil, errs
}

// A setting is what [rules] says about one rule.
type setting struct {
	off, reportOnly bool
	severity        *lint.Severity
	key             string // the key it came from
}

// parseRules checks the [rules] table and turns it into options.
func (c *Config) parseRules(table map[string]any, rules []lint.Rule, errAt func([]string, string, ...any) *Error) []*Error {
	if len(table) == 0 {
		return nil
	}
	var errs []*Error
	table = flattenRules(table, "", map[string]any{})
	var ids []string
	known := map[string]bool{}
	for _, r := range rules {
		if !known[r.ID] {
			known[r.ID] = true
			ids = append(ids, r.ID)
		}
	}
	sort.Strings(ids)
	keys := make([]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	exact := map[string]setting{}
	var areas []string // AREA.* keys, longest first
	areaSet := map[string]setting{}
	for _, k := range keys {
		at := []string{"rules", k}
		s, err := parseSetting(table[k])
		if err != nil {
			errs = append(errs, errAt(at, "%q in [rules]: %v", k, err))
			continue
		}
		s.key = k
		if _, ok := lint.AreaPattern(k); ok {
			if !slices.ContainsFunc(ids, func(id string) bool { return lint.MatchRule(k, id) }) {
				errs = append(errs, errAt(at, "%q in [rules] matches no rule (see 'copydesk rules')", k))
				continue
			}
			areas = append(areas, k)
			areaSet[k] = s
			continue
		}
		if !known[k] {
			msg := fmt.Sprintf("unknown rule %q in [rules]", k)
			if sug := closest(k, ids); sug != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sug)
			} else {
				msg += " (see 'copydesk rules')"
			}
			errs = append(errs, errAt(at, "%s", msg))
			continue
		}
		exact[k] = s
	}
	sort.SliceStable(areas, func(i, j int) bool { return len(areas[i]) > len(areas[j]) })
	for _, id := range ids {
		s, ok := exact[id]
		if !ok {
			for _, a := range areas {
				if lint.MatchRule(a, id) {
					s, ok = areaSet[a], true
					break
				}
			}
		}
		if !ok {
			continue
		}
		if s.off {
			c.opts.Disabled = append(c.opts.Disabled, id)
		}
		if s.reportOnly {
			c.opts.ReportOnly = append(c.opts.ReportOnly, id)
		}
		if s.severity != nil {
			if c.opts.Severity == nil {
				c.opts.Severity = map[string]lint.Severity{}
			}
			c.opts.Severity[id] = *s.severity
		}
	}
	return errs
}

// flattenRules turns tables that are not settings into dotted rule ids,
// so that an unquoted dotted key (dedupe.word = "off", which TOML reads
// as a table dedupe holding word) names the rule dedupe.word.
func flattenRules(table map[string]any, prefix string, out map[string]any) map[string]any {
	for k, v := range table {
		name := k
		if prefix != "" {
			name = prefix + "." + k
		}
		if m, ok := v.(map[string]any); ok && !isSetting(m) {
			flattenRules(m, name, out)
			continue
		}
		out[name] = v
	}
	return out
}

// isSetting reports whether a [rules] table is a rule's setting: it is
// empty or has a key severity, fix or enabled.
func isSetting(m map[string]any) bool {
	if len(m) == 0 {
		return true
	}
	for k := range m {
		switch k {
		case "severity", "fix", "enabled":
			return true
		}
	}
	return false
}

// parseSetting reads a [rules] value: a string, or a table of severity,
// fix and enabled.
func parseSetting(v any) (setting, error) {
	var s setting
	switch v := v.(type) {
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "off":
			s.off = true
		case "on":
		case "report-only":
			s.reportOnly = true
		default:
			sev, err := lint.ParseSeverity(v)
			if err != nil {
				return s, fmt.Errorf("unknown setting %q (want off, on, report-only, error, warning or info)", v)
			}
			s.severity = &sev
		}
		return s, nil
	case map[string]any:
		for _, k := range sortedKeys(v) {
			switch val := v[k]; k {
			case "severity":
				str, ok := val.(string)
				if !ok {
					return s, fmt.Errorf("severity must be a string")
				}
				sev, err := lint.ParseSeverity(str)
				if err != nil {
					return s, fmt.Errorf("unknown severity %q (want error, warning or info)", str)
				}
				s.severity = &sev
			case "fix":
				b, ok := val.(bool)
				if !ok {
					return s, fmt.Errorf("fix must be true or false")
				}
				s.reportOnly = !b
			case "enabled":
				b, ok := val.(bool)
				if !ok {
					return s, fmt.Errorf("enabled must be true or false")
				}
				s.off = !b
			default:
				return s, fmt.Errorf("unknown key %q (want severity, fix or enabled)", k)
			}
		}
		return s, nil
	}
	return s, fmt.Errorf("want a string (off, on, report-only, error, warning or info) or a table, not %s", tomlType(v))
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// tomlType names the TOML type of a decoded value.
func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return "a date or time"
}

// decodeError turns go-toml's error into an *Error with a line and a
// message in the file's terms.
func decodeError(name string, err error) error {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, _ := de.Position()
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		if key := de.Key(); len(key) > 0 && strings.HasPrefix(msg, "cannot ") {
			msg = wrongType(key, msg)
		}
		return &Error{Path: name, Line: line, Msg: msg}
	}
	return &Error{Path: name, Msg: err.Error()}
}

// unknownKey words the error for a key the schema lacks.
func unknownKey(key []string) string {
	if len(key) == 1 {
		return fmt.Sprintf("unknown table or key %q (want apply-suggestions, [normalize], [dedupe], [rules] or [files])", key[0])
	}
	table, k := key[0], key[1]
	keys := schema[table]
	if keys == nil {
		return fmt.Sprintf("unknown key %q", strings.Join(key, "."))
	}
	if len(key) > 2 {
		return fmt.Sprintf("unknown key %q in [%s]", strings.Join(key[1:], "."), table)
	}
	msg := fmt.Sprintf("unknown key %q in [%s]", k, table)
	names := make([]string, 0, len(keys))
	for n := range keys {
		names = append(names, n)
	}
	sort.Strings(names)
	if sug := closest(k, names); sug != "" {
		return msg + fmt.Sprintf(" (did you mean %q?)", sug)
	}
	return msg + " (want " + strings.Join(names, ", ") + ")"
}

// wrongType words go-toml's "cannot decode TOML x into …" error.
func wrongType(key []string, msg string) string {
	got := ""
	if rest, ok := strings.CutPrefix(msg, "cannot decode TOML "); ok {
		got, _, _ = strings.Cut(rest, " ")
	}
	if got == "" {
		got = "something else"
		if strings.Contains(msg, "array table") {
			got = "array of tables"
		}
	}
	if len(key) == 1 {
		if want, ok := topLevel[key[0]]; ok {
			return fmt.Sprintf("%s must be %s, not %s", key[0], want, article(got))
		}
		return fmt.Sprintf("%q must be a table, not %s", key[0], article(got))
	}
	want := schema[key[0]][key[1]]
	if want == "" {
		want = "something else"
	}
	return fmt.Sprintf("%s in [%s] must be %s, not %s", key[1], key[0], want, article(got))
}

func article(typ string) string {
	switch typ {
	case "integer", "array", "inline", "offset", "array of tables":
		return "an " + typ
	case "something else":
		return typ
	}
	return "a " + typ
}

// closest returns the candidate nearest to s by edit distance, if it is
// near enough to be a likely typo.
func closest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := textdist.Distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= max(2, len(s)/4) {
		return best
	}
	return ""
}

// Options returns the pipeline options the file sets, over the defaults.
func (c *Config) Options() registry.Options {
	var o registry.Options
	c.Apply(&o)
	return o
}

// Apply sets in opts what the file sets and leaves the rest: apply the
// configuration first, then the command-line flags that were given. Rules
// the file switches off or makes report-only are added to Disabled and
// ReportOnly, and its severities to Severity (a copy of the map).
func (c *Config) Apply(opts *registry.Options) {
	if c == nil {
		return
	}
	s, o := c.set, c.opts
	if s.quotes {
		opts.Normalize.Quotes = o.Normalize.Quotes
	}
	if s.lang {
		opts.Normalize.Lang = o.Normalize.Lang
	}
	if s.primes {
		opts.Normalize.Primes = o.Normalize.Primes
	}
	if s.width {
		opts.Normalize.Width = o.Normalize.Width
	}
	if s.mode {
		opts.Dedupe.Mode = o.Dedupe.Mode
	}
	if s.minWords {
		opts.Dedupe.MinSentenceWords = o.Dedupe.MinSentenceWords
	}
	if s.near {
		opts.Dedupe.NearThreshold = o.Dedupe.NearThreshold
	}
	if s.fixNear {
		opts.Dedupe.FixNear = o.Dedupe.FixNear
	}
	if s.echoWindow {
		opts.Dedupe.EchoWindow = o.Dedupe.EchoWindow
	}
	if s.applySuggestions {
		opts.ApplySuggestions = o.ApplySuggestions
	}
	opts.Disabled = appendNew(opts.Disabled, o.Disabled)
	opts.ReportOnly = appendNew(opts.ReportOnly, o.ReportOnly)
	if len(o.Severity) > 0 {
		m := make(map[string]lint.Severity, len(opts.Severity)+len(o.Severity))
		for k, v := range opts.Severity {
			m[k] = v
		}
		for k, v := range o.Severity {
			m[k] = v
		}
		opts.Severity = m
	}
}

// appendNew returns a fresh slice of dst followed by the ids of add that
// dst lacks.
func appendNew(dst, add []string) []string {
	if len(add) == 0 {
		return dst
	}
	out := slices.Clip(dst)
	for _, id := range add {
		if !slices.Contains(dst, id) {
			out = append(out, id)
		}
	}
	return out
}

// Match reports whether the file at path is one the configuration
// covers: it matches an include pattern (or there are none) and no
// exclude pattern. Patterns are matched against the path relative to the
// configuration's directory, with forward slashes; a file outside that
// directory is matched by its path as given. See Template for the
// pattern syntax.
func (c *Config) Match(p string) bool {
	if c == nil || (len(c.Include) == 0 && len(c.Exclude) == 0) {
		return true
	}
	rel := c.relative(p)
	if len(c.Include) > 0 && !slices.ContainsFunc(c.Include, func(g string) bool { return matchGlob(g, rel) }) {
		return false
	}
	return !slices.ContainsFunc(c.Exclude, func(g string) bool { return matchGlob(g, rel) })
}

// relative returns p relative to the configuration's directory, with
// forward slashes, or p cleaned when it lies outside.
func (c *Config) relative(p string) string {
	if abs, err := filepath.Abs(p); err == nil && c.Dir != "" {
		if rel, err := filepath.Rel(c.Dir, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return strings.TrimPrefix(filepath.ToSlash(filepath.Clean(p)), "./")
}
