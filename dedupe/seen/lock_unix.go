//go:build unix

package seen

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an exclusive advisory lock on f, failing at once if
// another process holds it.
func lockFile(f *os.File) (func() error, error) {
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errors.New("in use by another process")
		}
		return nil, err
	}
	return func() error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }, nil
}
