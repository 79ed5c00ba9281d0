// Package config reads copydesk's configuration file, .copydesk.toml: a
// project's house style (quote style, language, dedupe mode), its rule
// settings and the files it covers.
//
// A file's configuration is the nearest .copydesk.toml found by walking up
// from the file's directory to the filesystem root (see Find and Loader);
// a command-line --config PATH overrides the search. Everything in the
// file is checked when it is loaded: an unknown key, a value of the wrong
// type or out of range, an unknown rule id or a bad glob is an *Error
// that names the file and line.
//
// The schema, with the defaults (see Template):
//
//	[normalize]
//	quotes = "ascii"             # ascii | typographic | keep
//	lang = "en"                  # en de fr es it nl sv (a region such as de-CH is accepted)
//	primes = false               # typographic: 5'10" -> 5′10″
//	width = false                # fold fullwidth ASCII (unicode.width)
//
//	[dedupe]
//	mode = "adjacent"            # adjacent | all | off
//	min-sentence-words = 4       # fewest words a repeated sentence needs to be removed
//	near-threshold = 0.8         # similarity (0 < t <= 1) of near-duplicates
//	fix-near = false             # remove a near-duplicate paragraph right after its twin
//	echo-window = 20             # words apart a repeated word counts as an echo
//
//	[rules]
//	"dedupe.word" = "off"        # off | on | report-only | error | warning | info
//	"space.*" = "warning"        # AREA.* sets every rule of an area; an exact id wins
//	"style.echo" = { severity = "warning", fix = false, enabled = true }
//
//	[files]
//	include = ["**/*.md", "**/*.txt"]   # empty: every file
//	exclude = ["vendor/**", "CHANGELOG.md"]
package config
