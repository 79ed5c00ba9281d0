//go:build unix

package main

import (
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
