package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"github.com/copydesk/copydesk/pipeline/config"
	"github.com/copydesk/copydesk/pipeline/registry"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/report"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK      = 0 // nothing found, nothing to change
	exitFound   = 1 // findings at the fail level, or changes
	exitFailure = 2 // usage or I/O error
)

// run runs copydesk with the arguments after the program name and
// returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{
		stdin:       stdin,
		stdout:      stdout,
		stderr:      stderr,
		getenv:      os.Getenv,
		newPipeline: defaultPipeline,
	}
	return e.run(args)
}

// An env is what a run of copydesk works with: its streams and the
// parts tests replace.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// newPipeline builds the pipeline for the options.
	newPipeline func(registry.Options) *pipeline.Pipeline
	// failWrite, when set, is called before each step of writing a file
	// ("create", "write", "sync", "rename") and fails the step if it
	// returns an error. Tests use it to check that failures leave the
	// original alone.
	failWrite func(step, path string) error

	status    int    // the worst status so far
	stdinText string // standard input, once read
	stdinRead bool
	maxSize   int64 // the largest input read; 0 for defaultMaxSize
}

// defaultPipeline builds the standard chain.
func defaultPipeline(opts registry.Options) *pipeline.Pipeline { return registry.Default(opts) }

// An exitStatus ends a command with a status and no message.
type exitStatus int

func (s exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(s)) }

// A usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// errBrokenPipe ends a run quietly when the reader of the output has gone.
var errBrokenPipe = errors.New("broken pipe")

func (e *env) run(args []string) int {
	app := e.app()
	err := app.Run(append([]string{"copydesk"}, args...))
	var st exitStatus
	var ue usageError
	switch {
	case err == nil:
	case errors.As(err, &st):
		e.fail(int(st))
	case errors.Is(err, errBrokenPipe), isBrokenPipe(err):
		// The reader has gone (copydesk clean big.txt | head): stop quietly.
	case errors.As(err, &ue):
		e.errorf("%s", ue.msg)
		e.fail(exitFailure)
	default:
		// Flag parsing and other errors from the cli package.
		e.printError(err)
		e.fail(exitFailure)
	}
	return e.status
}

// printError reports err on standard error: one line, or one line per
// problem for a configuration file with several.
func (e *env) printError(err error) {
	var list config.Errors
	if errors.As(err, &list) {
		for _, ce := range list {
			e.errorf("%v", ce)
		}
		return
	}
	e.errorf("%v", err)
}

// fail raises the exit status to at least s.
func (e *env) fail(s int) {
	e.status = max(e.status, s)
}

// errorf reports an error on one line of standard error.
func (e *env) errorf(format string, args ...any) {
	msg := strings.TrimRight(fmt.Sprintf(format, args...), "\n")
	fmt.Fprintf(e.stderr, "copydesk: %s\n", report.SafeName(strings.ReplaceAll(msg, "\n", " ")))
}

// isBrokenPipe reports whether err comes from writing to a pipe whose
// reader has gone.
func isBrokenPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE)
}

// outputError turns an error writing standard output into the error a
// command returns: a closed pipe ends the run quietly.
func outputError(err error) error {
	if err == nil {
		return nil
	}
	if isBrokenPipe(err) {
		return errBrokenPipe
	}
	return fmt.Errorf("writing output: %w", err)
}

func (e *env) app() *cli.App {
	return &cli.App{
		Name:  "copydesk",
		Usage: "clean text before publishing and explain every change",
		UsageText: `copydesk clean [flags] [FILE...]
copydesk diff [flags] [FILE...]
copydesk check [flags] [FILE...]
copydesk rules [flags]
copydesk split [flags] [FILE]`,
		Description: `copydesk normalizes Unicode, quotes and spaces, fixes stray punctuation
such as "..", and removes repeated paragraphs, sentences and words. Every
change is a finding with a rule id, a position and an exact fix.

With no FILE, or with "-", it reads standard input. Exit status: 0 when
there is nothing to report, 1 when check finds something at the --fail-on
level or diff or clean -l find changes, 2 on a usage or I/O error.

Examples:
   copydesk check story.txt
   copydesk diff story.txt | git apply
   copydesk clean -w drafts/*.txt
   copydesk rules`,
		Writer:         e.stdout,
		ErrWriter:      e.stderr,
		HideVersion:    true,
		ExitErrHandler: func(*cli.Context, error) {}, // run turns errors into statuses
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError{err.Error()}
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("unknown command %q (see 'copydesk help')", c.Args().First())
			}
			return usagef("no command given: use clean, diff, check, rules or split (see 'copydesk help')")
		},
		Commands: []*cli.Command{
			e.cleanCommand(),
			e.diffCommand(),
			e.checkCommand(),
			e.rulesCommand(),
			e.splitCommand(),
			e.initCommand(),
			e.lspCommand(),
			e.serveCommand(),
			e.corpusCommand(),
		},
	}
}

// command fills in what every command shares.
func command(c *cli.Command) *cli.Command {
	c.HideHelpCommand = true
	c.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
		// --color takes a value but can stand alone, so the flag package
		// calls its value boolean.
		msg := strings.Replace(err.Error(), "invalid boolean value", "invalid value", 1)
		return usagef("%s: %s", c.Name, msg)
	}
	return c
}
