package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/pipeline/config"
)

func (e *env) initCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "init",
		Usage:     "write a commented .copydesk.toml with the defaults or a house style",
		UsageText: "copydesk init [--preset newsroom|ingest|docs [--lang LANG]] [--force] [DIR]",
		Description: `Writes DIR/.copydesk.toml (DIR defaults to the current directory): every
option at its default, with a comment saying what it does. copydesk uses
the nearest .copydesk.toml above each file it reads. An existing file is
left alone unless --force is given; the file is written atomically.

--preset writes a house style instead, each setting commented:
   newsroom  typographic quotes of --lang, primes, style.echo on,
             near-duplicate paragraphs fail the check
   ingest    ASCII quotes, fullwidth folded, every repeat removed (mode
             all, fix-near), stylistic rules off; add --dedupe corpus
             to a run to remove paragraphs repeated across documents
   docs      quotes kept as written, near-duplicates and echoes off,
             Markdown and text files only, node_modules and vendor skipped

Examples:
   copydesk init
   copydesk init --force docs
   copydesk init --preset newsroom --lang de
   copydesk init --preset docs website/`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "force", Aliases: []string{"f"}, Usage: "overwrite an existing .copydesk.toml"},
			&cli.StringFlag{Name: "preset", Usage: "write the house style `NAME`: " + strings.Join(config.Presets, ", ")},
			&cli.StringFlag{Name: "lang", Value: "en", Usage: "`LANG` of the newsroom preset's typographic quotes"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("init: takes one directory, got %d", c.NArg())
			}
			dir := "."
			if c.Args().Present() {
				dir = c.Args().First()
			}
			fi, err := os.Stat(dir)
			switch {
			case err != nil:
				return fmt.Errorf("init: %w", err)
			case !fi.IsDir():
				return fmt.Errorf("init: %s is not a directory", dir)
			}
			path := filepath.Join(dir, config.FileName)
			if !c.Bool("force") {
				if _, err := os.Lstat(path); err == nil {
					return fmt.Errorf("init: %s already exists (use --force to overwrite it)", path)
				} else if !errors.Is(err, fs.ErrNotExist) {
					return fmt.Errorf("init: %w", err)
				}
			}
			text := config.Template
			if name := c.String("preset"); name != "" {
				var err error
				if text, err = config.Preset(name, c.String("lang")); err != nil {
					return usagef("init: %v", err)
				}
			} else if c.IsSet("lang") {
				return usagef("init: --lang goes with --preset")
			}
			if err := e.writeFile(path, text); err != nil {
				return fmt.Errorf("init: %w", err)
			}
			_, err = fmt.Fprintf(e.stdout, "wrote %s\n", path)
			return outputError(err)
		},
	})
}
