package dedupe

import "testing"

// TestStructuredRepeats checks that adjacent repeats are removed in prose
// and only reported (sentences) or suggested (paragraphs) in structured
// text. The excerpts marked "real" are false fixes found on real
// documents (Debian package changelogs and documentation, git's
// changelog, translated manual pages; see the README's precision review).
func TestStructuredRepeats(t *testing.T) {
	runCases(t, []testCase{
		// Prose: removed, as before.
		{name: "prose paragraph pasted twice", in: p1 + "\n\n" + p1 + "\n\n" + p2, want: p1 + "\n\n" + p2, finds: "paragraph/error/fix"},
		{name: "prose sentence pasted twice", in: s1 + " " + s1 + " " + s2, want: s1 + " " + s2, finds: "sentence/error/fix"},
		{name: "prose in capitals is still a copy", in: p1 + "\n\nTHE OFFICIAL SAID THE STRIKES HIT AN AREA ALONG THE BORDER.", want: p1, finds: "paragraph/error/fix"},

		{name: "prose with two accidental double spaces is not a table", in: "The official  said the strikes hit an area along the border, and that the  army would stay there for the rest of the year.\n\nThe official  said the strikes hit an area along the border, and that the  army would stay there for the rest of the year.",
			want:  "The official  said the strikes hit an area along the border, and that the  army would stay there for the rest of the year.",
			finds: "paragraph/error/fix"},

		// Lists.
		{name: "real: list items are separate records", in: "  [ ISO 3166 translations ]\n  * Japanese by Yasuaki Taniguchi (TP)\n  * Japanese by Yasuaki Taniguchi (TP)\n",
			want:  "  [ ISO 3166 translations ]\n  * Japanese by Yasuaki Taniguchi (TP)\n  * Japanese by Yasuaki Taniguchi (TP)\n",
			finds: "sentence/warning"},
		{name: "real: one line per snapshot upload", in: "  [ Sylvestre Ledru ]\n  * experimental New snapshot release\n  * experimental New snapshot release\n  * experimental New snapshot release\n",
			want:  "  [ Sylvestre Ledru ]\n  * experimental New snapshot release\n  * experimental New snapshot release\n  * experimental New snapshot release\n",
			finds: "sentence/warning sentence/warning"},
		{name: "real: a GNU ChangeLog entry twice", in: "2005-06-19  Hrvoje Niksic  <hniksic@xemacs.org>\n\n\t* src/http.c (gethttp): Remove use of alloca\n\n\t* src/http.c (gethttp): Remove use of alloca\n",
			want:  "2005-06-19  Hrvoje Niksic  <hniksic@xemacs.org>\n\n\t* src/http.c (gethttp): Remove use of alloca\n\n\t* src/http.c (gethttp): Remove use of alloca\n",
			finds: "paragraph/warning/suggest"},
		{name: "real: a list item whose indentation was stripped", in: "* src/cookies.c (cookie_header): Remove use of alloca\n\n* src/cookies.c (cookie_header): Remove use of alloca\n",
			want:  "* src/cookies.c (cookie_header): Remove use of alloca\n\n* src/cookies.c (cookie_header): Remove use of alloca\n",
			finds: "paragraph/warning/suggest"},

		// Changelog-shaped text.
		{name: "real: generated changelog, subject repeated as body", in: "2014-05-05  Jim Meyering  <meyering@fb.com>\n\nbuild: update gnulib to latest\n\nbuild: update gnulib to latest\n\n2014-05-01  Paul Eggert  <eggert@cs.ucla.edu>\n\nmaint: fix the build\n",
			want:  "2014-05-05  Jim Meyering  <meyering@fb.com>\n\nbuild: update gnulib to latest\n\nbuild: update gnulib to latest\n\n2014-05-01  Paul Eggert  <eggert@cs.ucla.edu>\n\nmaint: fix the build\n",
			finds: "paragraph/warning/suggest"},
		{name: "real: git shortlog lines are separate commits", in: "Jordi Mas (3):\n      l10n: Update Catalan translation\n      l10n: Update Catalan translation\n      l10n: Update Catalan translation\n\nRalf Thielow (2):\n      l10n: de.po: update German translation\n",
			want:  "Jordi Mas (3):\n      l10n: Update Catalan translation\n      l10n: Update Catalan translation\n      l10n: Update Catalan translation\n\nRalf Thielow (2):\n      l10n: de.po: update German translation\n",
			finds: "sentence/warning sentence/warning"},
		{name: "shortlog lines whose indentation was stripped", in: "Jordi Mas (3):\nl10n: Update Catalan translation\nl10n: Update Catalan translation\n\nRalf Thielow (2):\nl10n: de.po: update German translation\n",
			want:  "Jordi Mas (3):\nl10n: Update Catalan translation\nl10n: Update Catalan translation\n\nRalf Thielow (2):\nl10n: de.po: update German translation\n",
			finds: "sentence/warning"},
		{name: "git log", in: "commit 3f2a9c1e\nAuthor: A U Thor <author@example.com>\n\n    Fix the parser for long input lines\n\n    Fix the parser for long input lines\n\ncommit 77ab01d2\nAuthor: A U Thor <author@example.com>\n\n    Add tests\n",
			want:  "commit 3f2a9c1e\nAuthor: A U Thor <author@example.com>\n\n    Fix the parser for long input lines\n\n    Fix the parser for long input lines\n\ncommit 77ab01d2\nAuthor: A U Thor <author@example.com>\n\n    Add tests\n",
			finds: "paragraph/warning/suggest sentence/warning"},

		// Signature lines.
		{name: "signature lines", in: "Fix the parser for long input lines.\n\nSigned-off-by: Alice Smith <alice@example.org>\nSigned-off-by: Alice Smith <alice@example.org>\n",
			want:  "Fix the parser for long input lines.\n\nSigned-off-by: Alice Smith <alice@example.org>\nSigned-off-by: Alice Smith <alice@example.org>\n",
			finds: "sentence/warning"},

		// Program output.
		{name: "real: program output at two indent levels", in: "Prints:\n\n    - int_values: [244, 23, 13, 2343]\n      - int_values: [244, 23, 13, 2343]\n      - total: 2623\n",
			want:  "Prints:\n\n    - int_values: [244, 23, 13, 2343]\n      - int_values: [244, 23, 13, 2343]\n      - total: 2623\n",
			finds: "sentence/warning"},
		{name: "shell session output", in: "$ echo the same line of output here\n\n$ echo the same line of output here\n",
			want:  "$ echo the same line of output here\n\n$ echo the same line of output here\n",
			finds: "paragraph/warning/suggest"},

		// Tables and case.
		{name: "real: copies that differ in case are different options", in: "-Cf    do not compress tables; use the -f representation\n\n-CF    do not compress tables; use the -F representation\n",
			want:  "-Cf    do not compress tables; use the -f representation\n\n-CF    do not compress tables; use the -F representation\n",
			finds: "paragraph/warning/suggest"},
		{name: "real: a case-mapping table", in: "  lc(I) = i, uc(I) = I\n  lc(i) = i, uc(i) = I\n", want: "  lc(I) = i, uc(I) = I\n  lc(i) = i, uc(i) = I\n", finds: "sentence/warning"},
		{name: "real: table rows whose spaces were collapsed", in: "I | Y Y Y n\ni | Y Y Y n\n", want: "I | Y Y Y n\ni | Y Y Y n\n", finds: "sentence/warning"},
		{name: "real: table rows", in: "   I  |  Y  Y  n  Y\n   i  |  Y  Y  n  Y\n", want: "   I  |  Y  Y  n  Y\n   i  |  Y  Y  n  Y\n", finds: "sentence/warning"},
	})
}

// TestStructureShapes checks the shapes structure recognizes.
func TestStructureShapes(t *testing.T) {
	for _, tt := range []struct {
		line string
		list bool
		sig  bool
		head bool
	}{
		{line: "* item", list: true},
		{line: "- item", list: true},
		{line: "1. item", list: true},
		{line: "12) item", list: true},
		{line: "a) item", list: true},
		{line: "• item", list: true},
		{line: "A sentence.", list: false},
		{line: "Signed-off-by: A <a@example.org>", sig: true, head: true},
		{line: "Reviewed-by: B <b@example.org>", sig: true, head: true},
		{line: "Cc: stable@vger.kernel.org", sig: true, head: true},
		{line: "Note: this is prose", sig: false},
		{line: "commit 3f2a9c1e77", head: true},
		{line: "hello (1.0-1) unstable; urgency=medium", head: true},
		{line: " -- Jane Doe <jane@example.org>  Mon, 01 Jan 2024 10:00:00 +0000", head: true},
		{line: "2024-01-31  Jane Doe  <jane@example.org>", head: true},
		{line: "Jordi Mas (3):", head: true},
		{line: "## [1.2.0] - 2024-01-31", head: true},
		{line: "## v2.0.1", head: true},
		{line: "## Installation", head: false},
		{line: "The commit was made (twice):", head: false},
	} {
		if got := listItem(tt.line); got != tt.list {
			t.Errorf("listItem(%q) = %v, want %v", tt.line, got, tt.list)
		}
		if got := signature(tt.line); got != tt.sig {
			t.Errorf("signature(%q) = %v, want %v", tt.line, got, tt.sig)
		}
		if got := changelogHead(tt.line); got != tt.head {
			t.Errorf("changelogHead(%q) = %v, want %v", tt.line, got, tt.head)
		}
	}
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"-Cf use -f", "-CF use -F", true},
		{"lc(I) = i", "lc(i) = i", true},
		{"The end.", "the end.", false},
		{"I | Y Y n", "i | Y Y n", true},
		{"I | Y Y Y Y", "i | Y Y Y Y", true},
		{"The end is near.", "THE END IS NEAR.", false},
		{"same text", "same text", false},
	} {
		if got := caseDiffers(tt.a, tt.b); got != tt.want {
			t.Errorf("caseDiffers(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
