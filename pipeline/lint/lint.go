package lint

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/copydesk/copydesk/pipeline/bytescan"
)

// A Span is a half-open byte range [Start, End) of a text.
type Span struct {
	Start, End int
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// An Edit replaces the bytes of Span with New. An empty Span inserts;
// an empty New deletes.
type Edit struct {
	Span
	New string
}

// Severity says how much a finding matters.
type Severity int

// Severities, from least to most severe. The zero value is Info.
const (
	Info Severity = iota
	Warning
	Error
)

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity parses the names String returns.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "info":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Info, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// A Finding is one thing a stage noticed: which rule, where, why, and how
// to fix it.
type Finding struct {
	Rule     string   // stable id such as "quotes.curly" or "dedupe.paragraph"
	Severity Severity // how much it matters
	Span              // the bytes the finding is about
	Message  string   // for a person: "paragraph repeats the one before it"
	Fix      []Edit   // sorted, non-overlapping; empty: report only
	Related  []Span   // other places involved, e.g. the first copy of a repeat
	// Suggest marks Fix as a suggestion rather than a fix: an edit the
	// stage is not sure of (it may change meaning), offered to a person
	// to accept. Drivers show it; clean applies it only when asked to
	// (--apply-suggestions), as ESLint does with suggestions and
	// go/analysis drivers with optional SuggestedFixes.
	Suggest bool
}

// A Rule describes one rule id: what it looks for and what it does.
type Rule struct {
	ID       string   // stable, lower-case, dotted: "punct.double-period"
	Severity Severity // default severity
	Fixes    bool     // whether its findings carry a fix by default
	Doc      string   // one line: what it finds and why it matters
}

// A Stage looks at a text and reports findings against it. Check must be
// a pure function of its input: the same text gives the same findings.
// Fixes of one call must not overlap each other.
type Stage interface {
	// Name is a short lower-case name: "normalize", "punct", "dedupe".
	Name() string
	// Rules lists the rules the stage can report.
	Rules() []Rule
	// Check returns the findings for text, in any order.
	Check(text string) []Finding
}

// An ASCIIQuiet stage reports nothing on plain ASCII text: text made
// only of the printable ASCII characters, tabs, line feeds and carriage
// returns. Stages that look only at other characters (controls, Unicode
// quotes and spaces, mojibake) implement it, and a pipeline skips them on
// such text, which most news copy is. PlainASCII tells such text.
type ASCIIQuiet interface {
	Stage
	// QuietOnASCII marks the stage; it does nothing.
	QuietOnASCII()
}

// PlainASCII reports whether s is plain ASCII text (see ASCIIQuiet),
// eight bytes at a time.
func PlainASCII(s string) bool { return bytescan.PlainASCII(s) }

// A FindingSink takes a stage's findings one at a time, for stages that
// can hand them over that way (a CheckEach method beside Check): Reserve
// is told how many come, then Add gets each, in Check's order. The
// findings' Fix slices stay valid after the call, as Check's do.
type FindingSink interface {
	Reserve(n int)
	Add(f Finding)
}

// MergeSpans returns spans sorted by start, with the spans that overlap
// or touch merged into one. spans is not changed.
func MergeSpans(spans []Span) []Span {
	all := slices.Clone(spans)
	slices.SortFunc(all, func(a, b Span) int { return a.Start - b.Start })
	out := all[:0]
	for _, s := range all {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// SortEdits sorts edits by position; insertions at the same offset keep
// their relative order.
func SortEdits(edits []Edit) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		return edits[i].End < edits[j].End
	})
}

// ValidateEdits reports an error if edits, in order, are not sorted,
// overlap, or fall outside a text of length n.
func ValidateEdits(edits []Edit, n int) error {
	last := 0
	for i, e := range edits {
		if e.Start < last || e.End < e.Start || e.End > n {
			return fmt.Errorf("edit %d [%d,%d) is out of order, inverted or outside [0,%d)", i, e.Start, e.End, n)
		}
		last = e.End
	}
	return nil
}

// Apply returns text with the sorted, non-overlapping edits applied.
// It returns an error, and text unchanged, if the edits are invalid.
func Apply(text string, edits []Edit) (string, error) {
	if len(edits) == 0 {
		return text, nil
	}
	if err := ValidateEdits(edits, len(text)); err != nil {
		return text, err
	}
	size := len(text)
	for _, e := range edits {
		size += len(e.New) - e.Len()
	}
	var b strings.Builder
	b.Grow(size)
	last := 0
	for _, e := range edits {
		b.WriteString(text[last:e.Start])
		b.WriteString(e.New)
		last = e.End
	}
	b.WriteString(text[last:])
	return b.String(), nil
}
