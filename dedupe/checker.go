package dedupe

import (
	"bytes"
	"fmt"
	"unsafe"

	"github.com/copydesk/copydesk/dedupe/segment"
	"github.com/copydesk/copydesk/pipeline/lint"
)

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
	why        string    // why a sentence that would be cut is kept: it is structured (see structure)
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
	para      lint.Span      // the paragraph being checked
	language  *wordList      // its language, once needed (see lang)
	langScore int            // how many of its words the language's list detects
	changelog int8           // the text is shaped like a changelog: 0 not known yet, 1 yes, -1 no
	// inSuggested is why a paragraph's removal is suggested, while its
	// sentences are checked: they stay, and their structured repeats are
	// not reported again.
	inSuggested string
	// work counts the steps of the searches whose cost could grow faster
	// than the text (bytes folded into keys, sentences compared), for the
	// tests that hold Check's time linear.
	work int
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
	c.out, c.done, c.total, c.work, c.changelog = nil, nil, 0, 0, 0
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
			if why := c.structure(p, c.prevPara.span); why != "" {
				c.suggest(RuleParagraph, p, c.prevPara.span, "paragraph repeats the paragraph just before it; removing it is suggested, as "+why, lint.Span{Start: prevEnd, End: p.End})
				// Its sentences that repeat for the same reason are in
				// this finding.
				c.inSuggested = why
				c.sentences(p, prevEnd, key, h, words, true)
				c.inSuggested = ""
				return
			}
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
	c.work += p.Len()
	c.para, c.language = p, nil
	c.split(p)
	c.sk.buf = c.sk.buf[:0]
	c.dbl, c.dblCut = c.dbl[:0], c.dblCut[:0]
	for i := range c.ss {
		s := &c.ss[i]
		d0, start := len(c.dbl), len(c.sk.buf)
		var k []byte
		var foldEnd int
		var ascii bool
		if c.dbl, ascii = foldWords(&c.sk, c.text, s.span, c.dbl); ascii && !c.wordPolicy(s.span, d0) {
			c.addCuts(d0)
			k, foldEnd = c.sk.endKeep()
		} else {
			// Not ASCII, or the policy changed which copies are removed:
			// fold the key again without them.
			c.sk.buf = c.sk.buf[:start]
			if !ascii {
				c.dbl = doubles(c.text, s.span, c.dbl[:d0])
				c.wordPolicy(s.span, d0)
			}
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
		cut := d.cutSpan()
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
				if ok && first == c.prevPara.span && (c.inSuggested != "" || c.structure(p, p) != "") {
					ok = false // structured: its sentences say what is kept
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
