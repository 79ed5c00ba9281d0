package main

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func execSelf(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "COPYDESK_RUN_MAIN=1")
	return cmd
}

func TestCleanStdout(t *testing.T) {
	cd(t, map[string]string{"a.txt": dirty, "b.txt": clean})
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"stdin", dirty, []string{"clean"}, dirtyClean},
		{"dash", dirty, []string{"clean", "-"}, dirtyClean},
		{"file", "", []string{"clean", "a.txt"}, dirtyClean},
		{"files in order", "", []string{"clean", "b.txt", "a.txt"}, clean + dirtyClean},
		{"clean file unchanged", "", []string{"clean", "b.txt"}, clean},
		{"quotes keep", dirty, []string{"clean", "--quotes", "keep"}, "“Hello” world.\n\nSame.\n\nEnd TODO\n"},
		{"dedupe off", dirty, []string{"clean", "--dedupe=off"}, "\"Hello\" world.\n\nSame.\n\nSame.\n\nEnd TODO\n"},
		{"disable", dirty, []string{"clean", "--disable", "punct.double-period"}, "\"Hello\" world..\n\nSame.\n\nEnd TODO\n"},
		{"disable list", dirty, []string{"clean", "--disable", "punct.double-period,test.repeat"}, "\"Hello\" world..\n\nSame.\n\nSame.\n\nEnd TODO\n"},
		{"disable repeated", dirty, []string{"clean", "--disable", "punct.double-period", "--disable", "quotes.open"}, "“Hello\" world..\n\nSame.\n\nEnd TODO\n"},
		{"disable area", dirty, []string{"clean", "--disable", "quotes.*"}, "“Hello” world.\n\nSame.\n\nEnd TODO\n"},
		{"report only", dirty, []string{"clean", "--report-only", "test.repeat"}, "\"Hello\" world.\n\nSame.\n\nSame.\n\nEnd TODO\n"},
		{"invalid utf-8 passes", "\xff..\xfe\n", []string{"clean"}, "\xff.\xfe\n"},
		{"crlf kept", "a..\r\nb\r\n", []string{"clean"}, "a.\r\nb\r\n"},
		{"output to stdout", dirty, []string{"clean", "-o", "-"}, dirtyClean},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := session{stdin: tt.stdin}.run(t, tt.args...)
			if o.code != 0 || o.stderr != "" {
				t.Errorf("exit %d, stderr %q", o.code, o.stderr)
			}
			if o.stdout != tt.want {
				t.Errorf("stdout = %q, want %q", o.stdout, tt.want)
			}
		})
	}
}

func TestCleanList(t *testing.T) {
	cd(t, map[string]string{"a.txt": dirty, "b.txt": clean, "c.txt": "x..\n"})
	o := session{}.run(t, "clean", "-l", "a.txt", "b.txt", "c.txt")
	if o.code != 1 || o.stdout != "a.txt\nc.txt\n" || o.stderr != "" {
		t.Errorf("clean -l: exit %d, stdout %q, stderr %q", o.code, o.stdout, o.stderr)
	}
	o = session{}.run(t, "clean", "-l", "b.txt")
	if o.code != 0 || o.stdout != "" {
		t.Errorf("clean -l on a clean file: exit %d, stdout %q", o.code, o.stdout)
	}
	o = session{stdin: "a..b"}.run(t, "clean", "-l", "--stdin-name", "<input>")
	if o.code != 1 || o.stdout != "<input>\n" {
		t.Errorf("clean -l on stdin: exit %d, stdout %q", o.code, o.stdout)
	}
	// -l with -w lists and writes.
	o = session{}.run(t, "clean", "-l", "-w", "a.txt", "b.txt")
	if o.code != 1 || o.stdout != "a.txt\n" || readFile(t, "a.txt") != dirtyClean {
		t.Errorf("clean -l -w: exit %d, stdout %q", o.code, o.stdout)
	}
	if readFile(t, "c.txt") != "x..\n" {
		t.Error("clean -l changed a file")
	}
}

func TestCleanOutput(t *testing.T) {
	dir := cd(t, map[string]string{"a.txt": dirty})
	o := session{}.run(t, "clean", "-o", "out.txt", "a.txt")
	if o.code != 0 || o.stdout != "" || o.stderr != "" {
		t.Fatalf("clean -o: exit %d, stdout %q, stderr %q", o.code, o.stdout, o.stderr)
	}
	if got := readFile(t, "out.txt"); got != dirtyClean {
		t.Errorf("out.txt = %q", got)
	}
	if readFile(t, "a.txt") != dirty {
		t.Error("clean -o changed its input")
	}
	// An existing output keeps its mode; the output may be the input.
	if err := os.Chmod("a.txt", 0o600); err != nil {
		t.Fatal(err)
	}
	o = session{}.run(t, "clean", "-o", "a.txt", "a.txt")
	if o.code != 0 || readFile(t, "a.txt") != dirtyClean {
		t.Errorf("clean -o onto its input: exit %d, %q", o.code, readFile(t, "a.txt"))
	}
	checkMode(t, "a.txt", 0o600)
	o = session{stdin: "x..\n"}.run(t, "clean", "-o", "from-stdin.txt")
	if o.code != 0 || readFile(t, "from-stdin.txt") != "x.\n" {
		t.Errorf("clean -o from stdin: exit %d", o.code)
	}
	o = session{}.run(t, "clean", "-o", filepath.Join(dir, "no", "such", "dir", "out.txt"), "a.txt")
	if o.code != 2 || !strings.HasPrefix(o.stderr, "copydesk: writing "+filepath.Join(dir, "no", "such", "dir", "out.txt")+": ") {
		t.Errorf("clean -o into a missing directory: exit %d, stderr %q", o.code, o.stderr)
	}
	checkNoTemp(t, dir)
}

func checkMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != want {
		t.Errorf("%s has mode %v, want %v", path, fi.Mode().Perm(), want)
	}
}

// checkNoTemp checks that no temporary file is left in dir.
func checkNoTemp(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".copydesk-") {
			t.Errorf("temporary file left behind: %s", path)
		}
		return nil
	})
}

func TestCleanWrite(t *testing.T) {
	dir := cd(t, map[string]string{"a.txt": dirty, "b.txt": clean, "sub/c.txt": "c..\n"})
	if err := os.Chmod("a.txt", 0o640); err != nil {
		t.Fatal(err)
	}
	bInfo, _ := os.Stat("b.txt")
	o := session{}.run(t, "clean", "-w", "a.txt", "b.txt", "sub/c.txt")
	if o.code != 0 || o.stdout != "" || o.stderr != "" {
		t.Fatalf("clean -w: exit %d, stdout %q, stderr %q", o.code, o.stdout, o.stderr)
	}
	for path, want := range map[string]string{"a.txt": dirtyClean, "b.txt": clean, "sub/c.txt": "c.\n"} {
		if got := readFile(t, path); got != want {
			t.Errorf("%s = %q, want %q", path, got, want)
		}
	}
	checkMode(t, "a.txt", 0o640)
	if fi, _ := os.Stat("b.txt"); !os.SameFile(fi, bInfo) {
		t.Error("clean -w rewrote a file that needed no change")
	}
	checkNoTemp(t, dir)

	// A symbolic link: the file it points to is rewritten, the link stays.
	if err := os.WriteFile("target.txt", []byte("t..\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("target.txt", "link.txt"); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	if o := (session{}).run(t, "clean", "-w", "link.txt"); o.code != 0 {
		t.Fatalf("clean -w on a link: exit %d, %s", o.code, o.stderr)
	}
	if fi, err := os.Lstat("link.txt"); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if got := readFile(t, "target.txt"); got != "t.\n" {
		t.Errorf("target.txt = %q", got)
	}
}

// TestCleanWriteFailureLeavesOriginal fails each step of rewriting a
// file and checks that the original is intact, no temporary file is
// left, the error names the file and the other files are still written.
func TestCleanWriteFailureLeavesOriginal(t *testing.T) {
	for _, step := range []string{"create", "write", "sync", "rename"} {
		t.Run(step, func(t *testing.T) {
			dir := cd(t, map[string]string{"a.txt": dirty, "b.txt": dirty})
			if err := os.Chmod("a.txt", 0o604); err != nil {
				t.Fatal(err)
			}
			fail := func(s, path string) error {
				if s == step && path == "a.txt" {
					return errors.New("injected failure")
				}
				return nil
			}
			o := session{failWrite: fail}.run(t, "clean", "-w", "a.txt", "b.txt")
			if o.code != 2 {
				t.Errorf("exit %d, want 2", o.code)
			}
			if want := "copydesk: writing a.txt: injected failure\n"; o.stderr != want {
				t.Errorf("stderr = %q, want %q", o.stderr, want)
			}
			if got := readFile(t, "a.txt"); got != dirty {
				t.Errorf("a.txt = %q after a failed write", got)
			}
			checkMode(t, "a.txt", 0o604)
			if got := readFile(t, "b.txt"); got != dirtyClean {
				t.Errorf("b.txt = %q: the next file was not written", got)
			}
			checkNoTemp(t, dir)
		})
	}
}

// TestCleanWriteOverDirectory replaces the file by a directory just
// before the rename, so that the rename itself fails.
func TestCleanWriteOverDirectory(t *testing.T) {
	dir := cd(t, map[string]string{"a.txt": dirty})
	swap := func(step, path string) error {
		if step == "rename" {
			if err := os.Remove(path); err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Join(path, "inside"), 0o755); err != nil {
				return err
			}
		}
		return nil
	}
	o := session{failWrite: swap}.run(t, "clean", "-w", "a.txt")
	if o.code != 2 || !strings.HasPrefix(o.stderr, "copydesk: writing a.txt: rename ") {
		t.Errorf("exit %d, stderr %q", o.code, o.stderr)
	}
	if fi, err := os.Stat(filepath.Join("a.txt", "inside")); err != nil || !fi.IsDir() {
		t.Errorf("the directory in the way was touched: %v", err)
	}
	checkNoTemp(t, dir)
}

// TestCleanWriteReadOnlyDir cannot create the temporary file.
func TestCleanWriteReadOnlyDir(t *testing.T) {
	dir := cd(t, map[string]string{"ro/a.txt": dirty})
	if err := os.Chmod("ro", 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "ro"), 0o755) })
	if f, err := os.Create(filepath.Join("ro", "probe")); err == nil {
		f.Close()
		t.Skip("read-only directories are writable here (running as root?)")
	}
	o := session{}.run(t, "clean", "-w", "ro/a.txt")
	if o.code != 2 || !strings.HasPrefix(o.stderr, "copydesk: writing ro/a.txt: ") || !strings.Contains(o.stderr, "permission denied") {
		t.Errorf("exit %d, stderr %q", o.code, o.stderr)
	}
	if got := readFile(t, "ro/a.txt"); got != dirty {
		t.Errorf("a.txt = %q", got)
	}
}

func TestCleanDiffAndReport(t *testing.T) {
	dir := cd(t, map[string]string{"a.txt": dirty, "b.txt": clean})
	o := session{}.run(t, "clean", "-w", "--diff", "changes.patch", "--report", "report.json", "a.txt", "b.txt")
	if o.code != 0 || o.stderr != "" {
		t.Fatalf("exit %d, stderr %q", o.code, o.stderr)
	}
	// The report is the same document check --format json prints.
	if err := os.WriteFile("a.txt", []byte(dirty), 0o644); err != nil {
		t.Fatal(err)
	}
	want := session{}.run(t, "check", "--format", "json", "a.txt", "b.txt").stdout
	if got := readFile(t, "report.json"); got != want {
		t.Errorf("report.json:\n%s\nwant:\n%s", got, want)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(want), &doc); err != nil {
		t.Fatal(err)
	}
	// The diff is what diff prints, and applies.
	want = session{}.run(t, "diff", "a.txt", "b.txt").stdout
	if got := readFile(t, "changes.patch"); got != want || got == "" {
		t.Errorf("changes.patch:\n%s\nwant:\n%s", got, want)
	}
	checkNoTemp(t, dir)

	// A diff file that cannot be written is an error before anything
	// else happens.
	o = session{}.run(t, "clean", "-w", "--diff", filepath.Join("missing", "x.patch"), "a.txt")
	if o.code != 2 || !strings.HasPrefix(o.stderr, "copydesk: writing "+filepath.Join("missing", "x.patch")+": ") {
		t.Errorf("exit %d, stderr %q", o.code, o.stderr)
	}
	if readFile(t, "a.txt") != dirty {
		t.Error("a.txt was written although the diff could not be")
	}
}
