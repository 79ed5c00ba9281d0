package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// Rule ids of the typographic quote stage, which runs only with
// QuotesTypographic.
const (
	// RuleTypographic is a straight quote or apostrophe that becomes a
	// typographic one: "don't" → "don’t", `"Hi"` → “Hi”.
	RuleTypographic = "quotes.typographic"
	// RuleQuoteLanguage is a curly quote that is wrong for the language:
	// “Hallo” in German → „Hallo“.
	RuleQuoteLanguage = "quotes.language"
	// RuleUnbalanced is a quotation that is not closed by the end of its
	// paragraph, or a closing quote without an opening one.
	RuleUnbalanced = "quotes.unbalanced"
	// RuleFrenchSpace is a missing or wrong space inside « » or before
	// ; : ! ? in French: it becomes U+202F NARROW NO-BREAK SPACE.
	RuleFrenchSpace = "space.french"
)

var typographicRules = []lint.Rule{
	{ID: RuleTypographic, Severity: lint.Info, Fixes: true,
		Doc: `straight quote or apostrophe: replaced by the typographic one for the language (typographic quote style)`},
	{ID: RuleQuoteLanguage, Severity: lint.Warning, Fixes: true,
		Doc: `curly quote of another language's style (“…” in German, „…“ in English): replaced (typographic quote style)`},
	{ID: RuleUnbalanced, Severity: lint.Warning, Fixes: false,
		Doc: `double quotation still open at the end of its paragraph, or closing quote without an opening one (typographic quote style)`},
	{ID: RuleFrenchSpace, Severity: lint.Info, Fixes: true,
		Doc: `French: space inside « » and before ; : ! ? made a narrow no-break space U+202F (typographic quote style, --lang fr)`},
}

// A quoteLang is the house style of one language.
type quoteLang struct {
	name                   string // "English", for messages
	dOpen, dClose          string // primary double quotes
	nOpen, nClose          string // double quotes nested in the primary ones
	sOpen, sClose          string // single quotes
	guillemets             bool   // « and » are the primary quotes: never opening/closing by context
	french                 bool   // U+202F inside « » and before ; : ! ?
	elisionsEN, elisionsNL bool   // 'tis, 'n', 's-Hertogenbosch
	// elisions are words that start with an apostrophe standing for
	// dropped letters ('tis, German 's, 'ne): an apostrophe before one
	// of them, ending a word, is ’, never an opening quote.
	elisions []string
	// wordDash is the dash a double hyphen between words becomes: the
	// em dash in English and Spanish, the en dash in German and Swedish
	// (spaced, the Gedankenstrich and tankstreck), French, Italian and
	// Dutch. spacedHyphen also makes a single hyphen between two spaced
	// words a dash, as a suggestion (de, sv: a typewriter dash).
	wordDash     string
	spacedHyphen bool
}

// Elisions that start with an apostrophe, by language.
var (
	elisionsEnglish = []string{"tis", "twas", "em", "cause", "til", "bout", "round", "n"}
	// German (Duden): 's (es), 'n, 'ne, 'nen, 'nem, 'ner (eine…), and the
	// short forms of her-/hin- adverbs.
	elisionsGerman = []string{"s", "n", "ne", "nen", "nem", "ner", "mal", "raus", "rein", "rum", "rauf", "runter", "rüber", "ran", "rin", "naus", "nein", "nauf", "nüber", "nunter"}
)

// quoteLangs are the languages Options.Lang accepts.
var quoteLangs = map[string]*quoteLang{
	"en": {name: "English", dOpen: "“", dClose: "”", nOpen: "“", nClose: "”", sOpen: "‘", sClose: "’", elisionsEN: true, elisions: elisionsEnglish, wordDash: "—"},
	"de": {name: "German", dOpen: "„", dClose: "“", nOpen: "„", nClose: "“", sOpen: "‚", sClose: "‘", elisions: elisionsGerman, wordDash: "–", spacedHyphen: true},
	"fr": {name: "French", dOpen: "«", dClose: "»", nOpen: "“", nClose: "”", sOpen: "‹", sClose: "›", guillemets: true, french: true, wordDash: "–"},
	"es": {name: "Spanish", dOpen: "«", dClose: "»", nOpen: "“", nClose: "”", sOpen: "‘", sClose: "’", guillemets: true, wordDash: "—"},
	"it": {name: "Italian", dOpen: "«", dClose: "»", nOpen: "“", nClose: "”", sOpen: "‘", sClose: "’", guillemets: true, wordDash: "–"},
	"nl": {name: "Dutch", dOpen: "“", dClose: "”", nOpen: "“", nClose: "”", sOpen: "‘", sClose: "’", elisionsNL: true, wordDash: "–"},
	"sv": {name: "Swedish", dOpen: "”", dClose: "”", nOpen: "”", nClose: "”", sOpen: "’", sClose: "’", wordDash: "–", spacedHyphen: true},
}

// Languages lists the values Options.Lang accepts, for help texts.
func Languages() []string { return []string{"en", "de", "fr", "es", "it", "nl", "sv"} }

// langOf returns the style for a language tag: "de", "de-CH" and "DE"
// give German; an empty or unknown tag gives English.
func langOf(tag string) *quoteLang {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if l, ok := quoteLangs[tag]; ok {
		return l
	}
	return quoteLangs["en"]
}

// ValidLang reports whether Options.Lang accepts tag (case and a region
// suffix such as "-CH" ignored; the empty tag means English).
func ValidLang(tag string) bool {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	_, ok := quoteLangs[tag]
	return ok || tag == ""
}

// typographicStage turns straight quotes into typographic ones for a
// language, fixes curly quotes of another language's style and reports
// unbalanced quotations. See QuotesTypographic.
//
// One left-to-right scan decides each quote's role from the characters
// around it and the quotations still open:
//
//   - after the start of a line, a space, an opening bracket or an opening
//     quote, a quote opens, unless a space or one of , . ; : ! ? follows
//     (a quote between spaces is left alone) or, for ', a digit follows
//     (’90s) or a known elision (’tis, ’em, ’cause, rock ’n’ roll; Dutch
//     ’s, ’t, ’n);
//   - after an en or em dash, a quote opens before a word and closes
//     otherwise (“I was going to—” she said);
//   - after a letter, " closes and ' is an apostrophe (don’t, l’homme, the
//     Joneses’) unless a single quotation is open and no letter follows;
//     a " between two letters opens when no quotation is open, for
//     scripts written without spaces;
//   - after a digit, ' and " close an open quotation, else they are feet
//     and inches (5'10"), left alone or made primes;
//   - after other punctuation, a quote opens before a word when nothing
//     of its kind is open and closes otherwise.
//
// Curly quotes get the same roles, so a curly quote of the wrong style is
// recognized; guillemets, ’ and ‚ are never replaced, and in languages
// with guillemets « always opens and » always closes. The role of a quote
// depends only on text the later stages leave alone (they never remove a
// space next to a quote, nor change the quotes), so the default pipeline
// stays idempotent. The scan looks only at quotes, line feeds, the
// lead bytes 0xC2 and 0xE2, and in French ; : ! ?; the rest is skipped
// with one table look-up a byte. Each step looks a bounded distance back
// or forward, or over a run of spaces it then consumes: Check is linear.
type typographicStage struct {
	lang   *quoteLang
	primes bool
	on     bool // QuotesTypographic: otherwise Check reports nothing
}

func (typographicStage) Name() string { return "typographic" }

func (typographicStage) Rules() []lint.Rule { return rulesCopy(typographicRules) }

// Roles a quote can play, decided by its context.
const (
	roleNone  = iota // ambiguous (a quote between spaces): left alone
	roleOpen         // opens a quotation
	roleClose        // closes one
	roleApos         // apostrophe: don’t, ’90s, the Joneses’
	rolePrime        // feet and inches after a digit: 5'10"
)

// Classes of the characters around a quote.
const (
	ctxSpace  = iota // start or end of text, white space
	ctxOpen          // opening bracket or opening quote
	ctxDash          // en or em dash
	ctxLetter        // letter or mark
	ctxDigit         // digit
	ctxOther         // punctuation, symbols, invalid bytes
)

func classify(r rune) int {
	switch {
	case r < utf8.RuneSelf:
		c := byte(r)
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			return ctxLetter
		case c >= '0' && c <= '9':
			return ctxDigit
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			return ctxSpace
		case c == '(' || c == '[' || c == '{' || c == '<':
			return ctxOpen
		}
		return ctxOther
	case r == utf8.RuneError || quoteFamily(r) != famNone:
		return ctxOther // a quote's role is decided by the scan, not by its glyph
	case r == '\u2013' || r == '\u2014' || r == '\u2015':
		return ctxDash
	case r == '¿' || r == '¡':
		return ctxOpen
	case unicode.IsLetter(r) || unicode.IsMark(r):
		return ctxLetter
	case unicode.IsDigit(r):
		return ctxDigit
	case unicode.IsSpace(r):
		return ctxSpace
	case unicode.Is(unicode.Ps, r):
		return ctxOpen
	}
	return ctxOther
}

// Quote families.
const (
	famNone = iota
	famDouble
	famSingle
)

// quoteFamily returns the family of a quote character: the straight
// double quote, “ ” „ ‟ « » are double; the straight single quote,
// ‘ ’ ‚ ‛ ‹ › are single.
func quoteFamily(r rune) int {
	switch r {
	case '"', '“', '”', '„', '‟', '«', '»':
		return famDouble
	case '\'', '‘', '’', '‚', '‛', '‹', '›':
		return famSingle
	}
	return famNone
}

// An openQuote is a quotation not closed yet.
type openQuote struct {
	lint.Span
	double bool
	level  int // nesting level among double quotes: 0 outermost
}

// A typoScan is the state of one Check call.
type typoScan struct {
	st       typographicStage
	text     string
	fs       []lint.Finding
	edits    editBlock
	stack    []openQuote
	doubles  int   // open double quotations in stack
	lastOpen int   // end of the last quote taken as opening, -1 for none
	consumed int   // end of the last edit: later edits start at or after it
	cont     int   // offset of a quote that re-opens a quotation continued from the paragraph before, -1 for none
	texClose []int // offsets of the apostrophes that close TeX quotations already replaced
}

// typoLead marks the bytes the scan stops at; everything else, including
// every continuation byte, is skipped with a table look-up.
var typoLead = func() (t [256]bool) {
	t['"'], t['\''], t['\n'], t[0xC2], t[0xE2], t['`'] = true, true, true, true, true, true
	return t
}()

var typoLeadFrench = func() (t [256]bool) {
	t = typoLead
	t[';'], t[':'], t['!'], t['?'] = true, true, true, true
	return t
}()

func (st typographicStage) Check(text string) []lint.Finding {
	if !st.on {
		return nil
	}
	if st.lang == nil {
		st.lang = quoteLangs["en"]
	}
	s := typoScan{st: st, text: text, lastOpen: -1, cont: -1}
	lead := &typoLead
	if st.lang.french {
		lead = &typoLeadFrench
	}
	n := len(text)
	for i := 0; i < n; {
		for i < n && !lead[text[i]] {
			i++
		}
		if i == n {
			break
		}
		switch c := text[i]; c {
		case '\n':
			i = s.newline(i)
			continue
		case ';', ':', '!', '?':
			s.frenchPunct(i)
			i++
			continue
		case '`':
			i = s.tex(i)
			continue
		case '\'':
			if s.texSkip(i) {
				i += 1 + boolInt(i+1 < n && text[i+1] == '\'' && s.texSkip(i+1))
				continue
			}
		}
		r, size := runeAt(text, i)
		if fam := quoteFamily(r); fam != famNone {
			i = s.quote(i, r, size, fam)
			continue
		}
		i += size
	}
	s.paragraphEnd(n, n)
	return s.fs
}

// prevRune returns the rune ending at i, or ' ' at the start of the text.
func (s *typoScan) prevRune(i int) rune {
	if i == 0 {
		return ' '
	}
	if c := s.text[i-1]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeLastRuneInString(s.text[:i])
	return r
}

// nextRune returns the rune starting at i, or ' ' at the end of the text.
func (s *typoScan) nextRune(i int) rune {
	if i >= len(s.text) {
		return ' '
	}
	r, _ := runeAt(s.text, i)
	return r
}

// pending reports whether a quotation of the family is open.
func (s *typoScan) pending(double bool) bool {
	if double {
		return s.doubles > 0
	}
	return len(s.stack) > 0 && !s.stack[len(s.stack)-1].double
}

// elision reports whether the apostrophe at i starts a known elided word:
// 'tis, 'em, 'n' (English), 's, 't (Dutch). It returns the offset of a
// second apostrophe that belongs to the elision ('n'), or -1.
func (s *typoScan) elision(i int) (bool, int) {
	rest := s.text[i+1:]
	wordEnd := func(k int) bool { return k >= len(rest) || classify(s.nextRune(i+1+k)) != ctxLetter }
	if s.st.lang.elisionsEN {
		if len(rest) >= 2 && (rest[0] == 'n' || rest[0] == 'N') && rest[1] == '\'' && wordEnd(2) {
			return true, i + 2
		}
	}
	for _, w := range s.st.lang.elisions {
		if len(rest) >= len(w) && strings.EqualFold(rest[:len(w)], w) && wordEnd(len(w)) {
			return true, -1
		}
	}
	if s.st.lang.elisionsNL {
		for _, w := range [...]string{"s", "t", "n"} {
			if len(rest) >= 1 && strings.EqualFold(rest[:1], w) && (wordEnd(1) || rest[1] == '-') {
				return true, -1
			}
		}
	}
	return false, -1
}

// role decides what the quote at [i, end) is, from the characters around
// it and the quotations open.
func (s *typoScan) role(i, end int, r rune, double bool) int {
	if s.st.lang.guillemets {
		switch r {
		case '«':
			return roleOpen
		case '»':
			return roleClose
		}
	}
	pi, ni := i, end
	if s.st.lang.french {
		// French spacing, which the stage adds or normalizes, is not
		// context: « x and «\u202Fx read alike.
		pi, ni = s.skipFrenchSpace(i, end)
	}
	p := classify(s.prevRune(pi))
	if pi == s.lastOpen {
		p = ctxOpen
	}
	next := s.nextRune(ni)
	nx := classify(next)
	if !double && quoteFamily(next) == famDouble && (p == ctxLetter || p == ctxDigit || p == ctxOther) {
		nx = ctxOther // 'it's fine'" or ' followed by a closing "
	}
	switch p {
	case ctxSpace, ctxOpen:
		if !double && nx == ctxDigit {
			return roleApos // ’90s
		}
		if next == '.' && ni+1 < len(s.text) && classify(s.nextRune(ni+1)) == ctxLetter {
			return roleOpen // ".com", '.NET'
		}
		if nx == ctxSpace || endsWord(next) {
			return roleNone // between spaces, or before "." (the punct stage may take the space between)
		}
		return roleOpen
	case ctxDash:
		if !double && nx == ctxDigit && decadeAt(s.text, ni) {
			return roleApos // —’90s
		}
		if nx == ctxLetter || nx == ctxDigit || nx == ctxOpen {
			return roleOpen
		}
		return roleClose // “I was going to—” she said
	case ctxDigit:
		if !double && nx == ctxLetter {
			return roleApos // 1990's
		}
		if s.pending(double) && nx != ctxDigit && !(double && s.inchesInQuotation(ni)) {
			return roleClose
		}
		return rolePrime
	case ctxLetter:
		if double {
			if nx == ctxLetter && !s.pending(true) {
				return roleOpen // scripts without spaces: 是"相称的"
			}
			return roleClose
		}
		if nx == ctxLetter || nx == ctxDigit {
			return roleApos // don't, l'homme
		}
		if s.pending(false) {
			return roleClose
		}
		return roleApos // the Joneses', goin'
	}
	// After punctuation.
	if !double && nx == ctxDigit && s.prevRune(pi) == '-' && decadeAt(s.text, ni) {
		return roleApos // --’90s
	}
	if !double && possessiveAt(s.text, ni) && strings.ContainsRune("!?.)]", s.prevRune(pi)) {
		return roleApos // Yahoo!'s, (UK)'s, the U.S.'s
	}
	if (nx == ctxLetter || nx == ctxDigit) && !s.pending(double) {
		return roleOpen
	}
	if s.pending(double) {
		return roleClose
	}
	if double {
		return roleClose // reported as unbalanced
	}
	return roleApos
}

// decadeAt reports whether text[i:] starts with two digits that end a
// number, as in '90s or '05: a decade or a year with its century elided.
func decadeAt(text string, i int) bool {
	if i+2 > len(text) || !isDigitByte(text[i]) || !isDigitByte(text[i+1]) {
		return false
	}
	return i+2 == len(text) || !isDigitByte(text[i+2])
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// inchesLookahead bounds how far inchesInQuotation looks for the quote
// that closes the quotation, so that the scan stays linear.
const inchesLookahead = 160

// inchesInQuotation reports whether the straight double quote after a
// digit, ending at i, inside an open quotation, marks inches rather than
// the quotation's end: a space and a lower-case word follow it, and a
// double quote, straight or not, follows later on the same line ("my 27"
// monitor" broke).
func (s *typoScan) inchesInQuotation(i int) bool {
	if s.text[i-1] != '"' || i+1 >= len(s.text) || s.text[i] != ' ' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s.text[i+1:])
	if !unicode.IsLower(r) {
		return false
	}
	rest := s.text[i+1 : min(len(s.text), i+1+inchesLookahead)]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	for _, r := range rest {
		if quoteFamily(r) == famDouble {
			return true
		}
	}
	return false
}

// texLookahead bounds how far tex looks for the end of a TeX quotation.
const texLookahead = 400

// tex handles a backtick at i: TeX's quotes “like this” and `this' (and
// GNU's old `this') become the language's double and single quotes when
// the closing apostrophes follow on the same line, within reach, after a
// letter, digit or punctuation and before a non-letter; a backtick
// without them (code: `ls -l`) is left alone. It returns where the scan
// goes on.
func (s *typoScan) tex(i int) int {
	t := s.text
	n := 1
	if i+1 < len(t) && t[i+1] == '`' {
		n = 2
	}
	if i+n < len(t) && t[i+n] == '`' || i > 0 && t[i-1] == '`' {
		return i + n // ``` and longer: a code fence or code span
	}
	start := i + n
	if start >= len(t) || !isLetterAt(t, start) {
		return start // a quotation starts with a word: `0' or `` x'' are not TeX quotes
	}
	line := t[start:min(len(t), start+texLookahead)]
	if nl := strings.IndexByte(line, '\n'); nl >= 0 {
		line = line[:nl]
	}
	end := -1
	for k := 0; k < len(line); k++ {
		switch line[k] {
		case '`':
			return start // another backtick first: code, or nested TeX quotes left as they are
		case '\'':
			if k == 0 || line[k-1] == ' ' {
				continue
			}
			if n == 2 {
				if k+1 < len(line) && line[k+1] == '\'' && (k+2 == len(line) || !isWordAt(line, k+2)) {
					end = start + k
				}
			} else if k+1 == len(line) || !isWordAt(line, k+1) && line[k+1] != '\'' {
				end = start + k
			}
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 {
		return start
	}
	lang := s.st.lang
	open, close := lang.sOpen, lang.sClose
	if n == 2 {
		open, close = lang.dOpen, lang.dClose
	}
	s.addTex(i, i+n, open)
	s.addTex(end, end+n, close)
	s.texClose = append(s.texClose, end)
	if n == 2 {
		s.texClose = append(s.texClose, end+1)
	}
	return start
}

// addTex records the replacement of a TeX quote at [i, j) by want.
func (s *typoScan) addTex(i, j int, want string) {
	sp := lint.Span{Start: i, End: j}
	s.fs = append(s.fs, lint.Finding{Rule: RuleTypographic, Severity: lint.Info, Span: sp,
		Message: "TeX quote " + s.text[i:j] + " → " + want,
		Fix:     s.edits.one(lint.Edit{Span: sp, New: want})})
}

// texSkip reports whether the apostrophe at i closes a TeX quotation tex
// has replaced already, and forgets it.
func (s *typoScan) texSkip(i int) bool {
	for k, c := range s.texClose {
		if c == i {
			s.texClose = append(s.texClose[:k], s.texClose[k+1:]...)
			return true
		}
	}
	return false
}

// isWordAt reports whether a letter or digit starts at s[i]: the word
// goes on, so a quote before it is not a closing one.
func isWordAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isLetterAt reports whether a letter starts at s[i].
func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// possessiveAt reports whether text[i:] starts with a possessive "s": an
// s or S that ends a word.
func possessiveAt(text string, i int) bool {
	if i >= len(text) || text[i]|0x20 != 's' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i+1:])
	return i+1 == len(text) || !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// skipFrenchSpace returns the offsets of the context around [i, end)
// once French spacing is skipped: the horizontal space before i if « or
// the start of a line precedes it, and the horizontal space after end if
// » ; : ! ? follow it.
func (s *typoScan) skipFrenchSpace(i, end int) (int, int) {
	b := i
	for b > 0 {
		k := hspaceBefore(s.text, b)
		if k == 0 {
			break
		}
		b -= k
	}
	if b < i && strings.HasSuffix(s.text[:b], "«") {
		i = b
	}
	e := end
	for e < len(s.text) {
		k := hspace(s.text, e)
		if k == 0 {
			break
		}
		e += k
	}
	if e > end && e < len(s.text) {
		switch s.text[e] {
		case ';', ':', '!', '?':
			end = e
		default:
			if strings.HasPrefix(s.text[e:], "»") {
				end = e
			}
		}
	}
	return i, end
}

// endsWord reports whether r is a mark the punct stage joins to the word
// before it, deleting the space between.
func endsWord(r rune) bool {
	switch r {
	case ',', '.', ';', ':', '!', '?':
		return true
	}
	return false
}

// quote handles the quote r at [i, i+size) and returns where the scan
// goes on.
func (s *typoScan) quote(i int, r rune, size int, fam int) int {
	end := i + size
	double := fam == famDouble
	straight := r == '"' || r == '\''
	role := s.role(i, end, r, double)
	lang := s.st.lang
	want := ""
	second := -1 // the closing apostrophe of 'n'
	switch role {
	case roleNone:
		return end
	case rolePrime:
		if straight && s.st.primes {
			want = "′"
			if double {
				want = "″"
			}
		}
	case roleApos:
		want = "’"
	case roleOpen:
		if r == '’' && lang.sOpen != "’" {
			return end // an apostrophe: ’tis, ’em
		}
		if r == '\'' || r == '‘' {
			if ok, k := s.elision(i); ok {
				role, want, second = roleApos, "’", k
				break
			}
		}
		level := s.doubles
		if double && i == s.cont && s.doubles > 0 {
			level = s.stack[len(s.stack)-1].level // re-opening a continued quotation
		} else {
			s.stack = append(s.stack, openQuote{Span: lint.Span{Start: i, End: end}, double: double, level: level})
			if double {
				s.doubles++
			}
		}
		s.lastOpen = end
		switch {
		case !double:
			want = lang.sOpen
		case level == 0:
			want = lang.dOpen
		default:
			want = lang.nOpen
		}
	case roleClose:
		want = s.close(i, end, double)
	}
	if want != "" {
		s.replace(i, end, r, role, want)
	}
	if second >= 0 {
		s.replace(second, second+1, '\'', roleApos, "’")
		return second + 1
	}
	return end
}

// close pops the quotation the closing quote at [i, end) ends and returns
// the glyph the quote should have.
func (s *typoScan) close(i, end int, double bool) string {
	lang := s.st.lang
	if !double {
		if s.pending(false) {
			s.stack = s.stack[:len(s.stack)-1]
			return lang.sClose
		}
		return "’"
	}
	if s.doubles == 0 {
		s.fs = append(s.fs, lint.Finding{
			Rule: RuleUnbalanced, Severity: lint.Warning,
			Span:    lint.Span{Start: i, End: end},
			Message: cachedMessage(msgKey{kind: msgStray, glyph: s.text[i:end]}),
		})
		return lang.dClose
	}
	// Singles still open inside are taken for apostrophes.
	k := len(s.stack) - 1
	for !s.stack[k].double {
		k--
	}
	level := s.stack[k].level
	s.stack = s.stack[:k]
	s.doubles--
	if level == 0 {
		return lang.dClose
	}
	return lang.nClose
}

// keepGlyph reports whether the existing quote r stays as it is although
// the house style wants another: guillemets, the right single quote
// (always a valid apostrophe), the low single quote (a comma look-alike)
// and the angle singles are never changed.
func keepGlyph(r rune, role int) bool {
	switch r {
	case '«', '»', '‹', '›', '’', '‚':
		return true
	case '‘':
		return role != roleApos
	}
	return false
}

var roleNames = [...]string{roleOpen: "opening", roleClose: "closing", roleApos: "apostrophe", rolePrime: "prime"}

// replace records the replacement of the quote r at [i, end) by want,
// with the French spacing where the style asks for it.
func (s *typoScan) replace(i, end int, r rune, role int, want string) {
	straight := r == '"' || r == '\''
	if !straight && keepGlyph(r, role) {
		want = s.text[i:end]
	}
	start, stop, repl := i, end, want
	if s.st.lang.french && (want == "«" || want == "»") {
		// A no-break space, narrow or not, is French spacing and stays;
		// any other space becomes a narrow one.
		if want == "«" {
			if e := s.spaceRunAfter(end); e >= 0 {
				stop, repl = e, "«\u202F"
				if s.text[end:e] == "\u00A0" {
					repl = "«\u00A0"
				}
			}
		} else if b := s.spaceRunBefore(i); b >= 0 {
			start, repl = b, "\u202F»"
			if s.text[b:i] == "\u00A0" {
				repl = "\u00A0»"
			}
		}
	}
	if s.text[start:stop] == repl {
		return
	}
	var f lint.Finding
	what := roleNames[role]
	switch {
	case straight:
		f = lint.Finding{Rule: RuleTypographic, Severity: lint.Info,
			Message: straightMessage(r, role, want, repl != want)}
	case want != s.text[i:end] && role == roleApos:
		f = lint.Finding{Rule: RuleQuoteLanguage, Severity: lint.Warning,
			Message: "quote " + string(r) + " (" + codePoint(r) + ") used as an apostrophe → " + want}
	case want != s.text[i:end]:
		f = lint.Finding{Rule: RuleQuoteLanguage, Severity: lint.Warning,
			Message: what + " quote " + string(r) + " (" + codePoint(r) + ") in " + s.st.lang.name + " text → " + want}
	default:
		f = lint.Finding{Rule: RuleFrenchSpace, Severity: lint.Info,
			Message: cachedMessage(msgKey{kind: msgSpaceInside, glyph: want})}
	}
	f.Span = lint.Span{Start: i, End: end}
	f.Fix = s.edits.one(lint.Edit{Span: lint.Span{Start: start, End: stop}, New: repl})
	s.consumed = stop
	s.fs = append(s.fs, f)
}

// Kinds of cached messages.
const (
	msgStraight = iota
	msgStray
	msgUnclosed
	msgSpaceBefore
	msgSpaceInside
)

// A msgKey names one message of the stage.
type msgKey struct {
	kind   int
	r      rune   // the straight quote
	role   int    // its role
	glyph  string // the new glyph, or the quote or mark the message names
	spaced bool   // the fix adds a narrow no-break space
}

// typoMessages holds the messages that do not depend on the text, so that
// findings cost no formatting: every straight quote, role and glyph of
// every language, the French marks and the quotes named in
// quotes.unbalanced messages.
var typoMessages = func() map[msgKey]string {
	m := map[msgKey]string{}
	glyphs := []string{"’", "′", "″"}
	for _, l := range quoteLangs {
		glyphs = append(glyphs, l.dOpen, l.dClose, l.nOpen, l.nClose, l.sOpen, l.sClose)
	}
	for _, g := range glyphs {
		for _, r := range []rune{'"', '\''} {
			for role := roleOpen; role <= rolePrime; role++ {
				for _, spaced := range []bool{false, true} {
					m[msgKey{kind: msgStraight, r: r, role: role, glyph: g, spaced: spaced}] = formatStraight(r, role, g, spaced)
				}
			}
		}
	}
	for _, q := range []string{`"`, "“", "”", "„", "‟", "«", "»"} {
		m[msgKey{kind: msgStray, glyph: q}] = formatMessage(msgKey{kind: msgStray, glyph: q})
		m[msgKey{kind: msgUnclosed, glyph: q}] = formatMessage(msgKey{kind: msgUnclosed, glyph: q})
	}
	for _, c := range []string{";", ":", "!", "?", "«", "»"} {
		m[msgKey{kind: msgSpaceBefore, glyph: c}] = formatMessage(msgKey{kind: msgSpaceBefore, glyph: c})
		m[msgKey{kind: msgSpaceInside, glyph: c}] = formatMessage(msgKey{kind: msgSpaceInside, glyph: c})
	}
	return m
}()

// cachedMessage returns the message for k, formatting it if it is not
// one of the cached ones.
func cachedMessage(k msgKey) string {
	if m, ok := typoMessages[k]; ok {
		return m
	}
	if k.kind == msgStraight {
		return formatStraight(k.r, k.role, k.glyph, k.spaced)
	}
	return formatMessage(k)
}

func formatMessage(k msgKey) string {
	switch k.kind {
	case msgStray:
		return "closing quote " + k.glyph + " without an opening quote"
	case msgUnclosed:
		return "quotation opened by " + k.glyph + " is not closed by the end of the paragraph"
	case msgSpaceBefore:
		return "space before " + k.glyph + " → narrow no-break space (U+202F)"
	}
	return "space inside " + k.glyph + " → narrow no-break space (U+202F)"
}

// straightMessage describes the replacement of the straight quote r, in
// the role, by want: "straight quote \" → “ (opening)".
func straightMessage(r rune, role int, want string, spaced bool) string {
	return cachedMessage(msgKey{kind: msgStraight, r: r, role: role, glyph: want, spaced: spaced})
}

func formatStraight(r rune, role int, want string, spaced bool) string {
	msg := "straight " + quoteWord(r, role) + " " + string(r) + " → " + want
	if role != roleApos && role != rolePrime {
		msg += " (" + roleNames[role] + ")"
	}
	if spaced {
		msg += ", with a narrow no-break space"
	}
	return msg
}

func quoteWord(r rune, role int) string {
	switch {
	case role == roleApos:
		return "apostrophe"
	case role == rolePrime:
		return "prime"
	case r == '\'':
		return "single quote"
	}
	return "quote"
}

// hspace returns the size of the horizontal space at i (space, tab,
// U+00A0, U+202F), or 0.
func hspace(text string, i int) int {
	switch {
	case text[i] == ' ' || text[i] == '\t':
		return 1
	case strings.HasPrefix(text[i:], "\u00a0"):
		return 2
	case strings.HasPrefix(text[i:], "\u202f"):
		return 3
	}
	return 0
}

// hspaceBefore returns the size of the horizontal space ending at i, or 0.
func hspaceBefore(text string, i int) int {
	switch {
	case text[i-1] == ' ' || text[i-1] == '\t':
		return 1
	case strings.HasSuffix(text[:i], "\u00a0"):
		return 2
	case strings.HasSuffix(text[:i], "\u202f"):
		return 3
	}
	return 0
}

// spaceRunAfter returns the end of the horizontal space after an opening
// guillemet ending at i, or -1 where no space belongs: at the end of a
// line or of the text.
func (s *typoScan) spaceRunAfter(i int) int {
	e := i
	for e < len(s.text) {
		k := hspace(s.text, e)
		if k == 0 {
			break
		}
		e += k
	}
	if e == len(s.text) || s.text[e] == '\n' || s.text[e] == '\r' || strings.HasPrefix(s.text[e:], "»") {
		return -1
	}
	return e
}

// spaceRunBefore returns the start of the horizontal space before i (not
// before s.consumed), or -1 where no space belongs: at the start of a
// line or of the text.
func (s *typoScan) spaceRunBefore(i int) int {
	b := i
	for b > s.consumed {
		k := hspaceBefore(s.text, b)
		if k == 0 || b-k < s.consumed {
			break
		}
		b -= k
	}
	if b == 0 || s.text[b-1] == '\n' || s.text[b-1] == '\r' || strings.HasSuffix(s.text[:b], "«") {
		return -1
	}
	return b
}

// frenchPunct makes the space before ; : ! ? at i a narrow no-break space,
// where there is a space and the mark ends a word ("Quoi ?", not "a != b"
// or "12:30").
func (s *typoScan) frenchPunct(i int) {
	if i == 0 || hspaceBefore(s.text, i) == 0 {
		return
	}
	if j := i + 1; j < len(s.text) {
		next, _ := runeAt(s.text, j)
		if c := classify(next); c == ctxLetter || c == ctxDigit || next == '=' || next == '/' || next == '\\' {
			return // "a != b", "12:30", "http ://"
		}
	}
	b := s.spaceRunBefore(i)
	if b < 0 || s.text[b:i] == "\u202F" || s.text[b:i] == "\u00A0" {
		return // a no-break space, narrow or not, is French spacing
	}
	if p := s.prevRune(b); classify(p) == ctxSpace || p == ';' || p == ':' || p == '!' || p == '?' {
		return
	}
	s.fs = append(s.fs, lint.Finding{
		Rule: RuleFrenchSpace, Severity: lint.Info,
		Span:    lint.Span{Start: b, End: i + 1},
		Message: cachedMessage(msgKey{kind: msgSpaceBefore, glyph: s.text[i : i+1]}),
		Fix:     s.edits.one(lint.Edit{Span: lint.Span{Start: b, End: i}, New: "\u202F"}),
	})
	s.consumed = i
}

// newline handles the line feed at i: a blank line after it ends the
// paragraph. It returns where the scan goes on.
func (s *typoScan) newline(i int) int {
	if len(s.stack) == 0 {
		return i + 1
	}
	j := i + 1
	for j < len(s.text) && (s.text[j] == ' ' || s.text[j] == '\t' || s.text[j] == '\r') {
		j++
	}
	if j < len(s.text) && s.text[j] != '\n' {
		if e, ok := separatorLine(s.text, j); ok {
			// A record separator ends the text before it: the quotation
			// does not go on in the next record (a fortune file's "%").
			s.paragraphEnd(i, len(s.text))
			return e
		}
		return i + 1 // the paragraph goes on
	}
	// Skip to the first visible byte of the next paragraph.
	for j < len(s.text) && (s.text[j] == ' ' || s.text[j] == '\t' || s.text[j] == '\r' || s.text[j] == '\n') {
		j++
	}
	s.paragraphEnd(i, j)
	return j
}

// separatorLine reports whether the line starting at i holds only a
// record or section separator — "%" or "%%" (fortune files), a run of
// three or more of one of - * _ = ~ # (spaced or not), or an ASCII
// file, group or record separator — and returns the end of its line.
func separatorLine(text string, i int) (int, bool) {
	e := strings.IndexByte(text[i:], '\n')
	if e < 0 {
		e = len(text)
	} else {
		e += i
	}
	line := strings.TrimRight(text[i:e], " \t\r")
	switch line {
	case "%", "%%", "\x1c", "\x1d", "\x1e", "\f":
		return e, true
	}
	if len(line) > 80 {
		return e, false
	}
	var mark byte
	n := 0
	for k := 0; k < len(line); k++ {
		switch c := line[k]; c {
		case ' ', '\t':
		case '-', '*', '_', '=', '~', '#':
			if mark != 0 && c != mark {
				return e, false
			}
			mark = c
			n++
		default:
			return e, false
		}
	}
	return e, n >= 3
}

// paragraphEnd closes the paragraph ending at end; next is the first
// visible byte of the next one. A quotation that goes on in the next
// paragraph, which then opens with a quote (the convention for quotations
// of several paragraphs), is not reported.
func (s *typoScan) paragraphEnd(end, next int) {
	if s.doubles > 0 && next < len(s.text) {
		if r, _ := runeAt(s.text, next); quoteFamily(r) == famDouble && r != '»' {
			s.cont = next
			for k := len(s.stack) - 1; k >= 0 && !s.stack[k].double; k-- {
				s.stack = s.stack[:k]
			}
			return
		}
	}
	if s.doubles > 0 {
		// The span is the paragraph's last character.
		last := end
		for last > 0 {
			if c := s.text[last-1]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
				break
			}
			last--
		}
		_, size := utf8.DecodeLastRuneInString(s.text[:last])
		sp := lint.Span{Start: last - size, End: last}
		for _, q := range s.stack {
			if q.double {
				s.fs = append(s.fs, lint.Finding{
					Rule: RuleUnbalanced, Severity: lint.Warning, Span: sp,
					Message: cachedMessage(msgKey{kind: msgUnclosed, glyph: s.text[q.Start:q.End]}),
					Related: []lint.Span{q.Span},
				})
			}
		}
	}
	s.stack = s.stack[:0]
	s.doubles = 0
}
