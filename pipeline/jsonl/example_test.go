package jsonl_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/copydesk/copydesk/pipeline/jsonl"
)

func ExampleCleanJSONL() {
	in := strings.NewReader(`{"id":1,"text":"It said in a statement..","n":1.0e10}
{"id":2,"text":"\u201cFine.\u201d"}
not a record
`)
	s, err := jsonl.CleanJSONL(context.Background(), in, os.Stdout, jsonl.Options{Workers: 2, Annotate: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Records, "records,", s.Changed, "changed,", s.Malformed, "malformed")
	// Output:
	// {"id":1,"text":"It said in a statement.","n":1.0e10,"copydesk":{"changed":true,"findings":{"punct.double-period":1},"bytes_removed":1}}
	// {"id":2,"text":"\"Fine.\"","copydesk":{"changed":true,"findings":{"quotes.curly":2},"bytes_removed":4}}
	// not a record
	// 2 records, 2 changed, 1 malformed
}
