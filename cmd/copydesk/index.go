package main

import (
	"errors"
	"fmt"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/dedupe/seen"
)

// openIndex opens the seen-index of --index, repaired with
// --repair-index, and says on standard error what was changed in the
// file: a torn tail cut off, frames dropped by a repair, an old format
// rewritten.
func (e *env) openIndex(path string, repair bool) (seen.Index, error) {
	idx, rep, err := seen.OpenWith(path, corpus.Version, seen.Options{Repair: repair})
	for _, note := range rep.Notes() {
		e.errorf("%s", note)
	}
	var ce *seen.CorruptError
	if errors.As(err, &ce) && ce.Offset > 0 && !repair {
		return nil, fmt.Errorf("%w; --repair-index keeps every good frame and drops the rest", err)
	}
	return idx, err
}
