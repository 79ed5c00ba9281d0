package normalize

import (
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/charclass"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// RuleBidi is the rule id of bidirectional embeddings, overrides and
// isolates, reported by the invisible stage.
const RuleBidi = "unicode.bidi"

// A bidiMark is one bidirectional control on the line being read.
type bidiMark struct {
	span lint.Span
	r    rune
	kind charclass.BidiKind
	// closer is the span of the control that closes this one, once
	// found; Start < 0 while it is open.
	closer lint.Span
}

// bidiFindings reports the bidirectional controls of text (charclass.Bidi),
// the characters of "Trojan Source" attacks, which make text display in
// an order other than the one it is read in. Each line (a paragraph for
// the Unicode bidirectional algorithm) is judged on its own:
//
//   - an embedding, override or isolate closed on its line (by PDF or
//     PDI) is reported, not removed: it may be intended (a right-to-left
//     name inside left-to-right text), and a person should look;
//   - one not closed on its line, and a PDF or PDI with nothing to
//     close, is removed: unbalanced, it reorders the rest of the line.
//
// A PDI closes the isolate it matches and any embedding opened inside
// it, which are then unclosed; a PDF closes only an embedding opened
// after the innermost open isolate.
func bidiFindings(text string, edits *editBlock) []lint.Finding {
	if !hasBidi(text) {
		return nil
	}
	var (
		fs    []lint.Finding
		line  []bidiMark // the controls of the current line, in order
		stack []int      // indexes into line of the open ones
	)
	flush := func() {
		for _, m := range line {
			fs = append(fs, bidiFinding(text, m, edits))
		}
		line, stack = line[:0], stack[:0]
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\n' || c == '\r' {
			flush()
			i++
			continue
		}
		if c != 0xE2 {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		kind := charclass.Bidi(r)
		if kind == charclass.NotBidi {
			i += size
			continue
		}
		m := bidiMark{span: lint.Span{Start: i, End: i + size}, r: r, kind: kind, closer: lint.Span{Start: -1}}
		line = append(line, m)
		k := len(line) - 1
		switch kind {
		case charclass.BidiEmbed, charclass.BidiIsolate:
			stack = append(stack, k)
		case charclass.BidiPopEmbed:
			if n := len(stack); n > 0 && line[stack[n-1]].kind == charclass.BidiEmbed {
				line[stack[n-1]].closer = m.span
				line[k].closer = line[stack[n-1]].span
				stack = stack[:n-1]
			}
		case charclass.BidiPopIsolate:
			for n := len(stack); n > 0; n-- {
				if line[stack[n-1]].kind != charclass.BidiIsolate {
					continue
				}
				// The isolate at n-1 closes; embeddings above it stay
				// unclosed.
				line[stack[n-1]].closer = m.span
				line[k].closer = line[stack[n-1]].span
				stack = stack[:n-1]
				break
			}
		}
		i += size
	}
	flush()
	return fs // in order: lines in order, each line's controls in order
}

// bidiFinding returns the finding for the control m: reported if it is
// balanced, removed if not (unless removing it would join invalid
// bytes).
func bidiFinding(text string, m bidiMark, edits *editBlock) lint.Finding {
	name := "bidirectional control " + codePoint(m.r) + " (" + charclass.BidiName(m.r) + ")"
	f := lint.Finding{Rule: RuleBidi, Severity: lint.Warning, Span: m.span}
	if m.closer.Start >= 0 {
		f.Related = []lint.Span{m.closer}
		if m.kind == charclass.BidiEmbed || m.kind == charclass.BidiIsolate {
			f.Message = name + " reorders how the text up to its closing control is displayed: check it is intended"
		} else {
			f.Message = name + " closes a bidirectional control on its line"
		}
		return f
	}
	switch m.kind {
	case charclass.BidiEmbed, charclass.BidiIsolate:
		f.Message = name + " not closed on its line"
	default:
		f.Message = name + " with nothing to close"
	}
	if joinsInvalid(text, m.span.Start, m.span.End) {
		f.Message += " not removed: it separates invalid UTF-8 bytes that removing it would join"
		return f
	}
	f.Message += " removed"
	f.Fix = edits.one(lint.Edit{Span: m.span})
	return f
}

// hasBidi reports whether text holds a bidirectional control: U+202A–
// U+202E (E2 80 AA–AE) or U+2066–U+2069 (E2 81 A6–A9).
func hasBidi(text string) bool {
	for i := 0; i+2 < len(text); i++ {
		k := strings.IndexByte(text[i:], 0xE2)
		if k < 0 || i+k+2 >= len(text) {
			return false
		}
		i += k
		b1, b2 := text[i+1], text[i+2]
		if b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE || b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9 {
			return true
		}
	}
	return false
}
