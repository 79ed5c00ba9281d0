package segment

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// splitTexts returns the sentences sp finds in text.
func splitTexts(sp *Splitter, text string) []string {
	var out []string
	for _, u := range sp.Sentences(text) {
		out = append(out, text[u.Start:u.End])
	}
	return out
}

// TestLangRules holds, per language, the general rules of its style
// references, each with cases that would go wrong without the rule.
// Sources: Duden (Abkürzungen, Ordinalzahlen mit Punkt, Anführungszeichen
// „…“ and »…«), the Chicago Manual of Style (abbreviations, note
// reference numbers after the period: 14.26), the Imprimerie nationale's
// Lexique des règles typographiques (abbreviations, guillemets « … » with
// spaces inside), the Real Academia Española's Ortografía (abbreviations,
// titles Sr./Sra./D.ª), Språkrådet's Svenska skrivregler (t.ex., bl.a.,
// kl.), Dansk Sprognævn (hr., f.eks., ordinals "den 3. maj"), the
// Taalunie (dhr., mevr., bijv.), the Accademia della Crusca (Sig.ra,
// Dott., ecc.) and the Portuguese abbreviation conventions (Sr.ª, pág.).
func TestLangRules(t *testing.T) {
	tests := []struct {
		lang, rule, in string
		want           []string
	}{
		// English: the built-in rules.
		{"en", "title before a name", "Dr. Watson came. He sat.", []string{"Dr. Watson came.", "He sat."}},
		{"en", "note reference after the period ends the sentence", "As Smith argued.[4] Later work disagreed.", []string{"As Smith argued.[4]", "Later work disagreed."}},
		{"en", "several references", "As Smith argued.[4][7] Later work disagreed.", []string{"As Smith argued.[4][7]", "Later work disagreed."}},
		{"en", "note number after the period", "It was shown by Jones (2003).7 Most readers agreed.", []string{"It was shown by Jones (2003).7", "Most readers agreed."}},
		{"en", "superscript note number", "It was shown by Jones.⁷ Most readers agreed.", []string{"It was shown by Jones.⁷", "Most readers agreed."}},
		{"en", "a decimal is no note", "The rate was 3.5 Percent.", []string{"The rate was 3.5 Percent."}},
		{"en", "inline enumeration with commas", "Options are a) Fast, b) Cheap and c) Good. Pick two.", []string{"Options are a) Fast, b) Cheap and c) Good.", "Pick two."}},
		{"en", "inline enumeration in brackets", "You can (a) eat it, (b) drink it or (c) leave it. Then go.", []string{"You can (a) eat it, (b) drink it or (c) leave it.", "Then go."}},
		{"en", "roman inline enumeration", "The law says (i) This and (ii) That. Fine.", []string{"The law says (i) This and (ii) That.", "Fine."}},
		{"en", "list items still split", "1) The first item 2) The second item", []string{"1) The first item", "2) The second item"}},
		{"en", "dash aside with a bang", "He said -- yes! -- that it was fine. Then he left.", []string{"He said -- yes! -- that it was fine.", "Then he left."}},
		{"en", "dash aside with a question", "He said — really? — that it was fine. Then he left.", []string{"He said — really? — that it was fine.", "Then he left."}},
		{"en", "a bang before a dash with no aside ends", "Stop! -- He ran.", []string{"Stop!", "-- He ran."}},

		// German (Duden).
		{"de", "an initial before a page number", "Siehe S. 12 im Buch. Gut.", []string{"Siehe S. 12 im Buch.", "Gut."}},
		{"de", "title and degree before a name (degrees are local words: vet., dent.)", "Er ging zu Dr. med. Müller. Dann kam Prof. Dr. Schmidt.", []string{"Er ging zu Dr. med. Müller.", "Dann kam Prof. Dr. Schmidt."}},
		{"de", "section abbreviations before numbers", "Siehe § 3 Abs. 2 BGB und Nr. 5 der Liste. Das gilt.", []string{"Siehe § 3 Abs. 2 BGB und Nr. 5 der Liste.", "Das gilt."}},
		{"de", "currency before a number", "Es kostet Fr. 20 im Laden. Das ist viel.", []string{"Es kostet Fr. 20 im Laden.", "Das ist viel."}},
		{"de", "street compounds before a number", "Sie wohnt in der Hauptstr. 5 in Berlin. Dort ist es schön.", []string{"Sie wohnt in der Hauptstr. 5 in Berlin.", "Dort ist es schön."}},
		{"de", "ordinal before a month", "Er kam am 3. Mai nach Hause. Am 1. Januar ging er.", []string{"Er kam am 3. Mai nach Hause.", "Am 1. Januar ging er."}},
		{"de", "ordinal after a preposition", "Das geschah im 19. Jahrhundert. Dann kam der 2. Weltkrieg.", []string{"Das geschah im 19. Jahrhundert.", "Dann kam der 2. Weltkrieg."}},
		{"de", "ordinals joined by und", "In der 3. und 4. Form geht es. Gut.", []string{"In der 3. und 4. Form geht es.", "Gut."}},
		{"de", "a number after bis ends a sentence", "Im Bereich 0 bis 24. Zweitens gilt es.", []string{"Im Bereich 0 bis 24.", "Zweitens gilt es."}},
		{"de", "a year ends a sentence", "Er starb 1990. Dann kam sie.", []string{"Er starb 1990.", "Dann kam sie."}},
		{"de", "usw. before a sentence starter ends", "Äpfel, Birnen usw. Die Leute kauften alles.", []string{"Äpfel, Birnen usw.", "Die Leute kauften alles."}},
		{"de", "usw. before a noun goes on", "Äpfel, Birnen usw. Obst gab es genug.", []string{"Äpfel, Birnen usw. Obst gab es genug."}},
		{"de", "z. B. and d. h.", "Das ist z. B. gut, d. h. Wir bleiben.", []string{"Das ist z. B. gut, d. h. Wir bleiben."}},
		{"de", "closing quote „…“", "Er sagte: „Komm mit.“ Wir gingen los.", []string{"Er sagte: „Komm mit.“", "Wir gingen los."}},
		{"de", "closing quote »…«", "Er sagte: »Komm mit.« Wir gingen los.", []string{"Er sagte: »Komm mit.«", "Wir gingen los."}},
		{"de", "quote goes on after a comma", "„Komm mit!“, sagte er. Wir gingen.", []string{"„Komm mit!“, sagte er.", "Wir gingen."}},

		// French (Imprimerie nationale).
		{"fr", "titles before a name", "M. Dupont et Mme Martin sont venus. Ils sont partis.", []string{"M. Dupont et Mme Martin sont venus.", "Ils sont partis."}},
		{"fr", "page and volume before a number", "Voir p. 12 et vol. 3 du recueil. La suite est ailleurs.", []string{"Voir p. 12 et vol. 3 du recueil.", "La suite est ailleurs."}},
		{"fr", "no cut inside guillemets", "« Il est parti. Elle reste. » Puis il a dit oui.", []string{"« Il est parti. Elle reste. »", "Puis il a dit oui."}},
		{"fr", "question inside guillemets ends after them", "« Tu viens ? » Il partit.", []string{"« Tu viens ? »", "Il partit."}},
		{"fr", "incise after guillemets goes on", "« Non ! » répondit-il. Il partit.", []string{"« Non ! » répondit-il.", "Il partit."}},
		{"fr", "narrow no-break spaces", "«\u202FNon\u202F!\u202F» Il partit.", []string{"«\u202FNon\u202F!\u202F»", "Il partit."}},
		{"fr", "etc. before a starter", "Des pommes, des poires, etc. Le marché ferme.", []string{"Des pommes, des poires, etc.", "Le marché ferme."}},

		// Spanish (RAE).
		{"es", "titles before a name", "La Sra. García llegó con el Dr. Ruiz. Luego se fueron.", []string{"La Sra. García llegó con el Dr. Ruiz.", "Luego se fueron."}},
		{"es", "don and doña", "Lo dijo D. Pedro a Dña. Ana. Ella rio.", []string{"Lo dijo D. Pedro a Dña. Ana.", "Ella rio."}},
		{"es", "page and number before a number", "Véase la pág. 12 y el núm. 4 de la revista. Es breve.", []string{"Véase la pág. 12 y el núm. 4 de la revista.", "Es breve."}},
		{"es", "EE.UU. ends before an opener", "Viajó a EE.UU. Luego volvió a EE.UU. Madrid lo sabe.", []string{"Viajó a EE.UU.", "Luego volvió a EE.UU. Madrid lo sabe."}},
		{"es", "inverted marks", "¿Vienes? ¡Claro! Vamos.", []string{"¿Vienes?", "¡Claro!", "Vamos."}},
		{"es", "p. ej. goes on", "Hay frutas, p. ej. Manzanas y peras.", []string{"Hay frutas, p. ej. Manzanas y peras."}},

		// Italian (Crusca).
		{"it", "titles before a name", "Il Dott. Rossi e la Sig.ra Bianchi sono arrivati. Poi sono partiti.", []string{"Il Dott. Rossi e la Sig.ra Bianchi sono arrivati.", "Poi sono partiti."}},
		{"it", "ecc. before a starter", "Mele, pere ecc. Il mercato chiude.", []string{"Mele, pere ecc.", "Il mercato chiude."}},
		{"it", "page before a number", "Vedi pag. 12 del libro. Il resto manca.", []string{"Vedi pag. 12 del libro.", "Il resto manca."}},

		// Portuguese.
		{"pt", "titles before a name", "A Sra. Silva falou com o Dr. Costa. Depois saiu.", []string{"A Sra. Silva falou com o Dr. Costa.", "Depois saiu."}},
		{"pt", "page before a number", "Veja a pág. 12 do livro. O resto falta.", []string{"Veja a pág. 12 do livro.", "O resto falta."}},

		// Dutch (Taalunie).
		{"nl", "titles before a name", "Dhr. Jansen en mevr. De Vries kwamen. Ze bleven lang.", []string{"Dhr. Jansen en mevr. De Vries kwamen.", "Ze bleven lang."}},
		{"nl", "bijv. goes on", "Fruit, bijv. Appels en peren. Het is gezond.", []string{"Fruit, bijv. Appels en peren.", "Het is gezond."}},
		{"nl", "page before a number", "Zie blz. 12 en nr. 4. Dat is alles.", []string{"Zie blz. 12 en nr. 4.", "Dat is alles."}},

		// Danish (Dansk Sprognævn).
		{"da", "hr. before a name", "Det sagde hr. Jensen i går. Han kom.", []string{"Det sagde hr. Jensen i går.", "Han kom."}},
		{"da", "f.eks. goes on", "Frugt, f.eks. Æbler og pærer. Det er sundt.", []string{"Frugt, f.eks. Æbler og pærer.", "Det er sundt."}},
		{"da", "kl. and nr. before numbers", "Mødet er kl. 10 i lokale nr. 5. Kom til tiden.", []string{"Mødet er kl. 10 i lokale nr. 5.", "Kom til tiden."}},
		{"da", "ordinal after den", "Han kom den 3. Juni var slut.", []string{"Han kom den 3. Juni var slut."}},

		// Swedish (Språkrådet).
		{"sv", "t.ex. goes on", "Frukt, t.ex. Äpplen och päron. Det är nyttigt.", []string{"Frukt, t.ex. Äpplen och päron.", "Det är nyttigt."}},
		{"sv", "kl. before a number", "Mötet börjar kl. 10 i dag. Kom i tid.", []string{"Mötet börjar kl. 10 i dag.", "Kom i tid."}},
		{"sv", "bl.a. goes on", "Där fanns bl.a. Anna och Per. De log.", []string{"Där fanns bl.a. Anna och Per.", "De log."}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.rule, func(t *testing.T) {
			got := splitTexts(NewSplitter(Options{Lang: tt.lang}), tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s: %q\n\tgot  %q\n\twant %q", tt.lang, tt.in, got, tt.want)
			}
			// The default rules are at least as careful: every
			// sentence end they find, the language's rules find too,
			// save for the ordinal numbers of one language.
			if tt.lang != "en" {
				def := splitTexts(nil, tt.in)
				if len(def) > len(got) && !strings.Contains(tt.rule, "ordinal") && !strings.Contains(tt.rule, "local") {
					t.Errorf("default rules: %q\n\tgot  %q\n\twant at most %d sentences", tt.in, def, len(got))
				}
			}
		})
	}
}

// TestLangAbbrevClasses checks every abbreviation of every language file
// against its class, with the language's rules and with the default
// rules (every word not marked local): a title goes on before a name, a
// number abbreviation before a digit, one that never ends before
// anything capitalized; a general one ends only before a sentence
// starter.
func TestLangAbbrevClasses(t *testing.T) {
	for _, lang := range Languages() {
		data, err := langFiles.ReadFile("lang/" + lang + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			line, _, _ = strings.Cut(line, "#")
			key, list, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			key, local := strings.CutSuffix(strings.TrimSpace(key), "/local")
			var follow string
			switch key {
			case "title", "never":
				follow = "Kowalski"
			case "number":
				follow = "12"
			case "general":
				follow = "Kowalski"
			default:
				continue
			}
			for _, w := range strings.Fields(list) {
				in := fmt.Sprintf("Zzz %s. %s zzz.", w, follow)
				splitters := map[string]*Splitter{lang: NewSplitter(Options{Lang: lang})}
				if _, english := abbrevs[strings.ToLower(w)]; !local && !english && len(w) > 1 {
					// An English abbreviation keeps its English class
					// in the default rules.
					splitters["default"] = nil
				}
				for name, sp := range splitters {
					if got := splitTexts(sp, in); len(got) != 1 {
						t.Errorf("%s (%s, %s): %q split: %q", lang, key, name, in, got)
					}
				}
			}
		}
	}
}

// TestDefaultUnion: the default rules know the abbreviations of every
// language, and keep the English rules for English words.
func TestDefaultUnion(t *testing.T) {
	tests := []struct{ in string }{
		{"Siehe Abs. 2 bzw. Nr. 5. Gut."},
		{"La Sra. García llegó. Bien."},
		{"Il Dott. Rossi arrivò. Bene."},
		{"Dhr. Jansen kwam. Goed."},
		{"Der fanns bl.a. Anna. Bra."},
	}
	for _, tt := range tests {
		if got := splitTexts(nil, tt.in); len(got) != 2 {
			t.Errorf("%q: got %q, want two sentences", tt.in, got)
		}
	}
	// English words that are abbreviations only in another language
	// (French "mer.", Portuguese "out.", Spanish "ago.") still end
	// sentences in the default rules.
	for _, in := range []string{"They sailed the mer. Smith laughed.", "Get out. Smith laughed.", "Two years ago. Smith laughed.", "She is my ex. Smith laughed.", "Come on. Smith laughed."} {
		if got := splitTexts(nil, in); len(got) != 2 {
			t.Errorf("%q: got %q, want two sentences", in, got)
		}
	}
}

func TestValidLang(t *testing.T) {
	for _, l := range []string{"", "en", "de", "DE", "de-CH", "pt_BR", "sv", "da", "nl", "fr", "es", "it"} {
		if !ValidLang(l) {
			t.Errorf("ValidLang(%q) = false", l)
		}
	}
	for _, l := range []string{"xx", "deu", "-"} {
		if ValidLang(l) {
			t.Errorf("ValidLang(%q) = true", l)
		}
	}
}

// TestLangCorpus splits real prose in each language (testdata/lang: one
// sentence a line, as a native reader splits it; sources and licences in
// each file) with the language's rules, and checks that no sentence of
// the default rules ends right after an abbreviation of the language.
func TestLangCorpus(t *testing.T) {
	for _, lang := range Languages() {
		data, err := os.ReadFile(filepath.Join("testdata", "lang", lang+".txt"))
		if os.IsNotExist(err) && lang == "en" {
			continue // English has the Golden Rules and the news corpus
		}
		if err != nil {
			t.Fatal(err)
		}
		sp := NewSplitter(Options{Lang: lang})
		paras := 0
		for _, block := range strings.Split(string(data), "\n\n") {
			var want []string
			for _, line := range strings.Split(block, "\n") {
				if line != "" && !strings.HasPrefix(line, "#") {
					want = append(want, line)
				}
			}
			if len(want) == 0 {
				continue
			}
			paras++
			in := strings.Join(want, " ")
			if got := splitTexts(sp, in); !slices.Equal(got, want) {
				t.Errorf("%s: %q\n\tgot  %q\n\twant %q", lang, in, got, want)
			}
			for _, s := range splitTexts(nil, in) {
				f := strings.Fields(s)
				last := strings.ToLower(strings.TrimSuffix(strings.TrimLeft(f[len(f)-1], "(«»„\"“"), "."))
				if c, ok := sp.tab.abbrevs[last]; ok && (c == abTitle || c == abTitleAny || c == abNever) && s != in[len(in)-len(s):] {
					t.Errorf("%s, default rules: a sentence ends after the abbreviation %q: %q", lang, last, s)
				}
			}
		}
		if paras < 2 {
			t.Errorf("%s: %d paragraphs, want at least 2", lang, paras)
		}
	}
}
