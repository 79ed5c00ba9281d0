package report

import (
	"bufio"
	"embed"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/runenames"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// An HTMLDoc is one input of an HTML report: its name and what the
// pipeline made of it.
type HTMLDoc struct {
	Name   string
	Result *pipeline.Result
}

// HTMLOptions controls HTML and HTMLSection.
type HTMLOptions struct {
	// Title is the page's title; empty means "copydesk report".
	Title string
	// Rules, if given, describe the rules: a group of findings of one
	// rule is headed by the rule's description.
	Rules []lint.Rule
}

// htmlFiles are the report's template, stylesheet and script.
//
//go:embed html/report.tmpl html/report.css html/report.js
var htmlFiles embed.FS

var htmlTemplate = template.Must(template.New("report.tmpl").ParseFS(htmlFiles, "html/report.tmpl"))

func mustRead(name string) string {
	b, err := htmlFiles.ReadFile(name)
	if err != nil {
		panic(err) // embedded: cannot fail
	}
	return string(b)
}

var (
	htmlCSS    = mustRead("html/report.css")
	htmlScript = mustRead("html/report.js")
)

// HTMLStyle returns the report's stylesheet, for a page that shows
// sections of the report (HTMLSection).
func HTMLStyle() string { return htmlCSS }

// HTML writes a self-contained HTML page (inline CSS and script, no
// external assets) reviewing the changes of docs, rendered with
// html/template. At the top: the number of findings of each rule. Then
// for each document (see HTMLSection) its text with every change marked
// inline and explained beside it, and its findings grouped by rule. A
// toggle switches between the marked changes and the clean text. The
// page prints as it shows (reasons included, every group open).
//
// A suggested fix (one clean does not apply) is marked apart from the
// changes: its original text underlined (class "sugg"), the text a
// person may put in its place beside it in a dashed box, both titled
// "Suggestion, not applied", with its reason beside it; the clean view
// shows the original text there, as clean writes it.
//
// Every text of the input is escaped: markup in a document is shown, never
// run. Control characters and invalid bytes are shown escaped as in
// Color, as are invisible characters in deleted text; a deleted line
// break is shown as ↵. The page sets data-copydesk-ready="1" on its root
// element once its script has run.
func HTML(w io.Writer, docs []HTMLDoc, opts HTMLOptions) error {
	title := opts.Title
	if title == "" {
		title = "copydesk report"
	}
	p := htmlPageView{Title: title, CSS: template.CSS(htmlCSS), Script: template.JS(htmlScript)}
	total := 0
	at := map[string]int{}
	for i, d := range docs {
		for _, f := range d.Result.Findings {
			k, ok := at[f.Rule]
			if !ok {
				k = len(p.Counts)
				at[f.Rule] = k
				p.Counts = append(p.Counts, htmlCount{Rule: f.Rule, Severity: f.Severity})
			}
			p.Counts[k].N++
			p.Counts[k].Severity = max(p.Counts[k].Severity, f.Severity)
			total++
		}
		p.Docs = append(p.Docs, newDocView(i+1, d, opts))
	}
	slices.SortStableFunc(p.Counts, func(a, b htmlCount) int {
		if a.N != b.N {
			return b.N - a.N
		}
		return strings.Compare(a.Rule, b.Rule)
	})
	p.Summary = plural(total, "finding") + " in " + plural(len(docs), "document")
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := htmlTemplate.ExecuteTemplate(bw, "page", p); err != nil {
		return err
	}
	return bw.Flush()
}

// HTMLSection writes the section of the HTML report (see HTML) for one
// document, without the page around it: for a page that embeds the
// report (copydesk serve's), with HTMLStyle as its stylesheet. Each
// change is a span of class "chg" with the byte range it replaces in
// data-start and data-end and its new text in data-new, so that a page
// can build the text with some changes left out.
func HTMLSection(w io.Writer, d HTMLDoc, opts HTMLOptions) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := htmlTemplate.ExecuteTemplate(bw, "doc", newDocView(1, d, opts)); err != nil {
		return err
	}
	return bw.Flush()
}

// The views the template renders. Every string in them is text, which
// the template escapes.
type (
	htmlPageView struct {
		Title   string
		CSS     template.CSS
		Script  template.JS
		Summary string
		Counts  []htmlCount
		Docs    []htmlDocView
	}
	htmlCount struct {
		Rule     string
		Severity lint.Severity
		N        int
	}
	htmlDocView struct {
		ID, Name, Summary string
		Why               []string // why the findings and the changes differ in number
		Parts             []htmlPart
		Groups            []htmlGroup
		None              bool // no findings
	}
	// An htmlPart is unchanged text or a change.
	htmlPart struct {
		Text string
		Chg  *htmlChange
		Sugg *htmlSugg
	}
	// An htmlSugg is a suggested edit, not applied, shown in the text.
	htmlSugg struct {
		ID, Href, Rule, Message, Title, Severity string
		Old, New                                 string // shown
	}
	htmlChange struct {
		ID, Href   string
		N          int
		Start, End int
		New        string // the new text, exact (valid UTF-8)
		Rules      string // the rules' ids, separated by spaces
		Title      string
		Severity   string
		Old        htmlMark // the deleted text, shown
		Ins        htmlMark // the inserted text, shown
		Notes      []htmlNote
	}
	htmlMark struct {
		Text  string // shown
		Class string // "one": a change of one character, boxed; "ws": blank
		Name  string // the name of an invisible or blank character
	}
	htmlNote struct {
		Rule, Message, Severity string
	}
	htmlGroup struct {
		Rule, Severity, What string
		N                    int
		Status               string // "12 changed", "2 suggestions, not applied"
		Open                 bool
		Items                []htmlItem
		sev                  lint.Severity
	}
	htmlItem struct {
		Pos, Href, Message, Severity string
		Status, StatusClass          string // "" for a finding that made a change
		Suggestion                   string // the suggested fix, described
	}
)

// plural returns "1 finding", "2 findings".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// Finding states in the report.
const (
	stChanged   = iota // made a change, or is part of one
	stAbsorbed         // its fix was taken into a larger change
	stSuggested        // a suggestion, not applied
	stReported         // reported only: no fix
)

// groupOpen is the largest group of one rule shown open.
const groupOpen = 3

// newDocView builds the view of document number k.
func newDocView(k int, d HTMLDoc, opts HTMLOptions) htmlDocView {
	r := d.Result
	id := "d" + strconv.Itoa(k)
	v := htmlDocView{ID: id, Name: safeText(d.Name), None: len(r.Findings) == 0}
	v.Summary = plural(len(r.Findings), "finding") + ", " + plural(len(r.Changes), "change")

	text := r.Original
	valid := lint.ValidateEdits(r.Edits(), len(text)) == nil
	changeOf := make([]int, len(r.Findings)) // the change that carries each finding, or -1
	for i := range changeOf {
		changeOf[i] = -1
	}
	if valid {
		for c, ch := range r.Changes {
			for _, f := range ch.Findings {
				if f >= 0 && f < len(changeOf) {
					changeOf[f] = c
				}
			}
		}
	}
	chgID := func(c int) string { return id + "-c" + strconv.Itoa(c+1) }

	sugg := suggestionsOf(r, valid)
	suggOf := make(map[int]int, len(sugg)) // finding → its first shown suggested edit
	for k := len(sugg) - 1; k >= 0; k-- {
		suggOf[sugg[k].finding] = k
	}
	suggID := func(k int) string { return id + "-s" + strconv.Itoa(k+1) }
	last, s := 0, 0
	// upTo adds the text before end, with the suggested edits in it.
	upTo := func(end int) {
		for ; s < len(sugg) && sugg[s].End <= end; s++ {
			if sugg[s].Start > last {
				v.Parts = append(v.Parts, htmlPart{Text: safeText(text[last:sugg[s].Start])})
			}
			v.Parts = append(v.Parts, htmlPart{Sugg: newSugg(suggID(s), r, sugg[s])})
			last = sugg[s].End
		}
		if end > last {
			v.Parts = append(v.Parts, htmlPart{Text: safeText(text[last:end])})
		}
		last = end
	}
	if valid {
		for c, ch := range r.Changes {
			upTo(ch.Start)
			v.Parts = append(v.Parts, htmlPart{Chg: newChange(chgID(c), c, r, ch)})
			last = ch.End
		}
	}
	upTo(len(text))

	// Findings, grouped by rule in the order of their first finding.
	state := make([]int, len(r.Findings))
	at := map[string]int{}
	loc := newLocator(text)
	for i := range r.Findings {
		f := &r.Findings[i]
		switch {
		case changeOf[i] >= 0:
			state[i] = stChanged
		case f.FixedBy >= 0:
			state[i] = stAbsorbed
		case len(f.Suggestion) > 0:
			state[i] = stSuggested
		default:
			state[i] = stReported
		}
		g, ok := at[f.Rule]
		if !ok {
			g = len(v.Groups)
			at[f.Rule] = g
			v.Groups = append(v.Groups, htmlGroup{Rule: f.Rule, What: ruleWhat(opts.Rules, f.Rule)})
		}
		p := loc.position(startCursor, f.Start)
		it := htmlItem{Pos: strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column), Message: safeText(f.Message), Severity: f.Severity.String()}
		if c := changeOf[i]; c >= 0 {
			it.Href = "#" + chgID(c)
		} else if k, ok := suggOf[i]; ok {
			it.Href = "#" + suggID(k)
		}
		switch state[i] {
		case stAbsorbed:
			it.Status, it.StatusClass = "changed as part of a larger change", "absorbed"
		case stSuggested:
			it.Suggestion = "Suggestion, not applied: " + describeEdits(text, editsOf(f.Suggestion))
			it.StatusClass = "suggested"
		case stReported:
			it.Status, it.StatusClass = "reported, not changed", "reported"
		}
		grp := &v.Groups[g]
		grp.Items = append(grp.Items, it)
		grp.N++
		grp.sev = max(grp.sev, f.Severity)
	}
	for g := range v.Groups {
		grp := &v.Groups[g]
		var n [4]int
		for i := range r.Findings {
			if r.Findings[i].Rule == grp.Rule {
				n[state[i]]++
			}
		}
		grp.Severity = grp.sev.String()
		grp.Status = countsText(n)
		grp.Open = grp.N <= groupOpen
		if grp.What == "" {
			grp.What = commonMessage(grp.Items)
		}
	}
	v.Why = whyText(r, state, valid, opts.Rules)
	return v
}

// newChange builds the view of change c of r.
func newChange(id string, c int, r *pipeline.Result, ch pipeline.Change) *htmlChange {
	v := &htmlChange{ID: id, Href: "#" + id, N: c + 1, Start: ch.Start, End: ch.End, New: strings.ToValidUTF8(ch.New, "\uFFFD")}
	var rules, title []string
	sev := lint.Info
	for _, f := range ch.Findings {
		if f < 0 || f >= len(r.Findings) {
			continue
		}
		x := &r.Findings[f]
		if !slices.Contains(rules, x.Rule) {
			rules = append(rules, x.Rule)
		}
		title = append(title, x.Rule+": "+x.Message)
		v.Notes = append(v.Notes, htmlNote{Rule: x.Rule, Message: safeText(x.Message), Severity: x.Severity.String()})
		sev = max(sev, x.Severity)
	}
	v.Rules = strings.Join(rules, " ")
	v.Title = safeText(strings.Join(title, "\n"))
	v.Severity = sev.String()
	v.Old = newMark(r.Original[ch.Start:ch.End], true)
	v.Ins = newMark(ch.New, false)
	return v
}

// newMark builds the view of a deleted (old) or inserted text.
func newMark(s string, old bool) htmlMark {
	if s == "" {
		return htmlMark{}
	}
	m := htmlMark{}
	if old {
		m.Text = shownText(s, true, true)
	} else {
		m.Text = safeText(s)
	}
	blank := strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }) == ""
	switch n := utf8.RuneCountInString(s); {
	case n == 1:
		m.Class = "one"
		if r, _ := utf8.DecodeRuneInString(s); blank || r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			m.Name = charName(r)
		}
	case blank:
		m.Class = "ws"
		if n <= 3 {
			var names []string
			for _, r := range s {
				names = append(names, charName(r))
			}
			m.Name = strings.Join(names, " + ")
		}
	}
	return m
}

// charName is the name of a character for a person: its Unicode name,
// or for a control character its code point.
func charName(r rune) string {
	switch r {
	case '\n':
		return "LINE BREAK"
	case '\t':
		return "TAB"
	case '\r':
		return "CARRIAGE RETURN"
	case utf8.RuneError:
		return "INVALID BYTE"
	}
	name := runenames.Name(r)
	if name == "" || strings.HasPrefix(name, "<") {
		return "U+" + strings.ToUpper(strconv.FormatInt(int64(r), 16))
	}
	return name
}

// safeText returns s with control characters and invalid bytes spelled
// out as Color shows them; line breaks and tabs are kept. The template
// escapes the rest.
func safeText(s string) string { return shownText(s, false, false) }

// shownText returns s made safe to show. If invisible is set, format
// characters and non-ASCII spaces are spelled out; if breaks is set,
// line breaks are shown as ↵ before the break. A "\r" before "\n" is
// dropped.
func shownText(s string, invisible, breaks bool) string {
	var b []byte
	for s != "" {
		line := s
		i := strings.IndexByte(s, '\n')
		if i >= 0 {
			line = strings.TrimSuffix(s[:i], "\r")
			s = s[i+1:]
		} else {
			s = ""
		}
		b = appendSafe(b, line, invisible)
		if i >= 0 {
			if breaks {
				b = append(b, "↵"...)
			}
			b = append(b, '\n')
		}
	}
	return string(b)
}

// ruleWhat is the description of a rule for the head of its group: the
// part of its doc before the first colon.
func ruleWhat(rules []lint.Rule, id string) string {
	for _, r := range rules {
		if r.ID == id {
			doc, _, _ := strings.Cut(r.Doc, ": ")
			return doc
		}
	}
	return ""
}

// commonMessage is what the messages of a group's findings have in
// common: the words they all start with ("curly quote" of "curly quote “
// (U+201C) → \"" and "curly quote ” (U+201D) → \""), or "".
func commonMessage(items []htmlItem) string {
	words := strings.Fields(items[0].Message)
	n := len(words)
	for _, it := range items[1:] {
		w := strings.Fields(it.Message)
		k := 0
		for k < n && k < len(w) && w[k] == words[k] {
			k++
		}
		n = k
	}
	return strings.TrimRight(strings.Join(words[:n], " "), ":,;(")
}

// countsText says what became of a group's findings: "12 changed",
// "1 changed, 2 reported only".
func countsText(n [4]int) string {
	var parts []string
	if n[stChanged] > 0 {
		parts = append(parts, strconv.Itoa(n[stChanged])+" changed")
	}
	if n[stAbsorbed] > 0 {
		parts = append(parts, strconv.Itoa(n[stAbsorbed])+" in a larger change")
	}
	if n[stSuggested] > 0 {
		parts = append(parts, plural(n[stSuggested], "suggestion")+", not applied")
	}
	if n[stReported] > 0 {
		parts = append(parts, strconv.Itoa(n[stReported])+" reported, not changed")
	}
	return strings.Join(parts, ", ")
}

// whyText explains why the number of findings and that of changes
// differ; nil when each finding made exactly one change. rules, if
// given, tell the rules that never fix from the others.
func whyText(r *pipeline.Result, state []int, valid bool, rules []lint.Rule) []string {
	const stReportOnly = 4 // reported by a rule that fixes: report-only, or blocked
	fixes := map[string]bool{}
	for _, ru := range rules {
		fixes[ru.ID] = ru.Fixes
	}
	var n [5]int
	byState := [5]map[string]int{{}, {}, {}, {}, {}}
	var order [5][]string
	for i, s := range state {
		rule := r.Findings[i].Rule
		if s == stReported && len(rules) > 0 && fixes[rule] {
			s = stReportOnly
		}
		n[s]++
		if byState[s][rule] == 0 {
			order[s] = append(order[s], rule)
		}
		byState[s][rule]++
	}
	perFinding := map[int]int{} // how many changes each owner made
	combined := 0
	if valid {
		for _, ch := range r.Changes {
			if len(ch.Findings) > 1 {
				combined++
			}
			if k := len(ch.Findings); k > 0 {
				perFinding[ch.Findings[k-1]]++
			}
		}
	}
	split := 0
	for _, c := range perFinding {
		if c > 1 {
			split++
		}
	}
	if len(r.Findings) == len(r.Changes) && combined == 0 && split == 0 && n[stChanged] == len(r.Findings) {
		return nil
	}
	ruleCounts := func(s int) string {
		var parts []string
		for _, id := range order[s] {
			parts = append(parts, id+" "+strconv.Itoa(byState[s][id]))
		}
		return " (" + strings.Join(parts, ", ") + ")"
	}
	var out []string
	if n[stChanged] > 0 {
		s := plural(n[stChanged], "finding") + " made the " + plural(len(r.Changes), "change")
		if split > 0 {
			s += "; " + strconv.Itoa(split) + " of them made more than one"
		}
		if combined > 0 {
			s += "; " + strconv.Itoa(combined) + " of the changes " + verbS(combined, "carry", "carries") + " more than one finding (a later rule changed text an earlier one had changed)"
		}
		out = append(out, s+".")
	}
	if n[stReported] > 0 {
		what := "reported only, without a change: the rule only reports, is report-only, or its fix would touch text that is kept (code, a suppressed line)"
		if len(rules) > 0 {
			what = "reported only: the rule never changes text"
		}
		out = append(out, plural(n[stReported], "finding")+" "+what+ruleCounts(stReported)+".")
	}
	if n[stReportOnly] > 0 {
		out = append(out, plural(n[stReportOnly], "finding")+" not changed: the rule is report-only, or its fix would touch text that is kept (code, a suppressed line)"+ruleCounts(stReportOnly)+".")
	}
	if n[stSuggested] > 0 {
		out = append(out, plural(n[stSuggested], "suggestion")+" not applied: fixes the rule is not sure of, for a person to make (apply-suggestions applies them)"+ruleCounts(stSuggested)+".")
	}
	if n[stAbsorbed] > 0 {
		out = append(out, plural(n[stAbsorbed], "finding")+" fixed inside a larger change of a later rule"+ruleCounts(stAbsorbed)+".")
	}
	return out
}

// verbS returns the verb for a subject of n: many, or one.
func verbS(n int, many, one string) string {
	if n == 1 {
		return one
	}
	return many
}

// newSugg builds the view of a suggested edit shown in the text.
func newSugg(id string, r *pipeline.Result, e shownSuggestion) *htmlSugg {
	x := &r.Findings[e.finding]
	return &htmlSugg{
		ID: id, Href: "#" + id, Rule: x.Rule, Message: safeText(x.Message), Severity: x.Severity.String(),
		Title: safeText("Suggestion, not applied: " + x.Rule + ": " + x.Message),
		Old:   shownText(r.Original[e.Start:e.End], true, true),
		New:   safeText(e.New),
	}
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
	if !valid {
		return nil
	}
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
