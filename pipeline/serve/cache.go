package serve

import (
	"container/list"
	"sync"

	"github.com/copydesk/copydesk/pipeline/document"
)

// A checkers is a bounded cache of document checkers, one for each set
// of settings, the least recently used dropped first. It is safe for
// concurrent use.
type checkers struct {
	mu    sync.Mutex
	max   int
	byKey map[settings]*list.Element // of *entry
	order list.List                  // most recently used first
	build func(settings) *document.Checker
	built int // checkers built so far, for tests
}

type entry struct {
	key settings
	c   *document.Checker
}

func newCheckers(max int, build func(settings) *document.Checker) *checkers {
	return &checkers{max: max, byKey: map[settings]*list.Element{}, build: build}
}

// get returns the checker of s, building it if the cache has none.
func (cs *checkers) get(s settings) *document.Checker {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if el, ok := cs.byKey[s]; ok {
		cs.order.MoveToFront(el)
		return el.Value.(*entry).c
	}
	// Building a checker builds one chain: quick enough to do under the
	// lock, and two requests never build the same one.
	c := cs.build(s)
	cs.built++
	cs.byKey[s] = cs.order.PushFront(&entry{key: s, c: c})
	for cs.order.Len() > cs.max {
		last := cs.order.Back()
		cs.order.Remove(last)
		delete(cs.byKey, last.Value.(*entry).key)
	}
	return c
}

// stats returns how many checkers the cache holds and how many it built.
func (cs *checkers) stats() (held, built int) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return cs.order.Len(), cs.built
}
