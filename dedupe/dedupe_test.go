package dedupe

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// fix runs the stage on in and returns the fixed text and the findings.
func fix(t testing.TB, opts Options, in string) (string, []lint.Finding) {
	t.Helper()
	fs := New(opts).Check(in)
	var edits []lint.Edit
	for _, f := range fs {
		if !f.Suggest {
			edits = append(edits, f.Fix...)
		}
	}
	lint.SortEdits(edits)
	out, err := lint.Apply(in, edits)
	if err != nil {
		t.Fatalf("Check(%q): fixes do not apply: %v", in, err)
	}
	return out, fs
}

// summary describes findings as "rule/severity/fixed" strings.
func summary(fs []lint.Finding) string {
	var b []string
	for _, f := range fs {
		s := fmt.Sprintf("%s/%s", strings.TrimPrefix(f.Rule, "dedupe."), f.Severity)
		switch {
		case f.Suggest:
			s += "/suggest"
		case len(f.Fix) > 0:
			s += "/fix"
		}
		b = append(b, s)
	}
	return strings.Join(b, " ")
}

const (
	p1 = "The official said the strikes hit an area along the border."
	p2 = "Rockets have also struck US bases in Baghdad, including the Green Zone."
	p3 = "There are about 2,500 US troops in Iraq."
	s1 = "The strike was launched on Thursday."
	s2 = "It targeted facilities at a border control point."
	s3 = "Nobody was hurt in the attack."
)

type testCase struct {
	name  string
	opts  Options
	in    string
	want  string // the fixed text
	finds string // summary of the findings
}

func runCases(t *testing.T, tests []testCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, fs := fix(t, tt.opts, tt.in)
			if got != tt.want {
				t.Errorf("fixed text:\n got %q\nwant %q", got, tt.want)
			}
			if s := summary(fs); s != tt.finds {
				t.Errorf("findings: got %q, want %q", s, tt.finds)
				for _, f := range fs {
					t.Logf("  %+v", f)
				}
			}
			checkFindings(t, tt.in, fs)
			if again, fs2 := fix(t, tt.opts, got); again != got {
				t.Errorf("not idempotent: second pass gives %q (%s)", again, summary(fs2))
			}
		})
	}
}

// checkFindings asserts what every finding must satisfy: spans, related
// spans and fixes inside the text, fixes that do not overlap, a message.
func checkFindings(t testing.TB, text string, fs []lint.Finding) {
	t.Helper()
	var edits []lint.Edit
	for _, f := range fs {
		if f.Start < 0 || f.End > len(text) || f.Start >= f.End {
			t.Errorf("finding %q has bad span %v", f.Message, f.Span)
		}
		if f.Message == "" || f.Rule == "" {
			t.Errorf("finding %+v lacks a rule or message", f)
		}
		if len(f.Related) != 1 {
			t.Errorf("finding %q: want one related span, got %v", f.Message, f.Related)
		}
		for _, r := range f.Related {
			if r.Start < 0 || r.End > len(text) || r.Start >= r.End || r.End > f.Start {
				t.Errorf("finding %q: related %v is not an earlier copy of %v", f.Message, r, f.Span)
			}
		}
		edits = append(edits, f.Fix...)
	}
	lint.SortEdits(edits)
	if err := lint.ValidateEdits(edits, len(text)); err != nil {
		t.Errorf("fixes overlap: %v", err)
	}
}

func TestParagraph(t *testing.T) {
	runCases(t, []testCase{
		{name: "adjacent repeat removed with its separator",
			in:    p1 + "\n\n" + p2 + "\n\n" + p2 + "\n\n" + p3 + "\n",
			want:  p1 + "\n\n" + p2 + "\n\n" + p3 + "\n",
			finds: "paragraph/error/fix"},
		{name: "last paragraph, no final newline",
			in:    p1 + "\n\n" + p2 + "\n\n" + p2,
			want:  p1 + "\n\n" + p2,
			finds: "paragraph/error/fix"},
		{name: "last paragraph, final newline kept",
			in:    p1 + "\n\n" + p1 + "\n",
			want:  p1 + "\n",
			finds: "paragraph/error/fix"},
		{name: "CRLF",
			in:    p1 + "\r\n\r\n" + p1 + "\r\n\r\n" + p2 + "\r\n",
			want:  p1 + "\r\n\r\n" + p2 + "\r\n",
			finds: "paragraph/error/fix"},
		{name: "CRLF last paragraph",
			in:    p1 + "\r\n\r\n" + p1,
			want:  p1,
			finds: "paragraph/error/fix"},
		{name: "several blank lines and indentation go with it",
			in:    "\n  " + p1 + "\n \n\t\n  " + p1 + "\n\n" + p2,
			want:  "\n  " + p1 + "\n\n" + p2,
			finds: "paragraph/error/fix"},
		{name: "three copies leave one",
			in:    p1 + "\n\n" + p1 + "\n\n" + p1 + "\n\n" + p2,
			want:  p1 + "\n\n" + p2,
			finds: "paragraph/error/fix paragraph/error/fix"},
		{name: "multi-line paragraph",
			in:    p1 + "\n" + p2 + "\n\n" + p1 + "\n" + p2 + "\n",
			want:  p1 + "\n" + p2 + "\n",
			finds: "paragraph/error/fix"},
		{name: "line breaks and spaces differ",
			in:    p1 + " " + p2 + "\n\n" + p1 + "\n" + p2,
			want:  p1 + " " + p2,
			finds: "paragraph/error/fix"},
		{name: "curly quotes repeat straight quotes",
			in:    "He said \"we acted\" and 'left' today.\n\nHe said “we acted” and ‘left’ today.",
			want:  "He said \"we acted\" and 'left' today.",
			finds: "paragraph/error/fix"},
		{name: "case differs",
			in:    p1 + "\n\n" + strings.ToUpper(p1),
			want:  p1,
			finds: "paragraph/error/fix"},
		{name: "final dots differ",
			in:    p1 + ".\n\n" + p1,
			want:  p1 + ".",
			finds: "paragraph/error/fix"},
		{name: "ellipsis and missing final dot",
			in:    strings.TrimSuffix(p1, ".") + "…\n\n" + strings.TrimSuffix(p1, "."),
			want:  strings.TrimSuffix(p1, ".") + "…",
			finds: "paragraph/error/fix"},
		{name: "canonically equivalent accents",
			in:    "Le café était fermé hier soir.\n\nLe cafe\u0301 e\u0301tait ferme\u0301 hier soir.",
			want:  "Le café était fermé hier soir.",
			finds: "paragraph/error/fix"},
		{name: "question is not a statement",
			in:    "You did all of it yourself.\n\nYou did all of it yourself?",
			want:  "You did all of it yourself.\n\nYou did all of it yourself?",
			finds: ""},
		{name: "one word differs",
			in:    "The cat sat on the mat today.\n\nThe cat sat on the hat today.",
			want:  "The cat sat on the mat today.\n\nThe cat sat on the hat today.",
			finds: "near-paragraph/warning"}, // near.go: reported, never removed by default
		{name: "not adjacent: reported, kept",
			in:    p1 + "\n\n" + p2 + "\n\n" + p1 + "\n",
			want:  p1 + "\n\n" + p2 + "\n\n" + p1 + "\n",
			finds: "paragraph/warning"},
		{name: "not adjacent, mode all: removed",
			opts:  Options{Mode: All},
			in:    p1 + "\n\n" + p2 + "\n\n" + p1 + "\n",
			want:  p1 + "\n\n" + p2 + "\n",
			finds: "paragraph/error/fix"},
		{name: "short paragraph repeat: warning only",
			in:    "Ha!\n\nHa!\n\n" + p1,
			want:  "Ha!\n\nHa!\n\n" + p1,
			finds: "paragraph/warning"},
		{name: "scene break repeat: warning only",
			in:    p1 + "\n\n* * *\n\n* * *\n\n" + p2,
			want:  p1 + "\n\n* * *\n\n* * *\n\n" + p2,
			finds: "paragraph/warning"},
		{name: "short repeats further away: nothing",
			in:    "* * *\n\n" + p1 + "\n\n* * *\n\n" + p2,
			want:  "* * *\n\n" + p1 + "\n\n* * *\n\n" + p2,
			finds: ""},
		{name: "short paragraph removed when MinSentenceWords is 1",
			opts:  Options{MinSentenceWords: 1},
			in:    "Ha!\n\nHa!\n",
			want:  "Ha!\n",
			finds: "paragraph/error/fix"},
		{name: "repeat once its repeated sentence is gone",
			in:    s1 + " " + s2 + "\n\n" + s1 + " " + s1 + " " + s2,
			want:  s1 + " " + s2,
			finds: "paragraph/error/fix"},
		{name: "repeat once its doubled word is gone",
			in:    p1 + "\n\n" + strings.Replace(p1, "the ", "the the ", 1),
			want:  p1,
			finds: "paragraph/error/fix"},
		{name: "off",
			opts:  Options{Mode: Off},
			in:    p1 + "\n\n" + p1 + " the the",
			want:  p1 + "\n\n" + p1 + " the the",
			finds: ""},
	})
}

func TestSentence(t *testing.T) {
	runCases(t, []testCase{
		{name: "adjacent repeat in the middle",
			in:    s1 + " " + s2 + " " + s2 + " " + s3,
			want:  s1 + " " + s2 + " " + s3,
			finds: "sentence/error/fix"},
		{name: "adjacent repeat at the end",
			in:    s1 + " " + s2 + " " + s2 + "\n",
			want:  s1 + " " + s2 + "\n",
			finds: "sentence/error/fix"},
		{name: "three copies leave one",
			in:    s1 + " " + s2 + " " + s2 + " " + s2 + " " + s3,
			want:  s1 + " " + s2 + " " + s3,
			finds: "sentence/error/fix sentence/error/fix"},
		{name: "three copies at the end",
			in:    s1 + " " + s2 + " " + s2 + " " + s2,
			want:  s1 + " " + s2,
			finds: "sentence/error/fix sentence/error/fix"},
		{name: "repeat starts a line: the line goes",
			in:    s1 + "\n" + s1 + "\n" + s2,
			want:  s1 + "\n" + s2,
			finds: "sentence/error/fix"},
		{name: "a passage of two sentences pasted twice on one line",
			in:    s1 + " " + s2 + " " + s1 + " " + s2 + " " + s3,
			want:  s1 + " " + s2 + " " + s3,
			finds: "sentence/error/fix"},
		{name: "a passage pasted twice on the next line",
			in:    s3 + "\n\n" + s1 + " " + s2 + "\n" + s1 + " " + s2 + "\n\n" + p1,
			want:  s3 + "\n\n" + s1 + " " + s2 + "\n\n" + p1,
			finds: "sentence/error/fix"},
		{name: "a passage pasted with no space between",
			in:    s1 + " " + s2 + s1 + " " + s2,
			want:  s1 + " " + s2,
			finds: "sentence/error/fix"},
		{name: "a passage of three sentences pasted three times",
			in:    s1 + " " + s2 + " " + s3 + " " + s1 + " " + s2 + " " + s3 + " " + s1 + " " + s2 + " " + s3,
			want:  s1 + " " + s2 + " " + s3,
			finds: "sentence/error/fix sentence/error/fix"},
		{name: "a passage with a short sentence in it",
			in:    s1 + " No. " + s1 + " No. " + s2,
			want:  s1 + " No. " + s2,
			finds: "sentence/error/fix"},
		{name: "a passage of short sentences is prose",
			in:    "He left. She cried. He left. She cried. " + s1,
			want:  "He left. She cried. He left. She cried. " + s1,
			finds: ""},
		{name: "a passage with a sentence between the copies is far",
			in:    s1 + " " + s2 + " " + s3 + " " + s1 + " " + s2,
			want:  s1 + " " + s2 + " " + s3 + " " + s1 + " " + s2,
			finds: "sentence/warning sentence/warning"},
		{name: "a passage in mode All goes as one",
			opts:  Options{Mode: All},
			in:    s1 + " " + s2 + " " + s1 + " " + s2,
			want:  s1 + " " + s2,
			finds: "sentence/error/fix"},
		{name: "a passage repeated across a paragraph break",
			in:    s3 + " " + s1 + " " + s2 + "\n\n" + s1 + " " + s2 + " " + p1,
			want:  s3 + " " + s1 + " " + s2 + "\n\n" + p1,
			finds: "sentence/error/fix"},
		{name: "a whole paragraph that ends the one before goes with its break",
			in:    s3 + " " + s1 + " " + s2 + "\n\n" + s1 + " " + s2 + "\n\n" + p1,
			want:  s3 + " " + s1 + " " + s2 + "\n\n" + p1,
			finds: "sentence/error/fix"},
		{name: "headline line, then a sentence pasted twice",
			in:    "Storm hits coast\n" + s1 + "\n" + s1 + "\n" + s2,
			want:  "Storm hits coast\n" + s1 + "\n" + s2,
			finds: "sentence/error/fix"},
		{name: "repeat ends a line: the space before it goes",
			in:    s1 + " " + s1 + "\n" + s2,
			want:  s1 + "\n" + s2,
			finds: "sentence/error/fix"},
		{name: "short sentences are prose",
			in:    "No. No. No. " + s1 + " Go away! Go away!",
			want:  "No. No. No. " + s1 + " Go away! Go away!",
			finds: ""},
		{name: "short sentence between copies makes them non-adjacent",
			in:    s1 + " No. " + s1,
			want:  s1 + " No. " + s1,
			finds: "sentence/warning"},
		{name: "across a paragraph break",
			in:    s1 + " " + s2 + "\n\n" + s2 + " " + s3,
			want:  s1 + " " + s2 + "\n\n" + s3,
			finds: "sentence/error/fix"},
		{name: "across a paragraph break, the next sentence on a new line",
			in:    s1 + " " + s2 + "\n\n" + s2 + "\n" + s3,
			want:  s1 + " " + s2 + "\n\n" + s3,
			finds: "sentence/error/fix"},
		{name: "paragraph left empty goes with its separator",
			in:    s1 + " " + s2 + "\n\n" + s2 + "\n\n" + s3 + "\n",
			want:  s1 + " " + s2 + "\n\n" + s3 + "\n",
			finds: "sentence/error/fix"},
		{name: "last paragraph left empty, no final newline",
			in:    s1 + " " + s2 + "\n\n" + s2 + " " + s2,
			want:  s1 + " " + s2,
			finds: "sentence/error/fix sentence/error/fix"},
		{name: "paragraph between copies stays adjacent once emptied",
			in:    s1 + " " + s2 + "\n\n" + s2 + "\n\n" + s1 + " " + s2,
			want:  s1 + " " + s2,
			finds: "sentence/error/fix paragraph/error/fix"},
		{name: "not adjacent: reported, kept",
			in:    s1 + " " + s2 + " " + s1,
			want:  s1 + " " + s2 + " " + s1,
			finds: "sentence/warning"},
		{name: "not adjacent across paragraphs: reported, kept",
			in:    s1 + "\n\n" + s2 + "\n\n" + s3 + " " + s1,
			want:  s1 + "\n\n" + s2 + "\n\n" + s3 + " " + s1,
			finds: "sentence/warning"},
		{name: "not adjacent, mode all: removed",
			opts:  Options{Mode: All},
			in:    s1 + " " + s2 + "\n\n" + s3 + " " + s1 + " " + s2,
			want:  s1 + " " + s2 + "\n\n" + s3,
			finds: "sentence/error/fix sentence/error/fix"},
		{name: "mode all empties a paragraph",
			opts:  Options{Mode: All},
			in:    s1 + " " + s2 + "\n\n" + s3 + "\n\n" + s1 + "\n",
			want:  s1 + " " + s2 + "\n\n" + s3 + "\n",
			finds: "sentence/error/fix"},
		{name: "curly and straight quotes, case",
			in:    "He said \"we acted\" today. HE SAID “WE ACTED” TODAY. " + s3,
			want:  "He said \"we acted\" today. " + s3,
			finds: "sentence/error/fix"},
		{name: "stray final dots",
			in:    s1 + " " + strings.TrimSuffix(s1, ".") + "..",
			want:  s1,
			finds: "sentence/error/fix"},
		{name: "sentences of a removed paragraph are not reported",
			in:    s1 + " " + s2 + "\n\n" + s1 + " " + s2 + "\n\n" + s3 + " " + s1,
			want:  s1 + " " + s2 + "\n\n" + s3 + " " + s1,
			finds: "paragraph/error/fix sentence/warning"},
		{name: "sentences of a reported paragraph are not reported again",
			in:    s1 + " " + s2 + "\n\n" + s3 + "\n\n" + s1 + " " + s2,
			want:  s1 + " " + s2 + "\n\n" + s3 + "\n\n" + s1 + " " + s2,
			finds: "paragraph/warning"},
		{name: "removal that would change how the rest splits: reported",
			// Without its first sentence the paragraph would start with
			// "* ", a list item, and split at the line break: the fixed
			// text would hold a new repeat across the next paragraph break.
			in:    "Why did it happen?\n\nWhy did it happen? * * * Nobody was hurt\nIt targeted the border point.\n\nIt targeted the border point. Walla is a place.",
			want:  "Why did it happen?\n\nWhy did it happen? * * * Nobody was hurt\nIt targeted the border point.\n\nIt targeted the border point. Walla is a place.",
			finds: "sentence/warning"},
		{name: "sentence with a doubled word repeats the one without",
			in:    "The cat sat on the mat. The cat sat on the the mat.",
			want:  "The cat sat on the mat.",
			finds: "sentence/error/fix"},
	})
}

func TestWord(t *testing.T) {
	runCases(t, []testCase{
		{name: "the the", in: "It was the the best.", want: "It was the best.", finds: "word/warning/fix"},
		{name: "case differs", in: "The the cat sat.", want: "The cat sat.", finds: "word/warning/fix"},
		{name: "second capitalized: a name or title", in: "the law lord Lord Bingham", want: "the law lord Lord Bingham", finds: ""},
		{name: "all caps", in: "THE THE CAT", want: "THE CAT", finds: "word/warning/fix"},
		{name: "function word capitalized twice", in: "The The cat sat.", want: "The cat sat.", finds: "word/warning/fix"},
		{name: "two spaces: layout, not a slip", in: "a  a cat", want: "a  a cat", finds: ""},
		{name: "three copies: one finding", in: "go to to to the box", want: "go to the box", finds: "word/warning/fix"},
		{name: "two doubles", in: "to to the the end", want: "to the end", finds: "word/warning/fix word/warning/fix"},
		{name: "apostrophes", in: "I don't don’t know.", want: "I don't don’t know.", finds: "word/warning/suggest"},
		{name: "non-ASCII letters", in: "Un été été chaud.", want: "Un été été chaud.", finds: "word/warning/suggest"},
		{name: "copies of different case are different words", in: "Un ÉTÉ été chaud.", want: "Un ÉTÉ été chaud.", finds: ""},
		{name: "inside quotes: a mention", in: `He said "the the" twice.`, want: `He said "the the" twice.`, finds: ""},
		{name: "capitalized copy first", in: "Sat sat sat", want: "Sat sat sat", finds: "word/warning/suggest"},
		{name: "capitalized function word first", in: "The the the cat", want: "The cat", finds: "word/warning/fix"},
		{name: "line break", in: "the\nthe cat", want: "the\nthe cat", finds: ""},
		{name: "CRLF", in: "the\r\nthe cat", want: "the\r\nthe cat", finds: ""},
		{name: "tab", in: "the\tthe cat", want: "the\tthe cat", finds: ""},
		{name: "comma", in: "the, the cat", want: "the, the cat", finds: ""},
		{name: "across sentences", in: "I saw it. It was red.", want: "I saw it. It was red.", finds: ""},
		{name: "numbers", in: "scores 10 10 and 7 7", want: "scores 10 10 and 7 7", finds: ""},
		{name: "letters and digits", in: "the B52 B52 bomber", want: "the B52 B52 bomber", finds: ""},
		{name: "part of a longer word", in: "the theme then the", want: "the theme then the", finds: ""},
		{name: "hyphenated", in: "a well-known well known", want: "a well-known well known", finds: ""},
		{name: "had had", in: "She had had enough.", want: "She had had enough.", finds: ""},
		{name: "that that", in: "He said that that was all.", want: "He said that that was all.", finds: ""},
		{name: "is is: reported", in: "What it is is a scandal.", want: "What it is is a scandal.", finds: "word/warning"},
		{name: "for for: reported", in: "I've been waiting for for years.", want: "I've been waiting for for years.", finds: "word/warning"},
		{name: "in in: reported", in: "We have been placed in in the past.", want: "We have been placed in in the past.", finds: "word/warning"},
		{name: "her her", in: "He gave her her keys.", want: "He gave her her keys.", finds: ""},
		{name: "bye bye", in: "Bye bye, they said.", want: "Bye bye, they said.", finds: ""},
		{name: "very very", in: "It was very very cold.", want: "It was very very cold.", finds: ""},
		{name: "place name", in: "They flew to Bora Bora and Walla Walla.", want: "They flew to Bora Bora and Walla Walla.", finds: ""},
		{name: "this this is as often meant", in: "Add to this this new law.", want: "Add to this this new law.", finds: "word/warning"},
		{name: "doubled nouns are words", in: "The tom tom drums, ylang ylang oil and the can can.", want: "The tom tom drums, ylang ylang oil and the can can.", finds: "word/warning"},
		{name: "stuck run: suggested", in: "The crowd sang sang sang sang sang all night.", want: "The crowd sang sang sang sang sang all night.", finds: "word/warning/suggest"},
		{name: "chants and fillers are meant", in: "The crowd sang na na na na na all night, then go go go! and ok ok, hey hey.", want: "The crowd sang na na na na na all night, then go go go! and ok ok, hey hey.", finds: ""},
		{name: "run of a function word", in: "It was the the the the best.", want: "It was the best.", finds: "word/warning/fix"},
		{name: "run broken by a comma", in: "the the the, the the.", want: "the, the.", finds: "word/warning/fix word/warning/fix"},
		{name: "two runs", in: "the the the cat cat cat sat", want: "the cat cat cat sat", finds: "word/warning/fix word/warning/suggest"},
		{name: "run with a name after it", in: "the the the The Hague", want: "the The Hague", finds: "word/warning/fix"},
		{name: "that that that", in: "He said that that that was all.", want: "He said that that was all.", finds: "word/warning/fix"},
		{name: "had had had had", in: "She had had had had enough.", want: "She had had enough.", finds: "word/warning/fix"},
		{name: "That that that", in: "That that that is all.", want: "That that is all.", finds: "word/warning/fix"},
		{name: "for for for: the pair stays", in: "I waited for for for years.", want: "I waited for for years.", finds: "word/warning/fix"},
		{name: "is is is", in: "The problem is is is that.", want: "The problem is is that.", finds: "word/warning/fix"},
		{name: "reduplication of any length stays", in: "Ha ha ha ha, la la la la, blah blah blah.", want: "Ha ha ha ha, la la la la, blah blah blah.", finds: ""},
		{name: "emphasis of any length stays", in: "It was very very very cold.", want: "It was very very very cold.", finds: ""},
		{name: "names of any length stay", in: "Sing Sing Sing was played.", want: "Sing Sing Sing was played.", finds: ""},
		{name: "non-ASCII run", in: "Un été été été chaud.", want: "Un été été été chaud.", finds: "word/warning/suggest"},
		{name: "non-ASCII function word", in: "C’est la clé et et la porte.", want: "C’est la clé et la porte.", finds: "word/warning/fix"},
		{name: "word in a removed sentence is not reported",
			in:    "It was the end of the war. It was the the end of the war.",
			want:  "It was the end of the war.",
			finds: "sentence/error/fix"},
	})
}

// TestSeed checks the seed article: the Boukamal/Qaim paragraph (line 25)
// goes with its separator, pointing at line 23, and nothing else changes.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile("../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	in := string(b)
	out, fs := fix(t, Options{}, in)
	if len(fs) != 1 {
		t.Fatalf("want one finding, got %d: %+v", len(fs), fs)
	}
	f := fs[0]
	lines := lint.NewLineIndex(in)
	if f.Rule != RuleParagraph || f.Severity != lint.Error {
		t.Errorf("finding %s/%s, want %s/error", f.Rule, f.Severity, RuleParagraph)
	}
	if l := lines.Position(f.Start).Line; l != 25 {
		t.Errorf("finding on line %d, want 25", l)
	}
	if l := lines.Position(f.Related[0].Start).Line; l != 23 {
		t.Errorf("related on line %d, want 23", l)
	}
	rows := strings.Split(in, "\n")
	want := strings.Join(append(rows[:23:23], rows[25:]...), "\n")
	if out != want {
		t.Errorf("fixed seed differs from the seed without lines 24-25:\n%s", out)
	}
	if !strings.HasSuffix(out, "Kataib Hezbollah.") {
		t.Errorf("fixed seed gained a final newline")
	}
}

func TestMessages(t *testing.T) {
	in := p1 + "\n\n" + p1 + "\n\n" + s1 + " " + s2 + " " + s1 + " It was the the end."
	fs := New(Options{}).Check(in)
	want := []string{
		"paragraph repeats the paragraph just before it (removed)",
		"sentence repeats an earlier sentence; not adjacent, so kept (use --dedupe all to remove)",
		`repeated word "the" (the second copy is removed)`,
	}
	if len(fs) != len(want) {
		t.Fatalf("got %d findings, want %d: %+v", len(fs), len(want), fs)
	}
	for i, f := range fs {
		if f.Message != want[i] {
			t.Errorf("message %d: got %q, want %q", i, f.Message, want[i])
		}
	}
	// The first copy is the related span of each.
	if r := fs[0].Related[0]; in[r.Start:r.End] != p1 || r.Start != 0 {
		t.Errorf("paragraph related %v = %q", r, in[r.Start:r.End])
	}
	if r := fs[1].Related[0]; in[r.Start:r.End] != s1 {
		t.Errorf("sentence related %v = %q", r, in[r.Start:r.End])
	}
	if r := fs[2].Related[0]; in[r.Start:r.End] != "the" {
		t.Errorf("word related %v = %q", r, in[r.Start:r.End])
	}
	// A repeated passage is one finding: its span is the second copy, its
	// related span the first, its fix removes the copy and a space.
	in = s3 + " " + s1 + " " + s2 + " " + s1 + " " + s2
	fs = New(Options{}).Check(in)
	second := strings.LastIndex(in, s1)
	if len(fs) != 1 || fs[0].Message != "passage of 2 sentences repeats the 2 sentences just before it (removed)" {
		t.Fatalf("passage: %+v", fs)
	}
	if f := fs[0]; f.Start != second || f.End != len(in) || in[f.Related[0].Start:f.Related[0].End] != s1+" "+s2 ||
		len(f.Fix) != 1 || f.Fix[0].Start != second-1 || f.Fix[0].End != len(in) {
		t.Errorf("passage span %v, related %v, fix %v", f.Span, f.Related, f.Fix)
	}
	// A copy that differs says so.
	fs = New(Options{}).Check(p1 + "\n\n" + strings.ToUpper(p1))
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "differ only in case") {
		t.Errorf("case-only repeat: %+v", fs)
	}
}

func TestRules(t *testing.T) {
	st := New(Options{})
	if st.Name() != "dedupe" {
		t.Errorf("Name() = %q", st.Name())
	}
	seen := map[string]bool{}
	for _, r := range st.Rules() {
		if !strings.HasPrefix(r.ID, "dedupe.") || r.Doc == "" || r.Fixes == strings.HasPrefix(r.ID, "dedupe.near-") {
			t.Errorf("rule %+v", r)
		}
		seen[r.ID] = true
	}
	for _, id := range []string{RuleParagraph, RuleSentence, RuleWord} {
		if !seen[id] {
			t.Errorf("rule %s not listed", id)
		}
	}
}

func TestParseMode(t *testing.T) {
	for _, m := range []Mode{Adjacent, All, Off, Corpus} {
		got, err := ParseMode(" " + strings.ToUpper(m.String()) + " ")
		if err != nil || got != m {
			t.Errorf("ParseMode(%q) = %v, %v", m.String(), got, err)
		}
	}
	if _, err := ParseMode("some"); err == nil {
		t.Error("ParseMode accepted \"some\"")
	}
}

func TestInvalidUTF8(t *testing.T) {
	// Invalid bytes only match the same bytes, and survive in the copy kept.
	in := "Bad \xff byte in this one.\n\nBad \xfe byte in this one.\n\nBad \xfe byte in this one."
	out, fs := fix(t, Options{}, in)
	if want := "Bad \xff byte in this one.\n\nBad \xfe byte in this one."; out != want {
		t.Errorf("got %q (%s), want %q", out, summary(fs), want)
	}
	// A truncated sequence is not joined with what follows a removal.
	in = "ab \xe2\x80 cd ef.\n\nab \xe2\x80 cd ef.\xa6"
	out, _ = fix(t, Options{}, in)
	if strings.Count(out, "…") != 0 {
		t.Errorf("invalid bytes were joined: %q", out)
	}
}

func TestSameWord(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"the", "the", true},
		{"The", "tHE", true},
		{"Don't", "don’t", true},
		{"été", "ÉTÉ", true},
		{"Kelvin", "\u212aelvin", true},
		{"the", "then", false},
		{"don't", "dont", false},
		{"a", "b", false},
	} {
		if got := sameWord(tt.a, tt.b); got != tt.want {
			t.Errorf("sameWord(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

// TestWordRun checks the one finding of a run of copies: it spans the
// copies its fix removes, relates the first copy and counts them.
func TestWordRun(t *testing.T) {
	tests := []struct {
		in, msg, span, related, out string
	}{
		{"They sang of of of of today.", `word "of" typed 4 times (3 copies removed)`, "of of of", "of", "They sang of today."},
		{"The the the", `word "The" typed 3 times (2 copies removed)`, "the the", "The", "The"},
		{"He said that that that was all.", `word "that" typed 3 times (1 copy removed; "that that" is kept, as the pair can be meant)`, "that", "that", "He said that that was all."},
		{"It is for for for for you.", `word "for" typed 4 times (2 copies removed; "for for" is kept, as the pair can be meant)`, "for for", "for", "It is for for you."},
	}
	for _, tt := range tests {
		out, fs := fix(t, Options{}, tt.in)
		if len(fs) != 1 {
			t.Errorf("%q: got %d findings, want 1: %+v", tt.in, len(fs), fs)
			continue
		}
		f := fs[0]
		if f.Message != tt.msg {
			t.Errorf("%q: message %q, want %q", tt.in, f.Message, tt.msg)
		}
		if got := tt.in[f.Start:f.End]; got != tt.span {
			t.Errorf("%q: span %q, want %q", tt.in, got, tt.span)
		}
		if r := f.Related[0]; tt.in[r.Start:r.End] != tt.related || r.End > f.Start {
			t.Errorf("%q: related %v = %q, want the first copy %q", tt.in, r, tt.in[r.Start:r.End], tt.related)
		}
		if len(f.Fix) != 1 {
			t.Errorf("%q: want one edit, got %v", tt.in, f.Fix)
		}
		if out != tt.out {
			t.Errorf("%q: fixed %q, want %q", tt.in, out, tt.out)
		}
	}
}

// TestWordRunLong checks that a long run is one finding, however long.
func TestWordRunLong(t *testing.T) {
	in := strings.Repeat("the ", 5000) + "end."
	out, fs := fix(t, Options{}, in)
	if out != "the end." {
		t.Errorf("fixed %q…, want %q", out[:min(len(out), 40)], "the end.")
	}
	if len(fs) != 1 || fs[0].Message != `word "the" typed 5000 times (4999 copies removed)` {
		t.Errorf("want one finding for the run, got %d: %.200v", len(fs), fs)
	}
}
