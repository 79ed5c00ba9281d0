// Command copydesk cleans text before publishing: it normalizes Unicode,
// quotes and spaces, fixes stray punctuation such as "..", removes
// repeated paragraphs, sentences and words, and explains every change.
//
// Usage:
//
//	copydesk clean [flags] [FILE...]   write the cleaned text
//	copydesk diff  [flags] [FILE...]   show the changes as a unified diff
//	copydesk check [flags] [FILE...]   list the findings
//	copydesk rules [flags]             list the rules
//	copydesk split [flags] [FILE]      show sentences or paragraphs
//
// With no FILE, or with "-", copydesk reads standard input. Exit status
// is 0 when there is nothing to report, 1 when check finds something at
// the --fail-on level or diff and clean -l find changes, and 2 on a usage
// or I/O error; files after a failing one are still processed. Run
// "copydesk help COMMAND" for a command's flags and examples.
package main
