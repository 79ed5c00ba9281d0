package charclass

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxToken bounds how far TokenAt looks either way for white space: a
// run of more than MaxToken bytes without white space is not a word of
// prose, and bounding the look keeps callers linear on any text.
const MaxToken = 256

// TokenAt returns the bounds of the white-space-delimited token around
// offset i of text: text[start:end] holds i unless i is white space, in
// which case start == end == i. White space is ASCII white space and the
// Unicode spaces. If the token runs on for more than MaxToken bytes on
// either side, ok is false and the bounds are those of the part seen.
func TokenAt(text string, i int) (start, end int, ok bool) {
	ok = true
	start = i
	for start > 0 {
		if i-start >= MaxToken {
			ok = false
			break
		}
		c := text[start-1]
		if c < utf8.RuneSelf {
			if IsASCIISpace(c) {
				break
			}
			start--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if isSpaceRune(r) {
			break
		}
		start -= size
	}
	end = i
	for end < len(text) {
		if end-i >= MaxToken {
			ok = false
			break
		}
		c := text[end]
		if c < utf8.RuneSelf {
			if IsASCIISpace(c) {
				break
			}
			end++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[end:])
		if isSpaceRune(r) {
			break
		}
		end += size
	}
	return start, end, ok
}

func isSpaceRune(r rune) bool { return UnicodeSpace(r) || unicode.IsSpace(r) }

// CodeToken reports whether tok, one white-space-delimited token with
// any quotes, brackets and punctuation around it, looks like code rather
// than a word of prose:
//
//   - a path or URL: it holds "/" or "\", or starts with "www.";
//   - code in backticks, an identifier with "_", a markup tag or
//     operator character (= < > { } | ^ ~ @ in the middle, $ or % before a
//     name), a markup entity ("&amp;", "&#64;");
//   - a command-line flag ("-L..", "--all"), a variable ("$HOME");
//   - a version or version range ("v1.2.3..", "1.2.3", "main..'" in
//     quotes), a file name or member access ("README.md", "os.path");
//   - an operator ("?.", "::", "->", "&&", a token of punctuation alone
//     such as ";;" or "?."), or a macro or function argument list with
//     punctuation inside ("FOO(x,.)", "f()", "(.)c").
//
// Words with apostrophes, hyphens, abbreviations ("e.g.", "U.S."),
// numbers ("2,500", "3.5"), plurals in brackets ("item(s)") and words
// quoted whole ("'word'") are prose.
func CodeToken(tok string) bool {
	if tok == "" || plainWord(tok) {
		return false
	}
	if strings.ContainsAny(tok, "/\\`_{}|<>=^~") {
		return true
	}
	core := trimQuotes(tok)
	if core == "" {
		// Punctuation alone: an operator ("?.", "&&", "::"), not marks
		// of prose (",,", "?!", "...").
		return len(tok) >= 2 && (strings.ContainsAny(tok, "&|:-=+*%$#@") || strings.Contains(tok, "?."))
	}
	if hasPrefixFold(core, "www.") || strings.Contains(core, "://") {
		return true
	}
	for _, op := range operators {
		if strings.Contains(tok, op) {
			return true
		}
	}
	switch c := core[0]; {
	case c == '-' && flag(core):
		return true // "-L..", "--all"
	case (c == '$' || c == '%' || c == '@') && len(core) > 1 && (isLetter(core[1]) || core[1] == '{' || core[1] == '('):
		return true // "$HOME", "%PATH%", "@{upstream}"
	case c == '&' && len(core) > 1 && (isLetter(core[1]) || core[1] == '#'):
		return true // "&amp;", "&#64;"
	case c == '.' && len(core) > 1 && isLetter(core[1]):
		return true // ".deb", ".gitignore"
	}
	if strings.IndexByte(core, '&') > 0 && entityInside(core) {
		return true // "jane&#64;laptop"
	}
	if quotedRange(tok) {
		return true // "'main..'", "\"-L..\""
	}
	if version(core) || dottedName(core) || callArgs(core) {
		return true
	}
	return false
}

// plainWord reports whether tok is a word of letters with at most an
// opening quote or bracket before it and one mark and a closing quote or
// bracket after it ("word", "(word", "word.", "word,\"", "word)."): the
// common case, decided in one pass without the checks for code.
func plainWord(tok string) bool {
	i, j := 0, len(tok)
	if c := tok[0]; c == '(' || c == '"' || c == '\'' {
		i++
	}
	for n := 0; n < 2 && j > i; n++ {
		switch tok[j-1] {
		case '.', ',', ';', ':', '!', '?', ')', '"', '\'':
			j--
			continue
		}
		break
	}
	if j-i < 1 || j < len(tok) && len(tok)-j == 2 && tok[j] == tok[j+1] {
		return false // "word..", "word;;": for the full checks
	}
	for k := i; k < j; k++ {
		c := tok[k]
		if !isLetter(c) && c < utf8.RuneSelf && !(k > i && (c == '\'' || c == '-')) {
			return false
		}
	}
	return true
}

// operators are character pairs that occur in code, not in prose.
var operators = []string{"?.", "??", "::", "->", "=>", "!=", "&&", "||", "++", "(.", "(,", "(;", ",.)", ";;)"}

// trimQuotes strips the opening and closing quotes and brackets and the
// punctuation after them from both ends of tok.
func trimQuotes(tok string) string {
	for tok != "" {
		r, size := utf8.DecodeRuneInString(tok)
		if r == '(' || r == '[' || r == '"' || r == '\'' || IsQuote(r) {
			tok = tok[size:]
			continue
		}
		break
	}
	for tok != "" {
		r, size := utf8.DecodeLastRuneInString(tok)
		switch {
		case r == ')' || r == ']' || r == '"' || r == '\'' || IsQuote(r),
			r == '.' || r == ',' || r == ';' || r == ':' || r == '!' || r == '?':
			tok = tok[:len(tok)-size]
			continue
		}
		break
	}
	return tok
}

// quotedRange reports whether tok is one word in straight single quotes
// that ends with exactly two full stops, git's notation for a range
// ("'main..'", "'origin..'"). Dialogue in double quotes ("\"yes..\"")
// is prose.
func quotedRange(tok string) bool {
	if len(tok) < 5 || tok[0] != '\'' {
		return false
	}
	k := strings.LastIndexByte(tok, '\'')
	if k < 4 {
		return false
	}
	inner := tok[1:k]
	return strings.HasSuffix(inner, "..") && !strings.HasSuffix(inner, "...") && isAlnum(inner[0])
}

// version reports whether s holds a version: digits separated by full
// stops at least twice ("1.2.3", "v2.6.12"), or a "v" and a digit.
func version(s string) bool {
	dots := 0
	for i := 1; i+1 < len(s); i++ {
		if s[i] == '.' && isDigit(s[i-1]) && isDigit(s[i+1]) {
			dots++
		}
	}
	if dots >= 2 {
		return true
	}
	return len(s) >= 2 && (s[0] == 'v' || s[0] == 'V') && isDigit(s[1]) && dots >= 1
}

// dottedName reports whether s holds a full stop between two runs of two
// or more letters or digits, one of them with a lower-case letter:
// "README.md", "os.path", "Node.js"; not "e.g", "U.S" or "3.5".
func dottedName(s string) bool {
	for i := 2; i+2 < len(s); i++ {
		if s[i] != '.' {
			continue
		}
		a, b := i, i+1
		for a > 0 && isAlnum(s[a-1]) {
			a--
		}
		e := b
		for e < len(s) && isAlnum(s[e]) {
			e++
		}
		if i-a < 2 || e-b < 2 {
			continue
		}
		if allDigits(s[a:i]) && allDigits(s[b:e]) {
			continue // a number
		}
		if hasLower(s[a:i]) || hasLower(s[b:e]) {
			return true
		}
	}
	return false
}

// callArgs reports whether s holds a letter or digit right before "("
// whose bracket holds something other than letters ("FOO(x,.)", "f()"),
// or a closing bracket right before a letter or digit ("(.)c").
func callArgs(s string) bool {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '(':
			if !isAlnum(s[i-1]) {
				continue
			}
			k := strings.IndexByte(s[i:], ')')
			if k < 0 {
				k = len(s) - i
			}
			inner := s[i+1 : i+k]
			if inner == "" {
				return true
			}
			for j := 0; j < len(inner); j++ {
				if !isLetter(inner[j]) && inner[j] < utf8.RuneSelf {
					return true
				}
			}
		case ')', ']':
			if i+1 < len(s) && isAlnum(s[i+1]) {
				return true
			}
		}
	}
	return false
}

// flag reports whether s, which starts with "-", is a command-line
// flag: one or two hyphens and a letter ("-L", "--all"), not a dash.
func flag(s string) bool {
	s = strings.TrimPrefix(s[1:], "-")
	return s != "" && isLetter(s[0])
}

// entityInside reports whether s holds a markup entity: "&" then a
// name or "#" and digits, then ";".
func entityInside(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] != '&' {
			continue
		}
		j := i + 1
		if s[j] == '#' {
			j++
		}
		k := j
		for k < len(s) && isAlnum(s[k]) {
			k++
		}
		if k > j && k < len(s) && s[k] == ';' {
			return true
		}
	}
	return false
}

// CommandLine reports whether line, one line of text without its line
// ending, looks like a shell command: after any indentation, a prompt
// ("$ ", "% " or "# " before a lower-case word, "C:\>") or a
// common command name in lower case followed by an argument ("git log
// v1.2.3..", "cd ..", "find . -name x"), or a shell condition ("if [ -d
// ~/bin ] ; then").
func CommandLine(line string) bool {
	line = trimIndent(line)
	if len(line) >= 2 && (line[0] == '$' || line[0] == '%' || line[0] == '#') && line[1] == ' ' {
		rest := strings.TrimLeft(line[2:], " ")
		return rest != "" && (isLower(rest[0]) || rest[0] == '.' || rest[0] == '/')
	}
	if len(line) >= 3 && isLetter(line[0]) && line[1] == ':' && line[2] == '\\' && strings.Contains(line, ">") {
		return true
	}
	for _, kw := range shellTests {
		if strings.HasPrefix(line, kw) {
			return true // "if [ -d ~/bin ] ; then"
		}
	}
	sp := strings.IndexByte(line, ' ')
	if sp <= 0 {
		return false
	}
	if rest := line[sp:]; len(rest) >= 4 && (rest[1] == '$' || rest[1] == '#' || rest[1] == '%') && rest[2] == ' ' && isLower(rest[3]) {
		return true // "username $ xhost +", "root # apt install x": a prompt after a name
	}
	name := line[:sp]
	if _, ok := commands[name]; !ok {
		return false
	}
	arg := strings.TrimLeft(line[sp:], " ")
	return arg != "" && (arg[0] == '-' || arg[0] == '.' || arg[0] == '/' || arg[0] == '~' || arg[0] == '$' || isLower(arg[0]) || isDigit(arg[0]) || arg[0] == '\'' || arg[0] == '"')
}

// shellTests start a shell condition: a line of shell, not of prose.
var shellTests = []string{"[ ", "[[ ", "if [ ", "if [[ ", "elif [ ", "while [ ", "until [ ", "if test "}

// commands are command names that start a command line; only those
// that are not common English words at the start of a sentence, so a
// wrapped line of prose does not pass for one.
var commands = map[string]struct{}{
	"git": {}, "cd": {}, "ls": {}, "sudo": {}, "npm": {}, "npx": {}, "yarn": {}, "pnpm": {},
	"apt": {}, "apt-get": {}, "dpkg": {}, "rsync": {}, "tar": {}, "docker": {}, "kubectl": {},
	"go": {}, "pip": {}, "python": {}, "python3": {}, "node": {}, "curl": {}, "wget": {},
	"ssh": {}, "scp": {}, "chmod": {}, "chown": {}, "grep": {}, "sed": {}, "awk": {},
	"cp": {}, "mv": {}, "rm": {}, "mkdir": {}, "rmdir": {}, "cargo": {}, "rustc": {}, "gcc": {},
	"cc": {}, "clang": {}, "javac": {}, "mvn": {}, "gradle": {}, "make": {}, "cmake": {},
	"find": {}, "xargs": {}, "diff": {}, "patch": {}, "svn": {}, "hg": {}, "brew": {},
	"dnf": {}, "yum": {}, "pacman": {}, "systemctl": {}, "journalctl": {}, "export": {},
}

// trimIndent strips spaces, tabs and Unicode spaces from the start of s.
func trimIndent(s string) string {
	for s != "" {
		if s[0] == ' ' || s[0] == '\t' {
			s = s[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(s)
		if !UnicodeSpace(r) {
			break
		}
		s = s[size:]
	}
	return s
}

// LineAt returns the line of text that holds offset i, without its line
// ending, if it starts no more than MaxLine bytes before i; ok is false
// for a longer line, which no command line is.
func LineAt(text string, i int) (line string, ok bool) {
	start := i
	for start > 0 && text[start-1] != '\n' && text[start-1] != '\r' {
		if i-start >= MaxLine {
			return "", false
		}
		start--
	}
	end := i
	for end < len(text) && text[end] != '\n' && text[end] != '\r' && end-start < MaxLine {
		end++
	}
	return text[start:end], true
}

// MaxLine bounds the lines LineAt returns.
const MaxLine = 512

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLower(c byte) bool  { return 'a' <= c && c <= 'z' }
func isLetter(c byte) bool { return isLower(c | 0x20) }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func hasLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if isLower(s[i]) {
			return true
		}
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
