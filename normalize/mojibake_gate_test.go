package normalize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// typographyCases are correct text that reads, a pair of characters at a
// time, as MacRoman or Windows-1252 mojibake: a curly apostrophe or a
// guillemet and its no-break space next to an accented letter, a letter
// before a no-break space, a listed alphabet.
var typographyCases = []string{
	"qu’à l’époque",
	"l’été",
	"«\u00a0déjà\u00a0»",
	"« déjà »",
	"dov’è",
	"perché",
	"Dov’è il perché? C’è un’altra città.",
	"Tomáš\u00a0Novák",
	"Tomáš\u00a0",
	"àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ",
	"ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞß",
	"À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï Ð Ñ Ò Ó Ô Õ Ö Ø Ù Ú Û Ü Ý Þ ß",
	"à á â ã ä å æ ç è é ê ë ì í î ï ð ñ ò ó ô õ ö ø ù ú û ü ý þ ÿ",
	"       303   195   C3     Ã     LATIN CAPITAL LETTER A WITH TILDE",
	"au de compatibilité en cours – les options — voilà",
	"Le paquet « %s » n’est pas installé ; l’option « %s » n’existe pas.",
}

// realMojibake is mojibake that makes the stage pick a code page, so
// that the cases above are checked next to real repairs as well.
var realMojibake = []struct{ in, want string }{
	{"Le barÃ¨me permet lâ€™Ã©valuation.", "Le barème permet l’évaluation."},
	{"Un g√¢teau au r√©gime.", "Un gâteau au régime."},
	{"Une aÃ§Ã£o Ã©tica, Ã‡A.", "Une ação ética, ÇA."},
}

// TestMojibakeGateTypography checks that correct typography next to
// accented letters is never repaired: alone, and in a text that holds
// real mojibake, which is repaired.
func TestMojibakeGateTypography(t *testing.T) {
	for _, c := range typographyCases {
		if fs := (mojibakeStage{}).Check(c); len(fs) > 0 {
			t.Errorf("%q: want no findings, got %s", c, fs[0].Message)
		}
		for _, m := range realMojibake {
			for _, in := range []string{c + "\n" + m.in, m.in + " " + c, c + " " + m.in + " " + c} {
				want := strings.ReplaceAll(in, m.in, m.want)
				if got := repairMojibake(t, in); got != want {
					t.Errorf("%+q:\n got %+q\nwant %+q", in, got, want)
				}
			}
		}
	}
}

// TestMojibakeSuggest checks a repair that is plausible but not clear:
// the result is a rare letter, so the finding is a suggestion, not
// applied by default; next to a clear repair it is made.
func TestMojibakeSuggest(t *testing.T) {
	in := "un cafÆŠ au lait"
	fs := (mojibakeStage{}).Check(in)
	if len(fs) != 1 {
		t.Fatalf("%q: got %d findings, want 1: %v", in, len(fs), fs)
	}
	f := fs[0]
	if !f.Suggest || f.Rule != RuleMojibake || len(f.Fix) != 1 {
		t.Fatalf("%q: want one suggestion with a fix, got %+v", in, f)
	}
	if want := `possible mojibake "ÆŠ" → "Ɗ" (UTF-8 read as Windows-1252)`; f.Message != want {
		t.Errorf("message %q, want %q", f.Message, want)
	}
	if got := repairMojibake(t, in); got != in {
		t.Errorf("the suggestion was applied by default: %q", got)
	}
	if got, err := lint.Apply(in, f.Fix); err != nil || got != "un cafƊ au lait" {
		t.Errorf("the suggestion gives %q, %v", got, err)
	}
	// Beside clear mojibake, the plausible repair is made.
	in = "un cafÃ© ou un cafÆŠ au lait"
	for _, f := range (mojibakeStage{}).Check(in) {
		if f.Suggest {
			t.Errorf("%q: %s is a suggestion beside a clear repair", in, f.Message)
		}
	}
	if got, want := repairMojibake(t, in), "un café ou un cafƊ au lait"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestMojibakeRealDocuments runs the stage on excerpts of translated
// manuals and program messages (testdata/mojibake, see its README):
// correct text gets no finding, alone or beside real mojibake; the
// excerpts that hold mojibake are repaired.
func TestMojibakeRealDocuments(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "mojibake", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 20 {
		t.Fatalf("only %d excerpts", len(paths))
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text, name := string(b), filepath.Base(p)
		fs := (mojibakeStage{}).Check(text)
		if strings.HasPrefix(name, "broken-") {
			// Real mojibake: every pair of characters that is whole is
			// repaired. (Some lost their second byte when the manual was
			// formatted: "DESCRIPCIÃ N", "Ãtil"; a table row lists "Ã".)
			got := repairMojibake(t, text)
			for _, pair := range []string{"Ã©", "Ã³", "Ã¡", "Ã±", "Ãº", "Ã¬"} {
				if strings.Contains(got, pair) {
					t.Errorf("%s: %q left", name, pair)
				}
			}
			if row := "     Ã     LATIN CAPITAL LETTER A WITH TILDE"; strings.Contains(text, row) && !strings.Contains(got, row) {
				t.Errorf("%s: the table row of Ã changed", name)
			}
			if len(fs) == 0 {
				t.Errorf("%s: no repair", name)
			}
			continue
		}
		for _, f := range fs {
			t.Errorf("%s: %q: %s", name, text[f.Start:f.End], f.Message)
		}
		for _, m := range realMojibake {
			in := text + m.in + "\n"
			if got, want := repairMojibake(t, in), text+m.want+"\n"; got != want {
				t.Errorf("%s beside %q: correct text changed", name, m.in)
			}
		}
	}
}
