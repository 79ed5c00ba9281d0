// Package document checks one document as copydesk's commands do: the
// layer between the stages and every front end (the command line, JSON
// Lines, a language server, an HTTP service, a Beam pipeline).
//
// A Checker is built once from Options — the pipeline options, the
// configuration files to read (config.Loader), the input format — and is
// safe for concurrent use. For each document (a Doc: name, path, text)
// it
//
//   - finds the document's configuration file (the nearest
//     .copydesk.toml, or one file for all) and the pipeline options it
//     gives, with what the caller's Override sets over them;
//   - reads Markdown as Markdown (by Format, or by name with Auto): only
//     prose is checked and changed, through a pipeline.Guard;
//   - honours suppression comments (package suppress) and reports their
//     own problems (suppress.unused and the like);
//   - runs the chain the options ask for (registry.Default) and returns
//     a Result: the pipeline.Result, the guard, and what was decided.
//
// Checker.Check takes a Worker from a pool; a goroutine that checks many
// documents keeps its own Worker (Checker.NewWorker), which keeps one
// chain per configuration file. Include tells whether a file found by
// walking a directory is one its configuration's [files] globs take.
package document
