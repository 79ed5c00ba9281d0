package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/markdown"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// The -sample mode: a precision review. It runs the default pipeline over
// the .txt and Markdown files under the directories (Markdown checked as
// copydesk check does: only its prose), keeps the findings whose fix
// clean would apply, and prints for each rule a random sample of them,
// each with its key, its position, the edits it makes and the lines
// around it before and after. A person reads them and records a verdict
// per key in a judgments file; with -judged the verdicts are printed
// next to the samples and summed up per rule as precision (true fixes /
// judged). The same corpus, code, -sample, -seed and -per-file give the
// same sample; keys stay valid while a fix stays the same, so a rerun
// after a rule changed asks only about the fixes not judged before.

// A judgment is one line of a judgments file.
type judgment struct {
	Verdict string // "T" (true fix) or "F" (false fix)
	Pattern string // for a false fix: the kind of damage
}

// readJudged reads a judgments file: tab-separated lines
// KEY, VERDICT (T or F), then optional fields (rule, pattern, note, place).
// Blank lines and lines starting with # are skipped.
func readJudged(name string) (map[string]judgment, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]judgment{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) < 2 || (fs[1] != "T" && fs[1] != "F") {
			return nil, fmt.Errorf("%s:%d: want KEY<TAB>T|F[<TAB>RULE<TAB>PATTERN…]", name, n)
		}
		j := judgment{Verdict: fs[1]}
		if len(fs) > 3 {
			j.Pattern = fs[3]
		}
		out[fs[0]] = j
	}
	return out, sc.Err()
}

// A fixed finding is a finding whose fix clean applies, in a document.
type fixed struct {
	doc int // index in sampler.docs
	f   lint.Finding
	key string
}

type sampler struct {
	docs  []string // paths
	texts []string
	byID  map[string][]fixed
	files map[string]map[int]bool // rule → documents with a fix
}

// fixKey names a fix by its document, rule and edits (with the bytes
// they replace), so that a verdict carries over to a rerun that makes
// the same fix.
func fixKey(path, text string, f lint.Finding) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s", filepath.ToSlash(path), f.Rule)
	for _, e := range f.Fix {
		fmt.Fprintf(h, "\x00%d:%d:%q:%q", e.Start, e.End, text[e.Start:e.End], e.New)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// collect runs the default pipeline over the .txt and Markdown files
// under dirs and keeps the applied fixes of the selected rules.
func collect(dirs []string, sel rules, suggestions bool) (*sampler, error) {
	s := &sampler{byID: map[string][]fixed{}, files: map[string]map[int]bool{}}
	p := registry.Default(registry.Options{})
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			md := markdown.IsMarkdownPath(path)
			if d.IsDir() || !md && !strings.EqualFold(filepath.Ext(path), ".txt") {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return fmt.Errorf("reading %s: %w", path, err)
			}
			text := string(b)
			var r *pipeline.Result
			if md {
				r = markdown.Run(p, text)
			} else {
				r = p.Run(text)
			}
			doc := len(s.docs)
			s.docs = append(s.docs, path)
			s.texts = append(s.texts, text)
			for _, f := range r.Findings {
				lf := f.Finding
				if suggestions {
					// The suggestion, shown as the fix a person would accept.
					if !f.Suggest || len(f.Suggestion) == 0 || !sel.match(f.Rule) {
						continue
					}
					lf.Fix = f.Suggestion
				} else if len(f.Fix) == 0 || f.Suggest || !sel.match(f.Rule) {
					continue
				}
				s.byID[f.Rule] = append(s.byID[f.Rule], fixed{doc: doc, f: lf, key: fixKey(path, text, lf)})
				if s.files[f.Rule] == nil {
					s.files[f.Rule] = map[int]bool{}
				}
				s.files[f.Rule][doc] = true
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

// pick returns up to n of all, at random (seeded), taking at most perFile
// from one document while others are left, in the order drawn.
func pick(all []fixed, n, perFile int, seed uint64) []fixed {
	order := slices.Clone(all)
	rand.New(rand.NewPCG(seed, 0x636f70796465736b)).Shuffle(len(order), func(i, j int) {
		order[i], order[j] = order[j], order[i]
	})
	var out, rest []fixed
	taken := map[int]int{}
	for _, x := range order {
		if len(out) == n {
			break
		}
		if perFile > 0 && taken[x.doc] >= perFile {
			rest = append(rest, x)
			continue
		}
		taken[x.doc]++
		out = append(out, x)
	}
	for _, x := range rest {
		if len(out) == n {
			break
		}
		out = append(out, x)
	}
	return out
}

// A tally is one rule's line of the precision table.
type tally struct {
	Rule                         string
	Fixes, Files                 int
	Sampled, Judged, True, False int
}

// Precision returns true/judged in percent, or -1 when nothing is judged.
func (t tally) Precision() float64 {
	if t.Judged == 0 {
		return -1
	}
	return 100 * float64(t.True) / float64(t.Judged)
}

// wilsonLow returns the lower end of the Wilson score interval at 95%
// for k successes in n trials: how low the precision may be given that
// only a sample was judged (40 true of 40 still allows 91%).
func wilsonLow(k, n int) float64 {
	if n == 0 {
		return 0
	}
	const z = 1.959964
	p, nf := float64(k)/float64(n), float64(n)
	c := p + z*z/(2*nf)
	r := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf))
	return (c - r) / (1 + z*z/nf)
}

// sampleRun is the -sample mode.
func sampleRun(w io.Writer, dirs []string, sel rules, n, perFile int, seed uint64, judged map[string]judgment, tableOnly, suggestions bool) error {
	s, err := collect(dirs, sel, suggestions)
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(s.byID))
	for id := range s.byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var table []tally
	for _, id := range ids {
		all := s.byID[id]
		got := pick(all, n, perFile, seed)
		t := tally{Rule: id, Fixes: len(all), Files: len(s.files[id]), Sampled: len(got)}
		if !tableOnly {
			capNote := ""
			if perFile > 0 {
				capNote = fmt.Sprintf(", at most %d a file first", perFile)
			}
			what := "fixes"
			if suggestions {
				what = "suggestions"
			}
			fmt.Fprintf(w, "== %s: %d %s in %d files; sample of %d (seed %d%s)\n\n",
				id, len(all), what, len(s.files[id]), len(got), seed, capNote)
		}
		for i, x := range got {
			j, ok := judged[x.key]
			if ok {
				t.Judged++
				if j.Verdict == "T" {
					t.True++
				} else {
					t.False++
				}
			}
			if !tableOnly {
				printSample(w, i+1, s.docs[x.doc], s.texts[x.doc], x, j, ok)
			}
		}
		table = append(table, t)
	}
	fmt.Fprintf(w, "%d documents\n\n", len(s.docs))
	fmt.Fprintln(w, "| rule | fixes | files | sampled | judged | true | false | precision | 95% lower bound |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, t := range table {
		prec, low := "–", "–"
		if p := t.Precision(); p >= 0 {
			prec = strconv.FormatFloat(p, 'f', 0, 64) + "%"
			low = strconv.FormatFloat(100*wilsonLow(t.True, t.Judged), 'f', 0, 64) + "%"
		}
		fmt.Fprintf(w, "| `%s` | %d | %d | %d | %d | %d | %d | %s | %s |\n",
			t.Rule, t.Fixes, t.Files, t.Sampled, t.Judged, t.True, t.False, prec, low)
	}
	return nil
}

// printSample prints one sampled fix: key, place, verdict, edits, and the
// lines it touches (with one line of context) before and after.
func printSample(w io.Writer, n int, path, text string, x fixed, j judgment, ok bool) {
	idx := lint.NewLineIndex(text)
	pos := idx.Position(x.f.Start)
	verdict := "unjudged"
	if ok {
		verdict = j.Verdict
		if j.Pattern != "" {
			verdict += ": " + j.Pattern
		}
	}
	fmt.Fprintf(w, "[%d] key %s  %s:%d:%d  (%s)\n    %s\n", n, x.key, path, pos.Line, pos.Column, verdict, x.f.Message)
	for _, e := range x.f.Fix {
		fmt.Fprintf(w, "    edit %d:%d %q → %q\n", e.Start, e.End, clip(text[e.Start:e.End], 80), clip(e.New, 80))
	}
	// The lines the finding and its edits touch, with one line around.
	lo, hi := x.f.Start, x.f.End
	for _, e := range x.f.Fix {
		lo, hi = min(lo, e.Start), max(hi, e.End)
	}
	ls := lineStart(text, lo)
	if ls > 0 {
		ls = lineStart(text, ls-1)
	}
	le := lineEnd(text, hi)
	if le < len(text) {
		le = lineEnd(text, le+1)
	}
	before := text[ls:le]
	var sb strings.Builder
	at := ls
	for _, e := range x.f.Fix {
		sb.WriteString(text[at:e.Start])
		sb.WriteString(e.New)
		at = e.End
	}
	sb.WriteString(text[at:le])
	after := sb.String()
	printDiff(w, before, after)
	fmt.Fprintln(w)
}

// printDiff prints the lines of before and after: the lines they share at
// the start and the end once ("    | "), the others as "    - " and "    + ".
func printDiff(w io.Writer, before, after string) {
	const maxLines = 12
	b, a := splitLines(before), splitLines(after)
	p := 0
	for p < len(b) && p < len(a) && b[p] == a[p] {
		p++
	}
	q := 0
	for q < len(b)-p && q < len(a)-p && b[len(b)-1-q] == a[len(a)-1-q] {
		q++
	}
	writeLines(w, "    | ", b[:p], maxLines)
	writeLines(w, "    - ", b[p:len(b)-q], maxLines)
	writeLines(w, "    + ", a[p:len(a)-q], maxLines)
	writeLines(w, "    | ", b[len(b)-q:], maxLines)
}

// splitLines splits s into lines without their line breaks.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\n")
	}
	return lines
}

// lineStart returns the offset of the start of the line holding i.
func lineStart(text string, i int) int {
	return strings.LastIndexByte(text[:min(i, len(text))], '\n') + 1
}

// lineEnd returns the offset just past the line break of the line holding
// i (or len(text)); an i just past a line break is that line's end.
func lineEnd(text string, i int) int {
	if i > 0 && i <= len(text) && text[i-1] == '\n' {
		return i
	}
	k := strings.IndexByte(text[i:], '\n')
	if k < 0 {
		return len(text)
	}
	return i + k + 1
}

// writeLines writes lines with prefix, invisible characters spelled
// out, long lines and long passages shortened.
func writeLines(w io.Writer, prefix string, lines []string, maxLines int) {
	for i, l := range lines {
		if i == maxLines/2 && len(lines) > maxLines {
			fmt.Fprintf(w, "%s… %d lines …\n", prefix, len(lines)-maxLines)
		}
		if i >= maxLines/2 && i < len(lines)-maxLines/2 && len(lines) > maxLines {
			continue
		}
		fmt.Fprintf(w, "%s%s\n", prefix, visible(l, 200))
	}
}

// visible spells out tabs, odd spaces and other invisible characters, and
// marks trailing spaces, so that whitespace fixes can be read.
func visible(s string, max int) string {
	var b strings.Builder
	n := 0
	trail := len(strings.TrimRight(s, " "))
	for i, r := range s {
		if n >= max {
			b.WriteString("…")
			break
		}
		n++
		switch {
		case r == '\t':
			b.WriteString("⇥")
		case r == ' ' && i >= trail:
			b.WriteString("·")
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, "⟨%02X⟩", s[i])
		case r == '\r':
			b.WriteString("⟨CR⟩")
		case r < 0x20 || r == 0x7F || r >= 0x80 && r < 0xA0 || r == 0xA0 || r == 0xAD ||
			r >= 0x2000 && r <= 0x200F || r >= 0x2028 && r <= 0x202F || r == 0x205F || r == 0x2060 || r == 0x3000 || r == 0xFEFF:
			fmt.Fprintf(&b, "⟨U+%04X⟩", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// clip shortens s to about n bytes for printing.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	c := n
	for c > 0 && !utf8.RuneStart(s[c]) {
		c--
	}
	return s[:c] + "…"
}
