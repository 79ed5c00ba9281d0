package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// An atomicFile replaces a file atomically: what is written goes to a
// temporary file in the same directory, which Commit syncs to disk and
// renames over the target. Until then, and whatever fails, the target is
// untouched; Abort removes the temporary file. A target that is a
// character device or a named pipe (/dev/null, /dev/stdout, a FIFO) is
// not a file to replace: it is written directly.
//
// The temporary file is created with the owner's bits of the final mode
// only (at most 0600), before any byte is written: what it holds is
// never readable by more users than the final file, even if the run is
// killed. Commit gives it the final mode just before the rename. Its name
// says which process made it (see tempName), so that a later run can
// remove it once that process is gone (see sweepStale).
type atomicFile struct {
	*bufio.Writer
	e      *env
	name   string // the path as given, for messages
	target string // the file replaced: the path with symbolic links resolved
	f      *os.File
	mode   fs.FileMode // the final mode, set at Commit
	old    fs.FileInfo // the file replaced, if it exists
	direct bool        // f is the target itself, a device or a pipe
	// noSync skips the fsync of the file and its directory, for a batch
	// that syncs once at the end (clean -o DIR).
	noSync bool
	done   bool
}

// createAtomic starts replacing path. An existing file keeps its mode
// (and, where permitted, its owner); a new file gets the usual mode for
// new files, 0666 less the umask. A file with other hard links is
// replaced under this name only: the other names keep the old text.
func (e *env) createAtomic(path string) (*atomicFile, error) {
	return e.openAtomic(path, true)
}

// rewriteFile replaces path with text atomically, for -w: a file with
// other hard links is refused unless breakLinks (--break-links).
func (e *env) rewriteFile(path, text string, breakLinks bool) error {
	a, err := e.openAtomic(path, breakLinks)
	if err != nil {
		return err
	}
	if _, err := a.WriteString(text); err != nil {
		a.Abort()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return a.Commit()
}

// openAtomic is createAtomic; a target with other hard links is refused
// unless splitLinks.
func (e *env) openAtomic(path string, splitLinks bool) (*atomicFile, error) {
	a := &atomicFile{e: e, name: path, target: path}
	if !isFDPath(path) {
		a.target = resolveLinks(path)
	}
	fi, err := os.Stat(a.target)
	switch {
	case err == nil && (isFDPath(path) || fi.Mode()&(fs.ModeCharDevice|fs.ModeNamedPipe) != 0):
		if err := e.step("create", path); err != nil {
			return nil, fmt.Errorf("writing %s: %w", path, err)
		}
		// As a shell's "> path" does; O_TRUNC is ignored by devices
		// and pipes.
		if a.f, err = os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0); err != nil {
			return nil, fmt.Errorf("writing %s: %w", path, err)
		}
		a.direct = true
		a.Writer = bufio.NewWriterSize(a.f, 64<<10)
		return a, nil
	case err == nil && !fi.Mode().IsRegular():
		return nil, fmt.Errorf("writing %s: not a regular file", path)
	case err == nil:
		if n := linkCount(fi); n > 1 && !splitLinks {
			return nil, fmt.Errorf("writing %s: it has %d hard links: rewriting it would give this name new text and leave the other %d with the old; left alone (--break-links rewrites it anyway)", path, n, n-1)
		}
		a.old = fi
		a.mode = fi.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("writing %s: %w", path, err)
	default:
		a.mode = 0o666 &^ umask
	}
	if err := e.step("create", path); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	dir, base := filepath.Split(a.target)
	e.sweepStale(dir)
	for try := 0; ; try++ {
		tmp := filepath.Join(dir, tempName(base))
		a.f, err = os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, a.mode&0o600)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) || try == 100 {
			return nil, fmt.Errorf("writing %s: %w", path, err)
		}
	}
	a.Writer = bufio.NewWriterSize(a.f, 64<<10)
	return a, nil
}

// Commit writes the file in place of the target.
func (a *atomicFile) Commit() error {
	if a.done {
		return errors.New("atomicFile: already done")
	}
	err := a.commit()
	if err != nil {
		a.Abort()
		return fmt.Errorf("writing %s: %w", a.name, err)
	}
	a.done = true
	return nil
}

func (a *atomicFile) commit() error {
	if err := a.e.step("write", a.name); err != nil {
		return err
	}
	if err := a.Flush(); err != nil {
		return err
	}
	if a.direct {
		return a.f.Close()
	}
	if a.old != nil {
		chown(a.f, a.old) // best effort: only the owner or root can
	}
	if err := a.f.Chmod(a.mode); err != nil {
		return err
	}
	if err := a.e.step("sync", a.name); err != nil {
		return err
	}
	if err := a.syncFile(); err != nil {
		return err
	}
	if err := a.f.Close(); err != nil {
		return err
	}
	if err := a.e.step("rename", a.name); err != nil {
		return err
	}
	if err := os.Rename(a.f.Name(), a.target); err != nil {
		return err
	}
	// Make the rename itself durable; not every system can sync a
	// directory, and the file is in place either way.
	if a.noSync {
		return nil
	}
	if d, err := os.Open(filepath.Dir(a.target)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// syncFile syncs the temporary file to disk, unless a.noSync.
func (a *atomicFile) syncFile() error {
	if a.noSync {
		return nil
	}
	return a.f.Sync()
}

// Abort removes the temporary file; the target stays as it was. It may
// be called after Commit, to no effect.
func (a *atomicFile) Abort() {
	if a.done {
		return
	}
	a.done = true
	a.f.Close()
	if !a.direct {
		os.Remove(a.f.Name())
	}
}

// isFDPath reports whether path names an open file of a process, such
// as /dev/stdout or /proc/self/fd/3. Such a path is a link to whatever
// the descriptor is, possibly the regular file a shell redirected to:
// it is written, never replaced.
func isFDPath(path string) bool {
	path = filepath.ToSlash(filepath.Clean(path))
	switch path {
	case "/dev/stdout", "/dev/stderr", "/dev/stdin":
		return true
	}
	if strings.HasPrefix(path, "/dev/fd/") {
		return true
	}
	rest, ok := strings.CutPrefix(path, "/proc/")
	if !ok {
		return false
	}
	_, rest, ok = strings.Cut(rest, "/")
	return ok && strings.HasPrefix(rest, "fd/")
}

// resolveLinks returns the file path names after symbolic links, so
// that a link is followed rather than replaced: the path with every link
// resolved, or for a link to a file that does not exist yet, the file
// it would create.
func resolveLinks(path string) string {
	if t, err := filepath.EvalSymlinks(path); err == nil {
		return t
	}
	for range 40 { // as many links as Linux follows
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return path
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return path
}

// isStdout reports whether path names standard output.
func isStdout(path string) bool {
	switch filepath.ToSlash(filepath.Clean(path)) {
	case "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1":
		return true
	}
	return false
}

// step lets tests fail a step of writing a file.
func (e *env) step(step, path string) error {
	if e.failWrite == nil {
		return nil
	}
	return e.failWrite(step, path)
}

// writeFile replaces path with text atomically.
func (e *env) writeFile(path, text string) error { return e.rewriteFile(path, text, true) }
