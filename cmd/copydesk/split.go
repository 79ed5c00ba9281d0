package main

import (
	"bufio"
	"encoding/json"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/dedupe/segment"
)

func (e *env) splitCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "split",
		Usage:     "show the sentences or paragraphs the dedupe stage sees",
		ArgsUsage: "[FILE]",
		UsageText: "copydesk split [--unit sentence|paragraph] [--lang LANG] [FILE]",
		Description: `Splits FILE (standard input for none or "-") into sentences or
paragraphs and prints one JSON object a line: the unit's text and its byte
range [start, end) in the input.

   {"text":"It came after a rocket attack.","start":120,"end":150}

Sentences end where the rules of --lang say (abbreviations, ordinal
numbers such as "3. Mai", quotation marks); without --lang, every
language's abbreviations count, as in the dedupe stage.

Examples:
   copydesk split story.txt
   copydesk split --lang de bericht.txt
   copydesk split --unit paragraph story.txt | jq -r .text`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "unit", Value: "sentence", Usage: "`UNIT` to split into: sentence or paragraph"},
			&cli.StringFlag{Name: "lang", Usage: "`LANG` whose sentence rules apply: " + strings.Join(segment.Languages(), ", ") + " (default: all at once)"},
			&cli.StringFlag{Name: "stdin-name", Value: "stdin", Usage: "`NAME` that stands for standard input in messages"},
			maxSizeFlag(),
		},
		Action: e.split,
	})
}

// A unitJSON is one line of split's output.
type unitJSON struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

func (e *env) split(c *cli.Context) error {
	var units func(string) []segment.Unit
	switch u := c.String("unit"); u {
	case "sentence":
		l := c.String("lang")
		if !segment.ValidLang(l) {
			return usagef("split: unknown --lang %q (want %s)", l, strings.Join(segment.Languages(), ", "))
		}
		units = segment.NewSplitter(segment.Options{Lang: l}).Sentences
	case "paragraph":
		units = segment.Paragraphs
	default:
		return usagef("split: unknown --unit %q (want sentence or paragraph)", u)
	}
	if err := e.setMaxSize(c); err != nil {
		return err
	}
	args := inputArgs(c)
	if len(args) > 1 {
		return usagef("split: takes one input, got %d", len(args))
	}
	in, err := e.read(args[0], stdinName(c))
	if err != nil {
		e.errorf("%v", err)
		return exitStatus(exitFailure)
	}
	w := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, u := range units(in.text) {
		if err := enc.Encode(unitJSON{in.text[u.Start:u.End], u.Start, u.End}); err != nil {
			return outputError(err)
		}
	}
	return outputError(w.Flush())
}
