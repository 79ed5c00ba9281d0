package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// hugeLine returns a single line of about n bytes with no newline and no
// sentence end: words in a pattern that never repeats a word or a run of
// words nearby, so that no stage has anything to fix.
func hugeLine(n int) string {
	words := strings.Fields("the quick brown fox jumps over a lazy dog while seven grey owls watch from an old oak near some river bank")
	var b strings.Builder
	b.Grow(n + 16)
	for i := 0; b.Len() < n; i++ {
		// Walk the 23 words with a stride prime to their number: a word
		// follows another at most once every 23 words.
		b.WriteString(words[(i*7)%len(words)])
		b.WriteByte(' ')
	}
	b.WriteString("end")
	return b.String()
}

// TestHugeLine cleans a single 8 MB line without a newline: no "token
// too long", nothing changed in the middle, the ends fixed. The reading
// is what is tested at 8 MB, with the fake pipeline; the real one cleans
// 512 KB, to stay fast. BenchmarkHugeLine and TestHugeLineBig clean 200 MB
// with the real pipeline.
func TestHugeLine(t *testing.T) {
	line := hugeLine(8 << 20)
	cd(t, map[string]string{"line.txt": "“" + line + "..”", "small.txt": "“" + line[:512<<10] + "”"})
	want := `"` + line + `."`
	o := session{}.run(t, "clean", "line.txt")
	if o.code != 0 || o.stderr != "" || o.stdout != want {
		t.Errorf("clean of an 8 MB line: exit %d, stderr %q, got %d bytes, want %d; ends %q",
			o.code, o.stderr, len(o.stdout), len(want), o.stdout[max(0, len(o.stdout)-20):])
	}
	if o := (session{stdin: line}).run(t, "clean"); o.code != 0 || o.stdout != line {
		t.Errorf("clean of an 8 MB line on stdin: exit %d, %d bytes, stderr %q", o.code, len(o.stdout), o.stderr)
	}
	o = real(t).run(t, "clean", "small.txt")
	if want := `"` + line[:512<<10] + `"`; o.code != 0 || o.stderr != "" || o.stdout != want {
		t.Errorf("real clean of a 512 KB line: exit %d, stderr %q, got %d bytes, want %d; starts %.40q",
			o.code, o.stderr, len(o.stdout), len(want), o.stdout)
	}
}

// TestOnlyBlankLines: text that is nothing but line breaks is left as it
// is, whatever the line endings.
func TestOnlyBlankLines(t *testing.T) {
	for _, text := range []string{"\n", "\n\n", strings.Repeat("\n", 1000), strings.Repeat("\r\n", 50), "\n\r\n\n\r\n"} {
		s := real(t)
		s.stdin = text
		if o := s.run(t, "clean"); o.code != 0 || o.stdout != text || o.stderr != "" {
			t.Errorf("clean %q: exit %d, stdout %q, stderr %q", text, o.code, o.stdout, o.stderr)
		}
		if o := s.run(t, "check"); o.code != 0 || o.stdout != "" {
			t.Errorf("check %q: exit %d, stdout %q", text, o.code, o.stdout)
		}
		if o := s.run(t, "diff"); o.code != 0 || o.stdout != "" {
			t.Errorf("diff %q: exit %d, stdout %q", text, o.code, o.stdout)
		}
	}
}

// TestRefusedInputs: binary files and texts in UTF-16 or UTF-32 are
// reported by name with the reason, left alone by -w, and the files after
// them are still processed; the exit status is 2.
func TestRefusedInputs(t *testing.T) {
	tests := []struct {
		name, text, msg string
	}{
		{"nul.dat", "text..\x00more", "copydesk: nul.dat: binary file (NUL byte at offset 6), left alone\n"},
		{"nul-first.dat", "\x00", "copydesk: nul-first.dat: binary file (NUL byte at offset 0), left alone\n"},
		{"utf16le.txt", "\xff\xfeH\x00i\x00.\x00.\x00\n\x00", "copydesk: utf16le.txt: UTF-16LE text (it starts with a byte order mark): convert it to UTF-8 first, left alone\n"},
		{"utf16be.txt", "\xfe\xff\x00H\x00i\x00.\x00.\x00\n", "copydesk: utf16be.txt: UTF-16BE text (it starts with a byte order mark): convert it to UTF-8 first, left alone\n"},
		// UTF-16 without a NUL byte: CJK text whose code units have no
		// zero byte. U+2E2E is "..", which must not be "fixed".
		{"utf16-cjk.txt", "\xff\xfe\x2d\x4e\x2e\x2e\x87\x65", "copydesk: utf16-cjk.txt: UTF-16LE text (it starts with a byte order mark): convert it to UTF-8 first, left alone\n"},
		{"utf16-bom-only.txt", "\xfe\xff", "copydesk: utf16-bom-only.txt: UTF-16BE text (it starts with a byte order mark): convert it to UTF-8 first, left alone\n"},
		{"utf32le.txt", "\xff\xfe\x00\x00H\x00\x00\x00", "copydesk: utf32le.txt: UTF-32LE text (it starts with a byte order mark): convert it to UTF-8 first, left alone\n"},
		{"utf32be.txt", "\x00\x00\xfe\xff\x00\x00\x00H", "copydesk: utf32be.txt: UTF-32BE text (it starts with a byte order mark): convert it to UTF-8 first, left alone\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := cd(t, map[string]string{tt.name: tt.text, "ok.txt": "ok..\n"})
			for _, cmd := range [][]string{{"clean"}, {"check"}, {"diff"}, {"clean", "-l"}, {"split"}} {
				args := append(cmd, tt.name)
				if cmd[0] != "split" {
					args = append(args, "ok.txt")
				}
				o := real(t).run(t, args...)
				if o.code != 2 || o.stderr != tt.msg {
					t.Errorf("%v: exit %d, stderr %q, want 2, %q", cmd, o.code, o.stderr, tt.msg)
				}
				if cmd[0] != "split" && !strings.Contains(o.stdout, "ok") {
					t.Errorf("%v: the file after the refused one was not processed: %q", cmd, o.stdout)
				}
			}
			// Standard input is refused the same way.
			s := real(t)
			s.stdin = tt.text
			if o := s.run(t, "clean"); o.code != 2 || o.stdout != "" || o.stderr != strings.Replace(tt.msg, tt.name, "stdin", 1) {
				t.Errorf("clean from stdin: exit %d, stdout %q, stderr %q", o.code, o.stdout, o.stderr)
			}
			o := real(t).run(t, "clean", "-w", tt.name, "ok.txt")
			if o.code != 2 || readFile(t, tt.name) != tt.text || readFile(t, "ok.txt") != "ok.\n" {
				t.Errorf("clean -w: exit %d, %s = %q, ok.txt = %q", o.code, tt.name, readFile(t, tt.name), readFile(t, "ok.txt"))
			}
			checkNoTemp(t, dir)
		})
	}
	// The marks are only marks at the start; elsewhere they are invalid
	// UTF-8, passed through.
	s := real(t)
	s.stdin = "x\xff\xfe y..\n"
	if o := s.run(t, "clean"); o.code != 0 || o.stdout != "x\xff\xfe y.\n" {
		t.Errorf("FF FE inside a text: exit %d, %q, stderr %q", o.code, o.stdout, o.stderr)
	}
}

// TestUnreadableInputs: each input that cannot be read is named in one
// line on standard error with the reason; the others are processed.
func TestUnreadableInputs(t *testing.T) {
	dir := cd(t, map[string]string{"a.txt": "a..\n", "sub/x.txt": "", "z.txt": "z..\n"})
	args := []string{"a.txt", "missing.txt", "a.txt/inside", "", "z.txt"}
	want := "copydesk: reading missing.txt: open missing.txt: no such file or directory\n" +
		"copydesk: reading a.txt/inside: open a.txt/inside: not a directory\n" +
		"copydesk: reading : open : no such file or directory\n"
	o := session{}.run(t, append([]string{"clean"}, args...)...)
	if o.code != 2 || o.stdout != "a.\nz.\n" || o.stderr != want {
		t.Errorf("clean: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", o.code, o.stdout, o.stderr, want)
	}
	o = session{}.run(t, append([]string{"clean", "-w"}, args...)...)
	if o.code != 2 || readFile(t, "a.txt") != "a.\n" || readFile(t, "z.txt") != "z.\n" {
		t.Errorf("clean -w: exit %d, stderr %q", o.code, o.stderr)
	}
	checkNoTemp(t, dir)

	// A file without read permission. Root reads it anyway.
	if err := os.WriteFile("secret.txt", []byte("s..\n"), 0o200); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		t.Log("running as root: permissions do not stop reading, the unreadable-file case is skipped")
		return
	}
	o = session{}.run(t, "clean", "-w", "secret.txt", "z.txt")
	if o.code != 2 || o.stderr != "copydesk: reading secret.txt: open secret.txt: permission denied\n" {
		t.Errorf("unreadable file: exit %d, stderr %q", o.code, o.stderr)
	}
	if fi, err := os.Stat("secret.txt"); err != nil || fi.Mode().Perm() != 0o200 || fi.Size() != 4 {
		t.Errorf("unreadable file changed: %v %v", fi, err)
	}
}

// TestSymlinks: links are followed, for reading and writing; -w and -o
// write the file a link points to and keep the link, even when it points
// to a file that does not exist yet.
func TestSymlinks(t *testing.T) {
	dir := cd(t, map[string]string{"real/a.txt": "a..\n", "in.txt": "in..\n"})
	for _, l := range [][2]string{{"real/a.txt", "link.txt"}, {"real", "dirlink"}, {"real/new.txt", "dangling.txt"}, {"link.txt", "link2.txt"}} {
		if err := os.Symlink(l[0], l[1]); err != nil {
			t.Skipf("no symbolic links: %v", err)
		}
	}
	isLink := func(name string) {
		t.Helper()
		if fi, err := os.Lstat(name); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link: %v", name, err)
		}
	}
	if o := (session{}).run(t, "clean", "link2.txt"); o.stdout != "a.\n" {
		t.Errorf("reading through two links: %q %q", o.stdout, o.stderr)
	}
	if o := (session{}).run(t, "clean", "-w", "link2.txt"); o.code != 0 || readFile(t, "real/a.txt") != "a.\n" {
		t.Errorf("clean -w through two links: exit %d, %q", o.code, o.stderr)
	}
	isLink("link.txt")
	isLink("link2.txt")
	if o := (session{}).run(t, "clean", "-o", "dangling.txt", "in.txt"); o.code != 0 || readFile(t, "real/new.txt") != "in.\n" {
		t.Errorf("clean -o to a dangling link: exit %d, %q", o.code, o.stderr)
	}
	isLink("dangling.txt")
	if err := os.WriteFile("real/a.txt", []byte("again..\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if o := (session{}).run(t, "clean", "-w", "dirlink/a.txt"); o.code != 0 || readFile(t, "real/a.txt") != "again.\n" {
		t.Errorf("clean -w through a directory link: exit %d, %q", o.code, o.stderr)
	}
	isLink("dirlink")
	// A loop of links is an error, not a hang.
	os.Symlink("loop2", "loop1")
	os.Symlink("loop1", "loop2")
	o := session{}.run(t, "clean", "-o", "loop1", "in.txt")
	if o.code != 2 || !strings.HasPrefix(o.stderr, "copydesk: writing loop1: ") {
		t.Errorf("clean -o to a loop of links: exit %d, %q", o.code, o.stderr)
	}
	isLink("loop1")
	checkNoTemp(t, dir)
}

// TestWriteKeepsOwnerAndMode: -w keeps the mode bits and, where the
// process may set them (as root), the owner and group.
func TestWriteKeepsOwnerAndMode(t *testing.T) {
	cd(t, map[string]string{"a.txt": "a..\n"})
	if err := os.Chmod("a.txt", 0o640|fs.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	root := os.Geteuid() == 0
	if root {
		if err := os.Chown("a.txt", 1234, 5678); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := os.Stat("a.txt")
	if o := (session{}).run(t, "clean", "-w", "a.txt"); o.code != 0 || readFile(t, "a.txt") != "a.\n" {
		t.Fatalf("clean -w: exit %d, %q", o.code, o.stderr)
	}
	after, _ := os.Stat("a.txt")
	if os.SameFile(before, after) {
		t.Error("the file was not replaced")
	}
	if after.Mode() != before.Mode() {
		t.Errorf("mode %v, want %v", after.Mode(), before.Mode())
	}
	if !root {
		t.Log("not root: the owner cannot be changed, only the mode is checked")
		return
	}
	st := after.Sys().(*syscall.Stat_t)
	if st.Uid != 1234 || st.Gid != 5678 {
		t.Errorf("owner %d:%d, want 1234:5678", st.Uid, st.Gid)
	}
}

// TestFullDisk: a write that fails for want of space, injected or real
// (/dev/full), is an error naming the file, exit 2, and touches neither
// the input nor an existing output.
func TestFullDisk(t *testing.T) {
	dir := cd(t, map[string]string{"a.txt": dirty, "out.txt": "old output\n"})
	enospc := func(step, path string) error {
		if step == "write" {
			return &os.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
		}
		return nil
	}
	for _, args := range [][]string{
		{"clean", "-o", "out.txt", "a.txt"},
		{"clean", "-w", "a.txt"},
		{"clean", "--diff", "out.txt", "a.txt"},
		{"clean", "--report", "out.txt", "a.txt"},
	} {
		o := session{failWrite: enospc}.run(t, args...)
		if o.code != 2 || !strings.Contains(o.stderr, ": no space left on device\n") || strings.Count(o.stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q", args, o.code, o.stderr)
		}
		if readFile(t, "a.txt") != dirty || readFile(t, "out.txt") != "old output\n" {
			t.Errorf("%v: a file changed after a failed write", args)
		}
	}
	checkNoTemp(t, dir)

	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	o := session{}.run(t, "clean", "-o", "/dev/full", "a.txt")
	if want := "copydesk: writing /dev/full: write /dev/full: no space left on device\n"; o.code != 2 || o.stderr != want {
		t.Errorf("clean -o /dev/full: exit %d, stderr %q, want %q", o.code, o.stderr, want)
	}
	o = session{}.run(t, "clean", "--diff", "/dev/full", "-o", "/dev/null", "a.txt")
	if o.code != 2 || !strings.HasSuffix(o.stderr, "no space left on device\n") {
		t.Errorf("clean --diff /dev/full: exit %d, stderr %q", o.code, o.stderr)
	}
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	for _, args := range [][]string{{"clean", "a.txt"}, {"diff", "a.txt"}, {"check", "a.txt"}} {
		o := session{stdout: full}.run(t, args...)
		if want := "copydesk: writing output: write /dev/full: no space left on device\n"; o.code != 2 || o.stderr != want {
			t.Errorf("%v > /dev/full: exit %d, stderr %q, want %q", args, o.code, o.stderr, want)
		}
	}
	if readFile(t, "a.txt") != dirty {
		t.Error("the input changed")
	}
	// Devices are written, not replaced.
	if o := (session{}).run(t, "clean", "-o", "/dev/null", "a.txt"); o.code != 0 || o.stderr != "" {
		t.Errorf("clean -o /dev/null: exit %d, %q", o.code, o.stderr)
	}
	if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("/dev/null is no longer a device: %v", err)
	}
	checkNoTemp(t, dir)
}

// TestOutputToStdoutPath: -o /dev/stdout writes to standard output as it
// is, appending if the shell appends, and never replaces the file it
// was redirected to.
func TestOutputToStdoutPath(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a process")
	}
	if _, err := os.Stat("/dev/stdout"); err != nil {
		t.Skipf("no /dev/stdout: %v", err)
	}
	dir := cd(t, map[string]string{"a.txt": "a..\n", "log.txt": "before\n"})
	log, err := os.OpenFile(filepath.Join(dir, "log.txt"), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	for _, args := range [][]string{{"clean", "-o", "/dev/stdout", "a.txt"}, {"clean", "--diff", "/dev/fd/1", "-o", "/dev/null", "a.txt"}} {
		before, _ := os.Stat("log.txt")
		cmd := execSelf(t, args...)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = log, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%v: %v %s", args, err, stderr.String())
		}
		after, _ := os.Stat("log.txt")
		if !os.SameFile(before, after) {
			t.Errorf("%v replaced the file standard output goes to", args)
		}
	}
	// The diff written through /dev/fd/1 truncates, as "> /dev/fd/1" does.
	if got := readFile(t, "log.txt"); got != "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a..\n+a.\n" {
		t.Errorf("log.txt = %q", got)
	}
	checkNoTemp(t, dir)
}

// TestClosedPipeShell runs copydesk clean big.txt | head -c 10 in a
// shell: head gets its bytes and copydesk says nothing.
func TestClosedPipeShell(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a process")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	var big strings.Builder
	for i := 0; big.Len() < 128<<10; i++ { // more than a pipe holds
		fmt.Fprintf(&big, "Line %d of a text that goes on..\n", i)
	}
	dir := cd(t, map[string]string{"big.txt": big.String()})
	for _, cmd := range []string{"clean", "diff", "check"} {
		sh := exec.Command("sh", "-c", `"$0" `+cmd+` big.txt | head -c 10`, os.Args[0])
		sh.Dir = dir
		sh.Env = append(os.Environ(), "COPYDESK_RUN_MAIN=1")
		var stdout, stderr bytes.Buffer
		sh.Stdout, sh.Stderr = &stdout, &stderr
		if err := sh.Run(); err != nil {
			t.Errorf("%s | head: %v", cmd, err)
		}
		if stdout.Len() != 10 || stderr.Len() != 0 {
			t.Errorf("%s | head -c 10: stdout %q, stderr %q", cmd, stdout.String(), stderr.String())
		}
	}
}

// TestStdinProcess: standard input that is empty, closed, or closed by
// the writer part way.
func TestStdinProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a process")
	}
	if runtime.GOOS == "windows" {
		t.Skip("needs a Unix shell")
	}
	// No standard input at all (<&-): Go opens /dev/null in its place.
	sh := exec.Command("sh", "-c", `exec "$0" clean <&-`, os.Args[0])
	sh.Env = append(os.Environ(), "COPYDESK_RUN_MAIN=1")
	if out, err := sh.CombinedOutput(); err != nil || len(out) != 0 {
		t.Errorf("clean with standard input closed: %v, %q", err, out)
	}
	// Empty standard input.
	cmd := execSelf(t, "check")
	if out, err := cmd.CombinedOutput(); err != nil || len(out) != 0 {
		t.Errorf("check of empty standard input: %v, %q", err, out)
	}
	// The writer closes its end after part of a line: what came is
	// cleaned, without waiting for a newline.
	cmd = execSelf(t, "clean")
	w, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "half a line..")
	w.Close()
	if err := cmd.Wait(); err != nil || stdout.String() != "half a line." || stderr.Len() != 0 {
		t.Errorf("clean of a cut input: %v, stdout %q, stderr %q", err, stdout.String(), stderr.String())
	}
}

// TestOddNames: names with spaces, non-ASCII letters, quotes, tabs and
// newlines appear in messages as given, and the diff of such files
// applies with git apply and patch -p1.
func TestOddNames(t *testing.T) {
	files := map[string]string{
		"my story.txt":     "a..\n",
		"ünïcödé ☃.txt":    "b..\n",
		"日本語/メモ.txt":       "c..\n",
		"  leading.txt":    "d..\n",
		"trailing .txt":    "e..\n",
		"tab\there.txt":    "f..\n",
		`quo"te\slash.txt`: "g..\n",
		"new\nline.txt":    "h..\n",
		"-dash.txt":        "i..\n",
	}
	dir := cd(t, files)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	o := session{}.run(t, "clean", "-l", "--", "no such ü.txt")
	if want := "copydesk: reading no such ü.txt: open no such ü.txt: no such file or directory\n"; o.stderr != want {
		t.Errorf("stderr %q, want %q", o.stderr, want)
	}
	o = session{}.run(t, append([]string{"diff", "--"}, names...)...)
	if o.code != 1 || o.stderr != "" {
		t.Fatalf("diff: exit %d, stderr %q", o.code, o.stderr)
	}
	patch := o.stdout
	for _, want := range []string{`--- "a/my story.txt"`, `--- "a/ünïcödé ☃.txt"`, "--- a/日本語/メモ.txt\n", `--- "a/tab\there.txt"`, `--- "a/new\nline.txt"`, `--- "a/quo\"te\\slash.txt"`} {
		if !strings.Contains(patch, want) {
			t.Errorf("the diff lacks %q:\n%s", want, patch)
		}
	}
	for _, tool := range patchTools {
		t.Run(tool[0], func(t *testing.T) {
			work := applyPatch(t, tool, files, patch)
			for name, text := range files {
				want := strings.Replace(text, "..", ".", 1)
				if got := readFile(t, filepath.Join(work, name)); got != want {
					t.Errorf("%s made %q of %q, want %q", tool[0], got, name, want)
				}
			}
		})
	}
	// clean -w rewrites each, and --diff writes the same patch.
	o = session{}.run(t, append([]string{"clean", "-w", "--diff", "all.patch", "--"}, names...)...)
	if o.code != 0 || readFile(t, "all.patch") != patch {
		t.Errorf("clean -w --diff: exit %d, %q", o.code, o.stderr)
	}
	for name, text := range files {
		if got := readFile(t, name); got != strings.Replace(text, "..", ".", 1) {
			t.Errorf("%q = %q", name, got)
		}
	}
	checkNoTemp(t, dir)
}

func TestQuoteDiffName(t *testing.T) {
	for in, want := range map[string]string{
		"a/plain.txt":        "a/plain.txt",
		"a/ünï/日本.txt":       "a/ünï/日本.txt",
		"a/with space":       `"a/with space"`,
		"a/tab\t":            `"a/tab\t"`,
		"a/nl\ncr\r":         `"a/nl\ncr\r"`,
		`a/"q"\`:             `"a/\"q\"\\"`,
		"a/\x01\x1b\x7f\a\v": `"a/\001\033\177\a\v"`,
		"a/\xff raw":         "\"a/\xff raw\"",
	} {
		if got := quoteDiffName(in); got != want {
			t.Errorf("quoteDiffName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMixedLineEndings: CRLF and LF lines in one file stay as they are,
// and the diff applies.
func TestMixedLineEndings(t *testing.T) {
	text := "“One..”\r\nTwo  spaces.\nThree\r\n\r\nFour..\n\nSame paragraph here twice.\r\n\r\nSame paragraph here twice.\r\n\r\nlast\r"
	dir := cd(t, map[string]string{"mixed.txt": text})
	s := real(t)
	cleaned := s.run(t, "clean", "mixed.txt").stdout
	if strings.Count(cleaned, "\r\n") != strings.Count(text, "\r\n")-2 || !strings.HasSuffix(cleaned, "last\r") {
		t.Errorf("line endings changed: %q", cleaned)
	}
	for _, line := range []string{"Two spaces.\nThree\r\n", "Four.\n\n"} {
		if !strings.Contains(cleaned, line) {
			t.Errorf("cleaned text lacks %q: %q", line, cleaned)
		}
	}
	patch := s.run(t, "diff", "mixed.txt").stdout
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	cmd := exec.Command("git", "apply", "-p1", "-")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(patch)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s\npatch:\n%q", err, out, patch)
	}
	if got := readFile(t, "mixed.txt"); got != cleaned {
		t.Errorf("git apply made %q, clean %q", got, cleaned)
	}
}
