// Package report renders the results of copydesk's pipeline for people
// and programs: findings as text lines or JSON, changes as a unified diff
// that patch(1) and git apply accept or as a coloured word diff for a
// terminal, and rule lists.
//
// Renderers take a *pipeline.Result (or the File built from one) and an
// io.Writer; they never change the result. Positions shown to people are
// 1-based lines and columns, columns counted in Unicode characters (an
// invalid UTF-8 byte counts as one); byte offsets are 0-based.
//
// # JSON report
//
// JSON and JSONWriter write one document, one finding a line:
//
//	{
//	  "version": 1,
//	  "files": [
//	    {
//	      "path": "story.txt",
//	      "findings": [
//	        {"rule": "punct.double-period", "severity": "warning", "message": "two periods end the sentence", "line": 17, "column": 88, "end_line": 17, "end_column": 90, "offset": 2004, "end_offset": 2006, "replacement": ".", "fix": [{"offset": 2004, "end_offset": 2006, "new": "."}], "related": []},
//	        {"rule": "punct.space-before", "severity": "info", "message": "space before a comma", "line": 18, "column": 12, "end_line": 18, "end_column": 13, "offset": 2050, "end_offset": 2051, "suggestion": [{"offset": 2050, "end_offset": 2051, "new": ""}], "related": []}
//	      ]
//	    }
//	  ]
//	}
//
// "version" is 1 for this schema; fields may be added, never changed.
// Each file lists its findings sorted by position. In a finding:
//
//   - "rule" is the stable rule id, "severity" one of "error", "warning",
//     "info", and "message" the text for a person.
//   - "line", "column" locate the first character of the finding and
//     "end_line", "end_column" the character just after it, both 1-based,
//     columns in Unicode characters. "offset" and "end_offset" are the
//     same half-open range [offset, end_offset) in bytes from the start of
//     the file.
//   - "fix", present when the finding changes the text, lists the edits
//     it owns in the cleaned output: each replaces the bytes
//     [offset, end_offset) of the input with "new". Applying the edits of
//     every finding of a file, in order, gives the cleaned text. A finding
//     whose fix was absorbed by another's larger change (a quote inside a
//     paragraph that is removed as a repeat) has no "fix".
//   - "replacement", present when the finding owns exactly one edit and it
//     spans exactly the finding, is that edit's new text: the common case
//     of "replace this with that".
//   - "suggestion", present when the rule offers a fix it is not sure of
//     (one that may change meaning), lists its edits in the form of
//     "fix". They are not applied: the cleaned text, and so the edits of
//     "fix", leave them out; a person may accept them, and
//     clean --apply-suggestions applies them as fixes. A finding has a
//     "fix" or a "suggestion", not both.
//   - "related" lists other places involved, such as the first copy of a
//     repeated paragraph, with the position of their first character and
//     their byte range; it is an empty list when there are none.
//
// JSON strings cannot hold invalid UTF-8: such bytes in messages and new
// texts appear as U+FFFD, while offsets always count the input's bytes.
package report
