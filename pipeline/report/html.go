package report

import (
	"bufio"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// An HTMLDoc is one input of an HTML report: its name and what the
// pipeline made of it.
type HTMLDoc struct {
	Name   string
	Result *pipeline.Result
}

// HTMLOptions controls HTML.
type HTMLOptions struct {
	// Title is the page's title; empty means "copydesk report".
	Title string
}

// HTML writes a self-contained HTML page (inline CSS and script, no
// external assets) reviewing the changes of docs: at the top the number
// of findings of each rule; then for each document its text with every
// change marked inline, deleted text in <del> and inserted text in <ins>,
// each with data-rule (the ids of the rules behind the change, separated
// by spaces) and a title listing the rules and messages, shown on hover;
// beside it the list of findings, linked to their changes. A toggle
// switches between the marked changes and the clean text. A suggested fix
// (one clean does not apply) is marked apart from the changes: its
// original text underlined (class "sugg"), the text a person may put in
// its place beside it in a dashed box, both titled "Suggestion, not
// applied"; the clean view shows the original text there, as clean
// writes it.
//
// Every text of the input is escaped: markup in a document is shown, never
// run. Control characters and invalid bytes are shown escaped as in
// Color, as are invisible characters in deleted text; a deleted line
// break is shown as ↵. The page sets data-copydesk-ready="1" on its root
// element once its script has run.
func HTML(w io.Writer, docs []HTMLDoc, opts HTMLOptions) error {
	h := htmlWriter{w: bufio.NewWriterSize(w, 64<<10)}
	title := opts.Title
	if title == "" {
		title = "copydesk report"
	}
	h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	h.raw("<meta name=\"generator\" content=\"copydesk\">\n<title>")
	h.text(title)
	h.raw("</title>\n<style>\n" + htmlCSS + "</style>\n</head>\n<body>\n<header>\n<h1>")
	h.text(title)
	h.raw("</h1>\n<div class=\"toggle\" role=\"group\" aria-label=\"view\" hidden>")
	h.raw("<button type=\"button\" id=\"show-changes\" aria-pressed=\"true\">Changes</button>")
	h.raw("<button type=\"button\" id=\"show-clean\" aria-pressed=\"false\">Clean text</button></div>\n")
	h.counts(docs)
	h.raw("</header>\n<main>\n")
	for i, d := range docs {
		h.doc(i+1, d)
	}
	h.raw("</main>\n<script>\n" + htmlScript + "</script>\n</body>\n</html>\n")
	return h.w.Flush()
}

// An htmlWriter writes the page of HTML.
type htmlWriter struct {
	w       *bufio.Writer
	scratch []byte
}

// raw writes markup.
func (h *htmlWriter) raw(s string) { h.w.WriteString(s) }

// text writes s escaped as HTML text or attribute value, made safe as in
// Color (control characters and invalid bytes shown escaped); line breaks
// and tabs are kept.
func (h *htmlWriter) text(s string) { h.shown(s, false, false) }

// shown writes s escaped. If invisible is set, format characters and
// non-ASCII spaces are spelled out; if breaks is set, line breaks are
// shown as ↵ before the break.
func (h *htmlWriter) shown(s string, invisible, breaks bool) {
	for s != "" {
		line := s
		i := strings.IndexByte(s, '\n')
		if i >= 0 {
			line = s[:i]
			s = s[i+1:]
		} else {
			s = ""
		}
		if i >= 0 {
			line = strings.TrimSuffix(line, "\r")
		}
		h.scratch = appendSafe(h.scratch[:0], line, invisible)
		h.escape(h.scratch)
		if i >= 0 {
			if breaks {
				h.w.WriteString("↵")
			}
			h.w.WriteByte('\n')
		}
	}
}

// escape writes b with the characters special in HTML as references, as
// html.EscapeString does.
func (h *htmlWriter) escape(b []byte) {
	last := 0
	for i, c := range b {
		var ref string
		switch c {
		case '<':
			ref = "&lt;"
		case '>':
			ref = "&gt;"
		case '&':
			ref = "&amp;"
		case '"':
			ref = "&#34;"
		case '\'':
			ref = "&#39;"
		default:
			continue
		}
		h.w.Write(b[last:i])
		h.w.WriteString(ref)
		last = i + 1
	}
	h.w.Write(b[last:])
}

// ruleCount is one row of the counts table.
type ruleCount struct {
	rule     string
	severity lint.Severity
	n        int
}

// counts writes the table of findings by rule over all docs.
func (h *htmlWriter) counts(docs []HTMLDoc) {
	var rows []ruleCount
	at := map[string]int{}
	total := 0
	for _, d := range docs {
		for _, f := range d.Result.Findings {
			k, ok := at[f.Rule]
			if !ok {
				k = len(rows)
				at[f.Rule] = k
				rows = append(rows, ruleCount{rule: f.Rule, severity: f.Severity})
			}
			rows[k].n++
			rows[k].severity = max(rows[k].severity, f.Severity)
			total++
		}
	}
	slices.SortStableFunc(rows, func(a, b ruleCount) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.rule, b.rule)
	})
	h.raw("<p class=\"summary\">")
	h.raw(plural(total, "finding") + " in " + plural(len(docs), "document"))
	h.raw("</p>\n")
	if len(rows) == 0 {
		return
	}
	h.raw("<table class=\"counts\">\n<thead><tr><th>rule</th><th>severity</th><th>findings</th></tr></thead>\n<tbody>\n")
	for _, r := range rows {
		h.raw("<tr class=\"sev-" + r.severity.String() + "\"><td><code>")
		h.text(r.rule)
		h.raw("</code></td><td>" + r.severity.String() + "</td><td>" + strconv.Itoa(r.n) + "</td></tr>\n")
	}
	h.raw("</tbody>\n</table>\n")
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// doc writes the section of document number k.
func (h *htmlWriter) doc(k int, d HTMLDoc) {
	r := d.Result
	id := "d" + strconv.Itoa(k)
	h.raw("<section class=\"doc\" id=\"" + id + "\">\n<h2>")
	h.text(d.Name)
	h.raw("</h2>\n<p class=\"summary\">" + plural(len(r.Findings), "finding") + ", " + plural(len(r.Changes), "change") + "</p>\n")
	h.raw("<div class=\"cols\">\n<div class=\"text\">")

	// Which change carries each finding.
	changeOf := make([]int, len(r.Findings))
	for i := range changeOf {
		changeOf[i] = -1
	}
	for c, ch := range r.Changes {
		for _, f := range ch.Findings {
			if f >= 0 && f < len(changeOf) {
				changeOf[f] = c
			}
		}
	}
	last := 0
	text := r.Original
	valid := lint.ValidateEdits(r.Edits(), len(text)) == nil
	sugg := suggestionsOf(r, valid)
	suggOf := make(map[int]int, len(sugg)) // finding → its first shown suggested edit
	for k := len(sugg) - 1; k >= 0; k-- {
		suggOf[sugg[k].finding] = k
	}
	s := 0
	// upTo writes the text before end, with the suggested edits in it.
	upTo := func(end int) {
		for ; s < len(sugg) && sugg[s].End <= end; s++ {
			h.text(text[last:sugg[s].Start])
			h.suggestion(id, s, r, sugg[s])
			last = sugg[s].End
		}
		h.text(text[last:end])
		last = end
	}
	if valid {
		for c, ch := range r.Changes {
			upTo(ch.Start)
			h.change(id, c, r, ch)
			last = ch.End
		}
	}
	upTo(len(text))
	h.raw("</div>\n<aside>\n<h3>Findings</h3>\n")
	if len(r.Findings) == 0 {
		h.raw("<p>Nothing to change.</p>\n")
	} else {
		h.raw("<ol class=\"findings\">\n")
		loc := newLocator(text)
		for i, f := range r.Findings {
			p := loc.position(startCursor, f.Start)
			h.raw("<li class=\"sev-" + f.Severity.String() + "\" data-rule=\"")
			h.text(f.Rule)
			h.raw("\">")
			pos := strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
			k, suggested := suggOf[i]
			if c := changeOf[i]; c >= 0 && valid {
				h.raw("<a href=\"#" + id + "-c" + strconv.Itoa(c+1) + "\">" + pos + "</a>")
			} else if suggested {
				h.raw("<a href=\"#" + id + "-s" + strconv.Itoa(k+1) + "\">" + pos + "</a>")
			} else {
				h.raw("<span class=\"pos\">" + pos + "</span>")
			}
			h.raw(" <code>")
			h.text(f.Rule)
			h.raw("</code> ")
			h.text(f.Message)
			if len(f.Suggestion) > 0 {
				h.raw(" <span class=\"sugg-note\">Suggestion, not applied: ")
				h.text(describeEdits(text, editsOf(f.Suggestion)))
				h.raw("</span>")
			} else if changeOf[i] < 0 {
				h.raw(" <em>(not changed)</em>")
			}
			h.raw("</li>\n")
		}
		h.raw("</ol>\n")
	}
	h.raw("</aside>\n</div>\n</section>\n")
}

// A shownSuggestion is a suggested edit of finding, shown in the text.
type shownSuggestion struct {
	lint.Edit
	finding int
}

// suggestionsOf returns the suggested edits of r's findings that can be
// shown in the text, in order: each one that overlaps no change and no
// edit before it (a suggestion inside a removed paragraph is listed with
// its finding only).
func suggestionsOf(r *pipeline.Result, valid bool) []shownSuggestion {
	var out []shownSuggestion
	for i := range r.Findings {
		for _, e := range r.Findings[i].Suggestion {
			out = append(out, shownSuggestion{e, i})
		}
	}
	if len(out) == 0 {
		return nil
	}
	slices.SortStableFunc(out, func(a, b shownSuggestion) int { return a.Start - b.Start })
	if !valid {
		return nil
	}
	kept, end, c := out[:0], 0, 0
	for _, e := range out {
		if e.Start < end || e.End > len(r.Original) || e.End < e.Start {
			continue
		}
		for c < len(r.Changes) && r.Changes[c].End <= e.Start && r.Changes[c].Start < e.Start {
			c++ // wholly before e
		}
		clash := false
		for k := c; k < len(r.Changes) && r.Changes[k].Start < e.End; k++ {
			if ch := r.Changes[k]; e.Start < ch.End && ch.Start < e.End {
				clash = true // they overlap: the change is shown
				break
			}
		}
		if !clash {
			kept = append(kept, e)
			end = e.End
		}
	}
	return kept
}

// editsOf converts edits of the original to the report's.
func editsOf(edits []lint.Edit) []Edit {
	out := make([]Edit, len(edits))
	for i, e := range edits {
		out[i] = Edit{Offset: e.Start, EndOffset: e.End, New: e.New}
	}
	return out
}

// suggestion writes suggested edit number s+1 of the document id: the
// original text, marked, and the text a person may put in its place,
// which the clean view does not show.
func (h *htmlWriter) suggestion(id string, s int, r *pipeline.Result, e shownSuggestion) {
	x := &r.Findings[e.finding]
	h.raw("<span class=\"sugg\" id=\"" + id + "-s" + strconv.Itoa(s+1) + "\" data-rule=\"")
	h.text(x.Rule)
	h.raw("\" title=\"")
	h.text("Suggestion, not applied: " + x.Rule + ": " + x.Message)
	h.raw("\">")
	old := r.Original[e.Start:e.End]
	if old != "" {
		h.raw("<span class=\"sold\">")
		h.shown(old, true, true)
		h.raw("</span>")
	}
	if e.New != "" {
		h.raw("<span class=\"snew\">")
		h.text(e.New)
		h.raw("</span>")
	}
	h.raw("</span>")
}

// change writes change c of r, number c+1 of the document id.
func (h *htmlWriter) change(id string, c int, r *pipeline.Result, ch pipeline.Change) {
	var rules []string
	var title strings.Builder
	for _, f := range ch.Findings {
		if f < 0 || f >= len(r.Findings) {
			continue
		}
		x := &r.Findings[f]
		if !slices.Contains(rules, x.Rule) {
			rules = append(rules, x.Rule)
		}
		if title.Len() > 0 {
			title.WriteByte('\n')
		}
		title.WriteString(x.Rule + ": " + x.Message)
	}
	attrs := func(s string) {
		h.raw(" data-rule=\"")
		h.text(strings.Join(rules, " "))
		h.raw("\" title=\"")
		h.text(title.String())
		h.raw("\"")
		if s != "" && strings.TrimFunc(s, unicode.IsSpace) == "" {
			h.raw(" class=\"ws\"")
		}
		h.raw(">")
	}
	h.raw("<span class=\"chg\" id=\"" + id + "-c" + strconv.Itoa(c+1) + "\">")
	if old := r.Original[ch.Start:ch.End]; old != "" {
		h.raw("<del")
		attrs(old)
		h.shown(old, true, true)
		h.raw("</del>")
	}
	if ch.New != "" {
		h.raw("<ins")
		attrs(ch.New)
		h.text(ch.New)
		h.raw("</ins>")
	}
	h.raw("</span>")
}

const htmlCSS = `:root { color-scheme: light; --del: #ffd7d5; --del-ink: #82071e; --ins: #ccffd8; --ins-ink: #055d20; --line: #d0d7de; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #f6f8fa; }
header { padding: 16px 24px 8px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 8px; font-size: 20px; }
h2 { margin: 0; font-size: 17px; word-break: break-all; }
h3 { margin: 0 0 8px; font-size: 15px; }
.summary { margin: 4px 0 8px; color: #59636e; }
.toggle { float: right; display: flex; }
.toggle[hidden] { display: none; }
.toggle button { font: inherit; padding: 4px 12px; border: 1px solid var(--line); background: #f6f8fa; cursor: pointer; }
.toggle button:first-child { border-radius: 6px 0 0 6px; }
.toggle button:last-child { border-radius: 0 6px 6px 0; border-left: none; }
.toggle button[aria-pressed="true"] { background: #0969da; color: #fff; border-color: #0969da; }
table.counts { border-collapse: collapse; margin: 4px 0 8px; }
.counts th, .counts td { padding: 2px 12px 2px 0; text-align: left; }
.counts td:last-child { text-align: right; }
main { padding: 16px 24px; }
section.doc { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 16px; margin-bottom: 16px; }
.cols { display: flex; gap: 24px; align-items: flex-start; }
.text { flex: 3; min-width: 0; white-space: pre-wrap; overflow-wrap: anywhere; font: 16px/1.6 Georgia, "Times New Roman", serif; }
aside { flex: 2; min-width: 0; position: sticky; top: 8px; max-height: calc(100vh - 16px); overflow: auto; font-size: 13px; }
ol.findings { margin: 0; padding-left: 28px; }
ol.findings li { margin-bottom: 4px; }
ol.findings a, .pos { font-variant-numeric: tabular-nums; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #eff2f5; padding: 0 3px; border-radius: 3px; }
.sev-error code { color: #cf222e; }
.sev-warning code { color: #9a6700; }
.sev-info code { color: #0969da; }
del { background: var(--del); color: var(--del-ink); text-decoration: line-through; }
ins { background: var(--ins); color: var(--ins-ink); text-decoration: none; }
del.ws, ins.ws { outline: 1px dashed currentColor; }
.sugg .sold { background: #fff8c5; text-decoration: underline dotted #9a6700; }
.sugg .snew { background: #ddf4ff; color: #0550ae; border: 1px dashed #54aeff; }
.sugg-note { color: #9a6700; }
body.clean .sugg .snew { display: none; }
body.clean .sugg .sold { background: none; text-decoration: none; }
.sugg.hl, .sugg:target { outline: 2px dashed #9a6700; border-radius: 2px; }
.chg.hl, .chg:target { outline: 2px solid #0969da; border-radius: 2px; }
body.clean del { display: none; }
body.clean ins { background: none; color: inherit; outline: none; }
body.clean .chg.hl { outline: none; }
@media (max-width: 800px) { .cols { flex-direction: column; } aside { position: static; max-height: none; } }
`

const htmlScript = `(function () {
  "use strict";
  var toggle = document.querySelector(".toggle");
  var changes = document.getElementById("show-changes");
  var clean = document.getElementById("show-clean");
  function show(isClean) {
    document.body.classList.toggle("clean", isClean);
    changes.setAttribute("aria-pressed", String(!isClean));
    clean.setAttribute("aria-pressed", String(isClean));
  }
  changes.addEventListener("click", function () { show(false); });
  clean.addEventListener("click", function () { show(true); });
  toggle.hidden = false;
  var links = document.querySelectorAll("ol.findings a[href^='#']");
  for (var i = 0; i < links.length; i++) {
    (function (a) {
      var target = document.getElementById(a.getAttribute("href").slice(1));
      if (!target) { return; }
      a.addEventListener("mouseenter", function () { target.classList.add("hl"); });
      a.addEventListener("mouseleave", function () { target.classList.remove("hl"); });
    })(links[i]);
  }
  document.documentElement.setAttribute("data-copydesk-ready", "1");
})();
`
