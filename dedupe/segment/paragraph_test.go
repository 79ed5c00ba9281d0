package segment

import (
	"strings"
	"testing"
)

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"blank only", " \n\t\n\r\n", nil},
		{"one line", "Hello.", []string{"Hello."}},
		{"one line surrounded", "  Hello. \n", []string{"Hello."}},
		{"two", "A.\n\nB.", []string{"A.", "B."}},
		{"lines stay together", "A line.\nNext line.\n\nB.", []string{"A line.\nNext line.", "B."}},
		{"several blank lines", "A.\n\n\n\nB.\n", []string{"A.", "B."}},
		{"blank line with spaces", "A.\n \t \nB.", []string{"A.", "B."}},
		{"blank line with no-break space", "A.\n\u00a0\nB.", []string{"A.", "B."}},
		{"CRLF", "A.\r\n\r\nB.\r\nC.\r\n", []string{"A.", "B.\r\nC."}},
		{"leading blank lines and indent", "\n\n   A.\n\n\tB.", []string{"A.", "B."}},
		{"trailing spaces trimmed", "A.   \n\nB.\u3000", []string{"A.", "B."}},
		{"single newline is not a break", "A.\nB.", []string{"A.\nB."}},
		{"invalid UTF-8 is text", "\xff\n\n\xe2\x80", []string{"\xff", "\xe2\x80"}},
		{"lone CR does not end a line", "A.\r\rB.", []string{"A.\r\rB."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, u := range Paragraphs(tt.in) {
				got = append(got, tt.in[u.Start:u.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("Paragraphs(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzParagraphs(f *testing.F) {
	for _, s := range []string{"", "A.\n\nB.", " a \r\n \r\n b ", "\xff\n\n\u00a0x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, u := range Paragraphs(s) {
			if u.Start < last || u.End <= u.Start || u.End > len(s) {
				t.Fatalf("bad unit %v after %d in %q", u, last, s)
			}
			p := s[u.Start:u.End]
			if strings.TrimSpace(p) != p {
				t.Fatalf("unit %q has surrounding space", p)
			}
			for _, line := range strings.Split(p, "\n") {
				if strings.TrimSpace(line) == "" {
					t.Fatalf("unit %q holds a blank line", p)
				}
			}
			if strings.TrimSpace(s[last:u.Start]) != "" && last > 0 {
				t.Fatalf("text %q between units is not white space", s[last:u.Start])
			}
			last = u.End
		}
	})
}

func BenchmarkParagraphs(b *testing.B) {
	text := strings.Repeat("The official said the strikes hit an area along the border.\nA second line follows it.\n\n", 30000)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Paragraphs(text)
	}
}
