package main

import (
	"errors"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  bool
	}{
		{"0", 0, false},
		{"1500", 1500, false},
		{"1500B", 1500, false},
		{"64KiB", 64 << 10, false},
		{"64K", 64 << 10, false},
		{"64k", 64 << 10, false},
		{"64KB", 64000, false},
		{"64kB", 64000, false},
		{"256MiB", 256 << 20, false},
		{"256M", 256 << 20, false},
		{"256MB", 256e6, false},
		{" 2 GiB ", 2 << 30, false},
		{"1GB", 1e9, false},
		{"1TiB", 1 << 40, false},
		{"", 0, true},
		{"MiB", 0, true},
		{"-1", 0, true},
		{"1.5MiB", 0, true},
		{"10x", 0, true},
		{"0x10", 0, true},
		{"99999999999TiB", 0, true},
		{strconv.FormatUint(math.MaxUint64, 10), 0, true},
	}
	for _, tt := range tests {
		got, err := parseSize(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 bytes", 1023: "1023 bytes", 1024: "1 KiB", 1536: "1.5 KiB",
		256 << 20: "256 MiB", 300_000_000: "286.1 MiB", 3 << 30: "3 GiB",
	} {
		if got := formatSize(n); got != want {
			t.Errorf("formatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestMaxSize: an input over --max-size is refused by name, before it is
// read when its size is known; the other inputs are processed; exit 2.
func TestMaxSize(t *testing.T) {
	dir := cd(t, map[string]string{"small.txt": "ok..\n", "ten.txt": "01234567..\n"})
	const msg = "copydesk: reading ten.txt: input too large (11 bytes, the maximum is 10 bytes; raise it with --max-size)\n"
	for _, cmd := range [][]string{{"clean"}, {"diff"}, {"check"}, {"clean", "-w"}, {"clean", "-l"}} {
		args := append(append(cmd, "--max-size", "10"), "ten.txt", "small.txt")
		o := session{}.run(t, args...)
		if o.code != 2 || o.stderr != msg {
			t.Errorf("%v: exit %d, stderr %q, want %q", args, o.code, o.stderr, msg)
		}
		if cmd[0] != "clean" && !strings.Contains(o.stdout, "small.txt") {
			t.Errorf("%v: the next file was not processed: %q", args, o.stdout)
		}
		if readFile(t, "ten.txt") != "01234567..\n" {
			t.Fatalf("%v changed a file over the limit", args)
		}
	}
	if o := (session{}).run(t, "split", "--max-size", "10", "ten.txt"); o.code != 2 || o.stderr != msg {
		t.Errorf("split: exit %d, stderr %q", o.code, o.stderr)
	}
	// Exactly the limit is allowed, and so is any size with 0.
	for _, limit := range []string{"11", "11B", "1KiB", "0"} {
		if o := (session{}).run(t, "clean", "--max-size", limit, "ten.txt"); o.code != 0 || o.stdout != "01234567.\n" {
			t.Errorf("--max-size %s: exit %d, %q, %q", limit, o.code, o.stdout, o.stderr)
		}
	}
	o := session{}.run(t, "check", "--max-size", "ten", "ten.txt")
	if o.code != 2 || o.stderr != "copydesk: check: --max-size: invalid size \"ten\" (want bytes, or a number with KiB, MiB, GiB, KB, MB or GB)\n" {
		t.Errorf("bad --max-size: exit %d, %q", o.code, o.stderr)
	}

	// A file over the default limit is refused from its size alone: a
	// sparse file of 1 GiB takes no time and no memory.
	f, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Skipf("no sparse file: %v", err)
	}
	f.Close()
	o = session{}.run(t, "clean", "-w", "huge.txt", "small.txt")
	if want := "copydesk: reading huge.txt: input too large (1 GiB, the maximum is 256 MiB; raise it with --max-size)\n"; o.code != 2 || o.stderr != want {
		t.Errorf("1 GiB file: exit %d, stderr %q, want %q", o.code, o.stderr, want)
	}
	if readFile(t, "small.txt") != "ok.\n" {
		t.Errorf("the file after the huge one was not written")
	}
	checkNoTemp(t, dir)
}

// endless is a reader that never ends, counting what it gives.
type endless struct{ n int64 }

func (r *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a' + byte(i%26)
	}
	r.n += int64(len(p))
	return len(p), nil
}

// TestMaxSizeStream: input of unknown size (standard input, a device)
// is read to one byte past the limit and no further.
func TestMaxSizeStream(t *testing.T) {
	src := &endless{}
	var stdout, stderr strings.Builder
	e := &env{stdin: src, stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, newPipeline: fakePipeline}
	code := e.run([]string{"clean", "--max-size", "1MiB"})
	if want := "copydesk: reading stdin: input too large (more than the maximum of 1 MiB; raise it with --max-size)\n"; code != 2 || stderr.String() != want {
		t.Errorf("endless stdin: exit %d, stderr %q, want %q", code, stderr.String(), want)
	}
	if stdout.Len() != 0 {
		t.Errorf("endless stdin: %d bytes written", stdout.Len())
	}
	if src.n > 1<<20+64<<10 {
		t.Errorf("read %d bytes for a limit of 1 MiB", src.n)
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skipf("no /dev/zero: %v", err)
	}
	o := session{}.run(t, "check", "--max-size", "64KiB", "/dev/zero")
	if want := "copydesk: reading /dev/zero: input too large (more than the maximum of 64 KiB; raise it with --max-size)\n"; o.code != 2 || o.stderr != want {
		t.Errorf("/dev/zero: exit %d, stderr %q, want %q", o.code, o.stderr, want)
	}
}

func TestReadAllErrors(t *testing.T) {
	_, err := readAll(strings.NewReader("12345"), 5, 4)
	if !errors.Is(err, errTooLarge) {
		t.Errorf("5 bytes, limit 4: %v", err)
	}
	if s, err := readAll(strings.NewReader("1234"), 0, 4); err != nil || s != "1234" {
		t.Errorf("4 bytes, limit 4: %q, %v", s, err)
	}
	if s, err := readAll(strings.NewReader("1234"), 2, math.MaxInt64); err != nil || s != "1234" {
		t.Errorf("no limit, file grown since stat: %q, %v", s, err)
	}
	eio := &os.PathError{Op: "read", Path: "x", Err: syscall.EIO}
	if _, err := readAll(io.MultiReader(strings.NewReader("ab"), errReader{eio}), 0, 10); !errors.Is(err, syscall.EIO) {
		t.Errorf("read error: %v", err)
	}
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// hugeLineSize is the size of BenchmarkHugeLine's input: 200 MB, or
// COPYDESK_HUGE_MB megabytes.
func hugeLineSize(tb testing.TB) int {
	mb := 200
	if s := os.Getenv("COPYDESK_HUGE_MB"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			tb.Fatalf("COPYDESK_HUGE_MB=%q: want a number of megabytes", s)
		}
		mb = n
	}
	return mb << 20
}

// runHugeLine runs copydesk clean as a process on a single line of size
// bytes and returns its peak resident memory in bytes.
func runHugeLine(tb testing.TB, size int, args ...string) int64 {
	dir := tb.TempDir()
	path := filepath.Join(dir, "line.txt")
	body := hugeLine(size)
	want := int64(len(body)) + 2 // the curly quotes straightened
	if err := os.WriteFile(path, []byte("“"+body+"”"), 0o644); err != nil {
		tb.Fatal(err)
	}
	body = ""
	cmd := execSelfTB(tb, append(append([]string{"clean"}, args...), "-o", filepath.Join(dir, "out.txt"), path)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("clean of a %d MB line: %v\n%s", size>>20, err, out)
	}
	fi, err := os.Stat(filepath.Join(dir, "out.txt"))
	if err != nil || fi.Size() != want {
		tb.Fatalf("output: %v, %v; want %d bytes", fi, err, want)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		tb.Skip("no resource usage on this system")
	}
	return ru.Maxrss << 10 // kilobytes on Linux
}

// execSelfTB is execSelf for tests and benchmarks.
func execSelfTB(tb testing.TB, args ...string) *exec.Cmd {
	tb.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "COPYDESK_RUN_MAIN=1")
	return cmd
}

// BenchmarkHugeLine cleans a single 200 MB line with no newline
// (COPYDESK_HUGE_MB sets another size) in a copydesk process and reports
// its peak resident memory per input byte (peak-RSS-B/B). The
// allocations reported are the benchmark's own, not the process's.
//
//	go test -run='^$' -bench=HugeLine -benchtime=1x ./cmd/copydesk
func BenchmarkHugeLine(b *testing.B) {
	size := hugeLineSize(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var peak int64
	for b.Loop() {
		peak = max(peak, runHugeLine(b, size))
	}
	b.ReportMetric(float64(peak)/float64(size), "peak-RSS-B/B")
}

// TestHugeLineBig is BenchmarkHugeLine as a test, run only with
// COPYDESK_BIG=1: a 200 MB line must be cleaned.
func TestHugeLineBig(t *testing.T) {
	if os.Getenv("COPYDESK_BIG") != "1" {
		t.Skip("set COPYDESK_BIG=1 to clean a 200 MB line (slow, needs memory)")
	}
	size := hugeLineSize(t)
	peak := runHugeLine(t, size)
	t.Logf("%d MB line: peak RSS %d MB, %.1f bytes per input byte", size>>20, peak>>20, float64(peak)/float64(size))
}

// TestStdinFile: standard input redirected from a file is read from
// where it stands, with the same limit.
func TestStdinFile(t *testing.T) {
	cd(t, map[string]string{"a.txt": "skip|rest..\n"})
	f, err := os.Open("a.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(5, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if n := sizeHint(f); n != 7 {
		t.Errorf("sizeHint = %d, want 7", n)
	}
	var stdout, stderr strings.Builder
	e := &env{stdin: f, stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, newPipeline: fakePipeline}
	if code := e.run([]string{"clean"}); code != 0 || stdout.String() != "rest.\n" {
		t.Errorf("clean < a.txt after 5 bytes: exit %d, %q, %q", code, stdout.String(), stderr.String())
	}
	f.Seek(0, io.SeekStart)
	stdout.Reset()
	e = &env{stdin: f, stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, newPipeline: fakePipeline}
	if code := e.run([]string{"clean", "--max-size", "11"}); code != 2 || stdout.Len() != 0 || !strings.Contains(stderr.String(), "input too large") {
		t.Errorf("clean --max-size 11 < a.txt: exit %d, %q, %q", code, stdout.String(), stderr.String())
	}
	if n := sizeHint(strings.NewReader("x")); n != 0 {
		t.Errorf("sizeHint of a strings.Reader = %d", n)
	}
}
