package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// RDJSONL writes the findings of files in reviewdog's diagnostic format
// as JSON Lines (rdjsonl), one diagnostic a line, for
// "reviewdog -f=rdjsonl":
//
//	{"message":"stray double period","location":{"path":"story.txt","range":{"start":{"line":17,"column":105},"end":{"line":17,"column":107}}},"severity":"WARNING","source":{"name":"copydesk"},"code":{"value":"punct.double-period"},"suggestions":[{"range":{"start":{"line":17,"column":106},"end":{"line":17,"column":107}},"text":""}]}
//
// As reviewdog requires, columns count bytes of UTF-8, 1-based, and range
// ends are exclusive. Severity is "ERROR", "WARNING" or "INFO"; each edit
// the finding owns is a suggestion, and so is each edit of a suggested
// fix (one clean does not apply). Positions in bytes need the file's
// Source: a File without one gets line ranges and no suggestions.
func RDJSONL(w io.Writer, files ...File) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, f := range files {
		x := indexOf(&f)
		for i := range f.Findings {
			fd := &f.Findings[i]
			d := rdDiagnostic{
				Message:  fd.Message,
				Location: rdLocation{Path: f.Path, Range: rdRangeOf(x, startCursor, endCursor, fd.Offset, fd.EndOffset, fd.Line, fd.EndLine)},
				Severity: strings.ToUpper(fd.Severity.String()),
				Source:   rdSource{Name: "copydesk"},
				Code:     rdCode{Value: fd.Rule},
			}
			if x != nil {
				for _, e := range fd.Fix {
					d.Suggestions = append(d.Suggestions, rdSuggestion{
						Range: rdRangeOf(x, fixStartCursor, fixEndCursor, e.Offset, e.EndOffset, 0, 0),
						Text:  e.New,
					})
				}
				for _, e := range fd.Suggestion {
					d.Suggestions = append(d.Suggestions, rdSuggestion{
						Range: rdRangeOf(x, fixStartCursor, fixEndCursor, e.Offset, e.EndOffset, 0, 0),
						Text:  e.New,
					})
				}
			}
			if err := enc.Encode(d); err != nil {
				return fmt.Errorf("writing rdjsonl: %w", err)
			}
		}
	}
	return bw.Flush()
}

// rdRangeOf returns the reviewdog range of [start, end): byte columns from
// the index, or lines only without one.
func rdRangeOf(x *index, ks, ke, start, end, line, endLine int) rdRange {
	if x == nil {
		return rdRange{Start: rdPosition{Line: line}, End: &rdPosition{Line: endLine}}
	}
	s, e := x.pos(ks, start), x.pos(ke, end)
	return rdRange{
		Start: rdPosition{Line: s.Line, Column: s.ByteCol},
		End:   &rdPosition{Line: e.Line, Column: e.ByteCol},
	}
}

// The reviewdog diagnostic format's messages, as its JSON spells them.
type (
	rdDiagnostic struct {
		Message     string         `json:"message"`
		Location    rdLocation     `json:"location"`
		Severity    string         `json:"severity"`
		Source      rdSource       `json:"source"`
		Code        rdCode         `json:"code"`
		Suggestions []rdSuggestion `json:"suggestions,omitempty"`
	}
	rdLocation struct {
		Path  string  `json:"path"`
		Range rdRange `json:"range"`
	}
	rdRange struct {
		Start rdPosition  `json:"start"`
		End   *rdPosition `json:"end,omitempty"`
	}
	rdPosition struct {
		Line   int `json:"line"`
		Column int `json:"column,omitempty"`
	}
	rdSource struct {
		Name string `json:"name"`
	}
	rdCode struct {
		Value string `json:"value"`
	}
	rdSuggestion struct {
		Range rdRange `json:"range"`
		Text  string  `json:"text"`
	}
)
