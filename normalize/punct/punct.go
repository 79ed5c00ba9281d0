// Package punct is copydesk's punctuation stage: stray double periods,
// doubled commas and spaces before punctuation.
package punct

import "github.com/copydesk/copydesk/pipeline/lint"

// Options configure the stage. The zero value is the default.
type Options struct{}

// New returns the punctuation stage.
// PLACEHOLDER: being implemented.
func New(opts Options) lint.Stage { return nil }
