package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/jsonl"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// batchTree is a small documentation tree: text files to clean, a file
// of another kind, an ignored directory, a hidden file and a binary file.
func batchTree(t *testing.T) string {
	t.Helper()
	return cd(t, map[string]string{
		"docs/a.md":         dirty,
		"docs/bin.md":       "text\x00more",
		"docs/c.go":         "x..\n",
		"docs/clean.txt":    clean,
		"docs/drafts/d.md":  "d..\n",
		"docs/.hidden.md":   "h..\n",
		"docs/sub/b.txt":    "b..\n",
		"docs/.gitignore":   "drafts/\n",
		"docs/z.markdown":   "z..\n",
		"other/x.txt":       "x..\n",
		"other/readme.rst":  "r..\n",
		"other/deep/y.md":   "y..\n",
		"other/deep/y.json": "{}",
	})
}

// untouched checks that the files the walk must skip are as they were.
func untouched(t *testing.T) {
	t.Helper()
	for path, want := range map[string]string{"docs/c.go": "x..\n", "docs/drafts/d.md": "d..\n", "docs/.hidden.md": "h..\n", "docs/bin.md": "text\x00more"} {
		if got := readFile(t, path); got != want {
			t.Errorf("%s = %q, want it untouched", path, got)
		}
	}
}

const binErr = "copydesk: docs/bin.md: binary file (NUL byte at offset 4), left alone\n"

func TestBatchWrite(t *testing.T) {
	dir := batchTree(t)
	o := session{}.run(t, "clean", "-w", "docs")
	if o.code != 2 || o.stderr != binErr || o.stdout != "" {
		t.Errorf("clean -w docs: exit %d, stdout %q, stderr %q", o.code, o.stdout, o.stderr)
	}
	for path, want := range map[string]string{"docs/a.md": dirtyClean, "docs/clean.txt": clean, "docs/sub/b.txt": "b.\n", "docs/z.markdown": "z.\n"} {
		if got := readFile(t, path); got != want {
			t.Errorf("%s = %q, want %q", path, got, want)
		}
	}
	untouched(t)
	checkNoTemp(t, dir)
	// Nothing left to change.
	if o := (session{}).run(t, "clean", "-l", "docs"); o.code != 2 || o.stdout != "" {
		t.Errorf("clean -l after -w: exit %d, stdout %q", o.code, o.stdout)
	}
}

func TestBatchList(t *testing.T) {
	batchTree(t)
	o := session{}.run(t, "clean", "-l", "other/deep/y.md", "docs", "other/*.txt")
	want := "other/deep/y.md\ndocs/a.md\ndocs/sub/b.txt\ndocs/z.markdown\nother/x.txt\n"
	if o.code != 2 || o.stdout != want || o.stderr != binErr {
		t.Errorf("clean -l: exit %d, stdout:\n%s\nwant:\n%s\nstderr %q", o.code, o.stdout, want, o.stderr)
	}
	// --include takes other files; --hidden and --no-ignore the rest.
	o = session{}.run(t, "clean", "-l", "--include", "*.go,*.rst", "docs", "other")
	if want := "docs/c.go\nother/readme.rst\n"; o.stdout != want || o.code != 1 {
		t.Errorf("clean -l --include: exit %d, stdout %q, want %q", o.code, o.stdout, want)
	}
	o = session{}.run(t, "clean", "-l", "--hidden", "--no-ignore", "--exclude", "bin.md", "docs")
	if want := "docs/.hidden.md\ndocs/a.md\ndocs/drafts/d.md\ndocs/sub/b.txt\ndocs/z.markdown\n"; o.stdout != want || o.code != 1 {
		t.Errorf("clean -l --hidden --no-ignore: exit %d, stdout %q, want %q", o.code, o.stdout, want)
	}
	untouched(t)
}

func TestBatchMirror(t *testing.T) {
	dir := batchTree(t)
	o := session{}.run(t, "clean", "-o", "out", "docs", "other/x.txt", "other/deep/*.md")
	if o.code != 2 || o.stderr != binErr || o.stdout != "" {
		t.Errorf("clean -o out: exit %d, stdout %q, stderr %q", o.code, o.stdout, o.stderr)
	}
	want := map[string]string{
		"out/a.md": dirtyClean, "out/clean.txt": clean, "out/sub/b.txt": "b.\n", "out/z.markdown": "z.\n",
		"out/x.txt": "x.\n", "out/y.md": "y.\n",
	}
	var got []string
	filepath.WalkDir("out", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			got = append(got, filepath.ToSlash(path))
		}
		return nil
	})
	for path, text := range want {
		if s := readFile(t, path); s != text {
			t.Errorf("%s = %q, want %q", path, s, text)
		}
	}
	if len(got) != len(want) {
		t.Errorf("out holds %q, want %d files", got, len(want))
	}
	if readFile(t, "docs/a.md") != dirty {
		t.Error("clean -o changed its input")
	}
	untouched(t)

	// Two inputs with the same path inside their arguments: the second is
	// an error, the first written.
	if err := os.WriteFile("docs/sub/x.txt", []byte("second..\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o = session{}.run(t, "clean", "-o", "out2/", "other/x.txt", "docs/sub/x.txt", "docs/sub/../../other/x.txt", "docs/sub/b.txt")
	if o.code != 2 || !strings.Contains(o.stderr, filepath.Join("out2", "x.txt")+" was written from other/x.txt already") {
		t.Errorf("colliding outputs: exit %d, stderr %q", o.code, o.stderr)
	}
	if readFile(t, "out2/b.txt") != "b.\n" || readFile(t, "out2/x.txt") != "x.\n" {
		t.Error("the file after a collision was not written")
	}

	// An output directory inside the input is not read back.
	for range 2 {
		o = session{}.run(t, "clean", "-o", "other/cleaned", "other")
		if o.code != 0 {
			t.Fatalf("clean -o other/cleaned other: exit %d, %q", o.code, o.stderr)
		}
	}
	if _, err := os.Stat("other/cleaned/cleaned"); err == nil {
		t.Error("the output directory was cleaned into itself")
	}
	if readFile(t, "other/cleaned/deep/y.md") != "y.\n" {
		t.Error("other/cleaned/deep/y.md missing")
	}
	checkNoTemp(t, dir)
}

// TestBatchMirrorWriteFailure: a file that cannot be written is named,
// the others are written, the exit status is 2.
func TestBatchMirrorWriteFailure(t *testing.T) {
	batchTree(t)
	fail := func(step, path string) error {
		if step == "rename" && strings.HasSuffix(path, "a.md") {
			return fmt.Errorf("injected failure")
		}
		return nil
	}
	o := session{failWrite: fail}.run(t, "clean", "-o", "out", "--stats", "stats.json", "docs/a.md", "docs/z.markdown")
	if o.code != 2 || !strings.HasPrefix(o.stderr, "copydesk: writing "+filepath.Join("out", "a.md")+": injected failure\n") {
		t.Errorf("exit %d, stderr %q", o.code, o.stderr)
	}
	if _, err := os.Stat("out/a.md"); err == nil {
		t.Error("out/a.md written although its rename failed")
	}
	if readFile(t, "out/z.markdown") != "z.\n" {
		t.Error("the next file was not written")
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(readFile(t, "stats.json")), &s); err != nil {
		t.Fatal(err)
	}
	if s["records"] != 1.0 || s["malformed"] != 1.0 {
		t.Errorf("stats: %v", s)
	}
}

func TestBatchUsage(t *testing.T) {
	batchTree(t)
	for _, args := range [][]string{{"clean", "docs"}, {"clean", "other/x.txt", "docs/*.md"}, {"clean", "--report", "r.json", "docs"}} {
		o := session{}.run(t, args...)
		if o.code != 2 || !strings.Contains(o.stderr, "names several files: use -w") || o.stdout != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, o.code, o.stdout, o.stderr)
		}
	}
	// Explicit files still go to standard output, one after the other.
	if o := (session{}).run(t, "clean", "other/x.txt", "docs/sub/b.txt"); o.stdout != "x.\nb.\n" || o.code != 0 {
		t.Errorf("clean FILE FILE: exit %d, stdout %q", o.code, o.stdout)
	}
}

func TestBatchCheckAndDiff(t *testing.T) {
	batchTree(t)
	o := session{}.run(t, "check", "--format", "short", "docs", "other/**/*.md")
	want := "docs/a.md:1:1: warning: \"“\" → \"\\\"\" [quotes.open]\n"
	if o.code != 2 || !strings.HasPrefix(o.stdout, want) || o.stderr != binErr {
		t.Errorf("check docs: exit %d, stdout:\n%s\nstderr %q", o.code, o.stdout, o.stderr)
	}
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(o.stdout), "\n") {
		name, _, _ := strings.Cut(line, ":")
		if len(names) == 0 || names[len(names)-1] != name {
			names = append(names, name)
		}
	}
	if wantNames := []string{"docs/a.md", "docs/sub/b.txt", "docs/z.markdown", "other/deep/y.md"}; !slices.Equal(names, wantNames) {
		t.Errorf("check lists %q, want %q", names, wantNames)
	}
	// JSON: one document with every file, clean ones included.
	o = session{}.run(t, "check", "--format", "json", "docs")
	var doc struct {
		Files []struct {
			Path string `json:"path"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(o.stdout), &doc); err != nil {
		t.Fatalf("check --format json: %v\n%s", err, o.stdout)
	}
	var paths []string
	for _, f := range doc.Files {
		paths = append(paths, f.Path)
	}
	if want := []string{"docs/a.md", "docs/clean.txt", "docs/sub/b.txt", "docs/z.markdown"}; !slices.Equal(paths, want) {
		t.Errorf("json files %q, want %q", paths, want)
	}
	// diff: one patch for all files.
	o = session{}.run(t, "diff", "--color=never", "docs")
	var headers []string
	for _, line := range strings.Split(o.stdout, "\n") {
		if strings.HasPrefix(line, "+++ ") {
			headers = append(headers, line)
		}
	}
	if want := []string{"+++ b/docs/a.md", "+++ b/docs/sub/b.txt", "+++ b/docs/z.markdown"}; !slices.Equal(headers, want) || o.code != 2 {
		t.Errorf("diff docs: exit %d, headers %q, want %q", o.code, headers, want)
	}
}

// manyFiles makes n files, each with its number and something to fix.
func manyFiles(t *testing.T, n int) {
	t.Helper()
	files := map[string]string{}
	for i := range n {
		text := fmt.Sprintf("File %d..\n", i)
		if i%7 == 0 {
			text += "\n“Quoted” TODO.\n"
		}
		files[fmt.Sprintf("tree/d%d/f%03d.txt", i%4, i)] = text
	}
	cd(t, files)
}

// TestBatchOrder: whatever -j is, the output is the same and in input
// order, for every command.
func TestBatchOrder(t *testing.T) {
	manyFiles(t, 60)
	for _, args := range [][]string{
		{"check", "--format", "short", "tree"},
		{"check", "--format", "json", "tree"},
		{"diff", "--color=never", "tree"},
		{"clean", "-l", "tree"},
	} {
		var first string
		for _, j := range []string{"1", "8", "3"} {
			o := session{}.run(t, append([]string{args[0], "-j", j}, args[1:]...)...)
			if o.stderr != "" || o.stdout == "" {
				t.Fatalf("%q -j %s: exit %d, stderr %q", args, j, o.code, o.stderr)
			}
			if first == "" {
				first = o.stdout
				// Input order: d0/f000, d0/f004, …, d1/f001, …
				if i, k := strings.Index(first, "d0/f056"), strings.Index(first, "d1/f001"); i < 0 || k < i {
					t.Errorf("%q: not in walk order:\n%s", args, first)
				}
			} else if o.stdout != first {
				t.Errorf("%q: -j %s differs from -j 1", args, j)
			}
		}
	}
}

// gateStage makes the first document finish last: it waits until the
// others have run, so that workers finish out of order.
type gateStage struct {
	ran     *atomic.Int64
	release chan struct{}
	once    *sync.Once
	others  int64
}

func (gateStage) Name() string { return "gate" }

func (gateStage) Rules() []lint.Rule {
	return []lint.Rule{{ID: "test.gate", Severity: lint.Info, Doc: "waits"}}
}

func (g gateStage) Check(text string) []lint.Finding {
	if strings.HasPrefix(text, "File 0.") {
		select {
		case <-g.release:
		case <-time.After(10 * time.Second): // never hang the tests
		}
		return nil
	}
	if g.ran.Add(1) == g.others {
		g.once.Do(func() { close(g.release) })
	}
	return nil
}

// TestBatchOutOfOrderCompletion: when the first document finishes last,
// the output is still in input order, and no more than about 2×workers
// documents are read ahead of the one being written.
func TestBatchOutOfOrderCompletion(t *testing.T) {
	manyFiles(t, 40)
	var runs atomic.Int64
	g := gateStage{ran: new(atomic.Int64), release: make(chan struct{}), once: new(sync.Once), others: 3}
	pl := func(opts registry.Options) *pipeline.Pipeline {
		p := fakePipeline(opts)
		return pipeline.New(append([]lint.Stage{countStage{&runs}, g}, p.Stages()...)...)
	}
	w := &aheadWriter{runs: &runs}
	o := session{pipeline: pl, stdout: w}.run(t, "clean", "-l", "-j", "4", "tree")
	if o.code != 1 || o.stderr != "" {
		t.Fatalf("exit %d, stderr %q", o.code, o.stderr)
	}
	want := session{}.run(t, "clean", "-l", "-j", "1", "tree").stdout
	if w.b.String() != want {
		t.Errorf("-j 4 with a slow first document:\n%s\nwant:\n%s", w.b.String(), want)
	}
	// In flight: 2×4 waiting to be written, 4 in the workers' queue, one
	// with the dispatcher.
	if w.maxAhead > 2*4+4+1 {
		t.Errorf("%d documents were run ahead of the one written", w.maxAhead)
	}
}

// countStage counts the documents run.
type countStage struct{ n *atomic.Int64 }

func (countStage) Name() string                  { return "count" }
func (countStage) Rules() []lint.Rule            { return nil }
func (s countStage) Check(string) []lint.Finding { s.n.Add(1); return nil }

// aheadWriter records how far the runs are ahead of the lines written.
type aheadWriter struct {
	b        strings.Builder
	runs     *atomic.Int64
	lines    int64
	maxAhead int64
}

func (w *aheadWriter) Write(p []byte) (int, error) {
	w.lines += int64(strings.Count(string(p), "\n"))
	w.maxAhead = max(w.maxAhead, w.runs.Load()-w.lines)
	return w.b.Write(p)
}

// TestBatchProgressAndStats: progress only on a terminal or with
// --progress; --stats writes the JSON summary of clean --jsonl's shape.
func TestBatchProgressAndStats(t *testing.T) {
	batchTree(t)
	o := session{}.run(t, "check", "docs/a.md", "docs/sub")
	if strings.Contains(o.stderr, "files") {
		t.Errorf("progress on a pipe without --progress: %q", o.stderr)
	}
	o = session{}.run(t, "clean", "-l", "--progress", "docs")
	if !strings.Contains(o.stderr, "copydesk: 5/5 files, ") || !strings.Contains(o.stderr, binErr) {
		t.Errorf("--progress: stderr %q", o.stderr)
	}
	if !strings.Contains(o.stderr, "copydesk: 4 files (3 changed), 1 failed; ") {
		t.Errorf("--progress: no summary in %q", o.stderr)
	}
	o = session{}.run(t, "clean", "-o", "out", "--stats", "stats.json", "docs")
	if o.code != 2 || !strings.Contains(o.stderr, "copydesk: 4 files (3 changed), 1 failed; ") || !strings.Contains(o.stderr, "copydesk: findings: punct.double-period 3, ") {
		t.Errorf("--stats: exit %d, stderr %q", o.code, o.stderr)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(readFile(t, "stats.json")), &s); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range s {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	// The keys of clean --jsonl --stats.
	b, err := json.Marshal(jsonl.Summary{})
	if err != nil {
		t.Fatal(err)
	}
	var js map[string]any
	if err := json.Unmarshal(b, &js); err != nil {
		t.Fatal(err)
	}
	var want []string
	for k := range js {
		want = append(want, k)
	}
	slices.Sort(want)
	if !slices.Equal(keys, want) || !slices.Contains(keys, "bytes_in") {
		t.Errorf("stats keys %q, want %q", keys, want)
	}
	in := len(dirty) + len(clean) + len("b..\n") + len("z..\n")
	if s["records"] != 4.0 || s["changed"] != 3.0 || s["malformed"] != 1.0 || s["lines"] != 5.0 || s["bytes_in"] != float64(in) {
		t.Errorf("stats: %v", s)
	}
}
