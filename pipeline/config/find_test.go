package config

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// checkFind checks Find and a Loader from dir against want ("" for no
// configuration).
func checkFind(t *testing.T, dir, want string) {
	t.Helper()
	got, err := Find(dir)
	if err != nil || got != want {
		t.Errorf("Find(%s) = %q, %v; want %q", dir, got, err, want)
	}
	var l Loader
	cfg, err := l.ForDir(dir)
	switch {
	case err != nil:
		t.Errorf("ForDir(%s): %v", dir, err)
	case want == "" && cfg != nil:
		t.Errorf("ForDir(%s) found a configuration, want none", dir)
	case want != "" && cfg == nil:
		t.Errorf("ForDir(%s) found none, want %s", dir, want)
	}
}

// TestFindStopsAtRepoRoot: a configuration above the repository root is
// never read (it could demote a project's errors); the root's own is.
func TestFindStopsAtRepoRoot(t *testing.T) {
	t.Setenv("HOME", "/nonexistent")
	for _, gitFile := range []bool{false, true} {
		root := t.TempDir()
		above := filepath.Join(root, FileName)
		write(t, above, "[rules]\n\"punct.*\" = \"off\"\n")
		repo := filepath.Join(root, "repo")
		if gitFile { // a worktree or submodule
			write(t, filepath.Join(repo, ".git"), "gitdir: /elsewhere\n")
		} else if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
			t.Fatal(err)
		}
		deep := filepath.Join(repo, "docs", "a")
		if err := os.MkdirAll(deep, 0o755); err != nil {
			t.Fatal(err)
		}
		checkFind(t, deep, "")
		checkFind(t, repo, "")
		checkFind(t, root, above) // outside the repository

		own := filepath.Join(repo, FileName)
		write(t, own, "")
		checkFind(t, deep, own)
		nearer := filepath.Join(repo, "docs", FileName)
		write(t, nearer, "")
		checkFind(t, deep, nearer)
	}
}

// TestFindStopsAtHome: outside a repository, the search ends at the
// user's home directory.
func TestFindStopsAtHome(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "home")
	t.Setenv("HOME", home)
	write(t, filepath.Join(root, FileName), "")
	proj := filepath.Join(home, "notes", "drafts")
	if err := os.MkdirAll(proj, 0o755); err != nil {
		t.Fatal(err)
	}
	checkFind(t, proj, "")
	mine := filepath.Join(home, FileName)
	write(t, mine, "")
	checkFind(t, proj, mine)
	// Outside home, the walk goes on up.
	other := filepath.Join(root, "srv", "site")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	checkFind(t, other, filepath.Join(root, FileName))
}

// TestFindForeignOwner: outside a repository, a file another user left
// (as in /tmp) is an error, not a configuration; in a repository, the
// owner does not matter (a checkout made by another user, as in CI).
func TestFindForeignOwner(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() != 0 {
		t.Skip("needs root, to give a file to another user")
	}
	t.Setenv("HOME", "/nonexistent")
	root := t.TempDir()
	planted := filepath.Join(root, FileName)
	write(t, planted, "[rules]\n\"punct.*\" = \"off\"\n")
	if err := os.Chown(planted, 1234, 1234); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(root, "mine")
	if err := os.MkdirAll(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, find := range []func(string) (any, error){
		func(d string) (any, error) { return Find(d) },
		func(d string) (any, error) { var l Loader; return l.ForDir(d) },
	} {
		got, err := find(mine)
		if err == nil || !strings.Contains(err.Error(), planted+" belongs to another user (uid 1234)") {
			t.Errorf("a planted file: %v, %v", got, err)
		}
	}
	// The user's own file below it is read.
	own := filepath.Join(mine, FileName)
	write(t, own, "")
	checkFind(t, mine, own)
	// In a repository, whoever owns the file.
	repo := filepath.Join(root, "repo")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	theirs := filepath.Join(repo, FileName)
	write(t, theirs, "")
	if err := os.Chown(theirs, 1234, 1234); err != nil {
		t.Fatal(err)
	}
	checkFind(t, filepath.Join(repo), theirs)
}

// TestLoaderPathBeyondBoundary: a file named outright is used wherever
// it is.
func TestLoaderPathBeyondBoundary(t *testing.T) {
	root := t.TempDir()
	above := filepath.Join(root, "elsewhere.toml")
	write(t, above, "[normalize]\nquotes = \"keep\"\n")
	repo := filepath.Join(root, "repo")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	l := Loader{Path: above}
	if cfg, err := l.ForDir(repo); err != nil || cfg == nil {
		t.Fatalf("ForDir with Path: %v, %v", cfg, err)
	}
}
