package normalize

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// The plausibility gate of the mojibake stage. A repair is made only when
// the repaired passage is clearly less strange than the original one, in
// the spirit of ftfy's "badness" heuristic: mojibake is made of character
// sequences that written text almost never holds (an accented capital
// before a currency sign, a C1 control, a symbol inside a word), while a
// wrong "repair" of correct text makes sequences of its own that written
// text never holds (an Armenian or Cyrillic letter inside a French word, a
// letter of no language's alphabet). strangeness scores both the same way,
// and gateRepairs compares them.
//
// The policy is data: the character classes (symbolClasses), the weights
// (strangeWeights), the alphabets of the Latin-script languages
// (latinAlphabets) and their common words (commonWords).

// A charClass is what a character is for the strangeness score.
type charClass uint8

const (
	ccOther    charClass = iota // ASCII punctuation, digits, marks, other symbols
	ccSpace                     // white space, including the no-break spaces
	ccLetter                    // a letter (see letterScript for its script)
	ccCommon                    // punctuation at home next to letters: ’ – — … · ´ and the soft hyphen
	ccQuote                     // quotation marks and guillemets: ‘ “ „ ‚ ” « » ‹ ›
	ccC1                        // a C1 control, U+0080–U+009F: never text
	ccBad                       // characters nearly always mojibake: ¦ ¤ ¨ ¬ ¯ ¸ ƒ ˆ ˇ ˘ ˛ ˜ † ‡ ‰ ◊
	ccCurrency                  // ¢ £ ¥ €
	ccSign                      // signs that stand after or before a word: © ® ™ ¡ ¿ § ¶ •
	ccNumeric                   // signs of numbers and units: ° ± ² ³ ¹ µ ¼ ½ ¾ × ÷ ª º and MacRoman's √ ∞ ≈ ≠ ≤ ≥ ∂ ∆ ∏ ∑ ∫ and the ohm sign
	ccBox                       // box drawing and block elements, U+2500–U+259F
)

// symbolClasses lists the non-letter characters of mojibake by class.
// Characters not listed take their class from their Unicode category.
var symbolClasses = []struct {
	class charClass
	chars string
}{
	{ccCommon, "’–—―…·´\u00ad"},
	{ccQuote, "‘“„‚”«»‹›"},
	{ccBad, "¦¤¨¬¯¸ƒˆˇ˘˙˚˛˜˝†‡‰◊"},
	{ccCurrency, "¢£¥€₧"},
	{ccSign, "©®™¡¿§¶•"},
	{ccNumeric, "°±²³¹µ¼½¾×÷ªº√∞≈≠≤≥∂∆∏∑∫\u2126"},
}

// strangeWeights are the penalties of strangeness, per occurrence.
var strangeWeights = struct {
	c1          int // a C1 control
	bad         int // a character of ccBad that is not a word of its own
	pair        int // an accented letter or a symbol glued to a following symbol ("Ã©", "â€", "€™"), or a mojibake lead before punctuation ("Ã´", "Ã“")
	leadPair    int // extra when the letter is a typical mojibake lead (mojibakeLeads)
	inWord      int // a symbol or a quotation mark between two letters ("r√©gime", "RÄ«ga")
	loneLead    int // a mojibake lead standing alone as a word ("Ã s", "Å veices")
	caseFlip    int // a lower-case letter before a non-ASCII capital inside a word ("rÃ", "РїСЂ")
	scriptMix   int // a change of script inside a word ("quՈ", "Tomᚠ")
	greekMix    int // a change between Latin and Greek inside a word, which science writes ("IL2Rγc")
	rareLetter  int // a letter of no living language's alphabet among the Latin ones ("Ǡ", "Ƞ")
	noAlphabet  int // a word whose accented letters no one language's alphabet holds together
	replacement int // a U+FFFD replacement character
	commonWord  int // a common word of a Latin-script language (a bonus: subtracted)
	typography  int // well-formed typography: an elided article, a guillemet with its no-break space (a bonus)
}{
	c1: 10, bad: 4, pair: 3, leadPair: 2, inWord: 3, loneLead: 2, caseFlip: 3,
	scriptMix: 6, greekMix: 1, rareLetter: 4, noAlphabet: 2, replacement: 1,
	commonWord: 2, typography: 2,
}

// Gate thresholds: a repair whose original is at least gateClear
// stranger than its result is made; one whose original is stranger by
// less is offered as a suggestion, or made when the same text holds a
// clear repair; the rest are dropped.
const gateClear = 3

// mojibakeLeads are the characters that start most two-character
// mojibake: the readings of the UTF-8 lead bytes C2, C3, CE, CF, D0, D1,
// C4 and C5 in Windows-1252, of C3 and C5 in Windows-1250, and of C3 in
// MacRoman.
const mojibakeLeads = "ÂÃÎÏÐÑÄÅĂĹ√"

// cp1252Letters are the letters of Windows-1252's bytes 0x80–0x9F: after
// a lead, they are a continuation byte ("Ãœ" is "Ü").
const cp1252Letters = "ŠšŽžŒœŸƒ"

// neverWords are the mojibake leads that are no word of any language
// when they stand alone: "Ã s" is "às" misread.
const neverWords = "ÂÃĂ"

var classOf = func() map[rune]charClass {
	m := map[rune]charClass{}
	for _, c := range symbolClasses {
		for _, r := range c.chars {
			m[r] = c.class
		}
	}
	return m
}()

// strangeClass returns the class of r.
func strangeClass(r rune) charClass {
	if r < utf8.RuneSelf {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v':
			return ccSpace
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			return ccLetter
		}
		return ccOther
	}
	if r >= 0x80 && r <= 0x9F {
		return ccC1
	}
	if c, ok := classOf[r]; ok {
		return c
	}
	if r >= 0x2500 && r <= 0x259F {
		return ccBox
	}
	if unicode.IsSpace(r) || r == 0x202F || r == 0x2007 {
		return ccSpace
	}
	if unicode.IsLetter(r) {
		return ccLetter
	}
	return ccOther
}

// A letterScriptID is a writing system for the script-mixing rule.
type letterScriptID uint8

const (
	scNone letterScriptID = iota // a modifier letter, at home in any script ("Hawaiʻi")
	scLatin
	scGreek
	scCyrillic
	scArmenian
	scHebrew
	scArabic
	scUnspaced // CJK, Thai, Lao, Khmer, Myanmar, Tibetan: written without spaces, next to Latin words
	scOther
)

// letterScript returns the script of letter r.
func letterScript(r rune) letterScriptID {
	switch {
	case r < 0x2B0, r >= 0x1E00 && r < 0x1F00, r >= 0x2C60 && r < 0x2C80, r >= 0xA720 && r < 0xA800, r >= 0xFF21 && r < 0xFF5B:
		return scLatin
	case r < 0x370:
		return scNone
	case r < 0x400, r >= 0x1F00 && r < 0x2000:
		return scGreek
	case r < 0x530:
		return scCyrillic
	case r < 0x590:
		return scArmenian
	case r < 0x600:
		return scHebrew
	case r < 0x700, r >= 0x750 && r < 0x780, r >= 0xFB50 && r < 0xFE00, r >= 0xFE70 && r < 0xFF00:
		return scArabic
	case r >= 0xE00 && r < 0x1000, r >= 0x1000 && r < 0x10A0, r >= 0x1780 && r < 0x1800,
		r >= 0x2E80 && r < 0xA000, r >= 0xAC00 && r < 0xD7B0, r >= 0xF900 && r < 0xFB00, r >= 0xFF66 && r < 0xFFE0, r >= 0x20000:
		return scUnspaced
	case unicode.Is(unicode.Lm, r):
		return scNone
	}
	return scOther
}

// mixWeight returns the penalty of a change from script a to script b
// inside a word.
func mixWeight(a, b letterScriptID) int {
	switch {
	case a == b, a == scNone, b == scNone, a == scUnspaced, b == scUnspaced:
		return 0
	case a == scLatin && b == scGreek, a == scGreek && b == scLatin:
		return strangeWeights.greekMix
	}
	return strangeWeights.scriptMix
}

// rareLatin reports whether r, a Latin letter, is in no living
// language's everyday alphabet: most of Latin Extended-B and the IPA
// letters. Romanian (ș ț), Pinyin (ǎ ǐ ǒ ǔ ǖ–ǜ), Vietnamese (ơ ư),
// Azerbaijani (ə), the Nordic and Sami letters (ǥ ǧ ǩ ŋ ʒ) and the
// African ones (ɓ ɗ ɛ ɔ ƙ ƴ) are not rare.
func rareLatin(r rune) bool {
	if r < 0x180 || r >= 0x2B0 {
		return false
	}
	return !strings.ContainsRune(latinExtBCommon, r)
}

// latinExtBCommon are the letters of U+0180–U+02AF that living languages
// write with.
const latinExtBCommon = "ƏəƆɔƐɛƓɓƊɗƘƙƳƴƝɲŊŋƎǝƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǤǥǦǧǨǩǪǫǮǯȘșȚțȷɑɡɣɪʃʊʋʒʔ"

// latinAlphabets are the accented letters (lower case) of the alphabets
// of Latin-script languages. A word whose accented letters are not all
// in one of them is a little strange ("Ãª" → no; "Tomáš" → Czech).
var latinAlphabets = map[string]string{
	"fr": "àâæçéèêëîïôœùûüÿ",
	"it": "àèéìíîòóùú",
	"es": "áéíñóúü",
	"pt": "áàâãçéêíóôõúü",
	"ca": "àçéèíïòóúü",
	"de": "äöüßé",
	"nl": "áéèëïóöüĳ",
	"da": "æøåé",
	"no": "æøåéèêóòô",
	"sv": "åäöé",
	"fi": "äöåšž",
	"is": "áðéíóúýþæö",
	"fo": "áðíóúýæø",
	"cs": "áčďéěíňóřšťúůýž",
	"sk": "áäčďéíĺľňóôŕšťúýž",
	"pl": "ąćęłńóśźż",
	"hu": "áéíóöőúüű",
	"ro": "ăâîșțşţ",
	"hr": "čćđšž",
	"sl": "čšž",
	"tr": "âçğıîöşüû",
	"az": "çəğıöşü",
	"lv": "āčēģīķļņšūž",
	"lt": "ąčęėįšųūž",
	"et": "äõöüšž",
	"eo": "ĉĝĥĵŝŭ",
	"cy": "âêîôûŵŷáéíóúàèìòùäëïöüÿ",
	"ga": "áéíóú",
	"mt": "àċèġħìòùż",
	"sq": "çë",
	"ku": "çêîşû",
	"mi": "āēīōū",
	"vi": "àáâãèéêìíòóôõùúýăđ",
}

// commonWords are frequent words with a letter outside ASCII in the
// Latin-script languages whose text the gate protects. Finding one makes
// a passage less strange.
var commonWords = map[string]string{
	"fr": "à déjà été où être très après ça français première réponse système même là voilà année élève déclaré général préféré",
	"it": "è perché più già così può città però cioè qualità là lì né sé",
	"es": "está más también qué él sí año niño según así después días información página",
	"pt": "não são às àquele àquela também é à você está já até só então informação função",
	"de": "für über können müssen größe während schön zurück würde später möglich natürlich",
	"cs": "že které být také není může než této přes při",
	"pl": "że się są być już może także który będzie więcej można",
	"tr": "için çok değil şey büyük göre olduğu şekilde içinde önce sürü",
}

var (
	// alphabetSets holds latinAlphabets as sets, one bit per language.
	alphabetSets = map[rune]uint64{}
	// allAlphabets has every bit of alphabetSets.
	allAlphabets uint64
	// commonWordSet holds commonWords.
	commonWordSet = map[string]bool{}
)

func init() {
	bit := uint64(1)
	for _, lang := range slices.Sorted(maps.Keys(latinAlphabets)) {
		for _, r := range latinAlphabets[lang] {
			alphabetSets[r] |= bit
		}
		allAlphabets |= bit
		bit <<= 1
	}
	for _, words := range commonWords {
		for _, w := range strings.Fields(words) {
			commonWordSet[w] = true
		}
	}
}

// elisionWords are the words a Romance language elides before a vowel
// with an apostrophe: "l’été", "qu’à", "dov’è", "un’altra".
var elisionWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("l d j m n s t c qu lorsqu puisqu jusqu quoiqu presqu quelqu un dell nell all dall sull coll dov com quell quest tutt anch po senz nessun bell sant grand gl") {
		elisionWords[w] = true
	}
}

// isAccentedLatin reports whether r is an accented Latin letter of
// Latin-1 or Latin Extended-A and -B: the letters two-byte mojibake is
// made of.
func isAccentedLatin(r rune) bool {
	return r >= 0xC0 && r < 0x250 && r != 0xD7 && r != 0xF7
}

// strangeness returns how unlike written text s looks: the sum of the
// penalties of strangeWeights, less the bonuses for common words and
// well-formed typography. Only the differences between two passages
// matter; correct text in any language scores 0 or less.
func strangeness(s string) int { return passageStrangeness(s, true, true) }

// passageStrangeness is strangeness of a passage cut from a longer text:
// atStart and atEnd tell whether its start and end are the text's. A
// word at a cut, whose neighbour is not known, is not judged as a lone
// lead (it is the same before and after a repair).
func passageStrangeness(s string, atStart, atEnd bool) int {
	w := &strangeWeights
	score := 0
	var (
		prev            rune               // the character before
		prevC, prev2C   = ccSpace, ccSpace // the classes of the two characters before
		inWord          bool               // inside a word: letters, marks, apostrophes and hyphens
		wordScript      letterScriptID     // the script of the word's last letter
		wordAlphabets   uint64             // the alphabets that hold all its accented letters
		wordAccented    int                // how many accented letters it has
		runStart        = -1               // the start of the current run of letters
		runNonASCII     bool               // it has a letter outside ASCII
		runUpper        bool               // it has a capital
		lastLetterLower bool
		// symbolsAfterLetter is set on symbols that follow a letter,
		// leadSymbol when one of them is a mojibake lead ("√").
		symbolsAfterLetter, leadSymbol bool
	)
	endRun := func(end int) {
		if runStart < 0 {
			return
		}
		// Every common word has a letter outside ASCII.
		if runNonASCII {
			word := s[runStart:end]
			if runUpper {
				word = strings.ToLower(word)
			}
			if commonWordSet[word] {
				score -= w.commonWord
			}
		}
		runStart, runNonASCII, runUpper = -1, false, false
	}
	endWord := func() {
		if inWord && wordAccented >= 2 && wordAlphabets == 0 {
			score += w.noAlphabet
		}
		inWord = false
	}
	for i, r := range s {
		c := strangeClass(r)
		switch {
		case c == ccC1:
			score += w.c1
		case c == ccBad && prevC != ccSpace:
			score += w.bad
		case r == utf8.RuneError:
			score += w.replacement
		}
		lead := strings.ContainsRune(mojibakeLeads, prev)
		switch {
		case c >= ccBad && (isAccentedLatin(prev) || prevC >= ccBad), c == ccQuote && prevC >= ccBad:
			// An accented letter or a symbol glued to a symbol: "Ã©",
			// "â€", "€™", "™«".
			score += w.pair
			if lead {
				score += w.leadPair
			}
		case lead && (c == ccQuote || c == ccCommon || r == 0xA0 || r == '?' || r == utf8.RuneError),
			(lead || prev == 'â') && strings.ContainsRune(cp1252Letters, r):
			// A lead before punctuation, a no-break space or a letter
			// of Windows-1252's C1 range: "Ã´", "Ã“", "Ã\u00a0", "Ãœ",
			// "âœ", "Ã?" and "Ă\ufffd" (a lost byte).
			score += w.pair + w.leadPair
		case (prev == 'œ' || prev == 'Œ') && !(c == ccLetter && r < utf8.RuneSelf):
			// The ligature comes before a plain letter: "œuvre".
			score += w.pair
		case c == ccBox && prevC == ccLetter, c == ccLetter && prevC == ccBox:
			// Box drawing is not glued to letters: "─îe┼ítina".
			score += w.pair
		}
		// Symbols or quotation marks between two letters: "r√©gime",
		// "g√¢teaux", "RÄ«ga".
		switch {
		case c == ccQuote || c >= ccBad:
			if prevC == ccLetter {
				symbolsAfterLetter, leadSymbol = true, false
			}
			if strings.ContainsRune(mojibakeLeads, r) {
				leadSymbol = true
			}
		case c == ccLetter && symbolsAfterLetter:
			score += w.inWord
			if leadSymbol {
				score += w.leadPair
			}
			symbolsAfterLetter = false
		default:
			symbolsAfterLetter = false
		}
		if c == ccLetter {
			sc := letterScript(r)
			if runStart < 0 {
				runStart = i
			}
			runNonASCII = runNonASCII || r >= utf8.RuneSelf
			runUpper = runUpper || unicode.IsUpper(r)
			if !inWord {
				inWord, wordScript = true, sc
				wordAlphabets, wordAccented = allAlphabets, 0
			} else {
				if sc != scNone && sc != wordScript {
					score += mixWeight(wordScript, sc)
				}
				if lastLetterLower && r >= utf8.RuneSelf && unicode.IsUpper(r) {
					score += w.caseFlip
				}
			}
			if sc != scNone {
				wordScript = sc
			}
			if sc == scLatin && rareLatin(r) {
				score += w.rareLetter
			}
			if r >= 0xC0 && r < 0x180 && r != 0xD7 && r != 0xF7 {
				wordAccented++
				lr := unicode.ToLower(r)
				if r == 'İ' {
					lr = 'ı'
				}
				wordAlphabets &= alphabetSets[lr]
			}
			lastLetterLower = unicode.IsLower(r)
		} else {
			endRun(i)
			if !(r == '’' || r == '\'' || r == '-' || r == '·' || unicode.Is(unicode.Mn, r)) {
				endWord()
			}
		}
		// Well-formed typography: an elided word before a letter, a
		// guillemet and its no-break space.
		switch {
		case c == ccLetter && (prev == '’' || prev == '\'') && prev2C == ccLetter:
			if elidedBefore(s, i-utf8.RuneLen(prev)) {
				score -= w.typography
			}
		case (r == 0xA0 || r == 0x202F) && (prev == '«' || prev == '»'):
			score -= w.typography
		case (prev == 0xA0 || prev == 0x202F) && (r == '»' || r == ':' || r == ';' || r == '!' || r == '?'):
			score -= w.typography
		}
		prev = r
		prev2C, prevC = prevC, c
	}
	endRun(len(s))
	endWord()
	return score + loneLeads(s, atStart, atEnd)
}

// loneLeads scores the mojibake leads that stand alone as words ("Ã s"
// for "às", "Å veices" for "Šveices"), unless they are listed: between
// single characters ("Â Ã Ä") or in a table column, with two spaces or
// more on each side.
func loneLeads(s string, atStart, atEnd bool) int {
	score := 0
	// Three tokens at a time: the one before, this one, the next.
	var before, this lint.Span
	haveBefore, haveThis := false, false
	judge := func(next lint.Span, haveNext bool) {
		tok := s[this.Start:this.End]
		r, n := utf8.DecodeRuneInString(tok)
		if n != len(tok) || !unicode.IsLetter(r) || !strings.ContainsRune(mojibakeLeads, r) {
			return
		}
		if !haveBefore && !atStart || !haveNext && !atEnd {
			return
		}
		single := func(sp lint.Span) bool { return utf8.RuneCountInString(s[sp.Start:sp.End]) == 1 }
		if haveBefore && haveNext && single(before) && single(next) {
			return
		}
		if haveBefore && haveNext && this.Start-before.End >= 2 && next.Start-this.End >= 2 {
			return
		}
		score += strangeWeights.loneLead
		if strings.ContainsRune(neverWords, r) {
			score += strangeWeights.pair
		}
	}
	for i := 0; i < len(s); {
		for i < len(s) && isGateSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			break
		}
		j := i
		for j < len(s) && !isGateSpace(s[j]) {
			j++
		}
		tok := lint.Span{Start: i, End: j}
		if haveThis {
			judge(tok, true)
		}
		before, haveBefore = this, haveThis
		this, haveThis = tok, true
		i = j
	}
	if haveThis {
		judge(lint.Span{}, false)
	}
	return score
}

// isGateSpace reports whether b is the white space that separates the
// words of a gate passage.
func isGateSpace(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '\r'
}

// elidedBefore reports whether the letters that end s[:i] are an elided
// word: "l", "qu", "dov", "un".
func elidedBefore(s string, i int) bool {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsLetter(r) {
			break
		}
		j -= n
		if i-j > 8 {
			return false
		}
	}
	return elisionWords[strings.ToLower(s[j:i])]
}

// gateGroups drops the accepted groups of one code page whose repair
// would make their passage clearly stranger, or that stand in a passage
// that is not strange at all, and returns the score
// (acceptGroups') of the groups left. Runs of adjacent accepted groups,
// which make one edit each, are judged together when their words touch,
// on a passage of those words and one more on each side. A repair that is a step of several (text encoded twice) may
// look a little stranger than its input: the repairs that survive all
// passes are judged again, from the original to the last result, by
// gateRepairs. Dropping the implausible ones here lets a
// code page that explains a text only by garbling it ("qu’à" read as
// MacRoman) lose to one that repairs it.
func gateGroups(cur string, gs []mgroup, score int) int {
	// The edits: runs gs[runs[i].lo:runs[i].hi] of adjacent accepted
	// groups.
	type run struct{ lo, hi int }
	var runs []run
	for j := 0; j < len(gs); {
		if !gs[j].accepted {
			j++
			continue
		}
		k := j + 1
		for k < len(gs) && gs[k].accepted && adjacent(cur, gs[k-1].end, gs[k].start) {
			k++
		}
		runs = append(runs, run{j, k})
		j = k
	}
	var b strings.Builder
	for i := 0; i < len(runs); {
		// The cluster runs[i:e] and its passage cur[from:to].
		last := wordEndAfter(cur, gs[runs[i].hi-1].end)
		e := i + 1
		for e < len(runs) && wordStartBefore(cur, gs[runs[e].lo].start) <= last {
			last = wordEndAfter(cur, gs[runs[e].hi-1].end)
			e++
		}
		from := passageStart(cur, gs[runs[i].lo].start)
		to := passageEnd(cur, gs[runs[e-1].hi-1].end)
		atStart, atEnd := from == 0, to == len(cur)
		before := passageStrangeness(cur[from:to], atStart, atEnd)
		b.Reset()
		pos := from
		for _, r := range runs[i:e] {
			b.WriteString(cur[pos:gs[r.lo].start])
			for _, g := range gs[r.lo:r.hi] {
				b.WriteRune(g.r)
			}
			pos = gs[r.hi-1].end
		}
		b.WriteString(cur[pos:to])
		if before <= 0 || passageStrangeness(b.String(), atStart, atEnd)-before >= gateClear {
			for _, r := range runs[i:e] {
				for j := r.lo; j < r.hi; j++ {
					gs[j].accepted = false
					if gs[j].n >= 3 {
						score -= 2
					} else {
						score--
					}
				}
			}
		}
		i = e
	}
	return max(score, 0)
}

// gateWindow bounds how far a gate passage reaches on each side of a
// repair, in bytes: to the white space around the word, at most this far.
const gateWindow = 48

// gateRepairs sorts the changed segments of a mojibake repair of src into
// the repairs to make and the ones to suggest: each group of repairs
// whose words touch is judged as a whole, by comparing the strangeness
// of its passage (those words and one more on each side) before and
// after. A repair
// that makes its passage less strange but not clearly so is suggested,
// unless the text holds a clear repair, which makes it one. Both
// results are copies of segs in which only the chosen segments are
// changed; suggestions is nil when there are none.
func gateRepairs(src string, segs []mseg) (fixes, suggestions []mseg) {
	fixes = make([]mseg, len(segs))
	copy(fixes, segs)
	clear := false // a clear repair was found
	for i := 0; i < len(segs); {
		if !segs[i].changed {
			i++
			continue
		}
		// The cluster segs[i:j], the changed segments whose words touch,
		// and its passage src[from:to].
		last := wordEndAfter(src, segs[i].orig.End)
		end := segs[i].orig.End
		j := i + 1
		for j < len(segs) {
			if segs[j].changed {
				if wordStartBefore(src, segs[j].orig.Start) > last {
					break
				}
				last = wordEndAfter(src, segs[j].orig.End)
				end = segs[j].orig.End
			}
			j++
		}
		from, to := passageStart(src, segs[i].orig.Start), passageEnd(src, end)
		var b strings.Builder
		pos := from
		for _, s := range segs[i:j] {
			if !s.changed {
				continue
			}
			b.WriteString(src[pos:s.orig.Start])
			b.WriteString(s.text)
			pos = s.orig.End
		}
		b.WriteString(src[pos:to])
		atStart, atEnd := from == 0, to == len(src)
		before := passageStrangeness(src[from:to], atStart, atEnd)
		gain := before - passageStrangeness(b.String(), atStart, atEnd)
		if before <= 0 {
			// Nothing strange to repair.
			gain = 0
		}
		if gain >= gateClear {
			clear = true
		} else {
			for k := i; k < j; k++ {
				fixes[k].changed = false
			}
			if gain > 0 {
				if suggestions == nil {
					suggestions = make([]mseg, len(segs))
					for k := range segs {
						suggestions[k] = segs[k]
						suggestions[k].changed = false
					}
				}
				for k := i; k < j; k++ {
					suggestions[k].changed = segs[k].changed
				}
			}
		}
		i = j
	}
	if clear && suggestions != nil {
		// Text that holds clear mojibake is mojibake where a repair is
		// plausible: the suggestions are made.
		for k := range suggestions {
			if suggestions[k].changed {
				fixes[k].changed = true
			}
		}
		suggestions = nil
	}
	return fixes, suggestions
}

// passageStart returns where the passage around offset i of s starts:
// at the word before the one that holds i (the words are separated by
// white space; each is taken at most gateWindow bytes long).
func passageStart(s string, i int) int {
	j := wordStartBefore(s, i)
	k := j
	for k > 0 && isGateSpace(s[k-1]) && j-k < gateWindow {
		k--
	}
	if k == j || k == 0 {
		return k
	}
	return wordStartBefore(s, k)
}

// wordStartBefore returns the start of the word that ends at offset i,
// at most gateWindow bytes back.
func wordStartBefore(s string, i int) int {
	j := i
	for j > 0 && i-j < gateWindow && !isGateSpace(s[j-1]) {
		_, n := utf8.DecodeLastRuneInString(s[:j])
		j -= n
	}
	return j
}

// passageEnd returns where the passage around offset i of s ends: after
// the word that follows the one that holds i.
func passageEnd(s string, i int) int {
	j := wordEndAfter(s, i)
	k := j
	for k < len(s) && isGateSpace(s[k]) && k-j < gateWindow {
		k++
	}
	if k == j || k == len(s) {
		return k
	}
	return wordEndAfter(s, k)
}

// wordEndAfter returns the end of the word that starts at offset i, at
// most gateWindow bytes on.
func wordEndAfter(s string, i int) int {
	j := i
	for j < len(s) && j-i < gateWindow && !isGateSpace(s[j]) {
		_, n := utf8.DecodeRuneInString(s[j:])
		j += n
	}
	return j
}
