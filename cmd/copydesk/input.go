package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
)

// An input is one text to work on.
type input struct {
	name string // what messages call it: the argument, or the stdin name
	path string // the file; "" for standard input
	text string
}

// defaultMaxSize is the largest input read when --max-size is not given.
// The stages are linear and hold no per-line or per-paragraph buffers,
// so this one limit is also the longest line and the longest paragraph.
const defaultMaxSize = 256 << 20

// maxSizeFlag is the --max-size flag of the commands that read text.
func maxSizeFlag() cli.Flag {
	return &cli.StringFlag{Name: "max-size", Value: "256MiB", Usage: "refuse an input larger than `SIZE` (bytes, or with a suffix KiB, MiB, GiB, KB, MB, GB; 0 for no limit)"}
}

// setMaxSize reads the --max-size flag into e.
func (e *env) setMaxSize(c *cli.Context) error {
	n, err := parseSize(c.String("max-size"))
	if err != nil {
		return usagef("%s: --max-size: %v", c.Command.Name, err)
	}
	if n == 0 {
		n = math.MaxInt64 - 1
	}
	e.maxSize = n
	return nil
}

// limit is the largest input e reads.
func (e *env) limit() int64 {
	if e.maxSize <= 0 {
		return defaultMaxSize
	}
	return e.maxSize
}

// sizeUnits are the suffixes parseSize knows, longest first.
var sizeUnits = []struct {
	suffix string
	n      int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
	{"KB", 1e3}, {"kB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
	{"K", 1 << 10}, {"k", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40},
	{"B", 1},
}

// parseSize parses a size in bytes: a whole number, optionally followed
// by a unit: KiB, MiB, GiB, TiB (or K, M, G, T) are powers of 1024; KB,
// MB, GB, TB powers of 1000.
func parseSize(s string) (int64, error) {
	num, unit := strings.TrimSpace(s), int64(1)
	for _, u := range sizeUnits {
		if n, ok := strings.CutSuffix(num, u.suffix); ok {
			num, unit = strings.TrimSpace(n), u.n
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("invalid size %q (want bytes, or a number with KiB, MiB, GiB, KB, MB or GB)", s)
	}
	if n > math.MaxInt64/unit {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	return n * unit, nil
}

// formatSize writes n bytes for a person: "256 MiB", "300.5 MiB",
// "1500 bytes".
func formatSize(n int64) string {
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		switch {
		case n >= u.n && n%u.n == 0:
			return fmt.Sprintf("%d %s", n/u.n, u.suffix)
		case n >= u.n:
			return fmt.Sprintf("%.1f %s", float64(n)/float64(u.n), u.suffix)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// errTooLarge is wrapped by the error for an input over the size limit.
var errTooLarge = errors.New("input too large")

// tooLarge is the error for an input of size bytes, -1 if unknown,
// larger than max.
func tooLarge(size, max int64) error {
	if size < 0 {
		return fmt.Errorf("%w (more than the maximum of %s; raise it with --max-size)", errTooLarge, formatSize(max))
	}
	return fmt.Errorf("%w (%s, the maximum is %s; raise it with --max-size)", errTooLarge, formatSize(size), formatSize(max))
}

// read reads the input named by arg: a file, or standard input for "-".
// Standard input is read once; a second "-" gets the same text. It is an
// error, and the input is left alone, if arg is a directory, if the input
// is larger than the size limit (checked before reading a regular file;
// other inputs are read up to one byte past it), if it starts with a
// UTF-16 or UTF-32 byte order mark, or if it has a NUL byte (binary).
func (e *env) read(arg, stdinName string) (*input, error) {
	in := &input{name: arg, path: arg}
	max := e.limit()
	if arg == "-" {
		in.name, in.path = stdinName, ""
		if !e.stdinRead {
			text, err := readAll(e.stdin, sizeHint(e.stdin), max)
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
		size := int64(0)
		if fi.Mode().IsRegular() {
			size = fi.Size()
			if size > max {
				return nil, fmt.Errorf("reading %s: %w", arg, tooLarge(size, max))
			}
		}
		if in.text, err = readAll(f, size, max); err != nil {
			return nil, fmt.Errorf("reading %s: %w", arg, err)
		}
	}
	if enc := byteOrderMark(in.text); enc != "" {
		return nil, fmt.Errorf("%s: %s text (it starts with a byte order mark): convert it to UTF-8 first, left alone", in.name, enc)
	}
	if i := strings.IndexByte(in.text, 0); i >= 0 {
		return nil, fmt.Errorf("%s: binary file (NUL byte at offset %d), left alone", in.name, i)
	}
	return in, nil
}

// byteOrderMark names the encoding whose byte order mark starts text,
// for the encodings other than UTF-8 that copydesk refuses: UTF-16 and
// UTF-32, either byte order. It returns "" for anything else. The marks
// cannot start UTF-8 text: FF and FE are never UTF-8 bytes, and UTF-8
// text with NUL bytes is refused as binary anyway.
func byteOrderMark(text string) string {
	switch {
	case strings.HasPrefix(text, "\xff\xfe\x00\x00"):
		return "UTF-32LE"
	case strings.HasPrefix(text, "\x00\x00\xfe\xff"):
		return "UTF-32BE"
	case strings.HasPrefix(text, "\xff\xfe"):
		return "UTF-16LE"
	case strings.HasPrefix(text, "\xfe\xff"):
		return "UTF-16BE"
	}
	return ""
}

// sizeHint is the number of bytes left in r if it is a regular file (a
// shell's "< file"), or 0.
func sizeHint(r io.Reader) int64 {
	f, ok := r.(*os.File)
	if !ok {
		return 0
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return 0
	}
	off, err := f.Seek(0, io.SeekCurrent)
	if err != nil || off > fi.Size() {
		return 0
	}
	return fi.Size() - off
}

// readAll reads r to the end into a string, copying the bytes once. size
// is what the input is expected to hold, 0 if unknown; more than max
// bytes is an error wrapping errTooLarge, after reading max+1 bytes.
func readAll(r io.Reader, size, max int64) (string, error) {
	var b strings.Builder
	if size > 0 && size <= max && size < math.MaxInt {
		b.Grow(int(size))
	}
	limit := max
	if limit < math.MaxInt64 {
		limit++
	}
	n, err := io.Copy(&b, io.LimitReader(r, limit))
	if err != nil {
		return "", err
	}
	if n > max {
		return "", tooLarge(-1, max)
	}
	return b.String(), nil
}
