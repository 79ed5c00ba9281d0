package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/registry"
)

func TestRules(t *testing.T) {
	o := session{}.run(t, "rules")
	// The pipeline's rules, then those of suppression comments and of
	// the corpus, which every pipeline has.
	want := `quotes.open              warning  fixes    replaces "“"
quotes.close             warning  fixes    replaces "”"
punct.double-period      error    fixes    replaces ".."
test.zap                 warning  fixes    replaces "ZAP\n"
test.todo                info     reports  reports TODO notes
test.repeat              warning  fixes    removes a repeated paragraph
suppress.unused          info     reports  `
	if o.code != 0 || !strings.HasPrefix(o.stdout, want) || o.stderr != "" ||
		!strings.Contains(o.stdout, "\nsuppress.unknown-rule ") || !strings.Contains(o.stdout, "\ndedupe.corpus-paragraph ") {
		t.Errorf("rules: exit %d, stderr %q, stdout:\n%s\nwant:\n%s", o.code, o.stderr, o.stdout, want)
	}
	o = session{}.run(t, "rules", "--format", "json")
	var list struct {
		Version int `json:"version"`
		Rules   []struct {
			ID       string `json:"id"`
			Severity string `json:"severity"`
			Fixes    bool   `json:"fixes"`
			Doc      string `json:"doc"`
		} `json:"rules"`
	}
	if err := json.Unmarshal([]byte(o.stdout), &list); err != nil {
		t.Fatalf("rules --format json: %v\n%s", err, o.stdout)
	}
	if o.code != 0 || list.Version != 1 || len(list.Rules) != 12 {
		t.Fatalf("rules --format json: exit %d, %+v", o.code, list)
	}
	r := list.Rules[4]
	if r.ID != "test.todo" || r.Severity != "info" || r.Fixes || r.Doc != "reports TODO notes" {
		t.Errorf("rule 4 = %+v", r)
	}
}

func TestSplit(t *testing.T) {
	cd(t, map[string]string{"a.txt": "First one. Second one!\n\nNew paragraph here."})
	type unit struct {
		Text       string
		Start, End int
	}
	parse := func(out string) []unit {
		var us []unit
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			var u unit
			if err := json.Unmarshal([]byte(line), &u); err != nil {
				t.Fatalf("line %q: %v", line, err)
			}
			us = append(us, u)
		}
		return us
	}
	text := "First one. Second one!\n\nNew paragraph here."
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"split", "a.txt"}, []string{"First one.", "Second one!", "New paragraph here."}},
		{[]string{"split", "--unit", "sentence", "a.txt"}, []string{"First one.", "Second one!", "New paragraph here."}},
		{[]string{"split", "--unit", "paragraph", "a.txt"}, []string{"First one. Second one!", "New paragraph here."}},
	} {
		o := session{}.run(t, tt.args...)
		if o.code != 0 || o.stderr != "" {
			t.Fatalf("%v: exit %d, %s", tt.args, o.code, o.stderr)
		}
		us := parse(o.stdout)
		if len(us) != len(tt.want) {
			t.Fatalf("%v: %+v", tt.args, us)
		}
		for i, u := range us {
			if u.Text != tt.want[i] || text[u.Start:u.End] != u.Text {
				t.Errorf("%v: unit %d = %+v, want %q", tt.args, i, u, tt.want[i])
			}
		}
	}
	o := session{stdin: "One. Two."}.run(t, "split")
	if o.stdout != "{\"text\":\"One.\",\"start\":0,\"end\":4}\n{\"text\":\"Two.\",\"start\":5,\"end\":9}\n" {
		t.Errorf("split stdin: %q", o.stdout)
	}
	o = session{}.run(t, "split", "missing.txt")
	if o.code != 2 || o.stderr != "copydesk: reading missing.txt: open missing.txt: no such file or directory\n" {
		t.Errorf("split missing: exit %d, %q", o.code, o.stderr)
	}
}

// The README's rules table is the output of copydesk rules.
func TestREADMERulesTable(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Skipf("no README: %v", err)
	}
	readme := string(b)
	const head = "| rule | severity | does | what |\n|---|---|---|---|\n"
	i := strings.Index(readme, head)
	if i < 0 {
		t.Fatal("README has no rules table")
	}
	table := readme[i+len(head):]
	table = table[:strings.Index(table, "\n\n")+1]
	var want strings.Builder
	for _, r := range registry.Rules() {
		does := "reports"
		if r.Fixes {
			does = "fixes"
		}
		fmt.Fprintf(&want, "| `%s` | %s | %s | %s |\n", r.ID, r.Severity, does, strings.ReplaceAll(r.Doc, "|", `\|`))
	}
	if table != want.String() {
		t.Errorf("README rules table differs from copydesk rules; want:\n%s", want.String())
	}
}
