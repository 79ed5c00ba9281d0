package dedupe

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/copydesk/copydesk/dedupe/segment"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// TestLetterMask checks the eight-byte letter test against the byte
// classes, for every byte value in every position, next to neighbours
// that could carry into it.
func TestLetterMask(t *testing.T) {
	checkMask(t, "letterMask", letterMask, []byte{0x00, 'a', 'Z', 0x7F, 0x80, 0xFF}, func(c byte) bool {
		return c < 0x80 && (class[c] == cUpper || class[c] == cWord && (c < '0' || c > '9'))
	})
}

// checkMask checks an eight-byte test mask, which must set 0x80 in each
// byte that want accepts and nothing else, for every byte value in every
// position of a word whose other bytes are each of fills.
func checkMask(t *testing.T, name string, mask func(uint64) uint64, fills []byte, want func(byte) bool) {
	t.Helper()
	for _, fill := range fills {
		for pos := range 8 {
			for c := range 256 {
				var b [8]byte
				for k := range b {
					b[k] = fill
				}
				b[pos] = byte(c)
				m := mask(binary.LittleEndian.Uint64(b[:]))
				for k := range b {
					if got := m>>(8*k)&0xFF == 0x80; got != want(b[k]) || m>>(8*k)&0x7F != 0 {
						t.Fatalf("%s(% x): byte %d (%#x) flagged %v, want %v", name, b, k, b[k], got, want(b[k]))
					}
				}
			}
		}
	}
}

// TestSpaceMask checks the eight-byte space test for every byte value in
// every position, next to neighbours that could carry into it.
func TestSpaceMask(t *testing.T) {
	checkMask(t, "spaceMask", spaceMask, []byte{0x00, ' ', '!', 0x1F, 0x7F, 0x80, 0xA0, 0xFF}, func(c byte) bool { return c == ' ' })
}

// TestFoldWordsProse compares foldWords with the general path (doubles,
// then keyOf) on random prose from a small vocabulary, so that copies,
// runs of copies and near-copies (same length, same first letter) fall
// anywhere relative to the eight-byte chunks, between single and double
// spaces, tabs, line breaks, punctuation, digits and joiners.
func TestFoldWordsProse(t *testing.T) {
	vocab := []string{"the", "The", "THE", "tha", "cat", "Cat", "cot", "a", "A", "an", "is", "it",
		"that", "This", "had", "has", "for", "for", "na", "ha", "walla", "Walla", "extraordinarily",
		"Internationalisation", "abcdefgh", "abcdefgi", "don't", "Don't", "don'", "well-known", "x-ray", "x-", "O'Neill",
		"it's", "it's", "4x4", "10", "snake_case", "a-b-c-d-e", "ab'cd'ef", "--", "'"}
	seps := []string{" ", " ", " ", " ", " ", " ", "  ", "\t", "\n", ", ", ". ", " \"", "\" ", " (", ") ", "-", "'"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var sb strings.Builder
		if r.IntN(4) == 0 {
			sb.WriteString(seps[r.IntN(len(seps))])
		}
		for n := 1 + r.IntN(30); n > 0; n-- {
			sb.WriteString(vocab[r.IntN(len(vocab))])
			if r.IntN(3) == 0 {
				sb.WriteString(seps[r.IntN(len(seps))])
			} else {
				sb.WriteByte(' ')
			}
		}
		s := sb.String()
		if r.IntN(2) == 0 {
			s = strings.TrimRight(s, " ") + "."
		}
		compareFoldWords(t, s, true)
	}
}

// compareFoldWords checks that foldWords on s, if it accepts s, finds
// the doubles and builds the key and fold of the two-pass way; with
// ascii, s is ASCII and must be accepted.
func compareFoldWords(t *testing.T, s string, ascii bool) {
	t.Helper()
	sp := lint.Span{End: len(s)}
	var fast folder
	got, ok := foldWords(&fast, s, sp, nil)
	if !ok {
		if ascii {
			t.Fatalf("foldWords(%q) gave up on ASCII", s)
		}
		return
	}
	gotKey, gotEnd := fast.endKeep()
	want := doubles(s, sp, nil)
	var skip []lint.Span
	for _, d := range want {
		if d.fix {
			skip = append(skip, lint.Span{Start: d.cut, End: d.second.End})
		}
	}
	var slow folder
	wantKey, wantEnd := keyOf(&slow, s, sp, skip, true)
	if string(gotKey) != string(wantKey) || fast.words != slow.words || gotEnd != wantEnd || string(fast.buf) != string(slow.buf) {
		t.Fatalf("%q: fast key %q (%d words, fold %q), slow key %q (%d words, fold %q)", s, gotKey, fast.words, fast.buf, wantKey, slow.words, slow.buf)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%q: fast doubles %v, slow %v", s, got, want)
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
