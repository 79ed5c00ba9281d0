package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// reorder moves the flags of a command that come after its file names in
// front of them, as the flag parser stops at the first argument that is
// not a flag: "copydesk clean story.md -w" is read as "copydesk clean -w
// story.md". A flag that takes a value keeps the argument after it
// ("-o out.txt"); "--" ends the flags, and the arguments after it stay
// arguments even if they start with "-" (a "--" is put before them).
// "-" alone is standard input, an argument. Arguments that name no
// command are returned as they are.
func reorder(app *cli.App, args []string) []string {
	if len(args) == 0 {
		return args
	}
	// Global flags come before the command.
	i := 0
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "-" && args[i] != "--" {
		i++
	}
	if i == len(args) {
		return args
	}
	cmd := app.Command(args[i])
	if cmd == nil {
		return args
	}
	// A command with subcommands ("corpus decide"): the flags are the
	// subcommand's.
	for i+1 < len(args) && len(cmd.Subcommands) > 0 {
		sub := cmd.Command(args[i+1])
		if sub == nil {
			break
		}
		cmd, i = sub, i+1
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		v := flagTakesValue(f)
		for _, n := range f.Names() {
			takesValue[n] = v
		}
	}
	var flags, rest []string
	dashed := false
	for k := i + 1; k < len(args); k++ {
		a := args[k]
		switch {
		case a == "--":
			rest = append(rest, args[k+1:]...)
			dashed = true
			k = len(args)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") {
				continue
			}
			if takesValue[name] && k+1 < len(args) {
				k++
				flags = append(flags, args[k])
			}
		default:
			rest = append(rest, a)
		}
	}
	out := append(append([]string{}, args[:i+1]...), flags...)
	needDash := dashed
	if !needDash {
		for _, a := range rest {
			needDash = needDash || len(a) > 1 && a[0] == '-'
		}
	}
	if needDash && len(rest) > 0 {
		out = append(out, "--")
	}
	return append(out, rest...)
}

// flagTakesValue reports whether f reads the argument after it as its
// value: every flag but a boolean one (and --color, which may stand
// alone).
func flagTakesValue(f cli.Flag) bool {
	switch f := f.(type) {
	case *cli.BoolFlag:
		return false
	case *cli.GenericFlag:
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			return false
		}
	}
	return true
}
