package segment_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/dedupe/segment"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		// Edge cases.
		{"empty", "", nil},
		{"white space only", " \n\t\r\n \u00a0\u3000 ", nil},
		{"no terminal punctuation", "  a headline without a stop  ", []string{"a headline without a stop"}},
		{"one sentence", "Hello World.", []string{"Hello World."}},
		{"trailing white space", "One.  Two.\n\n", []string{"One.", "Two."}},
		{"lower case after the stop goes on", "It rained. then it stopped.", []string{"It rained. then it stopped."}},
		{"bang and question", "Is it? Yes! Really?! Sure.", []string{"Is it?", "Yes!", "Really?!", "Sure."}},
		{"interrobang and double marks", "What‽ No‼ Fine.", []string{"What‽", "No‼", "Fine."}},
		{"brand with a bang", "She works at Yahoo! in the accounting department.", []string{"She works at Yahoo! in the accounting department."}},

		// Titles, initials and abbreviations.
		{"titles", "Mr. Smith met Dr. Jones and Prof. Lee. They talked.", []string{"Mr. Smith met Dr. Jones and Prof. Lee.", "They talked."}},
		{"military and political titles", "Gen. Mark Milley, Sen. Lindsey Graham, Rep. Ilhan Omar, Gov. Gavin Newsom and Lt. Col. Jane Doe spoke. Capt. Ahab did not.",
			[]string{"Gen. Mark Milley, Sen. Lindsey Graham, Rep. Ilhan Omar, Gov. Gavin Newsom and Lt. Col. Jane Doe spoke.", "Capt. Ahab did not."}},
		{"name suffixes", "Martin Luther King Jr. was born in 1929. John Smith Sr. It was his father.",
			[]string{"Martin Luther King Jr. was born in 1929.", "John Smith Sr.", "It was his father."}},
		{"initials", "The Hobbit is by J. R. R. Tolkien. He taught at Oxford.", []string{"The Hobbit is by J. R. R. Tolkien.", "He taught at Oxford."}},
		{"pronoun I ends", "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
			[]string{"We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"}},
		{"saint and mount", "St. Louis is big. Mt. Everest is tall.", []string{"St. Louis is big.", "Mt. Everest is tall."}},
		{"lower-case street", "It is on 5th st. The house is red.", []string{"It is on 5th st.", "The house is red."}},
		{"company mid-sentence", "She works for Acme Inc. and lives in Ohio.", []string{"She works for Acme Inc. and lives in Ohio."}},
		{"company at the end", "She works for Acme Inc. The company is big.", []string{"She works for Acme Inc.", "The company is big."}},
		{"company before a name", "Apple Inc. Chief Executive Tim Cook spoke.", []string{"Apple Inc. Chief Executive Tim Cook spoke."}},
		{"possessive after abbreviation", "That is JFK Jr.'s book. Apple Inc.'s shares rose.", []string{"That is JFK Jr.'s book.", "Apple Inc.'s shares rose."}},
		{"etc at the end", "Bring pens, paper, etc. The shop is open.", []string{"Bring pens, paper, etc.", "The shop is open."}},
		{"e.g. and i.e. never end", "Some bands, e.g. The Beatles, toured; i.e. They sold out.", []string{"Some bands, e.g. The Beatles, toured; i.e. They sold out."}},
		{"versus", "Roe v. Wade was decided in 1973. Smith vs. The State followed.", []string{"Roe v. Wade was decided in 1973.", "Smith vs. The State followed."}},
		{"numbers after abbreviations", "See No. 5 on p. 12 and Fig. 3. Thanks.", []string{"See No. 5 on p. 12 and Fig. 3.", "Thanks."}},
		{"no is a word too", "I said no. Smith left.", []string{"I said no.", "Smith left."}},
		{"months", "In Jan. 2020 it began. It ended in Dec. 2021.", []string{"In Jan. 2020 it began.", "It ended in Dec. 2021."}},

		// Multi-period abbreviations: decided by the next word.
		{"U.S. mid-sentence", "It was a U.S. Navy ship with U.S. officials aboard.", []string{"It was a U.S. Navy ship with U.S. officials aboard."}},
		{"U.S. at the end", "He returned to the U.S. He was tired.", []string{"He returned to the U.S.", "He was tired."}},
		{"U.S. before a title", "U.S. Sen. John Doe spoke.", []string{"U.S. Sen. John Doe spoke."}},
		{"degrees", "She has a Ph.D. in physics. Her Ph.D. The thesis was long.", []string{"She has a Ph.D. in physics.", "Her Ph.D.", "The thesis was long."}},
		{"times mid-sentence", "The meeting is at 10:30 a.m. tomorrow. It may run late.", []string{"The meeting is at 10:30 a.m. tomorrow.", "It may run late."}},
		{"time before a day", "It closes at 5 p.m. Thursday. Be early.", []string{"It closes at 5 p.m. Thursday.", "Be early."}},
		{"time at the end", "He left the bank at 6 P.M. Mr. Smith then went to the store.", []string{"He left the bank at 6 P.M.", "Mr. Smith then went to the store."}},
		{"time as an introduction", "At 5 a.m. Mr. Smith went to the bank.", []string{"At 5 a.m. Mr. Smith went to the bank."}},
		{"short time sentence", "When? 5 p.m. It was late.", []string{"When?", "5 p.m.", "It was late."}},
		{"time range", "From 9 a.m. to 5 p.m. The office is open.", []string{"From 9 a.m. to 5 p.m.", "The office is open."}},

		// Numbers, money, e-mail, URLs.
		{"decimals and money", "Prices rose 3.5 percent to $3.50. Analysts were surprised.", []string{"Prices rose 3.5 percent to $3.50.", "Analysts were surprised."}},
		{"number ends a sentence", "He scored 2. The team won 3.14 to 2.", []string{"He scored 2.", "The team won 3.14 to 2."}},
		{"version numbers", "Version 2.0.1 is out. Update now.", []string{"Version 2.0.1 is out.", "Update now."}},
		{"e-mail", "Write to Jane.Doe@example.com. She replies fast.", []string{"Write to Jane.Doe@example.com.", "She replies fast."}},
		{"URLs", "See www.example.com for details. Then visit http://x.co/a.b today. Or not.",
			[]string{"See www.example.com for details.", "Then visit http://x.co/a.b today.", "Or not."}},
		{"URL with capital path", "It is at https://example.com/Docs/Index.Html now.", []string{"It is at https://example.com/Docs/Index.Html now."}},
		{"missing space", "Hello world.Today is Tuesday.Mr. Smith bought 1,000.That is a lot.",
			[]string{"Hello world.", "Today is Tuesday.", "Mr. Smith bought 1,000.", "That is a lot."}},
		{"missing space after title", "Mr.Smith arrived.", []string{"Mr.Smith arrived."}},
		{"code identifiers are not sentences", "Call fmt.Println(x) and os.Exit(1) here.", []string{"Call fmt.Println(x) and os.Exit(1) here."}},

		// Quotes and brackets.
		{"closing quote stays", `He said "Go." Then he left.`, []string{`He said "Go."`, "Then he left."}},
		{"curly closing quote stays", "He said “Go.” Then he left.", []string{"He said “Go.”", "Then he left."}},
		{"quote then lower case", `She turned to him, "This is great." she said.`, []string{`She turned to him, "This is great." she said.`}},
		{"bracketed sentence", "He left. (He came back later.) Then he slept.", []string{"He left.", "(He came back later.)", "Then he slept."}},
		{"parenthesis then lower case", "He teaches (He worked as an engineer.) at the local University.", []string{"He teaches (He worked as an engineer.) at the local University."}},
		{"quoted sentences", `"Stop." "Go."`, []string{`"Stop."`, `"Go."`}},
		{"bracketed acronym", "It treats multiple sclerosis (MS). A few weeks ago it failed.", []string{"It treats multiple sclerosis (MS).", "A few weeks ago it failed."}},
		{"acronym is not a title", "It helps patients with MS. Final approval is due.", []string{"It helps patients with MS.", "Final approval is due."}},
		{"ellipsis before a closing bracket", "Eva (Ae Fond Kiss... ). Shane won.", []string{"Eva (Ae Fond Kiss... ).", "Shane won."}},
		{"opening quote starts the next", "It ended. \"We won,\" he said.", []string{"It ended.", "\"We won,\" he said."}},
		{"iPhone starts a sentence", "Apple sold more phones. iPhone sales rose.", []string{"Apple sold more phones.", "iPhone sales rose."}},

		// Ellipses and stray periods.
		{"ellipsis then lower case", "Wait... what happened?", []string{"Wait... what happened?"}},
		{"ellipsis then capital", "He paused... Then he spoke.", []string{"He paused...", "Then he spoke."}},
		{"unicode ellipsis", "He paused… Then he spoke… slowly.", []string{"He paused…", "Then he spoke… slowly."}},
		{"four dots", "I never meant that.... She left the store.", []string{"I never meant that....", "She left the store."}},
		{"bracketed omission", "\"Bohr [...] used stairways [...]\" (Smith 55).", []string{"\"Bohr [...] used stairways [...]\" (Smith 55)."}},
		{"stray double period", "it said in a statement.. The next day it was quiet.", []string{"it said in a statement..", "The next day it was quiet."}},
		{"stray double period at the end", "it said in a statement..", []string{"it said in a statement.."}},

		// Lists.
		{"numbered list inline", "1. The first item 2. The second item", []string{"1. The first item", "2. The second item"}},
		{"numbered list with parens", "1) The first item 2) The second item 3) The third", []string{"1) The first item", "2) The second item", "3) The third"}},
		{"lettered list", "a. The first item b. The second item c. The third list item", []string{"a. The first item", "b. The second item", "c. The third list item"}},
		{"roman list", "i) The first ii) The second iii) The third", []string{"i) The first", "ii) The second", "iii) The third"}},
		{"bulleted list inline", "• 9. The first item • 10. The second item", []string{"• 9. The first item", "• 10. The second item"}},
		{"list after a colon", "Steps: 1. Eat well 2. Sleep well 3. Repeat", []string{"Steps: 1. Eat well", "2. Sleep well", "3. Repeat"}},
		{"numbers after a period are not a list", "Read chapter 1. Then read chapter 2. Then stop.", []string{"Read chapter 1.", "Then read chapter 2.", "Then stop."}},
		{"inline enumeration stays", "There are two reasons: 1) cost and 2) time.", []string{"There are two reasons: 1) cost and 2) time."}},
		{"numbers in prose are not a list", "The score was 3. Then it became 4. Fans cheered.", []string{"The score was 3.", "Then it became 4.", "Fans cheered."}},
		{"list lines", "Shopping:\n- milk\n- eggs\n- bread", []string{"Shopping:", "- milk", "- eggs", "- bread"}},
		{"numbered lines with stops", "Steps to follow.\n1. Open the box.\n2. Read the manual.", []string{"Steps to follow.", "1. Open the box.", "2. Read the manual."}},
		{"numbered lines then prose", "Do this:\n1. Open the box\n2. Read the manual\nThat is all.", []string{"Do this:", "1. Open the box", "2. Read the manual", "That is all."}},
		{"wrapped list item", "- a long item that\n  wraps here\n- next", []string{"- a long item that\n  wraps here", "- next"}},

		// Line breaks.
		{"blank line always ends", "He said\n\nthat it was fine.", []string{"He said", "that it was fine."}},
		{"blank line with spaces", "Title\n  \t\nFirst sentence. Second one.", []string{"Title", "First sentence.", "Second one."}},
		{"wrapped prose", "This is a long sentence that\nwraps onto a second line. And\nanother one.", []string{"This is a long sentence that\nwraps onto a second line.", "And\nanother one."}},
		{"hard-wrapped prose whose lines all end mid-sentence", "The health arguments far outweighed lingering public disquiet about\na complete ban and claims by the licensed trade that jobs would be\nlost, he told MSPs. He said there would be an international marketing\ncampaign, the main points of the plan:",
			[]string{"The health arguments far outweighed lingering public disquiet about\na complete ban and claims by the licensed trade that jobs would be\nlost, he told MSPs.",
				"He said there would be an international marketing\ncampaign, the main points of the plan:"}},
		{"lines without stops", "features\ncontact manager\nevents, activities\n", []string{"features", "contact manager", "events, activities"}},
		{"CRLF", "One.\r\nTwo is\r\nwrapped.\r\n\r\nThree.", []string{"One.", "Two is\r\nwrapped.", "Three."}},
		{"CRLF wrapped prose", "Two is\r\nwrapped onto\r\nthree lines.\r\nFour.", []string{"Two is\r\nwrapped onto\r\nthree lines.", "Four."}},
		{"CRLF lines", "features\r\ncontact manager\r\n", []string{"features", "contact manager"}},
		{"lone CR", "One\rTwo\r\rThree.", []string{"One", "Two", "Three."}},
		{"paragraph separator", "One\u2029two", []string{"One", "two"}},
		{"line separator", "alpha\u2028beta", []string{"alpha", "beta"}},
		{"glued: one-letter word", "The conference began.A major change is needed.", []string{"The conference began.", "A major change is needed."}},
		{"glued: opening straight quote", "They had vouchers for Christmas.\"We are not seeing that,\" he said.",
			[]string{"They had vouchers for Christmas.", "\"We are not seeing that,\" he said."}},
		{"glued: closing straight quote", "He said \"no.\"She left. It is \"fine!\"\"Why?\" he asked.",
			[]string{"He said \"no.\"", "She left.", "It is \"fine!\"", "\"Why?\" he asked."}},
		{"glued: curly quotes", "He said “yes.”“We go now,” she said.“Why not?” he asked.",
			[]string{"He said “yes.”", "“We go now,” she said.", "“Why not?” he asked."}},
		{"glued: a quotation over several sentences closes", "\"It is late. We know that it is.\"The next day came.",
			[]string{"\"It is late.", "We know that it is.\"", "The next day came."}},
		{"glued: a word with an apostrophe", "He starred in Jungle Fever.Davis's body was found.", []string{"He starred in Jungle Fever.", "Davis's body was found."}},
		{"glued: a hyphenated word", "It gave Thomas an easy run-in.Tries from Jones followed.", []string{"It gave Thomas an easy run-in.", "Tries from Jones followed."}},
		{"glued: after a closing quote or bracket", "They avoid any bloody \"tune\".The band met. See it (for example).This country signs.",
			[]string{"They avoid any bloody \"tune\".", "The band met.", "See it (for example).", "This country signs."}},
		{"glued: a domain or a file name stays", "See example.Com and notes.Txt for it.", []string{"See example.Com and notes.Txt for it."}},
		{"glued: a title stays", "He met Mr.Smith and (Dr).Jones today.", []string{"He met Mr.Smith and (Dr).Jones today."}},
		{"glued quote before an acronym stays", "He works for the U.S.\"NATO\" is next.", []string{"He works for the U.S.\"NATO\" is next."}},
		{"headline over its first sentence", "Storm hits coast\nThe storm hit the coast on Monday, officials said. More rain is due.",
			[]string{"Storm hits coast", "The storm hit the coast on Monday, officials said.", "More rain is due."}},
		{"byline and subhead lines", "By Jane Doe\n“We acted,” the minister said in a long statement on Monday.\nOther business\nThe council met on Tuesday to discuss the budget.",
			[]string{"By Jane Doe", "“We acted,” the minister said in a long statement on Monday.", "Other business", "The council met on Tuesday to discuss the budget."}},
		{"headlines that end in a percentage, says and a particle", "Rates held at 4.75%\nThe bank left rates on hold for the sixth month in a row on Thursday.\n\n" +
			"Protect whistleblowers, TUC says\nThe union wants more protection for staff who speak out about wrongdoing.\n\n" +
			"Mobile multimedia slow to catch on\nUsers are slow to adopt new phone services, a report by analysts says.",
			[]string{"Rates held at 4.75%", "The bank left rates on hold for the sixth month in a row on Thursday.",
				"Protect whistleblowers, TUC says", "The union wants more protection for staff who speak out about wrongdoing.",
				"Mobile multimedia slow to catch on", "Users are slow to adopt new phone services, a report by analysts says."}},
		{"balanced wrapping leaves lines a little short", "The Securities & Exchange Commission accused Fannie\nMae of using techniques that did not comply in material\nrespects with accounting standards, regulators said.",
			[]string{"The Securities & Exchange Commission accused Fannie\nMae of using techniques that did not comply in material\nrespects with accounting standards, regulators said."}},
		{"wrapped line before a name stays", "The proposal was received last week by officials at Acme Holdings\nPlc, who said it was far too low to be considered.",
			[]string{"The proposal was received last week by officials at Acme Holdings\nPlc, who said it was far too low to be considered."}},
		{"wrapped line that ends in a function word", "Authorities have said they will seize land owned by a\nBritish company as part of the reform programme, officials said.",
			[]string{"Authorities have said they will seize land owned by a\nBritish company as part of the reform programme, officials said."}},
		{"short wrapped line with a comma", "Officials said,\nWithout giving details, that the plant would close next spring.",
			[]string{"Officials said,\nWithout giving details, that the plant would close next spring."}},
		{"line that starts mid-sentence", "It rained all day. Then the sun\nCame out over the hills and the whole valley was lit up again.",
			[]string{"It rained all day.", "Then the sun\nCame out over the hills and the whole valley was lit up again."}},
		{"no-break space after title", "Mr.\u00a0Smith left.\u00a0He came back.", []string{"Mr.\u00a0Smith left.", "He came back."}},

		// Invalid UTF-8 stays inside units, byte for byte.
		{"invalid UTF-8", "caf\xe9. Next \xff\xfe. \xc3", []string{"caf\xe9.", "Next \xff\xfe.", "\xc3"}},
		{"invalid UTF-8 before a period", "\xe2\x80. Then.", []string{"\xe2\x80.", "Then."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(tt.in)
			if !equalStrings(got, tt.want) {
				t.Errorf("Sentences(%q)\n\tgot  %q\n\twant %q", tt.in, got, tt.want)
			}
			checkUnits(t, tt.in, segment.Sentences(tt.in))
		})
	}
}

// TestSentencesSeed splits the seed news article into its obvious
// sentences.
func TestSentencesSeed(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	got := sentenceTexts(text)
	want := []string{
		"date 2021-02-26 The Pentagon said its strike near the Iraqi border in eastern Syria was a “proportionate military response” that was taken “together with diplomatic measures”, including consulting coalition partners.",
		"It came after a civilian contractor was killed in a rocket attack on US targets earlier this month.",
		"A US service member and five other contractors were also injured when the rockets hit sites in Irbil, including a base used by the US-led coalition.",
		"Rockets have also struck US bases in Baghdad, including the Green Zone, which houses the US embassy and other diplomatic missions.",
		"There are about 2,500 US troops in Iraq to assist Iraqi forces in the fight against the Islamic State (IS) group.",
		"What do we know about the air strike?",
		"The Pentagon said the strike on Thursday was launched “at President Biden’s direction”.",
		"It targeted facilities located at a border control point used by a number of Iran-backed militia groups, including Kataib Hezbollah and Kataib Sayyid al-Shuhada, it said.",
		"Kataib Hezbollah and Kataib Sayyid al-Shuhada have previously carried out or supported rocket attacks targeting US assets in the country.",
		"In its statement, the Pentagon said the operation “sends an unambiguous message”, it said in a statement..",
		"“President Biden will act to protect American and Coalition personnel.",
		"At the same time, we have acted in a deliberate manner that aims to de-escalate the overall situation in both eastern Syria and Iraq,” it said.",
		"The US did not confirm any casualties, but an Iraqi militia official told the Associated Press news agency at least one fighter was killed and a number of others wounded.",
		"The official said the strikes hit an area along the border between the Syrian city of Boukamal and the Iraqi town of Qaim.",
		"The official said the strikes hit an area along the border between the Syrian city of Boukamal and the Iraqi town of Qaim.",
		"The Syrian Observatory for Human Rights, a UK-based monitoring group, said the US attack had killed at least 22 fighters from the Popular Mobilization Forces, an Iraqi umbrella group of mostly Shia paramilitaries that includes Kataib Hezbollah.",
	}
	if !equalStrings(got, want) {
		for i := 0; i < len(got) || i < len(want); i++ {
			var g, w string
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				t.Errorf("sentence %d:\n\tgot  %q\n\twant %q", i, g, w)
			}
		}
	}
	checkUnits(t, text, segment.Sentences(text))
}

func TestSplitterOptions(t *testing.T) {
	sp := segment.NewSplitter(segment.Options{
		Abbreviations: []string{"Pty."},
		Titles:        []string{"cllr", "Insp."},
	})
	tests := []struct {
		in          string
		def, custom []string
	}{
		{"Acme Pty. Ltd. was sold.", []string{"Acme Pty.", "Ltd. was sold."}, []string{"Acme Pty. Ltd. was sold."}},
		{"Acme Pty. The firm was sold.", []string{"Acme Pty.", "The firm was sold."}, []string{"Acme Pty.", "The firm was sold."}},
		{"Cllr. Smith spoke.", []string{"Cllr.", "Smith spoke."}, []string{"Cllr. Smith spoke."}},
		{"CLLR. Smith spoke.", []string{"CLLR.", "Smith spoke."}, []string{"CLLR. Smith spoke."}},
		{"Mr. Smith spoke. He left.", []string{"Mr. Smith spoke.", "He left."}, []string{"Mr. Smith spoke.", "He left."}},
	}
	for _, tt := range tests {
		if got := sentenceTexts(tt.in); !equalStrings(got, tt.def) {
			t.Errorf("Sentences(%q) = %q, want %q", tt.in, got, tt.def)
		}
		var got []string
		for _, u := range sp.Sentences(tt.in) {
			got = append(got, tt.in[u.Start:u.End])
		}
		if !equalStrings(got, tt.custom) {
			t.Errorf("custom Sentences(%q) = %q, want %q", tt.in, got, tt.custom)
		}
	}
	// A nil *Splitter is the default splitter.
	var nilSp *segment.Splitter
	in := "Cllr. Smith spoke. He left."
	if a, b := nilSp.Sentences(in), segment.Sentences(in); len(a) != len(b) {
		t.Errorf("nil Splitter: %v, want %v", a, b)
	}
	// AppendSentences appends after what dst holds.
	dst := []segment.Unit{{0, 1}}
	dst = sp.AppendSentences(dst, "One. Two.")
	if len(dst) != 3 || dst[0] != (segment.Unit{0, 1}) || dst[2] != (segment.Unit{5, 9}) {
		t.Errorf("AppendSentences = %v", dst)
	}
}

// TestSentencesLinear splits inputs made of one pattern repeated to 200 KB,
// the shapes on which a scan that looks back or ahead without bound turns
// quadratic: a regression shows as this test taking seconds instead of
// milliseconds. It also checks the units.
func TestSentencesLinear(t *testing.T) {
	patterns := []string{
		"a.", "a. ", ". ", ".", "a.B", "a.Bc.", "1. ", "1) ", "a) ", "• ", "\n", "\n ", "- x\n",
		" . ", "...", "U.S. ", "a.m. Mr. ", "x@y.Com.", "Mr.", "((((", "e", "é", "\xff",
		"word\n", "At 5 a.m. ", "it. ", " i. ", "ii) ", "[...] ",
		"ab.\"Cd ", "ab.A x ", "yes.”“We ", "run-in.Tries ", "x.Com ", "Head line\nThe text goes on. ",
	}
	for _, p := range patterns {
		text := strings.Repeat(p, 200000/len(p)+1)
		units := segment.Sentences(text)
		checkUnits(t, text, units)
	}
}

// checkUnits checks the guarantees of Sentences: units in order, not
// overlapping, within bounds, on rune boundaries, not empty, not starting or
// ending with white space, and together covering every byte that is not
// white space.
func checkUnits(t testing.TB, text string, units []segment.Unit) {
	t.Helper()
	boundary := make([]bool, len(text)+1)
	for i := 0; i < len(text); {
		boundary[i] = true
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	boundary[len(text)] = true
	prev := 0
	for k, u := range units {
		if u.Start < prev || u.End <= u.Start || u.End > len(text) {
			t.Fatalf("unit %d %v: out of order, empty or out of bounds (previous end %d, len %d)", k, u, prev, len(text))
		}
		if !boundary[u.Start] || !boundary[u.End] {
			t.Fatalf("unit %d %v: not on rune boundaries", k, u)
		}
		if r, _ := utf8.DecodeRuneInString(text[u.Start:u.End]); unicode.IsSpace(r) {
			t.Fatalf("unit %d %v starts with white space %q", k, u, r)
		}
		if r, _ := utf8.DecodeLastRuneInString(text[u.Start:u.End]); unicode.IsSpace(r) {
			t.Fatalf("unit %d %v ends with white space %q", k, u, r)
		}
		for _, r := range text[prev:u.Start] {
			if !unicode.IsSpace(r) {
				t.Fatalf("non-space %q before unit %d %v is in no unit", r, k, u)
			}
		}
		prev = u.End
	}
	for _, r := range text[prev:] {
		if !unicode.IsSpace(r) {
			t.Fatalf("non-space %q after the last unit is in no unit", r)
		}
	}
}
