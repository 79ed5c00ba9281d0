package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/pipeline/config"
)

func (e *env) initCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "init",
		Usage:     "write a commented .copydesk.toml with the defaults",
		UsageText: "copydesk init [--force] [DIR]",
		Description: `Writes DIR/.copydesk.toml (DIR defaults to the current directory): every
option at its default, with a comment saying what it does. copydesk uses
the nearest .copydesk.toml above each file it reads. An existing file is
left alone unless --force is given; the file is written atomically.

Examples:
   copydesk init
   copydesk init --force docs`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "force", Aliases: []string{"f"}, Usage: "overwrite an existing .copydesk.toml"},
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
			if err := e.writeFile(path, config.Template); err != nil {
				return fmt.Errorf("init: %w", err)
			}
			_, err = fmt.Fprintf(e.stdout, "wrote %s\n", path)
			return outputError(err)
		},
	})
}
