package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline/config"
	"github.com/copydesk/copydesk/pipeline/registry"
)

func TestInit(t *testing.T) {
	dir := cd(t, map[string]string{"docs/a.md": "x\n"})
	o := session{}.run(t, "init")
	if o.code != 0 || o.stderr != "" || o.stdout != "wrote .copydesk.toml\n" {
		t.Fatalf("init: exit %d, stdout %q, stderr %q", o.code, o.stdout, o.stderr)
	}
	if got := readFile(t, config.FileName); got != config.Template {
		t.Errorf("init wrote something other than the template")
	}
	// What it wrote loads back, and is found from below.
	c, err := (&config.Loader{}).ForFile(filepath.Join(dir, "docs", "a.md"))
	if err != nil || c == nil {
		t.Fatalf("loading the written file: %v", err)
	}
	if opts := c.Options(); len(opts.Disabled)+len(opts.ReportOnly)+len(opts.Severity) != 0 || opts.Normalize.Quotes != (registry.Options{}).Normalize.Quotes {
		t.Errorf("the written file is not the defaults: %+v", opts)
	}

	// Never overwrites without --force.
	if err := os.WriteFile(config.FileName, []byte("# mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o = session{}.run(t, "init")
	want := "copydesk: init: .copydesk.toml already exists (use --force to overwrite it)\n"
	if o.code != 2 || o.stderr != want || o.stdout != "" {
		t.Errorf("init over a file: exit %d, stderr %q", o.code, o.stderr)
	}
	if readFile(t, config.FileName) != "# mine\n" {
		t.Error("init overwrote an existing file")
	}
	o = session{}.run(t, "init", "--force")
	if o.code != 0 || readFile(t, config.FileName) != config.Template {
		t.Errorf("init --force: exit %d, stderr %q", o.code, o.stderr)
	}
}

func TestInitDir(t *testing.T) {
	cd(t, map[string]string{"docs/a.md": "x\n", "file.txt": "x\n"})
	o := session{}.run(t, "init", "docs")
	if o.code != 0 || o.stdout != "wrote "+filepath.Join("docs", config.FileName)+"\n" {
		t.Fatalf("init docs: exit %d, stdout %q, stderr %q", o.code, o.stdout, o.stderr)
	}
	if readFile(t, filepath.Join("docs", config.FileName)) != config.Template {
		t.Error("init docs wrote something else")
	}
	entries, _ := os.ReadDir("docs")
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !reflect.DeepEqual(names, []string{config.FileName, "a.md"}) {
		t.Errorf("docs holds %q: a temporary file was left behind?", names)
	}
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"init", "missing"}, "copydesk: init: stat missing: no such file or directory\n"},
		{[]string{"init", "file.txt"}, "copydesk: init: file.txt is not a directory\n"},
		{[]string{"init", "a", "b"}, "copydesk: init: takes one directory, got 2\n"},
	} {
		o := session{}.run(t, tt.args...)
		if o.code != 2 || o.stderr != tt.msg {
			t.Errorf("%s: exit %d, stderr %q, want %q", strings.Join(tt.args, " "), o.code, o.stderr, tt.msg)
		}
	}
}

func TestInitWriteFailureLeavesNothing(t *testing.T) {
	cd(t, nil)
	s := session{failWrite: func(step, path string) error {
		if step == "rename" {
			return os.ErrPermission
		}
		return nil
	}}
	o := s.run(t, "init")
	if o.code != 2 || !strings.Contains(o.stderr, "init: writing .copydesk.toml") {
		t.Errorf("exit %d, stderr %q", o.code, o.stderr)
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("a failed init left %d files", len(entries))
	}
}
