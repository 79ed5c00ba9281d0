package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/dedupe/corpus"
)

// corpusCommand is "copydesk corpus": the corpus steps of a run over
// shards, between clean --emit-signatures and the final output.
func (e *env) corpusCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "corpus",
		Usage:     "decide and apply corpus duplicates over shards (a run on a cluster)",
		UsageText: "copydesk corpus decide [flags] SIGNATURES...\ncopydesk corpus apply --decisions FILE [flags] CLEANED",
		Description: `A corpus run over shards, in three steps that any engine can schedule:

   # per shard N, in any order, at once: clean and write signatures
   copydesk clean --jsonl --dedupe corpus --drop-duplicate-docs --doc-id id \
       --emit-signatures sigs/part-N.jsonl --shard N -o cleaned/part-N.jsonl part-N.jsonl
   # one task: decide over every shard's signatures
   copydesk corpus decide -o decisions.jsonl sigs/*.jsonl
   # per shard N: apply the decisions
   copydesk corpus apply --decisions decisions.jsonl -o out/part-N.jsonl cleaned/part-N.jsonl

The outputs in shard order are the output of one clean over the inputs in
shard order, byte for byte.`,
		Subcommands: []*cli.Command{e.decideCommand(), e.applyCommand()},
	})
}

func (e *env) decideCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "decide",
		Usage:     "judge every shard's records from their signatures, in shard order, and write the decisions",
		ArgsUsage: "SIGNATURES...",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the decisions to `FILE`", TakesFile: true, Required: true},
			&cli.BoolFlag{Name: "drop-duplicate-docs", Usage: "must agree with the signatures (they say it already)"},
			&cli.Float64Flag{Name: "near-docs", Usage: "must agree with the signatures: word 5-gram similarity `THRESHOLD` (0: off)"},
			&cli.IntFlag{Name: "min-words", Usage: "must agree with the signatures: the fewest words (`N`) of a repeated paragraph"},
			&cli.StringFlag{Name: "index", Usage: "judge against, and add to, the seen-index `PATH`", TakesFile: true},
			&cli.BoolFlag{Name: "repair-index", Usage: "with --index: keep every good frame of a damaged seen-index"},
			&cli.StringFlag{Name: "stats", Usage: "write the counts as JSON to `FILE`", TakesFile: true},
			&cli.IntFlag{Name: "sharded", Usage: "approximate, for corpora too large for one machine: judge each key (document, MinHash band, paragraph) against the first document that has it, in `R` partitions of the keys, one in memory at a time"},
		},
		Action: e.decide,
	})
}

// globArgs expands each argument that is a glob (for a shell that did
// not), in name order.
func globArgs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if !strings.ContainsAny(a, "*?[") {
			out = append(out, a)
			continue
		}
		m, err := filepath.Glob(a)
		if err != nil || len(m) == 0 {
			return nil, usagef("%s: no file matches", a)
		}
		out = append(out, m...)
	}
	return out, nil
}

// decideParams returns the parameters of the signature file path: the
// options given to decide must agree with them.
func decideParams(c *cli.Context, path string) (corpus.Params, error) {
	f, err := os.Open(path)
	if err != nil {
		return corpus.Params{}, fmt.Errorf("reading %s: %w", path, err)
	}
	sr, err := corpus.NewSignatureReader(f, path)
	f.Close()
	if err != nil {
		return corpus.Params{}, err
	}
	p := sr.Header().Params
	if c.IsSet("drop-duplicate-docs") && c.Bool("drop-duplicate-docs") != p.DropDuplicateDocs {
		return p, fmt.Errorf("%s: made with drop_duplicate_docs %v, but --drop-duplicate-docs is %v", path, p.DropDuplicateDocs, c.Bool("drop-duplicate-docs"))
	}
	if c.IsSet("near-docs") {
		t := c.Float64("near-docs")
		if t == 0 {
			t = -1
		}
		if t != p.NearThreshold {
			return p, fmt.Errorf("%s: made with near_threshold %v, but --near-docs is %v", path, p.NearThreshold, c.Float64("near-docs"))
		}
	}
	if c.IsSet("min-words") && c.Int("min-words") != p.MinWords {
		return p, fmt.Errorf("%s: made with min_words %d, but --min-words is %d", path, p.MinWords, c.Int("min-words"))
	}
	return p, nil
}

func (e *env) decide(c *cli.Context) error {
	args, err := globArgs(c.Args().Slice())
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return usagef("corpus decide: no signature files")
	}
	files := make([]corpus.SignatureFile, len(args))
	for i, a := range args {
		files[i] = corpus.SignatureFile{Name: a, Open: func() (io.ReadCloser, error) { return os.Open(a) }}
	}
	p, err := decideParams(c, args[0])
	if err != nil {
		return err
	}
	opts := p.Options()
	sharded := c.Int("sharded")
	if sharded < 0 || sharded > 0 && c.IsSet("index") {
		return usagef("corpus decide: --sharded %d: want 1 or more, without --index", sharded)
	}
	if path := c.String("index"); path != "" {
		idx, err := e.openIndex(path, c.Bool("repair-index"))
		if err != nil {
			return err
		}
		defer func() {
			if idx != nil {
				idx.Close()
			}
		}()
		opts.Index = idx
	}
	out, err := e.createAtomic(c.String("output"))
	if err != nil {
		return err
	}
	defer out.Abort()
	var st corpus.Stats
	if sharded > 0 {
		st, err = corpus.DecideSharded(opts, files, p.Extra, sharded, out)
	} else {
		st, err = corpus.Decide(corpus.New(opts), files, p.Extra, out)
	}
	if err != nil {
		return err
	}
	if opts.Index != nil {
		// The decisions first: an index that knows this run's paragraphs
		// without its decisions would make a re-run judge them repeats.
		if err := out.Commit(); err != nil {
			return err
		}
		if err := opts.Index.Commit(); err != nil {
			return err
		}
		err := opts.Index.Close()
		opts.Index = nil
		if err != nil {
			return err
		}
	} else if err := out.Commit(); err != nil {
		return err
	}
	if path := c.String("stats"); path != "" {
		b, _ := json.MarshalIndent(st, "", "  ")
		if err := e.writeFile(path, string(b)+"\n"); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stderr, "copydesk: %d records in %d shards: %d copies, %d near copies, %d dropped; %d repeated paragraphs, %d removed\n",
		st.Docs, len(files), st.ExactDocs, st.NearDocs, st.DroppedDocs, st.RepeatedParagraphs, st.RemovedParagraphs)
	return nil
}
