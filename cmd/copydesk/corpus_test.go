package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const cliByline = "By Nick Assinder, BBC News Online political correspondent in London today"

func corpusRecords(day string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id":"%s-%d","text":"Story %s %d\n\n%s\n\nThe body of story %s %d, which has more than ten words in it."}`+"\n", day, i, day, i, cliByline, day, i)
	}
	return b.String()
}

func TestCleanJSONLCorpus(t *testing.T) {
	in := corpusRecords("mon", 3)
	out, errs, st := runJSONL(t, in, "clean", "--jsonl", "--dedupe", "corpus", "--doc-id", "id", "--boilerplate", "1", "-")
	if st != 0 {
		t.Fatalf("status %d: %s", st, errs)
	}
	if n := strings.Count(out, "Nick Assinder"); n != 1 {
		t.Errorf("byline kept %d times, want once:\n%s", n, out)
	}
	for _, want := range []string{
		"corpus: 0 duplicate records (0 exact, 0 near), 0 dropped; 2 repeated paragraphs, 2 removed",
		`boilerplate 1: 3× "` + cliByline + `" (first: paragraph 2 of mon-0)`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("summary lacks %q:\n%s", want, errs)
		}
	}
}

func TestCleanJSONLIndex(t *testing.T) {
	dir := t.TempDir()
	index := filepath.Join(dir, "seen.idx")
	_, errs, st := runJSONL(t, corpusRecords("mon", 2), "clean", "--jsonl", "--index", index, "--doc-id", "id", "-")
	if st != 0 || !strings.Contains(errs, "1 repeated paragraphs") {
		t.Fatalf("monday: status %d:\n%s", st, errs)
	}
	// Tuesday's run knows Monday's byline, and Monday's records run
	// again are no copies of themselves.
	_, errs, st = runJSONL(t, corpusRecords("tue", 1)+corpusRecords("mon", 1), "clean", "--jsonl", "--index", index, "--doc-id", "id", "-")
	if st != 0 || !strings.Contains(errs, "0 duplicate records (0 exact, 0 near), 0 dropped; 1 repeated paragraphs") {
		t.Fatalf("tuesday: status %d:\n%s", st, errs)
	}
	// An index that is not one is refused, with exit status 2.
	bad := filepath.Join(dir, "notes.txt")
	os.WriteFile(bad, []byte("notes\n"), 0o644)
	_, errs, st = runJSONL(t, "{}\n", "clean", "--jsonl", "--index", bad, "-")
	if st != 2 || !strings.Contains(errs, "not a copydesk seen-index") {
		t.Errorf("bad index: status %d: %s", st, errs)
	}
	if _, _, st = runJSONL(t, "{}\n", "clean", "--jsonl", "--near-docs", "2", "--corpus", "-"); st != 2 {
		t.Errorf("--near-docs 2: status %d", st)
	}
	if _, _, st = runJSONL(t, "{}\n", "clean", "--jsonl", "--min-words", "3", "-"); st != 2 {
		t.Errorf("--min-words without --corpus: status %d", st)
	}
}
