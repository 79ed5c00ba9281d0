package lsp

import (
	"fmt"
	"strings"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// Code action kinds.
const (
	kindQuickFix = "quickfix"
	kindFixAll   = "source.fixAll"
)

// wants reports whether a client that asked for the kinds only (none:
// all) takes an action of kind: the kinds are hierarchical, so
// "source" takes "source.fixAll".
func wants(only []string, kind string) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(kind, o+".") {
			return true
		}
	}
	return false
}

// codeActions answers textDocument/codeAction: the fix of each finding
// in the range as a quick fix (preferred), its suggestion as another
// (not preferred), and "fix all": every change of the document, which
// is what `copydesk clean` writes.
func (s *Server) codeActions(p codeActionParams) []codeAction {
	out := []codeAction{}
	c := s.fresh(p.TextDocument.URI)
	if c == nil || c.res == nil {
		return out
	}
	start, end := c.x.span(p.Range)
	uri := p.TextDocument.URI
	if wants(p.Context.Only, kindQuickFix) {
		for i := range c.res.Findings {
			f := &c.res.Findings[i]
			if f.Start > end || f.End < start {
				continue
			}
			diag := []diagnostic{s.diagnostic(c, i)}
			if len(f.Fix) > 0 {
				out = append(out, codeAction{
					Title:       fixTitle("Fix", f.Rule, f.Message, c.text, f.Fix),
					Kind:        kindQuickFix,
					Diagnostics: diag,
					IsPreferred: true,
					Edit:        c.edit(uri, f.Fix),
				})
			}
			if len(f.Suggestion) > 0 {
				out = append(out, codeAction{
					Title:       fixTitle("Suggestion", f.Rule, f.Message, c.text, f.Suggestion),
					Kind:        kindQuickFix,
					Diagnostics: diag,
					Edit:        c.edit(uri, f.Suggestion),
				})
			}
		}
	}
	if wants(p.Context.Only, kindFixAll) && len(c.res.Changes) > 0 {
		out = append(out, codeAction{
			Title: fmt.Sprintf("Fix all copydesk problems (%d %s)", len(c.res.Changes), plural(len(c.res.Changes), "change", "changes")),
			Kind:  kindFixAll,
			Edit:  c.edit(uri, c.res.Edits()),
		})
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// fixTitle names a fix: "Fix: stray double period [punct.double-period]",
// or for a finding without a message, the edit itself.
func fixTitle(what, rule, msg, text string, edits []lint.Edit) string {
	if msg == "" && len(edits) == 1 {
		e := edits[0]
		msg = fmt.Sprintf("%q → %q", text[e.Start:e.End], e.New)
	}
	return fmt.Sprintf("%s: %s [%s]", what, msg, rule)
}

// edit returns the workspace edit of edits of c's text.
func (c *checked) edit(uri string, edits []lint.Edit) workspaceEdit {
	tes := make([]textEdit, 0, len(edits))
	for _, e := range edits {
		tes = append(tes, textEdit{Range: c.x.rangeOf(e.Start, e.End), NewText: e.New})
	}
	return workspaceEdit{Changes: map[string][]textEdit{uri: tes}}
}

// hover answers textDocument/hover: for each finding under the
// position, its rule, severity and message, and what the rule is for.
func (s *Server) hover(p hoverParams) *hover {
	c := s.fresh(p.TextDocument.URI)
	if c == nil || c.res == nil {
		return nil
	}
	off := c.x.offset(p.Position)
	var b strings.Builder
	var rng *Range
	for i := range c.res.Findings {
		f := &c.res.Findings[i]
		if off < f.Start || off > f.End || (off == f.End && f.End > f.Start) {
			continue
		}
		if rng == nil {
			r := c.x.rangeOf(f.Start, f.End)
			rng = &r
		} else {
			b.WriteString("\n\n---\n\n")
		}
		fmt.Fprintf(&b, "**%s** `%s` (%s)\n\n%s", Source, f.Rule, f.Severity, escapeMarkdown(f.Message))
		if rule, ok := c.rules[f.Rule]; ok && rule.Doc != "" {
			fmt.Fprintf(&b, "\n\n%s", escapeMarkdown(rule.Doc))
		}
		switch {
		case len(f.Fix) > 0:
			b.WriteString("\n\nA quick fix is offered.")
		case len(f.Suggestion) > 0:
			b.WriteString("\n\nA suggestion is offered.")
		}
	}
	if rng == nil {
		return nil
	}
	return &hover{Contents: markupContent{Kind: "markdown", Value: b.String()}, Range: rng}
}

// escapeMarkdown keeps a message's characters from being read as
// Markdown.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]<>()#+-!|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
