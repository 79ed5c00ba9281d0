package segment

import "strings"

// An abbrClass says how a word before a period decides whether the period
// ends the sentence.
type abbrClass uint8

const (
	abNone     abbrClass = iota // an ordinary word: ends unless a lower-case word follows
	abTitle                     // "Mr.", "Gen.", "St.": a name follows; never ends
	abGeneral                   // "Inc.", "etc.", "Jan.": ends only before a sentence starter
	abNumber                    // "No.", "p.", "Fig.": does not end before a number
	abNever                     // "e.g.", "i.e.", "vs.": something always follows
	abTime                      // "a.m.", "p.m.": like abMulti, but "At 5 a.m. Mr. X" goes on
	abMulti                     // "U.S.", "Ph.D.": ends only before a sentence starter
	abInitial                   // "E.", "I.": ends only before a sentence starter
	abTitleAny                  // a title of another language: like abTitle, also in lower case ("mevr.", "hr.")
)

// abbrevs maps lower-case abbreviations, without their final period, to
// their class.
var abbrevs = func() map[string]abbrClass {
	m := make(map[string]abbrClass, 256)
	add := func(c abbrClass, list string) {
		for _, w := range strings.Fields(list) {
			m[w] = c
		}
	}
	// Titles and ranks before a name; "St." and "Mt." before a place.
	add(abTitle, `mr mrs ms mx messrs mmes mme mlle dr drs prof profs gen sen sens
		rep reps gov govs lt col capt cpt sgt cmdr cdr adm maj cpl pvt brig
		rev hon rt pres supt insp det atty amb fr br st ste mt
		lieut comdr msgr sra srta dra`)
	// Abbreviations that usually go on but can end a sentence.
	add(abGeneral, `inc co corp ltd plc bros jr sr esq llc llp
		etc al approx dept est govt univ assn assoc intl natl ave blvd rd hwy
		ft pl sq ed eds trans comp dist mfg min max misc
		jan feb mar apr jun jul aug sep sept oct nov dec`)
	// Abbreviations before a number.
	add(abNumber, `no nos n° nº p pp vol vols fig figs ch chap sec sect art para
		tel ext pt pts ca op ref refs eq eqs`)
	// Abbreviations that always introduce something.
	add(abNever, `e.g i.e vs v cf viz`)
	add(abTime, `a.m p.m`)
	return m
}()

// maxDefaultAbbrevLen is the length of the longest abbreviation of the
// built-in lists: the look-up filters hold one bit a length.
const maxDefaultAbbrevLen = 15

// Values of starters.
const (
	starterWord  = 1 // a common sentence starter: "The", "He", "However"
	starterTitle = 2 // a title that opens a sentence about someone: "Mr", "Dr"
)

// starters holds common sentence starters and titles that open a sentence
// about someone, as written at the start of a sentence.
var starters = func() map[string]uint8 {
	m := make(map[string]uint8, 200)
	for _, w := range strings.Fields(`I A An The He She It We They You This That
		These Those There Here His Her Its Our Their My Your But And So Or Yet
		Nor However Meanwhile Also Then Now Still Thus Therefore Instead
		Although Though When While After Before If As In On At For From With
		Without By Since Because Despite During Under What Who Why How Where
		Which Whether Is Are Was Were Do Does Did Can Could Would Should Shall
		Might Must Has Have Had Not No Yes Some Many Most All Each Every One
		Both Neither Either Few Several Such Other Another Today Yesterday
		Tomorrow Last Next Earlier Later According Once Even Only Just Let
		Please Over About Among Between Indeed Moreover Furthermore
		Nevertheless Nonetheless Otherwise Perhaps Maybe Besides Finally
		First Overall Thanks Well Oh To Of Unlike Like Nor Hence Whatever
		Whoever Whose Whom Wherever Everyone Everything Nobody Nothing
		Someone Something Anyone Former Much More`) {
		m[w] = starterWord
	}
	for _, w := range strings.Fields(`Mr Mrs Ms Mx Dr Prof Messrs`) {
		m[w] = starterTitle
	}
	return m
}()

// romans maps Roman numerals 1 to 39, in lower and upper case, to their
// values.
var romans = func() map[string]int {
	ones := []string{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"}
	tens := []string{"", "x", "xx", "xxx"}
	m := make(map[string]int, 80)
	for v := 1; v < 40; v++ {
		s := tens[v/10] + ones[v%10]
		m[s] = v
		m[strings.ToUpper(s)] = v
	}
	return m
}()
