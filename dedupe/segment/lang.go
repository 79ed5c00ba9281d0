package segment

import (
	"bufio"
	"embed"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// langFiles holds the sentence rules of each language as data: one file
// a language (see lang/README.md for the format and the sources).
//
//go:embed lang/*.txt
var langFiles embed.FS

// A langTable holds the word lists the splitter uses for one language, or
// for all of them at once (the default).
type langTable struct {
	// abbrevs maps lower-case abbreviations, without their final period,
	// to their class; lens and ends filter look-ups as abbrevLens and
	// abbrevEnds describe.
	abbrevs    map[string]abbrClass
	lens, ends [256]uint16
	// starters holds the words that open a sentence after an abbreviation
	// that usually goes on ("usw. Die …"), with their starterLens filter.
	starters    map[string]uint8
	starterLens [256]uint16
	// months and ordinalBefore make "3. Mai" and "am 3." ordinal numbers
	// rather than sentence ends; nil in languages without them.
	months        map[string]bool
	ordinalBefore map[string]bool
	// ordinalChain holds the words that join two ordinal numbers ("3.
	// und 4."): the second is one when the first is.
	ordinalChain map[string]bool
	// suffixNumber holds the ends of compound words that, like "Hauptstr.",
	// come before a number.
	suffixNumber []string
	// caps holds the abbreviations written in capitals in a rules file
	// ("MM"), which match a word of capitals: others never do, since
	// "MS." is no "Ms.".
	caps map[string]bool
}

// langNames lists the languages with rules of their own, sorted.
var langNames []string

// langTables maps each language of langNames to its table; unionTable
// applies every language's rules at once and never splits after an
// abbreviation any of them knows.
var langTables, unionTable = buildTables()

func buildTables() (map[string]*langTable, *langTable) {
	entries, err := langFiles.ReadDir("lang")
	if err != nil {
		panic("segment: reading embedded rules: " + err.Error())
	}
	tables := make(map[string]*langTable, len(entries))
	union := newLangTable()
	for w, c := range abbrevs {
		union.abbrevs[w] = c
	}
	for w, v := range starters {
		union.starters[w] = v
	}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".txt")
		if !ok {
			continue
		}
		data, err := langFiles.ReadFile("lang/" + e.Name())
		if err != nil {
			panic("segment: reading embedded rules: " + err.Error())
		}
		t, err := parseLang(name, string(data), union)
		if err != nil {
			panic("segment: " + err.Error())
		}
		tables[name] = t
		langNames = append(langNames, name)
	}
	slices.Sort(langNames)
	// English is the built-in list, unchanged.
	en := newLangTable()
	for w, c := range abbrevs {
		en.abbrevs[w] = c
	}
	for w, v := range starters {
		en.starters[w] = v
	}
	tables["en"] = en
	for _, t := range tables {
		t.index()
	}
	union.index()
	return tables, union
}

func newLangTable() *langTable {
	return &langTable{abbrevs: make(map[string]abbrClass, 256), starters: make(map[string]uint8, 256)}
}

// classRank orders abbreviation classes from the one that ends a
// sentence most readily to the one that ends it least: the default
// table keeps the most conservative class a word has in any language.
var classRank = [...]int{abNone: 0, abNumber: 1, abGeneral: 2, abMulti: 2, abInitial: 2, abTime: 2, abTitle: 3, abTitleAny: 3, abNever: 4}

// parseLang reads the rules file of language name into a new table, and
// adds the words that apply without a language to union. Every language
// starts from the English list, which its own entries override.
func parseLang(name, data string, union *langTable) (*langTable, error) {
	t := newLangTable()
	for w, c := range abbrevs {
		t.abbrevs[w] = c
	}
	for w, v := range starters {
		if v == starterTitle {
			t.starters[w] = v
		}
	}
	classes := map[string]abbrClass{"title": abTitleAny, "general": abGeneral, "number": abNumber, "never": abNever}
	sc := bufio.NewScanner(strings.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		text, _, _ := strings.Cut(sc.Text(), "#")
		key, list, ok := strings.Cut(text, ":")
		if !ok {
			if strings.TrimSpace(text) != "" {
				return nil, fmt.Errorf("lang/%s.txt:%d: no class", name, line)
			}
			continue
		}
		key, local := strings.CutSuffix(strings.TrimSpace(key), "/local")
		words := strings.Fields(list)
		switch key {
		case "starters":
			for _, w := range words {
				t.starters[w] = starterWord
				union.starters[w] = starterWord
			}
			continue
		case "months":
			if t.months == nil {
				t.months = map[string]bool{}
			}
			for _, w := range words {
				t.months[strings.ToLower(w)] = true
				if !local {
					if union.months == nil {
						union.months = map[string]bool{}
					}
					union.months[strings.ToLower(w)] = true
				}
			}
			continue
		case "ordinal-before":
			if t.ordinalBefore == nil {
				t.ordinalBefore = map[string]bool{}
			}
			for _, w := range words {
				t.ordinalBefore[strings.ToLower(w)] = true
			}
			continue
		case "ordinal-chain":
			if t.ordinalChain == nil {
				t.ordinalChain = map[string]bool{}
			}
			for _, w := range words {
				t.ordinalChain[strings.ToLower(w)] = true
			}
			continue
		case "suffix-number":
			t.suffixNumber = append(t.suffixNumber, words...)
			if !local {
				union.suffixNumber = append(union.suffixNumber, words...)
			}
			continue
		}
		c, ok := classes[key]
		if !ok {
			return nil, fmt.Errorf("lang/%s.txt:%d: unknown class %q", name, line, key)
		}
		for _, w := range words {
			w = strings.TrimRight(w, ".")
			var buf [maxAbbrevLen]byte
			k := string(lowerASCII(buf[:0], w))
			if k == "" || len(k) > maxDefaultAbbrevLen {
				return nil, fmt.Errorf("lang/%s.txt:%d: %q is empty or longer than %d bytes", name, line, w, maxDefaultAbbrevLen)
			}
			if len(k) == 1 && c != abTitleAny {
				// A single letter is an initial: it ends a sentence only
				// before an opener, never before a number ("S. 12").
				continue
			}
			if old, dup := t.abbrevs[k]; !dup || abbrevs[k] == old || classRank[c] > classRank[old] {
				t.abbrevs[k] = c
			}
			caps := len(w) > 1 && acronym(w)
			if caps {
				t.addCaps(w)
			}
			if local {
				continue
			}
			if caps {
				union.addCaps(w)
			}
			if _, english := abbrevs[k]; english || len(k) == 1 {
				continue // the English class or initial stands in English text
			}
			if old, dup := union.abbrevs[k]; !dup || classRank[c] > classRank[old] {
				union.abbrevs[k] = c
			}
		}
	}
	return t, nil
}

// addCaps records that the abbreviation w is written in capitals.
func (t *langTable) addCaps(w string) {
	if t.caps == nil {
		t.caps = map[string]bool{}
	}
	t.caps[w] = true
}

// index fills the look-up filters of t.
func (t *langTable) index() {
	for w := range t.abbrevs {
		t.lens[w[0]] |= 1 << len(w)
		t.ends[w[len(w)-1]] |= 1 << len(w)
	}
	for w := range t.starters {
		if len(w) < 16 {
			t.starterLens[w[0]] |= 1 << len(w)
		}
	}
}

// starter returns starterWord or starterTitle if w is a sentence starter
// of the table's language, else 0.
func (t *langTable) starter(w nextWord) uint8 {
	if w.word == "" || len(w.word) >= 16 || t.starterLens[w.word[0]]&(1<<len(w.word)) == 0 {
		return 0
	}
	return t.starters[w.word]
}

// maybeAbbrev reports whether tok passes the table's cheap filters: it
// may be one of its abbreviations.
func (t *langTable) maybeAbbrev(tok string) bool {
	return len(tok) <= maxDefaultAbbrevLen && t.lens[lowerByte(tok[0])]&t.ends[lowerByte(tok[len(tok)-1])]&(1<<len(tok)) != 0
}

// Languages returns the languages whose sentence rules the splitter
// knows, sorted: the values Options.Lang takes besides "".
func Languages() []string {
	return slices.Clone(langNames)
}

// baseLang returns the language of a tag such as "de-CH" or "pt_BR" in
// lower case ("de", "pt").
func baseLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// ValidLang reports whether lang is "" (every language at once) or a
// tag whose language has rules of its own ("de", "de-CH", "pt_BR").
func ValidLang(lang string) bool {
	if strings.TrimSpace(lang) == "" {
		return true
	}
	_, ok := langTables[baseLang(lang)]
	return ok
}

// tableFor returns the table of lang, or the union table for "" or a
// language without rules of its own.
func tableFor(lang string) *langTable {
	if t, ok := langTables[baseLang(lang)]; ok {
		return t
	}
	return unionTable
}

// ordinal reports whether the number tok before a period, followed by the
// capitalized word at k, is an ordinal number in the table's language:
// "3. Mai", "am 3. Oktober", "im 19. Jahrhundert".
func (t *langTable) ordinal(text string, start, ts int, tok string, k int) bool {
	if t.months == nil && t.ordinalBefore == nil && t.ordinalChain == nil || len(tok) > 3 {
		return false
	}
	for i := 0; i < len(tok); i++ {
		if !isASCIIDigit(tok[i]) {
			return false
		}
	}
	if t.months != nil && len(tok) <= 2 {
		k = skipSpace(text, k)
		e := k
		for e < len(text) && e-k < 16 {
			r, size := utf8.DecodeRuneInString(text[e:])
			if !unicode.IsLetter(r) {
				break
			}
			e += size
		}
		if t.months[strings.ToLower(text[k:e])] {
			return true
		}
	}
	if t.ordinalBefore != nil || t.ordinalChain != nil {
		// The word before the number.
		e := ts
		for e > start && asciiSpace[text[e-1]] {
			e--
		}
		b := e
		for b > start && e-b < 8 && !asciiSpace[text[b-1]] {
			b--
		}
		if b < e && e < ts && (b == start || asciiSpace[text[b-1]]) {
			w := text[b:e]
			if t.ordinalBefore[w] {
				return true
			}
			if t.ordinalChain[w] {
				// "der 3. und 4. Form": after "und", an ordinal if
				// one comes before it.
				p := b
				for p > start && asciiSpace[text[p-1]] {
					p--
				}
				return p-2 >= start && text[p-1] == '.' && isASCIIDigit(text[p-2])
			}
		}
	}
	return false
}

// suffixAbbrev reports whether tok is a compound that ends with one of
// the table's suffixes ("Hauptstr" with "str").
func (t *langTable) suffixAbbrev(tok string) bool {
	for _, suf := range t.suffixNumber {
		if len(tok) > len(suf) && strings.HasSuffix(tok, suf) && isASCIILower(tok[len(tok)-len(suf)-1]) {
			return true
		}
	}
	return false
}
