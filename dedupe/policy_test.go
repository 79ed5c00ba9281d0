package dedupe

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// TestWordPolicy checks what the repeated-word policy fixes, suggests,
// reports and leaves alone. The excerpts marked "real" are false fixes
// found on real documents (Debian package documentation, translated
// manual pages, the Debian Reference and FAQ; see the README's precision
// review): each must no longer be fixed.
func TestWordPolicy(t *testing.T) {
	runCases(t, []testCase{
		// Fixed: function words never doubled on purpose.
		{name: "the the", in: "It was the the best day.", want: "It was the best day.", finds: "word/warning/fix"},
		{name: "a a", in: "She bought a a new car.", want: "She bought a new car.", finds: "word/warning/fix"},
		{name: "of of", in: "The end of of the road.", want: "The end of the road.", finds: "word/warning/fix"},
		{name: "to to", in: "We want to to go home.", want: "We want to go home.", finds: "word/warning/fix"},
		{name: "across a line break", in: "It was the\nthe best day of the year.", want: "It was the\nbest day of the year.", finds: "word/warning/fix"},
		{name: "across a line break with indentation", in: "    It was one of\n    of the best days.", want: "    It was one of\n    the best days.", finds: "word/warning/fix"},
		{name: "across a line break: a content word is left", in: "We went to the market\nmarket stalls.", want: "We went to the market\nmarket stalls.", finds: ""},
		{name: "German function word", in: "Der Hund und und die Katze sind hier.", want: "Der Hund und die Katze sind hier.", finds: "word/warning/fix"},
		{name: "Spanish function word", in: "El perro y y el gato están en la casa.", want: "El perro y el gato están en la casa.", finds: "word/warning/fix"},
		{name: "Italian function word", in: "Il cane e il gatto sono con con la nonna.", want: "Il cane e il gatto sono con la nonna.", finds: "word/warning/fix"},
		{name: "Dutch function word", in: "De hond en de kat zijn van van mij.", want: "De hond en de kat zijn van mij.", finds: "word/warning/fix"},

		// Suggested: the doubling can be meant.
		{name: "content word", in: "The hostility hostility grew.", want: "The hostility hostility grew.", finds: "word/warning/suggest"},
		{name: "real: verb before the same noun", in: "It might not be feasible to make make architecture agnostic.", want: "It might not be feasible to make make architecture agnostic.", finds: "word/warning/suggest"},
		{name: "real: a word and the metavariable of the same name", in: "Étend le drapeau drapeau avec les options indiquées dans valeur.", want: "Étend le drapeau drapeau avec les options indiquées dans valeur.", finds: "word/warning/suggest"},
		{name: "real: intended reduplication", in: "Someone used C++ style comments in a C file... tisk tisk...", want: "Someone used C++ style comments in a C file... tisk tisk...", finds: "word/warning/suggest"},
		{name: "real: ls -l owner and group", in: "    -rw-rw-r-- 1 penguin penguin 0 Oct 16 21:35 foo", want: "    -rw-rw-r-- 1 penguin penguin 0 Oct 16 21:35 foo", finds: "word/warning/suggest"},
		{name: "undo undo", in: "Press undo undo to go back twice.", want: "Press undo undo to go back twice.", finds: "word/warning/suggest"},
		{name: "real: a file name ending in the same word", in: "  * Add fix-Expected-text-after-item-not-a-number.patch patch", want: "  * Add fix-Expected-text-after-item-not-a-number.patch patch", finds: "word/warning/suggest"},

		// Reported: grammatical after the word before.
		{name: "real: listened to to avoid", in: "Track the events that are being listened to to avoid emitting signals.", want: "Track the events that are being listened to to avoid emitting signals.", finds: "word/warning/suggest"},

		// Left alone: grammatical in the paragraph's language.
		{name: "real: de die die", in: "Die UNIX-domain-Sockets, die die Verbindung zum Agenten enthalten, sind hier.", want: "Die UNIX-domain-Sockets, die die Verbindung zum Agenten enthalten, sind hier.", finds: "word/warning/suggest"},
		{name: "real: de der der", in: "Jede UID, mit der der Kernel umgeht, hat ihren eigenen Schlüsselbund.", want: "Jede UID, mit der der Kernel umgeht, hat ihren eigenen Schlüsselbund.", finds: "word/warning/suggest"},
		{name: "real: de Sie sie", in: "Bitte geben Sie sie im Abschnitt der entsprechenden Datei an.", want: "Bitte geben Sie sie im Abschnitt der entsprechenden Datei an.", finds: "word/warning/suggest"},
		{name: "real: fr en en", in: "Les volumes peuvent être redimensionnés en y ajoutant des extensions ou en en tronquant les extensions.", want: "Les volumes peuvent être redimensionnés en y ajoutant des extensions ou en en tronquant les extensions.", finds: "word/warning/suggest"},
		{name: "fr nous nous", in: "Nous nous sommes levés tôt et nous sommes partis.", want: "Nous nous sommes levés tôt et nous sommes partis.", finds: "word/warning/suggest"},
		{name: "real: pl to to", in: "Nazwy tty mogą być skracane, zatem last 0, to to samo, co last tty0.", want: "Nazwy tty mogą być skracane, zatem last 0, to to samo, co last tty0.", finds: "word/warning/suggest"},
		{name: "nl dat dat", in: "Ik denk dat dat een goed idee is voor de kinderen.", want: "Ik denk dat dat een goed idee is voor de kinderen.", finds: "word/warning/suggest"},

		// Never touched: mentions, code, names, tables, letters, case.
		{name: "quoted mention", in: `Fix "a a" typo in the manual.`, want: `Fix "a a" typo in the manual.`, finds: ""},
		{name: "backquoted mention", in: "The `the the` check is new.", want: "The `the the` check is new.", finds: ""},
		{name: "name with repeated initials", in: "Thanks to Kumar R R for the patch.", want: "Thanks to Kumar R R for the patch.", finds: ""},
		{name: "SQL keyword and column", in: "Write the SELECT select statement first.", want: "Write the SELECT select statement first.", finds: ""},
		{name: "acronym and code", in: "Use HTTP http.get to fetch it.", want: "Use HTTP http.get to fetch it.", finds: ""},
		{name: "a modal before a name", in: "Tomorrow we may May Smith ask to speak.", want: "Tomorrow we may May Smith ask to speak.", finds: ""},
		{name: "a name before a modal", in: "Will will come to the meeting on Friday.", want: "Will will come to the meeting on Friday.", finds: "word/warning/suggest"},
		{name: "across a CRLF line break", in: "It was the\r\nthe best day of the year.", want: "It was the\r\nbest day of the year.", finds: "word/warning/fix"},
		{name: "across a line break: a quoted mention", in: "Do not write \"the\nthe\" twice.", want: "Do not write \"the\nthe\" twice.", finds: ""},
		{name: "when you open it it shows", in: "When you open it it shows the menu.", want: "When you open it it shows the menu.", finds: "word/warning/suggest"},
		{name: "real: table columns holding the same letter", in: "   I  |  Y  Y  Y  n", want: "   I  |  Y  Y  Y  n", finds: ""},
		{name: "real: table columns holding the same word", in: "     4  yes   N/A   N/A     nothing  nothing  keep index", want: "     4  yes   N/A   N/A     nothing  nothing  keep index", finds: ""},
		{name: "real: aligned name and e-mail", in: "Piergiorgio Sartor                  sartor@sony.de", want: "Piergiorgio Sartor                  sartor@sony.de", finds: ""},
		{name: "real: make table with the same letter", in: "    $(basename a.b)        a                      a", want: "    $(basename a.b)        a                      a", finds: ""},
		{name: "real: command line", in: "$ git bisect start HEAD HEAD~10 -- # culprit is among the last 10", want: "$ git bisect start HEAD HEAD~10 -- # culprit is among the last 10", finds: ""},
		{name: "real: path then command name", in: "git stream tcp4 nowait nobody /usr/bin/git git daemon --inetd", want: "git stream tcp4 nowait nobody /usr/bin/git git daemon --inetd", finds: ""},
		{name: "real: quoted command", in: `Load the core dump file to GDB as "gdb gdb ./program_binary core".`, want: `Load the core dump file to GDB as "gdb gdb ./program_binary core".`, finds: ""},
		{name: "real: synopsis", in: "addr2line [-H|--help] [addr addr ...]", want: "addr2line [-H|--help] [addr addr ...]", finds: ""},
		{name: "real: make table with the same letter, spaces collapsed", in: "$(basename a.b) a a\n$(basename a.b/c) a a.b/c", want: "$(basename a.b) a a\n$(basename a.b/c) a a.b/c", finds: ""},
		{name: "real: ASCII drawing", in: "A drawing:\n\n    o o\n\nThe cost of an edge.", want: "A drawing:\n\n    o o\n\nThe cost of an edge.", finds: ""},
		{name: "spaced-out letters", in: "It spells s p a a m backwards.", want: "It spells s p a a m backwards.", finds: ""},
		{name: "a single letter that is not a function word", in: "Press x x to quit.", want: "Press x x to quit.", finds: ""},
	})
}

// TestWordListsParse checks the embedded word lists: every language has
// words to detect it, English has fixes, and no word is listed under fix
// that the file calls grammatical in its comments.
func TestWordListsParse(t *testing.T) {
	ls, err := loadWordLists()
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, l := range ls {
		codes[l.code] = true
		if len(l.detect) < 10 {
			t.Errorf("%s: %d words to detect it, want at least 10", l.code, len(l.detect))
		}
	}
	for _, c := range []string{"en", "de", "fr", "es", "it", "nl"} {
		if !codes[c] {
			t.Errorf("no word list for %s", c)
		}
	}
	grammatical := map[string][]string{"de": {"der", "die", "das", "den", "dem", "sie"}, "fr": {"nous", "vous", "en", "de"}, "nl": {"dat", "die"}, "en": {"that", "had", "it", "is", "for"}}
	for _, l := range ls {
		for _, w := range grammatical[l.code] {
			if l.fix[w] {
				t.Errorf("%s: %q is listed under fix, but its doubling is grammatical", l.code, w)
			}
		}
	}
	if _, err := parseWordList("xx", "fix the\n"); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("a line without a colon: error %v, want one naming line 1", err)
	}
	if _, err := parseWordList("xx", "fix: The\n"); err == nil {
		t.Error("an upper-case word: no error")
	}
}

// TestLanguage checks which word list a paragraph reads as.
func TestLanguage(t *testing.T) {
	for in, want := range map[string]string{
		"The cat sat on the mat and it was happy.":            "en",
		"Der Hund und die Katze sind nicht hier.":             "de",
		"Le chat et le chien sont dans la maison.":            "fr",
		"El perro y el gato están en la casa.":                "es",
		"Il cane e il gatto sono nella casa della nonna.":     "it",
		"De hond en de kat zijn in het huis.":                 "nl",
		"Nazwy tty mogą być skracane, zatem to jest to samo.": "pl",
		"12345 67890": "en",
	} {
		if got := language(in, spanOf(in)).code; got != want {
			t.Errorf("language(%q) = %s, want %s", in, got, want)
		}
	}
}

func spanOf(s string) lint.Span { return lint.Span{End: len(s)} }
