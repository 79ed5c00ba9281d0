// Package segment splits text into paragraphs and sentences, with byte
// offsets, for copydesk's dedupe stage. It can be used on its own.
package segment

// A Unit is a paragraph or sentence: the half-open byte range
// [Start, End) of the text, without surrounding white space.
type Unit struct {
	Start, End int
}

// Sentences returns the sentences of text in order.
// PLACEHOLDER: naive split being replaced by the abbreviation-aware splitter.
func Sentences(text string) []Unit {
	var out []Unit
	start := -1
	for i := 0; i < len(text); i++ {
		c := text[i]
		if start < 0 {
			if c != ' ' && c != '\n' && c != '\t' && c != '\r' {
				start = i
			}
			continue
		}
		if (c == '.' || c == '!' || c == '?') && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n') {
			out = append(out, Unit{start, i + 1})
			start = -1
		}
	}
	if start >= 0 {
		end := len(text)
		for end > start && (text[end-1] == ' ' || text[end-1] == '\n' || text[end-1] == '\r' || text[end-1] == '\t') {
			end--
		}
		out = append(out, Unit{start, end})
	}
	return out
}
