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

// frame frames JSON-RPC messages as a client sends them.
func frame(msgs ...string) string {
	var b strings.Builder
	for _, m := range msgs {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	return b.String()
}

// TestLSPCommand runs `copydesk lsp` on a scripted client's messages:
// the flags set the pipeline, shutdown and exit end it with status 0,
// an input that ends without them with status 1.
func TestLSPCommand(t *testing.T) {
	open := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:1","languageId":"plaintext","version":1,"text":"A TODO here.\n"}}}`
	hover := `{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"untitled:1"},"position":{"line":0,"character":3}}}`
	msgs := frame(
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
		`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
		open, hover,
		`{"jsonrpc":"2.0","id":3,"method":"shutdown"}`,
		`{"jsonrpc":"2.0","method":"exit"}`,
	)
	o := session{stdin: msgs}.run(t, "lsp", "--no-config")
	if o.code != 0 || o.stderr != "" {
		t.Errorf("lsp: exit %d, stderr %q", o.code, o.stderr)
	}
	for _, want := range []string{`"positionEncoding":"utf-16"`, `"id":2,"result":{"contents":{"kind":"markdown","value":"**copydesk** ` + "`test.todo`", "reports TODO notes", `"id":3,"result":null`} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("lsp output lacks %q:\n%s", want, o.stdout)
		}
	}
	o = session{stdin: msgs}.run(t, "lsp", "--no-config", "--disable", "test.todo")
	if o.code != 0 || !strings.Contains(o.stdout, `"id":2,"result":null`) {
		t.Errorf("lsp --disable test.todo: exit %d, hover not null:\n%s", o.code, o.stdout)
	}
	o = session{stdin: frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`)}.run(t, "lsp")
	if o.code != 1 {
		t.Errorf("lsp with input ending before shutdown: exit %d, want 1", o.code)
	}
	o = session{}.run(t, "lsp", "extra")
	if o.code != 2 || !strings.Contains(o.stderr, `unexpected argument "extra"`) {
		t.Errorf("lsp extra: exit %d, stderr %q", o.code, o.stderr)
	}
}
