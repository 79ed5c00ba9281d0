package main

import (
	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/pipeline/report"
)

func (e *env) rulesCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "rules",
		Usage:     "list the rules",
		UsageText: "copydesk rules [--format text|json]",
		Description: `Lists every rule of the default pipeline, in the order the stages run:
its id, default severity, whether it fixes what it finds or only reports
it, and what it is for. Use the ids with --disable and --report-only.

Examples:
   copydesk rules
   copydesk rules --format json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "output `FORMAT`: text or json"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("rules: unexpected argument %q", c.Args().First())
			}
			rules := e.allRules()
			switch f := c.String("format"); f {
			case "text":
				return outputError(report.RulesText(e.stdout, rules))
			case "json":
				return outputError(report.RulesJSON(e.stdout, rules))
			default:
				return usagef("rules: unknown --format %q (want text or json)", f)
			}
		},
	})
}
