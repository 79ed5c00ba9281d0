package jsonl

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// A Compression is how a JSON Lines stream is compressed.
type Compression int

// Compressions copydesk reads and writes.
const (
	Plain Compression = iota // not compressed
	Gzip                     // gzip (RFC 1952), one or more members
	Zstd                     // Zstandard frames
)

// String returns "plain", "gzip" or "zstd".
func (c Compression) String() string {
	switch c {
	case Gzip:
		return "gzip"
	case Zstd:
		return "zstd"
	}
	return "plain"
}

// CompressionFor returns the compression a file name asks for by its
// ending: ".gz" gzip, ".zst" Zstandard, anything else plain.
func CompressionFor(name string) Compression {
	switch n := strings.ToLower(name); {
	case strings.HasSuffix(n, ".gz"):
		return Gzip
	case strings.HasSuffix(n, ".zst"):
		return Zstd
	}
	return Plain
}

// ErrBinary is the error OpenInput returns, wrapped with what it saw,
// for input that is neither JSON Lines text nor a compression it reads.
var ErrBinary = errors.New("binary data, not JSON Lines")

// binaryMagic lists the openings of binary formats that are refused
// rather than read as lines: copying them through as "malformed lines"
// would pass garbage on with a success status.
var binaryMagic = []struct {
	magic, name string
}{
	{"BZh", "bzip2-compressed data"},
	{"\xFD7zXZ\x00", "xz-compressed data"},
	{"\x04\x22\x4D\x18", "LZ4-compressed data"},
	{"PK\x03\x04", "a zip archive"},
	{"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"},
	{"\x7FELF", "an ELF executable"},
	{"\x89PNG\r\n\x1A\n", "a PNG image"},
	{"\xFF\xD8\xFF", "a JPEG image"},
	{"%PDF-", "a PDF document"},
	{"PAR1", "a Parquet file"},
	{"SQLite format 3\x00", "an SQLite database"},
}

// sniffLen is how much of the input OpenInput looks at.
const sniffLen = 4096

// OpenInput looks at the start of r and returns a reader of its JSON
// Lines text and the compression it found: gzip and Zstandard streams
// are decompressed as they are read (by their magic numbers, whatever
// the file is called). Other binary data — a known binary format, or a
// NUL byte in the first 4 KB, which no JSON text holds — is refused with
// an error wrapping ErrBinary, so that a job never copies it through as
// malformed lines. Close releases the decompressor; it does not close r.
func OpenInput(r io.Reader) (io.ReadCloser, Compression, error) {
	br := bufio.NewReaderSize(r, sniffLen)
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, Plain, err
	}
	switch {
	case bytes.HasPrefix(head, []byte{0x1F, 0x8B}):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, Gzip, fmt.Errorf("reading gzip stream: %w", err)
		}
		return zr, Gzip, nil
	case bytes.HasPrefix(head, []byte{0x28, 0xB5, 0x2F, 0xFD}):
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1))
		if err != nil {
			return nil, Zstd, fmt.Errorf("reading zstd stream: %w", err)
		}
		return zstdReadCloser{zr}, Zstd, nil
	}
	for _, m := range binaryMagic {
		if bytes.HasPrefix(head, []byte(m.magic)) {
			return nil, Plain, fmt.Errorf("%w: the input is %s", ErrBinary, m.name)
		}
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return nil, Plain, fmt.Errorf("%w: a NUL byte at offset %d", ErrBinary, i)
	}
	return io.NopCloser(br), Plain, nil
}

// zstdReadCloser gives a zstd decoder the io.ReadCloser Close.
type zstdReadCloser struct{ d *zstd.Decoder }

func (z zstdReadCloser) Read(p []byte) (int, error) { return z.d.Read(p) }
func (z zstdReadCloser) Close() error               { z.d.Close(); return nil }

// NewWriter returns a writer that compresses what it is given with c
// onto w (for Plain, w itself). Close flushes the compressed stream; it
// does not close w.
func NewWriter(w io.Writer, c Compression) (io.WriteCloser, error) {
	switch c {
	case Gzip:
		return gzip.NewWriterLevel(w, gzip.DefaultCompression)
	case Zstd:
		return zstd.NewWriter(w, zstd.WithEncoderConcurrency(1))
	}
	return nopWriteCloser{w}, nil
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }
