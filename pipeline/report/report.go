package report

import (
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// Version is the version of the JSON report schema.
const Version = 1

// A File is the report for one input: its findings with positions
// resolved. It is the "files" element of the JSON report.
type File struct {
	Path     string    `json:"path"`
	Findings []Finding `json:"findings"`
	// Source is the text the findings' offsets refer to. NewFile sets it
	// to the original input; renderers that show source lines (Pretty) or
	// position fixes in lines and columns (SARIF, RDJSONL) need it, and
	// leave out what they cannot compute when it is empty.
	Source string `json:"-"`
}

// A Finding is one finding of a File, positioned for people and
// programs. See the package documentation for the meaning of each field.
type Finding struct {
	Rule        string        `json:"rule"`
	Severity    lint.Severity `json:"severity"`
	Message     string        `json:"message"`
	Line        int           `json:"line"`
	Column      int           `json:"column"`
	EndLine     int           `json:"end_line"`
	EndColumn   int           `json:"end_column"`
	Offset      int           `json:"offset"`
	EndOffset   int           `json:"end_offset"`
	Replacement *string       `json:"replacement,omitempty"`
	Fix         []Edit        `json:"fix,omitempty"`
	Suggestion  []Edit        `json:"suggestion,omitempty"`
	Related     []Location    `json:"related"`
}

// An Edit replaces the input's bytes [Offset, EndOffset) with New.
type Edit struct {
	Offset    int    `json:"offset"`
	EndOffset int    `json:"end_offset"`
	New       string `json:"new"`
}

// A Location is a place related to a finding: the position of its first
// character and its byte range [Offset, EndOffset).
type Location struct {
	Line      int `json:"line"`
	Column    int `json:"column"`
	Offset    int `json:"offset"`
	EndOffset int `json:"end_offset"`
}

// NewFile returns the report of r under the name path. It takes time
// linear in the size of r.Original and the number of findings.
func NewFile(path string, r *pipeline.Result) File {
	f := File{Path: path, Findings: make([]Finding, len(r.Findings)), Source: r.Original}
	// One backing array each for all fixes and all related places.
	nfix, nrel := 0, 0
	for i := range r.Findings {
		nfix += len(r.Findings[i].Fix) + len(r.Findings[i].Suggestion)
		nrel += len(r.Findings[i].Related)
	}
	fixes := make([]Edit, nfix)
	related := make([]Location, nrel)
	loc := newLocator(r.Original)
	for i := range r.Findings {
		fixes, related = positioned(loc, &r.Findings[i], &f.Findings[i], fixes, related)
	}
	return f
}

// positioned sets out to the finding pf, positioned with loc, its edits
// and related places cut from the front of fixes and related; it returns
// what is left of them. Findings must come in order of position for loc
// to take linear time.
func positioned(loc *locator, pf *pipeline.Finding, out *Finding, fixes []Edit, related []Location) ([]Edit, []Location) {
	start := loc.position(startCursor, pf.Start)
	end := loc.position(endCursor, pf.End)
	*out = Finding{
		Rule:      pf.Rule,
		Severity:  pf.Severity,
		Message:   pf.Message,
		Line:      start.Line,
		Column:    start.Column,
		EndLine:   end.Line,
		EndColumn: end.Column,
		Offset:    pf.Start,
		EndOffset: pf.End,
	}
	if n := len(pf.Fix); n > 0 {
		out.Fix, fixes = fixes[:n:n], fixes[n:]
		for k, e := range pf.Fix {
			out.Fix[k] = Edit{Offset: e.Start, EndOffset: e.End, New: e.New}
		}
		if n == 1 && pf.Fix[0].Span == pf.Span {
			out.Replacement = &out.Fix[0].New
		}
	}
	if n := len(pf.Suggestion); n > 0 {
		out.Suggestion, fixes = fixes[:n:n], fixes[n:]
		for k, e := range pf.Suggestion {
			out.Suggestion[k] = Edit{Offset: e.Start, EndOffset: e.End, New: e.New}
		}
	}
	n := len(pf.Related)
	out.Related, related = related[:n:n], related[n:]
	for k, s := range pf.Related {
		p := loc.position(relatedCursor, s.Start)
		out.Related[k] = Location{Line: p.Line, Column: p.Column, Offset: s.Start, EndOffset: s.End}
	}
	return fixes, related
}

// CountResult returns how many findings of r are at severity level or
// above: Count of its File, without building it.
func CountResult(r *pipeline.Result, level lint.Severity) int {
	n := 0
	for i := range r.Findings {
		if r.Findings[i].Severity >= level {
			n++
		}
	}
	return n
}

// Count returns how many findings of files are at severity level or above.
func Count(files []File, level lint.Severity) int {
	n := 0
	for _, f := range files {
		for _, x := range f.Findings {
			if x.Severity >= level {
				n++
			}
		}
	}
	return n
}
