package dedupe

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/bytescan"

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
		// Words: letters, digits and '_', with ' and - between them.
		// The loop goes on to the next word when one space and a letter
		// follow, without going back through the byte switch above:
		// most words in prose are followed by one.
	words:
		for {
			// Prose is mostly letters and single spaces: eight bytes of
			// them at a time are copied lowered in one store, and the
			// words that end in them are counted and told from the word
			// before by the chunk's space mask. The key is then the text
			// lowered, byte for byte: out(p) = n + p - i. Anything else
			// (another byte, two spaces, a word that may repeat the one
			// before, the sentence's last bytes) is left to the loops
			// below from the start of the word at hand, ws.
			ws := i
		chunks:
			for p := i; p+8 <= end && n+p-i+8 <= len(b); p += 8 {
				x := bytescan.Load8(text, p)
				lm, sm := letterMask(x), spaceMask(x)
				if lm|sm != msb || sm&(sm<<8) != 0 || sm&0x80 != 0 && text[p-1] == ' ' {
					break
				}
				binary.LittleEndian.PutUint64(b[n+p-i:], x|lm>>2)
				for m := sm; m != 0; m &= m - 1 {
					e := p + bits.TrailingZeros64(m)>>3
					w := lint.Span{Start: ws, End: e}
					if keep.Start >= 0 && w.Len() == keep.Len() && (text[w.Start]^text[keep.Start])&^0x20 == 0 {
						break chunks // maybe a copy: see below
					}
					if !counted {
						words++
					}
					counted = false // the space
					run = newRunState()
					keep, cut, mark = w, e, n+e-i
					ws = e + 1
				}
			}
			if ws > i {
				// Words went by: go on after the space before ws, with
				// the space to write, as the switch above leaves one.
				n += ws - 1 - i
				i, space = ws, true
				break
			}
			w := lint.Span{Start: i}
			letters, alnum := true, false
			j := i
		word:
			for j < end {
				if j+8 <= len(text) && n+8 <= len(b) {
					// Copy a run of ASCII letters eight bytes at a
					// time, lowered: most words are letters only.
					x := bytescan.Load8(text, j)
					lm := letterMask(x)
					k := min(bits.TrailingZeros64(^lm&msb)>>3, end-j)
					if k > 0 {
						binary.LittleEndian.PutUint64(b[n:], x|lm>>2)
						n, j, alnum = n+k, j+k, true
						// A run that stops short of eight bytes stops
						// at the end or at a byte that is not a letter:
						// one that ends every word (a space, most
						// punctuation) ends this one, as the switch
						// below would.
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
			switch {
			case !letters:
				keep.Start = -1
			case keep.Start < 0 || w.Len() != keep.Len() || text[keep.Start]|0x20 != text[w.Start]|0x20 ||
				!sameWord(text[keep.Start:keep.End], text[w.Start:w.End]):
				// Two ASCII words that start with different letters
				// (case aside) differ: the common case, decided
				// without sameWord. Not a copy: what run.step does for
				// same == false, without the call.
				run = newRunState()
				keep, cut, mark = w, w.End, n
			default:
				var removed bool
				if out, removed = run.step(text, keep, w, cut, true, out); removed {
					cut = w.End
					// Take the copy back off the key: the text goes on
					// right after keep, inside its token.
					n = mark
					words--
					counted = true
				} else {
					keep, cut, mark = w, w.End, n
				}
			}
			// One space and a letter: the space as the switch above
			// would take it (the key is not empty: a word was just
			// written, or a copy cut back to the word before it), and
			// the next word.
			if i+1 < end && text[i] == ' ' && wordByte[text[i+1]] == wbLetter {
				b[n] = ' '
				n++
				counted = false
				i++
				continue words
			}
			break
		}
		if !ascii {
			break
		}
	}
	f.buf = b[:n]
	f.words, f.space, f.counted = words, space, counted
	return out, ascii
}

// Eight-byte constants (package bytescan).
const (
	lsb = bytescan.Ones
	msb = bytescan.Highs
)

// spaceMask returns 0x80 in each byte of x that is ' ', 0 in the
// others; no sum carries into the next byte.
func spaceMask(x uint64) uint64 {
	y := x ^ ' '*lsb
	return ^(y&^msb + 0x7F*lsb | y) & msb
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
