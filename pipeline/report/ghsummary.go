package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// GitHubBySeverity is GitHub with the findings of all files ordered by
// severity, errors first, then warnings, then notices (in file and
// position order within one severity): GitHub shows only the first few
// annotations of each kind of a step, so the ones that matter most come
// first.
func GitHubBySeverity(w io.Writer, files ...File) error {
	for _, sev := range []lint.Severity{lint.Error, lint.Warning, lint.Info} {
		var part []File
		for _, f := range files {
			g := f
			g.Findings = nil
			for _, x := range f.Findings {
				if x.Severity == sev {
					g.Findings = append(g.Findings, x)
				}
			}
			if len(g.Findings) > 0 {
				part = append(part, g)
			}
		}
		if err := GitHub(w, part...); err != nil {
			return err
		}
	}
	return nil
}

// GitHubSummary writes the findings of files as a Markdown job summary
// (for $GITHUB_STEP_SUMMARY): a heading with the counts, then one table
// of every finding, ordered by severity as GitHubBySeverity orders them.
// Cells escape "|", "<" and line breaks; names go through SafeName.
func GitHubSummary(w io.Writer, files ...File) error {
	bw := bufio.NewWriter(w)
	count := map[lint.Severity]int{}
	for _, f := range files {
		for _, x := range f.Findings {
			count[x.Severity]++
		}
	}
	total := count[lint.Error] + count[lint.Warning] + count[lint.Info]
	fmt.Fprintf(bw, "### copydesk: %d findings (%d errors, %d warnings, %d notices) in %d files\n\n",
		total, count[lint.Error], count[lint.Warning], count[lint.Info], len(files))
	if total > 0 {
		bw.WriteString("| Severity | File | Line | Rule | Message |\n|---|---|---|---|---|\n")
		for _, sev := range []lint.Severity{lint.Error, lint.Warning, lint.Info} {
			for _, f := range files {
				name := mdCell(SafeName(f.Path))
				for _, x := range f.Findings {
					if x.Severity != sev {
						continue
					}
					fmt.Fprintf(bw, "| %s | %s | %d:%d | `%s` | %s |\n", sev, name, x.Line, x.Column, mdCell(x.Rule), mdCell(x.Message))
				}
			}
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

// mdCell escapes s for a Markdown table cell.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "<", "&lt;", "\r\n", " ", "\n", " ", "\r", " ", "`", "'").Replace(s)
}
