package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// Rule ids of the typographic style's dots and dashes.
const (
	RuleEllipsisChar = "punct.ellipsis-char"
	RuleDoubleHyphen = "dash.double-hyphen"
	RuleSpacedHyphen = "dash.spaced-hyphen"
)

var smartRules = []lint.Rule{
	{ID: RuleEllipsisChar, Severity: lint.Info, Fixes: true,
		Doc: `three dots after a word or before one ("Wait... no", "...and"): replaced by the ellipsis character … (typographic quote style); ". . .", four dots, "1...10", "a...b", paths, URLs and code are left alone`},
	{ID: RuleDoubleHyphen, Severity: lint.Info, Fixes: true,
		Doc: `double hyphen between words ("word--word", "word -- word"): replaced by the language's dash — an em dash — in English and Spanish, an en dash – in German, Swedish, French, Italian and Dutch — and between numbers ("10--20") by an en dash (typographic quote style); "--flag", "git log -- path" and "---" are left alone; a "--" opening a line of dialogue or an attribution ("-- Oscar Wilde") is suggested as an em dash`},
	{ID: RuleSpacedHyphen, Severity: lint.Info, Fixes: false,
		Doc: `German and Swedish: a hyphen alone between two spaced words ("kam - und") is a typewriter's dash; suggests the spaced en dash (typographic quote style, --lang de or sv)`},
}

// smartStage is the typographic style's counterpart of what the chars
// stage does for the ASCII style with the ellipsis: three dots become
// "…" and a double hyphen between words becomes an em dash, as
// SmartyPants does. It reports nothing unless on (QuotesTypographic).
type smartStage struct {
	on   bool
	lang *quoteLang // the dash between words; nil: English
}

func (smartStage) Name() string { return "smart" }

func (smartStage) Rules() []lint.Rule { return rulesCopy(smartRules) }

// Check returns the findings for text, in order.
func (s smartStage) Check(text string) []lint.Finding {
	if !s.on {
		return nil
	}
	var (
		fs    []lint.Finding
		edits editBlock
		tok   token
	)
	for i := 0; i < len(text); {
		k := strings.IndexAny(text[i:], ".-")
		if k < 0 {
			break
		}
		i += k
		c := text[i]
		j := i
		for j < len(text) && text[j] == c {
			j++
		}
		if (j-i != 2+boolInt(c == '.') && !(c == '-' && j-i == 1)) || tok.at(text, i).path {
			i = j
			continue
		}
		if c == '.' {
			// Three dots alone: not ". . ." (a space before a dot on
			// either side) and not a run of four or more; with white
			// space or punctuation on one side at least ("1...10",
			// "a...b" are ranges and code), and no code after them.
			if !(i > 1 && text[i-1] == ' ' && text[i-2] == '.') && !(j+1 < len(text) && text[j] == ' ' && text[j+1] == '.') &&
				!glued(text, i, j) && tok.lastCode < j {
				sp := lint.Span{Start: i, End: j}
				fs = append(fs, lint.Finding{Rule: RuleEllipsisChar, Severity: lint.Info, Span: sp,
					Message: `three dots "..." → ellipsis "…"`, Fix: edits.one(lint.Edit{Span: sp, New: "…"})})
			}
			i = j
			continue
		}
		if j-i == 2 && dashBetweenWords(text, i, j) {
			sp := lint.Span{Start: i, End: j}
			if numberRange(text, i, j) {
				fs = append(fs, lint.Finding{Rule: RuleDoubleHyphen, Severity: lint.Info, Span: sp,
					Message: `double hyphen "--" between numbers → en dash "–"`, Fix: edits.one(lint.Edit{Span: sp, New: "–"})})
			} else {
				dash := s.wordDash()
				fs = append(fs, lint.Finding{Rule: RuleDoubleHyphen, Severity: lint.Info, Span: sp,
					Message: doubleHyphenMessage[dash], Fix: edits.one(lint.Edit{Span: sp, New: dash})})
			}
		} else if j-i == 2 && dialogueDash(text, i, j) {
			sp := lint.Span{Start: i, End: j}
			fs = append(fs, lint.Finding{Rule: RuleDoubleHyphen, Severity: lint.Info, Span: sp,
				Message: `double hyphen "--" opening a line of dialogue or an attribution → em dash "—"`,
				Fix:     edits.one(lint.Edit{Span: sp, New: "—"}), Suggest: true})
		} else if j-i == 1 && s.lang != nil && s.lang.spacedHyphen && spacedHyphen(text, i) {
			sp := lint.Span{Start: i, End: j}
			fs = append(fs, lint.Finding{Rule: RuleSpacedHyphen, Severity: lint.Info, Span: sp,
				Message: `spaced hyphen " - " between words → dash "` + s.lang.wordDash + `" (` + s.lang.name + `)`,
				Fix:     edits.one(lint.Edit{Span: sp, New: s.lang.wordDash}), Suggest: true})
		}
		i = j
	}
	return fs
}

// wordDash returns the dash a double hyphen between words becomes.
func (s smartStage) wordDash() string {
	if s.lang == nil || s.lang.wordDash == "" {
		return "—"
	}
	return s.lang.wordDash
}

var doubleHyphenMessage = map[string]string{
	"—": `double hyphen "--" → em dash "—"`,
	"–": `double hyphen "--" → en dash "–"`,
}

// dialogueDash reports whether the "--" at text[i:j] opens a line of
// dialogue ("-- Yes, she said.") or an attribution after a quotation
// ("Be yourself." -- Oscar Wilde): at a line's start or after a closing
// quote and a space, followed by one space and a capitalized word. A
// signature line ("-- "), options and lower-case text after it ("--
// end of options") are not.
func dialogueDash(text string, i, j int) bool {
	if j+1 >= len(text) || text[j] != ' ' {
		return false
	}
	after, _ := utf8.DecodeRuneInString(text[j+1:])
	if !unicode.IsUpper(after) {
		return false
	}
	if i == 0 || text[i-1] == '\n' {
		return true
	}
	if i < 2 || text[i-1] != ' ' {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:i-1])
	switch before {
	case '"', '”', '»', '“', '\'', '’':
		return true
	}
	return false
}

// spacedHyphen reports whether the hyphen at text[i] stands alone between
// two words on one line, with one space on each side ("kam - und"): a
// typewriter's dash. Lists ("- item" at a line's start), ranges of
// numbers, options ("-v") and compounds are not.
func spacedHyphen(text string, i int) bool {
	if i < 2 || i+2 >= len(text) || text[i-1] != ' ' || text[i+1] != ' ' {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:i-1])
	after, _ := utf8.DecodeRuneInString(text[i+2:])
	if !unicode.IsLetter(before) || !unicode.IsLetter(after) {
		return false
	}
	prev, next := lastToken(text[:i-1]), firstToken(text[i+2:])
	return !strings.HasPrefix(prev, "-") && !strings.ContainsAny(prev+next, "/\\$=_")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// dashBetweenWords reports whether the "--" at text[i:j] stands between
// two words: glued to both ("word--word") or spaced on both sides on one
// line ("word -- word"). "--flag", "a--", and a line that starts with it
// (a signature "-- ") are left alone.
func dashBetweenWords(text string, i, j int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[j:])
	if i == 0 || j == len(text) {
		return false
	}
	if wordEnd(before) && wordStart(after) {
		return true
	}
	if before != ' ' || after != ' ' || i < 2 || j+1 >= len(text) {
		return false
	}
	b2, _ := utf8.DecodeLastRuneInString(text[:i-1])
	a2, _ := utf8.DecodeRuneInString(text[j+1:])
	if !wordEnd(b2) || !wordStart(a2) {
		return false
	}
	// A command line's end of options: "ls -la -- foo", "git log --
	// path/to/file", "rm -rf -- "$dir"".
	prev := lastToken(text[:i-1])
	next := firstToken(text[j+1:])
	return !strings.HasPrefix(prev, "-") && !strings.HasPrefix(next, "-") &&
		!strings.ContainsAny(next, "/\\$=") && !innerDot(next)
}

// numberRange reports whether the "--" at text[i:j] joins two numbers.
func numberRange(text string, i, j int) bool {
	b, _ := utf8.DecodeLastRuneInString(text[:i])
	a, _ := utf8.DecodeRuneInString(text[j:])
	return unicode.IsDigit(b) && unicode.IsDigit(a)
}

// lastToken returns the white-space-delimited token that ends s.
func lastToken(s string) string {
	return s[strings.LastIndexAny(s, " \t\n\r")+1:]
}

// firstToken returns the white-space-delimited token that starts s.
func firstToken(s string) string {
	if k := strings.IndexAny(s, " \t\n\r"); k >= 0 {
		return s[:k]
	}
	return s
}

// innerDot reports whether tok has a dot between two letters or digits,
// as a file name or a version does ("file.txt", "v1.2").
func innerDot(tok string) bool {
	for k := 1; k+1 < len(tok); k++ {
		if tok[k] == '.' && isAlnumByte(tok[k-1]) && isAlnumByte(tok[k+1]) {
			return true
		}
	}
	return false
}

func isAlnumByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// glued reports whether the dots at text[i:j] have a letter or digit
// right before and right after them: a range or code ("1...10", "a...b").
func glued(text string, i, j int) bool {
	b, _ := utf8.DecodeLastRuneInString(text[:i])
	a, _ := utf8.DecodeRuneInString(text[j:])
	return i > 0 && j < len(text) && (unicode.IsLetter(b) || unicode.IsDigit(b)) && (unicode.IsLetter(a) || unicode.IsDigit(a))
}

// wordEnd reports whether r can end a word before a dash: a letter, a
// digit, or closing punctuation.
func wordEnd(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(`.,;:!?)]"'’”`, r)
}

// wordStart reports whether r can start a word after a dash.
func wordStart(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(`("'‘“`, r)
}

// A token is the white-space-delimited token around an offset, scanned
// once however many dots or dashes it holds, so that a long token costs
// linear time.
type token struct {
	start, end int
	path       bool // it holds "/" or "\", or starts with "www.": a path or URL
	lastCode   int  // the offset of its last code punctuation ({}()[]<>=;), or -1
}

// at returns the token around text[i], scanning it if i is past the one
// scanned last.
func (t *token) at(text string, i int) *token {
	if i < t.end && i >= t.start {
		return t
	}
	s := i
	for s > 0 && !asciiSpaceByte(text[s-1]) {
		s--
	}
	e := i
	for e < len(text) && !asciiSpaceByte(text[e]) {
		e++
	}
	*t = token{start: s, end: e, lastCode: -1}
	tok := text[s:e]
	t.path = strings.ContainsAny(tok, `/\`) || strings.HasPrefix(strings.ToLower(tok), "www.")
	if k := strings.LastIndexAny(tok, "{}()[]<>=;"); k >= 0 {
		t.lastCode = s + k
	}
	return t
}

func asciiSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
