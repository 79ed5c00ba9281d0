package jsonl

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// A Summary counts what CleanJSONL did.
type Summary struct {
	Lines     int64            // lines read: records, blank and malformed
	Records   int64            // records whose field was cleaned
	Changed   int64            // records whose field changed
	Blank     int64            // empty or white-space lines, passed through
	Malformed int64            // lines that are not records
	Rejected  int64            // malformed lines written to Options.Reject (the others were passed through)
	BytesIn   int64            // bytes read
	BytesOut  int64            // bytes written to the output
	Findings  map[string]int64 // findings by rule id
	Wall      time.Duration    // wall time
}

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
	}{s.Lines, s.Records, s.Changed, s.Blank, s.Malformed, s.Rejected, s.BytesIn, s.BytesOut,
		findings, s.Wall.Seconds(), s.MBPerSecond()})
}
