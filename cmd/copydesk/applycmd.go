package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/pipeline/jsonl"
	"github.com/copydesk/copydesk/pipeline/shard"
)

func (e *env) applyCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "apply",
		Usage:     "apply the decisions to one shard's cleaned records",
		ArgsUsage: "CLEANED",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "decisions", Usage: "the decisions of corpus decide, `FILE`", TakesFile: true, Required: true},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the records to `FILE` (.gz, .zst: compressed)", TakesFile: true, Required: true},
			&cli.IntFlag{Name: "shard", Value: -1, Usage: "the shard `N` CLEANED is (default: found by its checksum)"},
			&cli.StringFlag{Name: "stats", Usage: "write the summary as JSON to `FILE`", TakesFile: true},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "work on `N` records at once (0: one per CPU)"},
		},
		Action: e.apply,
	})
}

func (e *env) apply(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("corpus apply: want one CLEANED file (the output of one shard's clean --emit-signatures)")
	}
	in, dpath, output := c.Args().First(), c.String("decisions"), c.String("output")
	f, err := os.Open(dpath)
	if err != nil {
		return fmt.Errorf("reading %s: %w", dpath, err)
	}
	ds, err := corpus.ReadDecisions(bufio.NewReaderSize(f, 256<<10), dpath)
	f.Close()
	if err != nil {
		return err
	}
	display := in // the input as messages name it
	if in == "-" {
		// Standard input is read twice (its checksum, then its records):
		// it is kept in a temporary file.
		if in, err = e.spoolStdin(); err != nil {
			return err
		}
		defer os.Remove(in)
		display = "standard input"
	}
	lines, sum, err := checksumFile(in)
	if err != nil {
		return fmt.Errorf("reading %s: %w", display, err)
	}
	n, err := shard.Identify(ds, display, filepath.Base(in), lines, sum, c.Int("shard"))
	if err != nil {
		return fmt.Errorf("%s: %w", dpath, err)
	}
	s, err := e.applyTo(in, display, output, ds, n, c.Int("jobs"))
	if err != nil {
		return err
	}
	if path := c.String("stats"); path != "" {
		b, err := json.MarshalIndent(s, "", "  ")
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		if err := e.writeFile(path, string(b)+"\n"); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stderr, "copydesk: %s is shard %d: %d decisions applied, %d records dropped\n", display, n, ds.Count(n), s.DroppedDocs)
	return nil
}

// spoolStdin copies standard input to a temporary file and returns its
// name.
func (e *env) spoolStdin() (string, error) {
	tmp, err := os.CreateTemp("", "copydesk-apply-*.jsonl")
	if err != nil {
		return "", fmt.Errorf("reading standard input: %w", err)
	}
	_, err = io.Copy(tmp, e.stdin)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("reading standard input: %w", err)
	}
	return tmp.Name(), nil
}

// checksumFile is shard.Checksum of a file, uncompressed.
func checksumFile(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	rc, _, err := jsonl.OpenInput(f)
	if err != nil {
		return 0, "", err
	}
	defer rc.Close()
	return shard.Checksum(rc)
}

// applyTo applies the decisions about shard n to the file in and writes
// output (standard output for "-"; compressed by its name), atomically.
func (e *env) applyTo(in, display, output string, ds *corpus.Decisions, n, jobs int) (jsonl.Summary, error) {
	var out *atomicFile
	var w io.Writer = e.stdout
	var err error
	if output != "-" && !isStdout(output) {
		if out, err = e.createAtomic(output); err != nil {
			return jsonl.Summary{}, err
		}
		defer out.Abort()
		w = out
	}
	var zw io.WriteCloser
	if comp := jsonl.CompressionFor(output); comp != jsonl.Plain {
		if zw, err = jsonl.NewWriter(w, comp); err != nil {
			return jsonl.Summary{}, fmt.Errorf("writing %s: %w", output, err)
		}
		w = zw
	}
	f, err := os.Open(in)
	if err != nil {
		return jsonl.Summary{}, fmt.Errorf("reading %s: %w", display, err)
	}
	defer f.Close()
	rc, _, err := jsonl.OpenInput(f)
	if err != nil {
		return jsonl.Summary{}, fmt.Errorf("reading %s: %w", display, err)
	}
	defer rc.Close()
	s, err := shard.Apply(context.Background(), rc, w, ds, n, display, jobs)
	if err != nil {
		return s, outputError(err)
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return s, fmt.Errorf("writing %s: %w", output, err)
		}
	}
	if out != nil {
		return s, out.Commit()
	}
	return s, nil
}
