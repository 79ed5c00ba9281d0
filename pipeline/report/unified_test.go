package report_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
	"github.com/copydesk/copydesk/pipeline/report"
)

func edit(start, end int, s string) lint.Edit {
	return lint.Edit{Span: lint.Span{Start: start, End: end}, New: s}
}

func unified(t *testing.T, name, text string, edits []lint.Edit, ctx int) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.Unified(&b, text, edits, report.UnifiedOptions{OldName: "a/" + name, NewName: "b/" + name, Context: ctx}); err != nil {
		t.Fatalf("Unified: %v", err)
	}
	return b.String()
}

func TestUnifiedExact(t *testing.T) {
	const head = "--- a/f.txt\n+++ b/f.txt\n"
	tests := []struct {
		name  string
		text  string
		edits []lint.Edit
		ctx   int
		want  string
	}{
		{"no edits", "a\nb\n", nil, 0, ""},
		{"no-op edit", "a\nb\n", []lint.Edit{edit(0, 1, "a")}, 0, ""},
		{"one char", "a\nb\nc\n", []lint.Edit{edit(2, 3, "B")}, 0,
			head + "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"first line", "a\nb\n", []lint.Edit{edit(0, 0, "x")}, 0,
			head + "@@ -1,2 +1,2 @@\n-a\n+xa\n b\n"},
		{"last line without newline", "a\nb", []lint.Edit{edit(3, 3, ".")}, 0,
			head + "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b.\n\\ No newline at end of file\n"},
		{"add final newline", "a", []lint.Edit{edit(1, 1, "\n")}, 0,
			head + "@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n"},
		{"drop final newline", "a\n", []lint.Edit{edit(1, 2, "")}, 0,
			head + "@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n"},
		{"delete lines", "a\nb\nc\nd\n", []lint.Edit{edit(2, 6, "")}, 0,
			head + "@@ -1,4 +1,2 @@\n a\n-b\n-c\n d\n"},
		{"insert lines", "a\nb\n", []lint.Edit{edit(2, 2, "x\ny\n")}, 0,
			head + "@@ -1,2 +1,4 @@\n a\n+x\n+y\n b\n"},
		{"join lines", "a\nb\nc\n", []lint.Edit{edit(1, 2, " ")}, 0,
			head + "@@ -1,3 +1,2 @@\n-a\n-b\n+a b\n c\n"},
		{"empty result", "a\nb\n", []lint.Edit{edit(0, 4, "")}, 0,
			head + "@@ -1,2 +0,0 @@\n-a\n-b\n"},
		{"empty original", "", []lint.Edit{edit(0, 0, "x\n")}, 0,
			head + "@@ -0,0 +1 @@\n+x\n"},
		{"crlf kept", "a\r\nb\r\nc\r\n", []lint.Edit{edit(3, 4, "B")}, 0,
			head + "@@ -1,3 +1,3 @@\n a\r\n-b\r\n+B\r\n c\r\n"},
		{"no context", "a\nb\nc\n", []lint.Edit{edit(2, 3, "B")}, -1,
			head + "@@ -2 +2 @@\n-b\n+B\n"},
		{"no context insertion", "a\nb\n", []lint.Edit{edit(2, 2, "x\n")}, -1,
			head + "@@ -1,0 +2 @@\n+x\n"},
		{"no context deletion", "a\nb\nc\n", []lint.Edit{edit(2, 4, "")}, -1,
			head + "@@ -2 +1,0 @@\n-b\n"},
		{"two edits one line", "a..b..\n", []lint.Edit{edit(1, 3, "."), edit(4, 6, ".")}, 0,
			head + "@@ -1 +1 @@\n-a..b..\n+a.b.\n"},
		{"edits on adjacent lines merge", "a\nb\nc\n", []lint.Edit{edit(0, 1, "A"), edit(2, 3, "B")}, -1,
			head + "@@ -1,2 +1,2 @@\n-a\n-b\n+A\n+B\n"},
		{"separate hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", []lint.Edit{edit(0, 1, "one"), edit(16, 17, "nine")}, 1,
			head + "@@ -1,2 +1,2 @@\n-1\n+one\n 2\n@@ -8,2 +8,2 @@\n 8\n-9\n+nine\n"},
		{"close hunks merge", "1\n2\n3\n4\n5\n", []lint.Edit{edit(0, 1, "one"), edit(6, 7, "four")}, 1,
			head + "@@ -1,5 +1,5 @@\n-1\n+one\n 2\n 3\n-4\n+four\n 5\n"},
		{"far hunks split", "1\n2\n3\n4\n5\n", []lint.Edit{edit(0, 1, "one"), edit(8, 9, "five")}, 1,
			head + "@@ -1,2 +1,2 @@\n-1\n+one\n 2\n@@ -4,2 +4,2 @@\n 4\n-5\n+five\n"},
		{"line numbers shift", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", []lint.Edit{edit(0, 2, ""), edit(16, 17, "nine")}, 1,
			head + "@@ -1,2 +1 @@\n-1\n 2\n@@ -8,2 +7,2 @@\n 8\n-9\n+nine\n"},
		{"insert at end without newline", "a\nb", []lint.Edit{edit(3, 3, "\nc")}, 0,
			head + "@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n\\ No newline at end of file\n"},
		{"insert after final newline", "a\n", []lint.Edit{edit(2, 2, "b")}, 0,
			head + "@@ -1 +1,2 @@\n a\n+b\n\\ No newline at end of file\n"},
		{"deleted paragraph slides to whole lines", "A.\n\nB.\n\nB.\n\nC.\n", []lint.Edit{edit(6, 10, "")}, 0,
			head + "@@ -1,7 +1,5 @@\n A.\n \n B.\n-\n-B.\n \n C.\n"},
		{"deleted last paragraph slides", "A.\n\nA.\n", []lint.Edit{edit(2, 6, "")}, 0,
			head + "@@ -1,3 +1 @@\n A.\n-\n-A.\n"},
		{"deletion that cannot slide", "A.\n\nA.", []lint.Edit{edit(2, 6, "")}, 0,
			head + "@@ -1,3 +1 @@\n-A.\n-\n-A.\n\\ No newline at end of file\n+A.\n\\ No newline at end of file\n"},
		{"inserted line slides", "a\nb\n", []lint.Edit{edit(1, 1, "\nx")}, 0,
			head + "@@ -1,2 +1,3 @@\n a\n+x\n b\n"},
		{"slide stops at the next edit", "A.\n\nA.\nb\n", []lint.Edit{edit(2, 6, ""), edit(6, 6, "X")}, 0,
			head + "@@ -1,4 +1,2 @@\n-A.\n-\n-A.\n+A.X\n b\n"},
		{"invalid utf-8 passes", "\xff\n\xfe.\n", []lint.Edit{edit(3, 4, "!")}, 0,
			head + "@@ -1,2 +1,2 @@\n \xff\n-\xfe.\n+\xfe!\n"},
	}
	var withContext, without []patchCase
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := unified(t, "f.txt", tt.text, tt.edits, tt.ctx)
			if got != tt.want {
				t.Errorf("diff:\n%s\nwant:\n%s", got, tt.want)
			}
			checkRoundTrip(t, tt.text, tt.edits, got)
		})
		name := fmt.Sprintf("case%d.txt", len(withContext)+len(without))
		c := patchCase{name, tt.text, unified(t, name, tt.text, tt.edits, tt.ctx)}
		if tt.ctx < 0 {
			without = append(without, c)
		} else {
			withContext = append(withContext, c)
		}
	}
	checkWithTools(t, withContext, false)
	checkWithTools(t, without, true)
}

// checkWithTools checks that git apply and patch turn the files of the
// cases into what the strict applier makes of them.
func checkWithTools(t *testing.T, cases []patchCase, noContext bool) {
	t.Helper()
	for tool, files := range applyWithTools(t, cases, noContext) {
		for _, c := range cases {
			want, err := applyUnified(c.old, c.diff)
			if err != nil {
				t.Fatal(err)
			}
			if got := files[c.name]; got != want {
				t.Errorf("%s makes %q of %s, want %q\n%s", tool, got, c.name, want, c.diff)
			}
		}
	}
}

// checkRoundTrip checks that diff turns text into the edited text.
func checkRoundTrip(t *testing.T, text string, edits []lint.Edit, diff string) {
	t.Helper()
	want, err := lint.Apply(text, edits)
	if err != nil {
		t.Fatal(err)
	}
	got, err := applyUnified(text, diff)
	if err != nil {
		t.Fatalf("applying the diff: %v\n%s", err, diff)
	}
	if got != want {
		t.Fatalf("the diff makes %q, want %q\n%s", got, want, diff)
	}
}

func TestUnifiedRejectsBadEdits(t *testing.T) {
	for _, edits := range [][]lint.Edit{
		{edit(2, 1, "")},
		{edit(0, 9, "")},
		{edit(2, 3, ""), edit(0, 1, "")},
		{edit(0, 2, ""), edit(1, 3, "")},
	} {
		var b bytes.Buffer
		if err := report.Unified(&b, "abcd", edits, report.UnifiedOptions{}); err == nil {
			t.Errorf("Unified(%v) = nil error, want one", edits)
		}
		if b.Len() != 0 {
			t.Errorf("Unified(%v) wrote %q on error", edits, b.String())
		}
	}
}

type failWriter struct{ n int }

var errFail = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n <= 0 {
		return 0, errFail
	}
	w.n--
	return len(p), nil
}

func TestUnifiedWriteError(t *testing.T) {
	text := strings.Repeat("line..\n", 100000)
	err := report.Unified(&failWriter{}, text, []lint.Edit{edit(4, 6, "."), edit(len(text)-3, len(text)-1, ".")}, report.UnifiedOptions{})
	if !errors.Is(err, errFail) {
		t.Errorf("Unified = %v, want %v", err, errFail)
	}
}

// TestUnifiedPipeline renders pipeline results: the fake stages'
// changes, including a paragraph removed as a repeat, on several
// shapes of input, through git apply and patch.
func TestUnifiedPipeline(t *testing.T) {
	inputs := map[string]string{
		"seed-like":        "“Hi” he said..\n\nSame para.\n\nSame para.\n\nEnd.\n",
		"no final newline": "“Hi” he said..\n\nSame para.\n\nSame para.",
		"crlf":             "“Hi”..\r\n\r\nok\r\nTODO\r\n",
		"first line":       "..\nb\nc\nd\ne\nf\ng\nh\n“",
		"only changes":     "..",
		"nothing":          "plain text\n",
		"long":             strings.Repeat("line\n", 50) + "x..\n" + strings.Repeat("line\n", 50) + "“\n",
	}
	var cases []patchCase
	for name, text := range inputs {
		file := strings.ReplaceAll(name, " ", "-") + ".txt"
		r := testPipeline().Run(text)
		diff := unified(t, file, r.Original, r.Edits(), 0)
		if (diff != "") != r.Changed() {
			t.Errorf("%s: diff %q for a result that changed: %v", name, diff, r.Changed())
		}
		checkRoundTrip(t, text, r.Edits(), diff)
		cases = append(cases, patchCase{file, text, diff})
	}
	checkWithTools(t, cases, false)
}

// FuzzUnified checks on any text and edits that the diff applies
// strictly and gives the edited text, and that the other renderers do
// not fail.
func FuzzUnified(f *testing.F) {
	f.Add("a\nb\nc\n", []byte{2, 1, 0})
	f.Add("a\r\nb", []byte{0, 0, 1, 3, 2, 2})
	f.Add("", []byte{0, 0, 1})
	f.Add("x\n\ny\n\nz", []byte{1, 3, 0, 0, 0, 4})
	f.Add("\xff\xfe\n“\n", []byte{1, 2, 5, 1, 1, 1})
	news := []string{"", "\n", "x", "x\n", "\r\n", "ab\ncd", "\n\n", "“"}
	f.Fuzz(func(t *testing.T, text string, ops []byte) {
		// Build sorted, non-overlapping edits from triples of bytes:
		// gap to the previous edit, length, replacement.
		var edits []lint.Edit
		pos := 0
		for i := 0; i+2 < len(ops) && pos <= len(text); i += 3 {
			start := pos + int(ops[i])%8
			if start > len(text) {
				break
			}
			end := min(len(text), start+int(ops[i+1])%8)
			edits = append(edits, edit(start, end, news[int(ops[i+2])%len(news)]))
			pos = end
			if start == end {
				pos++ // no two insertions at one offset
			}
		}
		for _, ctx := range []int{0, -1, 1} {
			var b bytes.Buffer
			if err := report.Unified(&b, text, edits, report.UnifiedOptions{OldName: "a/f", NewName: "b/f", Context: ctx}); err != nil {
				t.Fatal(err)
			}
			want, _ := lint.Apply(text, edits)
			got, err := applyUnified(text, b.String())
			if err != nil {
				t.Fatalf("context %d: %v\n%s", ctx, err, b.String())
			}
			if got != want {
				t.Fatalf("context %d: diff makes %q, want %q\n%s", ctx, got, want, b.String())
			}
			if (b.Len() == 0) != (want == text) {
				t.Fatalf("context %d: diff %q for a change %q → %q", ctx, b.String(), text, want)
			}
		}
		ds := report.Diffs(text, edits)
		var olds, news strings.Builder
		for _, d := range ds {
			if d.Type <= 0 {
				olds.WriteString(d.Text)
			}
			if d.Type >= 0 {
				news.WriteString(d.Text)
			}
		}
		if want, _ := lint.Apply(text, edits); olds.String() != text || news.String() != want {
			t.Fatalf("Diffs do not join to the texts: %v", ds)
		}
	})
}

// FuzzDefaultPipeline renders what the default pipeline makes of any
// text and checks that the diff applies strictly and gives the cleaned
// text.
func FuzzDefaultPipeline(f *testing.F) {
	seed, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add("“Hi”  there ,friend..\r\n\r\nSame.\r\n\r\nSame.\r\n")
	f.Add(" lead\n\nthe the end\xff.. \n\n\n")
	p := registry.Default(registry.Options{})
	f.Fuzz(func(t *testing.T, text string) {
		r := p.Run(text)
		var b bytes.Buffer
		if err := report.Unified(&b, r.Original, r.Edits(), report.UnifiedOptions{OldName: "a/f", NewName: "b/f"}); err != nil {
			t.Fatal(err)
		}
		got, err := applyUnified(text, b.String())
		if err != nil {
			t.Fatalf("%v\n%s", err, b.String())
		}
		if got != r.Cleaned {
			t.Fatalf("diff makes %q, want %q\n%s", got, r.Cleaned, b.String())
		}
		if err := report.Color(io.Discard, "f", r); err != nil {
			t.Fatal(err)
		}
		report.NewFile("f", r)
	})
}
