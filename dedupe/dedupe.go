// Package dedupe is copydesk's repeat stage: repeated paragraphs,
// sentences and words within a document.
package dedupe

import "github.com/copydesk/copydesk/pipeline/lint"

// Mode says which repeats are removed.
type Mode int

const (
	// Adjacent removes a repeat of the unit just before it and reports
	// repeats further away. It is the zero value.
	Adjacent Mode = iota
	// All removes every later copy of a repeated unit.
	All
	// Off reports nothing and removes nothing.
	Off
)

// Options configure the stage. The zero value is the default.
type Options struct {
	Mode Mode
	// MinSentenceWords is the fewest words a sentence needs to be removed
	// as a repeat; 0 means 4.
	MinSentenceWords int
}

// New returns the dedupe stage.
// PLACEHOLDER: being implemented.
func New(opts Options) lint.Stage { return nil }
