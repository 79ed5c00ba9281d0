package dedupe

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// Structured text
//
// A paragraph or sentence that repeats the one just before it is removed
// in prose: a paragraph pasted twice. In structured text the same shape
// is often two records that happen to read alike, so there the repeat is
// only reported (a sentence) or suggested (a paragraph). A unit is
// structured when:
//
//   - it is a list item: it starts with "* ", "- ", "+ ", "• ", or a
//     number or letter and "." or ")" and a space;
//   - it starts a line indented by a tab: a GNU ChangeLog entry, a
//     block of preformatted text (indentation by spaces alone is not a
//     sign: a Markdown view replaces list and quote markers by spaces);
//   - it starts a line with a shell prompt or an e-mail quote ("$ ",
//     "% ", "> "): a command or its output;
//   - it is a signature line of a commit or a patch: "Signed-off-by:",
//     "Reviewed-by:", "Acked-by:", "Cc:" and the like;
//   - the text is shaped like a changelog: it has at least two lines that
//     read as the head of an entry ("commit 1a2b3c4…", a Debian
//     "pkg (1.0-1) unstable; urgency=…" or " -- Name <mail>  date" line,
//     a GNU "2024-01-31  Name  <mail>" line, a git shortlog
//     "Name (3):" line, a Markdown "## [1.2.0]" or "## v1.2.0"
//     heading), or a signature line; or
//   - it is one line laid out in columns: two or more gaps of a tab or
//     two spaces between its words (a table row);
//   - the copies differ in case ("-Cf" and "-CF", "lc(I)" and "lc(i)"):
//     to a program, different words.

// structure returns why the unit at sp, a repeat of first, is
// structured, for a message ("it is a list item"), or "" if it is prose.
func (c *checker) structure(sp, first lint.Span) string {
	t := c.text
	c.work += sp.Len() + first.Len()
	if caseDiffers(t[sp.Start:sp.End], t[first.Start:first.End]) {
		return "the copies differ in case"
	}
	u := t[sp.Start:sp.End]
	ls := sp.Start
	for ls > 0 && (t[ls-1] == ' ' || t[ls-1] == '\t') {
		ls--
	}
	lineStart := ls == 0 || t[ls-1] == '\n' || t[ls-1] == '\r'
	if lineStart {
		indent := t[ls:sp.Start]
		if strings.IndexByte(indent, '\t') >= 0 {
			return "it is indented by a tab (preformatted text or a changelog entry)"
		}
	}
	if listItem(u) {
		return "it is a list item"
	}
	if columns(u) {
		return "it is laid out in columns (a table)"
	}
	if lineStart && len(u) > 2 && (u[0] == '$' || u[0] == '%' || u[0] == '>') && u[1] == ' ' {
		return "it quotes a command or its output"
	}
	if signature(u) {
		return "it is a signature line"
	}
	if c.changelogShaped() {
		return "the text is a changelog, whose entries can repeat"
	}
	return ""
}

// columns reports whether u, one line, has two or more gaps of a tab or
// two spaces between its words, not after a sentence's end ("…said.
// The"), and one for every eight words or fewer: a row of a table.
func columns(u string) bool {
	if strings.IndexByte(u, '\n') >= 0 {
		return false
	}
	gaps := 0
	for i := 1; i+1 < len(u); i++ {
		if u[i] != '\t' && (u[i] != ' ' || u[i+1] != ' ') {
			continue
		}
		j := i
		for j < len(u) && (u[j] == ' ' || u[j] == '\t') {
			j++
		}
		if p := u[i-1]; p != '.' && p != '!' && p != '?' && p != ':' && p != ';' && p != ',' && j < len(u) {
			gaps++
		}
		i = j
	}
	// Two accidental double spaces in a long line of prose are not
	// columns: a row has a gap for every few words.
	return gaps >= 2 && gaps*8 >= len(strings.Fields(u))
}

// listItem reports whether u starts with a list marker.
func listItem(u string) bool {
	if len(u) < 2 {
		return false
	}
	switch {
	case (u[0] == '*' || u[0] == '-' || u[0] == '+') && (u[1] == ' ' || u[1] == '\t'):
		return true
	case strings.HasPrefix(u, "• ") || strings.HasPrefix(u, "· ") || strings.HasPrefix(u, "– "):
		return true
	}
	i := 0
	for i < len(u) && i < 3 && '0' <= u[i] && u[i] <= '9' {
		i++
	}
	if i == 0 && ('a' <= u[0] && u[0] <= 'z' || 'A' <= u[0] && u[0] <= 'Z') {
		i = 1
	}
	return i > 0 && i+1 < len(u) && (u[i] == '.' || u[i] == ')') && u[i+1] == ' '
}

// signature reports whether u starts with a trailer of a commit or patch:
// "Signed-off-by:", "Reviewed-by:", "Co-authored-by:", "Cc:".
func signature(u string) bool {
	head, _, ok := strings.Cut(u, ":")
	if !ok || len(head) > 24 {
		return false
	}
	if head == "Cc" || head == "CC" {
		return true
	}
	if !strings.HasSuffix(strings.ToLower(head), "-by") {
		return false
	}
	for _, r := range head {
		if !(r == '-' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return false
		}
	}
	return true
}

// changelogShaped reports whether the text is shaped like a changelog
// (see structure). It reads the text once, on first need.
func (c *checker) changelogShaped() bool {
	if c.changelog == 0 {
		c.changelog = -1
		if changelogLines(c.text) >= 2 {
			c.changelog = 1
		}
		c.work += len(c.text)
	}
	return c.changelog > 0
}

// changelogLines counts the lines of t that read as the head of a
// changelog entry or a signature line, stopping at two.
func changelogLines(t string) int {
	n := 0
	for len(t) > 0 && n < 2 {
		line := t
		if i := strings.IndexByte(t, '\n'); i >= 0 {
			line, t = t[:i], t[i+1:]
		} else {
			t = ""
		}
		line = strings.TrimRight(line, "\r")
		if changelogHead(line) {
			n++
		}
	}
	return n
}

// changelogHead reports whether line reads as the head of a changelog
// entry or a signature line.
func changelogHead(line string) bool {
	trimmed := strings.TrimLeft(line, " \t")
	switch {
	case strings.HasPrefix(line, "commit ") && hexRun(line[len("commit "):]) >= 7:
		return true
	case strings.HasPrefix(line, " -- ") && strings.Contains(line, "<") && strings.Contains(line, ">"):
		return true // Debian trailer
	case strings.Contains(line, "; urgency=") && strings.Contains(line, ") "):
		return true // Debian entry
	case len(line) > 12 && isDate(line[:10]) && (line[10] == ' ' || line[10] == '\t'):
		return true // GNU ChangeLog
	case line == trimmed && strings.HasSuffix(line, "):") && shortlogHead(line):
		return true // git shortlog
	case strings.HasPrefix(trimmed, "#") && versionHeading(strings.TrimLeft(trimmed, "# ")):
		return true // Markdown changelog
	case signature(trimmed):
		return true
	}
	return false
}

func hexRun(s string) int {
	n := 0
	for n < len(s) && ('0' <= s[n] && s[n] <= '9' || 'a' <= s[n] && s[n] <= 'f') {
		n++
	}
	return n
}

// isDate reports whether s is a date "YYYY-MM-DD".
func isDate(s string) bool {
	for i := 0; i < 10; i++ {
		c := s[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// shortlogHead reports whether line is "Name (N):".
func shortlogHead(line string) bool {
	open := strings.LastIndexByte(line, '(')
	if open < 2 || line[open-1] != ' ' {
		return false
	}
	num := line[open+1 : len(line)-2]
	if num == "" {
		return false
	}
	for i := 0; i < len(num); i++ {
		if num[i] < '0' || num[i] > '9' {
			return false
		}
	}
	return true
}

// versionHeading reports whether h starts with a version: "1.2",
// "v1.2.0", "[1.2.0]".
func versionHeading(h string) bool {
	h = strings.TrimPrefix(strings.TrimPrefix(h, "["), "v")
	i := 0
	for i < len(h) && '0' <= h[i] && h[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(h) && h[i] == '.' && '0' <= h[i+1] && h[i+1] <= '9'
}

// caseDiffers reports whether a and b, equal under the stage's folding,
// have letters that differ in case ("-Cf" and "-CF"): the letters of
// both, in order, are compared as written. A copy in capitals throughout
// ("THE OFFICIAL SAID …"), and a difference in the first letter only
// ("the end." and "The end."), are still copies; but not a first letter
// that is a word of its own ("I | Y" and "i | Y").
func caseDiffers(a, b string) bool {
	if shouting(a) || shouting(b) {
		return false
	}
	first := true
	for {
		ra, na := nextLetter(a)
		rb, nb := nextLetter(b)
		if na == 0 || nb == 0 {
			return false
		}
		if ra != rb && unicode.ToLower(ra) == unicode.ToLower(rb) {
			// The first letter may be a sentence's capital, unless it is
			// a word of its own ("I | Y Y n" and "i | Y Y n": table rows).
			if !first || na == len(a) || !letterAt(a, na) {
				return true
			}
		}
		first = false
		a, b = a[na:], b[nb:]
	}
}

// shouting reports whether s is written in capitals: no lower-case
// letter, and a word of two letters or more (not "I | Y Y n").
func shouting(s string) bool {
	run, word := 0, false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			run++
			word = word || run >= 2
		} else {
			run = 0
		}
	}
	return word
}

// letterAt reports whether s has a letter at byte i.
func letterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// nextLetter returns the first letter of s and the bytes up to its end,
// or 0 bytes if s has none.
func nextLetter(s string) (rune, int) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) {
			return r, i + n
		}
		i += n
	}
	return 0, 0
}
