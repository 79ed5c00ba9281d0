package report_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/lint/linttest"
)

// testPipeline is a pipeline of fake stages: curly quotes, "..", TODO
// notes and adjacent repeated paragraphs.
func testPipeline() *pipeline.Pipeline {
	return pipeline.New(
		linttest.Replace{Rule: "test.quote-open", Old: "“", New: `"`, Severity: lint.Warning},
		linttest.Replace{Rule: "test.quote-close", Old: "”", New: `"`, Severity: lint.Warning},
		linttest.Replace{Rule: "test.double-period", Old: "..", New: ".", Severity: lint.Error},
		linttest.Report{StageName: "notice", Rule: "test.todo", Word: "TODO", Doc: "reports TODO", Message: "TODO left in the text"},
		linttest.Repeat{},
	)
}

// applyUnified applies a unified diff to old the strict way: every
// context and deleted line must match, hunks must come in order, counts
// must agree, and "\ No newline at end of file" must follow a last line.
func applyUnified(old, diff string) (string, error) {
	if diff == "" {
		return old, nil
	}
	lines := strings.SplitAfter(diff, "\n")
	if lines[len(lines)-1] != "" {
		return "", fmt.Errorf("diff does not end with a newline")
	}
	lines = lines[:len(lines)-1]
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		return "", fmt.Errorf("missing ---/+++ header")
	}
	oldLines := strings.SplitAfter(old, "\n")
	if oldLines[len(oldLines)-1] == "" {
		oldLines = oldLines[:len(oldLines)-1]
	}
	var out strings.Builder
	next, written := 0, 0 // old lines used, new lines written
	for i := 2; i < len(lines); {
		var a, b, c, d int
		h := strings.TrimSuffix(lines[i], "\n")
		if err := parseHunkHeader(h, &a, &b, &c, &d); err != nil {
			return "", fmt.Errorf("line %d: %v", i+1, err)
		}
		i++
		start := a - 1
		if b == 0 {
			start = a
		}
		newStart := c - 1
		if d == 0 {
			newStart = c
		}
		if start < next || start > len(oldLines) {
			return "", fmt.Errorf("hunk %q out of order or range", h)
		}
		for ; next < start; next++ {
			out.WriteString(oldLines[next])
			written++
		}
		if newStart != written {
			return "", fmt.Errorf("hunk %q: new start %d, want %d", h, newStart, written)
		}
		var olds, news int
		for i < len(lines) && (olds < b || news < d) {
			l := lines[i]
			i++
			content := l[1:]
			if i < len(lines) && lines[i] == "\\ No newline at end of file\n" {
				content = strings.TrimSuffix(content, "\n")
				i++
			}
			switch l[0] {
			case ' ', '-':
				if next >= len(oldLines) || oldLines[next] != content {
					return "", fmt.Errorf("hunk %q: line %q does not match old line %d", h, l, next+1)
				}
				next++
				olds++
				if l[0] == ' ' {
					out.WriteString(content)
					news++
				}
			case '+':
				out.WriteString(content)
				news++
			default:
				return "", fmt.Errorf("hunk %q: bad line %q", h, l)
			}
		}
		if olds != b || news != d {
			return "", fmt.Errorf("hunk %q: counted -%d +%d", h, olds, news)
		}
		written += news
	}
	for ; next < len(oldLines); next++ {
		out.WriteString(oldLines[next])
	}
	return out.String(), nil
}

func parseHunkHeader(h string, a, b, c, d *int) error {
	rest, ok := strings.CutPrefix(h, "@@ -")
	if !ok {
		return fmt.Errorf("not a hunk header: %q", h)
	}
	rest, ok = strings.CutSuffix(rest, " @@")
	if !ok {
		return fmt.Errorf("not a hunk header: %q", h)
	}
	o, n, ok := strings.Cut(rest, " +")
	if !ok {
		return fmt.Errorf("not a hunk header: %q", h)
	}
	parse := func(s string, x, y *int) error {
		l, cnt, has := strings.Cut(s, ",")
		var err error
		if *x, err = strconv.Atoi(l); err != nil {
			return err
		}
		*y = 1
		if has {
			if *y, err = strconv.Atoi(cnt); err != nil {
				return err
			}
			if *y == 1 {
				return fmt.Errorf("count 1 written out in %q", h)
			}
		}
		return nil
	}
	if err := parse(o, a, b); err != nil {
		return err
	}
	return parse(n, c, d)
}

// A patchCase is a file and a unified diff of it, whose names are
// "a/NAME" and "b/NAME".
type patchCase struct {
	name, old, diff string
}

// applyWithTools applies the diffs of cases, concatenated, to a
// directory of their files with git apply and with patch -p1, when they
// are installed, and returns what each tool made of each file. A diff
// without context needs git apply --unidiff-zero.
func applyWithTools(t *testing.T, cases []patchCase, noContext bool) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	tools := map[string][]string{
		"git":   {"git", "apply", "-p1", "-"},
		"patch": {"patch", "-p1", "--quiet", "--batch", "--no-backup-if-mismatch"},
	}
	if noContext {
		tools["git"] = []string{"git", "apply", "--unidiff-zero", "-p1", "-"}
	}
	var diff strings.Builder
	for _, c := range cases {
		diff.WriteString(c.diff)
	}
	if diff.Len() == 0 {
		return out
	}
	for tool, args := range tools {
		if _, err := exec.LookPath(args[0]); err != nil {
			t.Logf("%s not installed: not applying the diffs with it", tool)
			continue
		}
		dir := t.TempDir()
		for _, c := range cases {
			path := filepath.Join(dir, filepath.FromSlash(c.name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(c.old), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(diff.String())
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s rejects the diffs: %v\n%s\ndiffs:\n%s", tool, err, msg, diff.String())
			continue
		}
		out[tool] = map[string]string{}
		for _, c := range cases {
			got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(c.name)))
			if err != nil {
				t.Fatal(err)
			}
			out[tool][c.name] = string(got)
		}
	}
	return out
}
