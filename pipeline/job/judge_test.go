package job_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/pipeline/job"
	"github.com/copydesk/copydesk/pipeline/lint/linttest"
	"github.com/copydesk/copydesk/pipeline/registry"
)

const byline = "This story was written by the newsroom staff and edited by the night desk team."

var docs = []string{
	"Story one opens here.\n\n" + byline + "\n\nBody of the first story, which is long enough to count here.",
	"Story two opens here.\n\n" + byline + "\n\nThe body of the second story, which is long enough to count.",
	"Story one opens here.\n\n" + byline + "\n\nBody of the first story, which is long enough to count here.",
}

// A Judge removes a paragraph repeated across documents and reports a
// copy; a decision taken elsewhere (Attach) and applied with Apply gives
// the same result.
func TestJudgeAndApply(t *testing.T) {
	opts := corpus.Options{Remove: true}
	p := registry.Default(registry.Options{})
	j := job.NewJudge(corpus.New(opts), p)
	a := corpus.NewAnalyzer(opts)
	var decs []*corpus.Decision
	var cleaned []string
	for i, d := range docs {
		r := p.Run(d)
		dec, err := j.Judge(fmt.Sprintf("d%d", i+1), r, nil, a.Analyze(r.Cleaned))
		if err != nil {
			t.Fatal(err)
		}
		linttest.CheckEdits(t, d, r.Cleaned, r.Edits())
		decs = append(decs, dec)
		cleaned = append(cleaned, r.Cleaned)
	}
	if strings.Contains(cleaned[1], byline) {
		t.Errorf("the repeated byline stays in the second document: %q", cleaned[1])
	}
	if decs[2].CopyOf != "d1" {
		t.Errorf("third document: CopyOf %q, want d1", decs[2].CopyOf)
	}
	s := j.Summary(0)
	if s.ExactDocs != 1 || s.RemovedParagraphs == 0 {
		t.Errorf("summary %+v", s)
	}

	// The same decisions, as another process would send them.
	for i, d := range docs {
		r := p.Run(d)
		sent := &corpus.Decision{Doc: decs[i].Doc, CopyOf: decs[i].CopyOf, NearOf: decs[i].NearOf,
			Similarity: decs[i].Similarity, Drop: decs[i].Drop, Repeats: decs[i].Repeats}
		sent.Attach(a.Analyze(r.Cleaned), opts.Remove)
		job.Apply(p, r, nil, sent)
		if r.Cleaned != cleaned[i] {
			t.Errorf("document %d applied elsewhere:\n%q\nwant\n%q", i+1, r.Cleaned, cleaned[i])
		}
	}
}
