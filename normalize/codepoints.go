package normalize

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// Rule ids of the codepoints stage.
const (
	RuleLigature      = "unicode.ligature"
	RuleLineSeparator = "unicode.line-separator"
	RuleANSIEscape    = "unicode.ansi-escape"
)

var codepointsRules = []lint.Rule{
	{ID: RuleLigature, Severity: lint.Info, Fixes: true,
		Doc: "Latin ligature character (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ, from PDFs): replaced by its letters"},
	{ID: RuleLineSeparator, Severity: lint.Info, Fixes: true,
		Doc: "Unicode line separator U+2028, next line U+0085 or paragraph separator U+2029: replaced by a line break (two for U+2029)"},
}

var ansiRules = []lint.Rule{
	{ID: RuleANSIEscape, Severity: lint.Warning, Fixes: true,
		Doc: `terminal escape sequence: CSI (colours "ESC[31m"), OSC (titles and links "ESC]…BEL" or "ESC]…ESC\"), DCS, APC, PM and SOS strings ended by ST, two-byte sequences ("ESC 7", "ESC c", "ESC ( B"), and their 8-bit C1 forms (U+009B…) after ASCII: removed whole, payload included`},
}

// codepointsStage replaces Latin ligatures by their letters and Unicode
// line separators by line breaks. It runs after the mojibake stage, whose
// repairs may produce them, and before the invisible stage, which would
// otherwise remove NEL as a control character.
type codepointsStage struct{}

// QuietOnASCII marks the stage as one that finds nothing in plain ASCII
// text (lint.ASCIIQuiet).
func (codepointsStage) QuietOnASCII() {}

func (codepointsStage) Name() string { return "codepoints" }

func (codepointsStage) Rules() []lint.Rule { return rulesCopy(codepointsRules) }

// ligatures maps U+FB00–U+FB06 to their letters.
var ligatures = [7]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}

// maxANSIPasses bounds the removal of escape sequences that removing
// others brings together ("ESC ESC[1m [0m").
const maxANSIPasses = 8

// ansiStage removes ANSI terminal escape sequences whole. It runs first,
// before the invisible stage would remove the ESC byte alone and leave
// "[31m" behind, and before the mojibake stage, so that a removal never
// brings mojibake together.
type ansiStage struct{}

// QuietOnASCII marks the stage as one that finds nothing in plain ASCII
// text (lint.ASCIIQuiet).
func (ansiStage) QuietOnASCII() {}

func (ansiStage) Name() string { return "ansi" }

func (ansiStage) Rules() []lint.Rule { return rulesCopy(ansiRules) }

func (ansiStage) Check(text string) []lint.Finding {
	if strings.IndexByte(text, 0x1B) < 0 && nextC1Intro(text, 0) == len(text) {
		return nil
	}
	segs, _ := fixedPoint(text, maxANSIPasses, func(cur string, _ []lint.Span) []medit { return ansiPass(cur) })
	var fs []lint.Finding
	var edits editBlock
	for _, s := range segs {
		if !s.changed {
			continue
		}
		fs = append(fs, lint.Finding{
			Rule:     RuleANSIEscape,
			Severity: lint.Warning,
			Span:     s.orig,
			Message:  "ANSI escape sequence " + strconv.Quote(text[s.orig.Start:s.orig.End]) + " removed",
			Fix:      edits.one(lint.Edit{Span: s.orig, New: s.text}),
		})
	}
	return fs
}

func (codepointsStage) Check(text string) []lint.Finding {
	// Every character the stage handles starts with 0xC2 (U+0085), 0xE2
	// (U+2028, U+2029) or 0xEF (U+FB00–U+FB06).
	if !hasCodepoint(text) {
		return nil
	}
	var (
		fs    []lint.Finding
		edits editBlock
	)
	nl := "\n"
	if strings.Contains(text, "\r\n") {
		nl = "\r\n"
	}
	for i := nextCodepoint(text, 0); i < len(text); i = nextCodepoint(text, i) {
		r, size := runeAt(text, i)
		var f lint.Finding
		switch {
		case r >= 0xFB00 && r <= 0xFB06:
			lig := ligatures[r-0xFB00]
			f = lint.Finding{Rule: RuleLigature, Severity: lint.Info,
				Message: "ligature " + string(r) + " (" + codePoint(r) + ") → " + lig}
			f.Fix = []lint.Edit{{New: lig}}
		case r == 0x2028 || r == 0x85:
			name := "line separator"
			if r == 0x85 {
				name = "next line (NEL)"
			}
			f = lint.Finding{Rule: RuleLineSeparator, Severity: lint.Info,
				Message: name + " " + codePoint(r) + " → line break"}
			f.Fix = []lint.Edit{{New: nl}}
		case r == 0x2029:
			f = lint.Finding{Rule: RuleLineSeparator, Severity: lint.Info,
				Message: "paragraph separator " + codePoint(r) + " → blank line"}
			f.Fix = []lint.Edit{{New: nl + nl}}
		default:
			i += size
			continue
		}
		span := lint.Span{Start: i, End: i + size}
		f.Span = span
		f.Fix = edits.one(lint.Edit{Span: span, New: f.Fix[0].New})
		fs = append(fs, f)
		i += size
	}
	return fs
}

// hasCodepoint reports whether text holds a character the stage
// handles: U+0085 (0xC2 0x85), U+2028 and U+2029 (0xE2 0x80 0xA8, 0xA9),
// U+FB00–U+FB06 (0xEF 0xAC 0x80–0x86).
func hasCodepoint(text string) bool {
	return nextCodepoint(text, 0) < len(text)
}

// nextCodepoint returns the offset of the first character the stage
// handles in text[i:], or len(text).
func nextCodepoint(text string, i int) int {
	for i = skipASCII(text, i); i+1 < len(text); i = skipASCII(text, i) {
		c := text[i]
		switch c {
		case 0xC2:
			if text[i+1] == 0x85 {
				return i
			}
		case 0xE2:
			if i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0xA8 || text[i+2] == 0xA9) {
				return i
			}
		case 0xEF:
			if i+2 < len(text) && text[i+1] == 0xAC && text[i+2] >= 0x80 && text[i+2] <= 0x86 {
				return i
			}
		}
		// Look at lead bytes only.
		if n := seqLen(c); n > 0 {
			i += n
		} else {
			i++
		}
	}
	return len(text)
}

// ansiPass returns the removals of the escape sequences of cur.
func ansiPass(cur string) []medit {
	var edits []medit
	// nextEsc and nextC1 are the next ESC and 8-bit introducer at or
	// after i, each found once, so the pass stays linear.
	nextEsc, nextC1 := -1, -1
	for i := 0; i < len(cur); {
		if nextEsc < i {
			nextEsc = len(cur)
			if k := strings.IndexByte(cur[i:], 0x1B); k >= 0 {
				nextEsc = i + k
			}
		}
		if nextC1 < i {
			nextC1 = nextC1Intro(cur, i)
		}
		i = min(nextEsc, nextC1)
		if i == len(cur) {
			break
		}
		end := -1
		if cur[i] == 0x1B {
			end = ansiEnd(cur, i)
		} else {
			end = c1End(cur, i)
		}
		if end < 0 || joinsInvalid(cur, i, end) {
			i++
			continue
		}
		edits = append(edits, medit{start: i, end: end})
		i = end
	}
	return edits
}

// maxCSILen bounds a control sequence: ESC [ parameters intermediates
// final byte.
const maxCSILen = 64

// ansiEnd returns the end of the escape sequence at s[i] (ESC), or -1.
//
// Control strings (OSC, DCS, APC, PM, SOS) end at ST, "ESC \\" or the
// 8-bit U+009C, and an OSC also at BEL; one that meets a line break or
// another ESC first is no sequence. Each byte is thus scanned for at
// most one string, and the stage stays linear.
func ansiEnd(s string, i int) int {
	if i+1 >= len(s) {
		return -1
	}
	j := i + 2
	switch c := s[i+1]; {
	case c == '[': // CSI
		return csiEnd(s, i, j)
	case c == ']': // OSC, ended by BEL or ST
		return stringEnd(s, i, j, true)
	case c == 'P', c == '_', c == '^', c == 'X': // DCS, APC, PM, SOS, ended by ST
		return stringEnd(s, i, j, false)
	case c == 'N', c == 'O': // SS2, SS3: one more character ("ESC O P" is F1)
		if j < len(s) && s[j] >= 0x20 && s[j] <= 0x7E && !letterAt(s, j+1) {
			return j + 1
		}
	case c == ' ': // "ESC SP F" and its kind, not ESC before a word
		if j < len(s) && strings.IndexByte("FGLMN", s[j]) >= 0 && !letterAt(s, j+1) {
			return j + 1
		}
	case c >= 0x21 && c <= 0x2F: // nF: intermediates then a final byte ("ESC ( B")
		for j < len(s) && j-i < maxCSILen && s[j] >= 0x20 && s[j] <= 0x2F {
			j++
		}
		if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7E {
			return j + 1
		}
	case c >= 0x30 && c <= 0x3F: // Fp: "ESC 7", "ESC 8", "ESC =", "ESC >"
		return j
	case strings.IndexByte("DEHMZ\\c", c) >= 0: // Fe and Fs: IND, NEL, HTS, RI, DECID, ST, RIS
		// Not before a letter: "ESC" then "Hello" is a stray control
		// character before a word, not HTS and "ello".
		if !letterAt(s, j) {
			return j
		}
	}
	return -1
}

// letterAt reports whether an ASCII letter is at s[j].
func letterAt(s string, j int) bool {
	return j < len(s) && ('a' <= s[j]|0x20 && s[j]|0x20 <= 'z')
}

// csiEnd returns the end of the control sequence whose parameters start
// at s[j] (after ESC [ or U+009B at s[i]), or -1.
func csiEnd(s string, i, j int) int {
	for j < len(s) && j-i < maxCSILen && s[j] >= 0x30 && s[j] <= 0x3F {
		j++
	}
	for j < len(s) && j-i < maxCSILen && s[j] >= 0x20 && s[j] <= 0x2F {
		j++
	}
	if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7E {
		return j + 1
	}
	return -1
}

// stringEnd returns the end of the control string whose payload starts
// at s[j] (the introducer is at s[i]): just past its ST ("ESC \\" or
// U+009C) or, if bel, a BEL; -1 if a line break, another ESC or another
// C1 control comes first (so each byte is scanned for one string at
// most), or the string is not valid UTF-8.
func stringEnd(s string, i, j int, bel bool) int {
	for ; j < len(s); j++ {
		switch s[j] {
		case 0x07:
			if bel {
				return validOSC(s, i, j+1)
			}
			return -1
		case 0x1B:
			if j+1 < len(s) && s[j+1] == '\\' {
				return validOSC(s, i, j+2)
			}
			return -1
		case 0xC2:
			if j+1 < len(s) && s[j+1] == 0x9C {
				return validOSC(s, i, j+2)
			}
			if j+1 < len(s) && s[j+1] >= 0x80 && s[j+1] <= 0x9F {
				return -1 // another C1 control first: no string
			}
		case '\n', '\r':
			return -1
		}
	}
	return -1
}

// nextC1Intro returns the offset of the next 8-bit introducer of an
// escape sequence or control string at or after i (U+009B, U+009D,
// U+0090, U+009F, U+009E, U+0098, all 0xC2 and a second byte), or
// len(s).
func nextC1Intro(s string, i int) int {
	for i < len(s) {
		k := strings.IndexByte(s[i:], 0xC2)
		if k < 0 || i+k+1 >= len(s) {
			return len(s)
		}
		i += k
		switch s[i+1] {
		case 0x9B, 0x9D, 0x90, 0x9F, 0x9E, 0x98:
			return i
		}
		i++
	}
	return len(s)
}

// c1End returns the end of the 8-bit escape sequence at s[i] (0xC2),
// or -1: U+009B (CSI) with at least one parameter byte, U+009D (OSC),
// U+0090 (DCS), U+009F (APC), U+009E (PM) or U+0098 (SOS) with a
// printable ASCII payload ended by ST. Text decoded with the wrong code
// page holds C1 characters too ("Ã\u0090" is "Ð"), always after a
// non-ASCII letter: a C1 form is taken for a sequence only at the start
// of the text or after an ASCII character.
func c1End(s string, i int) int {
	if i+1 >= len(s) || i > 0 && s[i-1] >= utf8.RuneSelf {
		return -1
	}
	j := i + 2
	switch s[i+1] {
	case 0x9B: // CSI
		if j >= len(s) || s[j] < 0x30 || s[j] > 0x3F {
			return -1
		}
		return csiEnd(s, i, j)
	case 0x9D, 0x90, 0x9F, 0x9E, 0x98:
		end := stringEnd(s, i, j, s[i+1] == 0x9D)
		if end < 0 {
			return -1
		}
		pe := end - 2 // the payload ends before ST, or before BEL
		if s[end-1] == 0x07 {
			pe = end - 1
		}
		for k := j; k < pe; k++ {
			if s[k] >= utf8.RuneSelf {
				return -1 // only ASCII between the introducer and ST
			}
		}
		return end
	}
	return -1
}

// validOSC returns end if s[i:end] is valid UTF-8, and -1 otherwise:
// invalid bytes are never removed.
func validOSC(s string, i, end int) int {
	if utf8.ValidString(s[i:end]) {
		return end
	}
	return -1
}

// joinsInvalid reports whether removing s[i:end] would put an invalid
// byte next to a continuation byte, which could make them one valid
// character.
func joinsInvalid(s string, i, end int) bool {
	if i == 0 || end >= len(s) || !isContinuation(s[end]) {
		return false
	}
	r, size := utf8.DecodeLastRuneInString(s[:i])
	return r == utf8.RuneError && size == 1
}
