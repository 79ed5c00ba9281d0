//go:build !unix

package seen

import "os"

// lockFile does nothing where flock is not available.
func lockFile(*os.File) (func() error, error) { return func() error { return nil }, nil }
