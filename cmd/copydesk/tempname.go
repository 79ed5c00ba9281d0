package main

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Temporary files are named .BASE.copydesk-PID-HOST-RAND.tmp: BASE is
// the target's name (cut to 100 bytes), PID the id of the process that
// made it, HOST eight hex digits of a hash of the host name, the
// machine id and the pid namespace (so that a process id is only ever
// compared with the processes it can name), RAND eight random hex
// digits.
const tempMarker = ".copydesk-"

// hostTag is the HOST of this process's temporary files.
var hostTag = func() string {
	h := fnv.New32a()
	host, _ := os.Hostname()
	h.Write([]byte(host))
	h.Write([]byte{0})
	id, _ := os.ReadFile("/etc/machine-id")
	h.Write(id)
	h.Write([]byte{0})
	h.Write([]byte(pidNamespace()))
	return fmt.Sprintf("%08x", h.Sum32())
}()

// tempName returns a new name for a temporary file beside the file base.
func tempName(base string) string {
	if len(base) > 100 {
		n := 100
		for n > 0 && !utf8.RuneStart(base[n]) {
			n--
		}
		base = base[:n]
	}
	return fmt.Sprintf(".%s%s%d-%s-%08x.tmp", base, tempMarker, os.Getpid(), hostTag, rand.Uint32())
}

// parseTempName returns the PID and HOST of a temporary file's name, or
// ok false for a name that is not one.
func parseTempName(name string) (pid int, host string, ok bool) {
	rest, ok := strings.CutSuffix(name, ".tmp")
	if !ok || !strings.HasPrefix(rest, ".") {
		return 0, "", false
	}
	i := strings.LastIndex(rest, tempMarker)
	if i < 1 {
		return 0, "", false
	}
	f := strings.Split(rest[i+len(tempMarker):], "-")
	if len(f) != 3 || !isHex8(f[1]) || !isHex8(f[2]) {
		return 0, "", false
	}
	pid, err := strconv.Atoi(f[0])
	if err != nil || pid <= 0 || f[0] != strconv.Itoa(pid) {
		return 0, "", false
	}
	return pid, f[1], true
}

func isHex8(s string) bool {
	if len(s) != 8 {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// swept holds the directories already swept by this process.
var swept struct {
	sync.Mutex
	dirs map[string]bool
}

// sweepStale removes, once per directory and run, the temporary files
// in dir that a copydesk killed while writing left behind. A file is
// removed only when everything proves it such a file: its name has the
// form of tempName; it names this host and pid namespace; its process
// is gone (no process has that id now; the id of a live process, even a
// reused one, keeps the file); it is a regular file (not a link) that
// belongs to this user. Each removal is said on standard error. Where
// processes cannot be checked (not Unix), nothing is removed.
func (e *env) sweepStale(dir string) {
	if dir == "" {
		dir = "."
	}
	key, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	swept.Lock()
	defer swept.Unlock()
	if swept.dirs[key] {
		return
	}
	if swept.dirs == nil {
		swept.dirs = map[string]bool{}
	}
	swept.dirs[key] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, ent := range entries {
		pid, host, ok := parseTempName(ent.Name())
		if !ok || host != hostTag || pid == os.Getpid() || !ent.Type().IsRegular() {
			continue
		}
		path := filepath.Join(dir, ent.Name())
		fi, err := os.Lstat(path)
		if err != nil || !fi.Mode().IsRegular() || !ownedByMe(fi) || !processGone(pid) {
			continue
		}
		if os.Remove(path) == nil {
			e.errorf("removed %s, a temporary file left by copydesk process %d, which is gone", path, pid)
		}
	}
}
