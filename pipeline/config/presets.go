package config

import (
	"fmt"
	"strings"

	"github.com/copydesk/copydesk/normalize"
)

// Presets are the names of the house styles Preset writes.
var Presets = []string{"newsroom", "ingest", "docs"}

// Preset returns a commented configuration file for a house style, for
// `copydesk init --preset`:
//
//   - newsroom: typographic quotes of lang, repeated words and phrases
//     (style.echo) on, near-duplicates warnings;
//   - ingest: ASCII quotes, fullwidth folded, every repeat removed
//     (mode "all"), adjacent near-duplicate paragraphs removed, nothing
//     stylistic;
//   - docs: quotes as written, near-duplicates and echoes off (parallel
//     text is normal in documentation), Markdown and text files only.
//
// lang is the language of typographic quotes ("" for en).
func Preset(name, lang string) (string, error) {
	if lang == "" {
		lang = "en"
	}
	if !normalize.ValidLang(lang) {
		return "", fmt.Errorf("unknown lang %q (want %s)", lang, strings.Join(normalize.Languages(), ", "))
	}
	head := "# copydesk configuration: the " + name + " house style (copydesk init --preset " + name + ").\n" +
		"# copydesk uses the nearest .copydesk.toml above each file; flags on the\n" +
		"# command line win over it. 'copydesk init' writes every option with its\n" +
		"# default and what it does; 'copydesk rules' lists the rule ids.\n\n"
	switch name {
	case "newsroom":
		return head + `# Stories are published: curly quotes, dashes and ellipses of the
# language, straight quotes turned typographic.
[normalize]
quotes = "typographic"
lang = "` + lang + `"
# Feet and inches after a digit (5'10") become primes (5′10″).
primes = true

[dedupe]
# A paragraph or sentence pasted twice in a row is removed; repeats
# further away are reported (info) for the editor to judge.
mode = "adjacent"

[rules]
# The same word or phrase again within a few words ("said ..., it
# said"): a hint for the editor, off by default.
"style.echo" = "on"
# A paragraph nearly the same as an earlier one is usually an edit that
# left the old version behind: make it fail the check.
"dedupe.near-paragraph" = "warning"
`, nil
	case "ingest":
		return head + `# Text for a corpus or a model: plain ASCII punctuation, every repeat
# removed, nothing stylistic reported.
[normalize]
quotes = "ascii"
# Fold fullwidth letters and digits (ＡＢＣ１２３) to ASCII.
width = true

[dedupe]
# Every later copy of a paragraph or sentence is removed, not only the
# adjacent one. Across documents: run with --dedupe corpus (and
# --seen-index to remember earlier runs).
mode = "all"
# A paragraph nearly the same as the one before it is removed too.
fix-near = true

[rules]
# Stylistic hints mean nothing to a corpus.
"style.echo" = "off"
"dedupe.near-sentence" = "off"
`, nil
	case "docs":
		return head + `# Documentation in Markdown: quotes as the authors wrote them, and no
# reports on parallel text, which API references, option lists and
# changelogs are full of.
[normalize]
quotes = "keep"

[dedupe]
# A paragraph or sentence pasted twice in a row is removed.
mode = "adjacent"

[rules]
# Near-duplicates and echoes are normal in docs (0 true in 25 judged of
# each on real Markdown documents).
"dedupe.near-paragraph" = "off"
"dedupe.near-sentence" = "off"
"style.echo" = "off"

[files]
include = ["*.md", "*.markdown", "*.txt"]
exclude = ["node_modules", "vendor", "CHANGELOG.md"]
`, nil
	}
	return "", fmt.Errorf("unknown preset %q (want %s)", name, strings.Join(Presets, ", "))
}
