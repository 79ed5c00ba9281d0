package dedupe

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/dedupe/segment"
	"github.com/copydesk/copydesk/pipeline/lint"
)

const (
	n1  = "The official said the strikes hit an area along the border between Syria and Iraq."
	n1b = "The official said the strike hit an area along the border between Syria and Iraq."
	n2  = "Rockets have also struck US bases in Baghdad, including the Green Zone."
	n3  = "There are about 2,500 US troops in Iraq to assist Iraqi forces."
)

func TestNear(t *testing.T) {
	fixNear := Options{FixNear: true}
	runCases(t, []testCase{
		{name: "adjacent near paragraph: reported, kept",
			in:    n1 + "\n\n" + n1b + "\n",
			want:  n1 + "\n\n" + n1b + "\n",
			finds: "near-paragraph/warning"},
		{name: "adjacent near paragraph removed with FixNear",
			opts:  fixNear,
			in:    n1 + "\n\n" + n1b + "\n\n" + n2 + "\n",
			want:  n1 + "\n\n" + n2 + "\n",
			finds: "near-paragraph/warning/fix"},
		{name: "near paragraph far away: reported, kept even with FixNear",
			opts:  fixNear,
			in:    n1 + "\n\n" + n2 + "\n\n" + n1b,
			want:  n1 + "\n\n" + n2 + "\n\n" + n1b,
			finds: "near-paragraph/warning"},
		{name: "a chain of near copies goes with FixNear",
			opts:  fixNear,
			in:    n1 + "\n\n" + n1b + "\n\n" + strings.Replace(n1b, "official", "officials", 1) + "\n\n" + n2,
			want:  n1 + "\n\n" + n2,
			finds: "near-paragraph/warning/fix near-paragraph/warning/fix"},
		{name: "exact copy is not a near copy",
			in:    n1 + "\n\n" + n1,
			want:  n1,
			finds: "paragraph/error/fix"},
		{name: "exact copy far away is not a near copy",
			in:    n1 + "\n\n" + n2 + "\n\n" + n1,
			want:  n1 + "\n\n" + n2 + "\n\n" + n1,
			finds: "paragraph/info"},
		{name: "copies differing in punctuation only are not near copies",
			in:    n1 + "\n\n" + n2 + "\n\n" + strings.ReplaceAll(n1, ",", ";") + "!",
			want:  n1 + "\n\n" + n2 + "\n\n" + strings.ReplaceAll(n1, ",", ";") + "!",
			finds: ""},
		{name: "near sentence in a paragraph",
			in:    n2 + " " + n1 + " " + n1b,
			want:  n2 + " " + n1 + " " + n1b,
			finds: "near-sentence/warning"},
		{name: "near sentences never removed",
			opts:  fixNear,
			in:    n2 + " " + n1 + " " + n1b,
			want:  n2 + " " + n1 + " " + n1b,
			finds: "near-sentence/warning"},
		{name: "short sentences are not near copies",
			in:    "He said. She said. He said so. She said so. He said no.",
			want:  "He said. She said. He said so. She said so. He said no.",
			finds: ""},
		{name: "different sentences with a shared opening are not near copies",
			in:    "The minister said the talks would resume in Geneva next week. The minister said nothing about the sanctions imposed by the United States.",
			want:  "The minister said the talks would resume in Geneva next week. The minister said nothing about the sanctions imposed by the United States.",
			finds: ""},
		{name: "list items that differ in one word of five",
			in:    "- Add the eggs one at a time\n- Add the flour\n- Add the sugar\n",
			want:  "- Add the eggs one at a time\n- Add the flour\n- Add the sugar\n",
			finds: ""},
		{name: "units that differ only in names and numbers are a pattern, not copies",
			in:    "Release date to be confirmed on PS2 in 2005. Release date to be confirmed on GameCube in 2006.\n\n- Tim Dams, Screen: Film - The Aviator; director - Clint Eastwood.\n\n- Angie Errigo, Empire: Film - The Aviator; director - Martin Scorsese.",
			want:  "Release date to be confirmed on PS2 in 2005. Release date to be confirmed on GameCube in 2006.\n\n- Tim Dams, Screen: Film - The Aviator; director - Clint Eastwood.\n\n- Angie Errigo, Empire: Film - The Aviator; director - Martin Scorsese.",
			finds: ""},
		{name: "a lower-case change among name changes is reported",
			in:    "UKIP leader Roger Knapman says he is glad to see the back of Mr Kilroy-Silk. Its leader, Roger Knapman, has said he is glad to see the back of Mr Kilroy-Silk.",
			want:  "UKIP leader Roger Knapman says he is glad to see the back of Mr Kilroy-Silk. Its leader, Roger Knapman, has said he is glad to see the back of Mr Kilroy-Silk.",
			finds: "near-sentence/warning"},
		{name: "threshold lowered",
			opts:  Options{NearThreshold: 0.5},
			in:    "The cat sat on the mat in the sun.\n\nThe dog lay on the mat in the shade.",
			want:  "The cat sat on the mat in the sun.\n\nThe dog lay on the mat in the shade.",
			finds: "near-paragraph/warning"},
		{name: "negative threshold switches the rules off",
			opts:  Options{NearThreshold: -1},
			in:    n1 + "\n\n" + n1b,
			want:  n1 + "\n\n" + n1b,
			finds: ""},
		{name: "near copy of a removed exact copy is compared as fixed",
			opts:  fixNear,
			in:    n1 + "\n\n" + n1 + "\n\n" + n1b + "\n\n" + n2,
			want:  n1 + "\n\n" + n2,
			finds: "paragraph/error/fix near-paragraph/warning/fix"},
		{name: "FixNear takes the findings inside the removed paragraph with it",
			opts:  fixNear,
			in:    n1 + "\n\n" + strings.Replace(n1b, "the border", "the the border", 1) + "\n\n" + n2,
			want:  n1 + "\n\n" + n2,
			finds: "near-paragraph/warning/fix"},
	})
}

func TestNearMessage(t *testing.T) {
	fs := New(Options{}).Check(n1 + "\n\n" + n2 + "\n\n" + n1b)
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1: %+v", len(fs), fs)
	}
	want := `paragraph is 93% like an earlier paragraph: "strikes" → "strike"`
	if fs[0].Message != want {
		t.Errorf("message %q, want %q", fs[0].Message, want)
	}
	if len(fs[0].Related) != 1 || fs[0].Related[0] != (lint.Span{Start: 0, End: len(n1)}) {
		t.Errorf("related %v, want the first paragraph", fs[0].Related)
	}

	a := "One two three four five six seven eight nine ten eleven twelve."
	b := "One two three four extra five six seven eight nine ten twelve."
	fs = New(Options{}).Check(a + "\n\n" + b)
	if len(fs) != 1 || !strings.HasSuffix(fs[0].Message, `like the paragraph just before it: +"extra", -"eleven"`) {
		t.Errorf("got %+v", fs)
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		want float64 // 0: under the threshold
	}{
		{"a b c d e f g h i j", "a b c d e f g h i j", 1},
		{"a b c d e f g h i j", "a b c d e f g h i x", 0.9},
		{"a b c d e f g h i j", "a b c d e f g h", 0.8},
		{"a b c d e f g h i j", "a b c d e f g", 0},
		{"a b c d e f g h i j", "x a b c d e f g h i j", 10.0 / 11},
		{"A B C D E", "a b c d e", 1},
		{"a b c d e", "e d c b a", 0},
	}
	for _, tt := range tests {
		n := nearChecker{threshold: 0.8}
		n.words = appendTokens(nil, tt.a, lint.Span{End: len(tt.a)})
		na := len(n.words)
		n.words = appendTokens(n.words, tt.b, lint.Span{End: len(tt.b)})
		got := n.similarity(lint.Span{End: na}, lint.Span{Start: na, End: len(n.words)})
		if d := got - tt.want; d > 1e-9 || d < -1e-9 {
			t.Errorf("similarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestAppendTokens(t *testing.T) {
	in := "Don’t say well-known 2,500 \xff CAFÉ café_x—end"
	var got []string
	for _, w := range appendTokens(nil, in, lint.Span{End: len(in)}) {
		got = append(got, fmt.Sprintf("%s/%v/%v", in[w.Start:w.End], w.letters, w.upper))
	}
	want := "Don’t/true/true say/true/false well-known/true/false 2/false/false 500/false/false CAFÉ/true/true café_x/true/false end/true/false"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("got  %s\nwant %s", s, want)
	}
	a := appendTokens(nil, "Don't CAFÉ", lint.Span{End: len("Don't CAFÉ")})
	b := appendTokens(nil, "don’t café", lint.Span{End: len("don’t café")})
	if a[0].id != b[0].id || a[1].id != b[1].id {
		t.Errorf("folding: ids differ: %v %v", a, b)
	}
}

func FuzzNear(f *testing.F) {
	f.Add(n1 + "\n\n" + n1b + "\n\n" + n2)
	f.Add(n1 + "\n\n" + n1 + "\n\n" + n1b + "\n\n" + n1 + " " + n1b)
	f.Add("a b c d e f g.\n\na b c d e f h.\n\na b c d e f g.\n\n\xff a b c d e f")
	f.Fuzz(func(t *testing.T, in string) {
		for _, opts := range []Options{{FixNear: true}, {FixNear: true, Mode: All}, {NearThreshold: 0.5, FixNear: true}} {
			out, fs := fix(t, opts, in)
			checkFindings(t, in, fs)
			if again, fs2 := fix(t, opts, out); again != out {
				t.Fatalf("not idempotent with %+v:\nin:    %q\nonce:  %q\ntwice: %q (%s)", opts, in, out, again, summary(fs2))
			}
		}
	})
}

// bookText returns a book of at least size bytes and paragraphs
// paragraphs: the sentences of the seed article shuffled, with words
// swapped in and out so that paragraphs are distinct, and every
// (paragraphs/10)th paragraph a near copy of one a little earlier.
func bookText(tb testing.TB, size, paragraphs int) string {
	b, err := os.ReadFile("../testdata/seed.clean.txt")
	if err != nil {
		tb.Fatal(err)
	}
	seedText := string(b)
	var words []string
	var seeds [][]string
	for _, u := range segment.Sentences(seedText) {
		ws := strings.Fields(seedText[u.Start:u.End])
		seeds = append(seeds, ws)
		words = append(words, ws...)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	var sb strings.Builder
	var paras []string
	for sb.Len() < size || len(paras) < paragraphs {
		var p []string
		for range 1 + rng.IntN(3) {
			s := append([]string(nil), seeds[rng.IntN(len(seeds))]...)
			for range 1 + len(s)/4 {
				s[rng.IntN(len(s))] = words[rng.IntN(len(words))]
			}
			p = append(p, strings.Join(s, " "))
		}
		text := strings.Join(p, " ")
		if len(paras) > 10 && len(paras)%(paragraphs/10) == 0 {
			ws := strings.Fields(paras[len(paras)-1-rng.IntN(10)])
			ws[rng.IntN(len(ws))] = "changed"
			text = strings.Join(ws, " ")
		}
		paras = append(paras, text)
		sb.WriteString(text)
		sb.WriteString("\n\n")
	}
	return sb.String()
}

func TestBookText(t *testing.T) {
	text := bookText(t, 200<<10, 1000)
	fs := New(Options{}).Check(text)
	near := 0
	for _, f := range fs {
		if f.Rule == RuleNearParagraph {
			near++
		}
	}
	// At least the planted ones; random paragraphs rarely collide.
	if near < 10 {
		t.Errorf("found %d near-duplicate paragraphs, want the 10 or more planted", near)
	}
}

// BenchmarkNear compares the stage on news-sized text and on a 500-page
// book (5 MB, over 20 000 paragraphs): near-duplicate detection must not
// grow quadratically with the number of paragraphs.
func BenchmarkNear(b *testing.B) {
	news := newsText(b, 8<<10)
	book := bookText(b, 5<<20, 20000)
	b.Run("news-article", func(b *testing.B) { benchCheck(b, Options{}, news) })
	b.Run("book-5MB", func(b *testing.B) { benchCheck(b, Options{}, book) })
	b.Run("book-5MB-near-off", func(b *testing.B) { benchCheck(b, Options{NearThreshold: -1}, book) })
}

// BenchmarkNearBBC measures what near-duplicate detection costs on real
// news text: the BBC News corpus (about 5 MB) when ../shared is present.
func BenchmarkNearBBC(b *testing.B) {
	text := bbcText(b)
	b.Run("near-on", func(b *testing.B) { benchCheck(b, Options{}, text) })
	b.Run("near-off", func(b *testing.B) { benchCheck(b, Options{NearThreshold: -1}, text) })
}
