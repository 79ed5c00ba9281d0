package main

import (
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"testing"
)

// --version prints the module version, or for a checkout the revision;
// SARIF and JSON name the same version.
func TestVersion(t *testing.T) {
	defer func(f func() (*debug.BuildInfo, bool)) { buildInfo = f }(buildInfo)
	buildInfo = func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{GoVersion: "go1.26", Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}}, true
	}
	o := session{}.run(t, "--version")
	if o.code != 0 || !strings.HasPrefix(o.stdout, "copydesk devel+0123456789ab-dirty\nrevision 0123456789abcdef0123\n") {
		t.Errorf("--version: exit %d, %q", o.code, o.stdout)
	}
	cd(t, map[string]string{"a.txt": "x\n"})
	for _, f := range []string{"json", "sarif"} {
		if o := (session{}).run(t, "check", "--format", f, "a.txt"); !strings.Contains(o.stdout, `"version": "devel+0123456789ab-dirty"`) {
			t.Errorf("--format %s lacks the version: %s", f, o.stdout)
		}
	}
	buildInfo = func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, true
	}
	if v := toolVersion(); v != "v1.4.0" {
		t.Errorf("release version %q", v)
	}
}

// -q drops summaries and notes, keeps errors.
func TestQuiet(t *testing.T) {
	cd(t, map[string]string{"a.txt": "Text..\n"})
	loud := session{}.run(t, "clean", "--stats", "s.json", "a.txt")
	if !strings.Contains(loud.stderr, "files (") {
		t.Fatalf("no summary without -q: %q", loud.stderr)
	}
	for _, args := range [][]string{{"-q", "clean", "--stats", "s.json", "a.txt"}, {"clean", "--stats", "s.json", "a.txt", "-q"}} {
		if o := (session{}).run(t, args...); o.stderr != "" || o.code != 0 {
			t.Errorf("%q: exit %d, stderr %q", args, o.code, o.stderr)
		}
	}
	if o := (session{}).run(t, "check", "-q", "missing.txt"); o.code != 2 || !strings.Contains(o.stderr, "missing.txt") {
		t.Errorf("-q hid an error: exit %d, %q", o.code, o.stderr)
	}
}

// Neither the null device nor a file is a terminal to hint at.
func TestInteractive(t *testing.T) {
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Skip(err)
	}
	defer null.Close()
	if isInteractive(null) || isInteractive(strings.NewReader("")) {
		t.Error("the null device or a reader taken for a terminal")
	}
	if tty, err := os.Open("/dev/tty"); err == nil {
		defer tty.Close()
		if !isInteractive(tty) {
			t.Error("/dev/tty is not interactive")
		}
	}
}

// The man page and the completion scripts are generated from the
// command definitions: every command and the flags are in them, and the
// bash and zsh scripts parse.
func TestManAndCompletion(t *testing.T) {
	man := session{}.run(t, "man")
	if man.code != 0 || !strings.HasPrefix(man.stdout, ".nh\n.TH copydesk 1") {
		t.Fatalf("man: exit %d, %.80q", man.code, man.stdout)
	}
	for _, want := range []string{"clean", "check", "completion", "--fail-on", "--quotes"} {
		if !strings.Contains(man.stdout, want) {
			t.Errorf("man page lacks %s", want)
		}
	}
	for _, sh := range []string{"bash", "zsh", "fish"} {
		o := session{}.run(t, "completion", sh)
		if o.code != 0 {
			t.Fatalf("completion %s: exit %d %q", sh, o.code, o.stderr)
		}
		for _, want := range []string{"clean", "check", "fail-on", "typographic"} {
			if !strings.Contains(o.stdout, want) {
				t.Errorf("completion %s lacks %s", sh, want)
			}
		}
		if path, err := exec.LookPath(sh); err == nil {
			f := t.TempDir() + "/c." + sh
			if err := os.WriteFile(f, []byte(o.stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			arg := "-n"
			if sh == "fish" {
				arg = "--no-execute"
			}
			if out, err := exec.Command(path, arg, f).CombinedOutput(); err != nil {
				t.Errorf("%s does not parse the script: %v %s", sh, err, out)
			}
		}
	}
	if o := (session{}).run(t, "completion", "tcsh"); o.code != 2 {
		t.Errorf("completion tcsh: exit %d", o.code)
	}
}

// --format github writes errors first and, with $GITHUB_STEP_SUMMARY
// set, adds every finding to the job summary.
func TestGitHubSummary(t *testing.T) {
	dir := cd(t, map[string]string{"a.txt": dirty, "b.txt": dirty})
	sum := dir + "/summary.md"
	s := session{getenv: func(k string) string {
		if k == "GITHUB_STEP_SUMMARY" {
			return sum
		}
		return ""
	}}
	o := s.run(t, "check", "--format", "github", "a.txt", "b.txt")
	lines := strings.Split(strings.TrimSpace(o.stdout), "\n")
	rank := map[string]int{"::error": 0, "::warning": 1, "::notice": 2}
	last := 0
	for _, l := range lines {
		kind, _, _ := strings.Cut(l, " ")
		if rank[kind] < last {
			t.Errorf("%s after a lesser severity:\n%s", kind, o.stdout)
			break
		}
		last = rank[kind]
	}
	got := readFile(t, sum)
	if !strings.HasPrefix(got, "### copydesk: ") || strings.Count(got, "\n| ") != len(lines)+1 {
		t.Errorf("summary has not one row a finding (%d annotations):\n%s", len(lines), got)
	}
	if !strings.Contains(got, "| a.txt |") || !strings.Contains(got, "| b.txt |") {
		t.Errorf("summary lacks a file:\n%s", got)
	}
}

// init --preset writes the house style, which check then follows.
func TestInitPreset(t *testing.T) {
	cd(t, map[string]string{"a.txt": "He said \"yes\" to it.\n"})
	if o := (session{}).run(t, "init", "--preset", "newsroom", "--lang", "de"); o.code != 0 {
		t.Fatalf("init: exit %d %q", o.code, o.stderr)
	}
	if got := readFile(t, ".copydesk.toml"); !strings.Contains(got, `lang = "de"`) || !strings.Contains(got, `"style.echo" = "on"`) {
		t.Errorf("newsroom preset:\n%s", got)
	}
	o := real(t).run(t, "check", "--format", "short", "a.txt")
	if !strings.Contains(o.stdout, "„") {
		t.Errorf("check does not follow the preset: %q %q", o.stdout, o.stderr)
	}
	for _, args := range [][]string{{"init", "--force", "--preset", "blog"}, {"init", "--force", "--lang", "de"}} {
		if o := (session{}).run(t, args...); o.code != 2 {
			t.Errorf("%q: exit %d", args, o.code)
		}
	}
}
