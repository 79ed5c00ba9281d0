// Package dedupe is copydesk's repeat stage: repeated paragraphs,
// sentences and words within a document.
//
// The stage follows the rule "fix what is certainly an error, report what
// may be intended":
//
//   - dedupe.paragraph: a paragraph that repeats the one just before it is
//     removed with the blank line(s) that separate it, an error. A repeat
//     further away is a warning that points at the first copy, removed
//     only in mode All. A short paragraph (fewer than MinSentenceWords
//     words: "Ha!", "* * *") that repeats the one before it is a warning
//     and is never removed; short repeats further apart are not reported,
//     as scene breaks and the like recur.
//   - dedupe.sentence: the same for sentences inside a paragraph, and for a
//     paragraph that starts with the sentence that ended the one before.
//     A passage of two or more sentences that repeats the ones just before
//     it ("A. B. A. B.", a paragraph pasted twice with a single line break
//     or none between), or the ones that ended the paragraph before, is
//     removed as one finding.
//     Short sentences ("No. No.") are prose: never removed, not reported.
//     In structured text (list items, changelogs, signature lines, table
//     rows, copies that differ in case; see structure.go) an adjacent
//     repeated paragraph is a suggestion and a sentence is reported and
//     kept.
//     A removal takes the white space on one side of the sentence with it,
//     and a paragraph left empty goes with its separator. A removal that
//     would change how the rest of its paragraph splits into sentences
//     (the splitter reads context: a paragraph that would start with "* "
//     reads as a list) is reported instead, so that one pass is enough.
//   - dedupe.word: a word typed twice or more. A function word that the
//     paragraph's language never doubles ("the the", "of of"; lists per
//     language in words/*.txt, embedded) loses its extra copies, also
//     across a line break, a warning; other doublings are suggestions
//     (lint.Finding.Suggest); doublings English uses on purpose ("had
//     had", "that that", "bye bye", "Bora Bora"), quoted mentions, code,
//     columns, initials and copies of different case are left alone, and
//     those that are as often grammatical as not ("for for", "is is") are
//     reported without a fix. See policy.go.
//   - dedupe.near-paragraph and dedupe.near-sentence: a paragraph or
//     sentence that is nearly, not exactly, the same as an earlier one
//     (Options.NearThreshold, 80% of its words by default), a warning
//     with the first copy as related span and a word diff in the message.
//     Only reported; with Options.FixNear a near copy of the paragraph
//     just before it is removed. See near.go.
//
// NewEcho returns a separate stage, "style", for style.echo: a content
// word or phrase used again within a few words.
//
// Units are compared by a key that folds case, curly and straight quotes,
// runs of white space and dots at the end, so a copy with curly quotes
// repeats one with straight quotes. Paragraphs come from
// segment.Paragraphs, sentences from a segment.Splitter run on each
// paragraph.
//
// Fixes never overlap: the sentences and words of a removed paragraph,
// and the words of a removed sentence, are not reported. Units are
// compared as they read once fixed (a paragraph whose own repeated
// sentence or word is removed can repeat the one before it), and a unit is
// compared with the one before it in the fixed text, so Check on the fixed
// text reports no further fix. Invalid UTF-8 is compared byte for byte
// and never split.
//
// Files: dedupe.go (options, rules, the stage), checker.go (the state of
// one Check and the paragraph loop), passage.go (repeated sentences and
// passages), key.go and fold.go (comparison keys), cuts.go (what a
// removal deletes), split.go (sentences), report.go (findings), words.go,
// fast.go and policy.go (repeated words), lang.go and words/ (the word
// lists), structure.go (structured text), near.go (near-duplicates),
// echo.go (style.echo), keyset.go (hash sets of keys).
//
// Check runs in time linear in the size of the text: one scan for
// paragraphs, one for sentences, one that folds each sentence into its
// key and finds its doubled words, and hash sets of the keys of the units
// seen so far.
package dedupe
