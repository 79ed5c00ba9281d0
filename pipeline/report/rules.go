package report

import (
	"encoding/json"
	"io"
	"text/tabwriter"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// RulesText writes rules one a line in aligned columns: id, default
// severity, "fixes" or "reports", and the rule's one-line description.
func RulesText(w io.Writer, rules []lint.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	for _, r := range rules {
		if _, err := io.WriteString(tw, oneLine(r.ID)+"\t"+r.Severity.String()+"\t"+action(r)+"\t"+oneLine(r.Doc)+"\n"); err != nil {
			return err
		}
	}
	return tw.Flush()
}

func action(r lint.Rule) string {
	if r.Fixes {
		return "fixes"
	}
	return "reports"
}

// A RuleInfo is one rule in the JSON rule list.
type RuleInfo struct {
	ID       string        `json:"id"`
	Severity lint.Severity `json:"severity"`
	Fixes    bool          `json:"fixes"`
	Doc      string        `json:"doc"`
}

// A RuleList is the JSON rule list RulesJSON writes:
//
//	{"version": 1, "rules": [{"id": "punct.double-period", "severity": "warning", "fixes": true, "doc": "…"}]}
type RuleList struct {
	Version int        `json:"version"`
	Rules   []RuleInfo `json:"rules"`
}

// RulesJSON writes rules as a RuleList document.
func RulesJSON(w io.Writer, rules []lint.Rule) error {
	list := RuleList{Version: Version, Rules: make([]RuleInfo, len(rules))}
	for i, r := range rules {
		list.Rules[i] = RuleInfo{ID: r.ID, Severity: r.Severity, Fixes: r.Fixes, Doc: r.Doc}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(list)
}
