// Package suppress reads an author's suppression directives from a text
// and tells the pipeline which findings they suppress.
//
// In Markdown (and in plain text) a directive is an HTML comment:
//
//	<!-- copydesk-disable dedupe.word, punct.double-period -->
//	…                                  (no dedupe.word or punct.double-period findings)
//	<!-- copydesk-enable dedupe.word -->
//	<!-- copydesk-disable-next-line dedupe.paragraph -->
//	A refrain that repeats the paragraph before it on purpose.
//	Shown verbatim.. <!-- copydesk-disable-line punct -->
//
// In plain text a directive may also be a line of its own, bare or after a
// comment leader (#, //, --, ;, %, or inside /* */), and
// copydesk-disable-line may end a line after a # or // leader:
//
//	copydesk-disable dedupe
//	# copydesk-enable
//	It said so.. # copydesk-disable-line punct.double-period
//
// In Markdown, bare lines are prose, and comments inside fenced code
// blocks and code spans are not directives.
//
// The forms:
//
//   - copydesk-disable [RULE…] suppresses from the directive to the
//     copydesk-enable that ends it, or to the end of the text.
//   - copydesk-enable [RULE…] ends a copydesk-disable of the same RULE
//     (the latest one, so that disables nest); for a RULE that a broader
//     disable covers (an area, or all rules), it switches that one rule
//     back on. With no RULE it ends every disable.
//   - copydesk-disable-next-line [RULE…] suppresses the line after the
//     directive's line (the next line even if it is blank, as in ESLint).
//   - copydesk-disable-line [RULE…] suppresses the directive's own line.
//
// No RULE means every rule. RULEs are separated by commas or spaces; a
// RULE is a rule id (dedupe.word) or an area, written dedupe or dedupe.*,
// that stands for all its rules. Text after " -- " is a reason and is
// ignored: <!-- copydesk-disable-next-line dedupe.paragraph -- a refrain -->.
//
// A finding is suppressed when its first byte lies in a suppressed range:
// a repeated paragraph is suppressed by a directive on the line before its
// first line. Directives that suppress nothing are reported (rule
// suppress.unused, info), and so are rule ids that no rule has
// (suppress.unknown-rule, warning) and comments that look like a
// directive but are not one (suppress.invalid, warning).
package suppress
