package dedupe

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// The word lists of the repeated-word policy are data: one file per
// language under words/, named by its ISO 639-1 code. See words/en.txt
// for the format.
//
//go:embed words/*.txt
var wordFiles embed.FS

// A wordList is the policy data of one language.
type wordList struct {
	code     string
	detect   map[string]bool
	fix      map[string]bool
	notAfter map[string]map[string]bool // doubled word -> words after which it is grammar
}

// wordLists holds the languages, English first: it wins ties and is the
// language of a paragraph that gives no sign of one.
var wordLists = mustLoadWordLists()

func mustLoadWordLists() []*wordList {
	ls, err := loadWordLists()
	if err != nil {
		panic(err) // the embedded files are part of the build: a test catches this
	}
	return ls
}

// loadWordLists parses the embedded word lists.
func loadWordLists() ([]*wordList, error) {
	names, err := wordFiles.ReadDir("words")
	if err != nil {
		return nil, fmt.Errorf("reading the word lists: %w", err)
	}
	var ls []*wordList
	for _, e := range names {
		b, err := wordFiles.ReadFile(path.Join("words", e.Name()))
		if err != nil {
			return nil, fmt.Errorf("reading word list %s: %w", e.Name(), err)
		}
		l, err := parseWordList(strings.TrimSuffix(e.Name(), ".txt"), string(b))
		if err != nil {
			return nil, fmt.Errorf("word list %s: %w", e.Name(), err)
		}
		ls = append(ls, l)
	}
	sort.SliceStable(ls, func(i, j int) bool { return ls[i].code == "en" && ls[j].code != "en" })
	if len(ls) == 0 || ls[0].code != "en" {
		return nil, fmt.Errorf("word lists: no English list (words/en.txt)")
	}
	return ls, nil
}

// parseWordList parses one word list file.
func parseWordList(code, src string) (*wordList, error) {
	l := &wordList{code: code, detect: map[string]bool{}, fix: map[string]bool{}, notAfter: map[string]map[string]bool{}}
	for n, line := range strings.Split(src, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		head, words, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("line %d: want \"detect:\", \"fix:\" or \"not-after WORD:\"", n+1)
		}
		var set map[string]bool
		switch f := strings.Fields(head); {
		case len(f) == 1 && f[0] == "detect":
			set = l.detect
		case len(f) == 1 && f[0] == "fix":
			set = l.fix
		case len(f) == 2 && f[0] == "not-after":
			set = map[string]bool{}
			l.notAfter[f[1]] = set
		default:
			return nil, fmt.Errorf("line %d: unknown heading %q", n+1, head)
		}
		for _, w := range strings.Fields(words) {
			if w != strings.ToLower(w) {
				return nil, fmt.Errorf("line %d: %q is not lower case", n+1, w)
			}
			set[w] = true
		}
	}
	return l, nil
}

// language returns the word list of the language text[sp] reads as: the
// one with the most words of its detect list (a word repeated right after
// itself counts once), English on a tie or when none has any.
func language(text string, sp lint.Span) *wordList {
	l, _ := languageScore(text, sp)
	return l
}

// languageScore is language with the number of the paragraph's words
// that the chosen list detects.
func languageScore(text string, sp lint.Span) (*wordList, int) {
	var score [16]int
	var buf, prev [32]byte
	np := -1 // length of the word before, in prev
	for i := sp.Start; i < sp.End; {
		r, n := utf8.DecodeRuneInString(text[i:sp.End])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		j := i
		for j < sp.End {
			r, m := utf8.DecodeRuneInString(text[j:sp.End])
			if !unicode.IsLetter(r) {
				break
			}
			j += m
		}
		if j-i <= len(buf) {
			w := lowerWord(buf[:0], text[i:j])
			// A word typed twice counts once, so that removing the copy
			// leaves the paragraph's language as it was.
			if len(w) <= len(prev) && string(w) != string(prev[:max(np, 0)]) {
				for k, l := range wordLists {
					if k < len(score) && l.detect[string(w)] {
						score[k]++
					}
				}
			}
			np = copy(prev[:], w)
			if len(w) > len(prev) {
				np = -1
			}
		} else {
			np = -1
		}
		i = j
	}
	best := 0
	for k := 1; k < len(wordLists) && k < len(score); k++ {
		if score[k] > score[best] {
			best = k
		}
	}
	return wordLists[best], score[best]
}

// lowerWord appends w in lower case to dst.
func lowerWord(dst []byte, w string) []byte {
	for _, r := range w {
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}
