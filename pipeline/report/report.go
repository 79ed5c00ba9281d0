// Package report renders the results of copydesk's pipeline for people
// and programs: findings as text lines or JSON, changes as a unified diff
// that patch(1) and git apply accept or as a coloured word diff for a
// terminal, and rule lists.
//
// Renderers take a *pipeline.Result (or the File built from one) and an
// io.Writer; they never change the result. Positions shown to people are
// 1-based lines and columns, columns counted in Unicode characters (an
// invalid UTF-8 byte counts as one); byte offsets are 0-based.
//
// # JSON report
//
// JSON and JSONWriter write one document, one finding a line:
//
//	{
//	  "version": 1,
//	  "files": [
//	    {
//	      "path": "story.txt",
//	      "findings": [
//	        {"rule": "punct.double-period", "severity": "warning", "message": "two periods end the sentence", "line": 17, "column": 88, "end_line": 17, "end_column": 90, "offset": 2004, "end_offset": 2006, "replacement": ".", "fix": [{"offset": 2004, "end_offset": 2006, "new": "."}], "related": []},
//	        {"rule": "punct.space-before", "severity": "info", "message": "space before a comma", "line": 18, "column": 12, "end_line": 18, "end_column": 13, "offset": 2050, "end_offset": 2051, "suggestion": [{"offset": 2050, "end_offset": 2051, "new": ""}], "related": []}
//	      ]
//	    }
//	  ]
//	}
//
// "version" is 1 for this schema; fields may be added, never changed.
// Each file lists its findings sorted by position. In a finding:
//
//   - "rule" is the stable rule id, "severity" one of "error", "warning",
//     "info", and "message" the text for a person.
//   - "line", "column" locate the first character of the finding and
//     "end_line", "end_column" the character just after it, both 1-based,
//     columns in Unicode characters. "offset" and "end_offset" are the
//     same half-open range [offset, end_offset) in bytes from the start of
//     the file.
//   - "fix", present when the finding changes the text, lists the edits
//     it owns in the cleaned output: each replaces the bytes
//     [offset, end_offset) of the input with "new". Applying the edits of
//     every finding of a file, in order, gives the cleaned text. A finding
//     whose fix was absorbed by another's larger change (a quote inside a
//     paragraph that is removed as a repeat) has no "fix".
//   - "replacement", present when the finding owns exactly one edit and it
//     spans exactly the finding, is that edit's new text: the common case
//     of "replace this with that".
//   - "suggestion", present when the rule offers a fix it is not sure of
//     (one that may change meaning), lists its edits in the form of
//     "fix". They are not applied: the cleaned text, and so the edits of
//     "fix", leave them out; a person may accept them, and
//     clean --apply-suggestions applies them as fixes. A finding has a
//     "fix" or a "suggestion", not both.
//   - "related" lists other places involved, such as the first copy of a
//     repeated paragraph, with the position of their first character and
//     their byte range; it is an empty list when there are none.
//
// JSON strings cannot hold invalid UTF-8: such bytes in messages and new
// texts appear as U+FFFD, while offsets always count the input's bytes.
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
