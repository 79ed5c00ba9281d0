package job

import (
	"fmt"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/pipeline"
)

// A Judge runs a corpus over a job's documents in input order: each
// document's cleaned result is judged against those before it, the
// decision's findings (repeated paragraphs, copies) are added to the
// result, and repeats are removed when the corpus's options say so. The
// documents are analyzed in parallel beforehand (corpus.Analyzer, one a
// worker); Judge is called by one goroutine at a time, in input order.
type Judge struct {
	corpus   *corpus.Corpus
	extender *pipeline.Pipeline
	start    corpus.Stats
}

// NewJudge returns a Judge of the corpus. extender is the pipeline whose
// rule settings (disabled, report-only, severities) apply to the corpus's
// findings; its stages are not run.
func NewJudge(c *corpus.Corpus, extender *pipeline.Pipeline) *Judge {
	return &Judge{corpus: c, extender: extender, start: c.Stats()}
}

// Extender returns the pipeline whose rule settings apply to the
// corpus's findings.
func (j *Judge) Extender() *pipeline.Pipeline { return j.extender }

// Corpus returns the judge's corpus.
func (j *Judge) Corpus() *corpus.Corpus { return j.corpus }

// Judge judges the document named name, whose result is r (run with the
// guard g, nil for none) and whose cleaned text was analyzed as doc. The
// decision's findings and removals are added to r; the caller leaves out
// a document the decision drops (Decision.Drop). The error is the
// corpus's index's, with the document's name.
func (j *Judge) Judge(name string, r *pipeline.Result, g *pipeline.Guard, doc *corpus.Doc) (*corpus.Decision, error) {
	dec, err := j.corpus.Add(name, doc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	j.corpus.Note(dec, r.Cleaned)
	Apply(j.extender, r, g, dec)
	return dec, nil
}

// Apply adds a corpus decision to the result r of the document it is
// about, whatever judged it (a Judge, or another process: see
// corpus.Decision.Attach): its findings, and its removals when the
// corpus removes repeats. extender's rule settings apply.
func Apply(extender *pipeline.Pipeline, r *pipeline.Result, g *pipeline.Guard, dec *corpus.Decision) {
	if !dec.Empty() {
		extender.ExtendGuarded(r, g, dec.Stage())
	}
}

// Summary returns what the corpus decided since NewJudge, and its n most
// repeated paragraphs (none for n = 0, all for n < 0).
func (j *Judge) Summary(boilerplate int) *CorpusSummary {
	st, st0 := j.corpus.Stats(), j.start
	s := &CorpusSummary{
		ExactDocs:          st.ExactDocs - st0.ExactDocs,
		NearDocs:           st.NearDocs - st0.NearDocs,
		RepeatedParagraphs: st.RepeatedParagraphs - st0.RepeatedParagraphs,
		RemovedParagraphs:  st.RemovedParagraphs - st0.RemovedParagraphs,
	}
	if boilerplate != 0 {
		s.Boilerplate = j.corpus.Boilerplate(boilerplate)
	}
	return s
}
