// Package charclass is the one place where copydesk says which characters
// belong to which class: the characters the normalize stages remove, the
// bidirectional controls, the quotation marks, the Unicode spaces, and
// what text "looks like code" rather than prose. The stages, the Markdown
// guard and the word folding ask it instead of keeping their own copies,
// so that a character the cleaner removes is one every reader skips, and
// a token one rule leaves alone as code is one every rule leaves alone.
//
// It is a leaf package: it imports nothing of copydesk's.
//
// # Removed characters
//
// Removed classifies a character the way the invisible stage treats it:
// invisible characters (U+200B, U+2060, U+FEFF, U+00AD) and control
// characters (C0 other than tab, line feed, carriage return and form
// feed; DEL; C1) are removed; everything else is kept. A form feed is a
// page break, part of a document's layout, and stays. WindowsC1 tells
// the C1 controls that stand for a Windows-1252 character (U+009A for
// "š" in text decoded with the wrong code page), which the mojibake
// repair may turn back into that character before anything is removed.
//
// Bidi classifies the bidirectional embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069), the characters of "Trojan Source"
// attacks.
//
// # Quotes and spaces
//
// ASCIIQuote maps the typographic quotation marks the ASCII quote style
// replaces to straight double or single quotes; IsQuote, OpensQuote and ClosesQuote classify
// every quotation mark, guillemets included. UnicodeSpace is the set of
// no-break, fixed-width and ideographic spaces that the chars stage turns
// into a plain space.
//
// # Code in prose
//
// CodeToken reports whether a white-space-delimited token looks like
// code: a path or URL, a file name, a command-line flag, a version or a
// version range, an operator, a macro or function argument list, a
// markup entity, an identifier. CommandLine reports whether a line looks
// like a shell command. Punctuation and entity rules leave such text
// alone: what reads as a typo in prose ("status ." or "range..") is
// syntax in code ("git status ." or "git log v1.2.3..").
package charclass
