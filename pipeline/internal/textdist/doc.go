// Package textdist measures how far apart two short strings are, for
// "did you mean" suggestions in configuration files and suppression
// comments.
package textdist
