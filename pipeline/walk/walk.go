package walk

import (
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// DefaultInclude are the files taken from a directory when
// Options.Include is empty. Include globs match names in any letter
// case (README.TXT, DOC.MD).
var DefaultInclude = []string{"*.md", "*.markdown", "*.txt"}

// IgnoreFileName is the ignore file read in each directory.
const IgnoreFileName = ".gitignore"

// ErrNoMatch is wrapped by the error for a glob that matches no file.
var ErrNoMatch = errors.New("no file matches the pattern")

// ErrLoop is wrapped by the error for a symbolic link to a directory
// that is being walked already.
var ErrLoop = errors.New("symbolic link loop, not followed")

// Options control a walk. The zero value walks with the defaults.
type Options struct {
	// Include are the globs of the files taken from a directory; nil or
	// empty means DefaultInclude. A glob without a "/" matches a file's
	// name; one with a "/" matches its path relative to the directory
	// argument. Globs use doublestar syntax: *, ?, [a-z], {a,b}, **.
	Include []string
	// Exclude are globs, matched as Include, of files and directories to
	// skip inside directories and globs (never a file named explicitly).
	Exclude []string
	// Hidden walks hidden files and directories too (names starting
	// with "."). ".git" is skipped all the same.
	Hidden bool
	// NoIgnore does not read .gitignore files and .git/info/exclude.
	NoIgnore bool
	// FollowLinks follows symbolic links inside walked directories.
	FollowLinks bool
	// Dir, when set, is called for each directory the walk enters, the
	// argument first (not the directories above it: a configuration
	// loader can look upward from there itself). The Rules it returns,
	// if not nil, apply to that directory and everything below it. An
	// error is reported as an error entry for the directory, which is
	// then skipped.
	Dir func(dir string) (*Rules, error)
}

// Rules are what Options.Dir adds for a directory and everything below
// it. Globs are relative to that directory.
type Rules struct {
	// Include, if not nil, replaces the include globs inherited from
	// above (Options.Include or a higher directory's Rules).
	Include []string
	// Exclude globs skip files and directories, in addition to those
	// inherited.
	Exclude []string
	// Ignore, if not nil, is consulted like a .gitignore file of the
	// directory (before it, so it wins over it).
	Ignore Matcher
}

// An Entry is one file found, or an error.
type Entry struct {
	// Path is the file: the argument for a file named explicitly, or the
	// directory or glob base joined with the path inside it (cleaned,
	// "docs/a.md").
	Path string
	// Rel is the path relative to the argument: inside the directory, or
	// below the glob's fixed base ("sub/a.md"); a file named explicitly
	// has its base name. Output mirrors (clean -o DIR) use it.
	Rel string
	// Arg is the argument the entry comes from.
	Arg string
	// Explicit is true for a file named as an argument.
	Explicit bool
	// Err is set when a directory could not be read or a glob is wrong
	// or matched nothing; Path names the directory or the argument.
	Err error
}

// Files walks args and collects the files, and the errors, in order.
func Files(args []string, opts Options) (files []string, errs []error) {
	for e := range Walk(args, opts) {
		if e.Err != nil {
			errs = append(errs, e.Err)
		} else {
			files = append(files, e.Path)
		}
	}
	return files, errs
}

// Walk returns the entries for args in order: each argument that is a
// directory is walked; one that names no file and has glob characters
// (* ? [ {) is a doublestar pattern; any other is a file, given as it is
// without a check, so that reading it reports what is wrong with it.
func Walk(args []string, opts Options) iter.Seq[Entry] {
	return func(yield func(Entry) bool) {
		w := &walker{opts: opts, yield: yield, seen: map[string]bool{}}
		for _, pats := range [][]string{opts.Include, opts.Exclude} {
			for _, p := range pats {
				if !doublestar.ValidatePattern(p) {
					yield(Entry{Path: p, Arg: p, Err: fmt.Errorf("%s: bad glob pattern", p)})
					return
				}
			}
		}
		for _, arg := range args {
			if !w.arg(arg) {
				return
			}
		}
	}
}

type walker struct {
	opts  Options
	yield func(Entry) bool
	seen  map[string]bool
}

// emit yields a file unless it was given already; it returns false when
// the caller stopped the walk.
func (w *walker) emit(e Entry) bool {
	key := filepath.Clean(e.Path)
	if w.seen[key] {
		return true
	}
	w.seen[key] = true
	return w.yield(e)
}

// arg walks one argument.
func (w *walker) arg(arg string) bool {
	if arg == "-" || arg == "" {
		return w.emit(Entry{Path: arg, Rel: arg, Arg: arg, Explicit: true})
	}
	fi, err := os.Stat(arg)
	switch {
	case err == nil && fi.IsDir():
		return w.root(arg, arg, nil, nil)
	case err != nil && hasMeta(arg):
		if _, lerr := os.Lstat(arg); lerr != nil {
			return w.glob(arg)
		}
	}
	return w.emit(Entry{Path: arg, Rel: filepath.Base(arg), Arg: arg, Explicit: true})
}

// hasMeta reports whether s has doublestar's special characters.
func hasMeta(s string) bool { return strings.ContainsAny(s, "*?[{") }

// braceSlash finds a brace alternative with a slash, which makes
// pruning directories by pattern components unsafe.
var braceSlash = regexp.MustCompile(`\{[^}]*/[^}]*\}`)

// glob walks the fixed base of a pattern and takes the files matching it.
func (w *walker) glob(arg string) bool {
	slashed := filepath.ToSlash(arg)
	if !doublestar.ValidatePattern(slashed) {
		return w.yield(Entry{Path: arg, Arg: arg, Err: fmt.Errorf("%s: bad glob pattern", arg)})
	}
	base, pat := doublestar.SplitPattern(slashed)
	g := &globFilter{pattern: pat, hidden: strings.HasPrefix(pat, ".") || strings.Contains(pat, "/.")}
	if !braceSlash.MatchString(pat) {
		g.parts = strings.Split(pat, "/")
	}
	fi, err := os.Stat(filepath.FromSlash(base))
	if err != nil || !fi.IsDir() {
		return w.yield(Entry{Path: arg, Arg: arg, Err: fmt.Errorf("%s: %w", arg, ErrNoMatch)})
	}
	found := false
	ok := w.root(filepath.FromSlash(base), arg, func(e Entry) bool {
		found = true
		return w.emit(e)
	}, g)
	if ok && !found {
		return w.yield(Entry{Path: arg, Arg: arg, Err: fmt.Errorf("%s: %w", arg, ErrNoMatch)})
	}
	return ok
}

// A globFilter takes the files below a glob's base that match it.
type globFilter struct {
	pattern string
	parts   []string // the pattern's components, nil if unsafe to prune with
	hidden  bool     // the pattern names hidden files itself
}

// mayContain reports whether directory rel (relative to the base) can
// hold matches.
func (g *globFilter) mayContain(rel string) bool {
	if g.parts == nil {
		return true
	}
	dirs := strings.Split(rel, "/")
	for i, d := range dirs {
		if i >= len(g.parts) {
			return false
		}
		if strings.Contains(g.parts[i], "**") {
			return true
		}
		if i == len(g.parts)-1 {
			return false // the last component names files
		}
		if ok, _ := doublestar.Match(g.parts[i], d); !ok {
			return false
		}
	}
	return true
}

// A frame is one directory of the walk, with the rules read there.
type frame struct {
	abs     string    // absolute path of the directory
	ignores []Matcher // its .gitignore, the hook's matcher, info/exclude; first wins
	exclude []string  // exclude globs given for this directory, relative to it
	include []string  // include globs in force here, relative to incBase
	incBase string    // absolute directory include globs are relative to
	info    os.FileInfo
}

// root walks directory dir, the argument arg (or a glob's base). Files
// are handed to emit (w.emit when nil); gf, if not nil, selects files
// instead of the include globs.
func (w *walker) root(dir, arg string, emit func(Entry) bool, gf *globFilter) bool {
	if emit == nil {
		emit = w.emit
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return w.yield(Entry{Path: dir, Arg: arg, Err: fmt.Errorf("walking %s: %w", dir, err)})
	}
	include := w.opts.Include
	if len(include) == 0 {
		include = DefaultInclude
	}
	var stack []*frame
	// The .gitignore files above the root, up to the repository's root.
	if !w.opts.NoIgnore {
		stack = parentFrames(abs)
	}
	top := &frame{abs: abs, exclude: w.opts.Exclude, include: include, incBase: abs}
	return w.dir(dir, "", arg, top, stack, emit, gf)
}

// parentFrames returns the frames of the directories above abs up to the
// root of the git repository holding it, outermost first, with their
// ignore files; none if abs is in no repository.
func parentFrames(abs string) []*frame {
	var dirs []string
	repo := ""
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		dirs = append(dirs, d)
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			repo = d
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if _, err := os.Lstat(filepath.Join(abs, ".git")); err == nil {
		return nil // abs is the repository's root itself
	}
	if repo == "" {
		return nil
	}
	var out []*frame
	for i := len(dirs) - 1; i >= 0; i-- {
		f := &frame{abs: dirs[i]}
		f.ignores = readIgnores(dirs[i], dirs[i] == repo)
		out = append(out, f)
	}
	return out
}

// readIgnores reads a directory's .gitignore and, at a repository's
// root, .git/info/exclude (which .gitignore wins over). A file that
// cannot be read or parsed is used as far as it goes.
func readIgnores(dir string, repoRoot bool) []Matcher {
	var ms []Matcher
	for _, name := range []string{IgnoreFileName, filepath.Join(".git", "info", "exclude")} {
		if name != IgnoreFileName && !repoRoot {
			continue
		}
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		m, _ := ParseIgnore(f)
		f.Close()
		if m != nil && len(m.patterns) > 0 {
			ms = append(ms, m)
		}
	}
	return ms
}

// dir walks one directory: path is how it is named, rel its path from
// the root ("" for the root), f its frame (not yet filled in).
func (w *walker) dir(dirPath, rel, arg string, f *frame, stack []*frame, emit func(Entry) bool, gf *globFilter) bool {
	info, err := os.Stat(dirPath)
	if err != nil {
		return w.yield(Entry{Path: dirPath, Arg: arg, Err: fmt.Errorf("walking %s: %w", dirPath, err)})
	}
	f.info = info
	if !w.opts.NoIgnore {
		f.ignores = append(f.ignores, readIgnores(dirPath, isRepoRoot(dirPath))...)
	}
	if w.opts.Dir != nil {
		r, err := w.opts.Dir(dirPath)
		if err != nil {
			return w.yield(Entry{Path: dirPath, Arg: arg, Err: fmt.Errorf("%s: %w", dirPath, err)})
		}
		if r != nil {
			for _, p := range append(slices.Clip(r.Include), r.Exclude...) {
				if !doublestar.ValidatePattern(p) {
					return w.yield(Entry{Path: dirPath, Arg: arg, Err: fmt.Errorf("%s: bad glob pattern %q", dirPath, p)})
				}
			}
			if r.Ignore != nil {
				f.ignores = append([]Matcher{r.Ignore}, f.ignores...)
			}
			if len(r.Exclude) > 0 {
				f.exclude = append(append([]string(nil), f.exclude...), r.Exclude...)
			}
			if r.Include != nil {
				f.include, f.incBase = r.Include, f.abs
			}
		}
	}
	stack = append(stack, f)
	entries, err := readDir(dirPath)
	if err != nil {
		// Go on with what could be read, and report the rest.
		if !w.yield(Entry{Path: dirPath, Arg: arg, Err: fmt.Errorf("walking %s: %w", dirPath, err)}) {
			return false
		}
	}
	for _, d := range entries {
		name := d.Name()
		if name == ".git" {
			continue
		}
		hidden := strings.HasPrefix(name, ".")
		if hidden && !w.opts.Hidden && (gf == nil || !gf.hidden) {
			continue
		}
		p := filepath.Join(dirPath, name)
		r := path.Join(rel, name)
		abs := filepath.Join(f.abs, name)
		isDir := d.IsDir()
		if d.Type()&fs.ModeSymlink != 0 {
			if !w.opts.FollowLinks {
				continue
			}
			fi, err := os.Stat(p)
			if err != nil {
				continue // a dangling link: nothing to read
			}
			isDir = fi.IsDir()
			if isDir {
				for _, up := range stack {
					if up.info != nil && os.SameFile(up.info, fi) {
						if !w.yield(Entry{Path: p, Arg: arg, Err: fmt.Errorf("walking %s: %w", p, ErrLoop)}) {
							return false
						}
						isDir = false
						break
					}
				}
				if !isDir {
					continue
				}
			} else if !fi.Mode().IsRegular() {
				continue
			}
		} else if !isDir && !d.Type().IsRegular() {
			continue // devices, pipes, sockets
		}
		if w.skipped(abs, isDir, stack) {
			continue
		}
		if isDir {
			if gf != nil && !gf.mayContain(r) {
				continue
			}
			child := &frame{abs: abs, include: f.include, incBase: f.incBase}
			if !w.dir(p, r, arg, child, stack, emit, gf) {
				return false
			}
			continue
		}
		if gf != nil {
			if ok, _ := doublestar.Match(gf.pattern, r); !ok {
				continue
			}
		} else if !matchInclude(f.include, relTo(f.incBase, abs)) {
			continue
		}
		if !emit(Entry{Path: p, Rel: filepath.FromSlash(r), Arg: arg}) {
			return false
		}
	}
	return true
}

// readDir reads a directory; tests replace it to fail.
var readDir = os.ReadDir

// isRepoRoot reports whether dir holds a ".git".
func isRepoRoot(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	return err == nil
}

// skipped reports whether an exclude glob or an ignore file skips abs.
func (w *walker) skipped(abs string, isDir bool, stack []*frame) bool {
	for _, f := range stack {
		if len(f.exclude) > 0 && matchAny(f.exclude, relTo(f.abs, abs)) {
			return true
		}
	}
	for i := len(stack) - 1; i >= 0; i-- {
		f := stack[i]
		rel := relTo(f.abs, abs)
		for _, m := range f.ignores {
			switch m.Match(rel, isDir) {
			case Ignore:
				return true
			case Keep:
				return false
			}
		}
	}
	return false
}

// relTo is abs relative to dir, slash-separated; abs is below dir.
func relTo(dir, abs string) string {
	r := strings.TrimPrefix(abs, dir)
	r = strings.TrimPrefix(r, string(filepath.Separator))
	return filepath.ToSlash(r)
}

// matchInclude reports whether an include glob matches rel, ignoring
// letter case: "*.md" takes DOC.MD and README.Md, "*.txt" README.TXT.
func matchInclude(globs []string, rel string) bool {
	return matchAny(globs, rel) || matchAny(lowerAll(globs), strings.ToLower(rel))
}

// lowerAll returns the globs in lower case.
func lowerAll(globs []string) []string {
	out := make([]string, len(globs))
	for i, g := range globs {
		out[i] = strings.ToLower(g)
	}
	return out
}

// matchAny reports whether a glob matches rel: a glob without a slash
// matches the base name at any depth, one with a slash the whole path.
func matchAny(globs []string, rel string) bool {
	base := path.Base(rel)
	for _, g := range globs {
		target := rel
		if !strings.Contains(g, "/") {
			target = base
		}
		if ok, _ := doublestar.Match(g, target); ok {
			return true
		}
		// "dir/" or "dir/**" style globs also skip the directory itself.
		if strings.HasSuffix(g, "/**") {
			if ok, _ := doublestar.Match(strings.TrimSuffix(g, "/**"), target); ok {
				return true
			}
		}
	}
	return false
}
