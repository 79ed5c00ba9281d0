package punct_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/copydesk/copydesk/normalize/punct"
	"github.com/copydesk/copydesk/pipeline/lint"
)

var stage = punct.New(punct.Options{})

// fix checks text once, verifies the stage's invariants and returns the
// text with every fix applied and the findings.
func fix(t testing.TB, text string) (string, []lint.Finding) {
	t.Helper()
	fs := stage.Check(text)
	out := checkInvariants(t, text, fs)
	return out, fs
}

// checkInvariants verifies what every Check call must guarantee and
// returns the text with the fixes applied, suggestions not: spans and edits inside the text and on
// character boundaries, sorted non-overlapping fixes, only ASCII bytes
// deleted (so invalid UTF-8 and every other character pass through), and
// idempotence: the fixed text has nothing left to fix.
func checkInvariants(t testing.TB, text string, fs []lint.Finding) string {
	t.Helper()
	bound := boundaries(text)
	var edits, sure []lint.Edit
	for _, f := range fs {
		if f.Rule == "" || f.Message == "" || strings.ToLower(f.Rule) != f.Rule {
			t.Fatalf("finding without a proper rule id or message: %+v", f)
		}
		if f.Start < 0 || f.End > len(text) || f.Start > f.End || !bound[f.Start] || !bound[f.End] {
			t.Fatalf("finding span [%d,%d) invalid or off a character boundary in %q", f.Start, f.End, text)
		}
		for _, e := range f.Fix {
			if e.Start < 0 || e.End > len(text) || e.Start > e.End || !bound[e.Start] || !bound[e.End] {
				t.Fatalf("edit [%d,%d) invalid or off a character boundary in %q", e.Start, e.End, text)
			}
			if e.Start < f.Start || e.End > f.End {
				t.Fatalf("edit [%d,%d) outside its finding's span [%d,%d)", e.Start, e.End, f.Start, f.End)
			}
		}
		edits = append(edits, f.Fix...)
		if !f.Suggest {
			sure = append(sure, f.Fix...)
		}
	}
	lint.SortEdits(edits)
	if err := lint.ValidateEdits(edits, len(text)); err != nil {
		t.Fatalf("fixes of %q: %v", text, err)
	}
	all, err := lint.Apply(text, edits)
	if err != nil {
		t.Fatalf("applying fixes to %q: %v", text, err)
	}
	lint.SortEdits(sure)
	out, err := lint.Apply(text, sure)
	if err != nil {
		t.Fatalf("applying fixes to %q: %v", text, err)
	}
	for _, o := range []string{all, out} {
		if a, b := nonASCII(text), nonASCII(o); a != b {
			t.Fatalf("non-ASCII bytes changed: %q → %q", text, o)
		}
	}
	// With suggestions applied no fix is left (a suggestion may be: a
	// line whose layout the suggestions changed is judged anew, and a
	// person decides again); with fixes only, no fix.
	for _, f := range stage.Check(all) {
		if len(f.Fix) > 0 && !f.Suggest {
			t.Fatalf("not idempotent: %q → %q still has %s at [%d,%d): %s",
				text, all, f.Rule, f.Start, f.End, f.Message)
		}
	}
	for _, f := range stage.Check(out) {
		if len(f.Fix) > 0 && !f.Suggest {
			t.Fatalf("not idempotent: %q → %q still has %s at [%d,%d): %s",
				text, out, f.Rule, f.Start, f.End, f.Message)
		}
	}
	return out
}

// boundaries marks the offsets of text where a character starts, counting
// each invalid byte as one character, plus len(text).
func boundaries(text string) []bool {
	m := make([]bool, len(text)+1)
	for i := 0; i < len(text); {
		m[i] = true
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	m[len(text)] = true
	return m
}

func nonASCII(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// rulesOf lists the rule ids of fs, with "?" after those of suggestions.
func rulesOf(fs []lint.Finding) []string {
	var out []string
	for _, f := range fs {
		if f.Suggest {
			out = append(out, f.Rule+"?")
			continue
		}
		out = append(out, f.Rule)
	}
	return out
}

const (
	dp = punct.RuleDoublePeriod
	dc = punct.RuleDoubleComma
	sb = punct.RuleSpaceBefore
	dd = punct.RuleDoubled
)

type testCase struct {
	name  string
	in    string
	want  string   // the text after the fixes; "" means unchanged
	rules []string // rule ids of the findings, in order
}

var doublePeriodCases = []testCase{
	{"statement", "it said in a statement..", "it said in a statement.", []string{dp}},
	{"statement then newline", "in a statement..\n\nNext", "in a statement.\n\nNext", []string{dp}},
	{"end of line crlf", "end..\r\nnext", "end.\r\nnext", []string{dp}},
	{"abbreviation US", "troops in the U.S.. Then", "troops in the U.S. Then", []string{dp}},
	{"abbreviation etc", "apples, pears etc.. and more", "apples, pears etc. and more", []string{dp}},
	{"mid sentence", "He left.. Then he came back.", "He left. Then he came back.", []string{dp}},
	{"digit", "It rose by 2.. The", "It rose by 2. The", []string{dp}},
	{"non-ASCII letter", "un café.. Puis", "un café. Puis", []string{dp}},
	{"combining mark", "cafe\u0301.. X", "cafe\u0301. X", []string{dp}},
	{"after ASCII closing quote", `he said "no".. Then`, `he said "no". Then`, []string{dp}},
	{"after curly closing quote", "he said “no”.. Then", "he said “no”. Then", []string{dp}},
	{"after closing bracket", "(see above).. Then", "(see above). Then", []string{dp}},
	{"before ASCII closing quote", `"I left.." he said`, `"I left." he said`, []string{dp}},
	{"before curly closing quote", "“I left..” he said", "“I left.” he said", []string{dp}},
	// Before ")" two dots are as often an informal ellipsis: suggested.
	{"before closing paren", "(and so on..) x", "", []string{dp + "?"}},
	{"before no-break space", "end..\u00a0x", "end.\u00a0x", []string{dp}},
	{"two in a row", "A.. B.. C", "A. B. C", []string{dp, dp}},
	{"before lower case after an abbreviation with a stop", "in the U.S.. the", "in the U.S. the", []string{dp}},
	{"never informal ellipsis", "Wait.. what? Apple.. a triumph", "", nil},
	{"never informal ellipsis run", "a.. b.. c", "", nil},
	{"invalid UTF-8 around", "\xffword.. \xfe", "\xffword. \xfe", []string{dp}},

	{"never ellipsis", "Well... maybe", "", nil},
	{"never four dots", "Well.... maybe", "", nil},
	{"never spaced ellipsis", "Well . . . maybe", "", nil},
	{"never spaced ellipsis attached", "Well. . . maybe", "", nil},
	{"never Unicode ellipsis", "Well….. maybe", "", nil},
	{"never cd dot dot", "run cd .. and then", "", nil},
	{"never cd dot dot at end", "cd ..", "", nil},
	{"never parent path", "see ../src for it", "", nil},
	{"never parent path backslash", `open ..\dir now`, "", nil},
	{"never git range", "git log main..feature", "", nil},
	{"never numeric range", "pages 10..20 and", "", nil},
	{"never letter range", "from a..b to", "", nil},
	{"never URL inside", "see http://x.com/a..b today", "", nil},
	{"never URL at end", "see http://x.com/a.. today", "", nil},
	{"never www inside", "at www.x..y now", "", nil},
	{"never www at end", "at www.example.com.. now", "", nil},
	{"never www in brackets", "at (www.example.com..) now", "", nil},
	{"never Windows path", `in C:\dir.. now`, "", nil},
	{"never path", "in path/to/file.. now", "", nil},
	{"never file name", "open notes..txt now", "", nil},
	{"never token start", "the ..foo token", "", nil},
	{"never token start at line start", "..\nfoo", "", nil},
	{"never code", "call obj..method()", "", nil},
	{"never Ruby endless range", "use (1..) here", "", nil},
	{"never Rust slice", "take s[1..] here", "", nil},
	{"never after question mark", "what?.. no", "", nil},
	{"never after exclamation", "what!.. no", "", nil},
	{"never quoted dots", `type ".." to go up`, "", nil},
	{"never opening quote before", `say "..x"`, "", nil},
	{"never alone", "..", "", nil},
	{"never after invalid byte", "\xff.. x", "", nil},
}

var doubleCommaCases = []testCase{
	{"prose", "word,, word", "word, word", []string{dc}},
	{"spaced", "word, , word", "word, word", []string{dc}},
	{"tripled", "word,,, word", "word, word", []string{dc}},
	{"spaced with tab", "word,\t, word", "word, word", []string{dc}},
	{"end of text", "one, two,,", "one, two,", []string{dc}},
	{"end of line", "one,,\ntwo", "one,\ntwo", []string{dc}},
	{"before closing quote", `"yes,," he said`, `"yes," he said`, []string{dc}},
	{"after abbreviation", "etc.,, and", "etc., and", []string{dc}},
	{"after group separator number", "about 2,500,, troops", "about 2,500, troops", []string{dc}},
	{"after curly quote", "“yes”,, he", "“yes”, he", []string{dc}},

	{"never CSV token", "a,,b", "", nil},
	{"never numbers", "1,,2", "", nil},
	{"never CSV trailing empty fields", "a,b,,\nc,d,,", "", nil},
	{"never CSV empty field then space", "x,y,, z", "", nil},
	{"never line start", ",,foo", "", nil},
	{"never line start after newline", "a\n,, b", "", nil},
	{"never spaced before word", "f(a, ,b)", "", nil},
	{"never after question mark", "what?,, no", "", nil},
}

var spaceBeforeCases = []testCase{
	{"comma and period", "Hello , world .", "Hello, world.", []string{sb, sb}},
	{"question", "Really ? Yes", "Really? Yes", []string{sb}},
	{"exclamation", "Stop !", "Stop!", []string{sb}},
	{"question exclamation", "What ?!", "What?!", []string{sb}},
	{"semicolon", "one ; two", "one; two", []string{sb}},
	{"tab", "one\t, two", "one, two", []string{sb}},
	// Several spaces are layout (justified text, a table): left alone.
	{"several spaces", "one   . Two", "", nil},
	{"table cell", "21     !     33", "", nil},
	{"before closing quote", `"Stop ."`, `"Stop."`, []string{sb}},
	{"before closing paren", "(see above .)", "(see above.)", []string{sb}},
	{"after closing quote", `"Hello" , he said`, `"Hello", he said`, []string{sb}},
	{"after abbreviation", "etc. , and", "etc., and", []string{sb}},
	{"before newline", "end .\nnext", "end.\nnext", []string{sb}},
	// After a number the space may be on purpose: a suggestion.
	{"digit", "version 2 .", "", []string{sb + "?"}},
	{"digit before comma", "April 12 , 2014", "April 12, 2014", []string{sb}},

	{"never decimal", "costs .5 dollars", "", nil},
	{"never decimal after word", "about .5", "", nil},
	{"never dotnet", "written in .NET today", "", nil},
	{"never dot slash", "type ./run now", "", nil},
	{"never extension", "the .txt files", "", nil},
	{"never ellipsis", "and then ...", "", nil},
	{"never ellipsis mid", "and then ... later", "", nil},
	{"never two dots", "cd ..", "", nil},
	{"never spaced ellipsis", "end . . .", "", nil},
	{"never spaced dots pair", "end . .", "", nil},
	{"never indentation", "  , x", "", nil},
	{"never indentation after newline", "a\n  . x", "", nil},
	{"never French no-break space", "Quoi\u00a0? Non\u00a0!", "", nil},
	{"never French narrow no-break space", "Quoi\u202f? Non\u202f!", "", nil},
	{"never narrow no-break then space", "Quoi\u202f ? Non", "", nil},
	{"never comma starting a number", "value ,5 here", "", nil},
	{"never thousands", "1 ,000", "", nil},
	{"never not equal", "a != b", "", nil},
	{"never question before word", "x ?y", "", nil},
	{"never winking", "ok ;)", "", nil},
	{"never colon", "ratio 10 : 5", "", nil},
	{"never after punctuation", "what? !", "", nil},
	{"never after dash", "a - , b", "", nil},
	{"never doubled semicolon", "for ;; x", "", nil},
	{"never after invalid byte", "\xff , x", "", nil},
}

var doubledCases = []testCase{
	{"semicolons", "one;; two", "one; two", []string{dd}},
	{"semicolons run", "one;;; two", "one; two", []string{dd}},
	{"never semicolons at the end of a line", "start) echo starting;;\nstop) x", "", nil},
	{"never semicolons after a digit", "for (i = 0;; i++) and x = 5;; y", "", nil},
	{"never comma stop in a CSV-like token", "a,b,,c,.", "", nil},
	{"comma then stop", "and so on,.", "and so on.", []string{dd}},
	{"spaced comma then stop", "and so on , . Next", "and so on. Next", []string{dd}},
	{"comma space stop", "the minister said, . Then", "the minister said. Then", []string{dd}},
	{"commas then stop", "said,, .", "said.", []string{dd}},
	{"stop space stop", "He left. . Then", "He left. Then", []string{dd}},
	{"stop spaces stop at the end", "He left.  .", "He left.", []string{dd}},
	{"after a closing quote", "he said “no”. .", "he said “no”.", []string{dd}},

	{"never for loop", "for (;;) x", "", nil},
	{"never semicolons in a token", "a;;b", "", nil},
	{"never semicolons at a line start", ";; comment", "", nil},
	{"never comma then ellipsis", "and, ... then", "", nil},
	{"never comma then decimal", "values 1, .5 and 2", "", nil},
	{"never spaced ellipsis", "Well. . . maybe", "", nil},
	{"never spaced ellipsis after space", "Well . . . maybe", "", nil},
	{"never spaced dots alone", "end . .", "", nil},
	{"never stop then comma then stop after abbreviation", " a.,.", "", nil},
	{"never bangs", "Wow!! Really?! What??", "", nil},
	{"never in a path", "see path/to;; x", "", nil},
}

var combinedCases = []testCase{
	{"space then spaced commas", "Hello , , world", "Hello, world", []string{sb, dc}},
	{"space then doubled comma", "a ,, b", "a, b", []string{sb, dc}},
	{"space then comma run", "a , ,, , b", "a, b", []string{sb, dc}},
	{"double period then comma", "a.. , b", "a., b", []string{dp, sb}},
	{"period then comma", "word . , x", "word., x", []string{sb, sb}},
	{"double period then spaced dot", "word.. .", "word.", []string{dp, dd}},
	{"space then double comma then quote", `"a ,,"`, `"a,"`, []string{sb, dc}},
	{"seed sentence", "the operation “sends an unambiguous message”, it said in a statement..",
		"the operation “sends an unambiguous message”, it said in a statement.", []string{dp}},
}

func runCases(t *testing.T, cases []testCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, fs := fix(t, tc.in)
			want := tc.want
			if want == "" {
				want = tc.in
			}
			if got != want {
				t.Errorf("fixed %q\n got %q\nwant %q", tc.in, got, want)
			}
			if r := rulesOf(fs); !slices.Equal(r, tc.rules) {
				t.Errorf("rules of %q = %q, want %q", tc.in, r, tc.rules)
			}
		})
	}
}

func TestDoublePeriod(t *testing.T) { runCases(t, doublePeriodCases) }
func TestDoubleComma(t *testing.T)  { runCases(t, doubleCommaCases) }
func TestSpaceBefore(t *testing.T)  { runCases(t, spaceBeforeCases) }
func TestCombined(t *testing.T)     { runCases(t, combinedCases) }
func TestDoubled(t *testing.T)      { runCases(t, doubledCases) }

func TestFindingDetails(t *testing.T) {
	tests := []struct {
		in   string
		want lint.Finding
	}{
		{"in a statement..", lint.Finding{
			Rule: dp, Severity: lint.Warning, Span: lint.Span{Start: 14, End: 16},
			Message: `stray double period: ".." → "."`,
			Fix:     []lint.Edit{{Span: lint.Span{Start: 15, End: 16}}},
		}},
		{"word, , word", lint.Finding{
			Rule: dc, Severity: lint.Warning, Span: lint.Span{Start: 4, End: 7},
			Message: `doubled comma: ", ," → ","`,
			Fix:     []lint.Edit{{Span: lint.Span{Start: 5, End: 7}}},
		}},
		{"word,\t, word", lint.Finding{
			Rule: dc, Severity: lint.Warning, Span: lint.Span{Start: 4, End: 7},
			Message: `doubled comma: ",\t," → ","`,
			Fix:     []lint.Edit{{Span: lint.Span{Start: 5, End: 7}}},
		}},
		{"Hello , world", lint.Finding{
			Rule: sb, Severity: lint.Info, Span: lint.Span{Start: 5, End: 7},
			Message: `space before "," removed`,
			Fix:     []lint.Edit{{Span: lint.Span{Start: 5, End: 6}}},
		}},
		{"Really ?", lint.Finding{
			Rule: sb, Severity: lint.Info, Span: lint.Span{Start: 6, End: 8},
			Message: `space before "?" removed`,
			Fix:     []lint.Edit{{Span: lint.Span{Start: 6, End: 7}}},
		}},
	}
	for _, tc := range tests {
		fs := stage.Check(tc.in)
		if len(fs) != 1 {
			t.Fatalf("Check(%q) = %d findings, want 1: %+v", tc.in, len(fs), fs)
		}
		f := fs[0]
		if f.Rule != tc.want.Rule || f.Severity != tc.want.Severity || f.Span != tc.want.Span ||
			f.Message != tc.want.Message || !slices.Equal(f.Fix, tc.want.Fix) || len(f.Related) != 0 {
			t.Errorf("Check(%q)\n got %+v\nwant %+v", tc.in, f, tc.want)
		}
	}
}

func TestSeed(t *testing.T) {
	data, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	got, fs := fix(t, text)
	if len(fs) != 1 || fs[0].Rule != dp {
		t.Fatalf("seed: want one %s finding, got %+v", dp, fs)
	}
	pos := lint.NewLineIndex(text).Position(fs[0].Start)
	if pos.Line != 17 || text[fs[0].Start-len("statement"):fs[0].End] != "statement.." {
		t.Errorf("seed finding at %d:%d (%q), want line 17 \"statement..\"",
			pos.Line, pos.Column, text[fs[0].Start:fs[0].End])
	}
	if want := strings.Replace(text, "in a statement..", "in a statement.", 1); got != want {
		t.Errorf("seed fixed wrongly: diff at line 17\n got %q", lint.NewLineIndex(got).Line(17))
	}
}

func TestRules(t *testing.T) {
	rules := punct.Rules()
	want := map[string]lint.Severity{dp: lint.Warning, dc: lint.Warning, sb: lint.Info, dd: lint.Warning}
	if len(rules) != len(want) {
		t.Fatalf("Rules() = %d rules, want %d", len(rules), len(want))
	}
	for _, r := range rules {
		sev, ok := want[r.ID]
		if !ok || r.Severity != sev || !r.Fixes || r.Doc == "" {
			t.Errorf("rule %+v: want severity %v, fixes, a doc line", r, sev)
		}
	}
	if !slices.Equal(stage.Rules(), rules) {
		t.Errorf("stage.Rules() differs from punct.Rules()")
	}
	if stage.Name() != "punct" {
		t.Errorf("Name() = %q, want punct", stage.Name())
	}
	rules[0].ID = "changed"
	if punct.Rules()[0].ID == "changed" {
		t.Errorf("Rules() returns shared state")
	}
}

// TestFixSlicesIndependent checks that appending to one finding's Fix does
// not overwrite another's: the fixes share a backing array.
func TestFixSlicesIndependent(t *testing.T) {
	fs := stage.Check("A.. B.. C..")
	if len(fs) != 3 {
		t.Fatalf("want 3 findings, got %d", len(fs))
	}
	_ = append(fs[0].Fix, lint.Edit{New: "x"})
	if fs[1].Fix[0].New != "" || fs[1].Fix[0].Start != 6 {
		t.Errorf("appending to one Fix changed another: %+v", fs[1].Fix)
	}
}

func TestEmptyAndClean(t *testing.T) {
	for _, in := range []string{"", ".", ",", "..", ",,", " ", "\n", "Hello, world. How are you? Fine; thanks!"} {
		if fs := stage.Check(in); len(fs) != 0 {
			t.Errorf("Check(%q) = %+v, want nothing", in, fs)
		}
	}
}

// TestLinear runs inputs built to make a careless scanner quadratic: one
// long token with many candidates, long runs of spaces and commas. A
// quadratic scan would take minutes here; a linear one takes milliseconds.
func TestLinear(t *testing.T) {
	const n = 1 << 16
	for name, in := range map[string]string{
		"token of double periods": strings.Repeat("x..)", n),
		"token of commas":         strings.Repeat("a,,)", n),
		"CSV token":               "x," + strings.Repeat("a,,)", n),
		"URL token":               "http://" + strings.Repeat("a..)", n),
		"spaces":                  "a" + strings.Repeat(" ", 4*n) + ",",
		"spaced commas":           "a" + strings.Repeat(", ", 2*n) + " b",
		"spaced dots":             "a" + strings.Repeat(" .", 2*n),
		"brackets":                strings.Repeat("(", 4*n) + "www.x..",
		"non-ASCII token":         strings.Repeat("é..)", n),
	} {
		t.Run(name, func(t *testing.T) { fix(t, in) })
	}
}

func FuzzCheck(f *testing.F) {
	for _, cases := range [][]testCase{doublePeriodCases, doubleCommaCases, spaceBeforeCases, combinedCases} {
		for _, tc := range cases {
			f.Add(tc.in)
		}
	}
	for _, s := range []string{
		"a .. ,, . , ; ! ? \t.\n", "x,\t,\t,", "“a” ,, ’b’.. «c» .", "a. . , ,.. !", "\xff,\xfe.. \xc3 .",
		"www.a ,)b.. z", "x ,)y,, z", `a.."`, "1,000,,", "e\u0301 ,",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fix(t, text)
		fix(t, dense(text))
	})
}

// alphabet holds the characters the stage's decisions turn on; dense maps
// each byte of s to one of them, so that fuzzing explores punctuation
// clusters far more often than random bytes would.
var alphabet = []string{
	" ", " ", ".", ".", ",", ",", "\t", "\n", "a", "Z", "1", ";", "!", "?", "\"", "'",
	")", "]", "(", "/", "\\", ":", "w", "é", "”", "“", "\u00a0", "\u202f", "\xff", "\r", "-", "%",
}

func dense(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteString(alphabet[int(s[i])%len(alphabet)])
	}
	return b.String()
}

// TestExhaustive checks the invariants on every string of up to five
// characters from a small alphabet of the characters that matter.
func TestExhaustive(t *testing.T) {
	chars := []string{" ", ".", ",", "a", "\"", ")", "/", "\n", "?", "1"}
	var walk func(prefix string, depth int)
	walk = func(prefix string, depth int) {
		fix(t, prefix)
		if depth == 0 {
			return
		}
		for _, c := range chars {
			walk(prefix+c, depth-1)
		}
	}
	walk("", 5)
}

// recordSink keeps what CheckEach hands over.
type recordSink struct {
	reserved int
	got      []lint.Finding
}

func (r *recordSink) Reserve(n int)      { r.reserved = n }
func (r *recordSink) Add(f lint.Finding) { r.got = append(r.got, f) }

// TestCheckEachSameAsCheck checks that the streaming form hands over
// exactly Check's findings, in order, after reserving their number.
func TestCheckEachSameAsCheck(t *testing.T) {
	st := punct.New(punct.Options{}).(interface {
		lint.Stage
		CheckEach(string, lint.FindingSink)
	})
	for _, in := range []string{"", "plain.", "It said.. Then , he left;; ok , . x", "a..b v1.2.. ok.. (see..) end.."} {
		want := st.Check(in)
		var r recordSink
		st.CheckEach(in, &r)
		if r.reserved != len(want) || len(r.got) != len(want) {
			t.Fatalf("%q: reserved %d, got %d, Check %d", in, r.reserved, len(r.got), len(want))
		}
		for i := range want {
			if want[i].Rule != r.got[i].Rule || want[i].Span != r.got[i].Span || want[i].Fix[0] != r.got[i].Fix[0] || want[i].Suggest != r.got[i].Suggest {
				t.Fatalf("%q: finding %d: %+v, Check %+v", in, i, r.got[i], want[i])
			}
		}
	}
}
