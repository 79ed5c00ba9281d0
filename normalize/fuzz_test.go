package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// FuzzStages runs the chained stages with some rules switched off (mask
// selects them from Rules()) and checks the stage contract: no panic,
// valid fixes on character boundaries, invalid bytes preserved, each
// stage idempotent alone, and the chain reaching a fixed point in one
// pass.
func FuzzStages(f *testing.F) {
	seeds := []string{
		"",
		" date 2021-02-26 The Pentagon said “proportionate”.\n\nIt said in a statement..\n",
		"\ufeff\ufeffa\u200b\u2060\u00ad\ufeffb\x01\x7f\u0085c",
		"\xe2\x80\u200b\x8b \xf0\x9f\x7f\x98\x80",
		"cafe\u0301 \u1100\u1161 \u0cbf\u0cd5 a\u0323\u0307 \xffe\u0301",
		"a  b \t c  \n   \n\t x  \r\n  y\r  z \r\r  w  ",
		"«guillemets» ‹x› 5′ 6″ می\u200cخواهم 👨‍👩‍👧 – —",
		"\u00a0\u2000\u2001\u200a\u202f\u205f\u3000 \u2010\u2011 \uff02\uff07 „‚‛‟…",
		" \u00a0\ufeffx",
		"東京（ＡＢＣ）、「はい」！ Hello！ ｶﾞｲﾄﾞ カﾞ \u3000\u3000本文 ＆ａｍｐ； ￡5",
		"x\u202ey\u2066z\u2069\u202c \u2067a\n\u202cb\u2069",
		"\x1bPq#0~\x1b\\a\x1b_G;A\x1b\\\x1b7b\x1b(Bc x\u009b31md\u009d0;t\u009ce\x1bHi",
		"  * Fix  it.\n\n -- A <a@b.c>  Mon, 01 Jan 2024\n\fpage\n   code  here\nTue Oct  4 x  y\n",
		"$ git status .\ngit log v1.2.3.. src 'main..' \"-L..\" a ? b : c FOO(x,.) &amp; '&lt;'\n",
		"a" + strings.Repeat("\u0301", 20) + "\u200b" + strings.Repeat("\u0323", 20),
		"e" + string(make([]byte, 0)) + "\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",
	}
	for i, s := range seeds {
		f.Add(s, uint16(i*37), i%2 == 0)
	}
	rules := Rules()
	f.Fuzz(func(t *testing.T, text string, mask uint16, keep bool) {
		disabled := map[string]bool{}
		for i, r := range rules {
			if mask&(1<<i) != 0 {
				disabled[r.ID] = true
			}
		}
		opts := Options{Width: !keep}
		if keep {
			opts.Quotes = QuotesKeep
		}
		stages := Stages(opts)
		invalid := invalidBytes(text)
		cur := text
		for _, st := range stages {
			fs := st.Check(cur)
			checkFindings(t, st.Name(), cur, fs)
			// Alone, the stage settles within the pipeline's rounds.
			all, _ := lint.Apply(cur, fixesOf(fs, nil))
			settle(t, []lint.Stage{st}, all, cur, nil)
			next, err := lint.Apply(cur, fixesOf(fs, disabled))
			if err != nil {
				t.Fatal(err)
			}
			if got := invalidBytes(next); got != invalid {
				t.Fatalf("stage %s changed invalid bytes: %q -> %q", st.Name(), cur, next)
			}
			if utf8.ValidString(cur) && !utf8.ValidString(next) {
				t.Fatalf("stage %s made invalid UTF-8: %q -> %q", st.Name(), cur, next)
			}
			cur = next
		}
		// The chain reaches a fixed point within the pipeline's rounds.
		settle(t, stages, cur, text, disabled)
	})
}

// FuzzNFC checks that normalizing the flagged segments gives the same
// text as normalizing the whole of a valid UTF-8 text.
func FuzzNFC(f *testing.F) {
	for _, s := range []string{
		"cafe\u0301", "a\u0307\u0323 \u1100\u1161\u11a8", "\u0cbf\u0cd5 \u0f73\u0f75", "\u212b x\u0300\u0301",
		"a" + strings.Repeat("\u0301\u0323", 20) + "b",
		"\u1100" + strings.Repeat("\u0f73", 20) + "\u1161",
		strings.Repeat("\u0301", 31) + "e" + strings.Repeat("\u0323\u0301", 16),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip()
		}
		out, err := lint.Apply(text, fixesOf(nfcStage{}.Check(text), nil))
		if err != nil {
			t.Fatal(err)
		}
		if want := norm.NFC.String(text); out != want {
			t.Fatalf("%+q: got %+q, want %+q", text, out, want)
		}
	})
}
