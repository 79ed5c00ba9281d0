// Package jsonstr writes JSON strings the way encoding/json does with
// SetEscapeHTML(false), without reflection or allocation, for the report
// and JSON Lines writers.
package jsonstr
