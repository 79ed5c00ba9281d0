// Package registry knows copydesk's stages: the Options of the standard
// chain, Default, which builds it (normalize, then punctuation, then
// dedupe), and Rules, the one list of every rule copydesk can report —
// the stages', the suppression comments' and the corpus's.
//
// The driver, package pipeline, imports no stage; this package is the
// one place that ties the stages together. `copydesk rules`, the
// configuration file's validator (package config) and the suppression
// comments all read Rules.
package registry
