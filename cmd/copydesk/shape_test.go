package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandsStayThin keeps the command package a thin layer over the
// library: no file over 300 lines and no function over 80. Work that
// needs more belongs in a library package, where every front end can
// reuse it.
func TestCommandsStayThin(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fs := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fs, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		if n := fs.File(f.Pos()).LineCount(); n > 300 {
			t.Errorf("%s has %d lines: move work into the library or split it", name, n)
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if n := fs.Position(fd.End()).Line - fs.Position(fd.Pos()).Line + 1; n > 80 {
					t.Errorf("%s: func %s has %d lines (at most 80)", name, fd.Name.Name, n)
				}
			}
		}
	}
}
