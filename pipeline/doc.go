// Package pipeline chains copydesk's stages over a text: each stage sees
// the previous stage's output, its fixes are applied, and every finding
// and fix is carried back to the original input, so the result explains
// every changed byte.
package pipeline
