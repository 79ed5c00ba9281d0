package jsonl

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/dedupe/corpus"
)

const testByline = "By Nick Assinder, BBC News Online political correspondent in London today"

// corpusInput is JSONL of n records: every third one a copy of the
// record before it, every record with the same byline paragraph.
func corpusInput(n int) string {
	var b strings.Builder
	for i := range n {
		body := fmt.Sprintf("Story %d\\n\\n%s\\n\\nThe body of story number %d, which has more than ten words in it.", i, testByline, i)
		if i%3 == 2 {
			body = fmt.Sprintf("Story %d\\n\\n%s\\n\\nThe body of story number %d, which has more than ten words in it.", i-1, testByline, i-1)
		}
		fmt.Fprintf(&b, `{"id":"r%d","text":"%s"}`+"\n", i, body)
	}
	return b.String()
}

func runCorpus(t *testing.T, in string, opts Options, co corpus.Options) (string, Summary) {
	t.Helper()
	opts.Corpus = corpus.New(co)
	var out bytes.Buffer
	s, err := CleanJSONL(context.Background(), strings.NewReader(in), &out, opts)
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), s
}

func TestCorpusRecords(t *testing.T) {
	in := corpusInput(30)
	var first string
	for _, workers := range []int{1, 4} {
		out, s := runCorpus(t, in, Options{Workers: workers, Annotate: true, IDField: "id"}, corpus.Options{Remove: true})
		if first == "" {
			first = out
		} else if out != first {
			t.Fatalf("output depends on the number of workers")
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != 30 {
			t.Fatalf("%d lines out, want 30", len(lines))
		}
		for i, line := range lines {
			var rec struct {
				Text     string `json:"text"`
				Copydesk struct {
					Findings    map[string]int `json:"findings"`
					DuplicateOf string         `json:"duplicate_of"`
				} `json:"copydesk"`
			}
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			hasByline := strings.Contains(rec.Text, "Nick Assinder")
			if (i == 0) != hasByline {
				t.Errorf("record %d: byline kept %v (only the first copy is kept)", i, hasByline)
			}
			if i%3 == 2 && rec.Copydesk.DuplicateOf != fmt.Sprintf("r%d", i-1) {
				t.Errorf("record %d: duplicate_of %q", i, rec.Copydesk.DuplicateOf)
			}
			if i > 0 && rec.Copydesk.Findings[corpus.RuleParagraph] == 0 {
				t.Errorf("record %d: no %s finding", i, corpus.RuleParagraph)
			}
		}
		c := s.Corpus
		if c == nil || c.ExactDocs != 10 || c.RepeatedParagraphs != 29+10 || c.RemovedParagraphs != 39 || s.DroppedDocs != 0 {
			t.Errorf("summary %+v %+v", s, c)
		}
		if !strings.Contains(s.String(), "corpus: 10 duplicate records (10 exact, 0 near), 0 dropped; 39 repeated paragraphs, 39 removed") {
			t.Errorf("summary text:\n%s", s.String())
		}
	}
}

func TestCorpusDropRecords(t *testing.T) {
	in := corpusInput(9) + "not json\n"
	out, s := runCorpus(t, in, Options{Workers: 3}, corpus.Options{DropDuplicateDocs: true})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 7 || s.DroppedDocs != 3 || lines[6] != "not json" {
		t.Fatalf("%d lines, %d dropped:\n%s", len(lines), s.DroppedDocs, out)
	}
	for _, l := range lines[:6] {
		if !strings.Contains(l, "Nick Assinder") {
			t.Errorf("report-only mode removed the byline: %s", l)
		}
	}
	b, _ := json.Marshal(s)
	if !bytes.Contains(b, []byte(`"dropped_docs":3`)) || !bytes.Contains(b, []byte(`"repeated_paragraphs":5`)) {
		t.Errorf("JSON summary: %s", b)
	}
}

func TestCorpusNames(t *testing.T) {
	in := `{"n":1,"text":"` + testByline + `"}` + "\n" + `{"n":2,"text":"` + testByline + `"}` + "\n"
	for _, idField := range []string{"", "n", "missing"} {
		var out bytes.Buffer
		_, err := CleanJSONL(context.Background(), strings.NewReader(in), &out, Options{Corpus: corpus.New(corpus.Options{}), Name: "feed.jsonl", IDField: idField, Annotate: true})
		if err != nil {
			t.Fatal(err)
		}
		want := `"duplicate_of":"feed.jsonl:1"`
		if idField == "n" {
			want = `"duplicate_of":"1"`
		}
		if lines := strings.Split(out.String(), "\n"); strings.Contains(lines[0], "duplicate_of") || !strings.Contains(lines[1], want) {
			t.Errorf("id field %q: %s", idField, out.String())
		}
	}
	if got := recordID([]byte(`{"n":12,"id":"x\u0041"}`), "id"); got != "xA" {
		t.Errorf("recordID string: %q", got)
	}
	if got := recordID([]byte(`{"n":12,"id":"x"}`), "n"); got != "12" {
		t.Errorf("recordID number: %q", got)
	}
	if got := recordID([]byte(`{"n":[1]}`), "n"); got != "" {
		t.Errorf("recordID array: %q", got)
	}
}
