package dedupe

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/dedupe/segment"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// RuleEcho is the rule id of the echo stage.
const RuleEcho = "style.echo"

// DefaultEchoWindow is how many words apart a repeat counts as an echo
// when Options.EchoWindow is 0.
const DefaultEchoWindow = 20

// echoMaxKept is the most entries a map of check keeps for the next
// paragraph: a larger one is made anew rather than cleared.
const echoMaxKept = 256

// echoMinLetters is the fewest letters a content word needs to echo.
const echoMinLetters = 4

// EchoRules lists the rules of the stage NewEcho returns.
func EchoRules() []lint.Rule {
	return []lint.Rule{
		{ID: RuleEcho, Severity: lint.Info,
			Doc: `the same content word or phrase again within a few words ("the Pentagon said …, it said"): consider a synonym; never fixed`},
	}
}

// NewEcho returns the "style" stage, which reports echoes (style.echo):
// an uncommon word, or a phrase of three or more words, used again within
// opts.EchoWindow words (0: DefaultEchoWindow; negative: never) in the
// same paragraph. It only reports, as an echo is a matter of style.
//
// A word echoes when it has at least four letters, no digits and no
// apostrophe (contractions and possessives such as "it's" do not echo),
// and is not on a short built-in list of English function words and
// very common words ("that", "with", "have", "would", "people",
// "million", …). "said" is not on the list: "the Pentagon said …, it
// said" is the commonest echo in news copy. Words are
// compared without regard to case, but a word capitalized at both places
// is taken for a name ("the Pentagon … the Pentagon") and not reported:
// a name cannot be varied. A phrase echoes when its first three words
// repeat, it neither starts nor ends with a function word, and one of its
// words would echo on its own ("a proportionate military response" gives
// "proportionate military response");
// it is reported whole, from its first to its last repeated word, and its
// words are not reported again on their own. Each repeat is reported
// once, against the nearest earlier use.
func NewEcho(opts Options) lint.Stage {
	w := opts.EchoWindow
	if w == 0 {
		w = DefaultEchoWindow
	}
	return &echoStage{window: w}
}

type echoStage struct{ window int }

// Name returns "style".
func (*echoStage) Name() string { return "style" }

// Rules lists the stage's rules.
func (*echoStage) Rules() []lint.Rule { return EchoRules() }

// Check returns the echoes in text, sorted by position.
func (e *echoStage) Check(text string) []lint.Finding {
	out, _ := e.check(text)
	return out
}

// check returns the echoes in text and the work it did: the words it read
// and the steps of the phrase comparisons, for the tests that hold its
// time linear in the size of the text.
//
// One map holds the last use of each content word and one the last start
// of each three-word sequence in the paragraph. Clearing a map costs its
// capacity, not its entries: cleared after one long paragraph with many
// distinct words, it would cost that much for every short paragraph
// after it, quadratic in all. So a map that held more than echoMaxKept
// entries is made anew instead. Each word is looked up once and a phrase
// is compared over at most the window's words, so the work is linear in
// the number of words.
func (e *echoStage) check(text string) ([]lint.Finding, int) {
	if e.window < 0 || len(text) == 0 {
		return nil, 0
	}
	var (
		out  []lint.Finding
		toks []token
		last = map[uint64]int{} // content word -> its last index in the text
		tri  = map[uint64]int{} // trigram -> its last start in the text
		base int                // index in the text of the paragraph's first word
		peak int                // the most entries a map held since it was made
		work int
	)
	for _, p := range segment.Paragraphs(text) {
		base += len(toks)
		// Start the paragraph with empty maps: cleared when small (the
		// cost of clear is the map's capacity, which stays under about
		// twice echoMaxKept entries), made anew after a long paragraph.
		peak = max(peak, len(last), len(tri))
		work += peak // what clearing costs: the capacity the maps grew to
		if peak > echoMaxKept {
			last, tri, peak = map[uint64]int{}, map[uint64]int{}, 0
		} else {
			clear(last)
			clear(tri)
		}
		toks = appendTokens(toks[:0], text, lint.Span{Start: p.Start, End: p.End})
		work += len(toks)
		covered := 0 // words before it are in a reported phrase
		for i := range toks {
			if i+2 < len(toks) {
				h := bigram(bigram(toks[i].id, toks[i+1].id), toks[i+2].id)
				j, ok := tri[h]
				tri[h] = base + i
				j -= base
				ok = ok && j >= 0
				if ok && i >= covered && i-j >= 3 && i-j <= e.window && e.phrase(text, toks, j, i) {
					n := 3
					for i+n < len(toks) && j+n < i && toks[j+n].id == toks[i+n].id {
						n++
					}
					for n > 3 && echoStop[toks[i+n-1].id] {
						n--
					}
					work += n
					out = append(out, lint.Finding{Rule: RuleEcho, Severity: lint.Info,
						Span:    lint.Span{Start: toks[i].Start, End: toks[i+n-1].End},
						Related: []lint.Span{{Start: toks[j].Start, End: toks[j+n-1].End}},
						Message: fmt.Sprintf("phrase %s is repeated %d words after its last use", quoteWords(text, toks[i].Start, toks[i+n-1].End), i-j)})
					covered = i + n
				}
			}
			t := toks[i]
			if !e.content(text, t) {
				continue
			}
			j, ok := last[t.id]
			last[t.id] = base + i
			j -= base
			if !ok || j < 0 || i < covered || i-j > e.window || t.upper && toks[j].upper {
				continue
			}
			out = append(out, lint.Finding{Rule: RuleEcho, Severity: lint.Info, Span: t.Span,
				Related: []lint.Span{toks[j].Span},
				Message: fmt.Sprintf("%s is repeated %d words after its last use", quoteWords(text, t.Start, t.End), i-j)})
		}
	}
	return out, work
}

// phrase reports whether the three words at j and at i are the same,
// neither the first nor the last is a stop word, and one of them would
// echo on its own.
func (e *echoStage) phrase(text string, toks []token, j, i int) bool {
	if echoStop[toks[i].id] || echoStop[toks[i+2].id] {
		return false
	}
	for k := range 3 {
		if toks[j+k].id != toks[i+k].id {
			return false
		}
	}
	for k := range 3 {
		if e.content(text, toks[i+k]) && !(toks[i+k].upper && toks[j+k].upper) {
			return true
		}
	}
	return false
}

// content reports whether t is a word that can echo: letters only, at
// least echoMinLetters of them, not a stop word, not a contraction or
// possessive ("it's", "don't").
func (*echoStage) content(text string, t token) bool {
	return t.letters && t.Len() >= echoMinLetters && !hasApostrophe(text[t.Start:t.End]) &&
		utf8.RuneCountInString(text[t.Start:t.End]) >= echoMinLetters && !echoStop[t.id]
}

// hasApostrophe reports whether w holds a straight or curly apostrophe.
func hasApostrophe(w string) bool {
	// Not strings.ContainsAny: with a non-ASCII character in its set it
	// decodes every rune of w.
	return strings.IndexByte(w, '\'') >= 0 || strings.Contains(w, "’")
}

// quoteWords quotes text[s:e] for a message, shortened and on one line.
func quoteWords(text string, s, e int) string {
	q := text[s:e]
	if len(q) > 60 {
		cut := 60
		for cut > 0 && !utf8.RuneStart(q[cut]) {
			cut--
		}
		q = q[:cut] + "…"
	}
	return fmt.Sprintf("%q", strings.Join(strings.Fields(q), " "))
}

// echoStopWords are the words that never echo, and that never start or
// end an echoed phrase: function words (articles, pronouns, auxiliaries,
// prepositions, conjunctions, determiners) and the commonest adverbs and
// verbs. "said" and "says" are deliberately not here. Words under four
// letters never echo anyway; the short ones listed here only bound
// phrases.
const echoStopWords = `
a an the and but or nor so yet as if of to in on at by for from up out off per via
is am are was be been it its he she we you i me him her his us our my they who whom
not no do did has had can may any all own too how why
about above across after again against almost along already also although always among
another anyone anything around away back because been before behind being below beneath
beside besides between beyond both cannot could does doing done down during each either
else enough even ever every from further have having here hers herself himself however
into itself just last least less like made make many more most much must myself near
neither never next none nothing once only onto other others otherwise ours ourselves over
perhaps quite rather same several shall should since some something still such than that
their theirs them themselves then there therefore these they this those though through
throughout thus till together toward towards under unless until upon very want were what
whatever when whenever where whereas wherever whether which while whom whose will with
within without would year years your yours yourself yourselves first also mr mrs
going good best better well really think know thing things time times people told
hundred thousand million billion trillion percent
`

// echoStop holds the token ids of echoStopWords.
var echoStop = func() map[uint64]bool {
	m := map[uint64]bool{}
	for _, t := range appendTokens(nil, echoStopWords, lint.Span{End: len(echoStopWords)}) {
		m[t.id] = true
	}
	return m
}()
