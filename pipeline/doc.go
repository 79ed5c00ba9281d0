// Package pipeline chains copydesk's stages over a text: each stage sees
// the previous stage's output, its fixes are applied, and every finding
// and fix is carried back to the original input, so the result explains
// every changed byte.
//
// This package is the driver: it runs stages (Run, RunGuarded), composes
// their edits against the original, guards what a document format or a
// suppression comment protects (Guard) and extends a result with later
// stages (Extend). It imports no stage: package registry builds the
// standard chain (registry.Default) and lists every rule, package
// document checks a document as the commands do, and package job runs
// many of them in order.
//
// # How it works
//
//	files, dirs, globs ─▶ walk (.gitignore, [files]) ─▶ config (.copydesk.toml) ─▶ -j workers
//	input ─▶ pipeline.RunGuarded(text, guard: markdown + suppress)
//	        ─▶ normalize: ansi ─▶ entity ─▶ mojibake ─▶ codepoints ─▶ invisible
//	                   ─▶ nfc ─▶ chars ─▶ width ─▶ typographic ─▶ smart ─▶ spaces
//	        ─▶ punct ─▶ dedupe ─▶ style (echo)
//	      ─▶ Result{Original, Cleaned, Findings, Changes}
//	      ─▶ (in input order) corpus: fingerprints, seen-index ─▶ Pipeline.Extend
//	      ─▶ report: text | json | sarif | github | checkstyle | rdjsonl | unified | colour | html
//
// The packages, one job each:
//
//	pipeline/lint                  the vocabulary: spans, edits, findings, rules, stages, positions, rule patterns
//	pipeline/lint/linttest         fake stages and check-and-apply helpers for tests
//	pipeline                       runs stages, composes their edits against the original (Run, RunGuarded, Extend)
//	pipeline/registry              the options, the standard chain (Default) and the list of every rule (Rules)
//	pipeline/document              one document as the commands check it: format, configuration, Markdown, suppressions
//	pipeline/job                   many documents: ordered parallel work (Sequencer), the run Summary, corpus judging (Judge)
//	normalize, normalize/punct     character-level stages; stray and doubled punctuation
//	dedupe, dedupe/segment         repeated paragraphs, sentences and words; the sentence splitter
//	dedupe/corpus, dedupe/seen     duplicates across documents; the persistent seen-index
//	pipeline/markdown              the guard that keeps the stages to a Markdown document's prose
//	pipeline/config                .copydesk.toml
//	pipeline/suppress              suppression comments
//	pipeline/walk                  directories, globs and .gitignore
//	pipeline/jsonl                 JSON Lines records, streamed through ordered workers
//	pipeline/report                every output format
//	cmd/copydesk                   the command line
//
// Stages (lint.Stage) are pure functions of a text: they return findings
// (rule, severity, span, message, fix edits, related spans) and know
// nothing of files or flags. The vocabulary follows
// golang.org/x/tools/go/analysis: diagnostics with suggested fixes as
// plain data, applied by a driver.
//
// The pipeline applies each stage's fixes and runs the next stage on the
// result. It composes the edits as it goes (compose.go) and maps every
// span back to the original, so Result.Changes is a sorted,
// non-overlapping list of edits of the original that gives the cleaned
// text exactly, and each change names the findings that produced it. The
// diff and the JSON are these edits rendered — never a guess recovered
// afterwards.
//
// Order: normalize splits into small stages so that each sees what the
// one before left (encoding repairs first, so that a repaired quote is
// then straightened like any other; removing an invisible character
// between two spaces leaves two spaces for spaces to collapse).
// Punctuation runs before dedupe, so repeats are compared on clean text
// and dedupe's removals never leave work for an earlier stage, and
// clean(clean(x)) == clean(x). The normalize stages are run to a fixed
// point (Pipeline.Repeat, at most MaxRounds = 4 rounds; a second round
// runs only when the first fixed something): on rare input, removing a
// control character uncovers mojibake that the repair stage before it
// judged too weak to fix.
//
// Guards: a document format or a suppression comment never changes a
// stage. The pipeline runs the stages on a same-length view of the text
// (a Markdown code block shows as one run of x, list markers as line
// breaks) and drops, in original coordinates, every finding inside
// guarded text and every edit that would cut into it; a deletion may take
// a guarded inline span only whole (a repeated paragraph with its links).
//
// Dedupe splits paragraphs at blank lines and sentences with its own
// abbreviation-aware splitter (dedupe/segment), compares case-folded keys
// with quotes and spaces folded, and hashes them, so it is linear in the
// size of the text.
//
// # Performance
//
// Measured with go test -run='^$' -bench=… -benchmem on the project's
// machine: 2 shared vCPUs (AMD, virtualised), Go 1.26.8, one core per
// benchmark unless it says -j 2. The machine is shared, so figures vary by
// ±20% between runs; timing is only ever in benchmarks, never in tests.
//
// Whole pipeline (BenchmarkPipeline, BenchmarkPipelineBBC). clean is the
// pipeline as copydesk clean runs it (rules that never fix are skipped,
// FixesOnly); check runs every rule, including near-duplicates and
// echoes. The synthetic corpus is 10 MB of 3 KB documents built from the
// seed article with dirt mixed in at scraped-copy rates (curly quotes in a
// third of paragraphs, odd spaces, stray "..", doubled words, one
// paragraph in twenty pasted twice).
//
//	input                                     mode    MB/s      allocs
//	seed article (2 KB)                       clean   26–39     45 / doc
//	seed article (2 KB)                       check   14–16     110 / doc
//	synthetic news, 10 MB in 3 KB documents   clean   39        240 k / 10 MB
//	synthetic news, 10 MB in 3 KB documents   check   16        498 k / 10 MB
//	BBC News, 2225 articles (5 MB)            clean   119–123   6.2 k (1.5 MB)
//	BBC News                                  check   14        209 k
//
// (Three runs of 40 iterations on a machine other jobs were using.) clean
// on real news runs at about 120 MB/s on one core: dedupe reuses its
// scratch buffers and hash tables across documents (34 MB allocated per
// BBC pass in the first version, 1.5 MB now); its word folding takes
// eight bytes of letters and single spaces at a time; the splitter scans
// 16 bytes at a time with fast paths for the ". " + word boundary; and the
// stages that only look at non-ASCII characters (mojibake, controls,
// invisible characters, NFC, Unicode quotes and spaces, width) implement
// lint.ASCIIQuiet and are skipped on plain ASCII text, which 71% of the
// BBC articles are (one 8-byte scan, lint.PlainASCII, decides per round).
// The dirtier synthetic corpus is slower (39 MB/s): every fixing stage
// copies the text, about 13 bytes allocated per input byte. check runs at
// 14–16 MB/s, because near-duplicate detection and echoes, which only
// report, cost as much as all the fixing rules together.
//
// Stages (4 MB inputs; clean is prose with nothing to fix, dirty has dirt
// in every paragraph, scripts mixes Cyrillic, Greek, Arabic, Devanagari,
// CJK and emoji):
//
//	stage                                                  clean                dirty      scripts
//	normalize mojibake (detection)                         4.9 GB/s             93 MB/s    197 MB/s
//	normalize invisible                                    2.6 GB/s             1.8 GB/s   790 MB/s
//	normalize nfc                                          2.5 GB/s             1.2 GB/s   470 MB/s
//	normalize chars (quotes, spaces, hyphens)              2.0 GB/s             183 MB/s   1.4 GB/s
//	normalize spaces                                       1.5 GB/s             1.4 GB/s   1.5 GB/s
//	normalize, all stages chained, check + apply           412 MB/s             40 MB/s    92 MB/s
//	punct                                                  1.2 GB/s (0 allocs)  172 MB/s   —
//	segment.Sentences                                      610 MB/s (1 alloc)   —          BBC: 920 MB/s
//	dedupe exact only (near off), 5 MB book                103 MB/s
//	dedupe with near-duplicates, 5 MB book (20 000 paras)  16 MB/s                         news article: 24 MB/s
//	style.echo                                             71 MB/s
//
// Near-duplicate detection costs the same per byte on a news article and
// on a 500-page book (candidate index, no pairwise comparison), as it
// must; it is the most expensive rule per byte.
//
// Renderers (8 MB): unified diff 808 MB/s, JSON 644 MB/s, text 4.3 GB/s;
// SARIF, HTML and the caret view 20–55 MB/s.
//
// JSON Lines: see package jsonl.
//
// Corpus and index: --corpus with near-duplicate documents runs at
// 56 MB/s on one core (dedupe/corpus BenchmarkCorpus, synthetic articles
// with near copies; 27 MB/s on BBC with the machine loaded); the
// seen-index does 1.14 M look-ups/s at 10 M keys and stores 10.8 bytes per
// fingerprint (dedupe/seen BenchmarkIndex).
//
// Markdown: parsing and building the guard runs at 10–12 MB/s
// (pipeline/markdown BenchmarkGuard; goldmark's parser is two thirds of
// it), so a 100 KB document costs 8–10 ms more than as plain text.
//
// Memory: a 100 MB document peaks at 2.6–3.1 GB RSS with every rule on
// (BenchmarkHugeLine); see the README's Limits.
package pipeline
