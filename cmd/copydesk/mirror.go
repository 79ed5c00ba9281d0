package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/copydesk/copydesk/pipeline/walk"
)

// A mirror writes each file of a batch below a directory, at its path
// relative to the argument it was found under (clean -o DIR).
type mirror struct {
	dir     string
	abs     string            // dir made absolute, to skip it when walking
	written map[string]string // target → the input written there
}

func newMirror(dir string) *mirror {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	return &mirror{dir: dir, abs: abs, written: map[string]string{}}
}

// inside reports whether a walked file is in the mirror's directory,
// which a walk of a directory holding it must not take as input.
func (m *mirror) inside(e walk.Entry) bool {
	abs, err := filepath.Abs(e.Path)
	return err == nil && (abs == m.abs || strings.HasPrefix(abs, m.abs+string(filepath.Separator)))
}

// write writes text at the mirror of d's file, creating directories.
func (m *mirror) write(e *env, d *doc, text string) error {
	target := filepath.Join(m.dir, d.entry.Rel)
	if prev, ok := m.written[target]; ok {
		return fmt.Errorf("%s: %s was written from %s already, left alone", d.in.name, target, prev)
	}
	m.written[target] = d.in.name
	if err := os.MkdirAll(filepath.Dir(target), 0o777); err != nil {
		return fmt.Errorf("writing %s: %w", target, err)
	}
	a, err := e.createAtomic(target)
	if err != nil {
		return err
	}
	a.noSync = true // one sync at the end: see mirror.sync
	if _, err := a.WriteString(text); err != nil {
		a.Abort()
		return fmt.Errorf("writing %s: %w", target, err)
	}
	return a.Commit()
}

// sync flushes what the mirror wrote to disk, once: an fsync for each
// file costs more than the cleaning (14 s instead of 0.5 s for 2225
// news articles).
func (m *mirror) sync() error {
	if len(m.written) == 0 {
		return nil
	}
	if err := syncDir(m.dir); err != nil {
		return fmt.Errorf("writing %s: %w", m.dir, err)
	}
	return nil
}
