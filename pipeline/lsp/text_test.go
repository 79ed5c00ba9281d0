package lsp

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

func TestLineIndex(t *testing.T) {
	text := "a“b😀c\r\nsecond\rthird\n\nlast"
	for _, tc := range []struct {
		enc  encoding
		off  int
		want Position
	}{
		{utf16Units, 0, Position{0, 0}},
		{utf16Units, 1, Position{0, 1}},              // before “
		{utf16Units, 4, Position{0, 2}},              // after “
		{utf16Units, 5, Position{0, 3}},              // before 😀
		{utf16Units, 9, Position{0, 5}},              // after 😀: two units
		{utf8Bytes, 9, Position{0, 9}},               // after 😀: four bytes
		{utf16Units, 6, Position{0, 3}},              // inside 😀: its start
		{utf16Units, 11, Position{0, 6}},             // inside \r\n: the line's end
		{utf16Units, 12, Position{1, 0}},             // after \r\n
		{utf16Units, 19, Position{2, 0}},             // after a lone \r
		{utf16Units, 25, Position{3, 0}},             // an empty line
		{utf16Units, len(text), Position{4, 4}},      // the end
		{utf16Units, len(text) + 10, Position{4, 4}}, // past the end
		{utf16Units, -3, Position{0, 0}},             // before the start
		{utf8Bytes, strings.Index(text, "d"), Position{1, 5}},
	} {
		x := newLineIndex(text, tc.enc)
		if got := x.position(tc.off); got != tc.want {
			t.Errorf("%s position(%d) = %+v, want %+v", tc.enc.name(), tc.off, got, tc.want)
		}
	}
	for _, tc := range []struct {
		enc  encoding
		p    Position
		want int
	}{
		{utf16Units, Position{0, 2}, 4},
		{utf16Units, Position{0, 4}, 9},   // the second unit of 😀: its end
		{utf8Bytes, Position{0, 6}, 9},    // inside 😀: its end
		{utf16Units, Position{0, 99}, 10}, // past the line's end: before \r\n
		{utf16Units, Position{1, 99}, 18}, // before the lone \r
		{utf16Units, Position{9, 0}, len(text)},
		{utf16Units, Position{-1, 5}, 0},
		{utf16Units, Position{2, -5}, 19},
	} {
		x := newLineIndex(text, tc.enc)
		if got := x.offset(tc.p); got != tc.want {
			t.Errorf("%s offset(%+v) = %d, want %d", tc.enc.name(), tc.p, got, tc.want)
		}
	}
}

// FuzzLineIndex: positions and offsets map onto each other at character
// boundaries, and nothing panics on any text, valid UTF-8 or not.
func FuzzLineIndex(f *testing.F) {
	f.Add("a“b😀c\r\nsecond\rthird\n\nlast", 3, 1)
	f.Add("\xff\xfe\r\r\n\xf0\x9f", 2, 7)
	f.Fuzz(func(t *testing.T, text string, line, char int) {
		for _, enc := range []encoding{utf16Units, utf8Bytes} {
			x := newLineIndex(text, enc)
			off := x.offset(Position{Line: line, Character: char})
			if off < 0 || off > len(text) {
				t.Fatalf("offset %d outside the text", off)
			}
			for i := 0; i <= len(text); i++ {
				p := x.position(i)
				back := x.offset(p)
				if back > i {
					t.Fatalf("%s: offset(position(%d) = %+v) = %d, past it", enc.name(), i, p, back)
				}
				insideCRLF := i > 0 && i < len(text) && text[i] == '\n' && text[i-1] == '\r'
				atChar := i == len(text) || utf8.RuneStart(text[i])
				if utf8.ValidString(text) && atChar && !insideCRLF && back != i {
					t.Fatalf("%s: offset(position(%d) = %+v) = %d", enc.name(), i, p, back)
				}
			}
		}
	})
}

// FuzzReader: the framing reader ends (EOF) on any input, with framing
// errors only, and never panics.
func FuzzReader(f *testing.F) {
	f.Add("garbage\r\n\r\n")
	f.Add("Content-Length: 5\r\n\r\n{}")
	f.Add("Content-Length: -1\r\nContent-Length: 99999999999999999999\r\n\r\n")
	f.Add("X: " + strings.Repeat("y", 5000) + "\r\n")
	f.Fuzz(func(t *testing.T, garbage string) {
		valid := "\r\n\r\nContent-Length: 2\r\n\r\n{}"
		rd := &reader{r: bufio.NewReaderSize(strings.NewReader(garbage+valid), 16), maxBody: 1 << 10}
		for i := 0; ; i++ {
			if i > len(garbage)+10 {
				t.Fatal("the reader does not end")
			}
			_, err := rd.read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil && !errors.Is(err, errFraming) {
				t.Fatalf("error %v is neither framing nor EOF", err)
			}
		}
	})
}

func TestReaderFraming(t *testing.T) {
	in := "Content-Length: 2\r\n\r\n{}" + // plain
		"content-length:  3 \nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n[1]" + // lower case, bare \n
		"\r\n\r\nContent-Length: 4\r\n\r\nnull" // blank lines between messages
	rd := &reader{r: bufio.NewReaderSize(iotest.OneByteReader(strings.NewReader(in)), 16), maxBody: 100}
	for _, want := range []string{"{}", "[1]", "null"} {
		body, err := rd.read()
		if err != nil || string(body) != want {
			t.Fatalf("read %q, %v; want %q", body, err, want)
		}
	}
	if _, err := rd.read(); !errors.Is(err, io.EOF) {
		t.Fatalf("at the end: %v", err)
	}
}
