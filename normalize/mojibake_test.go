package normalize

import (
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

func TestMojibakeRepairs(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"rÃ©sumÃ©", "résumé"},
		{"doesnâ€™t", "doesn’t"},
		{"â€œquotedâ€\u009d", "“quoted”"},
		{"doesnÃ¢Â€Â™t", "doesn’t"},               // twice, via Latin-1
		{"nÃƒÂ© Jim", "né Jim"},                   // twice
		{"doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t", "doesn’t"},   // three times
		{"Ã¼ber", "über"},                         // German
		{"Â£5.8bn", "£5.8bn"},                     // stray Â
		{"ZURÃœCK", "ZURÜCK"},                     // capitals
		{"Ã§a va", "ça va"},                       // French
		{"\u0084Handwerk\u0093", "„Handwerk“"},    // C1 controls for Windows-1252
		{"parlé\u0085 Tu", "parlé… Tu"},           // NEL used as an ellipsis
		{"Ð±Ñ\u0083ÐºÐ²Ð°", "буква"},              // Russian via Latin-1
		{"РїСЂРёРІРµС‚", "привет"},                // Russian via Windows-1251
		{"g√¢teaux r√©gime", "gâteaux régime"},    // MacRoman
		{"ðŸ˜€ smile", "😀 smile"},                 // emoji
		{"í\u00a0½í¸\u0080", "😀"},                 // CESU-8
		{"voilÃ  le travail", "voilà le travail"}, // no-break space lost
		{"rÃ©gion Ã s'Ã©loigner", "région à s'éloigner"},
		{"Lietuviï¿½", "Lietuvi\ufffd"}, // a replacement character
	} {
		if got := repairMojibake(t, tc.in); got != tc.want {
			t.Errorf("%+q: got %+q, want %+q", tc.in, got, tc.want)
		}
	}
}

// TestMojibakeLeavesCorrectText checks text that is correct, however odd
// it looks, is never touched.
func TestMojibakeLeavesCorrectText(t *testing.T) {
	for _, in := range []string{
		"Le Pentagone a déclaré que la frappe était « proportionnée » et réfléchie. Ça, c’est l’été à Noël.",
		"Über den Wolken muß die Freiheit wohl grenzenlos sein. Größe, Ähre, Öl, Straße.",
		"SÃO PAULO e CONCLUSÃO: ação, coração, não, às vezes, à noite, pôr, vovô, avó.",
		"Zażółć gęślą jaźń. Łódź, Śląsk, Źdźbło, Żółw — ĄĘŁŃÓŚŹŻ.",
		"Съешь же ещё этих мягких французских булок да выпей чаю. Пётр, Рёв, Сёма, ЁЖ.",
		"ВІКІ, ПІД, ЗАЛІЗНИЦЯ, Київ, Україна, їжак, ґанок, ЇЖАК, ЄВРОПА.",
		"Ξεσκεπάζω την ψυχοφθόρα βδελυγμία. Η ¨ανατροφή¨ δυστυχώς.",
		"Příliš žluťoučký kůň úpěl ďábelské ódy. ŘÍDKÝ, ŠÍLENÝ.",
		"Pijamalı hasta yağız şoföre çabucak güvendi. İSTANBUL, ığüşöç.",
		"Blåbærsyltetøy på brødskiva. HÅØYA ER BLÅØYD. Æbleskiver.",
		"NICIODATĂ™ ÎNAINTE, ŢARĂ, ȘI, ÎN ȚARĂ.",
		"Árvíztűrő tükörfúrógép. ÁRVÍZTŰRŐ.",
		"Offering 5×£35 pin ups, 4288×…, 2012—∞, ∆°, (-1/2)! = √π.",
		"NESTLÉ® and ZZAJÉ’s, ESSE CARA AI QUEM É¿, !YO SÉ¡, a radius of 10 Å—",
		"Mañana, ¿qué tal? ¡Olé! AÑO, NIÑO.",
		"İstanbul’da ‘tırnak’ işaretleri.",
		"日本語のテキスト、中文文本，한국어 텍스트.",
		"שלום עולם, مرحبا بالعالم",
		"├┤a┼┐a┼┐a box drawing",
		"plain ASCII, nothing to see",
		"a\u0085b line separated by NEL",
		"\u0081 undefined in Windows-1252",
		"Â",
		"Ã",
	} {
		if fs := (mojibakeStage{}).Check(in); len(fs) > 0 {
			t.Errorf("%q: want no findings, got %s: %s", in, fs[0].Rule, fs[0].Message)
		}
	}
}

func TestMojibakeFinding(t *testing.T) {
	in := "the â€œbestâ€\u009d cafÃ©"
	fs := mojibakeStage{}.Check(in)
	if len(fs) != 3 {
		t.Fatalf("got %d findings, want 3: %v", len(fs), fs)
	}
	f := fs[0]
	if f.Rule != RuleMojibake || f.Severity != lint.Warning {
		t.Errorf("rule %s severity %v", f.Rule, f.Severity)
	}
	if got := in[f.Start:f.End]; got != "â€œ" {
		t.Errorf("span %q, want %q", got, "â€œ")
	}
	if want := `mojibake "â€œ" → "“" (UTF-8 read as Windows-1252)`; f.Message != want {
		t.Errorf("message %q, want %q", f.Message, want)
	}
	c1 := mojibakeStage{}.Check("x\u0093y")
	if len(c1) != 1 || c1[0].Message != `C1 control U+0093 → "“" (a Windows-1252 byte read as Latin-1)` {
		t.Errorf("C1 finding: %v", c1)
	}
}

// TestMojibakeInvalidUTF8 checks invalid bytes are never part of a repair.
func TestMojibakeInvalidUTF8(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Ã\xff©", "Ã\xff©"},
		{"\xc3 rÃ©gime\xc3", "\xc3 régime\xc3"},
		{"â€\xe2 â€œ", "â€\xe2 “"},
	} {
		if got := repairMojibake(t, tc.in); got != tc.want {
			t.Errorf("%+q: got %+q, want %+q", tc.in, got, tc.want)
		}
	}
}

// TestMojibakeLostByteGuess checks that "Ã" before a space, in a text
// where "Ã" also stands before letters (the lost byte was a soft hyphen,
// so "í"), is offered as a suggestion and not fixed as "à", while the
// clear repairs around it are made. The passage is from the Spanish
// manual page fakeroot-sysv(1) (manpages-es, GPL-3+), lines 197-200 as
// rendered, whose UTF-8 was read as Windows-1252 upstream.
func TestMojibakeLostByteGuess(t *testing.T) {
	in := "libc6, etc).  Arreglarlo  no  fue  tan  difÃcil,  pero  una  vez\n" +
		"arreglado,  es  cuestiÃ³n  de  tiempo antes de que otra funciÃ³n\n" +
		"operativo.  AsÃ  que  decidÃ  reducir  al  mÃ¡ximo el nÃºmero de\n"
	want := "libc6, etc).  Arreglarlo  no  fue  tan  difÃcil,  pero  una  vez\n" +
		"arreglado,  es  cuestión  de  tiempo antes de que otra función\n" +
		"operativo.  AsÃ  que  decidÃ  reducir  al  máximo el número de\n"
	if got := repairMojibake(t, in); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	suggested := 0
	for _, f := range (mojibakeStage{}).Check(in) {
		if f.Suggest && in[f.Start:f.Start+2] == "Ã" {
			suggested++
		}
	}
	if suggested != 2 {
		t.Errorf("%d suggestions for \"Ã \", want 2", suggested)
	}
	// Without such letters the no-break space reading stays a fix.
	if got := repairMojibake(t, "voilÃ le travail, rÃ©gion"); got != "voilà le travail, région" {
		t.Errorf("French: got %q", got)
	}
}
