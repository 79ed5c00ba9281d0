package dedupe

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
	// Splitter splits paragraphs into sentences; nil uses the default
	// rules of package segment.
	Splitter *segment.Splitter
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
// Findings that are reported without a fix are warnings.
func Rules() []lint.Rule {
	return []lint.Rule{
		{ID: RuleParagraph, Severity: lint.Error, Fixes: true,
			Doc: "a paragraph repeats the one before it: removed with its blank line (a repeat further away: warning; removed in mode all)"},
		{ID: RuleSentence, Severity: lint.Error, Fixes: true,
			Doc: "a sentence, or a passage of sentences, repeats the one just before it (on the same line, the next line, or across a paragraph break): removed (further away: warning; removed in mode all)"},
		{ID: RuleWord, Severity: lint.Warning, Fixes: true,
			Doc: `a word is typed twice or more ("the the", "sat sat sat"): the extra copies are removed, as one finding; "had had", "that that" and the like are kept (a third copy is removed), and so are chants and fillers ("no no no", "na na na", "go go go")`},
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
	if s.opts.Mode == Off || len(text) == 0 {
		return nil
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
	return s.near(text, paras, c.findings())
}

// What happens to a sentence.
const (
	kept        = iota
	keptRepeat  // kept, reported as a repeat of an earlier sentence
	cutAdjacent // removed: repeats the sentence before it in the paragraph
	cutBoundary // removed: repeats the sentence that ended the paragraph before
	cutEarlier  // removed (mode All): repeats an earlier sentence
	cutPassage  // removed: one of a passage of sentences that repeats the passage just before it
)

// maxPassage is the longest passage, in sentences, that is compared with the
// one just before it as a whole.
const maxPassage = 64

// maxTail is the longest passage at the start of a paragraph that is
// compared with the end of the paragraph before it.
const maxTail = 8

type sentence struct {
	span       lint.Span
	key        lint.Span // its key in checker.sk.buf
	fold       lint.Span // its whole fold in checker.sk.buf, before the end is trimmed
	hash       uint64
	words      int
	dbl        lint.Span // its doubled words: checker.dbl[dbl.Start:dbl.End]
	local      int       // kept, or cutAdjacent or cutPassage: what the paragraph's own repeats make of it
	localOf    int       // for a local repeat, the sentence it repeats
	fate       int       // kept, keptRepeat or one of the cut values
	unsafe     bool      // would be cut, but that would change how the paragraph splits
	related    lint.Span // the copy it repeats
	cut        lint.Span // the bytes its removal deletes
	separate   bool      // cut takes the paragraph separator: the paragraph is left empty
	passage    int       // the first sentence of a repeated passage: its length in sentences; -1: a sentence inside one, reported with it
	passageEnd int       // the first sentence of a repeated passage: the index of its last
	bound      bool      // repeats the end of the paragraph before (see boundaryCuts)
	boundOf    lint.Span // what it repeats there
}

// unit is the key of a unit kept for comparison with the next one.
type unit struct {
	ok   bool
	span lint.Span
	hash uint64
	key  []byte
}

func (u *unit) set(sp lint.Span, h uint64, k []byte) {
	u.ok, u.span, u.hash = true, sp, h
	u.key = append(u.key[:0], k...)
}

func (u *unit) is(h uint64, k []byte) bool {
	return u.ok && u.hash == h && bytes.Equal(u.key, k)
}

// A checker holds the state of one Check call. Paragraphs are processed
// in order; prevPara and tail describe the text as fixed so far.
type checker struct {
	text  string
	all   bool
	min   int
	out   []lint.Finding   // the findings so far: the last chunk
	done  [][]lint.Finding // the full chunks before it
	total int              // findings in done

	prevPara  unit        // the last paragraph that stays, as fixed
	tail      []tailUnit  // the last sentences that stay, up to maxTail, oldest first
	tailSkips []lint.Span // the skips of their keys
	paras     keySet      // long paragraphs that stay, first copies
	sents     keySet      // long sentences that stay, first copies
	sk, pk    folder      // key builders for sentences and paragraphs
	tmp       folder      // key builder for keyAt
	edits     []lint.Edit // slab for the fixes of findings
	related   []lint.Span // slab for the related spans of findings
	ss        []sentence
	dbl       []double    // the doubled words of the paragraph
	dblCut    []lint.Span // the bytes the fix of each of dbl removes (empty: none)
	skip      []lint.Span
	splitter  *segment.Splitter
	found     []segment.Unit // what splitter finds
	paraUnits []segment.Unit // the paragraphs of the text
	units     []lint.Span    // sentence bounds
	kept      []int          // the sentences of the paragraph that stay so far, for walk
	vbuf      []byte         // a paragraph as fixed, for stable
}

// maxScratch is the largest scratch buffer, in bytes, that a checker
// keeps for the next Check: a huge document's memory is given back.
const maxScratch = 1 << 20

// reset readies a pooled checker for a Check of text. The findings of
// the last Check, and the slabs their Fix and Related slices are cut
// from, belong to its caller: they are dropped, never reused. Scratch
// buffers are kept, emptied, unless they grew past maxScratch.
func (c *checker) reset(text string, opts Options) {
	c.text, c.all, c.min, c.splitter = text, opts.Mode == All, opts.MinSentenceWords, opts.Splitter
	c.out, c.done, c.total = nil, nil, 0
	c.edits, c.related = nil, nil
	c.prevPara.ok = false
	c.tail, c.tailSkips = c.tail[:0], c.tailSkips[:0]
	c.prevPara.key = keepScratch(c.prevPara.key)
	c.sk.buf, c.pk.buf, c.tmp.buf = keepScratch(c.sk.buf), keepScratch(c.pk.buf), keepScratch(c.tmp.buf)
	c.vbuf = keepScratch(c.vbuf)
	if cap(c.ss)*int(unsafe.Sizeof(sentence{})) > maxScratch {
		c.ss = nil
	}
	if cap(c.dbl)*int(unsafe.Sizeof(double{})) > maxScratch {
		c.dbl = nil
	}
	const spanBytes = int(unsafe.Sizeof(lint.Span{}))
	for _, b := range []*[]lint.Span{&c.dblCut, &c.skip, &c.units} {
		if cap(*b)*spanBytes > maxScratch {
			*b = nil
		}
	}
	if cap(c.found)*int(unsafe.Sizeof(segment.Unit{})) > maxScratch {
		c.found = nil
	}
	if cap(c.paraUnits)*int(unsafe.Sizeof(segment.Unit{})) > maxScratch {
		c.paraUnits = nil
	}
	c.ss, c.dbl, c.dblCut, c.skip, c.found, c.units = c.ss[:0], c.dbl[:0], c.dblCut[:0], c.skip[:0], c.found[:0], c.units[:0]
}

// keepScratch returns b emptied, or nil if it is too large to keep.
func keepScratch(b []byte) []byte {
	if cap(b) > maxScratch {
		return nil
	}
	return b[:0]
}

// paragraph checks the paragraph at p; prevEnd is the end of the
// paragraph before it in the text, or -1.
func (c *checker) paragraph(p lint.Span, prevEnd int) {
	c.load(p)

	// The paragraph as its own repeated sentences leave it.
	c.localRepeats()
	for i := range c.ss {
		s := &c.ss[i]
		s.fate, s.unsafe = s.local, false
	}
	key, words := c.paraKey(p, prevEnd, true)
	h := hashKey(key)
	if c.prevPara.is(h, key) {
		if words >= c.min {
			c.dropParagraph(p, prevEnd, c.prevPara.span, "paragraph repeats the paragraph just before it")
			return
		}
		c.report(RuleParagraph, p, c.prevPara.span, fmt.Sprintf(
			"short paragraph repeats the paragraph just before it; kept, as a repeat under %d words is often meant (a scene break, an exclamation)", c.min))
		c.sentences(p, prevEnd, key, h, words, true)
		return
	}
	repeats := false
	if words >= c.min {
		if first, ok := c.paras.find(h, key, c.keyAt); ok {
			if c.all {
				c.dropParagraph(p, prevEnd, first, "paragraph repeats an earlier paragraph")
				return
			}
			c.report(RuleParagraph, p, first, "paragraph repeats an earlier paragraph; not adjacent, so kept (use --dedupe all to remove)")
			repeats = true
		}
	}
	c.sentences(p, prevEnd, key, h, words, repeats)
}

// load splits paragraph p into c.ss and finds, for each sentence, its
// doubled words and its key as they leave it.
func (c *checker) load(p lint.Span) {
	c.split(p)
	c.sk.buf = c.sk.buf[:0]
	c.dbl, c.dblCut = c.dbl[:0], c.dblCut[:0]
	for i := range c.ss {
		s := &c.ss[i]
		d0, start := len(c.dbl), len(c.sk.buf)
		var k []byte
		var foldEnd int
		var ascii bool
		if c.dbl, ascii = foldWords(&c.sk, c.text, s.span, c.dbl); ascii {
			c.addCuts(d0)
			k, foldEnd = c.sk.endKeep()
		} else {
			c.sk.buf, c.dbl = c.sk.buf[:start], c.dbl[:d0]
			c.dbl = doubles(c.text, s.span, c.dbl)
			c.addCuts(d0)
			k, foldEnd = keyOf(&c.sk, c.text, s.span, c.dblCut[d0:], true)
		}
		s.dbl = lint.Span{Start: d0, End: len(c.dbl)}
		kStart := len(c.sk.buf) - len(k) // after the fold, or at its start
		if foldEnd == len(c.sk.buf) {
			kStart = start
		}
		s.key = lint.Span{Start: kStart, End: kStart + len(k)}
		s.fold = lint.Span{Start: start, End: foldEnd}
		s.hash = hashKey(k)
		s.words = c.sk.words
	}
}

// addCuts appends to c.dblCut the cuts of the doubles c.dbl[d0:].
func (c *checker) addCuts(d0 int) {
	for _, d := range c.dbl[d0:] {
		cut := lint.Span{Start: d.cut, End: d.second.End}
		if !d.fix {
			cut.Start = cut.End // nothing removed: an empty skip
		}
		c.dblCut = append(c.dblCut, cut)
	}
}

// sentences decides the fate of the sentences of paragraph p, which
// stays unless they all go or it turns out to repeat the paragraph
// before it once they are gone. key, h and words are the paragraph's key,
// its hash and its word count once its local repeats are gone, and
// c.skip the byte ranges the key skips. quiet suppresses the report of
// sentences that repeat earlier ones but stay: the paragraph was reported
// whole.
//
// A fix must not change how the rest of the paragraph splits into
// sentences, or Check on the fixed text would see other sentences and
// could find more to fix. The splitter looks at context (a sentence that
// starts with "* " reads as a list item), so when the paragraph as fixed
// splits differently, the sentence removals become reports, and if that
// is not enough, the word removals too.
func (c *checker) sentences(p lint.Span, prevEnd int, key []byte, h uint64, words int, quiet bool) {
	mark := c.sents.mark()
	known := words >= c.min && quiet // a long paragraph that quiet says repeats
	var last int
	level := 0 // 0: fix all; 1: no sentence removals; 2: no word removals either
	for ; ; level++ {
		var changed, cut bool
		last, changed, cut = c.walk(quiet, level > 0)
		if last < 0 {
			// Every sentence repeats: the paragraph goes with them.
			c.cuts(p, prevEnd)
			c.emitSentences()
			return
		}
		if changed || level > 0 {
			// Not the sentences the key was built without: rebuild it.
			key, words = c.paraKey(p, prevEnd, level < 2)
			h = hashKey(key)
			known = false
			if words >= c.min {
				first, ok := c.prevPara.span, c.prevPara.is(h, key)
				if !ok {
					first, ok = c.paras.find(h, key, c.keyAt)
					known = ok
					ok = ok && c.all
				}
				if ok {
					msg := "paragraph repeats the paragraph just before it"
					if first != c.prevPara.span {
						msg = "paragraph repeats an earlier paragraph"
					}
					if level == 0 {
						msg += " once its repeated sentences are removed"
					}
					c.sents.rollback(mark)
					c.dropParagraph(p, prevEnd, first, msg)
					return
				}
			}
		}
		if level == 2 || !cut && !c.fixesWords() || c.stable(p) {
			break
		}
		c.sents.rollback(mark)
	}
	c.emitSentences()
	c.emitDoubles(level < 2)
	if words >= c.min && !known {
		c.paras.add(h, p, c.skip) // c.skip: the skips of key
	}
	c.prevPara.set(p, h, key)
	c.setTail()
}

// setTail keeps the last sentences of the paragraph that stay, up to
// maxTail, as c.tail.
func (c *checker) setTail() {
	n, first := 0, len(c.ss)
	for i := len(c.ss) - 1; i >= 0 && n < maxTail; i-- {
		if !gone(&c.ss[i]) {
			n, first = n+1, i
		}
	}
	c.tail, c.tailSkips = c.tail[:0], c.tailSkips[:0]
	for i := first; i < len(c.ss); i++ {
		s := &c.ss[i]
		if gone(s) {
			continue
		}
		s0 := len(c.tailSkips)
		for _, cut := range c.dblCut[s.dbl.Start:s.dbl.End] {
			if cut.Start < cut.End {
				c.tailSkips = append(c.tailSkips, cut)
			}
		}
		c.tail = append(c.tail, tailUnit{span: s.span, hash: s.hash, skip: [2]int{s0, len(c.tailSkips)}})
	}
}

// A tailUnit is a sentence of c.tail: its key is rebuilt from its span
// and skips (keyAt) only when its hash matches, so keeping it costs no
// copy of the key.
type tailUnit struct {
	span lint.Span
	hash uint64
	skip [2]int // its skips in c.tailSkips
}

// tailIs reports whether sentence i has the key of c.tail[j].
func (c *checker) tailIs(j, i int) bool {
	u := &c.tail[j]
	return u.hash == c.ss[i].hash && bytes.Equal(c.keyAt(u.span, c.tailSkips[u.skip[0]:u.skip[1]]), c.sentenceKey(i))
}

// boundaryCuts marks the sentences at the start of the paragraph that
// repeat the end of the paragraph before: a long sentence that repeats
// its last sentence, or a passage of two or more (one of them long) that
// repeats its last ones, again and again while the paragraph's next
// sentences do ("…A. B.⏎⏎A. B. C."). Only sentences that local repeats
// leave (c.kept) count; a passage takes the local repeats inside it.
func (c *checker) boundaryCuts() {
	for i := range c.ss {
		c.ss[i].bound = false
	}
	k := c.kept
	for len(k) > 0 && len(c.tail) > 0 {
		n := c.tailMatch(k)
		if n == 0 {
			return
		}
		for t := range n {
			r := &c.ss[k[t]]
			r.bound, r.boundOf = true, c.tail[len(c.tail)-n+t].span
		}
		if n > 1 {
			c.ss[k[0]].passage, c.ss[k[0]].passageEnd = n, k[n-1]
			for x := k[0] + 1; x <= k[n-1]; x++ {
				c.ss[x].passage = -1 // in the passage's finding
			}
		}
		k = k[n:]
	}
}

// tailMatch returns the length of the shortest passage at the start of
// the sentences k that repeats the end of c.tail, with a long sentence
// in it, or 0.
func (c *checker) tailMatch(k []int) int {
	for n := 1; n <= len(k) && n <= len(c.tail); n++ {
		long := false
		t := 0
		for ; t < n; t++ {
			i := k[t]
			if !c.tailIs(len(c.tail)-n+t, i) {
				break
			}
			long = long || c.ss[i].words >= c.min
		}
		if t == n && long {
			return n
		}
	}
	return 0
}

// gone reports whether sentence s is removed.
func gone(s *sentence) bool { return s.fate >= cutAdjacent && !s.unsafe }

// walk sets the fate of each sentence of the paragraph: long sentences
// that repeat the one before them (in the paragraph or, for the first,
// the last one of the paragraph before) are cut, and so are passages of
// two or more sentences that repeat the ones just before them, and, in
// mode All, repeats of earlier ones; with keep, they stay instead, marked
// unsafe. It returns the last sentence that stays (-1: none), whether a
// sentence that the paragraph's key left in is cut, and whether any is.
func (c *checker) walk(quiet, keep bool) (last int, changed, cut bool) {
	last = -1 // -1: none in this paragraph
	c.boundaryCuts()
	for i := range c.ss {
		s := &c.ss[i]
		s.fate, s.unsafe = kept, false
		switch {
		case s.bound:
			s.fate, s.related = cutBoundary, s.boundOf
			changed = true
		case s.local != kept:
			s.fate, s.related = s.local, c.ss[s.localOf].span
		case s.words < c.min:
		default:
			if first, ok := c.sents.find(s.hash, c.sentenceKey(i), c.keyAt); ok {
				s.related = first
				if c.all {
					s.fate = cutEarlier
					changed = true
				} else if !quiet {
					s.fate = keptRepeat
				}
			} else {
				c.sents.add(s.hash, s.span, c.dblCut[s.dbl.Start:s.dbl.End])
			}
		}
		if s.fate >= cutAdjacent {
			if !keep {
				cut = true
				continue
			}
			s.unsafe = true
		}
		last = i
	}
	return last, changed, cut
}

// localRepeats finds the sentences of the paragraph that repeat the one
// that stays just before them (long ones only) and the passages of two or
// more sentences that repeat, sentence for sentence, the ones that stay
// just before them ("A. B. A. B.": a passage pasted twice on one line or
// on the next; at least one of its sentences long). It marks them in
// local and localOf, and the first sentence of each passage with its
// length. It goes over the sentences that stay until none is found, so
// that what it leaves holds no such repeat: "E. No. E. E. No." loses the
// second E first, and then the passage "E. No.".
func (c *checker) localRepeats() {
	k := c.kept[:0]
	for i := range c.ss {
		s := &c.ss[i]
		s.local, s.localOf, s.passage = kept, i, 0
		k = append(k, i)
	}
	for len(k) > 1 {
		found := false
		out := k[:0] // written behind where it is read
		for i := 0; i < len(k); {
			j := k[i]
			if len(out) > 0 && c.ss[j].words >= c.min && c.sameSentence(j, out[len(out)-1]) {
				c.ss[j].local, c.ss[j].localOf = cutAdjacent, out[len(out)-1]
				found = true
				i++
				continue
			}
			if n := c.repeatedPassage(out, k[i:]); n > 0 {
				for t := range n {
					r := &c.ss[k[i+t]]
					r.local, r.localOf = cutPassage, out[len(out)-n+t]
				}
				c.ss[j].passage, c.ss[j].passageEnd = n, k[i+n-1]
				// Sentences between its first and last that went in
				// an earlier round go with it, in its finding.
				for x := j + 1; x < k[i+n-1]; x++ {
					if c.ss[x].local != kept {
						c.ss[x].passage = -1
					}
				}
				found = true
				i += n
				continue
			}
			out = append(out, j)
			i++
		}
		k = out
		if !found {
			break
		}
	}
	c.kept = k
}

// repeatedPassage returns the length of the shortest passage of two or
// more sentences at the start of next that repeats, sentence for
// sentence, the end of before, with at least one long sentence; or 0.
func (c *checker) repeatedPassage(before, next []int) int {
	h := c.ss[next[0]].hash
	for n := 2; n <= len(before) && n <= len(next) && n <= maxPassage; n++ {
		first := before[len(before)-n:]
		if c.ss[first[0]].hash != h {
			continue
		}
		long := false
		t := 0
		for ; t < n && c.sameSentence(next[t], first[t]); t++ {
			long = long || c.ss[next[t]].words >= c.min
		}
		if t == n && long {
			return n
		}
	}
	return 0
}

// fixesWords reports whether a doubled word of a sentence that stays is
// removed.
func (c *checker) fixesWords() bool {
	for i := range c.ss {
		s := &c.ss[i]
		if gone(s) {
			continue
		}
		for _, d := range c.dbl[s.dbl.Start:s.dbl.End] {
			if d.fix {
				return true
			}
		}
	}
	return false
}

// stable reports whether paragraph p, once the byte ranges in c.skip are
// removed, splits into the sentences that stay, at the same places.
func (c *checker) stable(p lint.Span) bool {
	b := c.vbuf[:0]
	cur := p.Start
	for _, s := range c.skip {
		if s.Start > cur {
			b = append(b, c.text[cur:s.Start]...)
		}
		cur = max(cur, s.End)
	}
	b = append(b, c.text[cur:p.End]...)
	c.vbuf = b
	c.units = c.sentenceUnits(c.units[:0], string(b), 0)

	// Where the sentences that stay are in b: before each bound, the bytes
	// of the skips that end at or before it are gone.
	k, j, removed, covered := 0, 0, 0, p.Start
	at := func(x int) int {
		for ; j < len(c.skip) && c.skip[j].End <= x; j++ {
			if s := c.skip[j]; s.End > covered {
				removed += s.End - max(s.Start, covered)
				covered = s.End
			}
		}
		return x - p.Start - removed
	}
	for i := range c.ss {
		s := &c.ss[i]
		if gone(s) {
			continue
		}
		if k == len(c.units) || c.units[k] != (lint.Span{Start: at(s.span.Start), End: at(s.span.End)}) {
			return false
		}
		k++
	}
	return k == len(c.units)
}

// split fills c.ss with the sentences of paragraph p.
func (c *checker) split(p lint.Span) {
	c.units = c.sentenceUnits(c.units[:0], c.text[p.Start:p.End], p.Start)
	c.ss = slices.Grow(c.ss[:0], len(c.units))
	for _, u := range c.units {
		c.ss = append(c.ss, sentence{span: u})
	}
}

// sentenceUnits appends to dst the sentences of t, a paragraph that
// starts at offset base, as spans without surrounding white space. Units
// that are empty, out of order or out of range are dropped, in case a
// splitter errs; a paragraph with none is one sentence.
func (c *checker) sentenceUnits(dst []lint.Span, t string, base int) []lint.Span {
	n := len(dst)
	last := 0
	c.found = c.splitter.AppendSentences(c.found[:0], t)
	for _, u := range c.found {
		if u.Start < last || u.End <= u.Start || u.End > len(t) {
			continue
		}
		last = u.End
		if s, e := trimSpace(t, u.Start, u.End); s < e {
			dst = append(dst, lint.Span{Start: base + s, End: base + e})
		}
	}
	if len(dst) == n {
		if s, e := trimSpace(t, 0, len(t)); s < e {
			dst = append(dst, lint.Span{Start: base + s, End: base + e})
		}
	}
	return dst
}

// keyAt rebuilds the key of the unit at sp whose key skips skip.
func (c *checker) keyAt(sp lint.Span, skip []lint.Span) []byte {
	c.tmp.buf = c.tmp.buf[:0]
	k, _ := keyOf(&c.tmp, c.text, sp, skip, false)
	return k
}

// sentenceKey returns the key of sentence i.
func (c *checker) sentenceKey(i int) []byte {
	k := c.ss[i].key
	return c.sk.buf[k.Start:k.End]
}

// sameSentence reports whether sentences i and j have the same key.
func (c *checker) sameSentence(i, j int) bool {
	return c.ss[i].hash == c.ss[j].hash && bytes.Equal(c.sentenceKey(i), c.sentenceKey(j))
}

// paraKey returns the key and word count of paragraph p as it reads once
// the sentences that are gone are removed and, if words is set, its
// doubled words; c.skip holds the byte ranges the key skips, sorted.
func (c *checker) paraKey(p lint.Span, prevEnd int, words bool) ([]byte, int) {
	c.cuts(p, prevEnd)
	c.skip = c.skip[:0]
	for i := range c.ss {
		s := &c.ss[i]
		if gone(s) {
			c.skip = append(c.skip, s.cut)
			continue
		}
		if words {
			c.skip = append(c.skip, c.dblCut[s.dbl.Start:s.dbl.End]...)
		}
	}
	if words && c.ss[0].span.Start == p.Start && c.ss[len(c.ss)-1].span.End == p.End {
		if k, n, ok := c.joinKeys(); ok {
			return k, n
		}
	}
	c.pk.buf = c.pk.buf[:0]
	k, _ := keyOf(&c.pk, c.text, p, c.skip, false)
	return k, c.pk.words
}

// joinKeys builds the key of a paragraph none of whose sentences is gone
// from the folds of its sentences, which is what folding it again would
// give: the sentences cover all but the white space between them. It
// returns false if a fold is empty.
func (c *checker) joinKeys() ([]byte, int, bool) {
	if len(c.ss) == 1 {
		s := &c.ss[0]
		return c.sentenceKey(0), s.words, s.fold.End > s.fold.Start
	}
	f := &c.pk
	f.buf = f.buf[:0]
	f.begin()
	words := 0
	for i := range c.ss {
		s := &c.ss[i]
		if gone(s) || s.fold.End == s.fold.Start {
			return nil, 0, false
		}
		if i > 0 && s.span.Start > c.ss[i-1].span.End {
			f.buf = append(f.buf, ' ')
		}
		f.buf = append(f.buf, c.sk.buf[s.fold.Start:s.fold.End]...)
		words += s.words
	}
	return f.end(), words, true
}

// cuts sets the cut of each sentence that is gone. A run of removed
// sentences takes the white space on one side: after it when it starts
// the paragraph or a line, before it when it ends the paragraph or a
// line, after it otherwise. A run that is the whole paragraph takes the
// separator before the paragraph instead, so no blank lines pile up.
// The cuts of one run tile it, so fixes touch but never overlap.
func (c *checker) cuts(p lint.Span, prevEnd int) {
	ss := c.ss
	for i := 0; i < len(ss); {
		if !gone(&ss[i]) {
			i++
			continue
		}
		j := i
		for j+1 < len(ss) && gone(&ss[j+1]) {
			j++
		}
		n := len(ss)
		switch {
		case i == 0 && j == n-1: // the whole paragraph
			lo := prevEnd
			if lo < 0 {
				lo = p.Start
			}
			for k := i; k <= j; k++ {
				hi := ss[k].span.End
				if k == j {
					hi = p.End
				}
				ss[k].cut, ss[k].separate = lint.Span{Start: lo, End: hi}, k == i
				lo = hi
			}
		case j == n-1 || i > 0 && c.hasNewline(ss[j].span.End, ss[j+1].span.Start) && !c.hasNewline(ss[i-1].span.End, ss[i].span.Start):
			// Take the white space before the run.
			for k := i; k <= j; k++ {
				hi := ss[k].span.End
				if k == n-1 {
					hi = p.End
				}
				ss[k].cut, ss[k].separate = lint.Span{Start: ss[k-1].span.End, End: hi}, false
			}
		default:
			// Take the white space after the run.
			for k := i; k <= j; k++ {
				lo := ss[k].span.Start
				if k == 0 {
					lo = p.Start
				}
				ss[k].cut, ss[k].separate = lint.Span{Start: lo, End: ss[k+1].span.Start}, false
			}
		}
		i = j + 1
	}
}

func (c *checker) hasNewline(from, to int) bool {
	return strings.IndexByte(c.text[from:to], '\n') >= 0
}

// dropParagraph removes paragraph p, a repeat of first, with the
// separator before it.
func (c *checker) dropParagraph(p lint.Span, prevEnd int, first lint.Span, msg string) {
	cut := lint.Span{Start: prevEnd, End: p.End}
	if prevEnd < 0 {
		cut.Start = p.Start // not reached: the first paragraph repeats nothing
	}
	c.emit(RuleParagraph, lint.Error, p, msg+" (removed"+c.differs(p, first)+")", &cut, first)
}

// report adds a warning without a fix.
func (c *checker) report(rule string, sp, first lint.Span, msg string) {
	c.emit(rule, lint.Warning, sp, msg, nil, first)
}

// emit adds a finding at sp about a repeat of first; cut, if not nil, is
// what its fix deletes. The one-element Fix and Related slices are cut
// from shared slabs, with their capacity capped, so that a text with many
// findings does not make two small allocations for each.
func (c *checker) emit(rule string, sev lint.Severity, sp lint.Span, msg string, cut *lint.Span, first lint.Span) {
	if len(c.related) == cap(c.related) {
		c.related = make([]lint.Span, 0, min(max(16, 2*cap(c.related)), 4096))
	}
	c.related = append(c.related, first)
	n := len(c.related)
	f := lint.Finding{Rule: rule, Severity: sev, Span: sp, Message: msg, Related: c.related[n-1 : n : n]}
	if cut != nil {
		if len(c.edits) == cap(c.edits) {
			c.edits = make([]lint.Edit, 0, min(max(16, 2*cap(c.edits)), 4096))
		}
		c.edits = append(c.edits, lint.Edit{Span: *cut})
		n := len(c.edits)
		f.Fix = c.edits[n-1 : n : n]
	}
	if len(c.out) == cap(c.out) {
		// Full: start a new chunk rather than copying the findings so
		// far; findings gathers them at the end.
		if len(c.out) > 0 {
			c.done = append(c.done, c.out)
			c.total += len(c.out)
		}
		c.out = make([]lint.Finding, 0, min(max(16, 2*cap(c.out)), 8192))
	}
	c.out = append(c.out, f)
}

// findings returns all findings, sorted by position.
func (c *checker) findings() []lint.Finding {
	out := c.out
	if len(c.done) > 0 {
		out = make([]lint.Finding, 0, c.total+len(c.out))
		for _, d := range c.done {
			out = append(out, d...)
		}
		out = append(out, c.out...)
	}
	cmp := func(a, b lint.Finding) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	}
	if !slices.IsSortedFunc(out, cmp) {
		slices.SortStableFunc(out, cmp)
	}
	return out
}

// emitSentences reports the sentences of the paragraph that repeat.
func (c *checker) emitSentences() {
	for i := range c.ss {
		s := &c.ss[i]
		if s.passage < 0 {
			continue // in the finding of the passage around it
		}
		var msg string
		switch s.fate {
		case kept:
			continue
		case keptRepeat:
			c.report(RuleSentence, s.span, s.related, "sentence repeats an earlier sentence; not adjacent, so kept (use --dedupe all to remove)")
			continue
		case cutBoundary:
			if s.passage > 0 {
				c.emitPassage(i)
				continue
			}
			msg = "paragraph starts with the sentence that ended the paragraph before it"
		case cutAdjacent:
			msg = "sentence repeats the sentence just before it"
		case cutEarlier:
			msg = "sentence repeats an earlier sentence"
		case cutPassage:
			if s.passage <= 0 {
				continue // reported with the first sentence of its passage
			}
			c.emitPassage(i)
			continue
		}
		switch {
		case s.unsafe:
			c.report(RuleSentence, s.span, s.related, msg+"; kept, as removing it would change how the rest of the paragraph splits into sentences")
		case s.separate:
			c.emit(RuleSentence, lint.Error, s.span, msg+" (removed, with the paragraph it leaves empty"+c.differs(s.span, s.related)+")", &s.cut, s.related)
		default:
			c.emit(RuleSentence, lint.Error, s.span, msg+" (removed"+c.differs(s.span, s.related)+")", &s.cut, s.related)
		}
	}
}

// emitPassage reports the repeated passage that starts at sentence i as one
// finding: its span runs from its first sentence to its last, and its fix
// removes them all.
func (c *checker) emitPassage(i int) {
	s := &c.ss[i]
	end := &c.ss[s.passageEnd]
	sp := lint.Span{Start: s.span.Start, End: end.span.End}
	first := lint.Span{Start: s.related.Start, End: end.related.End}
	msg := fmt.Sprintf("passage of %d sentences repeats the %d sentences just before it", s.passage, s.passage)
	if s.fate == cutBoundary {
		msg = fmt.Sprintf("paragraph starts with the %d sentences that ended the paragraph before it", s.passage)
	}
	if s.unsafe {
		c.report(RuleSentence, sp, first, msg+"; kept, as removing it would change how the rest of the paragraph splits into sentences")
		return
	}
	cut := lint.Span{Start: s.cut.Start, End: end.cut.End}
	if s.separate {
		c.emit(RuleSentence, lint.Error, sp, msg+" (removed, with the paragraph it leaves empty"+c.differs(sp, first)+")", &cut, first)
		return
	}
	c.emit(RuleSentence, lint.Error, sp, msg+" (removed"+c.differs(sp, first)+")", &cut, first)
}

// emitDoubles reports the doubled words of the sentences that stay; fix
// says whether those that are slips are removed.
func (c *checker) emitDoubles(fix bool) {
	for i := range c.ss {
		s := &c.ss[i]
		if gone(s) {
			continue
		}
		for k, d := range c.dbl[s.dbl.Start:s.dbl.End] {
			if d.n > 2 {
				c.emitRun(d, fix, &c.dblCut[s.dbl.Start+k])
				continue
			}
			w := strconv.Quote(c.text[d.second.Start:d.second.End])
			if !fix && d.fix {
				c.report(RuleWord, d.second, d.first, "repeated word "+w+"; kept, as removing it would change how its paragraph splits into sentences")
				continue
			}
			if !d.fix {
				c.report(RuleWord, d.second, d.first, "repeated word "+w+"; kept, as this doubling is often grammatical (\"waiting for for years\", \"what it is is\")")
				continue
			}
			c.emit(RuleWord, lint.Warning, d.second, "repeated word "+w+" (the second copy is removed)", &c.dblCut[s.dbl.Start+k], d.first)
		}
	}
}

// differs returns a note for a message when the copies at a and b are
// not byte for byte the same, to go inside its parentheses.
func (c *checker) differs(a, b lint.Span) string {
	if c.text[a.Start:a.End] == c.text[b.Start:b.End] {
		return ""
	}
	return "; the copies differ only in case, quotes, spacing, final dots or repeats inside them"
}

// trimSpace returns the bounds of t[s:e] without surrounding white space.
func trimSpace(t string, s, e int) (int, int) {
	for s < e {
		r, n := rune(t[s]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(t[s:e])
		}
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := rune(t[e-1]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeLastRuneInString(t[s:e])
		}
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}
