package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/normalize"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/lint/linttest"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// TestMain lets the test binary stand in for copydesk: tests that need
// a real process run it with COPYDESK_RUN_MAIN set.
func TestMain(m *testing.M) {
	if os.Getenv("COPYDESK_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// fakePipeline stands in for registry.Default with the fake stages: it
// honours the options as Default does.
func fakePipeline(opts registry.Options) *pipeline.Pipeline {
	var stages []lint.Stage
	if opts.Normalize.Quotes != normalize.QuotesKeep {
		stages = append(stages,
			linttest.Replace{Rule: "quotes.open", Old: "“", New: `"`, Severity: lint.Warning},
			linttest.Replace{Rule: "quotes.close", Old: "”", New: `"`, Severity: lint.Warning})
	}
	stages = append(stages,
		linttest.Replace{Rule: "punct.double-period", Old: "..", New: ".", Severity: lint.Error},
		linttest.Replace{Rule: "test.zap", Old: "ZAP\n", New: "", Severity: lint.Warning},
		linttest.Report{StageName: "todo", Rule: "test.todo", Word: "TODO", Doc: "reports TODO notes", Message: "TODO left in the text"})
	if opts.Dedupe.Mode != dedupe.Off {
		stages = append(stages, linttest.Repeat{})
	}
	p := pipeline.New(stages...)
	p.Disable(opts.Disabled...)
	p.ReportOnly(opts.ReportOnly...)
	return p
}

// A session runs copydesk in process with the fake pipeline.
type session struct {
	stdin  string
	getenv func(string) string
	// failWrite, when set, becomes env.failWrite.
	failWrite func(step, path string) error
	stdout    io.Writer // when set, replaces the captured stdout
	// pipeline, when set, replaces fakePipeline.
	pipeline func(registry.Options) *pipeline.Pipeline
}

type outcome struct {
	stdout, stderr string
	code           int
}

func (s session) run(t *testing.T, args ...string) outcome {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{
		stdin:       strings.NewReader(s.stdin),
		stdout:      &stdout,
		stderr:      &stderr,
		getenv:      func(string) string { return "" },
		newPipeline: fakePipeline,
		failWrite:   s.failWrite,
	}
	if s.getenv != nil {
		e.getenv = s.getenv
	}
	if s.stdout != nil {
		e.stdout = s.stdout
	}
	if s.pipeline != nil {
		e.newPipeline = s.pipeline
	}
	code := e.run(args)
	return outcome{stdout.String(), stderr.String(), code}
}

// cd makes a temporary directory with the files, the current directory
// for the rest of the test.
func cd(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Texts used across the tests, with what the fake pipeline makes of them.
const (
	dirty      = "“Hello” world..\n\nSame.\n\nSame.\n\nEnd TODO\n"
	dirtyClean = "\"Hello\" world.\n\nSame.\n\nEnd TODO\n"
	clean      = "Nothing to fix here.\n"
)

func TestUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		stdout   string // substring
		stderrIs string // whole stderr
	}{
		{nil, 2, "", "copydesk: no command given: use clean, diff, check, rules or split (see 'copydesk help')\n"},
		{[]string{"frob"}, 2, "", "copydesk: unknown command \"frob\" (see 'copydesk help')\n"},
		{[]string{"check", "--nope"}, 2, "", "copydesk: check: flag provided but not defined: -nope\n"},
		{[]string{"check", "--format", "xml"}, 2, "", "copydesk: check: unknown --format \"xml\" (want text, short, json, sarif, github, checkstyle, rdjsonl)\n"},
		{[]string{"check", "--fail-on", "fatal"}, 2, "", "copydesk: check: --fail-on: unknown severity \"fatal\" (want error, warning or info)\n"},
		{[]string{"check", "--quotes", "fancy"}, 2, "", "copydesk: check: unknown --quotes \"fancy\" (want ascii, keep or typographic)\n"},
		{[]string{"diff", "--dedupe", "some"}, 2, "", "copydesk: diff: unknown --dedupe \"some\" (want adjacent, all, off or corpus)\n"},
		{[]string{"clean", "--disable", "no.such"}, 2, "", "copydesk: clean: --disable: unknown rule \"no.such\" (see 'copydesk rules')\n"},
		{[]string{"clean", "--report-only", "nope.*"}, 2, "", "copydesk: clean: --report-only nope.* matches no rule (see 'copydesk rules')\n"},
		{[]string{"clean", "-o", "out/", "-"}, 2, "", "copydesk: clean: cannot use -o DIR with standard input\n"},
		{[]string{"clean", "*.nothing"}, 2, "", "copydesk: clean: *.nothing names several files: use -w to rewrite them, -o DIR to write them to another directory, or -l to list those that would change\n"},
		{[]string{"check", "-j", "-1"}, 2, "", "copydesk: check: -j -1: want 0 or more\n"},
		{[]string{"clean", "-o", "/dev/null", "a", "b"}, 2, "", "copydesk: clean: -o /dev/null: not a directory (several inputs, a directory or a glob are written below a directory)\n"},
		{[]string{"clean", "-o", "x", "-w", "a"}, 2, "", "copydesk: clean: -o and -w cannot be used together\n"},
		{[]string{"clean", "-w"}, 2, "", "copydesk: clean: cannot use -w with standard input\n"},
		{[]string{"clean", "-w", "-"}, 2, "", "copydesk: clean: cannot use -w with standard input\n"},
		{[]string{"diff", "--color=purple"}, 2, "", "copydesk: diff: invalid value \"purple\" for -color: want always, never or auto\n"},
		{[]string{"diff", "--context", "-1"}, 2, "", "copydesk: diff: --context must not be negative\n"},
		{[]string{"rules", "extra"}, 2, "", "copydesk: rules: unexpected argument \"extra\"\n"},
		{[]string{"rules", "--format", "yaml"}, 2, "", "copydesk: rules: unknown --format \"yaml\" (want text or json)\n"},
		{[]string{"split", "--unit", "word"}, 2, "", "copydesk: split: unknown --unit \"word\" (want sentence or paragraph)\n"},
		{[]string{"split", "a", "b"}, 2, "", "copydesk: split: takes one input, got 2\n"},
		{[]string{"help"}, 0, "copydesk clean [flags] [FILE...]", ""},
		{[]string{"--help"}, 0, "Examples:", ""},
		{[]string{"help", "clean"}, 0, "copydesk clean -w drafts/*.txt", ""},
		{[]string{"diff", "--help"}, 0, "copydesk diff story.txt | git apply", ""},
		{[]string{"check", "-h"}, 0, "--fail-on SEVERITY", ""},
		{[]string{"rules", "--help"}, 0, "copydesk rules --format json", ""},
		{[]string{"split", "--help"}, 0, "--unit UNIT", ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			o := session{}.run(t, tt.args...)
			if o.code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", o.code, tt.code, o.stderr)
			}
			if o.stderr != tt.stderrIs {
				t.Errorf("stderr = %q, want %q", o.stderr, tt.stderrIs)
			}
			if !strings.Contains(o.stdout, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, o.stdout)
			}
		})
	}
}

// TestEmptyInput: empty input gives empty output and exit 0 everywhere.
func TestEmptyInput(t *testing.T) {
	for _, args := range [][]string{{"clean"}, {"diff"}, {"check"}, {"split"}, {"clean", "-l"}} {
		o := session{}.run(t, args...)
		if o.code != 0 || o.stdout != "" || o.stderr != "" {
			t.Errorf("%v on empty input: exit %d, stdout %q, stderr %q", args, o.code, o.stdout, o.stderr)
		}
	}
	o := session{}.run(t, "check", "--format", "json")
	if o.code != 0 || o.stdout != "{\n  \"version\": 1,\n  \"files\": [\n    {\n      \"path\": \"stdin\",\n      \"findings\": []\n    }\n  ]\n}\n" {
		t.Errorf("check --format json on empty input: exit %d, %q", o.code, o.stdout)
	}
}

// TestBadFilesAmongGood: a missing file and a binary file are reported
// by name, the good files are still processed, and the exit status is 2.
// (Directories are walked: see TestBatch.)
func TestBadFilesAmongGood(t *testing.T) {
	cd(t, map[string]string{"a.txt": dirty, "bin.dat": "text\x00more", "sub/x.txt": "", "b.txt": dirty})
	wantErr := "copydesk: reading missing.txt: open missing.txt: no such file or directory\n" +
		"copydesk: bin.dat: binary file (NUL byte at offset 4), left alone\n"
	args := []string{"a.txt", "missing.txt", "bin.dat", "b.txt"}
	for _, cmd := range [][]string{{"clean"}, {"diff"}, {"check"}, {"check", "--format", "json"}, {"clean", "-l"}} {
		t.Run(strings.Join(cmd, " "), func(t *testing.T) {
			o := session{}.run(t, append(cmd, args...)...)
			if o.code != 2 {
				t.Errorf("exit %d, want 2", o.code)
			}
			if o.stderr != wantErr {
				t.Errorf("stderr:\n%s\nwant:\n%s", o.stderr, wantErr)
			}
			if n := strings.Count(o.stdout, "b.txt"); cmd[0] != "clean" && n == 0 {
				t.Errorf("the file after the bad ones was not processed:\n%s", o.stdout)
			}
		})
	}
	if got := readFile(t, "bin.dat"); got != "text\x00more" {
		t.Errorf("binary file changed: %q", got)
	}
	o := session{}.run(t, "clean", "-w", "a.txt", "bin.dat", "b.txt")
	if o.code != 2 || readFile(t, "a.txt") != dirtyClean || readFile(t, "b.txt") != dirtyClean || readFile(t, "bin.dat") != "text\x00more" {
		t.Errorf("clean -w with a binary file among good ones: exit %d, stderr %q", o.code, o.stderr)
	}
}

// brokenPipe fails every write as a pipe without a reader does.
type brokenPipe struct{}

func (brokenPipe) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: "|1", Err: syscall.EPIPE}
}

func TestBrokenPipeIsQuiet(t *testing.T) {
	cd(t, map[string]string{"a.txt": dirty})
	for _, args := range [][]string{{"clean", "a.txt"}, {"diff", "a.txt"}, {"check", "a.txt"}, {"check", "--format", "json", "a.txt"}, {"rules"}, {"split", "a.txt"}} {
		o := session{stdout: brokenPipe{}}.run(t, args...)
		if o.stderr != "" || o.code == 2 {
			t.Errorf("%v to a broken pipe: exit %d, stderr %q", args, o.code, o.stderr)
		}
	}
}

// TestBrokenPipeProcess runs copydesk as a process whose output pipe is
// closed early, as in copydesk clean big.txt | head -c 10.
func TestBrokenPipeProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a process")
	}
	dir := cd(t, map[string]string{"big.txt": strings.Repeat("Some clean text, more than a pipe holds.\n", 20000)})
	cmd := execSelf(t, "clean", filepath.Join(dir, "big.txt"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 10)
	if _, err := io.ReadFull(out, buf); err != nil {
		t.Fatal(err)
	}
	out.Close()
	err = cmd.Wait() // killed by SIGPIPE, or exits: either way, quietly
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 2 {
		t.Errorf("exit status 2 after the reader went away")
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr after the reader went away: %q", stderr.String())
	}
}
