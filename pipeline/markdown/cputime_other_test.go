//go:build !linux

package markdown

import "time"

// threadCPU returns the wall clock where the thread's CPU time is not
// read.
func threadCPU() time.Duration { return time.Duration(time.Now().UnixNano()) }
