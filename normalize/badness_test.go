package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// wellFormed is correct text in Latin-script languages, with the
// typography each language uses: curly apostrophes in elisions,
// guillemets with no-break spaces, low-high quotes, dashes, ellipses.
var wellFormed = map[string]string{
	"fr": "Qu’à l’époque, l’été était «\u00a0déjà\u00a0» chaud\u202f; où êtes-vous\u00a0? C’est là\u2026 — dit-il.",
	"it": "Dov’è l’amico? Perché c’è un’altra città più in là: «\u00a0così\u00a0» è già l’età dell’oro.",
	"es": "¿Qué está pasando? «Él dijo: “sí, también”», según el niño – después… ¡Olé!",
	"pt": "Não é possível: “às vezes” a informação está em ‘sistema’ — você já viu?",
	"de": "„Größe“ und ‚Übermaß‘ – über müssen, können; »zurück« … Straße.",
	"cs": "Tomáš\u00a0Novák řekl: „Příliš žluťoučký kůň“ – že které jsou také…",
	"pl": "Zażółć gęślą jaźń – „się” i »już«, może… Łódź\u00a0i\u00a0Śląsk.",
	"tr": "Pijamalı hasta “yağız şoföre” çabucak güvendi – İstanbul’da ‘için’ değil…",
	"ca": "L’Ajuntament diu: «l’acció és d’ells» – col·lecció, això…",
	"ro": "Știință și „țară” – Bucureşti, învăţământ…",
	"hu": "„Árvíztűrő tükörfúrógép” – őszi szél…",
	"sv": "”Blåbär” – sjö, här, öl…",
}

func TestStrangenessWellFormed(t *testing.T) {
	for lang, s := range wellFormed {
		if got := strangeness(s); got > 0 {
			t.Errorf("%s: strangeness %d, want ≤ 0: %q", lang, got, s)
		}
	}
}

// TestStrangenessMojibake checks that typical mojibake is clearly
// stranger than its repair.
func TestStrangenessMojibake(t *testing.T) {
	for _, tc := range []struct{ bad, good string }{
		{"rÃ©sumÃ©", "résumé"},
		{"doesnâ€™t", "doesn’t"},
		{"HÃ´tel", "Hôtel"},
		{"DOS AÃ‘OS", "DOS AÑOS"},
		{"RÄ«ga", "Rīga"},
		{"g√¢teaux", "gâteaux"},
		{"wei√ü", "weiß"},
		{"Ã s crianÃ§as", "às crianças"},
		{"voilÃ  le", "voilà le"},
		{"GÃ\u00a0idhlig", "Gàidhlig"},
		{"РїСЂРёРІРµС‚", "привет"},
		{"Î•Î»Î»Î·Î½Î¹ÎºÎ¬", "Ελληνικά"},
		{"─îe┼ítina", "Čeština"},
		{"âœ” No", "✔ No"},
		{"x\u0093y\u0094", "x“y”"},
	} {
		bad, good := strangeness(tc.bad), strangeness(tc.good)
		if bad-good < gateClear {
			t.Errorf("%q (%d) is not clearly stranger than %q (%d)", tc.bad, bad, tc.good, good)
		}
	}
}

// TestStrangenessGarbledRepairs checks that correct text the mojibake
// stage used to "repair" is not strange at all (the gate repairs nothing
// there), and that the garbled results are stranger still: letters of
// another script inside a Latin word, letters of no language's
// alphabet. A listed letter becomes a word ("à"), which is not strange:
// there only the first check holds.
func TestStrangenessGarbledRepairs(t *testing.T) {
	for _, tc := range []struct {
		good, garbled string
		listed        bool
	}{
		{"qu’à l’époque", "quՈ lՎpoque", false},           // MacRoman: Armenian
		{"dov’è", "dovՏ", false},                          // MacRoman: Armenian
		{"«\u00a0déjà\u00a0»", "Ǡdéjà»", false},           // MacRoman: Latin Extended-B
		{"Tomáš\u00a0Novák", "TomᚠNovák", false},          // Windows-1252: Runic
		{"en cours – les", "en coursРles", false},         // MacRoman: Cyrillic
		{"l’été", "lՎtՎ", false},                          // Armenian
		{"C3     Ã     LATIN", "C3     à    LATIN", true}, // a table row
		{"À Á Â Ã Ä Å", "À Á Â à Ä Å", true},              // a listed alphabet
	} {
		good, garbled := strangeness(tc.good), strangeness(tc.garbled)
		if good > 0 {
			t.Errorf("%q: strangeness %d, want ≤ 0", tc.good, good)
		}
		if !tc.listed && garbled <= good {
			t.Errorf("%q (%d) is not stranger than %q (%d)", tc.garbled, garbled, tc.good, good)
		}
	}
}

// TestStrangenessAlphabets checks the tables: each language's letters
// are lower case and make a word of that language plausible.
func TestStrangenessAlphabets(t *testing.T) {
	for lang, letters := range latinAlphabets {
		for _, r := range letters {
			if alphabetSets[r] == 0 {
				t.Errorf("%s: %q not in the alphabet sets", lang, r)
			}
		}
		// Two letters of one alphabet make no "no alphabet" penalty.
		rs := []rune(letters)
		if len(rs) >= 2 {
			word := "a" + string(rs[0]) + string(rs[len(rs)-1])
			if got := strangeness(word); got > 0 {
				t.Errorf("%s: %q scores %d", lang, word, got)
			}
		}
	}
	if got := strangeness("Ãª"); got <= 0 {
		t.Errorf("Ãª scores %d, want > 0", got)
	}
}

// TestCommonWords checks the table: every word is lower case with a
// letter outside ASCII (strangeness looks up no other).
func TestCommonWords(t *testing.T) {
	for lang, words := range commonWords {
		for _, w := range strings.Fields(words) {
			if w != strings.ToLower(w) || !strings.ContainsFunc(w, func(r rune) bool { return r >= utf8.RuneSelf }) {
				t.Errorf("%s: %q", lang, w)
			}
		}
	}
	if strangeness("Déjà") >= 0 || strangeness("PERCHÉ") >= 0 {
		t.Error("a common word in capitals is not found")
	}
}
