package main

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// suggestStage suggests replacing "colour" with "color": a fix it is not
// sure of.
type suggestStage struct{}

func (suggestStage) Name() string { return "suggest" }

func (suggestStage) Rules() []lint.Rule {
	return []lint.Rule{{ID: "test.suggest", Severity: lint.Info, Fixes: true, Doc: "suggests color"}}
}

func (suggestStage) Check(text string) []lint.Finding {
	i := strings.Index(text, "colour")
	if i < 0 {
		return nil
	}
	sp := lint.Span{Start: i, End: i + len("colour")}
	return []lint.Finding{{Rule: "test.suggest", Span: sp, Message: "colour → color", Suggest: true, Fix: []lint.Edit{{Span: sp, New: "color"}}}}
}

// suggestPipeline is fakePipeline with suggestStage, honouring
// ApplySuggestions as registry.Default does.
func suggestPipeline(opts registry.Options) *pipeline.Pipeline {
	p := pipeline.New(append(fakePipeline(opts).Stages(), suggestStage{})...)
	p.Disable(opts.Disabled...)
	p.ReportOnly(opts.ReportOnly...)
	p.ApplySuggestions(opts.ApplySuggestions)
	return p
}

// --apply-suggestions, and the configuration key apply-suggestions,
// apply suggested fixes; without them clean leaves the text alone.
func TestApplySuggestions(t *testing.T) {
	cd(t, map[string]string{"a.txt": "The colour red.\n"})
	s := session{pipeline: suggestPipeline}
	if o := s.run(t, "clean", "--no-config", "a.txt"); o.stdout != "The colour red.\n" || o.code != 0 {
		t.Errorf("clean: %q, exit %d, %s", o.stdout, o.code, o.stderr)
	}
	if o := s.run(t, "clean", "--no-config", "--apply-suggestions", "a.txt"); o.stdout != "The color red.\n" {
		t.Errorf("clean --apply-suggestions: %q, exit %d, %s", o.stdout, o.code, o.stderr)
	}
	if o := s.run(t, "diff", "--no-config", "a.txt"); o.stdout != "" || o.code != 0 {
		t.Errorf("diff: %q, exit %d, %s", o.stdout, o.code, o.stderr)
	}
	if o := s.run(t, "diff", "--no-config", "--apply-suggestions", "a.txt"); !strings.Contains(o.stdout, "+The color red.") || o.code != exitFound {
		t.Errorf("diff --apply-suggestions: %q, exit %d, %s", o.stdout, o.code, o.stderr)
	}
	if o := s.run(t, "check", "--no-config", "--apply-suggestions", "--format", "short", "a.txt"); !strings.Contains(o.stdout, "test.suggest") || o.code == exitFailure {
		t.Errorf("check --apply-suggestions: %q, exit %d, %s", o.stdout, o.code, o.stderr)
	}
	cd(t, map[string]string{"a.txt": "The colour red.\n", ".copydesk.toml": "apply-suggestions = true\n"})
	if o := s.run(t, "clean", "a.txt"); o.stdout != "The color red.\n" {
		t.Errorf("clean with apply-suggestions = true: %q, %s", o.stdout, o.stderr)
	}
	if o := s.run(t, "clean", "--apply-suggestions=false", "a.txt"); o.stdout != "The colour red.\n" {
		t.Errorf("the flag does not win over the file: %q, %s", o.stdout, o.stderr)
	}
}
