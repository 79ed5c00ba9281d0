package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// Find returns the path of the configuration file that applies in dir:
// dir's .copydesk.toml, or its parent's, and so on up to the first
// boundary. It returns "" if there is none. The path is absolute.
//
// The boundaries keep a file that someone else controls from
// configuring a project (demoting its errors, say):
//
//   - the repository root, a directory holding .git (a directory, or a
//     file in a worktree or submodule): its own file is read, none above;
//   - outside a repository, the user's home directory (its own file is
//     read, none above), or else the filesystem root;
//   - on Unix, a directory that every user may write to (such as /tmp):
//     neither its file nor any above it is read.
//
// A file beyond a boundary is used only when named (Loader.Path, the
// command line's --config).
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding %s: %w", FileName, err)
	}
	home := homeDir()
	for {
		p, stop, err := look(abs, home)
		if err != nil || p != "" || stop {
			return p, err
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", nil
		}
		abs = parent
	}
}

// homeDir returns the user's home directory, cleaned, or "".
func homeDir() string {
	h, err := os.UserHomeDir()
	if err != nil || h == "" {
		return ""
	}
	if abs, err := filepath.Abs(h); err == nil {
		return abs
	}
	return ""
}

// look is one step of the walk up: dir's configuration file, if it may
// be read, or "" and whether the walk ends at dir.
func look(dir, home string) (p string, stop bool, err error) {
	if writableByAll(dir) {
		return "", true, nil
	}
	if p, err = here(dir); err != nil || p != "" {
		return p, true, err
	}
	return "", dir == home || isRepoRoot(dir), nil
}

// isRepoRoot reports whether dir holds .git, a directory or a file.
func isRepoRoot(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	return err == nil
}

// writableByAll reports whether every user may write in dir (Unix
// modes only: elsewhere the mode does not say).
func writableByAll(dir string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		return false
	}
	fi, err := os.Stat(dir)
	return err == nil && fi.Mode().Perm()&0o002 != 0
}

// here returns dir's configuration file, or "" if it has none.
func here(dir string) (string, error) {
	p := filepath.Join(dir, FileName)
	fi, err := os.Stat(p)
	switch {
	case err == nil && fi.Mode().IsRegular():
		return p, nil
	case err == nil:
		return "", fmt.Errorf("finding %s: %s is not a regular file", FileName, p)
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission), isNotDir(err):
		// An unreadable directory has no configuration we could use;
		// keep looking above it.
		return "", nil
	}
	return "", fmt.Errorf("finding %s: %w", FileName, err)
}

func isNotDir(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && errors.Is(pe.Err, syscall.ENOTDIR)
}

// A Loader finds and loads the configuration of many files, once per
// directory and once per configuration file: a batch of 100,000 files in
// a few directories costs a few look-ups. It is safe for concurrent use.
// The zero value searches for .copydesk.toml and checks rule ids against
// DefaultRules.
type Loader struct {
	// Path, if set, is the configuration of every file (--config PATH):
	// no search is done.
	Path string
	// Rules are the rules a [rules] table may name; nil means
	// DefaultRules.
	Rules []lint.Rule

	mu    sync.Mutex
	home  string             // the user's home directory, a boundary of the search
	dirs  map[string]string  // absolute directory → its configuration file, or ""
	files map[string]*loaded // configuration file → what loading it gave
}

type loaded struct {
	cfg *Config
	err error
}

// ForFile returns the configuration of the file at path: the one in
// path's directory or above it, up to the boundaries Find stops at, or
// l.Path. It returns nil and no error when there is none.
func (l *Loader) ForFile(path string) (*Config, error) {
	return l.ForDir(filepath.Dir(path))
}

// ForDir returns the configuration that applies in dir (for standard
// input, the current directory "."), or nil and no error when there is
// none. A broken configuration file gives the same error to every
// directory it applies to.
func (l *Loader) ForDir(dir string) (*Config, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.files == nil {
		l.files = map[string]*loaded{}
		l.dirs = map[string]string{}
		l.home = homeDir()
	}
	p := l.Path
	if p == "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, fmt.Errorf("finding %s: %w", FileName, err)
		}
		if p, err = l.find(abs); err != nil {
			return nil, err
		}
		if p == "" {
			return nil, nil
		}
	}
	if r, ok := l.files[p]; ok {
		return r.cfg, r.err
	}
	cfg, err := LoadRules(p, l.Rules)
	l.files[p] = &loaded{cfg, err}
	return cfg, err
}

// find is Find with the answers cached for every directory passed.
// The caller holds l.mu.
func (l *Loader) find(abs string) (string, error) {
	var walked []string
	p := ""
	for {
		if c, ok := l.dirs[abs]; ok {
			p = c
			break
		}
		walked = append(walked, abs)
		var stop bool
		var err error
		if p, stop, err = look(abs, l.home); err != nil {
			return "", err
		}
		if p != "" || stop {
			break
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			break
		}
		abs = parent
	}
	for _, d := range walked {
		l.dirs[d] = p
	}
	return p, nil
}
