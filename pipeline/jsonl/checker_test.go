package jsonl

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/document"
)

// With a Checker, a record is checked as a document: its suppression
// comments count.
func TestCheckerRecords(t *testing.T) {
	in := `{"text":"It said so in a statement.. # copydesk-disable-line punct.double-period\nIt said in a statement.. Then it left."}` + "\n"
	var out bytes.Buffer
	s, err := CleanJSONL(context.Background(), strings.NewReader(in), &out, Options{Checker: document.New(document.Options{}), Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"text":"It said so in a statement.. # copydesk-disable-line punct.double-period\nIt said in a statement. Then it left."}` + "\n"
	if out.String() != want {
		t.Errorf("got  %s\nwant %s", out.String(), want)
	}
	if s.Records != 1 || s.Changed != 1 {
		t.Errorf("summary %+v", s)
	}
	// Without it, the record is plain text to the pipeline: both are fixed.
	out.Reset()
	if _, err := CleanJSONL(context.Background(), strings.NewReader(in), &out, Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	if strings.Count(out.String(), "statement..") != 0 {
		t.Errorf("without a Checker: %s", out.String())
	}
}
