package normalize

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// TestSpacesCheckEach checks that CheckEach hands over Check's findings,
// in order, after a count that matches, and that Check's block of
// findings is exactly the size it needs.
func TestSpacesCheckEach(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	parts := []string{" ", "  ", "   ", "\t", "\n", "\r\n", "\r", "word", "a", "\n\n", " \t "}
	texts := []string{"", " ", "  x  ", "a  a  a  a", strings.Repeat("word  ", 100)}
	for range 300 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		want := spacesStage{}.Check(text)
		if len(want) != cap(want) {
			t.Errorf("%q: Check's block has room for %d findings, holds %d", text, cap(want), len(want))
		}
		sink := &listSink{t: t, text: text, counted: -1}
		spacesStage{}.CheckEach(text, sink)
		if sink.counted != len(want) || !reflect.DeepEqual(sink.got, want) && len(want) > 0 {
			t.Errorf("%q: CheckEach counted %d and gave %+v, Check gave %+v", text, sink.counted, sink.got, want)
		}
	}
}

// listSink keeps what a CheckEach hands over.
type listSink struct {
	t       *testing.T
	text    string
	counted int
	got     []lint.Finding
}

func (s *listSink) Reserve(n int) {
	if s.counted >= 0 || s.got != nil {
		s.t.Errorf("%q: Reserve called twice or late", s.text)
	}
	s.counted = n
}

func (s *listSink) Add(f lint.Finding) { s.got = append(s.got, f) }

// TestCharsCheckEach checks the chars stage's streaming form the same
// way, on text with every kind of character it replaces.
func TestCharsCheckEach(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	parts := []string{"“", "”", "‘", "’", "…", "\u00a0", "\u2009", "\u3000", "‐", "a", " ", "\n", "x…y", "| a … b |\n"}
	texts := []string{"", "plain", "“a” ‘b’ …"}
	for range 300 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		texts = append(texts, b.String())
	}
	for _, st := range []charsStage{{}, {quotes: QuotesTypographic}} {
		for _, text := range texts {
			want := st.Check(text)
			sink := &listSink{t: t, text: text, counted: -1}
			st.CheckEach(text, sink)
			if sink.counted != len(want) || !reflect.DeepEqual(sink.got, want) && len(want) > 0 {
				t.Errorf("%q: CheckEach counted %d and gave %+v, Check gave %+v", text, sink.counted, sink.got, want)
			}
		}
	}
}
