// Package lsp is copydesk's language server: it speaks the Language
// Server Protocol (3.17) over a pair of streams, as `copydesk lsp` does
// over standard input and output, and checks each open document with
// the document layer (package document) as `copydesk check` would.
//
// What it offers:
//
//   - diagnostics when a document is opened, changed (full or
//     incremental sync; a check waits for a pause in typing, and a check
//     that a change made stale is dropped) or saved: one per finding,
//     with the rule id as code and "copydesk" as source, severities
//     mapped (error 1, warning 2, info 3);
//   - positions in UTF-16 code units, or in UTF-8 bytes when the client
//     offers them (general.positionEncodings, or the older
//     offsetEncoding);
//   - code actions: each finding's fix as a preferred quick fix, its
//     suggestion as a quick fix that is not preferred, and
//     source.fixAll: every change of the document, the text
//     `copydesk clean` writes;
//   - hover: the rule, its severity, the message and what the rule is
//     for;
//   - Markdown (language id markdown, or a Markdown file name) with only
//     its prose checked, and plain text;
//   - each document's nearest .copydesk.toml, read again when it
//     changes (workspace/didChangeWatchedFiles, which the server
//     registers for when the client can watch files, or the file's size
//     or time seen changed on the next check); a broken one is a
//     diagnostic on the document and on the file's line, and a
//     window/showMessage once;
//   - suppression comments.
//
// The JSON-RPC framing reads Content-Length headers; a message with bad
// headers or invalid JSON is answered with a parse error and the server
// reads on.
package lsp
