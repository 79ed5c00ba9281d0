package jsonl

import (
	"fmt"
	"strconv"
	"strings"
)

// A MalformedLimit is how many malformed lines a job accepts before it
// fails: a count, or a percentage of the lines that are not blank. The
// output is complete either way; the limit decides the exit status.
type MalformedLimit struct {
	Count   int64   // fail when more lines than this are malformed; used when Percent is 0
	Percent float64 // fail when more than this percentage of non-blank lines are malformed
}

// DefaultMalformedLimit fails a job when more than 10% of its lines are
// malformed: a file that is mostly not JSON Lines is the wrong file.
var DefaultMalformedLimit = MalformedLimit{Percent: 10}

// ParseMalformedLimit parses "N" (a count, 0 allowing none) or "P%" (a
// percentage from 0 to 100).
func ParseMalformedLimit(s string) (MalformedLimit, error) {
	s = strings.TrimSpace(s)
	if p, ok := strings.CutSuffix(s, "%"); ok {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || v < 0 || v > 100 {
			return MalformedLimit{}, fmt.Errorf("malformed-line limit %q: want a percentage from 0%% to 100%%", s)
		}
		if v == 0 {
			return MalformedLimit{}, nil // no malformed line at all
		}
		return MalformedLimit{Percent: v}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return MalformedLimit{}, fmt.Errorf("malformed-line limit %q: want a count (0 or more) or a percentage such as 10%%", s)
	}
	return MalformedLimit{Count: n}, nil
}

// String returns the limit as ParseMalformedLimit reads it.
func (l MalformedLimit) String() string {
	if l.Percent > 0 {
		return strconv.FormatFloat(l.Percent, 'f', -1, 64) + "%"
	}
	return strconv.FormatInt(l.Count, 10)
}

// Exceeded reports whether s has more malformed lines than l allows.
func (l MalformedLimit) Exceeded(s Summary) bool {
	if l.Percent > 0 {
		lines := s.Lines - s.Blank
		return lines > 0 && float64(s.Malformed)*100 > l.Percent*float64(lines)
	}
	return s.Malformed > l.Count
}
