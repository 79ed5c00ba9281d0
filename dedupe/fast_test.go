package dedupe

import (
	"encoding/binary"
	"fmt"
	"sync"
	"testing"

	"github.com/copydesk/copydesk/dedupe/segment"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// TestLetterMask checks the eight-byte letter test against the byte
// classes, for every byte value in every position, next to neighbours
// that could carry into it.
func TestLetterMask(t *testing.T) {
	for _, fill := range []byte{0x00, 'a', 'Z', 0x7F, 0x80, 0xFF} {
		for pos := range 8 {
			for c := range 256 {
				var b [8]byte
				for k := range b {
					b[k] = fill
				}
				b[pos] = byte(c)
				m := letterMask(binary.LittleEndian.Uint64(b[:]))
				for k := range b {
					want := b[k] < 0x80 && (class[b[k]] == cUpper || class[b[k]] == cWord && (b[k] < '0' || b[k] > '9'))
					if got := m>>(8*k)&0xFF == 0x80; got != want || m>>(8*k)&0x7F != 0 {
						t.Fatalf("letterMask(% x): byte %d (%#x) flagged %v, want %v", b, k, b[k], got, want)
					}
				}
			}
		}
	}
}

// TestFoldWordsLongRuns checks the key of sentences whose words cross
// the eight-byte steps of foldWords and the end of the text.
func TestFoldWordsLongRuns(t *testing.T) {
	for _, s := range []string{
		"Extraordinarily LONG words Internationalisation",
		"abcdefgh ABCDEFGH abcdefghi x",
		"Ends with a long wordAtTheEnd",
		"don't well-known O'Neill x-ray 4x4 snake_case",
		"The the the THE quick brown fox",
		"na na na na had had had for for for is is",
	} {
		var a, b folder
		var dblA, dblB []double
		dblA, ok := foldWords(&a, s, lint.Span{End: len(s)}, dblA)
		if !ok {
			t.Fatalf("foldWords(%q) gave up on ASCII", s)
		}
		ka := string(a.end())
		// The general path: doubles, then keyOf skipping their cuts.
		dblB = doubles(s, lint.Span{End: len(s)}, dblB)
		var skip []lint.Span
		for _, d := range dblB {
			if d.fix {
				skip = append(skip, lint.Span{Start: d.cut, End: d.second.End})
			}
		}
		kb, _ := keyOf(&b, s, lint.Span{End: len(s)}, skip, false)
		if ka != string(kb) || len(dblA) != len(dblB) {
			t.Errorf("%q: fast key %q (%d doubles), general key %q (%d doubles)", s, ka, len(dblA), kb, len(dblB))
		}
	}
}

// TestCheckReusesNothingReturned checks that the stage's reuse of its
// scratch between calls never touches what an earlier call returned,
// and that calls from many goroutines at once give what calls one at a
// time give.
func TestCheckReusesNothingReturned(t *testing.T) {
	texts := []string{
		"The the cat sat on the mat today.\n\nThe cat sat on the mat today.\n\nThe cat sat on the mat today.",
		"One two three four five. One two three four five. Six seven eight nine ten.",
		"A paragraph that is long enough to count here.\n\nAnother one here that differs.\n\nA paragraph that is long enough to count here.",
		"Short.\n\nShort.",
	}
	for _, opts := range []Options{{}, {Mode: All}} {
		st := New(opts)
		want := make([]string, len(texts))
		for i, s := range texts {
			want[i] = fmt.Sprint(st.Check(s))
		}
		// Results kept across later calls stay as they were.
		kept := make([][]lint.Finding, len(texts))
		for i, s := range texts {
			kept[i] = st.Check(s)
		}
		for range 3 {
			for _, s := range texts {
				st.Check(s)
			}
		}
		for i := range texts {
			if got := fmt.Sprint(kept[i]); got != want[i] {
				t.Fatalf("text %d: findings changed by later calls:\n%s\nwant\n%s", i, got, want[i])
			}
		}
		var wg sync.WaitGroup
		errs := make(chan string, 8*len(texts))
		for g := range 8 {
			wg.Go(func() {
				for r := range 20 {
					i := (g + r) % len(texts)
					if got := fmt.Sprint(st.Check(texts[i])); got != want[i] {
						errs <- fmt.Sprintf("text %d concurrently: %s, want %s", i, got, want[i])
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Fatal(e)
		}
	}
}

// BenchmarkFoldWords folds the sentences of the seed article one by one,
// as load does, for the ASCII fast path's cost per byte.
func BenchmarkFoldWords(b *testing.B) {
	text := newsText(b, 256<<10)
	var spans []lint.Span
	for _, u := range segment.Sentences(text) {
		spans = append(spans, lint.Span{Start: u.Start, End: u.End})
	}
	var f folder
	var dbl []double
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		f.buf = f.buf[:0]
		for _, sp := range spans {
			dbl, _ = foldWords(&f, text, sp, dbl[:0])
		}
	}
}
