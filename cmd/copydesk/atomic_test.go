package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// tempFiles returns the copydesk temporary files in dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), tempMarker) {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// TestTempFileMode: the temporary copy of a file being written has the
// owner's bits of the final mode only, from its creation on, while the
// text is written into it; the final file gets the final mode.
func TestTempFileMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	var b strings.Builder // more than the 64 KB buffer: written before the commit
	for i := range 8000 {
		fmt.Fprintf(&b, "Line %d of the text..\n\n", i)
	}
	big := b.String()
	tests := []struct {
		name      string
		mode      fs.FileMode // of the existing file; 0 for a new one
		args      []string
		temp, end fs.FileMode
	}{
		{"private -w", 0o600, []string{"clean", "-w", "t.txt"}, 0o600, 0o600},
		{"group -w", 0o640, []string{"clean", "-w", "t.txt"}, 0o600, 0o640},
		{"read-only -w", 0o400, []string{"clean", "-w", "t.txt"}, 0o400, 0o400},
		{"private -o", 0o600, []string{"clean", "-o", "t.txt", "in.txt"}, 0o600, 0o600},
		{"new -o", 0, []string{"clean", "-o", "t.txt", "in.txt"}, 0o600 &^ umask, 0o666 &^ umask},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := cd(t, map[string]string{"in.txt": big})
			if tt.mode != 0 {
				if err := os.WriteFile("t.txt", []byte(big), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod("t.txt", tt.mode); err != nil {
					t.Fatal(err)
				}
			}
			seen := false
			probe := func(step, path string) error {
				if step != "write" || path != "t.txt" {
					return nil
				}
				tmp := tempFiles(t, dir)
				if len(tmp) != 1 {
					return fmt.Errorf("temporary files: %v", tmp)
				}
				fi, err := os.Stat(tmp[0])
				if err != nil {
					return err
				}
				seen = true
				if fi.Size() == 0 {
					t.Errorf("nothing written to %s yet", tmp[0])
				}
				if fi.Mode().Perm() != tt.temp {
					t.Errorf("temporary file %s has mode %v, want %v", tmp[0], fi.Mode().Perm(), tt.temp)
				}
				return nil
			}
			o := session{failWrite: probe}.run(t, tt.args...)
			if o.code != 0 || !seen {
				t.Fatalf("exit %d (temporary file seen: %v): %s", o.code, seen, o.stderr)
			}
			checkMode(t, "t.txt", tt.end)
			checkNoTemp(t, dir)
		})
	}
}

// deadPID returns the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	if !processGone(pid) {
		t.Skipf("process id %d was reused at once", pid)
	}
	return pid
}

// TestStaleTempRemoved: a run removes the temporary files of a copydesk
// process that is gone, and nothing it cannot prove is one.
func TestStaleTempRemoved(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("processes are not checked here")
	}
	dead := deadPID(t)
	other := "deadbeef"
	if hostTag == other {
		other = "cafef00d"
	}
	stale := fmt.Sprintf(".a.txt.copydesk-%d-%s-0000abcd.tmp", dead, hostTag)
	keep := []string{
		fmt.Sprintf(".a.txt.copydesk-%d-%s-0000abcd.tmp", os.Getppid(), hostTag), // alive
		fmt.Sprintf(".b.txt.copydesk-%d-%s-0000abcd.tmp", dead, other),           // another host or pid namespace
		fmt.Sprintf(".a.txt.copydesk-%d.tmp", dead),                              // no host: cannot be proven
		fmt.Sprintf("a.txt.copydesk-%d-%s-0000abcd.tmp", dead, hostTag),          // not hidden
		fmt.Sprintf(".a.txt.copydesk-%d-%s-0000abcd.tmp.bak", dead, hostTag),     // another suffix
		fmt.Sprintf(".a.txt.copydesk-0%d-%s-0000abcd.tmp", dead, hostTag),        // not a pid as written
	}
	files := map[string]string{"a.txt": dirty, stale: "private text\n"}
	for _, k := range keep {
		files[k] = "private text\n"
	}
	dir := cd(t, files)
	// A link and a directory that have the name of a stale file.
	link := fmt.Sprintf(".c.txt.copydesk-%d-%s-0000abcd.tmp", dead, hostTag)
	if err := os.Symlink("a.txt", link); err != nil {
		t.Fatal(err)
	}
	sub := fmt.Sprintf(".d.txt.copydesk-%d-%s-0000abcd.tmp", dead, hostTag)
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	keep = append(keep, link, sub)
	if os.Geteuid() == 0 {
		// Another user's file.
		theirs := fmt.Sprintf(".e.txt.copydesk-%d-%s-0000abcd.tmp", dead, hostTag)
		os.WriteFile(theirs, nil, 0o600)
		if err := os.Chown(theirs, 1234, 1234); err != nil {
			t.Fatal(err)
		}
		keep = append(keep, theirs)
	}

	o := session{}.run(t, "clean", "-w", "a.txt")
	want := fmt.Sprintf("copydesk: removed %s, a temporary file left by copydesk process %d, which is gone\n", stale, dead)
	if o.code != 0 || o.stderr != want {
		t.Errorf("exit %d, stderr %q, want %q", o.code, o.stderr, want)
	}
	if _, err := os.Lstat(filepath.Join(dir, stale)); err == nil {
		t.Errorf("%s was not removed", stale)
	}
	for _, k := range keep {
		if _, err := os.Lstat(filepath.Join(dir, k)); err != nil {
			t.Errorf("%s was removed", k)
		}
	}
	if readFile(t, "a.txt") != dirtyClean {
		t.Error("a.txt not cleaned")
	}
}

// TestKilledWriter kills copydesk while it writes its output: the
// temporary file it leaves is private, and the next run in the directory
// removes it.
func TestKilledWriter(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("runs and kills a process")
	}
	dir := cd(t, map[string]string{"a.txt": dirty})
	cmd := execSelf(t, "clean", "--jsonl", "-o", "out.jsonl", "-")
	cmd.Dir = dir
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(stdin)
	for range 5000 {
		fmt.Fprintln(w, `{"text":"Some text.. that has a doubled period"}`)
	}
	w.Flush()
	// The output's temporary file is made before the first record is
	// read; wait for it (the process is blocked on its input meanwhile).
	var tmp []string
	for range 1000 {
		if tmp = tempFiles(t, dir); len(tmp) > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	stdin.Close()
	if len(tmp) != 1 {
		t.Fatalf("temporary files: %v", tmp)
	}
	fi, err := os.Stat(tmp[0])
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("the killed run left %s with mode %v, readable by others", tmp[0], perm)
	}
	o := session{}.run(t, "clean", "-o", "out.txt", "a.txt")
	if o.code != 0 || !strings.Contains(o.stderr, "copydesk: removed "+filepath.Base(tmp[0])+", a temporary file left by copydesk process") {
		t.Errorf("exit %d, stderr %q", o.code, o.stderr)
	}
	checkNoTemp(t, dir)
}

// TestHardLinks: -w refuses a file with other hard links, exit 2, the
// file and its links untouched, the other files written; --break-links
// rewrites it under its name only.
func TestHardLinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("links are not counted here")
	}
	dir := cd(t, map[string]string{"a.txt": dirty, "c.txt": dirty})
	if err := os.Link("a.txt", "b.txt"); err != nil {
		t.Skipf("no hard links: %v", err)
	}
	before, _ := os.Stat("a.txt")
	o := session{}.run(t, "clean", "-w", "a.txt", "c.txt")
	want := "copydesk: writing a.txt: it has 2 hard links: rewriting it would give this name new text and leave the other 1 with the old; left alone (--break-links rewrites it anyway)\n"
	if o.code != 2 || o.stderr != want {
		t.Errorf("exit %d, stderr %q, want 2 and %q", o.code, o.stderr, want)
	}
	after, _ := os.Stat("a.txt")
	if readFile(t, "a.txt") != dirty || readFile(t, "b.txt") != dirty || !os.SameFile(before, after) {
		t.Error("the linked file was changed")
	}
	if readFile(t, "c.txt") != dirtyClean {
		t.Error("the other file was not written")
	}
	checkNoTemp(t, dir)

	o = session{}.run(t, "clean", "-w", "--break-links", "a.txt")
	if o.code != 0 || o.stderr != "" {
		t.Fatalf("--break-links: exit %d, %q", o.code, o.stderr)
	}
	if readFile(t, "a.txt") != dirtyClean || readFile(t, "b.txt") != dirty {
		t.Errorf("--break-links: a.txt %q, b.txt %q", readFile(t, "a.txt"), readFile(t, "b.txt"))
	}
}

// TestTempName: a temporary file's name says this process and host,
// keeps at most 100 bytes of the target's name, cut between characters.
func TestTempName(t *testing.T) {
	long := strings.Repeat("é", 80) + ".txt" // 164 bytes
	for _, base := range []string{"a.txt", "x.copydesk-1-2-3.tmp", long} {
		name := tempName(base)
		pid, host, ok := parseTempName(name)
		if !ok || pid != os.Getpid() || host != hostTag {
			t.Errorf("parseTempName(%q) = %d, %q, %v", name, pid, host, ok)
		}
		kept := name[1:strings.LastIndex(name, tempMarker)]
		if !strings.HasPrefix(base, kept) || len(kept) > 100 || !utf8.ValidString(kept) {
			t.Errorf("tempName(%q) = %q", base, name)
		}
	}
}
