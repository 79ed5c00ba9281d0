package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/pipeline/serve"
)

func (e *env) serveCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "serve",
		Usage:     "serve the API and a page to paste a story into",
		UsageText: "copydesk serve [--addr 127.0.0.1:8080] [--max-body SIZE] [--cors ORIGIN]",
		Description: `Serves copydesk over HTTP until SIGINT or SIGTERM (then it finishes the
requests in progress):

   POST /v1/clean   {"text": "...", "format": "text"|"md", "name": "...",
                     "options": {"quotes": "typographic", "disable": ["style.echo"]}}
                    → {"text": CLEANED, "findings": [...], "changes": [...]}
   POST /v1/check   → the JSON document of check --format json
   POST /v1/diff    → the unified diff of diff
   POST /v1/html    → the document's section of the HTML report (for the page)
   GET  /           a page: paste a story, see the changes with their reasons,
                    reject or accept each, copy the clean text

Options take the names of the flags: quotes, lang, primes, width, dedupe,
apply-suggestions, disable, report-only (and the configuration file's
min-sentence-words, near-threshold, fix-near, echo-window). No
.copydesk.toml is read and nothing is stored. A body that is not valid
JSON, not valid UTF-8 or names an unknown option gets 400, one over
--max-body 413, both with {"error": "..."}.

It listens on the loopback interface unless --addr says otherwise, and
lets no other web origin read its answers unless --cors names one.

Examples:
   copydesk serve
   copydesk serve --addr 127.0.0.1:9000 --max-body 1MiB
   curl -s --json '{"text": "It said “yes”..\n"}' http://127.0.0.1:8080/v1/clean`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "listen on `HOST:PORT` (port 0: any free port; the address is printed on standard error)"},
			&cli.StringFlag{Name: "max-body", Value: "8MiB", Usage: "refuse a request body larger than `SIZE` with 413"},
			&cli.StringFlag{Name: "cors", Usage: "let pages of `ORIGIN` (https://cms.example.org, or * for any) call the API"},
		},
		Action: e.serve,
	})
}

func (e *env) serve(c *cli.Context) error {
	if c.Args().Present() {
		return usagef("serve: unexpected argument %q", c.Args().First())
	}
	maxBody, err := parseSize(c.String("max-body"))
	if err != nil || maxBody == 0 {
		return usagef("serve: --max-body: want a size above 0 such as 8MiB")
	}
	addr := c.String("addr")
	h := e.serveHandler(maxBody, c.String("cors"))
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintf(e.stderr, "copydesk: serving on http://%s/ (SIGINT or SIGTERM stops)\n", l.Addr())
	if !serve.IsLoopback(l.Addr().String()) {
		e.errorf("serve: %s is not a loopback address: anyone who can reach it can use the service", l.Addr())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := &serve.Server{Handler: h, ErrorLog: log.New(e.stderr, "copydesk: serve: ", 0)}
	if err := srv.Serve(ctx, l); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "copydesk: stopped\n")
	return nil
}

// serveHandler returns the service's handler: the API answers as check
// and diff do for standard input read with --no-config.
func (e *env) serveHandler(maxBody int64, cors string) *serve.Handler {
	return serve.New(serve.Options{
		MaxBody:     maxBody,
		CORSOrigin:  cors,
		NewPipeline: e.newPipeline,
		DiffNames:   diffHeaders,
		Logf:        func(format string, args ...any) { e.errorf(format, args...) },
	})
}
