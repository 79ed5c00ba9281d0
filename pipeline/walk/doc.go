// Package walk finds the files a command works on: the files named,
// the text files in the directories named (walked recursively, with
// .gitignore files respected), and the files that glob patterns match.
//
// Arguments are taken in the order given; the files of one directory or
// glob come in lexical order, component by component (all of "a/" before
// "a-b"), and a file reached twice is given once, the first time. A
// directory that cannot be read is an error entry naming it, and the
// walk goes on.
//
// Rules for walking a directory, as ripgrep and Vale have them:
//
//   - a file is taken if its name matches Options.Include (by default
//     *.md, *.markdown and *.txt) and no ignore rule skips it;
//   - .gitignore files are read in every directory walked and in the
//     directories above it up to the root of its git repository, with
//     the repository's .git/info/exclude; the nearest file's last
//     matching pattern wins, and an ignored directory is not entered;
//   - hidden files and directories (".name") are skipped unless
//     Options.Hidden; ".git" always is;
//   - symbolic links inside the tree are not followed unless
//     Options.FollowLinks, and then a link back to a directory being
//     walked is reported, not followed;
//   - Options.Exclude and the per-directory hook (Options.Dir) add
//     rules, so that a configuration file can plug in its own
//     include and exclude globs.
//
// What is named explicitly is always taken: a file argument is given as
// it is (even if ignored, hidden or of another extension), and a
// directory argument is walked even if it is hidden or ignored.
package walk
