package config

// Template is the configuration `copydesk init` writes: every option at
// its default, with comments. Loading it gives the defaults.
const Template = `# copydesk configuration: the house style of the files in this directory
# and below. copydesk uses the nearest .copydesk.toml above each file;
# "copydesk --config PATH" picks one. Flags on the command line win over
# this file. Every value below is the default.

# Apply suggested fixes too (fixes a rule is not sure of), not only sure
# ones: as --apply-suggestions does.
apply-suggestions = false

[normalize]
# Quotation marks: "ascii" straightens curly quotes and "…", "keep"
# leaves them, "typographic" applies the house style of lang.
quotes = "ascii"
# Language of typographic quotes: en, de, fr, es, it, nl, sv (or a
# region such as "de-CH").
lang = "en"
# With typographic quotes, turn feet and inches (5'10") into primes (5′10″).
primes = false
# Fold fullwidth ASCII (ＡＢＣ１２３) to ASCII (rule unicode.width).
width = false

[dedupe]
# Repeats removed: "adjacent" (a repeat of the paragraph or sentence
# just before it), "all" (every later copy), "off", or "corpus" ("all",
# and with --dedupe corpus on the command line, paragraphs repeated
# across the documents of a run).
mode = "adjacent"
# Fewest words a sentence or paragraph needs to be removed as a repeat.
min-sentence-words = 4
# Word similarity (more than 0, at most 1) from which a paragraph or
# sentence is reported as a near-duplicate of an earlier one.
near-threshold = 0.8
# Remove a near-duplicate paragraph right after its twin (otherwise
# near-duplicates are only reported).
fix-near = false
# How many words apart a repeated word or phrase is reported (style.echo).
echo-window = 20

[rules]
# One line a rule; "copydesk rules" lists the ids. A value is "off",
# "on", "report-only" (report, never fix) or a severity: "error",
# "warning" or "info". "AREA.*" sets every rule of an area; a rule's
# own line wins over its area's. The table form sets several at once:
#   "style.echo" = { severity = "warning", fix = false, enabled = true }
# style.echo is off by default: any line but "off" switches it on.
# Near-duplicates (dedupe.near-*) and repeats that are not adjacent are
# info by default: shown, never failing a check at --fail-on warning.
# Examples:
#   "style.echo" = "on"
#   "dedupe.word" = "off"
#   "space.*" = "warning"
#   "dedupe.near-paragraph" = "error"

[files]
# Which files the settings cover, relative to this directory. A pattern
# without "/" matches a name at any depth ("*.md", "CHANGELOG.md",
# "vendor"); one with "/" is anchored here ("docs/*.md"); "**" matches
# any number of directories; a directory matches everything under it.
# No include: every file.
include = []
exclude = []
# Examples:
#   include = ["**/*.md", "**/*.txt"]
#   exclude = ["vendor/**", "CHANGELOG.md"]
`
