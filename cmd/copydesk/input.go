package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// An input is one text to work on.
type input struct {
	name string // what messages call it: the argument, or the stdin name
	path string // the file; "" for standard input
	text string
}

// read reads the input named by arg: a file, or standard input for "-".
// Standard input is read once; a second "-" gets the same text. A
// directory is an error, and so is a text with a NUL byte: it is binary
// and left alone.
func (e *env) read(arg, stdinName string) (*input, error) {
	in := &input{name: arg, path: arg}
	if arg == "-" {
		in.name, in.path = stdinName, ""
		if !e.stdinRead {
			text, err := readAll(e.stdin, 0)
			if err != nil {
				return nil, fmt.Errorf("reading %s: %w", stdinName, err)
			}
			e.stdinText, e.stdinRead = text, true
		}
		in.text = e.stdinText
	} else {
		f, err := os.Open(arg)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", arg, err)
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", arg, err)
		}
		if fi.IsDir() {
			return nil, fmt.Errorf("reading %s: is a directory", arg)
		}
		if in.text, err = readAll(f, fi.Size()); err != nil {
			return nil, fmt.Errorf("reading %s: %w", arg, err)
		}
	}
	if i := strings.IndexByte(in.text, 0); i >= 0 {
		return nil, fmt.Errorf("%s: binary file (NUL byte at offset %d), left alone", in.name, i)
	}
	return in, nil
}

// readAll reads r to the end into a string, copying the bytes once.
func readAll(r io.Reader, size int64) (string, error) {
	var b strings.Builder
	if size > 0 && size < 1<<40 {
		b.Grow(int(size) + 1)
	}
	_, err := io.Copy(&b, r)
	return b.String(), err
}
