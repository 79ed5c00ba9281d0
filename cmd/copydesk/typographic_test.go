package main

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// The --quotes typographic, --lang and --primes flags reach the real
// pipeline.
func TestTypographicFlags(t *testing.T) {
	real := func(opts registry.Options) *pipeline.Pipeline {
		opts.Disabled = append(opts.Disabled, "dedupe.*")
		return registry.Default(opts)
	}
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  string
		code  int
	}{
		{"english", []string{"clean", "--quotes", "typographic"},
			`"It's the '90s," she said.` + "\n", "“It’s the ’90s,” she said.\n", 0},
		{"default lang is English", []string{"clean", "--quotes", "typographic", "--lang", ""},
			`"a"` + "\n", "“a”\n", 0},
		{"german", []string{"clean", "--quotes", "typographic", "--lang", "de"},
			`"Wie geht's?", fragte er.` + "\n", "„Wie geht’s?“, fragte er.\n", 0},
		{"french keeps narrow no-break spaces", []string{"clean", "--quotes", "typographic", "--lang", "fr-CA"},
			`"Quoi ?" dit-il.` + "\n", "«\u202FQuoi\u202F?\u202F» dit-il.\n", 0},
		{"primes", []string{"clean", "--quotes", "typographic", "--primes"},
			`5'10"` + "\n", "5′10″\n", 0},
		{"feet and inches kept", []string{"clean", "--quotes", "typographic"},
			`5'10"` + "\n", "5'10\"\n", 0},
		{"lang without typographic does nothing", []string{"clean", "--quotes", "keep", "--lang", "de"},
			`"a"` + "\n", `"a"` + "\n", 0},
		{"unknown lang", []string{"clean", "--quotes", "typographic", "--lang", "xx"}, "a\n", "", 2},
		{"unknown style", []string{"clean", "--quotes", "smart"}, "a\n", "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := session{stdin: tt.stdin, pipeline: real}.run(t, tt.args...)
			if o.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", o.code, tt.code, o.stderr)
			}
			if tt.code != 0 {
				if !strings.Contains(o.stderr, "unknown --") {
					t.Errorf("stderr %q does not name the bad flag", o.stderr)
				}
				return
			}
			if o.stdout != tt.want {
				t.Errorf("got %q, want %q", o.stdout, tt.want)
			}
		})
	}
}
