package main

import (
	"context"
	"errors"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/pipeline/config"
	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/lsp"
)

// lspCommand runs the language server on standard input and output.
func (e *env) lspCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "lsp",
		Usage:     "run the language server (Language Server Protocol on standard input and output)",
		UsageText: "copydesk lsp [--debounce DURATION] [pipeline options]",
		Description: `Runs copydesk as a language server for an editor: the editor starts it
and talks to it over standard input and output. Open documents get
diagnostics as they are typed, each fix is a quick fix, "fix all"
(source.fixAll) makes the document what clean would write, and hovering
a finding explains its rule. Markdown and plain text are checked; each
document uses its nearest .copydesk.toml, read again when it changes.
The pipeline options set what no configuration file sets, and win over
the file as on the other commands.

Examples:
   copydesk lsp
   copydesk lsp --quotes typographic --lang de`,
		Flags: append(pipelineFlags(),
			&cli.DurationFlag{Name: "debounce", Value: lsp.DefaultDebounce, Usage: "wait `DURATION` after a change before checking the document"},
		),
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("lsp: unexpected argument %q", c.Args().First())
			}
			o, err := e.readOptions(c)
			if err != nil {
				return err
			}
			format, err := o.format()
			if err != nil {
				return err
			}
			dopts := document.Options{Pipeline: o.pipeline, Override: o.override, Format: format, NewPipeline: e.newPipeline}
			if o.noConfig && o.configSet {
				return usagef("lsp: --config and --no-config exclude each other")
			}
			if !o.noConfig {
				dopts.Config = &config.Loader{Path: o.config, Rules: e.allRules()}
			}
			opts := lsp.Options{Document: dopts, Debounce: c.Duration("debounce"), Version: toolVersion(), Log: e.stderr}
			if c.IsSet("max-size") {
				opts.MaxSize = e.limit()
			}
			if opts.Debounce == 0 {
				opts.Debounce = -1 // --debounce 0: at once
			}
			err = lsp.New(opts).Serve(context.Background(), e.stdin, e.stdout)
			if errors.Is(err, lsp.ErrNoShutdown) {
				return exitStatus(exitFound)
			}
			return err
		},
	})
}
