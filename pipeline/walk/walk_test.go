package walk

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tree makes the files under a temporary directory, which becomes the
// current directory for the rest of the test.
func tree(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		name, content, _ := strings.Cut(f, "=")
		p := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

func paths(t *testing.T, args []string, opts Options) []string {
	t.Helper()
	var out []string
	for e := range Walk(args, opts) {
		if e.Err != nil {
			out = append(out, "ERR "+e.Err.Error())
			continue
		}
		out = append(out, filepath.ToSlash(e.Path))
	}
	return out
}

func TestWalk(t *testing.T) {
	tree(t,
		"docs/a.md", "docs/b.txt", "docs/c.markdown", "docs/d.go", "docs/e.MD",
		"docs/sub/x.md", "docs/sub-a.md", "docs/sub/deeper/y.txt",
		"docs/.hidden.md", "docs/.private/z.md", "docs/.git/HEAD.md",
		"docs/node_modules/m.md", "docs/build/out.md", "docs/drafts/keep.md", "docs/drafts/drop.md",
		"docs/.gitignore=node_modules/\n/build\ndrafts/*\n!drafts/keep.md\n",
		"docs/sub/.gitignore=# nested\n*.txt\n",
		"notes.txt", "readme.rst", "other/q.md", "other/r.md",
		"empty/",
	)
	tests := []struct {
		name string
		args []string
		opts Options
		want []string
	}{
		{"directory", []string{"docs"}, Options{}, []string{
			"docs/a.md", "docs/b.txt", "docs/c.markdown", "docs/drafts/keep.md", "docs/e.MD", // any letter case
			// component order: "sub/" before "sub-a.md"
			"docs/sub/x.md", "docs/sub-a.md",
		}},
		{"no ignore", []string{"docs"}, Options{NoIgnore: true}, []string{
			"docs/a.md", "docs/b.txt", "docs/build/out.md", "docs/c.markdown",
			"docs/drafts/drop.md", "docs/drafts/keep.md", "docs/e.MD", "docs/node_modules/m.md",
			"docs/sub/deeper/y.txt", "docs/sub/x.md", "docs/sub-a.md",
		}},
		{"hidden", []string{"docs/sub", "docs"}, Options{Hidden: true}, []string{
			"docs/sub/x.md",
			"docs/.hidden.md", "docs/.private/z.md", "docs/a.md", "docs/b.txt", "docs/c.markdown",
			"docs/drafts/keep.md", "docs/e.MD", "docs/sub-a.md",
		}},
		{"include", []string{"docs"}, Options{Include: []string{"*.go", "*.MD"}}, []string{"docs/a.md", "docs/d.go", "docs/drafts/keep.md", "docs/e.MD", "docs/sub/x.md", "docs/sub-a.md"}},
		{"include with a slash", []string{"docs"}, Options{Include: []string{"sub/**/*.md"}}, []string{"docs/sub/x.md"}},
		{"exclude", []string{"docs"}, Options{Exclude: []string{"sub", "*.txt"}}, []string{
			"docs/a.md", "docs/c.markdown", "docs/drafts/keep.md", "docs/e.MD", "docs/sub-a.md",
		}},
		{"explicit files are always taken", []string{"docs/d.go", "docs/build/out.md", "docs/.hidden.md", "readme.rst"}, Options{},
			[]string{"docs/d.go", "docs/build/out.md", "docs/.hidden.md", "readme.rst"}},
		{"explicit ignored directory is walked", []string{"docs/node_modules"}, Options{}, []string{"docs/node_modules/m.md"}},
		{"explicit hidden directory is walked", []string{"docs/.private"}, Options{}, []string{"docs/.private/z.md"}},
		{"arguments in order, duplicates once", []string{"other/r.md", "other", "./other/q.md", "notes.txt"}, Options{},
			[]string{"other/r.md", "other/q.md", "notes.txt"}},
		{"missing file passed on", []string{"missing.txt", "notes.txt"}, Options{}, []string{"missing.txt", "notes.txt"}},
		{"stdin", []string{"-"}, Options{}, []string{"-"}},
		{"empty directory", []string{"empty"}, Options{}, nil},
		{"glob", []string{"docs/*.md"}, Options{}, []string{"docs/a.md", "docs/sub-a.md"}},
		{"glob double star", []string{"docs/**/*.md"}, Options{}, []string{
			"docs/a.md", "docs/drafts/keep.md", "docs/sub/x.md", "docs/sub-a.md",
		}},
		{"glob any extension", []string{"docs/sub/**"}, Options{NoIgnore: true}, []string{"docs/sub/deeper/y.txt", "docs/sub/x.md"}}, // .gitignore is hidden
		{"glob braces", []string{"docs/*.{txt,go}"}, Options{}, []string{"docs/b.txt", "docs/d.go"}},
		{"glob hidden named", []string{"docs/.*.md"}, Options{}, []string{"docs/.hidden.md"}},
		{"glob with exclude", []string{"**/*.md"}, Options{Exclude: []string{"docs/**"}}, []string{"other/q.md", "other/r.md"}},
		{"glob no match", []string{"docs/*.nope", "notes.txt"}, Options{}, []string{"ERR docs/*.nope: no file matches the pattern", "notes.txt"}},
		{"glob missing base", []string{"nowhere/*.md"}, Options{}, []string{"ERR nowhere/*.md: no file matches the pattern"}},
		{"bad glob", []string{"docs/[.md"}, Options{}, []string{"ERR docs/[.md: bad glob pattern"}},
		{"bad include", []string{"docs"}, Options{Include: []string{"[x"}}, []string{"ERR [x: bad glob pattern"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := paths(t, tt.args, tt.opts)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Walk(%q):\n got %q\nwant %q", tt.args, got, tt.want)
			}
		})
	}
}

// TestWalkRel: Rel is the path inside the argument, for mirroring.
func TestWalkRel(t *testing.T) {
	tree(t, "in/a.md", "in/sub/b.md", "one.txt")
	var got []string
	for e := range Walk([]string{"in", "in/**/b.md", "one.txt"}, Options{}) {
		got = append(got, filepath.ToSlash(e.Path)+" "+filepath.ToSlash(e.Rel)+" "+e.Arg)
	}
	want := []string{"in/a.md a.md in", "in/sub/b.md sub/b.md in", "one.txt one.txt one.txt"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestParentIgnore: .gitignore files above the directory walked count,
// up to the repository's root, and so does .git/info/exclude; above the
// repository they do not.
func TestParentIgnore(t *testing.T) {
	tree(t,
		".gitignore=*.txt\n",
		"repo/.git/info/exclude=secret.md\n",
		"repo/.gitignore=drafts/\n",
		"repo/docs/a.md", "repo/docs/b.txt", "repo/docs/secret.md", "repo/docs/drafts/d.md",
	)
	got := paths(t, []string{"repo/docs"}, Options{})
	want := []string{"repo/docs/a.md", "repo/docs/b.txt"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// From the repository's root itself.
	got = paths(t, []string{"repo"}, Options{})
	want = []string{"repo/docs/a.md", "repo/docs/b.txt"}
	if !slices.Equal(got, want) {
		t.Errorf("from the root: got %q, want %q", got, want)
	}
}

// TestDirHook: the per-directory hook adds include and exclude globs
// and a matcher for its subtree.
func TestDirHook(t *testing.T) {
	tree(t, "a.md", "a.rst", "badcfg/e.md", "special/b.md", "special/b.rst", "special/skip/c.rst", "special/x.tmp", "other/d.rst")
	var called []string
	hook := func(dir string) (*Rules, error) {
		called = append(called, filepath.ToSlash(dir))
		switch filepath.Base(dir) {
		case "special":
			ig, _ := ParseIgnoreString("*.tmp\n")
			return &Rules{Include: []string{"*.rst", "*.tmp"}, Exclude: []string{"skip"}, Ignore: ig}, nil
		case "other":
			return nil, errors.New("broken config")
		case "badcfg":
			return &Rules{Include: []string{"[x"}}, nil
		}
		return nil, nil
	}
	got := paths(t, []string{"."}, Options{Dir: hook})
	want := []string{"a.md", `ERR badcfg: bad glob pattern "[x"`, "ERR other: broken config", "special/b.rst"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if wantCalls := []string{".", "badcfg", "other", "special"}; !slices.Equal(called, wantCalls) {
		t.Errorf("hook called for %q, want %q", called, wantCalls)
	}
}

// TestSymlinkLoop: links are skipped by default; followed, a loop is
// reported once and the walk ends.
func TestSymlinkLoop(t *testing.T) {
	tree(t, "d/a.md", "d/sub/b.md", "target.md")
	if err := os.Symlink("..", filepath.Join("d", "sub", "up")); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	if err := os.Symlink(filepath.Join("..", "target.md"), filepath.Join("d", "link.md")); err != nil {
		t.Fatal(err)
	}
	os.Symlink("nowhere", filepath.Join("d", "dangling.md"))
	got := paths(t, []string{"d"}, Options{})
	if want := []string{"d/a.md", "d/sub/b.md"}; !slices.Equal(got, want) {
		t.Errorf("links not followed: got %q, want %q", got, want)
	}
	got = paths(t, []string{"d"}, Options{FollowLinks: true})
	want := []string{"d/a.md", "d/link.md", "d/sub/b.md", "ERR walking d/sub/up: symbolic link loop, not followed"}
	if !slices.Equal(got, want) {
		t.Errorf("links followed: got %q, want %q", got, want)
	}
}

// TestUnreadableDir: a directory that cannot be read is an error naming
// it, and the rest of the walk goes on.
func TestUnreadableDir(t *testing.T) {
	dir := tree(t, "d/a.md", "d/locked/b.md", "d/z.md")
	if err := os.Chmod(filepath.Join("d", "locked"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "d", "locked"), 0o755) })
	if _, err := os.ReadDir(filepath.Join("d", "locked")); err == nil {
		// Root reads it anyway: fail the read as the system would.
		t.Log("permissions do not stop reading here (root): failing the read by hand")
		readDir = func(name string) ([]os.DirEntry, error) {
			if filepath.Base(name) == "locked" {
				return nil, &os.PathError{Op: "open", Path: name, Err: os.ErrPermission}
			}
			return os.ReadDir(name)
		}
		t.Cleanup(func() { readDir = os.ReadDir })
	}
	files, errs := Files([]string{"d"}, Options{})
	if want := []string{filepath.Join("d", "a.md"), filepath.Join("d", "z.md")}; !slices.Equal(files, want) {
		t.Errorf("files = %q, want %q", files, want)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "walking "+filepath.Join("d", "locked")+": ") || !errors.Is(errs[0], os.ErrPermission) {
		t.Errorf("errors = %v", errs)
	}
}

// TestWalkStop: the caller may stop the walk early.
func TestWalkStop(t *testing.T) {
	tree(t, "d/a.md", "d/b.md", "d/c.md")
	n := 0
	for range Walk([]string{"d"}, Options{}) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("got %d entries", n)
	}
}
