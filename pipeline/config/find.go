package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// Find returns the path of the configuration file that applies in dir:
// dir's .copydesk.toml, or its parent's, and so on up to a boundary. It
// returns "" if there is none. The path is absolute.
//
// The boundaries keep a file that someone else controls from
// configuring a project (demoting its errors, say):
//
//   - in a repository (a directory holding .git, a directory, or a file
//     in a worktree or submodule), the search ends at the repository
//     root: its own file is read, none above it;
//   - outside a repository, it ends at the user's home directory (its
//     own file is read, none above), or else at the filesystem root; and
//     there (on Unix) a file that belongs to another user, neither this
//     one nor root, is an error rather than a configuration: anyone may
//     leave a file in /tmp.
//
// A file beyond a boundary is used only when named (Loader.Path, the
// command line's --config).
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding %s: %w", FileName, err)
	}
	b := bounds{home: homeDir()}
	return b.find(abs, nil)
}

// bounds are what limits a search: the user's home directory and, in a
// Loader, the repository root of each directory met so far.
type bounds struct {
	home  string
	roots map[string]string // directory → its repository root, or ""; nil: not kept
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

// repoRoot returns the repository root of the absolute directory dir:
// dir or the nearest directory above it that holds .git; "" outside a
// repository.
func (b *bounds) repoRoot(dir string) string {
	var walked []string
	root := ""
	for d := dir; ; {
		if r, ok := b.roots[d]; ok {
			root = r
			break
		}
		walked = append(walked, d)
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			root = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if b.roots != nil {
		for _, d := range walked {
			b.roots[d] = root
		}
	}
	return root
}

// find walks up from the absolute directory abs to the configuration
// file that applies there. seen, if not nil, is called for each
// directory before it is looked at: it may answer for it (a cache), and
// learns of the directories walked.
func (b *bounds) find(abs string, seen func(dir string) (string, bool)) (string, error) {
	root := b.repoRoot(abs)
	for d := abs; ; {
		if seen != nil {
			if p, ok := seen(d); ok {
				return p, nil
			}
		}
		p, err := here(d)
		if err != nil {
			return "", err
		}
		if p != "" {
			if root == "" {
				if uid, ok := foreignOwner(p); ok {
					return "", fmt.Errorf("finding %s: %s belongs to another user (uid %d) and is in no repository: not read (name it with --config to use it, or use --no-config)", FileName, p, uid)
				}
			}
			return p, nil
		}
		parent := filepath.Dir(d)
		if d == root || (root == "" && d == b.home) || parent == d {
			return "", nil
		}
		d = parent
	}
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

	mu     sync.Mutex
	bounds bounds             // the limits of the search
	dirs   map[string]string  // absolute directory → its configuration file, or ""
	files  map[string]*loaded // configuration file → what loading it gave
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
		l.bounds = bounds{home: homeDir(), roots: map[string]string{}}
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
	p, err := l.bounds.find(abs, func(d string) (string, bool) {
		if c, ok := l.dirs[d]; ok {
			return c, true
		}
		walked = append(walked, d)
		return "", false
	})
	if err != nil {
		return "", err
	}
	for _, d := range walked {
		l.dirs[d] = p
	}
	return p, nil
}
