//go:build !unix

package main

import (
	"io/fs"
	"os"
)

// chown does nothing where files have no Unix owner.
func chown(*os.File, fs.FileInfo) {}

// umask: no creation mask where files have no Unix mode.
const umask fs.FileMode = 0

// linkCount returns 1: hard links are not counted here.
func linkCount(fs.FileInfo) uint64 { return 1 }

// ownedByMe cannot tell owners apart here.
func ownedByMe(fs.FileInfo) bool { return false }

// processGone cannot prove a process gone here, so stale temporary
// files are never removed.
func processGone(int) bool { return false }

// pidNamespace: none here.
func pidNamespace() string { return "" }
