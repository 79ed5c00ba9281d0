//go:build !unix

package main

// syncDir would flush a batch of files to disk; where there is no
// sync(2) the system writes them back in its own time.
func syncDir(string) error { return nil }
