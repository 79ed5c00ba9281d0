//go:build unix

package main

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// chown gives f the owner and group of the file fi describes, if the
// process may; errors are ignored.
func chown(f *os.File, fi fs.FileInfo) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		f.Chown(int(st.Uid), int(st.Gid))
	}
}

// umask is the process's file mode creation mask, read once at start
// (reading it means setting it, so it is not done while files are
// being created).
var umask = func() fs.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return fs.FileMode(m) & fs.ModePerm
}()

// linkCount returns the number of hard links of the file fi describes.
func linkCount(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// ownedByMe reports whether the file fi describes belongs to the
// process's effective user.
func ownedByMe(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}

// processGone reports whether no process has the id pid (in this
// process's pid namespace). A process that exists but belongs to
// another user is not gone.
func processGone(pid int) bool {
	return pid > 0 && errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

// pidNamespace names the pid namespace of the process where the system
// has them ("pid:[4026531836]" on Linux), or "".
func pidNamespace() string {
	ns, _ := os.Readlink("/proc/self/ns/pid")
	return ns
}
