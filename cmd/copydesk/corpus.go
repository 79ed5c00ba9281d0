package main

import (
	"github.com/urfave/cli/v2"

	"github.com/copydesk/copydesk/dedupe"
	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/dedupe/seen"
)

// corpusFlags are clean's flags of duplicates across documents, read
// once; checked by options.
type corpusFlags struct {
	clean       bool // the command has them (clean); check and diff do not
	corpus      bool
	dropDocs    bool
	index       string
	repairIndex bool
	nearDocs    float64
	minWords    int
	boilerplate int
	docID       string
	set         map[string]bool // which of them were given
}

// readCorpusFlags reads the corpus flags of c.
func readCorpusFlags(c *cli.Context) *corpusFlags {
	cf := &corpusFlags{
		clean:       c.Command.Name == "clean",
		corpus:      c.Bool("corpus"),
		dropDocs:    c.Bool("drop-duplicate-docs"),
		index:       c.String("index"),
		repairIndex: c.Bool("repair-index"),
		nearDocs:    c.Float64("near-docs"),
		minWords:    c.Int("min-words"),
		boilerplate: c.Int("boilerplate"),
		docID:       c.String("doc-id"),
		set:         map[string]bool{},
	}
	for _, f := range []string{"near-docs", "min-words", "boilerplate", "doc-id"} {
		cf.set[f] = c.IsSet(f)
	}
	return cf
}

// options checks the corpus flags and returns the corpus options; nil
// options mean no corpus.
func (cf *corpusFlags) options(mode dedupe.Mode) (*corpus.Options, error) {
	remove := mode == dedupe.Corpus
	if cf.repairIndex && cf.index == "" {
		return nil, usagef("clean: --repair-index needs --index")
	}
	if !cf.corpus && !remove && !cf.dropDocs && cf.index == "" {
		for _, f := range []string{"near-docs", "min-words", "boilerplate", "doc-id"} {
			if cf.set[f] {
				return nil, usagef("clean: --%s needs --corpus", f)
			}
		}
		return nil, nil
	}
	co := &corpus.Options{Remove: remove, DropDuplicateDocs: cf.dropDocs, MinWords: cf.minWords}
	switch t := cf.nearDocs; {
	case t < 0 || t > 1:
		return nil, usagef("clean: --near-docs %v: want a similarity from 0 to 1 (0: off)", t)
	case t == 0:
		co.NearThreshold = -1
	default:
		co.NearThreshold = t
	}
	if cf.minWords < 1 {
		return nil, usagef("clean: --min-words %d: want 1 or more", cf.minWords)
	}
	if cf.boilerplate < 0 {
		return nil, usagef("clean: --boilerplate %d: want 0 or more", cf.boilerplate)
	}
	return co, nil
}

// openCorpus builds the corpus of a run from the corpus flags (clean
// only), with its seen-index; nil when the flags ask for none.
func (e *env) openCorpus(o *options, cf *corpusFlags) (*corpus.Corpus, seen.Index, error) {
	if !cf.clean {
		// check and diff have no corpus flags: --dedupe corpus alone
		// asks for the corpus, with its defaults.
		if o.pipeline.Dedupe.Mode != dedupe.Corpus {
			return nil, nil, nil
		}
		return corpus.New(corpus.Options{Remove: true, MinWords: corpus.DefaultMinWords, NearThreshold: corpus.DefaultNearThreshold}), nil, nil
	}
	co, err := cf.options(o.pipeline.Dedupe.Mode)
	if err != nil || co == nil {
		return nil, nil, err
	}
	var index seen.Index
	if cf.index != "" {
		if index, err = e.openIndex(cf.index, cf.repairIndex); err != nil {
			return nil, nil, err
		}
		co.Index = index
	}
	return corpus.New(*co), index, nil
}
