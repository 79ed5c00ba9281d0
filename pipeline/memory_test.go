package pipeline

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/normalize/punct"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// TestPermute checks the in-place permutation of finish against a copy.
func TestPermute(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 40 {
		fs := make([]Finding, n)
		for i := range fs {
			fs[i].Start = i
		}
		order := rng.Perm(n)
		want := make([]Finding, n)
		for to, from := range order {
			want[to] = fs[from]
		}
		permute(fs, order)
		if !reflect.DeepEqual(fs, want) {
			t.Fatalf("n=%d: permute gave %v, want %v", n, fs, want)
		}
	}
}

// TestComposerCount checks that count foresees exactly the pieces and
// owners apply makes, on random edits over random pieces.
func TestComposerCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	text := strings.Repeat("abcdefghij", 20)
	for round := range 300 {
		var c composer
		cur := text
		for range 3 {
			var edits []ownedEdit
			for pos := rng.IntN(5); pos < len(cur); pos += 1 + rng.IntN(12) {
				end := min(pos+rng.IntN(4), len(cur))
				e := &lint.Edit{Span: lint.Span{Start: pos, End: end}, New: strings.Repeat("x", rng.IntN(3))}
				edits = append(edits, ownedEdit{Edit: e, owner: len(edits)})
				pos = end
			}
			np, no := c.count(edits)
			cur = c.apply(cur, edits)
			owners := 0
			for _, pc := range c.pieces {
				owners += len(pc.owners)
			}
			if len(c.pieces) != np || cap(c.pieces) != np {
				t.Fatalf("round %d: count said %d pieces, apply made %d (cap %d)", round, np, len(c.pieces), cap(c.pieces))
			}
			if owners < no {
				t.Fatalf("round %d: count said %d owners in groups, pieces list %d in all", round, no, owners)
			}
		}
	}
}

// hidden is a stage without CheckEach: the pipeline takes its findings
// from Check.
type hidden struct{ lint.Stage }

// TestStreamerSameResult checks that a stage's findings taken one at a
// time (CheckEach) give the result its Check gives.
func TestStreamerSameResult(t *testing.T) {
	stages := func(hide bool) []lint.Stage {
		var out []lint.Stage
		for _, st := range normalize.Stages(normalize.Options{}) {
			if _, ok := st.(streamer); ok && hide {
				st = hidden{st}
			}
			out = append(out, st)
		}
		return append(out, punct.New(punct.Options{}), dedupe.New(dedupe.Options{}))
	}
	streams := 0
	for _, st := range stages(false) {
		if _, ok := st.(streamer); ok {
			streams++
		}
	}
	if streams == 0 {
		t.Fatal("no default stage has CheckEach")
	}
	for _, in := range []string{
		"",
		"  Lead  space,  repeated   spaces and trailing  \n\t\nnext  line the the the end. \r\n",
		strings.Repeat("word  ", 300) + "\n\n" + strings.Repeat("na  na ", 50),
		"a \u00a0 b  c\n   \n  d  ",
	} {
		a, b := New(stages(false)...), New(stages(true)...)
		a.Repeat(len(stages(false)) - 2)
		b.Repeat(len(stages(true)) - 2)
		a.Disable(normalize.RuleLeadingSpace)
		b.Disable(normalize.RuleLeadingSpace)
		ra, rb := a.Run(in), b.Run(in)
		if !reflect.DeepEqual(ra, rb) {
			t.Errorf("%q: CheckEach and Check differ:\n%+v\n%+v", in, ra, rb)
		}
	}
}
