package job

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/copydesk/copydesk/dedupe/corpus"
)

// A Summary counts what a job did: a JSON Lines run (jsonl.CleanJSONL)
// counts lines and records, a batch of files counts files as records.
type Summary struct {
	Lines     int64            // lines read: records, blank and malformed (files: every file)
	Records   int64            // records whose field was cleaned (files: documents cleaned)
	Changed   int64            // records whose field changed
	Blank     int64            // empty or white-space lines, passed through
	Malformed int64            // lines that are not records (files: not read, refused or not written)
	Rejected  int64            // malformed lines written to a reject file (the others were passed through)
	BytesIn   int64            // bytes read
	BytesOut  int64            // bytes written to the output
	Findings  map[string]int64 // findings by rule id
	Wall      time.Duration    // wall time

	// DroppedDocs counts documents left out as duplicates (corpus).
	DroppedDocs int64
	// Corpus is what the Corpus decided, when there was one.
	Corpus *CorpusSummary
}

// A CorpusSummary counts a corpus job's duplicates.
type CorpusSummary struct {
	ExactDocs          int64 // records whose words copy an earlier record's
	NearDocs           int64 // records that nearly copy an earlier record
	RepeatedParagraphs int64 // dedupe.corpus-paragraph findings
	RemovedParagraphs  int64 // of those, removed
	// Boilerplate is the most repeated paragraphs, set by the caller
	// from Corpus.Boilerplate at the end of a job.
	Boilerplate []corpus.Boilerplate
}

// DuplicateDocs is the number of records that copy or nearly copy an
// earlier one.
func (c *CorpusSummary) DuplicateDocs() int64 { return c.ExactDocs + c.NearDocs }

// Add adds o's counts and wall time to s, for a run over several inputs.
func (s *Summary) Add(o Summary) {
	s.Lines += o.Lines
	s.Records += o.Records
	s.Changed += o.Changed
	s.Blank += o.Blank
	s.Malformed += o.Malformed
	s.Rejected += o.Rejected
	s.BytesIn += o.BytesIn
	s.BytesOut += o.BytesOut
	s.Wall += o.Wall
	s.DroppedDocs += o.DroppedDocs
	if o.Corpus != nil {
		if s.Corpus == nil {
			s.Corpus = &CorpusSummary{}
		}
		s.Corpus.ExactDocs += o.Corpus.ExactDocs
		s.Corpus.NearDocs += o.Corpus.NearDocs
		s.Corpus.RepeatedParagraphs += o.Corpus.RepeatedParagraphs
		s.Corpus.RemovedParagraphs += o.Corpus.RemovedParagraphs
		if o.Corpus.Boilerplate != nil {
			s.Corpus.Boilerplate = o.Corpus.Boilerplate
		}
	}
	if len(o.Findings) > 0 && s.Findings == nil {
		s.Findings = map[string]int64{}
	}
	for r, n := range o.Findings {
		s.Findings[r] += n
	}
}

// MBPerSecond is the input read per second of wall time, in megabytes
// (10⁶ bytes); 0 if no time was measured.
func (s *Summary) MBPerSecond() float64 {
	if s.Wall <= 0 {
		return 0
	}
	return float64(s.BytesIn) / 1e6 / s.Wall.Seconds()
}

// String gives the summary in two lines for a person, the second the
// findings by rule, most frequent first:
//
//	10000 records (9312 changed), 0 blank, 2 malformed (2 rejected); 21.4 MB in, 21.1 MB out in 1.2s (17.8 MB/s)
//	findings: quotes.curly 21330, space.repeated 1211, …
func (s *Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d records (%d changed), %d blank, %d malformed (%d rejected); %.1f MB in, %.1f MB out in %s (%.1f MB/s)",
		s.Records, s.Changed, s.Blank, s.Malformed, s.Rejected,
		float64(s.BytesIn)/1e6, float64(s.BytesOut)/1e6, s.Wall.Round(time.Millisecond), s.MBPerSecond())
	b.WriteString("\nfindings:")
	if len(s.Findings) == 0 {
		b.WriteString(" none")
	}
	for i, r := range s.rules() {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, " %s %d", r, s.Findings[r])
	}
	if c := s.Corpus; c != nil {
		fmt.Fprintf(&b, "\ncorpus: %d duplicate records (%d exact, %d near), %d dropped; %d repeated paragraphs, %d removed",
			c.DuplicateDocs(), c.ExactDocs, c.NearDocs, s.DroppedDocs, c.RepeatedParagraphs, c.RemovedParagraphs)
		for i, bp := range c.Boilerplate {
			fmt.Fprintf(&b, "\nboilerplate %d: %d× %q (first: %s)", i+1, bp.Count, bp.Text, bp.First)
		}
	}
	return b.String()
}

// rules returns the rule ids of the findings, most frequent first.
func (s *Summary) rules() []string {
	rules := slices.Collect(maps.Keys(s.Findings))
	slices.SortFunc(rules, func(a, b string) int {
		if c := cmp.Compare(s.Findings[b], s.Findings[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return rules
}

// MarshalJSON writes the summary as one object with snake_case keys,
// the wall time in seconds and the throughput in MB/s.
func (s Summary) MarshalJSON() ([]byte, error) {
	findings := s.Findings
	if findings == nil {
		findings = map[string]int64{}
	}
	var cs *corpusJSON
	if c := s.Corpus; c != nil {
		cs = &corpusJSON{DuplicateDocs: c.DuplicateDocs(), ExactDocs: c.ExactDocs, NearDocs: c.NearDocs,
			DroppedDocs: s.DroppedDocs, RepeatedParagraphs: c.RepeatedParagraphs, RemovedParagraphs: c.RemovedParagraphs,
			Boilerplate: []boilerJSON{}}
		for _, b := range c.Boilerplate {
			cs.Boilerplate = append(cs.Boilerplate, boilerJSON{b.Count, b.First.Doc, b.First.Para, b.Text})
		}
	}
	return json.Marshal(struct {
		Lines       int64            `json:"lines"`
		Records     int64            `json:"records"`
		Changed     int64            `json:"changed"`
		Blank       int64            `json:"blank"`
		Malformed   int64            `json:"malformed"`
		Rejected    int64            `json:"rejected"`
		BytesIn     int64            `json:"bytes_in"`
		BytesOut    int64            `json:"bytes_out"`
		Findings    map[string]int64 `json:"findings"`
		WallSeconds float64          `json:"wall_seconds"`
		MBPerSecond float64          `json:"mb_per_second"`
		Corpus      *corpusJSON      `json:"corpus,omitempty"`
	}{s.Lines, s.Records, s.Changed, s.Blank, s.Malformed, s.Rejected, s.BytesIn, s.BytesOut,
		findings, s.Wall.Seconds(), s.MBPerSecond(), cs})
}

// corpusJSON is the "corpus" object of the JSON summary.
type corpusJSON struct {
	DuplicateDocs      int64        `json:"duplicate_docs"`
	ExactDocs          int64        `json:"exact_duplicate_docs"`
	NearDocs           int64        `json:"near_duplicate_docs"`
	DroppedDocs        int64        `json:"dropped_docs"`
	RepeatedParagraphs int64        `json:"repeated_paragraphs"`
	RemovedParagraphs  int64        `json:"paragraphs_removed"`
	Boilerplate        []boilerJSON `json:"boilerplate"`
}

type boilerJSON struct {
	Count     int    `json:"count"`
	FirstDoc  string `json:"first_doc"`
	FirstPara int    `json:"first_paragraph"`
	Text      string `json:"text"`
}
