package normalize

import (
	"testing"
)

// TestSpacesLayout keeps excerpts of real documents whose whitespace is
// layout (sources: Debian changelogs and NEWS files, GNU ChangeLogs,
// man pages rendered as text, git documentation (GPL-2.0), poems in the
// public domain). The spaces stage must leave them byte for byte.
func TestSpacesLayout(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"debian changelog", "adduser (3.118) unstable; urgency=medium\n\n" +
			"  * Fix the build\n    on ppc64.\n  * Update debhelper level to 13.\n\n" +
			" -- Marc Haber <mh+debian-packages@zugschlus.de>  Sat, 12 Mar 2022 11:17:08 +0100\n"},
		{"gnu changelog", "2005-05-26  James Jones  <jj@example.org>\n\n\t* configure.ac: Bump version.\n"},
		{"date padding", "Tue Oct  4 20:37:09 HKT 2005 William Brack <wb@example.org>\n"},
		{"man page", "NAME\n       gzip, gunzip, zcat - compress or expand files\n\n" +
			"DESCRIPTION\n       Gzip  reduces  the  size  of  the  named  files using Lempel-Ziv coding\n" +
			"       (LZ77).  Whenever possible, each file is replaced by one with the\n"},
		{"ascii table", "       Oct   Dec   Hex   Char\n       041   33    21    !\n       042   34    22    \"\n"},
		{"aligned columns", "staged     unstaged path\n1:       binary      nothing foo.png\n"},
		{"indented code", "Run:\n\n    if (x)  {\n        y();\n    }\n"},
		{"poem", "  I wandered lonely as a cloud\n  That floats on high o'er vales and hills,\n\n" +
			"  When all at once I saw a crowd,\n  A host, of golden daffodils;\n"},
		{"ascii art", "   /\\_/\\\n  ( o.o )\n   > ^ <\n"},
		{"form feeds", "Page one.\n\f\nPage two.\n"},
		{"two spaces after sentences", "It works.  It is fast.  It is small.\n"},
		{"definition list", "-nl    like icrnl -inlcr -igncr\n-raw   same as -cooked\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, f := range (spacesStage{}).Check(tc.in) {
				if len(f.Fix) > 0 && !f.Suggest {
					t.Errorf("%s at %v fixes layout: %s", f.Rule, f.Span, f.Message)
				}
			}
		})
	}
}

// TestSpacesProseAccidents keeps the accidents of running prose that are
// still fixed.
func TestSpacesProseAccidents(t *testing.T) {
	testStage(t, spacesStage{}, []stageTest{
		{name: "seed first line", in: " date 2021-02-26 The Pentagon said\n\nIn its statement.\n",
			want: "date 2021-02-26 The Pentagon said\n\nIn its statement.\n", findings: []string{"space.leading 0:1"}},
		{name: "double space between words", in: "The Pentagon  said it.\n", want: "The Pentagon said it.\n",
			findings: []string{"space.repeated 12:14"}},
		{name: "changelog bullet", in: "  * Fix a segfault when  the file is missing.\n",
			want: "  * Fix a segfault when the file is missing.\n", findings: []string{"space.repeated 23:25"}},
	})
}
