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
	RuleEmDash       = "dash.em"
)

var smartRules = []lint.Rule{
	{ID: RuleEllipsisChar, Severity: lint.Info, Fixes: true,
		Doc: `three dots: replaced by the ellipsis character … (typographic quote style); ". . .", four dots, paths and URLs are left alone`},
	{ID: RuleEmDash, Severity: lint.Info, Fixes: true,
		Doc: `double hyphen between words ("word--word", "word -- word"): replaced by an em dash — (typographic quote style); "--flag" and "---" are left alone`},
}

// smartStage is the typographic style's counterpart of what the chars
// stage does for the ASCII style with the ellipsis: three dots become
// "…" and a double hyphen between words becomes an em dash, as
// SmartyPants does. It reports nothing unless on (QuotesTypographic).
type smartStage struct{ on bool }

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
		if j-i != 2+boolInt(c == '.') || inPathToken(text, i) {
			i = j
			continue
		}
		if c == '.' {
			// Three dots alone: not ". . ." (a space before a dot on
			// either side) and not a run of four or more.
			if !(i > 1 && text[i-1] == ' ' && text[i-2] == '.') && !(j+1 < len(text) && text[j] == ' ' && text[j+1] == '.') {
				sp := lint.Span{Start: i, End: j}
				fs = append(fs, lint.Finding{Rule: RuleEllipsisChar, Severity: lint.Info, Span: sp,
					Message: `three dots "..." → ellipsis "…"`, Fix: edits.one(lint.Edit{Span: sp, New: "…"})})
			}
			i = j
			continue
		}
		if dashBetweenWords(text, i, j) {
			sp := lint.Span{Start: i, End: j}
			fs = append(fs, lint.Finding{Rule: RuleEmDash, Severity: lint.Info, Span: sp,
				Message: `double hyphen "--" → em dash "—"`, Fix: edits.one(lint.Edit{Span: sp, New: "—"})})
		}
		i = j
	}
	return fs
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
	return wordEnd(b2) && wordStart(a2)
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

// inPathToken reports whether the white-space-delimited token around
// text[i] looks like a path or URL: it holds "/" or "\", or starts with
// "www.".
func inPathToken(text string, i int) bool {
	s := i
	for s > 0 && !asciiSpaceByte(text[s-1]) {
		s--
	}
	e := i
	for e < len(text) && !asciiSpaceByte(text[e]) {
		e++
	}
	tok := text[s:e]
	return strings.ContainsAny(tok, `/\`) || strings.HasPrefix(strings.ToLower(tok), "www.")
}

func asciiSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
