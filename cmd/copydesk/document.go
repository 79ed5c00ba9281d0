package main

import (
	"slices"

	"github.com/copydesk/copydesk/pipeline/config"
	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// allRules returns every rule copydesk can report: the pipeline's, the
// suppression comments' and the corpus's.
func (e *env) allRules() []lint.Rule {
	return registry.RulesOf(e.newPipeline(registry.Options{}))
}

// ruleIDs returns the rules' ids, sorted, each once.
func ruleIDs(rules []lint.Rule) []string {
	ids := make([]string, 0, len(rules))
	for _, r := range rules {
		ids = append(ids, r.ID)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// checker returns the document checker of a run: the options the flags
// set, the configuration files, the format. A --config file is read now,
// so that a mistake in it stops the run before any document.
func (e *env) checker(o *options) (*document.Checker, error) {
	format, err := o.format()
	if err != nil {
		return nil, err
	}
	dopts := document.Options{
		Pipeline:    o.pipeline,
		Override:    o.override,
		Format:      format,
		NewPipeline: e.newPipeline,
		EditsOnly:   o.editsOnly,
	}
	if o.noConfig {
		if o.configSet {
			return nil, usagef("%s: --config and --no-config exclude each other", o.cmd)
		}
		return document.New(dopts), nil
	}
	dopts.Config = &config.Loader{Path: o.config, Rules: e.allRules()}
	if o.config != "" {
		if _, err := dopts.Config.ForDir("."); err != nil {
			return nil, err // names the file and line
		}
	}
	return document.New(dopts), nil
}
