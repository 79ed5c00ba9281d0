package report

import (
	"bufio"
	"encoding/xml"
	"io"
	"strconv"
)

// Checkstyle writes the findings of files as a Checkstyle XML report,
// which Jenkins, GitLab code quality converters, reviewdog and many
// editors read:
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<checkstyle version="4.3">
//	  <file name="story.txt">
//	    <error line="17" column="105" severity="warning" message="stray double period" source="copydesk.punct.double-period"/>
//	  </file>
//	</checkstyle>
//
// Every file gets a <file> element, with no <error> when it has no
// findings. Severities are "error", "warning" and "info"; columns count
// Unicode characters. Text that XML cannot hold (control characters,
// invalid UTF-8) is written as U+FFFD. A suggested fix (not applied)
// follows the message in parentheses.
func Checkstyle(w io.Writer, files ...File) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header + "<checkstyle version=\"4.3\">\n")
	var b []byte
	for _, f := range files {
		bw.WriteString("  <file name=\"")
		xmlAttr(bw, f.Path)
		bw.WriteString("\">\n")
		for i := range f.Findings {
			x := &f.Findings[i]
			b = append(b[:0], "    <error line=\""...)
			b = strconv.AppendInt(b, int64(x.Line), 10)
			b = append(b, "\" column=\""...)
			b = strconv.AppendInt(b, int64(x.Column), 10)
			b = append(b, "\" severity=\""...)
			b = append(b, x.Severity.String()...)
			b = append(b, "\" message=\""...)
			bw.Write(b)
			msg := x.Message
			if s := suggestionOf(f.Source, x); s != "" {
				msg += " (" + s + ")"
			}
			xmlAttr(bw, msg)
			bw.WriteString("\" source=\"copydesk.")
			xmlAttr(bw, x.Rule)
			bw.WriteString("\"/>\n")
		}
		if _, err := bw.WriteString("  </file>\n"); err != nil {
			return err
		}
	}
	bw.WriteString("</checkstyle>\n")
	return bw.Flush()
}

// xmlAttr writes s escaped for a double-quoted attribute value; line
// breaks and tabs become character references so that they survive
// attribute value normalization.
func xmlAttr(w io.Writer, s string) {
	xml.EscapeText(w, []byte(s)) // escapes " ' < > & \t \n \r; replaces invalid characters
}
