// Package normalize provides copydesk's character-level stages: invisible
// and control characters, Unicode NFC, quotes, ellipses, dashes and spaces.
package normalize

import "github.com/copydesk/copydesk/pipeline/lint"

// QuoteStyle selects what happens to quotation marks and apostrophes.
type QuoteStyle int

const (
	// QuotesASCII turns curly, low-9, reversed and fullwidth quotes into
	// '"' and '\'' (and U+2026 into "..."). It is the zero value.
	QuotesASCII QuoteStyle = iota
	// QuotesKeep leaves quotes and ellipses as they are.
	QuotesKeep
)

// Options configure the normalize stages. The zero value is the default.
type Options struct {
	Quotes QuoteStyle
}

// Stages returns the normalize stages in the order they must run.
// PLACEHOLDER: being implemented.
func Stages(opts Options) []lint.Stage { return nil }
