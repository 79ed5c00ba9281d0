package dedupe

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// TestKeySetMatchesModel adds, finds and rolls back units in a keySet
// and in a plain model of it, with few distinct hashes (so that probe
// runs and same-hash chains are long and wrap around the table) and
// across resets of different sizes, and checks that they always agree.
func TestKeySetMatchesModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	var s keySet
	type unit struct {
		h    uint64
		key  string
		span lint.Span
		skip []lint.Span
	}
	for round := range 60 {
		s.reset(rng.IntN(100))
		var model []unit // in order of addition
		keys := map[lint.Span]string{}
		keyOf := func(sp lint.Span, skip []lint.Span) []byte {
			want := ""
			for _, u := range model {
				if u.span == sp {
					want = fmt.Sprint(u.skip)
				}
			}
			if got := fmt.Sprint(skip); got != want {
				t.Fatalf("round %d: skips of %v: %s, want %s", round, sp, got, want)
			}
			return []byte(keys[sp])
		}
		nh := 1 + rng.IntN([]int{3, 20, 200}[round%3])
		for op := range 3000 {
			// Hashes whose low bits collide a lot, at the top and the
			// bottom of the table (so that probe runs wrap around), and
			// whose keys may differ under one hash.
			h := uint64(rng.IntN(nh))*1024 + uint64(1021+rng.IntN(6))%1024
			key := fmt.Sprintf("k%d", rng.IntN(2*nh))
			switch r := rng.IntN(10); {
			case r < 6:
				span := lint.Span{Start: op, End: op + 1}
				skip := []lint.Span{{Start: op, End: op}}[:rng.IntN(2)]
				keys[span] = key
				s.add(h, span, skip)
				model = append(model, unit{h, key, span, skip})
			case r < 9:
				got, ok := s.find(h, []byte(key), keyOf)
				var want lint.Span
				wantOK := false
				for i := len(model) - 1; i >= 0; i-- {
					if model[i].h == h && model[i].key == key {
						want, wantOK = model[i].span, true
						break
					}
				}
				// find returns the newest entry of the hash chain with
				// an equal key.
				if ok != wantOK || got != want {
					t.Fatalf("round %d op %d: find(%d, %s) = %v %v, want %v %v", round, op, h, key, got, ok, want, wantOK)
				}
			default:
				m := rng.IntN(s.mark() + 1)
				s.rollback(m)
				model = model[:m]
			}
			if s.mark() != len(model) {
				t.Fatalf("round %d op %d: %d entries, want %d", round, op, s.mark(), len(model))
			}
		}
	}
}
