package main

import (
	"errors"
	"fmt"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/dedupe/seen"
	"github.com/urfave/cli/v2"
)

// openIndex opens the seen-index of --index, repaired with
// --repair-index, and says on standard error what was changed in the
// file: a torn tail cut off, frames dropped by a repair, an old format
// rewritten.
func (e *env) openIndex(c *cli.Context, path string) (seen.Index, error) {
	idx, rep, err := seen.OpenWith(path, corpus.Version, seen.Options{Repair: c.Bool("repair-index")})
	for _, note := range rep.Notes() {
		e.errorf("%s", note)
	}
	var ce *seen.CorruptError
	if errors.As(err, &ce) && ce.Offset > 0 && !c.Bool("repair-index") {
		return nil, fmt.Errorf("%w; --repair-index keeps every good frame and drops the rest", err)
	}
	return idx, err
}
