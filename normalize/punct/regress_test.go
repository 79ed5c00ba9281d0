package punct_test

import "testing"

// realTextCases are false fixes found on real documents, kept so that
// they stay fixed: text that looks like code, a command line, French
// spacing or AsciiDoc syntax is correct as it is. Each excerpt is a line
// or two of its source, quoted for the test (sources: Debian package
// documentation, git's documentation (GPL-2.0), the Debian FAQ and
// reference manual translations, French man pages, npm package docs).
var realTextCases = []testCase{
	// Command lines: the "." is the current directory.
	{"command line dot", "$ git status .\n", "", nil},
	{"command without prompt", "Run this:\n\n    find . -print0 | xargs -0 ls\n", "", nil},
	{"prompt with no-break indent", "\u00a0\u00a0\u00a0 # cd ./source; find . -print0 | rsync -aHAXSv0\n", "", nil},
	{"dot before a flag", "then run find . -name '*.go' to list them", "", nil},
	// Version ranges and quoted refs (git-log.txt, git-blame.txt, revisions.txt).
	{"open version range", "`git log v2.6.12.. include/scsi drivers/scsi`::\n", "", nil},
	{"version range in prose", "git log v1.2.3.. src shows it", "", nil},
	{"blame range", "\tgit blame v2.6.18.. -- foo\n", "", nil},
	{"quoted open range", "For example, 'origin..' is a shorthand for 'origin..HEAD'", "", nil},
	{"range of placeholders", `A special notation "'<commit1>'..'<commit2>'" can be used`, "", nil},
	{"quoted compiler flag", `pass "-L.." to the linker`, "", nil},
	// Operators and macro arguments.
	{"ternary", "x = a ? b : c", "", nil},
	{"optional chaining", "use obj ?.prop or obj?.prop", "", nil},
	{"macro argument", "expands FOO(x,.) and stops", "", nil},
	{"changelog code", "\t(.ip): Fix double numbering.\n\t(.)c, .)l): Restore numbering.\n", "", nil},
	// AsciiDoc labelled list items (gitmodules.txt).
	{"asciidoc item indented", "\tdirty;; All changes to the submodule's work tree are ignored.\n", "", nil},
	{"asciidoc items", "all;; The submodule will never be considered modified.\nnone;; No modifications are ignored.\n", "", nil},
	// A space that keeps a full stop out of a URL or a version number.
	{"after url", "see the FAQ (https://www.debian.org/doc/FAQ/) .\n", "", nil},
	{"after version", "  * Update Standards-Version to 4.4.0 .\n", "", nil},
	{"after emoticon", "I'm not going to *guarantee* it ;^) .\n", "", nil},
	// Tables and justified man pages (ascii.7, termcap.5, xxd.1).
	{"ascii table", "       041   33    21     !                  141   97    61    a\n", "", nil},
	{"justified", "comportarsi in modo diverso da xxd -s  seek   ,  perché\n", "", nil},
	// A mark named, not ending a sentence (changelogs, charsets.7).
	{"mark named", "- Remove ! from shell test in configure\n", "", nil},
	{"dot named", "* Fix extraction when  . and .. are unreadable\n", "", nil},
	{"esc dot", "ESC + xx are equivalent to ESC - xx, ESC . xx, ESC / xx", "", nil},
	// A URL broken across lines inside brackets (Debian FAQ).
	{"url across lines", "Les objectifs (https://wiki.debian.org/\n    ReleaseGoals) . Veuillez noter", "", nil},
	{"url across lines comma", "la guida (https://www.debian.org/doc/devel-manuals#\n    maint-guide) , oppure", "", nil},
	// After a number: a suggestion (debian changelogs).
	{"after number", "  * Update debhelper level to 13 .\n", "", []string{sb + "?"}},
	// French spacing in French text (gzip.1, nptl.7, the Debian FAQ).
	{"french semicolon", "La valeur de sortie est normalement 0 ; si une erreur se produit, la valeur est 1. Les options sont dans le manuel.", "", nil},
	{"french question", "Quelles sont les autres documentations qui existent sur le système Debian ?\nVous les trouverez dans le répertoire /usr/share/doc.", "", nil},
	{"french still fixes comma", "Les fichiers , les répertoires et les liens sont dans la liste de la page.", "Les fichiers, les répertoires et les liens sont dans la liste de la page.", []string{sb}},

	// Marks that start a word or name a command (python3-yaml, grep
	// NEWS, Debian reference, groff NEWS, termcap.5, git-range-diff).
	{"yaml tag", "* Fixed the 'N' plain scalar being incorrectly recognized as !!bool.\n", "", nil},
	{"negation", "\tvalue if ! (flags & PCRE_EXTRA_MATCH_LIMIT_RECURSION), as it is\n", "", nil},
	{"quoted command", "For example, \"grep ." + "\" is now twice as fast\n", "", nil},
	{"quoted command before bracket", "Pruebe Netrw con \"vim .\" (un navegador)", "", []string{sb + "?"}},
	{"termcap row", "       fs   ? Return character to its position before going to status line ?\n", "", nil},
	{"range-diff output", "2:  f00dbal ! 3:  decafe1 Describe a bug\n", "", nil},
	{"prompt after a name", "    username $ xhost + si:localuser:root ; sudo chroot /path/to\n", "", nil},
	{"quoted sentence", "\"Stop .\" he said.", "\"Stop.\" he said.", []string{sb}},

	// A definition list's term (jed.1) and French passages in a text
	// that mixes languages (the Debian reference in French).
	{"definition term", "       Esc !\n              Run a shell command.\n", "", nil},
	{"definition term question", "       Ctrl-X ?\n              Describe a key.\n", "", nil},
	{"french passage", "Setting LANG=en_US.UTF-8 makes the locale of the program and the tools that it runs the English one for the user.\n\n" +
		"      * L’internationalisation (I18N) : donne la possibilité à un\n        logiciel de gérer plusieurs paramètres linguistiques ;\n", "", nil},

	// A mark named on a line that names other symbols (apt, bc).
	{"symbols named", "  * patterns: Terminate short pattern by ~ and !\n", "", nil},
	{"operators named", "identifiers, (b) addition of the &&, ||, and !\n", "", nil},

	// The excerpts of testdata/realdocs: a bug list's cut title (GTK+
	// NEWS), file names ending in a full stop (make NEWS), a shell
	// condition (a Debian README).
	{"cut title", " 615000 gtk_builder_value_from_string_type() returns FALSE without..\n 580889 table cells\n", "", []string{dp + "?"}},
	{"names ending in a dot", "    makefile., and gnumakefile. .\n", "", []string{dd + "?"}},
	{"shell condition", "    if [ -d ~/bin ] ; then\n", "", nil},

	// Still fixed: prose.
	{"english question", "Why would it do that ?\n", "Why would it do that?\n", []string{sb}},
	{"prose double period", "it said in a statement..", "it said in a statement.", []string{dp}},
	{"prose doubled semicolon", "He came;; then he left.", "He came; then he left.", []string{dd}},
	{"informal ellipsis in brackets", "(auth seems ok..)\n", "", []string{dp + "?"}},
}

func TestRealText(t *testing.T) { runCases(t, realTextCases) }
