//go:build unix

package config

import (
	"os"
	"syscall"
)

// foreignOwner returns the owner of the file at path when it is neither
// the process's effective user nor root.
func foreignOwner(path string) (int, bool) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || st.Uid == 0 || int(st.Uid) == os.Geteuid() {
		return 0, false
	}
	return int(st.Uid), true
}
