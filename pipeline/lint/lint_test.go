package lint

import "testing"

func sp(a, b int) Span { return Span{Start: a, End: b} }

func TestApply(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		edits []Edit
		want  string
		bad   bool
	}{
		{"none", "abc", nil, "abc", false},
		{"replace, insert, delete", "abcdef", []Edit{{sp(0, 1), "A"}, {sp(2, 2), "+"}, {sp(4, 6), ""}}, "Ab+cd", false},
		{"insert at end", "ab", []Edit{{sp(2, 2), "!"}}, "ab!", false},
		{"overlap", "abcdef", []Edit{{sp(0, 3), "x"}, {sp(2, 4), "y"}}, "abcdef", true},
		{"out of order", "abcdef", []Edit{{sp(3, 4), "x"}, {sp(0, 1), "y"}}, "abcdef", true},
		{"past the end", "ab", []Edit{{sp(1, 3), "x"}}, "ab", true},
		{"inverted", "abc", []Edit{{sp(2, 1), "x"}}, "abc", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Apply(tt.text, tt.edits)
			if (err != nil) != tt.bad || got != tt.want {
				t.Fatalf("Apply = %q, %v; want %q, error %v", got, err, tt.want, tt.bad)
			}
		})
	}
}

func TestSortEditsKeepsInsertionOrder(t *testing.T) {
	edits := []Edit{{sp(3, 4), "c"}, {sp(1, 1), "a"}, {sp(1, 1), "b"}, {sp(0, 1), "z"}}
	SortEdits(edits)
	got := ""
	for _, e := range edits {
		got += e.New
	}
	if got != "zabc" {
		t.Fatalf("order %q, want zabc", got)
	}
}

func TestLineIndex(t *testing.T) {
	text := "ab\r\nçé\n\xffx\nlast"
	x := NewLineIndex(text)
	for _, tt := range []struct {
		off       int
		line, col int
	}{
		{0, 1, 1}, {2, 1, 3}, {4, 2, 1}, {6, 2, 2}, {8, 2, 3}, {9, 3, 1}, {10, 3, 2}, {12, 4, 1}, {16, 4, 5}, {99, 4, 5},
	} {
		p := x.Position(tt.off)
		if p.Line != tt.line || p.Column != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, p.Line, p.Column, tt.line, tt.col)
		}
	}
	if x.Lines() != 4 || x.Line(1) != "ab" || x.Line(2) != "çé" || x.Line(4) != "last" || x.Line(5) != "" {
		t.Errorf("lines: %d %q %q %q", x.Lines(), x.Line(1), x.Line(2), x.Line(4))
	}
}

// A lone "\r" ends a line, as in old Mac files and as editors count;
// "\r\n" ends one line, not two.
func TestLineIndexLoneCR(t *testing.T) {
	text := "one\rtwo\r\nthree\r\rfive\r"
	x := NewLineIndex(text)
	want := []string{"one", "two", "three", "", "five", ""}
	if x.Lines() != len(want) {
		t.Fatalf("Lines() = %d, want %d", x.Lines(), len(want))
	}
	for i, w := range want {
		if got := x.Line(i + 1); got != w {
			t.Errorf("Line(%d) = %q, want %q", i+1, got, w)
		}
	}
	for _, tt := range []struct{ off, line, col int }{
		{0, 1, 1}, {3, 1, 4}, {4, 2, 1}, {9, 3, 1}, {15, 4, 1}, {16, 5, 1}, {21, 6, 1},
	} {
		if p := x.Position(tt.off); p.Line != tt.line || p.Column != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, p.Line, p.Column, tt.line, tt.col)
		}
	}
}

func TestSeverity(t *testing.T) {
	for _, s := range []Severity{Info, Warning, Error} {
		got, err := ParseSeverity(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSeverity(%q) = %v, %v", s.String(), got, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity(fatal) did not fail")
	}
}

// plainASCIISlow is PlainASCII's definition, a byte at a time.
func plainASCIISlow(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x7F || c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

func TestPlainASCII(t *testing.T) {
	for _, s := range []string{"", "a", "Hello, world.\r\n\tNext line ~ ok", "0123456789abcdef0123456789"} {
		if !PlainASCII(s) {
			t.Errorf("PlainASCII(%q) = false, want true", s)
		}
	}
	// Every byte value at every position of a 17-byte text (two words
	// and a tail) is judged as the byte-at-a-time definition judges it.
	base := []byte("plain ascii text.")
	for pos := range base {
		for c := 0; c < 256; c++ {
			b := append([]byte(nil), base...)
			b[pos] = byte(c)
			s := string(b)
			if got, want := PlainASCII(s), plainASCIISlow(s); got != want {
				t.Fatalf("PlainASCII(%q) = %v, want %v", s, got, want)
			}
		}
	}
}

func TestMergeSpans(t *testing.T) {
	in := []Span{{8, 10}, {0, 2}, {1, 4}, {4, 5}, {9, 9}, {12, 13}}
	want := []Span{{0, 5}, {8, 10}, {12, 13}}
	got := MergeSpans(in)
	if len(got) != len(want) {
		t.Fatalf("MergeSpans(%v) = %v, want %v", in, got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("MergeSpans(%v) = %v, want %v", in, got, want)
		}
	}
	if in[0] != (Span{8, 10}) {
		t.Fatalf("MergeSpans changed its argument: %v", in)
	}
	if got := MergeSpans(nil); len(got) != 0 {
		t.Fatalf("MergeSpans(nil) = %v", got)
	}
}
