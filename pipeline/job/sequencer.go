package job

import (
	"context"
	"sync"
)

// A Task is one piece of work of a Sequencer. It runs on one of the
// sequencer's worker goroutines, worker (from 0) telling which, so that a
// task can use state kept per worker (a pipeline, an analyzer) without
// locks. It returns the function that emits its result; emits run one at
// a time, in the order the tasks were added. A nil emit does nothing.
type Task func(worker int) (emit func() error)

// A Sequencer runs tasks on a fixed number of worker goroutines and
// emits their results in the order they were added, as gofmt's
// sequencer does: output is deterministic whatever the parallelism.
// Memory is bounded: at most window tasks are added and not yet emitted,
// so Add blocks while the oldest one is still running. The first error
// of an emit, or the context's end, stops the sequencer: later tasks are
// neither run nor emitted, and Add and Wait return the error.
type Sequencer struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
	work   chan *item
	order  chan *item
	wg     sync.WaitGroup // the workers
	done   chan struct{}  // closed when the emitter has ended
	mu     sync.Mutex
	err    error
}

type item struct {
	task  Task
	emit  func() error
	ready chan struct{}
}

// NewSequencer starts a Sequencer of workers goroutines (at least one)
// that holds at most window tasks (at least workers) added and not yet
// emitted. Call Wait when every task is added.
func NewSequencer(ctx context.Context, workers, window int) *Sequencer {
	workers = max(workers, 1)
	window = max(window, workers)
	ctx, cancel := context.WithCancelCause(ctx)
	s := &Sequencer{
		ctx:    ctx,
		cancel: cancel,
		work:   make(chan *item, workers),
		order:  make(chan *item, window),
		done:   make(chan struct{}),
	}
	for w := range workers {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			for it := range s.work {
				if s.ctx.Err() == nil {
					it.emit = it.task(w)
				}
				close(it.ready)
			}
		}()
	}
	go s.emitter()
	return s
}

// emitter emits the tasks' results in order.
func (s *Sequencer) emitter() {
	defer close(s.done)
	for it := range s.order {
		<-it.ready
		if it.emit == nil || s.ctx.Err() != nil {
			continue
		}
		if err := it.emit(); err != nil {
			s.fail(err)
		}
	}
}

// fail records the first error and stops the sequencer.
func (s *Sequencer) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
	s.cancel(err)
}

// Err returns the error that stopped the sequencer, or nil.
func (s *Sequencer) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	return context.Cause(s.ctx)
}

// Add adds a task, waiting while window tasks are held. It returns the
// error that stopped the sequencer, if any; the task is then dropped.
// Add must not be called after Wait, nor from a task or an emit.
func (s *Sequencer) Add(task Task) error {
	it := &item{task: task, ready: make(chan struct{})}
	select {
	case s.order <- it:
	case <-s.ctx.Done():
		return s.Err()
	}
	select {
	case s.work <- it:
	case <-s.ctx.Done():
		close(it.ready) // the emitter skips it
		return s.Err()
	}
	return nil
}

// AddDone adds a result that needs no work: emit runs in its turn.
func (s *Sequencer) AddDone(emit func() error) error {
	it := &item{emit: emit, ready: make(chan struct{})}
	close(it.ready)
	select {
	case s.order <- it:
		return nil
	case <-s.ctx.Done():
		return s.Err()
	}
}

// Wait waits for every task added to be run and emitted, ends the
// workers and returns the error that stopped the sequencer, if any: the
// first error of an emit, or the cause of the context's end.
func (s *Sequencer) Wait() error {
	close(s.work)
	close(s.order)
	s.wg.Wait()
	<-s.done
	err := s.Err()
	s.cancel(nil)
	return err
}
