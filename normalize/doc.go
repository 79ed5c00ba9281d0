// Package normalize provides copydesk's character-level stages: invisible
// and control characters, Unicode NFC, quotes, ellipses, dashes and spaces.
//
// Stages returns small stages that the pipeline runs in order, each on
// the previous one's output:
//
//  1. "ansi", "entity", "mojibake": terminal escapes, HTML entities in
//     plain text and text decoded with the wrong code page are repaired.
//  2. "codepoints": ligatures and Unicode line separators.
//  3. "invisible": byte order mark, invisible and control characters are
//     removed; invalid UTF-8 is reported and left byte for byte.
//  4. "nfc": text not in Unicode Normalization Form C is normalized.
//  5. "chars": curly and fullwidth quotes, the ellipsis character, Unicode
//     spaces and Unicode hyphens become their ASCII counterparts.
//  6. "width" (Options.Width only): fullwidth ASCII becomes ASCII.
//  7. "typographic" (QuotesTypographic only): straight quotes become the
//     typographic quotes of Options.Lang; see QuotesTypographic.
//  8. "smart" (QuotesTypographic only): three dots become "…" and a double
//     hyphen between words an em dash.
//  9. "spaces": repeated spaces between words of prose, trailing spaces
//     and tabs, a stray indentation of a prose paragraph's first line,
//     and extra blank lines are removed; whitespace that carries layout
//     (indentation, alignment, tables, form feeds) stays.
//
// The order matters: removing an invisible character may expose a sequence
// that is not in NFC or two spaces in a row, and turning a no-break space
// into a space may leave spaces to collapse. A repair can, rarely, make
// work for a stage before it (a folded ＆ａｍｐ； is an entity), so the
// pipeline runs these stages to a fixed point.
//
// Every stage leaves invalid UTF-8 bytes exactly as they are, and never
// makes a change that would join invalid bytes into a valid character.
package normalize
