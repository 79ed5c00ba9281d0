package normalize

import (
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/charclass"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// RuleHTMLEntity is the rule id of the entity stage.
const RuleHTMLEntity = "encoding.html-entity"

var entityRules = []lint.Rule{
	{ID: RuleHTMLEntity, Severity: lint.Warning, Fixes: true,
		Doc: "HTML character reference in plain text (&amp;, &rsquo;, &#8217;, &#x2019;): decoded; documents that look like HTML, references in code, on a command line or quoted on their own are left alone; in a line about markup (write &amp; for &) a suggestion"},
}

// entityStage decodes HTML character references in text that is not
// HTML. A reference must end with a semicolon and name a known entity or
// a valid code point; "AT&T", "&c" and "a & b" are left alone. If the text
// holds an HTML tag ("<p>", "<a href", "</div>", "<!--"), it is HTML and
// the stage does nothing.
//
// Decoding runs to a fixed point: "&amp;amp;" becomes "&", in one
// finding, so that a second run finds nothing.
type entityStage struct{}

func (entityStage) Name() string { return "entity" }

func (entityStage) Rules() []lint.Rule { return rulesCopy(entityRules) }

// maxEntityPasses bounds the decoding of nested references.
const maxEntityPasses = 16

func (entityStage) Check(text string) []lint.Finding {
	if strings.IndexByte(text, '&') < 0 || looksLikeHTML(text) {
		return nil
	}
	src := text
	var view *textView
	if needsView(text, true) {
		// Decode the text as later stages will see it: "&\x1bamp;" is
		// "&amp;" once the control character is removed.
		view = newTextView(text, true)
		src = view.text
	}
	// If decoding makes the text look like HTML ("&lt;p&gt;"), the text
	// is still at a fixed point: the next run sees HTML and stops.
	segs, _ := fixedPoint(src, maxEntityPasses, func(cur string, _ []lint.Span) []medit {
		if looksLikeHTML(cur) {
			return nil
		}
		return entityPass(cur)
	})
	fs := segmentFindings(src, segs, view, RuleHTMLEntity, lint.Warning, func(before string, s mseg) string {
		return "HTML entity " + before + " → " + strconv.Quote(s.text)
	})
	return judgeEntities(text, fs)
}

// judgeEntities keeps the findings of references that are, as far as
// the text shows, escaped characters, and drops or downgrades those
// that are written about:
//   - a reference in a token that looks like code once the reference is
//     taken out ("<jane&#64;laptop>"), in quotes or backticks of its own
//     ("'&amp;'", "`&lt;`"), or on a command line is left alone;
//   - one in a line that speaks of markup ("write &amp; for an
//     ampersand", "avoid generating &quot;") is a suggestion.
func judgeEntities(text string, fs []lint.Finding) []lint.Finding {
	out := fs[:0]
	line, lineStart, lineEnd := false, -1, -1
	for _, f := range fs {
		if entityMention(text, f.Span) {
			continue
		}
		if f.Start >= lineEnd {
			lineStart, lineEnd = lineBounds(text, f.Start)
			line = speaksOfMarkup(text[lineStart:lineEnd])
		}
		if line {
			f.Suggest = true
			f.Message += " (if it is not written about)"
		}
		out = append(out, f)
	}
	return out
}

// entityMention reports whether the reference at sp is part of code or
// quoted on its own (see judgeEntities).
func entityMention(text string, sp lint.Span) bool {
	ts, te, ok := charclass.TokenAt(text, sp.Start)
	if !ok {
		return true
	}
	te = max(te, sp.End)
	if rest := withoutEntities(text[ts:sp.Start] + text[sp.End:te]); charclass.CodeToken(rest) {
		return true
	}
	if sp.Start > 0 && sp.End < len(text) {
		b, a := text[sp.Start-1], text[sp.End]
		if (b == '\'' || b == '"' || b == '`') && a == b {
			return true
		}
	}
	if l, ok := charclass.LineAt(text, sp.Start); ok && charclass.CommandLine(l) {
		return true
	}
	return false
}

// withoutEntities returns s without its character references: the
// other references of a token ("&eacute;t&eacute;") are escaped
// characters too, not code.
func withoutEntities(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '&' {
			if end, _, ok := entityAt(s, i); ok {
				b.WriteByte('x')
				i = end
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// maxMarkupLook bounds how far either side of a reference the line is
// read for words about markup.
const maxMarkupLook = 160

// lineBounds returns the bounds of the line around offset i, at most
// maxMarkupLook bytes either side.
func lineBounds(text string, i int) (int, int) {
	s := i
	for s > 0 && i-s < maxMarkupLook && text[s-1] != '\n' {
		s--
	}
	e := i
	for e < len(text) && e-i < maxMarkupLook && text[e] != '\n' {
		e++
	}
	return s, e
}

// markupWords are the word stems of a sentence about markup.
var markupWords = []string{"html", "xml", "sgml", "markup", "entit", "escap", "writ", "generat", "encod", "decod", "refer", "literal", "charact", "output", "emit", "render"}

// speaksOfMarkup reports whether line holds a word that speaks of
// markup or of writing characters.
func speaksOfMarkup(line string) bool {
	var buf [2 * maxMarkupLook]byte
	n := copy(buf[:], line)
	for k := 0; k < n; k++ {
		if c := buf[k]; 'A' <= c && c <= 'Z' {
			buf[k] = c + 'a' - 'A'
		}
	}
	low := string(buf[:n])
	for _, w := range markupWords {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// entityPass returns the decodings of the references in cur.
func entityPass(cur string) []medit {
	var edits []medit
	for i := 0; ; {
		k := strings.IndexByte(cur[i:], '&')
		if k < 0 {
			break
		}
		i += k
		end, dec, ok := entityAt(cur, i)
		if !ok {
			i++
			continue
		}
		if dec == "¿" && letterBefore(cur, i) && lowerAt(cur, end) {
			// "Blair&#191;s": an apostrophe that a conversion lost (its
			// top bit set on "?"), never an inverted question mark,
			// which opens a question after a space.
			dec = "'"
		}
		edits = append(edits, medit{start: i, end: end, new: dec})
		i = end
	}
	return edits
}

// maxEntityLen bounds the length of a reference, "&" to ";".
const maxEntityLen = 40

// entityAt decodes the reference at cur[i] ('&'), returning its end.
func entityAt(cur string, i int) (end int, dec string, ok bool) {
	j := i + 1
	if j < len(cur) && cur[j] == '#' {
		j++
		hex := j < len(cur) && (cur[j] == 'x' || cur[j] == 'X')
		if hex {
			j++
		}
		start := j
		for j < len(cur) && j-i < maxEntityLen && isEntityDigit(cur[j], hex) {
			j++
		}
		if j == start || j >= len(cur) || cur[j] != ';' {
			return 0, "", false
		}
		base := 10
		if hex {
			base = 16
		}
		n, err := strconv.ParseUint(cur[start:j], base, 32)
		if err != nil || n == 0 || n > utf8.MaxRune || n >= 0xD800 && n < 0xE000 {
			return 0, "", false
		}
		// html.UnescapeString maps 0x80–0x9F as Windows-1252, as browsers do.
		return j + 1, html.UnescapeString(cur[i : j+1]), true
	}
	start := j
	for j < len(cur) && j-i < maxEntityLen && isASCIIAlnum(cur[j]) {
		j++
	}
	if j == start || j >= len(cur) || cur[j] != ';' {
		return 0, "", false
	}
	ref := cur[i : j+1]
	d := html.UnescapeString(ref)
	// html decodes the longest known prefix: "&notit;" is "¬it;". Only a
	// whole name counts.
	if d == ref || strings.HasSuffix(d, ";") && ref != "&semi;" {
		return 0, "", false
	}
	return j + 1, d, true
}

func isEntityDigit(c byte, hex bool) bool {
	switch {
	case c >= '0' && c <= '9':
		return true
	case hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'):
		return true
	}
	return false
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// looksLikeHTML reports whether text holds an HTML tag, comment or
// doctype: "<" and a letter, or "</" and a letter, followed by ">", "/"
// or white space; or "<!".
func looksLikeHTML(text string) bool {
	for i := 0; ; {
		k := strings.IndexByte(text[i:], '<')
		if k < 0 {
			return false
		}
		i += k + 1
		j := i
		if j < len(text) && text[j] == '!' {
			if strings.HasPrefix(text[j:], "!--") || len(text) > j+8 && strings.EqualFold(text[j:j+8], "!doctype") {
				return true
			}
			continue
		}
		if j < len(text) && text[j] == '/' {
			j++
		}
		start := j
		for j < len(text) && (isASCIIAlnum(text[j]) && (j > start || text[j] > '9')) {
			j++
		}
		if j == start || j >= len(text) {
			continue
		}
		switch text[j] {
		case '>', '/', ' ', '\t', '\n', '\r':
			return true
		}
	}
}

// letterBefore reports whether a letter ends s[:i].
func letterBefore(s string, i int) bool {
	r, size := utf8.DecodeLastRuneInString(s[:i])
	return size > 0 && unicode.IsLetter(r)
}

// lowerAt reports whether a lower-case letter starts s[i:]: "Blair&#191;s"
// lost an apostrophe, "Hola&#191;Qué" a space before a question.
func lowerAt(s string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	return size > 0 && unicode.IsLower(r)
}
