package segment

// A Unit is a paragraph or sentence: the half-open byte range
// [Start, End) of the text, without surrounding white space.
type Unit struct {
	Start, End int
}

// Sentences returns the sentences of text in order, with the default
// rules (every language's at once; see Options.Lang); it is the same as
// (*Splitter)(nil).Sentences(text).
//
// The units never overlap, are never empty, neither start nor end with white
// space (as defined by unicode.IsSpace) and together cover every byte of text
// that is not white space.
func Sentences(text string) []Unit {
	var s *Splitter
	return s.AppendSentences(nil, text)
}

// Options choose a Splitter's language and add abbreviations to it. The
// zero value is the default rules.
//
// Each entry is written with or without its final period ("Univ." or
// "Univ"), is matched without regard to ASCII letter case and may hold inner
// periods ("M.Sc."). Entries longer than 32 bytes are ignored.
type Options struct {
	// Lang is the language of the text, as a tag such as "de" or
	// "pt-BR": its abbreviations, sentence starters and ordinal numbers
	// decide where sentences end (see Languages). "" or a language
	// without rules of its own applies every language's abbreviations
	// at once and never ends a sentence after one of them before a word
	// that could go on.
	Lang string
	// Abbreviations end a sentence only when the next word is a common
	// sentence starter such as "The", "He" or "However" (like "Inc." or
	// "etc.").
	Abbreviations []string
	// Titles never end a sentence when a capitalized word or a number
	// follows, because a name or number always does (like "Mr." or "Gen.").
	// Written in lower case in the text ("rep."), they act as Abbreviations.
	Titles []string
}

// A Splitter splits text into sentences with the rules of its language
// plus the abbreviations of its Options. A nil *Splitter uses the default
// rules only. A Splitter is safe for concurrent use.
type Splitter struct {
	extra map[string]abbrClass
	tab   *langTable
}

// NewSplitter returns a Splitter that also knows the abbreviations in opts.
func NewSplitter(opts Options) *Splitter {
	s := &Splitter{tab: tableFor(opts.Lang)}
	if len(opts.Abbreviations)+len(opts.Titles) > 0 {
		s.extra = make(map[string]abbrClass, len(opts.Abbreviations)+len(opts.Titles))
	}
	add := func(words []string, c abbrClass) {
		for _, w := range words {
			for len(w) > 0 && w[len(w)-1] == '.' {
				w = w[:len(w)-1]
			}
			if w == "" || len(w) > maxAbbrevLen {
				continue
			}
			var buf [maxAbbrevLen]byte
			s.extra[string(lowerASCII(buf[:0], w))] = c
		}
	}
	add(opts.Abbreviations, abGeneral)
	add(opts.Titles, abTitle)
	return s
}

// Sentences returns the sentences of text in order; see the package
// function Sentences for the guarantees on the result.
func (s *Splitter) Sentences(text string) []Unit {
	return s.AppendSentences(nil, text)
}

// AppendSentences appends the sentences of text to dst and returns the
// extended slice, so that a caller splitting many texts can reuse one
// buffer.
func (s *Splitter) AppendSentences(dst []Unit, text string) []Unit {
	if dst == nil && len(text) > 0 {
		// News prose averages well over 64 bytes a sentence.
		dst = make([]Unit, 0, len(text)/64+1)
	}
	sc := scanner{text: text, sp: s, out: dst, tab: unionTable}
	if s != nil {
		sc.tab = s.tab
	}
	sc.run()
	return sc.out
}
