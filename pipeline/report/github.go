package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// GitHub writes the findings of files as GitHub Actions workflow
// commands, one a line, which the runner shows as annotations on the
// pull request's changed lines:
//
//	::warning file=story.txt,line=17,col=105,endLine=17,endColumn=106,title=punct.double-period::stray double period
//
// The command is ::error, ::warning or ::notice by severity; the title is
// the rule id. col and endColumn (inclusive, in Unicode characters) are
// given only for a finding on one line, as GitHub requires; a finding
// that ends with a line break ends on the line of the break. The message
// escapes %, CR and LF as %25, %0D and %0A; property values also escape
// "," and ":" as %2C and %3A. The file name is written through SafeName
// first: a control character in it would reach the log as it is. A
// suggested fix (not applied) follows the message in parentheses.
func GitHub(w io.Writer, files ...File) error {
	bw := bufio.NewWriter(w)
	var b []byte
	for _, f := range files {
		file := ghProperty(SafeName(f.Path))
		for i := range f.Findings {
			x := &f.Findings[i]
			b = append(b[:0], "::"...)
			b = append(b, ghCommand(x.Severity)...)
			b = append(b, " file="...)
			b = append(b, file...)
			endLine, endCol := x.EndLine, x.EndColumn-1 // inclusive
			if x.EndOffset > x.Offset && x.EndColumn == 1 && x.EndLine > x.Line {
				endLine, endCol = x.EndLine-1, 0 // ends with a line break
			}
			b = append(b, ",line="...)
			b = strconv.AppendInt(b, int64(x.Line), 10)
			if endLine == x.Line {
				b = append(b, ",col="...)
				b = strconv.AppendInt(b, int64(x.Column), 10)
			}
			b = append(b, ",endLine="...)
			b = strconv.AppendInt(b, int64(max(endLine, x.Line)), 10)
			if endLine == x.Line && endCol > 0 {
				b = append(b, ",endColumn="...)
				b = strconv.AppendInt(b, int64(max(endCol, x.Column)), 10)
			}
			b = append(b, ",title="...)
			b = append(b, ghProperty(x.Rule)...)
			b = append(b, "::"...)
			b = append(b, ghData(x.Message)...)
			if s := suggestionOf(f.Source, x); s != "" {
				b = append(b, ghData(" ("+s+")")...)
			}
			b = append(b, '\n')
			if _, err := bw.Write(b); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// ghCommand is the workflow command of a severity.
func ghCommand(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "notice"
}

var (
	ghDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// ghData escapes the message of a workflow command.
func ghData(s string) string { return ghDataEscaper.Replace(s) }

// ghProperty escapes a property value of a workflow command.
func ghProperty(s string) string { return ghPropertyEscaper.Replace(s) }
