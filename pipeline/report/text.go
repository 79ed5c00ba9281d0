package report

import (
	"bufio"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/internal/jsonstr"
)

// Text writes the findings of files one a line, in order, in the form
//
//	NAME:LINE:COLUMN: SEVERITY: MESSAGE [RULE]
//
// which editors and CI systems recognise as compiler output. A line
// break in a name or message is written as \n or \r so that each finding
// stays on one line; the name is written through SafeName. A suggested
// fix (not applied) follows the message in parentheses:
// "(suggestion: replace "x" with "y")".
func Text(w io.Writer, files ...File) error {
	bw := bufio.NewWriter(w)
	var line []byte
	for _, f := range files {
		name := SafeName(f.Path)
		for _, x := range f.Findings {
			line = append(line[:0], name...)
			line = append(line, ':')
			line = strconv.AppendInt(line, int64(x.Line), 10)
			line = append(line, ':')
			line = strconv.AppendInt(line, int64(x.Column), 10)
			line = append(line, ": "...)
			line = append(line, x.Severity.String()...)
			line = append(line, ": "...)
			line = append(line, oneLine(x.Message)...)
			if s := suggestionOf(f.Source, &x); s != "" {
				line = append(line, " ("...)
				line = append(line, s...)
				line = append(line, ')')
			}
			line = append(line, " ["...)
			line = append(line, x.Rule...)
			line = append(line, "]\n"...)
			if _, err := bw.Write(line); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

var lineBreaks = strings.NewReplacer("\n", `\n`, "\r", `\r`)

// oneLine escapes the line breaks of s.
func oneLine(s string) string {
	if strings.IndexByte(s, '\n') < 0 && strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return lineBreaks.Replace(s)
}

// JSON writes the JSON report of files: one document, described in the
// package documentation.
func JSON(w io.Writer, files []File) error {
	jw := NewJSONWriter(w)
	for _, f := range files {
		if err := jw.Write(f); err != nil {
			return err
		}
	}
	return jw.Close()
}

// A JSONWriter writes the JSON report one file at a time, so that a
// program checking many inputs need not keep every report in memory.
// Call Write for each file, then Close to end the document, even if no
// file was written. The document has one finding a line.
type JSONWriter struct {
	w     *bufio.Writer
	files int
	err   error
	buf   []byte
}

// NewJSONWriter returns a JSONWriter writing to w. What it writes is
// buffered until Close.
func NewJSONWriter(w io.Writer) *JSONWriter {
	return &JSONWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

// jsonHead opens the document; a test checks it against Version.
const jsonHead = "{\n  \"version\": 1,\n  \"files\": ["

// Write adds a file to the document.
func (j *JSONWriter) Write(f File) error {
	return j.write(f.Path, len(f.Findings), func(i int) *Finding { return &f.Findings[i] })
}

// WriteResult adds the report of r under the name path to the document,
// as Write(NewFile(path, r)) does, without building the File: each
// finding is positioned and written in turn, so that a result with a
// million findings costs no second copy of them.
func (j *JSONWriter) WriteResult(path string, r *pipeline.Result) error {
	loc := newLocator(r.Original)
	var (
		x       Finding
		fixes   []Edit
		related []Location
	)
	return j.write(path, len(r.Findings), func(i int) *Finding {
		pf := &r.Findings[i]
		if n := len(pf.Fix) + len(pf.Suggestion); cap(fixes) < n {
			fixes = make([]Edit, n)
		}
		if n := len(pf.Related); cap(related) < n {
			related = make([]Location, n)
		}
		positioned(loc, pf, &x, fixes[:cap(fixes)], related[:cap(related)])
		return &x
	})
}

// write adds a file of n findings to the document; finding(i) returns
// finding i, valid until the next call.
func (j *JSONWriter) write(path string, n int, finding func(i int) *Finding) error {
	if j.err != nil {
		return j.err
	}
	b := j.buf[:0]
	if j.files == 0 {
		b = append(b, jsonHead...)
	} else {
		b = append(b, ',')
	}
	b = append(b, "\n    {\n      \"path\": "...)
	b = appendString(b, path)
	b = append(b, ",\n      \"findings\": ["...)
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n        "...)
		b = appendFinding(b, finding(i))
		if len(b) >= 32<<10 {
			if _, j.err = j.w.Write(b); j.err != nil {
				return j.err
			}
			b = b[:0]
		}
	}
	if n > 0 {
		b = append(b, "\n      "...)
	}
	b = append(b, "]\n    }"...)
	j.files++
	_, j.err = j.w.Write(b)
	j.buf = b[:0]
	return j.err
}

// Close ends the document and flushes it. It does not close the
// underlying writer.
func (j *JSONWriter) Close() error {
	if j.err != nil {
		return j.err
	}
	tail := "\n  ]\n}\n"
	if j.files == 0 {
		tail = jsonHead + "]\n}\n"
	}
	if _, j.err = j.w.WriteString(tail); j.err == nil {
		j.err = j.w.Flush()
	}
	if j.err != nil {
		return j.err
	}
	j.err = errClosed
	return nil
}

var errClosed = errors.New("report: JSONWriter is closed")

// appendFinding appends x as a JSON object on one line.
func appendFinding(b []byte, x *Finding) []byte {
	b = append(b, `{"rule": `...)
	b = appendString(b, x.Rule)
	b = append(b, `, "severity": `...)
	b = appendString(b, x.Severity.String())
	b = append(b, `, "message": `...)
	b = appendString(b, x.Message)
	b = appendField(b, "line", x.Line)
	b = appendField(b, "column", x.Column)
	b = appendField(b, "end_line", x.EndLine)
	b = appendField(b, "end_column", x.EndColumn)
	b = appendField(b, "offset", x.Offset)
	b = appendField(b, "end_offset", x.EndOffset)
	if x.Replacement != nil {
		b = append(b, `, "replacement": `...)
		b = appendString(b, *x.Replacement)
	}
	if len(x.Fix) > 0 {
		b = append(b, `, "fix": `...)
		b = appendEdits(b, x.Fix)
	}
	if len(x.Suggestion) > 0 {
		b = append(b, `, "suggestion": `...)
		b = appendEdits(b, x.Suggestion)
	}
	b = append(b, `, "related": [`...)
	for i, r := range x.Related {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, `{"line": `...)
		b = strconv.AppendInt(b, int64(r.Line), 10)
		b = appendField(b, "column", r.Column)
		b = appendField(b, "offset", r.Offset)
		b = appendField(b, "end_offset", r.EndOffset)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// appendEdits appends edits as a JSON list.
func appendEdits(b []byte, edits []Edit) []byte {
	b = append(b, '[')
	for i, e := range edits {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, `{"offset": `...)
		b = strconv.AppendInt(b, int64(e.Offset), 10)
		b = appendField(b, "end_offset", e.EndOffset)
		b = append(b, `, "new": `...)
		b = appendString(b, e.New)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendField appends `, "name": n`.
func appendField(b []byte, name string, n int) []byte {
	b = append(b, ", \""...)
	b = append(b, name...)
	b = append(b, "\": "...)
	return strconv.AppendInt(b, int64(n), 10)
}

// appendString appends s as a JSON string, as encoding/json writes it
// with SetEscapeHTML(false).
func appendString(b []byte, s string) []byte { return jsonstr.Append(b, s) }
