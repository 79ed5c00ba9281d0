package normalize

import (
	"github.com/copydesk/copydesk/pipeline/charclass"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// mojibakeStage repairs text that was encoded as UTF-8 and decoded as a
// single-byte code page (Windows-1252, Latin-1, Windows-1250, ISO-8859-2,
// Windows-1251, Windows-1257, MacRoman, CP437), once or several times,
// and C1 control characters that stand for Windows-1252 punctuation.
//
// It repairs only what it is confident about. A candidate is a group of
// characters that re-encode in the code page to one valid UTF-8 sequence
// ("Ã©" → C3 A9 → "é"). A group is taken as mojibake when the evidence is
// strong: a three- or four-byte sequence ("â€œ"), a continuation that is a
// C1 control, a run of adjacent groups, or a single group inside a word
// whose result is a plausible letter ("rÃ©gime"). Groups that read as
// ordinary text — an apostrophe after a capital ("Ã’s"), a capital before
// an ellipsis ("SÓ…"), a registered sign ("NESTLÉ®") — are left alone.
// One code page is chosen for the whole text (the one that explains most),
// and the repair is repeated on its result for text encoded twice or
// three times.
//
// A plausibility gate (badness.go) has the last word: a repair is made
// only when the words around it are clearly less strange after it than
// before, so that correct typography next to accented letters ("qu’à",
// "« déjà »", "Tomáš" and a no-break space), which reads as MacRoman or
// Windows-1252 byte pairs, is never "repaired". A repair that is
// plausible but not clear is a suggestion (lint.Finding.Suggest).
type mojibakeStage struct{}

// QuietOnASCII marks the stage as one that finds nothing in plain ASCII
// text (lint.ASCIIQuiet).
func (mojibakeStage) QuietOnASCII() {}

func (mojibakeStage) Name() string { return "mojibake" }

func (mojibakeStage) Rules() []lint.Rule { return rulesCopy(mojibakeRules) }

// RuleMojibake is the rule id of the mojibake stage.
const RuleMojibake = "encoding.mojibake"

var mojibakeRules = []lint.Rule{
	{ID: RuleMojibake, Severity: lint.Warning, Fixes: true,
		Doc: `UTF-8 text misread as Windows-1252, Latin-1 or another single-byte code page ("â€œ", "Ã©"), or a C1 control standing for Windows-1252 punctuation: re-decoded`},
}

// maxMojibakePasses bounds the repair of text encoded several times.
const maxMojibakePasses = 8

// howC1 marks a segment changed by the C1 control rule; bit k marks
// codePages[k].
const howC1 = 1 << 15

// howGuess marks a repair that guesses a lost byte: "Ã" before a space
// is "à" when the lost byte was a no-break space (French "voilÃ le"),
// but "í" when it was a soft hyphen (Spanish "asÃ que"). A text where
// "Ã" also stands before a letter ("tendrÃa", "lÃmite") has lost bytes
// that were no no-break spaces, so there the repair is a suggestion,
// never a fix.
const howGuess = 1 << 14

func (mojibakeStage) Check(text string) []lint.Finding {
	if !hasMojibakeLead(text) {
		return nil
	}
	src := text
	var view *textView
	if needsView(text, false) {
		// Repair the text as later stages will see it, so that they do
		// not bring mojibake together ("Ã", U+200B, "©").
		view = newTextView(text, false)
		src = view.text
	}
	segs, cur := fixedPoint(src, maxMojibakePasses, mojibakePass)
	if len(segs) == 0 {
		return nil
	}
	if hopeless(cur, segs) {
		return nil
	}
	fixes, suggestions := gateRepairs(src, segs)
	suggestions = keepGuesses(segs, fixes, suggestions)
	fs := segmentFindings(src, fixes, view, RuleMojibake, lint.Warning, func(before string, s mseg) string {
		return mojibakeMessage(before, s.text, s.how)
	})
	if suggestions == nil {
		return fs
	}
	sg := segmentFindings(src, suggestions, view, RuleMojibake, lint.Warning, func(before string, s mseg) string {
		return "possible " + mojibakeMessage(before, s.text, s.how)
	})
	for k := range sg {
		sg[k].Suggest = true
	}
	return mergeFindings(fs, sg)
}

// keepGuesses moves the repairs that guess a lost byte (howGuess) from
// fixes to suggestions, and returns the suggestions.
func keepGuesses(segs, fixes, suggestions []mseg) []mseg {
	for k := range fixes {
		if !fixes[k].changed || fixes[k].how&howGuess == 0 {
			continue
		}
		if suggestions == nil {
			suggestions = make([]mseg, len(segs))
			copy(suggestions, segs)
			for j := range suggestions {
				suggestions[j].changed = false
			}
		}
		fixes[k].changed = false
		suggestions[k].changed = true
	}
	return suggestions
}

// mergeFindings merges two lists of findings sorted by position into
// one, leaving out a finding that would overlap the one before.
func mergeFindings(a, b []lint.Finding) []lint.Finding {
	out := make([]lint.Finding, 0, len(a)+len(b))
	last := 0
	for len(a) > 0 || len(b) > 0 {
		var f lint.Finding
		if len(b) == 0 || len(a) > 0 && a[0].Start <= b[0].Start {
			f, a = a[0], a[1:]
		} else {
			f, b = b[0], b[1:]
		}
		if f.Start < last {
			continue
		}
		last = f.End
		out = append(out, f)
	}
	return out
}

// hopeless reports whether the repaired text still looks like mojibake
// as much as it was repaired: pairs of a Latin-1 lead and continuation
// character left over. Such a garble is left as it is.
func hopeless(cur string, segs []mseg) bool {
	repaired := 0
	for _, s := range segs {
		if s.changed {
			repaired++
		}
	}
	left := 0
	var prev rune
	for _, r := range cur {
		// Only Latin-1 characters, which no later stage changes.
		if prev >= 0xC2 && prev <= 0xF4 && r >= 0xA1 && r <= 0xBF && r != 0xAB && r != 0xBB && r != 0xAD {
			left++
		}
		prev = r
	}
	return left >= 3 && 2*left >= repaired
}

// hasMojibakeLead reports whether text holds a character that could start
// a repair: anything outside ASCII. The scan is the whole cost of the
// stage on ASCII text.
func hasMojibakeLead(text string) bool {
	for i := skipASCII(text, 0); i < len(text); i = skipASCII(text, i+1) {
		if text[i] >= 0xC2 {
			return true
		}
	}
	return false
}

// mojibakeMessage describes one repair.
func mojibakeMessage(before, after string, how uint16) string {
	var names []string
	for k, cp := range codePages {
		if how&(1<<k) != 0 {
			names = append(names, cp.name)
		}
	}
	if len(names) == 0 && how&howC1 != 0 {
		r, _ := utf8.DecodeRuneInString(before)
		return "C1 control " + codePoint(r) + " → " + strconv.Quote(after) + " (a Windows-1252 byte read as Latin-1)"
	}
	return "mojibake " + strconv.Quote(before) + " → " + strconv.Quote(after) + " (UTF-8 read as " + strings.Join(names, " and ") + ")"
}

// An mgroup is a run of characters that re-encode, in a code page, to one
// UTF-8 sequence (or to a CESU-8 surrogate pair).
type mgroup struct {
	start, end int
	r          rune // the decoded character; U+FFFD if lossy
	n          int  // bytes of the UTF-8 sequence
	leadByte   byte
	lead, cont rune // the first and the last character
	lossy      bool // a U+FFFD stood for a lost continuation byte
	verdict    verdict
	accepted   bool
}

// decodeAt decodes the rune at text[i:], or (0, 0) at the end.
func decodeAt(text string, i int) (rune, int) {
	if i >= len(text) {
		return 0, 0
	}
	return runeAt(text, i)
}

// adjacent reports whether cur[end:start] holds nothing but C1 controls
// that the invisible stage removes.
func adjacent(cur string, end, start int) bool {
	for i := end; i < start; i += 2 {
		if r, _ := runeAt(cur, i); !removedC1(r) {
			return false
		}
	}
	return true
}

// removedC1 reports whether r is a C1 control that is no Windows-1252
// character: unless part of a repair, the invisible stage removes it.
func removedC1(r rune) bool {
	return r >= 0x80 && r <= 0x9F && !charclass.WindowsC1(r)
}

// nextAfter returns the character at offset i, skipping the C1 controls
// the invisible stage removes.
func nextAfter(text string, i int) rune {
	for n := 0; i < len(text) && n < 32; n++ {
		r, size := runeAt(text, i)
		if !removedC1(r) {
			return r
		}
		i += size
	}
	return 0
}

// baseBefore returns the character before offset i, skipping combining
// marks (which NFC may compose with it) and the C1 controls the invisible
// stage removes, and its offset.
func baseBefore(text string, i int) (rune, int) {
	for n := 0; i > 0 && n < 32; n++ {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		i -= size
		if !unicode.Is(unicode.Mn, r) && !removedC1(r) {
			return r, i
		}
	}
	return 0, 0
}

// isLetterBase reports whether the character before offset i, skipping
// combining marks, is a letter.
func isLetterBase(text string, i int) bool {
	r, _ := baseBefore(text, i)
	return unicode.IsLetter(r)
}

// prevRune returns the rune before offset i, or 0 at the start.
func prevRune(text string, i int) rune {
	if i <= 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r
}

// seqLen returns the length of the UTF-8 sequence that lead byte b starts.
func seqLen(b byte) int {
	switch {
	case b >= 0xC2 && b <= 0xDF:
		return 2
	case b >= 0xE0 && b <= 0xEF:
		return 3
	case b >= 0xF0 && b <= 0xF4:
		return 4
	}
	return 0
}

// isReplacementAt reports whether text[i:] starts with an encoded U+FFFD
// (not an invalid byte).
func isReplacementAt(text string, i int) bool {
	return strings.HasPrefix(text[i:], "\uFFFD")
}

// match tries to read a group of cp starting at text[i].
func (cp *codePage) match(text string, i int) (mgroup, bool) {
	r0, s0 := runeAt(text, i)
	b0, ok := cp.encode(r0)
	if !ok {
		return mgroup{}, false
	}
	n := seqLen(b0)
	if n == 0 {
		return mgroup{}, false
	}
	var buf [4]byte
	buf[0] = b0
	g := mgroup{start: i, n: n, leadByte: b0, lead: r0}
	j := i + s0
	wild := 0
	for k := 1; k < n; k++ {
		r, s := decodeAt(text, j)
		for removedC1(r) {
			if _, ok := cp.encode(r); ok {
				break
			}
			// Not in this code page: the invisible stage removes it.
			j += s
			r, s = decodeAt(text, j)
		}
		if s == 0 {
			return mgroup{}, false
		}
		switch {
		case r == utf8.RuneError && s == 3 && isReplacementAt(text, j):
			g.lossy = true
			wild++
			buf[k] = 0x80
		default:
			b, ok := cp.encode(r)
			if !ok || b < 0x80 || b > 0xBF {
				return mgroup{}, false
			}
			buf[k] = b
		}
		g.cont = r
		j += s
	}
	g.end = j
	if g.lossy {
		if wild == n-1 && n > 2 {
			return mgroup{}, false
		}
		// Some continuation bytes must be able to complete the sequence.
		for _, fill := range [...]byte{0x80, 0x90, 0xA0} {
			t := buf
			for k := 1; k < n; k++ {
				if t[k] == 0x80 {
					t[k] = fill
				}
			}
			if r, size := utf8.DecodeRune(t[:n]); r != utf8.RuneError && size == n {
				g.r = utf8.RuneError
				return g, true
			}
		}
		return mgroup{}, false
	}
	r, size := utf8.DecodeRune(buf[:n])
	if size != n {
		if n == 3 && b0 == 0xED && buf[1] >= 0xA0 && buf[1] <= 0xAF {
			return cp.matchCESU(text, g, buf)
		}
		return mgroup{}, false
	}
	g.r = r
	return g, true
}

// matchCESU completes a group whose bytes are a high surrogate in CESU-8
// with the low surrogate that must follow it.
func (cp *codePage) matchCESU(text string, g mgroup, hiBytes [4]byte) (mgroup, bool) {
	lo, ok := cp.matchSurrogate(text, g.end)
	if !ok {
		return mgroup{}, false
	}
	hs := rune(hiBytes[0]&0x0F)<<12 | rune(hiBytes[1]&0x3F)<<6 | rune(hiBytes[2]&0x3F)
	r := utf16.DecodeRune(hs, lo.r)
	if r == utf8.RuneError {
		return mgroup{}, false
	}
	g.r, g.end, g.n, g.cont = r, lo.end, 6, lo.cont
	return g, true
}

// matchSurrogate reads a CESU-8 low surrogate at text[i:].
func (cp *codePage) matchSurrogate(text string, i int) (mgroup, bool) {
	var buf [3]byte
	j := i
	var last rune
	for k := 0; k < 3; k++ {
		r, s := decodeAt(text, j)
		if s == 0 {
			return mgroup{}, false
		}
		b, ok := cp.encode(r)
		if !ok {
			return mgroup{}, false
		}
		buf[k] = b
		last = r
		j += s
	}
	if buf[0] != 0xED || buf[1] < 0xB0 || buf[1] > 0xBF || buf[2] < 0x80 || buf[2] > 0xBF {
		return mgroup{}, false
	}
	ls := rune(buf[0]&0x0F)<<12 | rune(buf[1]&0x3F)<<6 | rune(buf[2]&0x3F)
	return mgroup{end: j, r: ls, cont: last}, true
}

// mojibakePass finds the repairs of one pass over cur. changed lists the
// ranges of cur that earlier passes produced (nil on the first pass).
func mojibakePass(cur string, changed []lint.Span) []medit {
	var (
		groups   [8][]mgroup
		nextFree [8]int
		any      bool
	)
	for i := 0; i < len(cur); {
		c := cur[i]
		if c < 0xC2 {
			i = skipASCII(cur, i+1)
			continue
		}
		// Characters no code page encodes are skipped undecoded:
		// U+0500–U+07FF (0xD4–0xDF), U+0800–U+1FFF (0xE0, 0xE1),
		// U+3000–U+EFFF (0xE3–0xEE) and four-byte sequences.
		switch {
		case c >= 0xD4 && c <= 0xDF:
			i += 2
			continue
		case c == 0xE0 || c == 0xE1 || c >= 0xE3 && c <= 0xEE:
			i += 3
			continue
		case c >= 0xF0:
			i += 4
			continue
		}
		r, s := runeAt(cur, i)
		m := maskOf(r) >> leadShift & 0xFF
		if m != 0 && i+s < len(cur) {
			nr, _ := runeAt(cur, i+s)
			nm := maskOf(nr)>>contShift&0xFF | wildMask(cur, i+s, nr)
			if removedC1(nr) {
				nm |= maskOf(nextAfter(cur, i+s)) >> contShift & 0xFF
			}
			m &= nm
			for k := 0; m != 0; k++ {
				if m&1 != 0 && i >= nextFree[k] {
					if g, ok := codePages[k].match(cur, i); ok {
						groups[k] = append(groups[k], g)
						nextFree[k] = g.end
						any = true
					}
				}
				m >>= 1
			}
		}
		i += s
	}
	var edits []medit
	best, bestScore := -1, 0
	if any {
		strong := hasStandalonePunct(cur, groups[0])
		for k, cp := range codePages {
			gs := groups[k]
			if len(gs) == 0 {
				continue
			}
			score := acceptGroups(cur, cp, gs, changed, strong)
			if score > 0 {
				score = gateGroups(cur, gs, score)
			}
			if !cp.primary && score < 2 && !(score == 1 && singleC3(cur, gs)) {
				continue
			}
			if score > bestScore {
				best, bestScore = k, score
			}
		}
	}
	var how uint16
	var cp *codePage
	var gs []mgroup
	if best >= 0 {
		cp, gs, how = codePages[best], groups[best], 1<<best
		for j := 0; j < len(gs); {
			if !gs[j].accepted {
				j++
				continue
			}
			// Adjacent accepted groups make one edit.
			e := medit{start: gs[j].start, end: gs[j].end, how: how}
			var b strings.Builder
			b.WriteRune(gs[j].r)
			for j++; j < len(gs) && gs[j].accepted && adjacent(cur, e.end, gs[j].start); j++ {
				b.WriteRune(gs[j].r)
				e.end = gs[j].end
			}
			e.new = b.String()
			edits = append(edits, e)
		}
	}
	edits = append(edits, spaceAfterC3(cur, cp, gs, how, bestScore > 0)...)
	if bestScore > 0 {
		edits = append(edits, spaceAfterCapital(cur, cp, how)...)
	}
	edits = append(edits, loneC1(cur, gs)...)
	if len(edits) > 1 {
		sort.SliceStable(edits, func(a, b int) bool { return edits[a].start < edits[b].start })
		// The rules may claim the same characters: the first one wins.
		out := edits[:1]
		for _, e := range edits[1:] {
			if e.start >= out[len(out)-1].end {
				out = append(out, e)
			}
		}
		edits = out
	}
	return edits
}

// wildMask returns a cont mask of every code page if the rune at cur[i]
// can stand for a lost or converted continuation byte.
func wildMask(cur string, i int, r rune) cpMask {
	if r == utf8.RuneError && isReplacementAt(cur, i) || r == ' ' {
		return 0xFF
	}
	return 0
}

// singleC3 reports whether the only accepted group of a secondary code
// page starts with the code page's 0xC3 byte inside a word ("wei√ü").
func singleC3(cur string, gs []mgroup) bool {
	for _, g := range gs {
		if g.accepted {
			return g.leadByte == 0xC3 && g.n == 2 && isLetterBase(cur, g.start)
		}
	}
	return false
}

// hasStandalonePunct reports whether text holds typographic punctuation
// that is correctly encoded (outside any Windows-1252 group): text that
// gets its dashes and quotes right is unlikely to hold a lone Latin-1
// misreading.
func hasStandalonePunct(text string, gs []mgroup) bool {
	k := 0
	for i := 0; i < len(text); {
		if text[i] != 0xE2 {
			i++
			continue
		}
		r, s := runeAt(text, i)
		switch r {
		case '–', '—', '•', '€', '™': // not what later stages change
			for k < len(gs) && gs[k].end <= i {
				k++
			}
			if k >= len(gs) || gs[k].start > i {
				return true
			}
		}
		i += s
	}
	return false
}

// acceptGroups marks the groups of cp that are mojibake and returns the
// score: 2 for a sequence of three or four bytes, 1 for two.
func acceptGroups(cur string, cp *codePage, gs []mgroup, changed []lint.Span, strong bool) int {
	score, weaks := 0, 0
	for j := 0; j < len(gs); {
		// The run of adjacent groups gs[j:e].
		e := j + 1
		for e < len(gs) && adjacent(cur, gs[e-1].end, gs[e].start) {
			e++
		}
		run := gs[j:e]
		if len(run) >= 2 && runIsMojibake(run) {
			for k := range run {
				run[k].accepted = true
			}
		} else {
			for k := range run {
				g := &run[k]
				g.verdict = acceptSingle(cur, cp, g, strong)
				if inChanged(changed, g.start, g.end) && g.r != utf8.RuneError {
					g.verdict = accept
				}
				g.accepted = g.verdict == accept
				if g.verdict == weak {
					weaks++
				}
			}
		}
		for _, g := range run {
			if g.accepted {
				if g.n >= 3 {
					score += 2
				} else {
					score++
				}
			}
		}
		j = e
	}
	if score == 0 && !cp.primary {
		// Two or more repairs of the 0xC3 lead ("LiĂ¨ge", "HĂ´pital")
		// support each other.
		c3 := 0
		for _, g := range gs {
			if g.verdict == weak && g.leadByte == 0xC3 {
				c3++
			}
		}
		if c3 >= 2 {
			for k := range gs {
				if gs[k].verdict == weak && gs[k].leadByte == 0xC3 {
					gs[k].accepted = true
					score++
				}
			}
			weaks -= c3
		}
	}
	if score > 0 && weaks > 0 {
		for k := range gs {
			if gs[k].verdict == weak {
				gs[k].accepted = true
				score++
			}
		}
	}
	return score
}

// inChanged reports whether [start, end) lies inside one changed range.
func inChanged(changed []lint.Span, start, end int) bool {
	k := sort.Search(len(changed), func(k int) bool { return changed[k].End > start })
	return k < len(changed) && changed[k].Start <= start && end <= changed[k].End
}

// runIsMojibake reports whether a run of two or more adjacent groups is
// mojibake: every decoded character is plausible and one is strong
// evidence.
func runIsMojibake(run []mgroup) bool {
	strong := false
	for _, g := range run {
		switch {
		case g.r == utf8.RuneError:
		case g.r >= 0x80 && g.r <= 0x9F:
		case !unicode.IsGraphic(g.r) && !unicode.Is(unicode.Cf, g.r):
			return false
		}
		if g.n >= 3 || letterish(g.r) || isC1(g.cont) {
			strong = true
		}
	}
	return strong
}

func isC1(r rune) bool { return r >= 0x80 && r <= 0x9F }

// letterish reports whether r, decoded from two bytes, is a letter of a
// script that people write in: Latin (not IPA), Greek, Cyrillic,
// Armenian, Hebrew, Arabic and the other scripts of U+0590–U+07FF.
func letterish(r rune) bool {
	switch {
	case r == 0x17F, r == 0xD7, r == 0xF7: // long s, ×, ÷
		return false
	case r >= 0xC0 && r < 0x250, r >= 0x370 && r < 0x530 && r != 0x3F6, r >= 0x531 && r < 0x800:
		return unicode.IsLetter(r)
	}
	return false
}

// cjkLike reports whether r is in a range where mojibake comes in runs:
// a lone decoded CJK or Hangul character is more likely a coincidence.
func cjkLike(r rune) bool {
	return r >= 0x2E80 && r < 0xD800 || r >= 0xF900 && r < 0xFB00 || r >= 0x1D00 && r < 0x1E00
}

// A verdict is the decision on one group.
type verdict uint8

const (
	reject verdict = iota
	weak           // mojibake only if the text holds other, surer mojibake
	accept
)

// acceptSingle decides on a group that is not part of a run.
func acceptSingle(cur string, cp *codePage, g *mgroup, strong bool) verdict {
	prev, at := baseBefore(cur, g.start)
	next := nextAfter(cur, g.end)
	r := g.r
	if g.n >= 3 {
		if g.lossy {
			if g.n == 3 && g.leadByte == 0xE2 {
				return accept
			}
			return reject
		}
		if !unicode.IsGraphic(r) && !unicode.Is(unicode.Cf, r) || cjkLike(r) {
			return reject
		}
		return accept
	}
	if g.lossy {
		if unicode.IsLetter(g.lead) && (unicode.IsLetter(prev) || unicode.IsLetter(next)) {
			return accept
		}
		return reject
	}
	if isC1(g.cont) {
		// A C1 control is never text. Even a C1 control decoded from
		// "Â" and one is a repair: the invisible stage removes it.
		return accept
	}
	if g.leadByte == 0xC2 {
		// "Â£", "Â©", "Â°": a Latin-1 sign after a stray Â.
		switch {
		case r < 0xA0:
			return reject
		case cp.primary && !strong:
			return accept
		}
		return weak
	}
	if r >= 0x300 && r < 0x370 {
		// A combining mark ("$Ì¶6"): after a character.
		if prev != 0 && !unicode.IsSpace(prev) && cp.primary {
			return accept
		}
		return reject
	}
	if !letterish(r) {
		return reject
	}
	switch g.cont {
	case '’':
		return reject
	case 0xA0:
		if cp.primary && g.leadByte == 0xC3 {
			return accept
		}
		if unicode.IsUpper(r) && !unicode.IsLetter(prev) && unicode.IsLower(next) {
			// "Å\u00a0veices": as spaceAfterCapital.
			return weak
		}
		return reject
	}
	// The 0xC3 lead: "Ã" in Windows-1252, "√" in MacRoman.
	c3 := g.leadByte == 0xC3 && (cp.primary || !unicode.IsLetter(g.lead))
	if !unicode.IsLetter(prev) && !unicode.IsLetter(next) {
		if !(c3 && (r == 'à' || r == 'À')) {
			return reject
		}
	}
	if unicode.IsLower(r) {
		if unicode.IsUpper(next) {
			return reject
		}
		if prev2, _ := baseBefore(cur, at); unicode.IsUpper(prev) && unicode.IsUpper(prev2) {
			return reject
		}
	}
	v := accept
	contByte, _ := cp.encode(g.cont)
	switch {
	case unicode.IsLetter(g.cont):
		if !cp.primary && unicode.IsLetter(g.lead) {
			v = weak
		}
	case contByte < 0xA0 && !unicode.IsLetter(next):
		// Punctuation after a letter: "SÓ…", "AHÅ™".
		if !c3 {
			return reject
		}
	}
	if strong && !unicode.IsLetter(g.cont) {
		v = weak
	}
	if !cp.primary && g.leadByte == 0xC3 && !c3 {
		v = weak
	}
	return v
}

// spaceAfterC3 repairs the code page's 0xC3 character followed by a
// space that was a no-break space: "voilÃ le" → "voilà le". It needs a
// lower-case letter before it, or other repairs in the same text.
func spaceAfterC3(cur string, cp *codePage, gs []mgroup, how uint16, others bool) []medit {
	if cp == nil {
		cp, how = cpWindows1252, 1
	}
	c3 := cp.c3Space[:len(cp.c3Space)-1]
	guess := uint16(0)
	if lostBeforeLetter(cur, c3) {
		guess = howGuess
	}
	var edits []medit
	k := 0
	for off := 0; ; {
		i := strings.Index(cur[off:], cp.c3Space)
		if i < 0 {
			break
		}
		i += off
		off = i + len(c3)
		for k < len(gs) && gs[k].end <= i {
			k++
		}
		if k < len(gs) && gs[k].start <= i && gs[k].accepted {
			continue
		}
		prev, _ := baseBefore(cur, i)
		if !unicode.IsLower(prev) && !(others && !unicode.IsLetter(prev)) {
			continue
		}
		after := cur[i+len(c3)+1:]
		switch {
		case others && strings.HasPrefix(after, "s ") && !unicode.IsLetter(prev):
			edits = append(edits, medit{start: i, end: i + len(c3) + 2, new: "às", how: how | guess})
		case others && strings.HasPrefix(after, "quel") && !unicode.IsLetter(prev):
			edits = append(edits, medit{start: i, end: i + len(c3) + 1, new: "à", how: how | guess})
		case strings.HasPrefix(after, " "):
			// "voilÃ  le": the first space was the no-break space.
			edits = append(edits, medit{start: i, end: i + len(c3) + 1, new: "à", how: how | guess})
		default:
			// The lost byte may have been a no-break space ("à") or
			// another one ("í" from a soft hyphen): a guess.
			edits = append(edits, medit{start: i, end: i + len(c3), new: "à", how: how | guess})
		}
	}
	return edits
}

// lostBeforeLetter reports whether c3 (the code page's 0xC3 character)
// stands right before an ASCII lower-case letter somewhere in s: a lead
// byte whose continuation byte was lost inside a word.
func lostBeforeLetter(s, c3 string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], c3)
		if i < 0 {
			return false
		}
		off += i + len(c3)
		if off < len(s) && s[off] >= 'a' && s[off] <= 'z' {
			return true
		}
	}
}

// spaceAfterCapital repairs a capital whose second byte, a no-break
// space, became a space: "Å veices" → "Šveices" (Windows-1257). It needs
// other repairs in the text, a word start before and a lower-case letter
// after.
func spaceAfterCapital(cur string, cp *codePage, how uint16) []medit {
	var edits []medit
	for i := 0; i < len(cur); {
		r, s := runeAt(cur, i)
		if r < 0xA0 || i+s+1 >= len(cur) || cur[i+s] != ' ' {
			i += s
			continue
		}
		b, ok := cp.encode(r)
		if !ok || b < 0xC2 || b > 0xDF || b == 0xC3 || isLetterBase(cur, i) {
			i += s
			continue
		}
		next, _ := runeAt(cur, i+s+1)
		d, _ := utf8.DecodeRune([]byte{b, 0xA0})
		if unicode.IsLower(next) && unicode.IsUpper(d) && letterish(d) {
			edits = append(edits, medit{start: i, end: i + s + 1, new: string(d), how: how})
		}
		i += s
	}
	return edits
}

// loneC1 turns C1 controls outside the repaired groups into the
// Windows-1252 characters of the same bytes ("\x93" → "“"). A U+0085
// (NEL) is taken for an ellipsis only after a character and not before a
// letter or digit: elsewhere it is a line break.
func loneC1(cur string, gs []mgroup) []medit {
	var edits []medit
	k := 0
	for i := 0; i+1 < len(cur); i++ {
		if cur[i] != 0xC2 || cur[i+1] < 0x80 || cur[i+1] > 0x9F {
			continue
		}
		for k < len(gs) && gs[k].end <= i {
			k++
		}
		if k < len(gs) && gs[k].start <= i && gs[k].accepted {
			continue
		}
		b := cur[i+1]
		r := cpWindows1252.dec[b]
		if r == rune(b) {
			continue
		}
		if b == 0x85 {
			prev := prevRune(cur, i)
			next, _ := decodeAt(cur, i+2)
			if prev == 0 || unicode.IsSpace(prev) || unicode.IsLetter(next) || unicode.IsDigit(next) {
				continue
			}
		}
		edits = append(edits, medit{start: i, end: i + 2, new: string(r), how: howC1})
	}
	return edits
}
