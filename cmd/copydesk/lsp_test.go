package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// TestLSPNeovim drives `copydesk lsp` through Neovim's built-in LSP
// client (testdata/lsp_nvim.lua): the seed article with a line of curly
// quotes and an emoji after it gets its diagnostics where Neovim puts
// them, the quick fix of the last double period changes only that, and
// fix all gives what clean writes. Once with the client's default
// positions (UTF-16) and once with UTF-8 offered.
func TestLSPNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim not found: install Neovim (Debian package neovim) to run the language server against a real client")
	}
	script, err := filepath.Abs(filepath.Join("testdata", "lsp_nvim.lua"))
	if err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const extra = "A smile 😀 “here”.. and there..\n"
	text := string(seed) + "\n" + extra
	clean, err := document.New(document.Options{Pipeline: registry.Options{FixesOnly: true}}).Check(document.Doc{Name: "story.txt", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	checked, err := document.New(document.Options{}).Check(document.Doc{Name: "story.txt", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	for _, enc := range []string{"utf-16", "utf-8"} {
		t.Run(enc, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil { // no configuration from above
				t.Fatal(err)
			}
			file := filepath.Join(dir, "story.txt")
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out")
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-n", "-i", "NONE", "-u", "NONE", "-c", "luafile "+script)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(),
				"COPYDESK_RUN_MAIN=1",
				"CD_SERVER="+os.Args[0]+" lsp",
				"CD_FILE="+file,
				"CD_ENC="+enc,
				"CD_OUT="+out,
				"HOME="+dir, "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_STATE_HOME="+dir, "XDG_CACHE_HOME="+dir,
			)
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stderr, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("nvim: %v\n%s", err, stderr.String())
			}
			read := func(suffix string) string {
				b, err := os.ReadFile(out + suffix)
				if err != nil {
					t.Fatalf("%v (nvim said %q)", err, stderr.String())
				}
				return string(b)
			}

			// The diagnostics, in Neovim's byte columns, where the text has them.
			diags := read(".diag")
			if !strings.HasPrefix(diags, "encoding "+enc+"\n") {
				t.Errorf("the client uses %q, want %s", strings.SplitN(diags, "\n", 2)[0], enc)
			}
			line := strings.Count(string(seed)+"\n", "\n")
			lastDP := strings.LastIndex(extra, "..")
			for _, want := range []string{
				fmt.Sprintf("%d:%d-%d:%d copydesk quotes.curly 2", line, strings.Index(extra, "“"), line, strings.Index(extra, "“")+len("“")),
				fmt.Sprintf("%d:%d-%d:%d copydesk punct.double-period 2", line, lastDP, line, lastDP+2),
				"copydesk space.leading 3",
			} {
				if !strings.Contains(diags, want) {
					t.Errorf("diagnostics lack %q:\n%s", want, diags)
				}
			}
			if n := strings.Count(diags, "\n") - 1; n != len(checked.Findings) {
				t.Errorf("%d diagnostics, want %d (check's findings)", n, len(checked.Findings))
			}

			// The quick fix changed the last double period only.
			fixed := text[:len(text)-len(extra)] + extra[:lastDP] + "." + extra[lastDP+2:]
			if got := read(".fix"); got != fixed {
				t.Errorf("after the quick fix:\n%q\nwant\n%q", got[len(got)-60:], fixed[len(fixed)-60:])
			}
			// Fix all wrote what clean writes.
			if got := read(".all"); got != clean.Cleaned {
				t.Errorf("after fix all:\n%s\nwant what clean writes:\n%s", got, clean.Cleaned)
			}
		})
	}
}
