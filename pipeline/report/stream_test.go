package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/report"
)

// TestWriteResult checks that streaming a result's findings writes the
// document Write(NewFile) writes, and CountResult counts as Count does.
func TestWriteResult(t *testing.T) {
	sugg, _ := suggestedResult(t)
	results := []*pipeline.Result{
		sugg,
		testPipeline().Run(""),
		testPipeline().Run("“Hello”..\n\nSame.\n\nSame.\n\nEnd TODO\n"),
		testPipeline().Run(strings.Repeat("“a”.. b\r\nTODO ", 500) + "\n\nx\n\nx"),
	}
	var want, got bytes.Buffer
	jw, sw := report.NewJSONWriter(&want), report.NewJSONWriter(&got)
	for i, r := range results {
		name := "f" + string(rune('0'+i))
		if err := jw.Write(report.NewFile(name, r)); err != nil {
			t.Fatal(err)
		}
		if err := sw.WriteResult(name, r); err != nil {
			t.Fatal(err)
		}
		for _, level := range []lint.Severity{lint.Info, lint.Warning, lint.Error} {
			if a, b := report.Count([]report.File{report.NewFile(name, r)}, level), report.CountResult(r, level); a != b {
				t.Errorf("%s: CountResult %d, Count %d", name, b, a)
			}
		}
	}
	if err := jw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := sw.Close(); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("WriteResult wrote\n%s\nWrite wrote\n%s", got.String(), want.String())
	}
}
