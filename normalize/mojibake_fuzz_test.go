package normalize

import (
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// mojibakeAlphabet is the material of the random and fuzz tests: pieces
// of mojibake, characters later stages remove or change, entities and
// escape sequences.
var mojibakeAlphabet = []string{
	"Ã", "©", "â", "€", "œ", "Â", "\u00a0", " ", "  ", "a", "B", "\x1b", "[", "m", "]", "\a",
	"&", "amp;", "#", "38", ";", "\u0085", "\u0093", "\u0081", "\xe2", "\x80", "\xff", "√", "Ð",
	"Ñ", "ƒ", "Å", "’", "s", "\u200b", "A\u0303", "\u0301", "ﬁ", "\u2028", "…", "–", "Г",
	"‚", "В", "Ј", "×", "‘", "\n", "<p>", "l", "t", "é", "Ä", "±", "¤", "í", "½", "¸", "\u2009",
}

// checkEncodingChain runs the chain on text and checks the stage
// contract: valid findings, each stage idempotent alone, invalid bytes
// kept, and one pass reaching a fixed point.
func checkEncodingChain(t *testing.T, text string, opts Options) {
	t.Helper()
	stages := Stages(opts)
	cur := text
	inv := invalidBytes(text)
	for _, st := range stages {
		fs := st.Check(cur)
		checkFindings(t, st.Name(), cur, fs)
		next, err := lint.Apply(cur, fixesOf(fs, nil))
		if err != nil {
			t.Fatal(err)
		}
		// Alone, the stage settles within the pipeline's rounds (one
		// round for all but rare inputs, such as a mojibake repair that
		// yields a C1 control the next round maps).
		settle(t, []lint.Stage{st}, next, cur, nil)
		if invalidBytes(next) != inv {
			t.Fatalf("stage %s changed invalid bytes: %q -> %q", st.Name(), cur, next)
		}
		if utf8.ValidString(cur) && !utf8.ValidString(next) {
			t.Fatalf("stage %s made invalid UTF-8: %q -> %q", st.Name(), cur, next)
		}
		cur = next
	}
	settle(t, stages, cur, text, nil)
}

// TestEncodingStagesRandom runs the chain on random mixtures of the
// alphabet (fixed seed, so failures reproduce).
func TestEncodingStagesRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for i := 0; i < n; i++ {
		var sb strings.Builder
		for k := rng.Intn(12); k >= 0; k-- {
			sb.WriteString(mojibakeAlphabet[rng.Intn(len(mojibakeAlphabet))])
		}
		checkEncodingChain(t, sb.String(), Options{Quotes: QuoteStyle(i % 2)})
	}
}

// FuzzEncodingStages fuzzes the chain with inputs built from the
// mojibake alphabet: each byte of recipe picks a piece.
func FuzzEncodingStages(f *testing.F) {
	for _, s := range []string{
		"\x00\x01\x02", "\x05\x06\x07\x08", "\x0a\x0b\x0c\x0d\x0e", "\x22\x23\x24\x25\x26\x27\x28",
		"\x10\x11\x12\x13\x14\x15", "\x29\x2a\x2b\x2c\x2d\x2e\x2f\x30", "\x31\x32\x33\x34\x35\x36\x37\x38\x39",
	} {
		f.Add(s, "", false)
	}
	f.Add("", "rÃ©sumÃ© doesnâ€™t &amp;amp; \x1b[31mred\x1b[0m ﬁne\u2028", true)
	f.Add("", "\xc2\x15\x15\x9b \xe2\u200b\x01\x80\x99", false)
	f.Fuzz(func(t *testing.T, recipe, raw string, keep bool) {
		var sb strings.Builder
		for i := 0; i < len(recipe) && i < 64; i++ {
			sb.WriteString(mojibakeAlphabet[int(recipe[i])%len(mojibakeAlphabet)])
		}
		sb.WriteString(raw)
		opts := Options{}
		if keep {
			opts.Quotes = QuotesKeep
		}
		checkEncodingChain(t, sb.String(), opts)
	})
}

// A typoLang holds what the clean typographic text generator needs for
// one language: words rich in accented letters, elided words that end in
// a curly apostrophe ("l’", "dov’"), words that start with a vowel to
// follow them, the language's quotation marks with the spaces inside
// them, and the space before "!", "?" and ";".
type typoLang struct {
	name          string
	words         []string
	elided        []string
	vowelWords    []string
	open, close   []string
	beforeStop    string
	nbspAfter     []string // short words a no-break space binds to the next
	apostropheEnd []string // suffixes after an apostrophe ("’da")
}

// typoLangs are the languages of the clean typographic text generator.
var typoLangs = []typoLang{
	{name: "fr", words: strings.Fields("été époque déjà où être très après français château forêt élève garçon cœur œuvre Noël naïf côté même fenêtre ça là"),
		elided: []string{"l’", "d’", "qu’", "j’", "n’", "s’", "c’", "jusqu’", "lorsqu’"}, vowelWords: strings.Fields("à été époque élève œuvre où âme île usine année écho"),
		open: []string{"«\u00a0", "« ", "“"}, close: []string{"\u00a0»", " »", "”"}, beforeStop: "\u202f", nbspAfter: []string{"à", "M.", "p."}},
	{name: "it", words: strings.Fields("perché più già così può città però qualità virtù caffè università lunedì ventitré è là"),
		elided: []string{"l’", "dov’", "c’", "un’", "dell’", "nell’", "all’", "quest’", "com’"}, vowelWords: strings.Fields("è età isola amica ora uomo anno altra è"),
		open: []string{"«", "“"}, close: []string{"»", "”"}},
	{name: "es", words: strings.Fields("está más también qué él sí año niño según así después días información página corazón canción pingüino"),
		vowelWords: strings.Fields("árbol él ánimo"), open: []string{"«", "“", "‘"}, close: []string{"»", "”", "’"}},
	{name: "pt", words: strings.Fields("não são também você está já até só então informação coração ação pães mãe irmã avó avô órgão"),
		elided: []string{"d’", "caixa-d’"}, vowelWords: strings.Fields("água Ásia"), open: []string{"“", "«", "‘"}, close: []string{"”", "»", "’"}},
	{name: "de", words: strings.Fields("für über können müssen Größe während schön zurück später möglich natürlich Straße Mädchen Häuser Bäume Öl Übung"),
		open: []string{"„", "»", "‚"}, close: []string{"“", "«", "‘"}, apostropheEnd: []string{"’s"}},
	{name: "cs", words: strings.Fields("že které být jsou také není může než této přes při velmi Tomáš Novák žluťoučký kůň úpěl ďábelské ódy Šimon Řehoř"),
		open: []string{"„", "‚"}, close: []string{"“", "‘"}, nbspAfter: []string{"v", "k", "s", "z", "o", "u", "a", "i"}},
	{name: "pl", words: strings.Fields("że się są być już może także jest który będzie więcej przez można źródło łódź gęś jaźń Śląsk Żółw"),
		open: []string{"„", "«"}, close: []string{"”", "»"}, nbspAfter: []string{"w", "z", "i", "o", "a", "u"}},
	{name: "tr", words: strings.Fields("için çok değil gibi şey daha sonra büyük göre olduğu şekilde içinde İstanbul Ankara Türkiye ığdır güneş"),
		open: []string{"“", "‘"}, close: []string{"”", "’"}, apostropheEnd: []string{"’da", "’ya", "’nin", "’de"}},
}

// typoSentence writes one sentence of clean typographic text in lang;
// pick(n) chooses a number below n.
func typoSentence(l typoLang, pick func(n int) int) string {
	var b strings.Builder
	n := 4 + pick(8)
	for i := 0; i < n; i++ {
		if i > 0 {
			switch pick(12) {
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
		w := l.words[pick(len(l.words))]
		switch k := pick(10); {
		case k == 0 && len(l.elided) > 0:
			w = l.elided[pick(len(l.elided))] + l.vowelWords[pick(len(l.vowelWords))]
		case k == 1:
			q := pick(len(l.open))
			w = l.open[q] + w + l.close[q]
		case k == 2 && len(l.nbspAfter) > 0:
			w = l.nbspAfter[pick(len(l.nbspAfter))] + "\u00a0" + w
		case k == 3 && len(l.apostropheEnd) > 0:
			w += l.apostropheEnd[pick(len(l.apostropheEnd))]
		case k == 4:
			w = strconv.Itoa(2+pick(98)) + "\u00a0" + w
		}
		b.WriteString(w)
	}
	switch pick(5) {
	case 0:
		b.WriteString("…")
	case 1:
		b.WriteString(l.beforeStop + "!")
	case 2:
		b.WriteString(l.beforeStop + "?")
	default:
		b.WriteString(".")
	}
	return b.String()
}

// typoText writes clean typographic text: sentences in the languages,
// chosen by pick.
func typoText(pick func(n int) int, sentences int) string {
	var b strings.Builder
	for i := 0; i < sentences; i++ {
		if i > 0 {
			b.WriteString(" ")
			if pick(4) == 0 {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(typoSentence(typoLangs[pick(len(typoLangs))], pick))
	}
	return b.String()
}

// checkTypoClean checks that the encoding stages leave clean
// typographic text byte for byte: the mojibake stage finds nothing, nor
// do the others that repair encodings.
func checkTypoClean(t *testing.T, text string) {
	t.Helper()
	for _, st := range Stages(Options{Quotes: QuotesKeep}) {
		if !encodingStageNames[st.Name()] {
			continue
		}
		for _, f := range st.Check(text) {
			t.Fatalf("%s on clean text: %q: %s\n%+q", st.Name(), text[f.Start:f.End], f.Message, text)
		}
	}
}

// TestMojibakeTypographyClean runs the encoding stages on generated clean
// text in French, Italian, Spanish, Portuguese, German, Czech, Polish and
// Turkish, with curly apostrophes, the languages' quotation marks,
// dashes, ellipses and no-break spaces next to accented letters: nothing
// is found (fixed seed, so failures reproduce).
func TestMojibakeTypographyClean(t *testing.T) {
	rng := rand.New(rand.NewSource(14))
	n := 2000
	if testing.Short() {
		n = 200
	}
	for i := 0; i < n; i++ {
		checkTypoClean(t, typoText(rng.Intn, 1+rng.Intn(6)))
	}
	// Every language alone, in a long text, so that one code page can
	// seem to explain much of it.
	for _, l := range typoLangs {
		var b strings.Builder
		for i := 0; i < 200; i++ {
			b.WriteString(typoSentence(l, rng.Intn))
			b.WriteString(" ")
		}
		checkTypoClean(t, b.String())
	}
}

// FuzzMojibakeTypographyClean fuzzes the clean typographic text
// generator: each byte of recipe is a choice.
func FuzzMojibakeTypographyClean(f *testing.F) {
	f.Add([]byte("\x00\x01\x02\x03\x04\x05\x06\x07"))
	f.Add([]byte("qu’à l’époque « déjà »"))
	f.Fuzz(func(t *testing.T, recipe []byte) {
		i := 0
		pick := func(n int) int {
			if n <= 1 || len(recipe) == 0 {
				return 0
			}
			c := int(recipe[i%len(recipe)])
			i++
			return c % n
		}
		sentences := 1
		if len(recipe) > 0 {
			sentences += int(recipe[0]) % 6
		}
		checkTypoClean(t, typoText(pick, sentences))
	})
}
