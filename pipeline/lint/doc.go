// Package lint defines the vocabulary shared by every copydesk stage:
// spans and edits over a text, findings with suggested fixes, rules and
// severities, and the Stage interface the pipeline chains.
//
// The model follows golang.org/x/tools/go/analysis: a stage reports
// findings as plain data, and a driver (package pipeline) applies their
// fixes. All positions are byte offsets into the text the stage was given.
package lint
