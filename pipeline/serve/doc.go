// Package serve is copydesk's HTTP service: the handlers behind
// `copydesk serve`, which check and clean a text sent as JSON and serve
// a page to paste a story into.
//
// The API takes one JSON request:
//
//	{"text": "...", "format": "text", "name": "story.txt",
//	 "options": {"quotes": "typographic", "lang": "de", "disable": ["dedupe.word"]}}
//
// "format" is "text", "md" or "" (by name: Markdown for story.md); "name"
// is what reports call the document ("stdin" when empty); "options" take
// the names of copydesk's flags and configuration keys (see Options in
// Request). Three endpoints answer it:
//
//   - POST /v1/clean returns {"text": CLEANED, "findings": [...],
//     "changes": [...]}: the findings as `copydesk check --format json`
//     writes them, and the changes (edits of the input that give the
//     cleaned text) as {"offset", "end_offset", "new", "rules"};
//   - POST /v1/check returns the JSON document `copydesk check --format
//     json` prints for the text (package report);
//   - POST /v1/diff returns the unified diff `copydesk diff` prints
//     (empty when nothing changes).
//
// GET / serves the page: a text box, the changes marked as the HTML
// report marks them (report.HTMLSection, fetched from POST /v1/html),
// a button to reject or accept each change, and the clean text to copy.
// It loads nothing from elsewhere and works offline.
//
// A Handler stores nothing: every request is checked and forgotten. It
// answers a body it cannot read with 400, one over MaxBody with 413,
// both with {"error": "..."}; text that is not valid UTF-8 (a raw
// invalid byte, or a \ud800 escape without its pair) or holds a NUL
// byte is refused with 400 rather than changed in silence. One
// document.Checker is kept for each set of options in a bounded cache,
// and at most MaxChecks texts are checked at once.
//
// Server adds what an exposed service needs: read, write and idle
// timeouts and a graceful shutdown when its context ends.
package serve
