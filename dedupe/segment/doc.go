// Package segment splits text into paragraphs and sentences, with byte
// offsets, for copydesk's dedupe stage. It can be used on its own.
//
// The sentence splitter is a single forward scan over the bytes of the text
// (linear time, no regular expressions, one allocation for the result). It knows English abbreviations (titles such as "Mr." and "Gen.",
// company suffixes such as "Co." and "Inc.", multi-period forms such as
// "U.S." and "a.m."), initials, decimals and money, e-mail addresses and
// URLs, ellipses, closing quotes and brackets after the stop, and numbered,
// lettered and bulleted lists. A blank line always ends a sentence; a single
// line break ends one only in a block that reads as a list of lines (no line
// of the block ends with sentence punctuation) or before a list item.
//
// Files: segment.go (the API), scanner.go (the forward scan and line
// breaks), prefilter.go (the eight-byte search for bytes that may end a
// sentence), terminator.go (whether a stop ends a sentence:
// abbreviations, initials, numbers), glue.go (sentences glued with no
// space), listmarker.go (list items), bytes.go (byte and character
// classes), sentence_rules.go (the word lists), paragraph.go
// (paragraphs).
//
// Invalid UTF-8 is never a problem: its bytes are treated as ordinary
// non-space characters and stay inside the unit they belong to.
package segment
