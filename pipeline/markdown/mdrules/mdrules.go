// Package mdrules names the rules of package markdown. It is a leaf, so
// that the rule registry can list them without importing the Markdown
// parser, whose tests run the registry's default chain.
package mdrules

import "github.com/copydesk/copydesk/pipeline/lint"

// Fallback is the rule of a Markdown document checked as plain text.
const Fallback = "markdown.fallback"

// Rules lists the rules of the findings package markdown reports.
func Rules() []lint.Rule {
	return []lint.Rule{{ID: Fallback, Severity: lint.Warning,
		Doc: "a Markdown document whose shape would make parsing cost far more than its size (containers nested over 64 deep, a huge paragraph of link reference definitions goldmark cannot split): it is checked as plain text, code and syntax included"}}
}
