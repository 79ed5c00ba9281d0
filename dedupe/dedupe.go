package dedupe

import (
	"fmt"
	"strings"
	"sync"

	"github.com/copydesk/copydesk/dedupe/segment"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// Mode says which repeats are removed.
type Mode int

const (
	// Adjacent removes a repeat of the unit just before it and reports
	// repeats further away. It is the zero value.
	Adjacent Mode = iota
	// All removes every later copy of a repeated unit.
	All
	// Off reports nothing and removes nothing.
	Off
	// Corpus acts like All within a document, and asks a corpus job
	// (package dedupe/corpus) to remove paragraphs repeated across
	// documents too.
	Corpus
)

// String returns "adjacent", "all", "off" or "corpus".
func (m Mode) String() string {
	switch m {
	case Adjacent:
		return "adjacent"
	case All:
		return "all"
	case Off:
		return "off"
	case Corpus:
		return "corpus"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// ParseMode parses the names String returns, ignoring case and
// surrounding space.
func ParseMode(s string) (Mode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "adjacent":
		return Adjacent, nil
	case "all":
		return All, nil
	case "off":
		return Off, nil
	case "corpus":
		return Corpus, nil
	}
	return Adjacent, fmt.Errorf("unknown dedupe mode %q (want adjacent, all, off or corpus)", s)
}

// Options configure the stage. The zero value is the default.
type Options struct {
	// Mode says which repeats are removed. Values other than the declared
	// ones act like Adjacent.
	Mode Mode
	// MinSentenceWords is the fewest words a sentence or paragraph needs
	// to be removed (or, for a sentence, reported) as a repeat; 0 or less
	// means 4. A word is a space-separated token with a letter or digit.
	MinSentenceWords int
	// Splitter splits paragraphs into sentences; nil uses the rules of
	// Lang.
	Splitter *segment.Splitter
	// Lang is the language of the text ("de", "pt-BR"): when Splitter
	// is nil, sentences are split with its rules (segment.Options.Lang);
	// "" applies every language's rules at once.
	Lang string
	// NearThreshold is the word-level similarity, between 0 and 1, from
	// which a paragraph or sentence is reported as a near-duplicate of an
	// earlier one (dedupe.near-paragraph, dedupe.near-sentence); 0 means
	// DefaultNearThreshold (0.8), a negative value switches the rules off.
	NearThreshold float64
	// FixNear removes a paragraph that is a near-duplicate of the
	// paragraph just before it. By default near-duplicates are only
	// reported; near-duplicate sentences are never removed.
	FixNear bool
	// EchoWindow is how many words apart a content word or phrase may
	// repeat to be reported as an echo by the stage NewEcho returns
	// (style.echo); 0 means DefaultEchoWindow (20), a negative value
	// switches the rule off.
	EchoWindow int
}

// Rule ids of the stage.
const (
	RuleParagraph = "dedupe.paragraph"
	RuleSentence  = "dedupe.sentence"
	RuleWord      = "dedupe.word"
)

// Rules lists the rules of the stage with their default severities.
// Findings that are reported without a fix are warnings, except
// repeats that are not adjacent, which are info.
func Rules() []lint.Rule {
	return []lint.Rule{
		{ID: RuleParagraph, Severity: lint.Error, Fixes: true,
			Doc: "a paragraph repeats the one before it: removed with its blank line; in structured text (list items, changelogs, signature lines, tables, copies that differ in case) the removal is only suggested (a repeat further away: info, kept; removed in mode all)"},
		{ID: RuleSentence, Severity: lint.Error, Fixes: true,
			Doc: "a sentence, or a passage of sentences, repeats the one just before it (on the same line, the next line, or across a paragraph break): removed; in structured text (list items, changelogs, signature lines, tables) reported and kept (further away: info, kept; removed in mode all)"},
		{ID: RuleWord, Severity: lint.Warning, Fixes: true,
			Doc: `a word is typed twice or more: a function word never doubled in running prose ("the the", "of of", also across a line break; per language) loses its extra copies; other doublings ("make make", "sat sat sat") are suggestions; "had had", "that that", chants ("na na na"), quoted mentions, code, tables, initials and copies of different case are left alone`},
		{ID: RuleNearParagraph, Severity: lint.Warning,
			Doc: "a paragraph is nearly the same as an earlier one (80% of its words by default), with a word diff; removed only with FixNear when adjacent"},
		{ID: RuleNearSentence, Severity: lint.Warning,
			Doc: "a sentence of six or more words is nearly the same as an earlier one, with a word diff; never removed"},
	}
}

// New returns the dedupe stage.
func New(opts Options) lint.Stage {
	if opts.MinSentenceWords <= 0 {
		opts.MinSentenceWords = 4
	}
	if opts.Mode == Corpus {
		opts.Mode = All
	}
	if opts.Mode != All && opts.Mode != Off {
		opts.Mode = Adjacent
	}
	if opts.Splitter == nil && opts.Lang != "" {
		opts.Splitter = segment.NewSplitter(segment.Options{Lang: opts.Lang})
	}
	return &stage{opts: opts}
}

type stage struct {
	opts Options
	// pool holds *checker values whose scratch buffers and hash sets are
	// reused by later Check calls, so that a job cleaning many documents
	// does not regrow them for each one. A Check takes one for its own
	// use: the stage stays safe for concurrent use.
	pool sync.Pool
}

// Name returns "dedupe".
func (*stage) Name() string { return "dedupe" }

// Rules lists the stage's rules.
func (*stage) Rules() []lint.Rule { return Rules() }

// Check returns the repeats in text, sorted by position.
func (s *stage) Check(text string) []lint.Finding {
	out, _ := s.check(text)
	return out
}

// check returns the repeats in text and the work it did: the bytes
// folded into keys and the units compared by the exact checks, the
// postings read and the edit-distance cells filled by the near checks.
// Tests compare the work on texts of size n and 2n to hold it linear.
func (s *stage) check(text string) ([]lint.Finding, int) {
	if s.opts.Mode == Off || len(text) == 0 {
		return nil, 0
	}
	c, _ := s.pool.Get().(*checker)
	if c == nil {
		c = new(checker)
	}
	defer func() {
		c.text = "" // hold no document between calls
		s.pool.Put(c)
	}()
	c.reset(text, s.opts)
	// News text has a sentence every 100 bytes or so and a paragraph
	// every 250 to 400: room for that saves regrowing the maps.
	c.sents.reset(len(text) / 96)
	c.paras.reset(len(text) / 384)
	c.paraUnits = segment.AppendParagraphs(c.paraUnits[:0], text)
	paras := c.paraUnits
	for k, p := range paras {
		prevEnd := -1
		if k > 0 {
			prevEnd = paras[k-1].End
		}
		c.paragraph(lint.Span{Start: p.Start, End: p.End}, prevEnd)
	}
	out, work := s.near(text, paras, c.findings())
	return out, work + c.work
}
