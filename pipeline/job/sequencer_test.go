package job

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// Results come out in the order the tasks were added, whatever order the
// workers finish them in, and at most window tasks are held at once.
func TestSequencerOrder(t *testing.T) {
	const n, workers, window = 200, 4, 8
	s := NewSequencer(context.Background(), workers, window)
	var got []int
	var held, most atomic.Int64
	for i := range n {
		if i%7 == 0 {
			held.Add(1)
			if err := s.AddDone(func() error { got = append(got, i); held.Add(-1); return nil }); err != nil {
				t.Fatal(err)
			}
			continue
		}
		held.Add(1)
		if h := held.Load(); h > most.Load() {
			most.Store(h)
		}
		err := s.Add(func(w int) func() error {
			if w < 0 || w >= workers {
				t.Errorf("worker %d out of range", w)
			}
			if i%3 == 0 {
				time.Sleep(time.Duration(i%5) * 100 * time.Microsecond)
			}
			return func() error { got = append(got, i); held.Add(-1); return nil }
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Wait(); err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("%d results, want %d", len(got), n)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("result %d is task %d", i, v)
		}
	}
	// Add blocks once window tasks wait for their turn: one more may be
	// counted by the caller before it blocks, and one is being emitted.
	if m := most.Load(); m > window+2 {
		t.Errorf("%d tasks held at once, want at most %d", m, window+2)
	}
}

// The first emit error stops the sequencer: later results are not
// emitted, Add and Wait return the error.
func TestSequencerError(t *testing.T) {
	s := NewSequencer(context.Background(), 2, 4)
	boom := errors.New("boom")
	var emitted atomic.Int64
	var addErr error
	for i := range 100 {
		err := s.Add(func(int) func() error {
			return func() error {
				emitted.Add(1)
				if i == 10 {
					return boom
				}
				return nil
			}
		})
		if err != nil {
			addErr = err
			break
		}
	}
	if err := s.Wait(); !errors.Is(err, boom) {
		t.Errorf("Wait = %v, want boom", err)
	}
	if addErr != nil && !errors.Is(addErr, boom) {
		t.Errorf("Add = %v, want boom", addErr)
	}
	if n := emitted.Load(); n != 11 {
		t.Errorf("%d emitted, want 11 (up to the failing one)", n)
	}
}

// A cancelled context stops the sequencer with its cause.
func TestSequencerCancel(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	s := NewSequencer(ctx, 1, 1)
	stop := fmt.Errorf("stopped")
	cancel(stop)
	err := s.Add(func(int) func() error { return nil })
	if werr := s.Wait(); !errors.Is(werr, stop) {
		t.Errorf("Wait = %v, want the cause", werr)
	}
	if err != nil && !errors.Is(err, stop) {
		t.Errorf("Add = %v", err)
	}
}
