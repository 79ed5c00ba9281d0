package normalize

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/charclass"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// invisibleStage removes the byte order mark, invisible characters and
// control characters, reports invalid UTF-8, and reports bidirectional
// controls, removing those that are unbalanced (see bidiFindings).
//
// Characters are removed in clusters: a maximal run of consecutive
// removable characters. A cluster that sits between an invalid byte and a
// continuation byte is reported but not removed, because removing it could
// join the invalid bytes around it into a valid character.
type invisibleStage struct{}

// QuietOnASCII marks the stage as one that finds nothing in plain ASCII
// text (lint.ASCIIQuiet).
func (invisibleStage) QuietOnASCII() {}

func (invisibleStage) Name() string { return "invisible" }

func (invisibleStage) Rules() []lint.Rule { return rulesCopy(invisibleRules) }

// invisiblePlain marks the bytes the stage passes over without decoding:
// printable ASCII, tab, line feed, form feed and carriage return.
//
// In valid UTF-8, the stage need only decode at the lead bytes of the
// characters it removes: C2 (U+0080–U+009F, U+00AD), E2 (U+200B, U+2060)
// and EF (U+FEFF). A continuation byte is never one of them, so the scan
// may skip every other byte. invisiblePlainValid marks the bytes it skips.
var invisiblePlain, invisiblePlainValid = func() (t, v [256]bool) {
	for c := 0x20; c < 0x7F; c++ {
		t[c] = true
	}
	t['\t'], t['\n'], t['\f'], t['\r'] = true, true, true, true
	v = t
	for c := 0x80; c < 0x100; c++ {
		v[c] = true
	}
	v[0xC2], v[0xE2], v[0xEF] = false, false, false
	return t, v
}()

// removal is a kind of removable character.
type removal uint8

const (
	removeNone removal = iota
	removeBOM
	removeInvisible
	removeControl
)

// removableRune classifies a decoded rune (charclass.Removed). It calls
// every U+FEFF invisible; the caller tells a byte order mark by its
// position.
func removableRune(r rune) removal {
	switch charclass.Removed(r) {
	case charclass.Control:
		return removeControl
	case charclass.Invisible:
		return removeInvisible
	}
	return removeNone
}

// bomPrefixEnd returns the end of the text's leading stretch that holds
// nothing visible: spaces, tabs, the Unicode spaces of the chars stage and
// characters this stage removes. A U+FEFF inside it is a byte order mark:
// once the pipeline has removed what surrounds it, it would be the first
// character of the text.
func bomPrefixEnd(text string) int {
	i := 0
	for i < len(text) {
		c := text[i]
		if c == ' ' || c == '\t' {
			i++
			continue
		}
		r, size := runeAt(text, i)
		if r == utf8.RuneError && size == 1 {
			break
		}
		if removableRune(r) == removeNone && !charclass.UnicodeSpace(r) {
			break
		}
		i += size
	}
	return i
}

// invisibleRun is a run of identical removable characters.
type invisibleRun struct {
	span lint.Span
	kind removal
	r    rune
	n    int
}

func (invisibleStage) Check(text string) []lint.Finding {
	var (
		fs      []lint.Finding
		edits   editBlock
		cluster []invisibleRun // removable runs not yet reported
		// prevInvalid: the byte before the cluster is an invalid byte.
		prevInvalid bool
		bomEnd      = -1 // computed on the first U+FEFF
	)
	// flush reports the pending cluster; next is the offset after it.
	flush := func(next int) {
		if len(cluster) == 0 {
			return
		}
		guard := prevInvalid && next < len(text) && isContinuation(text[next])
		for _, run := range cluster {
			fs = append(fs, invisibleFinding(run, guard, &edits))
		}
		cluster = cluster[:0]
	}
	plain := &invisiblePlain
	if utf8.ValidString(text) {
		plain = &invisiblePlainValid
	}
	n := len(text)
	i := 0
	for i < n {
		// Fast path: bytes that need no decoding.
		j := i
		for j < n && plain[text[j]] {
			if c := text[j]; c >= 0x20 && c < 0x7F {
				j = skipPrintableASCII(text, j+1) // eight bytes at a time
				continue
			}
			j++
		}
		if j > i {
			flush(i)
			prevInvalid = false
			i = j
			continue
		}
		var (
			r    rune
			size int
		)
		if c := text[i]; c < utf8.RuneSelf {
			r, size = rune(c), 1
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && size == 1 {
				// A run of invalid bytes.
				flush(i)
				end := i + 1
				for end < n && text[end] >= utf8.RuneSelf {
					if r2, s2 := utf8.DecodeRuneInString(text[end:]); r2 != utf8.RuneError || s2 != 1 {
						break
					}
					end++
				}
				fs = append(fs, invalidFinding(text, i, end))
				prevInvalid = true
				i = end
				continue
			}
		}
		kind := removableRune(r)
		if r == 0xFEFF {
			if bomEnd < 0 {
				bomEnd = bomPrefixEnd(text)
			}
			if i < bomEnd {
				kind = removeBOM
			}
		}
		if kind == removeNone {
			flush(i)
			prevInvalid = false
			i += size
			continue
		}
		if k := len(cluster) - 1; k >= 0 && cluster[k].r == r && cluster[k].kind == kind && cluster[k].span.End == i {
			cluster[k].span.End += size
			cluster[k].n++
		} else {
			// prevInvalid still describes the byte before the cluster:
			// only plain or kept characters and invalid bytes reset it.
			cluster = append(cluster, invisibleRun{span: lint.Span{Start: i, End: i + size}, kind: kind, r: r, n: 1})
		}
		i += size
	}
	flush(n)
	if b := bidiFindings(text, &edits); len(b) > 0 {
		fs = mergeByStart(fs, b)
	}
	return fs
}

// mergeByStart merges two lists of findings sorted by position into one.
func mergeByStart(a, b []lint.Finding) []lint.Finding {
	if len(a) == 0 {
		return b
	}
	out := make([]lint.Finding, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].Start < a[0].Start {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}

// invisibleFinding returns the finding for a run of removable characters;
// guarded runs are reported without a fix.
func invisibleFinding(run invisibleRun, guarded bool, edits *editBlock) lint.Finding {
	f := lint.Finding{Span: run.span}
	var what string
	switch run.kind {
	case removeBOM:
		f.Rule, f.Severity = RuleBOM, lint.Info
		what = "byte order mark U+FEFF at the start of the text"
		if run.n > 1 {
			what = fmt.Sprintf("%d byte order marks U+FEFF at the start of the text", run.n)
		}
	case removeInvisible:
		f.Rule, f.Severity = RuleInvisible, lint.Warning
		what = countPrefix(run.n) + "invisible character " + codePoint(run.r) + " " + invisibleName(run.r)
	default:
		f.Rule, f.Severity = RuleControl, lint.Warning
		what = countPrefix(run.n) + "control character " + codePoint(run.r) + " (" + controlName(run.r) + ")"
	}
	if guarded {
		f.Message = what + " not removed: it separates invalid UTF-8 bytes that removing it would join"
		return f
	}
	f.Message = what + " removed"
	f.Fix = edits.one(lint.Edit{Span: run.span})
	return f
}

// invalidFinding reports the invalid bytes text[start:end].
func invalidFinding(text string, start, end int) lint.Finding {
	const show = 8
	var b strings.Builder
	for k := start; k < end && k < start+show; k++ {
		if k > start {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "0x%02X", text[k])
	}
	if end-start > show {
		b.WriteString(" …")
	}
	msg := "invalid UTF-8 byte " + b.String() + " left as is"
	if end-start > 1 {
		msg = fmt.Sprintf("%d invalid UTF-8 bytes %s left as they are", end-start, b.String())
	}
	return lint.Finding{
		Rule:     RuleInvalidUTF8,
		Severity: lint.Warning,
		Span:     lint.Span{Start: start, End: end},
		Message:  msg,
	}
}

// invisibleName names the invisible characters the stage removes.
func invisibleName(r rune) string {
	switch r {
	case 0x200B:
		return "ZERO WIDTH SPACE"
	case 0x2060:
		return "WORD JOINER"
	case 0xFEFF:
		return "ZERO WIDTH NO-BREAK SPACE"
	case 0xAD:
		return "SOFT HYPHEN"
	}
	return ""
}

// c0Names and c1Names abbreviate the C0 and C1 control characters.
var (
	c0Names = [32]string{
		"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
		"BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
		"DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
		"CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
	}
	c1Names = [32]string{
		"PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA",
		"HTS", "HTJ", "VTS", "PLD", "PLU", "RI", "SS2", "SS3",
		"DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA",
		"SOS", "SGCI", "SCI", "CSI", "ST", "OSC", "PM", "APC",
	}
)

// controlName abbreviates a C0 or C1 control character or DEL.
func controlName(r rune) string {
	switch {
	case r >= 0 && r < 0x20:
		return c0Names[r]
	case r == 0x7F:
		return "DEL"
	case r >= 0x80 && r <= 0x9F:
		return c1Names[r-0x80]
	}
	return "control"
}
