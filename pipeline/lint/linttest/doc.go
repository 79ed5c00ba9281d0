// Package linttest helps test stages and what drives them, in the
// spirit of golang.org/x/tools/go/analysis/analysistest: fake stages
// whose findings are easy to predict (Replace, Repeat, Report), and
// helpers that check a stage's fixes (CheckFix) and a run's changes
// against its output (CheckEdits).
package linttest
