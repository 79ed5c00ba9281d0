package dedupe

import (
	"fmt"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// echoes describes the echo findings of text as "word<-earlier" items.
func echoes(t *testing.T, opts Options, text string) string {
	t.Helper()
	fs := NewEcho(opts).Check(text)
	var out []string
	for _, f := range fs {
		if f.Rule != RuleEcho || f.Severity != lint.Info || len(f.Fix) != 0 || len(f.Related) != 1 {
			t.Errorf("finding %+v: want an info style.echo without fix, with one related span", f)
			continue
		}
		r := f.Related[0]
		if r.End > f.Start {
			t.Errorf("related %v does not come before %v", r, f.Span)
		}
		out = append(out, text[f.Start:f.End]+"<-"+text[r.Start:r.End])
	}
	checkFindings(t, text, fs)
	return strings.Join(out, " ")
}

func TestEcho(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		in   string
		want string
	}{
		{"said twice", Options{},
			`The Pentagon said the operation "sends an unambiguous message", it said in a statement.`,
			"said<-said"},
		{"case-insensitive", Options{},
			"Rockets hit the base. More rockets followed.",
			"rockets<-Rockets"},
		{"stop words and short words are not echoes", Options{},
			"They would have gone there, and they would have stayed there with them if it had been up to us.",
			""},
		{"numbers are not echoes", Options{},
			"In 2021 there were 2500 troops; by 2022 the 2500 had become 3000 and 2021 was forgotten.",
			""},
		{"names capitalized at both places are not echoes", Options{},
			"The Pentagon confirmed it. A Pentagon official added details.",
			""},
		{"beyond the window", Options{},
			"The strike hit one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty another strike.",
			""},
		{"window widened", Options{EchoWindow: 30},
			"The strike hit one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty another strike.",
			"strike<-strike"},
		{"negative window switches it off", Options{EchoWindow: -1},
			"it said, it said, it said",
			""},
		{"not across paragraphs", Options{},
			"The official said so.\n\nThe official said so.",
			""},
		{"reported once per pair, against the nearest", Options{},
			"militia attack, militia base, militia leader",
			"militia<-militia militia<-militia"},
		{"phrase reported whole, its words not again", Options{},
			"It was a proportionate military response, and a proportionate military response was needed.",
			"proportionate military response<-proportionate military response"},
		{"phrase of function words is not an echo", Options{},
			"He went to the shop and then to the bank, and to the shop again.",
			"shop<-shop"},
		{"lines of one paragraph count", Options{},
			"Rebels attacked\nthe rebels fled",
			"rebels<-Rebels"},
		{"invalid bytes and non-Latin words", Options{},
			"Москва \xff приняла решение; Москва \xff решение",
			"решение<-решение"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := echoes(t, tt.opts, tt.in); got != tt.want {
				t.Errorf("echoes %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEchoMessage(t *testing.T) {
	fs := NewEcho(Options{}).Check(`The Pentagon said the operation "sends an unambiguous message", it said in a statement.`)
	if len(fs) != 1 || fs[0].Message != `"said" is repeated 8 words after its last use` {
		t.Errorf("got %+v", fs)
	}
	st := NewEcho(Options{})
	if st.Name() != "style" || len(st.Rules()) != 1 || st.Rules()[0].ID != RuleEcho || st.Rules()[0].Fixes {
		t.Errorf("Name %q, Rules %+v", st.Name(), st.Rules())
	}
}

func ExampleNewEcho() {
	text := `The Pentagon said the operation "sends an unambiguous message", it said in a statement.`
	for _, f := range NewEcho(Options{}).Check(text) {
		fmt.Println(f.Rule, f.Severity, f.Start, f.Message)
	}
	// Output:
	// style.echo info 67 "said" is repeated 8 words after its last use
}

func ExampleOptions_near() {
	text := "The official said the strikes hit an area along the border.\n\n" +
		"The official said the strike hit an area along the border.\n"
	for _, f := range New(Options{}).Check(text) {
		fmt.Println(f.Rule, f.Severity, f.Message)
	}
	// Output:
	// dedupe.near-paragraph warning paragraph is 90% like the paragraph just before it: "strikes" → "strike"
}

func FuzzEcho(f *testing.F) {
	f.Add(`The Pentagon said the operation "sends an unambiguous message", it said in a statement.`)
	f.Add("a proportionate military response, a proportionate military response\n\nx \xff y")
	f.Fuzz(func(t *testing.T, in string) {
		for _, opts := range []Options{{}, {EchoWindow: 3}} {
			fs := NewEcho(opts).Check(in)
			checkFindings(t, in, fs)
			for _, f := range fs {
				if len(f.Fix) != 0 || len(f.Related) != 1 || f.Related[0].End > f.Start {
					t.Fatalf("finding %+v", f)
				}
			}
		}
	})
}

func BenchmarkEcho(b *testing.B) {
	text := newsText(b, 1<<20)
	st := NewEcho(Options{})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		st.Check(text)
	}
}
