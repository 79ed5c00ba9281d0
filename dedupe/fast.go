package dedupe

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// foldWords is the one-pass fast path for an ASCII sentence at sp: it
// folds the sentence into f, as keyOf would with the doubled words
// skipped, and appends its doubled words to out, as doubles would. It
// stops and returns false at the first byte that is not ASCII, leaving
// f.buf and out for the caller to cut back; else it leaves the key to
// finish with f.end or f.endKeep.
//
// A fixed double's copy is folded like any word, then taken back off the
// key: its separating space and its bytes are the last ones written.
func foldWords(f *folder, text string, sp lint.Span, out []double) ([]double, bool) {
	f.begin()
	// The key is at most as long as the sentence: write it in place,
	// with room for the eight-byte stores of the letter runs. The
	// folder's state is kept in locals, which stay in registers, and
	// written back on return.
	f.buf = slices.Grow(f.buf, sp.Len()+8)
	b := f.buf[:cap(f.buf)]
	n := len(f.buf)
	start, words, space, counted := f.start, f.words, f.space, f.counted

	keep := lint.Span{Start: -1} // as in doubles
	cut := 0
	run := newRunState()
	mark := 0 // n when keep ended: where a fixed copy is cut back to
	ascii := true
	for i, end := sp.Start, sp.End; i < end; {
		c := text[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		switch {
		case c == ' ':
			space, counted = true, false
			i++
			continue
		case class[c] == cSpace:
			space, counted = true, false
			keep.Start = -1
			i++
			continue
		}
		if space {
			if n > start {
				b[n] = ' '
				n++
			}
			space = false
		}
		if wordByte[c] == wbNone || c == '\'' || c == '-' {
			b[n] = c
			n++
			keep.Start = -1
			i++
			continue
		}
		// A word: letters, digits and '_', with ' and - between them.
		w := lint.Span{Start: i}
		letters, alnum := true, false
		j := i
	word:
		for j < end {
			if j+8 <= len(text) && n+8 <= len(b) {
				// Copy a run of ASCII letters eight bytes at a time,
				// lowered: most words are letters only.
				x := load8(text, j)
				lm := letterMask(x)
				k := min(bits.TrailingZeros64(^lm&msb)>>3, end-j)
				if k > 0 {
					binary.LittleEndian.PutUint64(b[n:], x|lm>>2)
					n, j, alnum = n+k, j+k, true
					// A run that stops short of eight bytes stops at
					// the end or at a byte that is not a letter: one
					// that ends every word (a space, most punctuation)
					// ends this one, as the switch below would.
					if k < 8 && (j == end || wordByte[text[j]] == wbNone) {
						break word
					}
					continue
				}
			}
			x := text[j]
			switch {
			case wordByte[x] == wbLetter:
				alnum = true
			case '0' <= x && x <= '9':
				alnum, letters = true, false
			case x == '_':
				letters = false
			case (x == '\'' || x == '-') && j+1 < end && asciiWord[text[j+1]&0x7F] && text[j+1] < utf8.RuneSelf:
			default:
				if (x == '\'' || x == '-') && j+1 < end && text[j+1] >= utf8.RuneSelf {
					ascii = false // a joiner before a non-ASCII letter, maybe
					break word
				}
				break word
			}
			b[n] = lower[x]
			n++
			j++
		}
		if !ascii {
			break
		}
		if alnum && !counted { // as f.word
			words++
			counted = true
		}
		w.End, i = j, j
		if !letters {
			keep.Start = -1
			continue
		}
		// Two ASCII words that start with different letters (case
		// aside) differ: the common case, decided without sameWord.
		if keep.Start < 0 || w.Len() != keep.Len() || text[keep.Start]|0x20 != text[w.Start]|0x20 ||
			!sameWord(text[keep.Start:keep.End], text[w.Start:w.End]) {
			// Not a copy: what run.step does for same == false,
			// without the call.
			run = newRunState()
			keep, cut, mark = w, w.End, n
			continue
		}
		var removed bool
		if out, removed = run.step(text, keep, w, cut, true, out); removed {
			cut = w.End
			// Take the copy back off the key: the text goes on right
			// after keep, inside its token.
			n = mark
			words--
			counted = true
			continue
		}
		keep, cut, mark = w, w.End, n
	}
	f.buf = b[:n]
	f.words, f.space, f.counted = words, space, counted
	return out, ascii
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// load8 loads s[i:i+8] as a little-endian word; the compiler makes it
// one load.
func load8(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// letterMask returns 0x80 in each byte of x that is an ASCII letter, 0
// in the others. Bytes are lowered (| 0x20) and their top bit cleared
// before the range test, so no sum carries into the next byte.
func letterMask(x uint64) uint64 {
	y := (x | 0x20*lsb) &^ msb
	ge := y + (0x80-'a')*lsb   // top bit set: y >= 'a'
	gt := y + (0x80-'z'-1)*lsb // top bit set: y > 'z'
	return ge &^ gt &^ x & msb
}
