package seen

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

const testVersion = "test-fp/1"

func keys(fps ...Fingerprint) []Key {
	out := make([]Key, len(fps))
	for i, fp := range fps {
		out[i] = Key{FP: fp, Para: i + 1}
	}
	return out
}

// exercise checks the Index contract on idx, which must be empty.
func exercise(t *testing.T, idx Index) {
	t.Helper()
	got, err := idx.TestAndAdd("a", keys(10, 20, 10), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Seen{{}, {}, {Found: true, Origin: Origin{Doc: "a", Para: 1}}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("first batch: got %v, want %v", got, want)
	}
	got, err = idx.TestAndAdd("b", keys(30, 20), got[:0])
	if err != nil {
		t.Fatal(err)
	}
	want = []Seen{{}, {Found: true, Origin: Origin{Doc: "a", Para: 2}}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("second batch: got %v, want %v", got, want)
	}
	// A document with nothing new adds no document entry.
	if got, _ = idx.TestAndAdd("c", keys(30), nil); !got[0].Found || got[0].Origin.Doc != "b" {
		t.Fatalf("third batch: %v", got)
	}
	if idx.Len() != 3 {
		t.Fatalf("Len = %d, want 3", idx.Len())
	}
}

func TestMemory(t *testing.T) {
	idx := OpenMemory()
	exercise(t, idx)
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestLogReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seen.idx")
	idx, err := Open(path, testVersion)
	if err != nil {
		t.Fatal(err)
	}
	exercise(t, idx)
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	idx, err = Open(path, testVersion)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if idx.Len() != 3 {
		t.Fatalf("reopened Len = %d, want 3", idx.Len())
	}
	got, err := idx.TestAndAdd("d", keys(20, 30, 40), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprint([]Seen{{Found: true, Origin: Origin{"a", 2}}, {Found: true, Origin: Origin{"b", 1}}, {}})
	if fmt.Sprint(got) != want {
		t.Fatalf("after reopen: got %v, want %s", got, want)
	}
}

func TestLogVersionMismatch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seen.idx")
	idx, err := Open(path, testVersion)
	if err != nil {
		t.Fatal(err)
	}
	idx.Close()
	_, err = Open(path, "test-fp/2")
	var ve *VersionError
	if !errors.As(err, &ve) || ve.Have != testVersion || ve.Want != "test-fp/2" {
		t.Fatalf("Open with another version: %v", err)
	}
	if !strings.Contains(err.Error(), "never match") {
		t.Errorf("message does not say why: %v", err)
	}
}

func TestLogNotAnIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(path, []byte("hello, world\n"), 0o644)
	if _, err := Open(path, testVersion); err == nil || !strings.Contains(err.Error(), "not a copydesk seen-index") {
		t.Fatalf("Open of a text file: %v", err)
	}
}

// writeTwoBatches makes a log with two committed frames and returns
// its path and the size after the first frame.
func writeTwoBatches(t *testing.T) (string, int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "seen.idx")
	idx, err := Open(path, testVersion)
	if err != nil {
		t.Fatal(err)
	}
	idx.TestAndAdd("a", keys(1, 2, 3), nil)
	if err := idx.Commit(); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	idx.TestAndAdd("b", keys(4, 5, 6), nil)
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	return path, st.Size()
}

func TestLogTornTail(t *testing.T) {
	for _, cut := range []int64{1, 5, 9, 20} {
		path, _ := writeTwoBatches(t)
		st, _ := os.Stat(path)
		if err := os.Truncate(path, st.Size()-cut); err != nil {
			t.Fatal(err)
		}
		idx, err := Open(path, testVersion)
		if err != nil {
			t.Fatalf("cut %d: %v", cut, err)
		}
		if idx.Len() != 3 {
			t.Errorf("cut %d: Len = %d, want the first batch's 3", cut, idx.Len())
		}
		// The torn tail is gone, and the log grows from the good end.
		idx.TestAndAdd("c", keys(7), nil)
		idx.Close()
		if idx, err = Open(path, testVersion); err != nil || idx.Len() != 4 {
			t.Fatalf("cut %d: reopen after repair: %v, %v", cut, err, idx)
		}
		idx.Close()
	}
}

func TestLogZeroTail(t *testing.T) {
	path, _ := writeTwoBatches(t)
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.Write(make([]byte, 4096))
	f.Close()
	idx, err := Open(path, testVersion)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if idx.Len() != 6 {
		t.Fatalf("Len = %d, want 6", idx.Len())
	}
}

func TestLogCorruptMiddle(t *testing.T) {
	path, first := writeTwoBatches(t)
	b, _ := os.ReadFile(path)
	b[first-1] ^= 0xff // the last payload byte of the first frame
	os.WriteFile(path, b, 0o644)
	if _, err := Open(path, testVersion); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open of a log damaged in the middle: %v, want ErrCorrupt", err)
	}
}

func TestLogLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seen.idx")
	idx, err := Open(path, testVersion)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if runtime.GOOS == "windows" {
		t.Skip("no flock")
	}
	// flock locks are per open file description: a second Open in the
	// same process conflicts too.
	if _, err := Open(path, testVersion); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second Open: %v, want in use", err)
	}
}

// The crash test: a child process adds batches to an index and prints
// "done N" after each commit; it is killed mid-run, and every batch it
// reported done must be found.

const crashEnv = "COPYDESK_SEEN_CRASH_CHILD"

func batchKeys(n int) []Key {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	ks := make([]Key, 500)
	for i := range ks {
		ks[i] = Key{FP: Fingerprint(r.Uint64()), Para: i + 1}
	}
	return ks
}

func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("run by TestCrashSafety")
	}
	idx, err := Open(path, testVersion)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	for n := 0; ; n++ {
		if _, err := idx.TestAndAdd("doc"+strconv.Itoa(n), batchKeys(n), nil); err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		// Uncommitted work in between, which may or may not survive.
		idx.TestAndAdd("extra", []Key{{FP: Fingerprint(1<<60 + n), Para: 1}}, nil)
		if n%3 == 0 {
			if err := idx.Commit(); err != nil {
				fmt.Println("error", err)
				os.Exit(3)
			}
			fmt.Printf("done %d\n", n)
		}
	}
}

func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	path := filepath.Join(t.TempDir(), "seen.idx")
	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v")
		cmd.Env = append(os.Environ(), crashEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		done := -1
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "error") {
				t.Fatalf("round %d: child: %s", round, line)
			}
			if s, ok := strings.CutPrefix(line, "done "); ok {
				done, _ = strconv.Atoi(s)
				if done >= 30*(round+1) {
					cmd.Process.Signal(syscall.SIGKILL)
					break
				}
			}
		}
		go func() { // drain
			for sc.Scan() {
			}
		}()
		cmd.Wait()
		if done < 0 {
			t.Fatalf("round %d: the child reported nothing", round)
		}
		idx, err := Open(path, testVersion)
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		for n := 0; n <= done; n++ {
			got, err := idx.TestAndAdd("check", batchKeys(n), nil)
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range got {
				if !s.Found || s.Origin != (Origin{Doc: "doc" + strconv.Itoa(n), Para: i + 1}) {
					t.Fatalf("round %d: batch %d, reported done: key %d is %+v", round, n, i, s)
				}
			}
		}
		// Leave the file as a killed run left it, plus nothing: the
		// check keys were all found, so nothing new was added.
		idx.Close()
	}
}
