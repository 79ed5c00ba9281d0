package main

import (
	"testing"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// split --lang applies the sentence rules of a language; without it,
// every language's abbreviations count.
func TestSplitLang(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  string
		code  int
	}{
		{"german ordinal after am", []string{"split", "--lang", "de"}, "Er kam am 3. Tag zurück.",
			`{"text":"Er kam am 3. Tag zurück.","start":0,"end":25}` + "\n", 0},
		{"default splits the number", []string{"split"}, "Er kam am 3. Tag zurück.",
			`{"text":"Er kam am 3.","start":0,"end":12}` + "\n" + `{"text":"Tag zurück.","start":13,"end":25}` + "\n", 0},
		{"default knows German abbreviations", []string{"split"}, "Siehe Abs. 2 bzw. Nr. 5. Gut.",
			`{"text":"Siehe Abs. 2 bzw. Nr. 5.","start":0,"end":24}` + "\n" + `{"text":"Gut.","start":25,"end":29}` + "\n", 0},
		{"region tag", []string{"split", "--lang", "es-MX"}, "La Sra. Ruiz llegó. Bien.",
			`{"text":"La Sra. Ruiz llegó.","start":0,"end":20}` + "\n" + `{"text":"Bien.","start":21,"end":26}` + "\n", 0},
		{"unknown lang", []string{"split", "--lang", "xx"}, "a\n", "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := session{stdin: tt.stdin}.run(t, tt.args...)
			if o.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", o.code, tt.code, o.stderr)
			}
			if o.stdout != tt.want {
				t.Errorf("got %q, want %q", o.stdout, tt.want)
			}
		})
	}
}

// --lang reaches the dedupe stage's sentence splitter: "am 3." is an
// ordinal number in German, so the text is one sentence and nothing
// repeats; without --lang the number ends a sentence that repeats.
func TestLangReachesDedupe(t *testing.T) {
	real := func(opts registry.Options) *pipeline.Pipeline { return registry.Default(opts) }
	const in = "Wir fuhren alle heim am 3. Wir fuhren alle heim am 3. Tag.\n"
	o := session{stdin: in, pipeline: real}.run(t, "clean", "--lang", "de")
	if o.code != 0 || o.stdout != in {
		t.Errorf("--lang de: exit %d, got %q, want the text unchanged", o.code, o.stdout)
	}
	o = session{stdin: in, pipeline: real}.run(t, "clean")
	if want := "Wir fuhren alle heim am 3. Tag.\n"; o.code != 0 || o.stdout != want {
		t.Errorf("no --lang: exit %d, got %q, want %q", o.code, o.stdout, want)
	}
}
