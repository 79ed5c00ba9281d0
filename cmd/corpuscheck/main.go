// Command corpuscheck runs copydesk's default pipeline over every .txt
// file under a directory and prints what it finds, so that a person can
// review the rules against a real corpus:
//
//	go run ./cmd/corpuscheck ../shared/data/corpora/bbc
//	go run ./cmd/corpuscheck -rule 'dedupe.*' -rule punct.double-period DIR
//	go run ./cmd/corpuscheck -json DIR > findings.json
//
// It prints the number of findings of each rule, then every finding of
// warning severity or above (with -info, every finding) as
// "FILE:LINE:COL: SEVERITY: MESSAGE [RULE]", with the related position
// when there is one. -rule keeps only the named rules (repeatable; a final
// "*" matches any rest: "dedupe.*", "dedupe.near-*"). -json prints one JSON document instead. It is a
// research tool: it is not installed with copydesk, and the tests run it
// on a temporary directory only.
//
// -sample N is a precision review: it reads the .txt and Markdown files
// (Markdown checked as copydesk check does), keeps the fixes that clean
// applies, and prints for each rule a seeded random sample of up to N of
// them with the lines before and after, then a per-rule table; -judged
// adds a person's verdicts (KEY<TAB>T|F lines) and the precision:
//
//	go run ./cmd/corpuscheck -sample 40 -seed 14 DIR...
//	go run ./cmd/corpuscheck -sample 40 -seed 14 -judged judged.tsv -table DIR...
//
// The exit status is 0 on success and 2 on a usage or I/O error.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// rules is a repeatable -rule flag.
type rules []string

func (r *rules) String() string { return strings.Join(*r, ",") }

func (r *rules) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*r = append(*r, p)
		}
	}
	return nil
}

// match reports whether rule id is selected by r (all when r is empty).
func (r rules) match(id string) bool {
	if len(r) == 0 {
		return true
	}
	for _, p := range r {
		if lint.MatchRule(p, id) {
			return true
		}
	}
	return false
}

// A finding is one finding as corpuscheck reports it.
type finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Text     string `json:"text"`
	Related  string `json:"related,omitempty"` // LINE:COL of the first related span
}

// A summary is the -json document.
type summary struct {
	Files    int            `json:"files"`
	Bytes    int64          `json:"bytes"`
	Counts   map[string]int `json:"counts"`
	Findings []finding      `json:"findings"`
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("corpuscheck", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var sel rules
	fl.Var(&sel, "rule", "only `RULE` (repeatable, comma lists; a final * matches a prefix: dedupe.*, dedupe.near-*)")
	asJSON := fl.Bool("json", false, "print one JSON document")
	info := fl.Bool("info", false, "list info findings too")
	sample := fl.Int("sample", 0, "precision review: print a random sample of up to `N` applied fixes per rule, .txt and Markdown files")
	seed := fl.Uint64("seed", 1, "with -sample: the random `SEED`")
	perFile := fl.Int("per-file", 0, "with -sample: take at most `K` fixes from one file while other files have some (default 0: no limit, a uniform sample of the fixes)")
	judgedFile := fl.String("judged", "", "with -sample: verdicts, a `FILE` of KEY<TAB>T|F[<TAB>RULE<TAB>PATTERN<TAB>NOTE] lines; adds precision to the table")
	tableOnly := fl.Bool("table", false, "with -sample: print only the per-rule table")
	suggestions := fl.Bool("suggestions", false, "with -sample: sample the suggestions (findings clean applies only with --apply-suggestions) instead of the fixes; the fixes column then counts suggestions")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: corpuscheck [-rule RULE]... [-json] [-info] DIR...")
		fmt.Fprintln(stderr, "       corpuscheck -sample N [-seed S] [-per-file K] [-judged FILE] [-table] [-suggestions] [-rule RULE]... DIR...")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return 2
	}
	if *sample > 0 {
		var judged map[string]judgment
		if *judgedFile != "" {
			j, err := readJudged(*judgedFile)
			if err != nil {
				fmt.Fprintf(stderr, "corpuscheck: %v\n", err)
				return 2
			}
			judged = j
		}
		if err := sampleRun(stdout, fl.Args(), sel, *sample, *perFile, *seed, judged, *tableOnly, *suggestions); err != nil {
			fmt.Fprintf(stderr, "corpuscheck: %v\n", err)
			return 2
		}
		return 0
	}
	s, err := check(fl.Args(), sel, *info)
	if err != nil {
		fmt.Fprintf(stderr, "corpuscheck: %v\n", err)
		return 2
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(s); err != nil {
			fmt.Fprintf(stderr, "corpuscheck: writing JSON: %v\n", err)
			return 2
		}
		return 0
	}
	fmt.Fprintf(stdout, "%d files, %d bytes\n", s.Files, s.Bytes)
	ids := make([]string, 0, len(s.Counts))
	for id := range s.Counts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		fmt.Fprintf(stdout, "%7d %s\n", s.Counts[id], id)
	}
	for _, f := range s.Findings {
		fmt.Fprintf(stdout, "%s:%d:%d: %s: %s [%s]\n", f.File, f.Line, f.Column, f.Severity, f.Message, f.Rule)
		if f.Related != "" {
			fmt.Fprintf(stdout, "\trelated: %s:%s\n", f.File, f.Related)
		}
		fmt.Fprintf(stdout, "\t%s\n", f.Text)
	}
	return 0
}

// check runs the default pipeline over the .txt files under dirs.
func check(dirs []string, sel rules, info bool) (*summary, error) {
	s := &summary{Counts: map[string]int{}, Findings: []finding{}}
	p := registry.Default(registry.Options{})
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.EqualFold(filepath.Ext(path), ".txt") {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return fmt.Errorf("reading %s: %w", path, err)
			}
			s.Files++
			s.Bytes += int64(len(b))
			text := string(b)
			r := p.Run(text)
			idx := lint.NewLineIndex(text)
			for _, f := range r.Findings {
				if !sel.match(f.Rule) {
					continue
				}
				s.Counts[f.Rule]++
				if f.Severity < lint.Warning && !info {
					continue
				}
				pos := idx.Position(f.Start)
				out := finding{File: path, Line: pos.Line, Column: pos.Column, Rule: f.Rule,
					Severity: f.Severity.String(), Message: f.Message, Text: excerpt(text, f.Span)}
				if len(f.Related) > 0 {
					rp := idx.Position(f.Related[0].Start)
					out.Related = fmt.Sprintf("%d:%d", rp.Line, rp.Column)
				}
				s.Findings = append(s.Findings, out)
			}
			return nil
		})
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("walking %s: %w", dir, err)
			}
			return nil, err
		}
	}
	return s, nil
}

// excerpt returns the span's text on one line, with a little context
// for a short span, shortened to about 120 bytes.
func excerpt(text string, sp lint.Span) string {
	s, e := sp.Start, sp.End
	if e-s < 20 {
		s, e = max(0, s-30), min(len(text), e+30)
	}
	for s > 0 && s < len(text) && text[s]&0xC0 == 0x80 {
		s--
	}
	for e < len(text) && text[e]&0xC0 == 0x80 {
		e++
	}
	q := strings.Join(strings.Fields(text[s:e]), " ")
	if len(q) > 120 {
		cut := 120
		for cut > 0 && q[cut]&0xC0 == 0x80 {
			cut--
		}
		q = q[:cut] + "…"
	}
	return q
}
