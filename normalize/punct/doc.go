// Package punct is copydesk's punctuation stage: stray double periods,
// doubled commas and spaces before punctuation.
//
// Syntax is not prose: a token that looks like code, a command line, a
// path, a version range or an operator (charclass.CodeToken and
// charclass.CommandLine) is left alone by every rule, and so are French
// spacing before ; ! ? in French text, AsciiDoc list items ("name;;")
// and the "?" of "a ? b : c". Where a fix may be wrong (two dots before
// a closing bracket, a space before a full stop after a number, several
// spaces before a mark) the finding is a suggestion (lint.Finding.Suggest),
// offered to a person and not applied by default.
//
// The stage is conservative: it only acts where the text reads as prose.
// A doubled full stop is fixed only right after a word ("statement..")
// and before white space, a closing quote or bracket, or the end of the
// text, and never inside a token that looks like a URL or path, so
// ellipses ("...", ". . ."), "cd ..", "../src", ranges ("a..b", "10..20")
// and code ("obj..method") are left alone. A doubled comma is fixed only
// when a space or the end of a line follows it, never in CSV-like tokens
// ("a,,b", "x,y,,"). A space before punctuation is removed only between
// a word and a "," "." ";" "!" or "?" that ends it, never at the start of
// a line, before ".5", ".NET", "./run" or an ellipsis, and never when the
// space is not a plain space or tab (French "Quoi ?" with U+202F stays).
//
// Every fix deletes ASCII bytes only, so invalid UTF-8 and every other
// character pass through byte for byte, and the fixes of one Check call
// converge: checking the fixed text finds nothing more to fix.
package punct
