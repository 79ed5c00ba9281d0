package markdown

import (
	"fmt"
	"strings"
)

// costlyShape returns why src would cost goldmark far more than its size
// to parse, or nil. It looks at each byte a bounded number of times.
func costlyShape(src string) *Fallback {
	if line, depth := deepestContainers(src); depth > maxDepth {
		return &Fallback{Offset: line, Reason: fmt.Sprintf("containers (list items, block quotes) nested %d or more deep on one line, more than %d", depth, maxDepth)}
	}
	if at, ok := linkScans(src); !ok {
		return &Fallback{Offset: strings.LastIndexByte(src[:at], '\n') + 1, Reason: "brackets nested or left open in numbers whose link parsing costs more than the size of the text"}
	}
	return nil
}

// linkScanPerByte bounds linkScans' estimate, per byte of text.
const linkScanPerByte = 64

// linkScans estimates what goldmark spends on links and reports whether
// it stays within linkScanPerByte per byte (plus a constant), and where
// it went over. Two costs grow with the square of the text: every "]("
// has goldmark read a destination up to the next white space or a
// balancing ")" ("[a]([a]([a](" reads the rest of the word from each),
// counted as the length of the word for each "](" in it; and every "]"
// has goldmark look through the bracketed text for links
// ("[[[[a]]]]"), counted as the distance back to its "[". Brackets are
// matched within a paragraph (a blank line ends them); a backslash
// escapes the next byte.
func linkScans(src string) (int, bool) {
	budget := linkScanPerByte*len(src) + 1<<20
	var open []int
	word, parens := 0, 0 // where the current word starts; its "]("s
	blank := true        // the line so far is blank
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case ' ', '\t', '\r', '\n':
			budget -= parens * (i - word)
			word, parens = i+1, 0
			if c == '\n' {
				if blank {
					open = open[:0]
				}
				blank = true
			}
		case '\\':
			i++
			blank = false
		case '[':
			open = append(open, i)
			blank = false
		case ']':
			if n := len(open); n > 0 {
				budget -= i - open[n-1]
				open = open[:n-1]
			}
			if i+1 < len(src) && src[i+1] == '(' {
				parens++
			}
			blank = false
		default:
			blank = false
		}
		if budget < 0 {
			return i, false
		}
	}
	budget -= parens * (len(src) - word)
	return len(src), budget >= 0
}

// maxDepth is the deepest nesting of containers Markdown is read with:
// goldmark's work on a line grows with the containers open there.
const maxDepth = 64

// deepestContainers returns the start of the first line whose container
// prefix (block quote ">"s, list markers and the indentation before
// them) may nest more than maxDepth deep, and that depth; or 0, 0. A
// container needs a marker, and a list item nested in another two
// columns more than its parent, so a line can open or continue at most
// (markers + columns before the last marker / 2) containers. Thematic
// breaks ("- - -") open none. It looks at each line's prefix once.
func deepestContainers(src string) (int, int) {
	for ls := 0; ls < len(src); {
		le := strings.IndexByte(src[ls:], '\n')
		if le < 0 {
			le = len(src)
		} else {
			le += ls
		}
		if d := containerDepth(src[ls:le]); d > maxDepth && !breakLine(strings.TrimLeft(src[ls:le], " \t")) {
			return ls, d
		}
		ls = le + 1
	}
	return 0, 0
}

// containerDepth bounds the containers line may open or continue, and
// stops counting past maxDepth.
func containerDepth(line string) int {
	markers, cols, before := 0, 0, 0
	for i := 0; i < len(line) && markers+before/2 <= maxDepth; {
		switch c := line[i]; {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4 - cols%4
			i++
		case c == '>':
			markers++
			before = cols
			cols++
			i++
		case c == '-' || c == '+' || c == '*':
			if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
				return markers + before/2
			}
			markers++
			before = cols
			cols++
			i++
		case c >= '0' && c <= '9':
			k := i
			for k < len(line) && k-i < 10 && line[k] >= '0' && line[k] <= '9' {
				k++
			}
			if k == len(line) || line[k] != '.' && line[k] != ')' || k+1 < len(line) && line[k+1] != ' ' && line[k+1] != '\t' {
				return markers + before/2
			}
			markers++
			before = cols
			cols += k + 1 - i
			i = k + 1
		default:
			return markers + before/2
		}
	}
	return markers + before/2
}
