package normalize

import (
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// nfcStage normalizes text to Unicode Normalization Form C.
//
// The text is cut into normalization segments, each starting at a
// character that nothing before it can combine with or reorder around,
// and only segments that are not already in NFC are normalized, one
// finding per segment. Invalid UTF-8 bytes end a segment: they are never
// altered and never combine with their neighbours.
//
// Most characters of most scripts are inert: they are in NFC and begin a
// segment, so a scan only has to look at the characters around the others.
type nfcStage struct{}

// QuietOnASCII marks the stage as one that finds nothing in plain ASCII
// text (lint.ASCIIQuiet).
func (nfcStage) QuietOnASCII() {}

func (nfcStage) Name() string { return "nfc" }

func (nfcStage) Rules() []lint.Rule { return rulesCopy(nfcRules) }

func (nfcStage) Check(text string) []lint.Finding {
	var (
		fs    []lint.Finding
		edits editBlock
	)
	n := len(text)
	// last is where the segment holding the next character would start:
	// the start of the character before it, if inert, or a hard boundary
	// (the start of the text, after an invalid byte or after a segment).
	last := 0
	for i := 0; i < n; {
		c := text[i]
		if c < utf8.RuneSelf {
			// ASCII is inert: skip the run, eight bytes at a time.
			i = skipASCII(text, i+1)
			last = i - 1
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size == 1 {
			i++
			last = i
			continue
		}
		if nfcInert(r) {
			last = i
			i += size
			continue
		}
		// Check the segment holding this character.
		s := last
		if norm.NFC.PropertiesString(text[i:]).BoundaryBefore() {
			s = i
		}
		e := nfcSegmentEnd(text, i+size)
		if seg := text[s:e]; norm.NFC.QuickSpanString(seg) < len(seg) {
			if out := norm.NFC.String(seg); out != seg {
				sp := lint.Span{Start: s, End: e}
				fs = append(fs, lint.Finding{
					Rule:     RuleNFC,
					Severity: lint.Info,
					Span:     sp,
					Message:  "not in Unicode NFC: " + describeRunes(seg) + " → " + describeRunes(out),
					Fix:      edits.one(lint.Edit{Span: sp, New: out}),
				})
			}
		}
		i, last = e, e
	}
	return fs
}

// nfcSegmentEnd returns the end of the segment that continues at text[i:]:
// the next character that starts a segment, the next invalid byte, or the
// end of the text.
func nfcSegmentEnd(text string, i int) int {
	for i < len(text) {
		if text[i] < utf8.RuneSelf {
			return i
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		if nfcInert(r) || norm.NFC.PropertiesString(text[i:]).BoundaryBefore() {
			return i
		}
		i += size
	}
	return i
}

// Inert characters: a character is inert if it is in NFC on its own and
// starts a segment (canonical combining class 0, and it never combines
// with a character before it), so NFC changes nothing across the boundary
// before it. A character after it that would combine with it or reorder
// around it is not inert, and the scan checks the segment from the inert
// character on.
//
// nfcInert caches which code points below nfcCacheLimit are inert, a
// block of 64 at a time, computed from the normalization tables the first
// time a code point of the block is looked up: nfcInertMask holds a bit
// per code point, valid once the block's bit in nfcKnown is set.
const nfcCacheLimit = 0x40000

var (
	nfcInertMask [nfcCacheLimit / 64]atomic.Uint64
	nfcKnown     [nfcCacheLimit / 64 / 32]atomic.Uint32
)

// nfcInert reports whether r, a valid code point other than ASCII, is
// known inert. It may say false for an inert code point.
func nfcInert(r rune) bool {
	if r >= nfcCacheLimit {
		return false
	}
	block := uint32(r) >> 6
	known, bit := &nfcKnown[block>>5], uint32(1)<<(block&31)
	if known.Load()&bit == 0 {
		nfcInertMask[block].Store(inertMask(rune(block << 6)))
		known.Or(bit)
	}
	return nfcInertMask[block].Load()>>(uint32(r)&63)&1 != 0
}

// inertMask returns a mask of the inert code points among the 64 from
// first: bit k for first+k.
func inertMask(first rune) uint64 {
	var (
		buf  [utf8.UTFMax]byte
		mask uint64
	)
	for k := range 64 {
		r := first + rune(k)
		if !utf8.ValidRune(r) {
			continue // surrogates are never decoded
		}
		b := utf8.AppendRune(buf[:0], r)
		if norm.NFC.Properties(b).BoundaryBefore() && norm.NFC.IsNormal(b) {
			mask |= 1 << k
		}
	}
	return mask
}

// describeRunes shows s, which is valid UTF-8, as its code points, at most
// a few of them: "U+0065 U+0301".
func describeRunes(s string) string {
	const show = 6
	var b strings.Builder
	k := 0
	for _, r := range s {
		if k == show {
			b.WriteString(" …")
			break
		}
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(codePoint(r))
		k++
	}
	return b.String()
}
