package pipeline_test

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// A script is what the prose generator needs to write clean text in one
// writing system: words in NFC, how sentences end, how words are joined.
type script struct {
	name  string
	words []string
	stops []string // sentence ends, the first most often
	comma string   // a comma with what follows it
	space string   // between words: " ", or "" for CJK
}

// scripts cover the letters and joiners the stages must leave alone: ZWNJ
// inside Persian words, ZWJ inside emoji sequences, combining marks and
// conjuncts in Devanagari, variation selectors, flags, skin tones.
var scripts = []script{
	{"latin", strings.Fields("garden river morning window letter village bridge harvest candle winter market doctor teacher station museum orchard lantern meadow harbour chapel café naïve façade über straße smörgåsbord año niño œuvre Ærø"), []string{".", "!", "?"}, ", ", " "},
	{"cyrillic", strings.Fields("город река утро окно письмо деревня мост урожай свеча зима рынок врач учитель вокзал музей сад фонарь луг гавань ёлка йогурт щука объём"), []string{".", "!", "?"}, ", ", " "},
	{"greek", strings.Fields("πόλη ποτάμι πρωί παράθυρο γράμμα χωριό γέφυρα σοδειά κερί χειμώνας αγορά γιατρός δάσκαλος σταθμός μουσείο κήπος φανάρι λιβάδι λιμάνι ΐ ΰ"), []string{".", ";"}, ", ", " "},
	{"arabic", strings.Fields("مدينة نهر صباح نافذة رسالة قرية جسر حصاد شمعة شتاء سوق طبيب معلم محطة متحف بستان فانوس مرج ميناء كِتَابٌ"), []string{".", "؟", "!"}, "، ", " "},
	{"persian", strings.Fields("می\u200cخواهم کتاب\u200cها خانه\u200cای نمی\u200cدانم شهر رود صبح پنجره نامه روستا پل برداشت شمع زمستان بازار پزشک معلم ایستگاه موزه باغ"), []string{".", "؟"}, "، ", " "},
	{"devanagari", strings.Fields("नगर नदी सुबह खिड़की पत्र गाँव पुल फ़सल मोमबत्ती सर्दी बाज़ार डॉक्टर शिक्षक स्टेशन संग्रहालय बग़ीचा लालटेन क्षेत्र ज्ञान श्री"), []string{"।", "?"}, ", ", " "},
	{"cjk", []string{"城市", "河流", "早晨", "窗户", "信件", "村庄", "桥梁", "收获", "蜡烛", "冬天", "市场", "医生", "老师", "车站", "博物馆", "果园", "灯笼", "草地", "港口", "ひらがな", "カタカナ", "한국어", "문장"}, []string{"。", "！", "？"}, "，", ""},
	{"emoji", []string{"👨\u200d👩\u200d👧", "👩\u200d💻", "🏳\ufe0f\u200d🌈", "👍🏽", "🇫🇷", "🇯🇵", "1\ufe0f\u20e3", "❤\ufe0f", "🧑🏿\u200d🚀", "☕", "🌍", "garden", "market", "river", "letter", "bridge", "winter", "teacher"}, []string{".", "!"}, ", ", " "},
}

// proseGen writes clean prose: sentences of distinct words, never the same
// sentence twice, paragraphs separated by one blank line.
type proseGen struct {
	rng  *rand.Rand
	seen map[string]bool
}

func (g *proseGen) sentence(s script) string {
	for {
		n := 6 + g.rng.IntN(8)
		perm := g.rng.Perm(len(s.words))[:min(n, len(s.words))]
		var b strings.Builder
		for i, w := range perm {
			word := s.words[w]
			if i == 0 {
				word = capitalize(word)
			} else if i == len(perm)/2 && g.rng.IntN(3) == 0 {
				b.WriteString(s.comma)
			} else {
				b.WriteString(s.space)
			}
			b.WriteString(word)
		}
		stop := s.stops[0]
		if g.rng.IntN(4) == 0 {
			stop = s.stops[g.rng.IntN(len(s.stops))]
		}
		b.WriteString(stop)
		if out := b.String(); !g.seen[out] {
			g.seen[out] = true
			return out
		}
	}
}

// capitalize upper-cases the first letter, where the script has cases.
func capitalize(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if up := unicode.ToUpper(r); up != r && utf8.RuneLen(up) > 0 {
		return norm.NFC.String(string(up) + w[n:])
	}
	return w
}

// document writes paragraphs in the scripts, with the line ending nl.
func (g *proseGen) document(ss []script, paragraphs int, nl string) string {
	var b strings.Builder
	for p := range paragraphs {
		if p > 0 {
			b.WriteString(nl + nl)
		}
		s := ss[g.rng.IntN(len(ss))]
		for i := range 2 + g.rng.IntN(4) {
			if i > 0 {
				if s.space == "" {
					// CJK sentences follow each other without a space.
				} else {
					b.WriteString(" ")
				}
			}
			b.WriteString(g.sentence(s))
		}
	}
	b.WriteString(nl)
	return b.String()
}

// knownSplitters are rules known to report spans that cut a word at a
// ZWNJ or an emoji sequence at a ZWJ; their findings are logged, not
// failed, until fixed. Remove an entry when its rule is fixed.
var knownSplitters = map[string]string{
	"style.echo": "counts the parts of an emoji ZWJ sequence as words",
}

// splitsJoined reports whether offset i of text falls inside a word or a
// symbol that a joiner or a combining character holds together: next to
// a ZWJ or ZWNJ, or before a combining mark, a variation selector, a
// keycap or a skin-tone modifier.
func splitsJoined(text string, i int) bool {
	if i <= 0 || i >= len(text) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i:])
	switch {
	case before == '\u200c', before == '\u200d', after == '\u200c', after == '\u200d':
		return true
	case after == '\ufe0f', after == '\u20e3', after >= 0x1f3fb && after <= 0x1f3ff:
		return true
	}
	return unicode.Is(unicode.Mn, after) || unicode.Is(unicode.Mc, after)
}

// TestCleanProseUnchanged generates clean prose in many scripts and
// checks that every pipeline configuration returns it byte for byte, with
// no fix and no warning: none of the stages mistakes a letter, a joiner or
// a script's punctuation for something to clean. Reports of style
// (info findings without a fix) are allowed, but no finding may cut a
// word or an emoji sequence held together by a joiner.
func TestCleanProseUnchanged(t *testing.T) {
	for _, s := range scripts {
		for _, w := range s.words {
			if !norm.NFC.IsNormalString(w) {
				t.Fatalf("%s: word %q is not NFC: the generator must write clean text", s.name, w)
			}
		}
	}
	configs := map[string]registry.Options{
		"default":     {},
		"quotes keep": {Normalize: normalize.Options{Quotes: normalize.QuotesKeep}},
		"dedupe all":  {Dedupe: dedupe.Options{Mode: dedupe.All}},
		"dedupe off":  {Dedupe: dedupe.Options{Mode: dedupe.Off}},
	}
	docs := map[string]string{}
	g := &proseGen{rng: rand.New(rand.NewPCG(1, 2)), seen: map[string]bool{}}
	for _, s := range scripts {
		docs[s.name] = g.document([]script{s}, 6, "\n")
		docs[s.name+" crlf"] = g.document([]script{s}, 4, "\r\n")
	}
	for i := range 8 {
		docs["mixed "+string(rune('a'+i))] = g.document(scripts, 10, "\n")
	}
	known := map[string]int{}
	defer func() {
		for rule, n := range known {
			t.Logf("known issue: %s %s (%d findings)", rule, knownSplitters[rule], n)
		}
	}()
	for cname, opts := range configs {
		p := registry.Default(opts)
		for dname, doc := range docs {
			r := p.Run(doc)
			if r.Cleaned != doc {
				t.Errorf("%s, %s: clean prose changed", cname, dname)
			}
			for _, f := range r.Findings {
				if len(f.Fix) > 0 || f.Severity != lint.Info {
					t.Errorf("%s, %s: %s %s at %d: %q: %s", cname, dname, f.Severity, f.Rule, f.Start, doc[f.Start:f.End], f.Message)
				}
				if splitsJoined(doc, f.Start) || splitsJoined(doc, f.End) {
					if _, ok := knownSplitters[f.Rule]; ok {
						known[f.Rule]++
						continue
					}
					t.Errorf("%s, %s: %s finding %q at %d:%d cuts a joined word or emoji sequence in two", cname, dname, f.Rule, doc[f.Start:f.End], f.Start, f.End)
				}
			}
		}
	}
}

// typoScripts are Latin-script languages written with their typography,
// for TestCleanTypographyUnchanged: words rich in accented letters, and
// the punctuation that sits next to them (see typoWord and
// typoSentence): curly apostrophes in elisions, the languages' quotation
// marks with the no-break spaces French puts inside guillemets, dashes,
// ellipses, no-break spaces after numbers and one-letter prepositions.
var typoScripts = []struct {
	name        string
	words       []string
	elided      []string // words elided before a vowel: "l’", "dov’"
	vowelWords  []string // words to follow them
	open, close []string // quotation marks, with the spaces inside them
	beforeStop  string   // the space before "!" and "?"
	bound       []string // one-letter words bound to the next by a no-break space
	suffixes    []string // suffixes after an apostrophe: "’da"
}{
	{name: "fr", words: strings.Fields("été époque déjà où être très après français château forêt élève garçon cœur œuvre Noël naïf côté même fenêtre ça"),
		elided: []string{"l’", "d’", "qu’", "j’", "n’", "s’", "c’", "jusqu’"}, vowelWords: strings.Fields("à été époque élève œuvre où âme île usine année écho"),
		open: []string{"«\u00a0", "« ", "“"}, close: []string{"\u00a0»", " »", "”"}, beforeStop: "\u202f", bound: []string{"à"}},
	{name: "it", words: strings.Fields("perché più già così può città però qualità virtù caffè università lunedì ventitré"),
		elided: []string{"l’", "dov’", "c’", "un’", "dell’", "nell’", "all’", "quest’"}, vowelWords: strings.Fields("è età isola amica ora uomo anno altra"),
		open: []string{"«", "“"}, close: []string{"»", "”"}},
	{name: "es", words: strings.Fields("está más también qué él sí año niño según así después días información página corazón canción pingüino"),
		open: []string{"«", "“", "‘"}, close: []string{"»", "”", "’"}},
	{name: "pt", words: strings.Fields("não são também você está já até só então informação coração ação pães mãe irmã avó avô órgão"),
		elided: []string{"d’"}, vowelWords: strings.Fields("água Ásia"), open: []string{"“", "«", "‘"}, close: []string{"”", "»", "’"}},
	{name: "de", words: strings.Fields("für über können müssen Größe während schön zurück später möglich natürlich Straße Mädchen Häuser Bäume Öl Übung"),
		open: []string{"„", "»", "‚"}, close: []string{"“", "«", "‘"}, suffixes: []string{"’s"}},
	{name: "cs", words: strings.Fields("že které být jsou také není může než této přes při velmi Tomáš Novák žluťoučký kůň úpěl ďábelské ódy Šimon Řehoř"),
		open: []string{"„", "‚"}, close: []string{"“", "‘"}, bound: []string{"v", "k", "s", "z", "o", "u"}},
	{name: "pl", words: strings.Fields("że się są być już może także jest który będzie więcej przez można źródło łódź gęś jaźń Śląsk Żółw"),
		open: []string{"„", "«"}, close: []string{"”", "»"}, bound: []string{"w", "z", "o", "u"}},
	{name: "tr", words: strings.Fields("için çok değil gibi şey daha sonra büyük göre olduğu şekilde içinde İstanbul Ankara Türkiye ığdır güneş"),
		open: []string{"“", "‘"}, close: []string{"”", "’"}, suffixes: []string{"’da", "’ya", "’nin", "’de"}},
}

// typoSentence writes a sentence of distinct words in typoScripts[s],
// never the same sentence twice.
func (g *proseGen) typoSentence(s int) string {
	l := typoScripts[s]
	for {
		n := 5 + g.rng.IntN(7)
		perm := g.rng.Perm(len(l.words))[:min(n, len(l.words))]
		var b strings.Builder
		used := map[string]bool{} // elided words, which the permutation does not keep distinct
		for i, k := range perm {
			w := l.words[k]
			if i == 0 {
				w = capitalize(w)
			} else {
				switch g.rng.IntN(12) {
				case 0:
					b.WriteString(" – ")
				case 1:
					b.WriteString(" — ")
				case 2:
					b.WriteString(", ")
				default:
					b.WriteString(" ")
				}
			}
			switch c := g.rng.IntN(8); {
			case c == 0 && len(l.elided) > 0 && i > 0:
				v := l.vowelWords[g.rng.IntN(len(l.vowelWords))]
				if !used[v] {
					used[v] = true
					w = l.elided[g.rng.IntN(len(l.elided))] + v
				}
			case c == 1:
				q := g.rng.IntN(len(l.open))
				w = l.open[q] + w + l.close[q]
			case c == 2 && len(l.bound) > 0 && i > 0:
				w = l.bound[g.rng.IntN(len(l.bound))] + "\u00a0" + w
			case c == 3 && len(l.suffixes) > 0:
				w += l.suffixes[g.rng.IntN(len(l.suffixes))]
			case c == 4 && i > 0:
				w = strconv.Itoa(2+g.rng.IntN(98)) + "\u00a0" + w
			}
			b.WriteString(w)
		}
		switch g.rng.IntN(5) {
		case 0:
			b.WriteString("…")
		case 1:
			b.WriteString(l.beforeStop + "!")
		case 2:
			b.WriteString(l.beforeStop + "?")
		default:
			b.WriteString(".")
		}
		if out := b.String(); !g.seen[out] {
			g.seen[out] = true
			return out
		}
	}
}

// typoDocument writes paragraphs of typographic prose in the languages
// ss (indexes of typoScripts).
func (g *proseGen) typoDocument(ss []int, paragraphs int) string {
	var b strings.Builder
	for p := range paragraphs {
		if p > 0 {
			b.WriteString("\n\n")
		}
		s := ss[g.rng.IntN(len(ss))]
		for i := range 2 + g.rng.IntN(4) {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(g.typoSentence(s))
		}
	}
	b.WriteString("\n")
	return b.String()
}

// houseStyleRules are the rules that rewrite typography by design in
// some configuration: the default quote style straightens quotes and
// spells out ellipses, and no-break spaces become spaces.
var houseStyleRules = []string{normalize.RuleCurlyQuote, normalize.RuleEllipsis, normalize.RuleUnicodeSpace}

// knownTypography are rules known to change clean typographic text
// once the house-style rules are off; their findings are logged, not
// failed, until fixed. Remove an entry when its rule is fixed.
var knownTypography = map[string]string{}

// TestCleanTypographyUnchanged generates clean prose in French, Italian,
// Spanish, Portuguese, German, Czech, Polish and Turkish, with curly
// apostrophes, guillemets and low-high quotes, dashes, ellipses and
// no-break spaces next to accented letters, and checks that the default
// pipeline returns it byte for byte once the house-style rules that
// rewrite typography by design (houseStyleRules) are off: no other rule,
// the mojibake repair above all, takes typography next to an accented
// letter for something to clean. With the house-style rules on, no
// finding changes a letter.
func TestCleanTypographyUnchanged(t *testing.T) {
	g := &proseGen{rng: rand.New(rand.NewPCG(14, 15)), seen: map[string]bool{}}
	docs := map[string]string{}
	all := make([]int, len(typoScripts))
	for i, s := range typoScripts {
		docs[s.name] = g.typoDocument([]int{i}, 12)
		all[i] = i
	}
	for i := range 6 {
		docs["mixed "+string(rune('a'+i))] = g.typoDocument(all, 10)
	}
	configs := map[string]registry.Options{
		"default":     {Disabled: houseStyleRules},
		"quotes keep": {Normalize: normalize.Options{Quotes: normalize.QuotesKeep}, Disabled: houseStyleRules},
		"dedupe all":  {Dedupe: dedupe.Options{Mode: dedupe.All}, Disabled: houseStyleRules},
	}
	known := map[string]int{}
	defer func() {
		for rule, n := range known {
			t.Logf("known issue: %s %s (%d findings)", rule, knownTypography[rule], n)
		}
	}()
	for cname, opts := range configs {
		p := registry.Default(opts)
		for dname, doc := range docs {
			r := p.Run(doc)
			changed := false
			for _, f := range r.Findings {
				if len(f.Fix) == 0 && f.Severity == lint.Info {
					continue
				}
				if _, ok := knownTypography[f.Rule]; ok {
					known[f.Rule]++
					continue
				}
				changed = true
				t.Errorf("%s, %s: %s %s at %d: %q: %s", cname, dname, f.Severity, f.Rule, f.Start, doc[f.Start:f.End], f.Message)
			}
			if r.Cleaned != doc && !changed && len(known) == 0 {
				t.Errorf("%s, %s: clean typographic prose changed", cname, dname)
			}
		}
	}
	// The default pipeline, house style on: letters are kept.
	p := registry.Default(registry.Options{})
	for dname, doc := range docs {
		r := p.Run(doc)
		if got, want := lettersOf(r.Cleaned), lettersOf(doc); got != want {
			t.Errorf("default, %s: letters changed", dname)
		}
		for _, f := range r.Findings {
			if strings.HasPrefix(f.Rule, "encoding.") {
				t.Errorf("default, %s: %s at %d: %q: %s", dname, f.Rule, f.Start, doc[f.Start:f.End], f.Message)
			}
		}
	}
}

// lettersOf returns the letters and digits of s, in order.
func lettersOf(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}
