// Package markdown makes copydesk's pipeline Markdown-aware: only prose is
// checked and changed, and the syntax around it is kept byte for byte.
//
// Guard parses a document with goldmark (CommonMark plus the GitHub
// extensions: tables, strikethrough, task lists and bare-URL autolinks)
// and returns a pipeline.Guard for pipeline.RunGuarded:
//
//   - Block spans, never changed, with no findings: fenced and indented
//     code blocks (fences and info string included), HTML blocks (and so
//     block-level <!-- comments -->), YAML (---) and TOML (+++) front
//     matter, link reference definitions, thematic breaks, and the
//     syntax of tables (pipes, padding, delimiter row), so that a table
//     never loses a cell.
//   - Inline spans, changed only by a deletion that removes them whole
//     (a repeated paragraph with its code spans and links): code spans,
//     autolinks and bare URLs, inline HTML, link and image brackets,
//     destinations and titles, emphasis and strikethrough delimiters,
//     backslash escapes, entity and character references (decoding
//     &lt; would make markup of text), hard line breaks, heading markers
//     and setext underlines, list markers, blockquote ">" and the
//     indentation of every line.
//   - A View the stages see instead of the text: code blocks become one
//     run of "x", the punctuation of syntax inside a paragraph becomes
//     "0" (so that "**word**" reads as one token that is no plain word,
//     and a URL's dots end no sentence), and
//     line-start syntax becomes spaces or line breaks, so that each list
//     item, blockquote paragraph, heading and table cell is a paragraph of
//     its own for dedupe.
//   - Refuse, which keeps pairs together (an edit may not remove an
//     emphasis or link opener without its closer, nor a heading's or list
//     item's text without its marker) and keeps fixes in prose from making
//     syntax: no edit may change what the start of a line reads as ("1..
//     x" is not cut to the list item "1. x"), join two punctuation marks
//     by removing what was between them ("`\x03`"), change a prose line
//     that starts with "<", lengthen a URL, or change the width of text in
//     a table whose source is laid out in columns ("1…4" becoming "1...4"
//     would shift the pipes). Such findings are reported without a fix.
//   - Suppressed, which drops the repeats dedupe finds between table
//     cells (data repeats: "| yes | yes |").
//
// The text of a collapsed or shortcut reference link or image
// ("[label][]", "[label]") that a definition names is an Inline span too:
// it is the label, and changed alone it would no longer match its
// definition (which is a Block span).
//
// Parsing and building the guard cost time linear in the text. goldmark
// takes link reference definitions out of a paragraph in time that grows
// with the square of their number: they are given to it in chunks
// (chunkedRefs). A shape goldmark reads in quadratic time that no
// chunking avoids (containers nested over 64 deep, link destinations or
// brackets left open in numbers) is found by a linear scan first, and the
// document is then read as plain text: Check returns an empty guard and a
// *Fallback, which Run and AddFallback report as a finding of
// RuleFallback ("markdown.fallback").
//
// The whole unit goes when dedupe removes a repeated list item or
// blockquote paragraph: its marker with it, as the removal runs from the
// end of the unit before it.
//
// Known limits: an ATX heading directly followed by a paragraph line (no
// blank line between) reads as one unit for dedupe, since the view cannot
// add a line break where the text has none (a blank line, a setext
// heading or a closing "#" sequence separates them); likewise the cells
// of a table written without padding ("|a|b|"). A sentence repeated
// inside one emphasis or link ("*A. A.*") is not found, as the view
// makes the delimiters part of the first and last sentence.
package markdown
