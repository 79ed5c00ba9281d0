package dedupe

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/dedupe/segment"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// Near-duplicates
//
// A unit (paragraph or sentence) is a near-duplicate of an earlier one
// when their word sequences are similar but not equal: the similarity is
// 1 − d/max(len(a), len(b)), with d the word-level edit distance
// (insertions, deletions and substitutions of whole words, compared
// case-insensitively, punctuation ignored). Units are compared as they
// read once the exact-repeat fixes are applied. Not reported: exact
// repeats (dedupe.paragraph and dedupe.sentence report those), units with
// fewer than six words (or Options.MinSentenceWords) or more than 1000,
// the sentences of a paragraph reported whole, and units that differ only
// in capitalized words and numbers ("Release date to be confirmed on
// PS2." / "… on DS.": a pattern such as a list of results, not a copy).
//
// Candidates come from an inverted index of word bigrams: each bigram
// keeps at most nearPostings units, and a bigram seen more often is a
// stop bigram ("of the"), dropped from the index. A unit is verified,
// with a banded edit distance, against the few earlier units that share
// the most indexed bigrams with it. So Check stays linear in the number
// of units, at the price of missing a near copy that shares no rare
// bigram with its original.

// Rule ids of near-duplicates.
const (
	RuleNearParagraph = "dedupe.near-paragraph"
	RuleNearSentence  = "dedupe.near-sentence"
)

const (
	// DefaultNearThreshold is the similarity from which units are
	// near-duplicates when Options.NearThreshold is 0.
	DefaultNearThreshold = 0.8
	// nearMinWords is the fewest words a unit needs to be compared.
	nearMinWords = 6
	// nearMaxWords is the most words a unit may have to be compared: the
	// banded edit distance costs words² × (1 − threshold).
	nearMaxWords = 1000
	// nearPostings is how many units a bigram indexes before it counts
	// as a stop bigram.
	nearPostings = 8
	// nearVerify is how many candidates are verified for each unit.
	nearVerify = 4
	// nearDiffGroups is how many changes a message shows.
	nearDiffGroups = 3
)

// A token is a word of a text: its bytes and the hash of its folded form.
type token struct {
	lint.Span
	id      uint64
	letters bool // letters only: no digit
	upper   bool // starts with an upper-case letter
}

// appendTokens appends the words of text[sp] to dst: runs of letters,
// marks, digits and underscores, with an apostrophe or hyphen between two
// of them inside the word ("don't", "well-known"). Each is hashed folded
// by Unicode simple case folding, curly apostrophes straightened.
// Invalid bytes separate words.
func appendTokens(dst []token, text string, sp lint.Span) []token {
	for i := sp.Start; i < sp.End; {
		c := text[i]
		if c < utf8.RuneSelf {
			if !asciiWord[c] {
				i++
				continue
			}
		} else {
			r, n := utf8.DecodeRuneInString(text[i:sp.End])
			if !isWordRune(r) {
				i += n
				continue
			}
		}
		end, _, _ := scanWord(text, i, sp.End)
		t := token{Span: lint.Span{Start: i, End: end}, letters: true}
		h := uint64(14695981039346656037)
		for k := i; k < end; {
			c := text[k]
			if c < utf8.RuneSelf {
				switch {
				case 'A' <= c && c <= 'Z':
					t.upper = t.upper || k == i
					c += 'a' - 'A'
				case '0' <= c && c <= '9':
					t.letters = false
				}
				h = (h ^ uint64(c)) * 1099511628211
				k++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[k:end])
			if k == i {
				t.upper = unicode.IsUpper(r) || unicode.IsTitle(r)
			}
			if unicode.IsNumber(r) {
				t.letters = false
			}
			r = foldWordRune(r)
			var b [utf8.UTFMax]byte
			for _, c := range utf8.AppendRune(b[:0], r) {
				h = (h ^ uint64(c)) * 1099511628211
			}
			k += size
		}
		t.id = h
		dst = append(dst, t)
		i = end
	}
	return dst
}

// A nearUnit is a paragraph or sentence as near-duplicate detection sees
// it.
type nearUnit struct {
	span  lint.Span
	words lint.Span // its words as fixed: nearChecker.words[words.Start:words.End]
	para  int       // for a sentence, its paragraph
	whole bool      // for a sentence: it is its whole paragraph
	gone  bool      // removed by the exact-repeat fixes
	exact bool      // reported as an exact repeat
	sents lint.Span // for a paragraph, its sentences: nearChecker.sents[sents.Start:sents.End]
	ok    bool      // compared: long enough, not gone, not an exact repeat
}

// A bigramIndex maps word bigrams, numbered densely by
// nearChecker.slots, to the units that hold them.
type bigramIndex struct {
	posts []int32 // bigram s holds posts[s*nearPostings:][:n[s]]
	n     []uint8 // stopped: a stop bigram
}

// stopped marks a stop bigram in bigramIndex.n.
const stopped = 0xFF

func newBigramIndex(bigrams int) bigramIndex {
	return bigramIndex{posts: make([]int32, bigrams*nearPostings), n: make([]uint8, bigrams)}
}

// add records that unit u holds bigram s and returns the units recorded
// with it before (u itself at most last), or nil if s is a stop bigram.
func (x *bigramIndex) add(s int32, u int32) []int32 {
	k := int(x.n[s])
	if k == stopped {
		return nil
	}
	p := x.posts[int(s)*nearPostings:][:nearPostings]
	switch {
	case k > 0 && p[k-1] == u:
		return p[:k]
	case k == nearPostings:
		x.n[s] = stopped
		return nil
	}
	p[k] = u
	x.n[s]++
	return p[:k]
}

// reset empties the index, keeping its memory.
func (x *bigramIndex) reset() { clear(x.n) }

// bigram hashes two word ids.
func bigram(a, b uint64) uint64 {
	h := a*0x9E3779B97F4A7C15 ^ b
	return h ^ h>>29
}

// A nearChecker finds the near-duplicates of one Check call.
type nearChecker struct {
	text      string
	threshold float64
	fix       bool
	minSent   int
	words     []token
	slots     []int32 // for each word, the number of the bigram it ends
	paras     []nearUnit
	sents     []nearUnit
	count     []int32 // per unit: bigrams shared with the unit being checked
	stamp     []int32 // per unit: which unit count is for, plus one
	cands     []int32
	dp        []int32
	ops       []byte
	work      int // postings read and edit-distance cells filled
}

// near adds the near-duplicate findings of text to out, the exact-repeat
// findings, and returns them sorted by position, with the work it did.
func (s *stage) near(text string, paras []segment.Unit, out []lint.Finding) ([]lint.Finding, int) {
	t := s.opts.NearThreshold
	if t < 0 || len(paras) < 1 {
		return out, 0
	}
	if t == 0 {
		t = DefaultNearThreshold
	}
	n := nearChecker{text: text, threshold: min(t, 1), fix: s.opts.FixNear, minSent: max(nearMinWords, s.opts.MinSentenceWords)}
	// News prose has a word every six bytes or so; numbers split in two.
	n.words = make([]token, 0, len(text)/4+16)

	// What the exact fixes delete, and the units they report as repeats.
	var dels []lint.Span
	exactPara := map[lint.Span]bool{}
	exactSent := map[lint.Span]bool{}
	for _, f := range out {
		for _, e := range f.Fix {
			dels = append(dels, e.Span)
		}
		switch f.Rule {
		case RuleParagraph:
			exactPara[f.Span] = true
		case RuleSentence:
			exactSent[f.Span] = true
		}
	}
	slices.SortFunc(dels, func(a, b lint.Span) int { return a.Start - b.Start })

	// Paragraphs and sentences with their words as fixed.
	d := 0
	var units []segment.Unit
	n.paras = make([]nearUnit, 0, len(paras))
	n.sents = make([]nearUnit, 0, len(text)/96+len(paras))
	for k, p := range paras {
		sp := lint.Span{Start: p.Start, End: p.End}
		w0 := len(n.words)
		n.words = appendTokens(n.words, text, sp)
		kept := w0
		for _, w := range n.words[w0:] {
			for d < len(dels) && dels[d].End < w.End {
				d++
			}
			if d < len(dels) && dels[d].Start <= w.Start && w.End <= dels[d].End {
				continue
			}
			n.words[kept] = w
			kept++
		}
		n.words = n.words[:kept]
		pw := lint.Span{Start: w0, End: kept}
		para := nearUnit{span: sp, words: pw, para: k, exact: exactPara[sp], gone: contained(dels, sp)}

		units = s.opts.Splitter.AppendSentences(units[:0], text[p.Start:p.End])
		j := w0
		all := len(units) > 0
		para.sents.Start = len(n.sents)
		for _, u := range units {
			ss := lint.Span{Start: p.Start + u.Start, End: p.Start + u.End}
			for j < kept && n.words[j].Start < ss.Start {
				j++
			}
			sw := lint.Span{Start: j}
			for j < kept && n.words[j].End <= ss.End {
				j++
			}
			sw.End = j
			su := nearUnit{span: ss, words: sw, para: k, whole: ss == sp, exact: exactSent[ss], gone: para.gone || contained(dels, ss)}
			su.ok = n.long(&su) && !su.exact
			all = all && su.gone
			n.sents = append(n.sents, su)
		}
		para.sents.End = len(n.sents)
		para.gone = para.gone || all
		para.ok = n.long(&para) && !para.exact
		n.paras = append(n.paras, para)
	}

	flagged := make([]bool, len(n.paras)) // paragraphs reported as near or exact repeats
	for sp := range exactPara {
		if k, ok := slices.BinarySearchFunc(n.paras, sp.Start, func(u nearUnit, x int) int { return u.span.Start - x }); ok {
			flagged[k] = true
		}
	}
	var rm []int // for each paragraph removed with FixNear, the one it is like
	if n.fix {
		rm = n.removals()
	}
	var found []lint.Finding
	var removed []lint.Span // the cuts of near paragraphs removed
	n.reset(len(n.paras))
	idx := newBigramIndex(n.numberBigrams())
	prevKept := -1 // the last paragraph that stays, as fixed
	for k := range n.paras {
		u := &n.paras[k]
		if u.gone {
			continue
		}
		first, sim := -1, 0.0
		if rm != nil && rm[k] >= 0 {
			first = rm[k]
			sim = n.similarity(n.paras[first].words, u.words)
		} else {
			if u.ok {
				first, sim = n.best(&idx, int32(k), n.paras)
			}
			p := prevKept
			prevKept = k
			if first < 0 || sim >= 1 || n.template(n.paras[first].words, u.words) {
				continue
			}
			prevKept = p
		}
		flagged[k] = true
		f := lint.Finding{Rule: RuleNearParagraph, Severity: lint.Warning, Span: u.span,
			Related: []lint.Span{n.paras[first].span}}
		where := "an earlier paragraph"
		if first == prevKept {
			where = "the paragraph just before it"
		}
		f.Message = fmt.Sprintf("paragraph is %d%% like %s%s", int(sim*100+1e-9), where, n.diff(n.paras[first].words, u.words))
		if rm != nil && rm[k] >= 0 {
			cut := lint.Span{Start: paras[k-1].End, End: u.span.End}
			f.Fix = []lint.Edit{{Span: cut}}
			f.Message += " (removed)"
			removed = append(removed, cut)
		} else {
			prevKept = k
		}
		found = append(found, f)
	}

	n.reset(len(n.sents))
	idx.reset()
	for k := range n.sents {
		u := &n.sents[k]
		if !u.ok || flagged[u.para] {
			continue
		}
		first, sim := n.best(&idx, int32(k), n.sents)
		if first < 0 || sim >= 1 || u.whole && n.sents[first].whole || n.template(n.sents[first].words, u.words) {
			continue
		}
		where := "an earlier sentence"
		if first == k-1 && n.sents[first].para == u.para {
			where = "the sentence just before it"
		}
		found = append(found, lint.Finding{Rule: RuleNearSentence, Severity: lint.Warning, Span: u.span,
			Related: []lint.Span{n.sents[first].span},
			Message: fmt.Sprintf("sentence is %d%% like %s%s", int(sim*100+1e-9), where, n.diff(n.sents[first].words, u.words))})
	}
	if len(found) == 0 {
		return out, n.work
	}
	if len(removed) > 0 {
		// The exact findings inside a removed paragraph go with it.
		kept := out[:0:0]
		r := 0
		for _, f := range out {
			for r < len(removed) && removed[r].End <= f.Start {
				r++
			}
			if r < len(removed) && removed[r].Start <= f.Start && f.End <= removed[r].End {
				continue
			}
			kept = append(kept, f)
		}
		out = kept
	}
	out = append(out, found...)
	slices.SortStableFunc(out, func(a, b lint.Finding) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	return out, n.work
}

// removals decides which paragraphs FixNear removes. It returns, for
// each paragraph, the one it is like, or -1 if it stays; nil if none go.
//
// One round (removalRound) removes each long paragraph that is like the
// paragraph before it that stays. What stays must give no further
// removal, or the fixed text would be fixed again: the rounds repeat on
// what stays until one removes nothing, and if that takes more than
// nearRounds rounds, nothing is removed — which the fixed text, the
// same text, then agrees with.
func (n *nearChecker) removals() []int {
	rm := make([]int, len(n.paras))
	for i := range rm {
		rm[i] = -1
	}
	var seq []int
	for round := 0; round < nearRounds; round++ {
		seq = seq[:0]
		for k := range n.paras {
			if !n.paras[k].gone && rm[k] < 0 {
				seq = append(seq, k)
			}
		}
		more := false
		for _, r := range n.removalRound(seq) {
			rm[r[0]] = r[1]
			more = true
		}
		if !more {
			if round == 0 {
				return nil
			}
			return rm
		}
	}
	return nil
}

// nearRounds bounds the rounds of removals.
const nearRounds = 4

// removalRound returns the paragraphs of seq, paragraphs that stay in
// order, that one pass of FixNear removes, each with the paragraph it is
// like: each long one that is like the paragraph before it that stays
// (equal words included: once a near copy between them goes, an exact
// copy becomes adjacent).
//
// A removal must leave the exact-repeat rules nothing new to fix: when
// the paragraph that stays after a run of removed ones starts with the
// sentence that ends the paragraph before the run, the first of the run
// is kept after all and the rest decided again. Each paragraph is kept
// that way at most once.
func (n *nearChecker) removalRound(seq []int) [][2]int {
	rm := make([]int, len(seq)) // by position in seq: the position it is like, or -1
	forced := make([]bool, len(seq))
	for i := range rm {
		rm[i] = -1
	}
	prev, run := -1, -1 // positions: the last that stays; the first removed after it
	for i := 0; i < len(seq); i++ {
		u, k := &n.paras[seq[i]], seq[i]
		if prev >= 0 && !forced[i] && n.long(u) && n.long(&n.paras[seq[prev]]) &&
			n.similarity(n.paras[seq[prev]].words, u.words) >= n.threshold && !n.template(n.paras[seq[prev]].words, u.words) {
			rm[i] = prev
			if run < 0 {
				run = i
			}
			continue
		}
		if run >= 0 && n.sameBoundary(seq[prev], k) {
			for j := run; j < i; j++ {
				rm[j] = -1
			}
			forced[run] = true
			i, run = run-1, -1
			continue
		}
		prev, run = i, -1
	}
	var out [][2]int
	for i, p := range rm {
		if p >= 0 {
			out = append(out, [2]int{seq[i], seq[p]})
		}
	}
	return out
}

// sameBoundary reports whether paragraph b starts with the words that
// end paragraph a, sentence for sentence.
func (n *nearChecker) sameBoundary(a, b int) bool {
	var last, first *nearUnit
	for i := n.paras[a].sents.End - 1; i >= n.paras[a].sents.Start; i-- {
		if !n.sents[i].gone {
			last = &n.sents[i]
			break
		}
	}
	for i := n.paras[b].sents.Start; i < n.paras[b].sents.End; i++ {
		if !n.sents[i].gone {
			first = &n.sents[i]
			break
		}
	}
	if last == nil || first == nil {
		return false
	}
	return n.equalWords(last.words, first.words)
}

// equalWords reports whether the words a and b are the same.
func (n *nearChecker) equalWords(a, b lint.Span) bool {
	if a.Len() != b.Len() {
		return false
	}
	for i := range a.Len() {
		if n.words[a.Start+i].id != n.words[b.Start+i].id {
			return false
		}
	}
	return true
}

// long reports whether unit u stays and has the words to be compared.
func (n *nearChecker) long(u *nearUnit) bool {
	return !u.gone && u.words.Len() >= n.minSent && u.words.Len() <= nearMaxWords
}

// contained reports whether sp lies inside one of dels, sorted spans
// that do not overlap.
func contained(dels []lint.Span, sp lint.Span) bool {
	i, _ := slices.BinarySearchFunc(dels, sp.Start+1, func(e lint.Span, x int) int { return e.Start - x })
	return i > 0 && dels[i-1].Start <= sp.Start && sp.End <= dels[i-1].End
}

// numberBigrams numbers the distinct bigrams of n.words densely: the
// bigram that ends at word i is n.slots[i]. It returns how many there are.
func (n *nearChecker) numberBigrams() int {
	n.slots = make([]int32, len(n.words))
	m := make(map[uint64]int32, len(n.words)/2)
	for i := 1; i < len(n.words); i++ {
		h := bigram(n.words[i-1].id, n.words[i].id)
		s, ok := m[h]
		if !ok {
			s = int32(len(m))
			m[h] = s
		}
		n.slots[i] = s
	}
	return len(m)
}

// reset sizes the candidate counters for m units.
func (n *nearChecker) reset(m int) {
	n.count = slices.Grow(n.count[:0], m)[:m]
	n.stamp = slices.Grow(n.stamp[:0], m)[:m]
	clear(n.stamp)
}

// best returns the earlier unit most like unit k among the candidates of
// idx, and the similarity, or -1; it adds unit k to idx.
func (n *nearChecker) best(idx *bigramIndex, k int32, us []nearUnit) (int, float64) {
	u := &us[k]
	n.cands = n.cands[:0]
	q := 0 // bigrams of u that are in the index
	for i := u.words.Start + 1; i < u.words.End; i++ {
		ps := idx.add(n.slots[i], k)
		if ps != nil {
			q++
		}
		n.work += 1 + len(ps)
		for _, v := range ps {
			if v == k {
				continue
			}
			if n.stamp[v] != k+1 {
				n.stamp[v], n.count[v] = k+1, 0
				n.cands = append(n.cands, v)
			}
			n.count[v]++
		}
	}
	// Each edit changes at most two bigrams of u: a candidate within the
	// threshold shares all of u's indexed bigrams but twice the edits.
	var top [nearVerify]int32
	nt := 0
	for _, v := range n.cands {
		longest := max(u.words.Len(), us[v].words.Len())
		if int(n.count[v]) < q-2*n.band(longest) {
			continue
		}
		// Keep the nearVerify candidates with the highest counts,
		// earliest first among equals.
		j := nt
		if nt < nearVerify {
			nt++
		} else if better(n.count, v, top[nt-1]) {
			j = nt - 1
		} else {
			continue
		}
		for j > 0 && better(n.count, v, top[j-1]) {
			top[j] = top[j-1]
			j--
		}
		top[j] = v
	}
	first, sim := -1, 0.0
	for _, v := range top[:nt] {
		if s := n.similarity(us[v].words, u.words); s >= n.threshold && s > sim {
			first, sim = int(v), s
		}
	}
	return first, sim
}

// better reports whether candidate a ranks before b: more shared
// bigrams, or as many and earlier.
func better(count []int32, a, b int32) bool {
	if count[a] != count[b] {
		return count[a] > count[b]
	}
	return a < b
}

// band returns the most word edits units of up to longest words may
// differ by and still be near-duplicates.
func (n *nearChecker) band(longest int) int {
	return int((1 - n.threshold) * float64(longest) * (1 + 1e-9))
}

// similarity returns 1 − d/max(len) for the word sequences a and b, or 0
// when it is under the threshold.
func (n *nearChecker) similarity(a, b lint.Span) float64 {
	d, ok := n.distance(a, b, false)
	if !ok {
		return 0
	}
	return 1 - float64(d)/float64(max(a.Len(), b.Len()))
}

// distance returns the word-level edit distance of the words a and b if
// it is small enough for the threshold. With trace, n.ops holds the edit
// script: '=' keep, 's' substitute, 'd' delete from a, 'i' insert from b.
func (n *nearChecker) distance(as, bs lint.Span, trace bool) (int, bool) {
	a, b := n.words[as.Start:as.End], n.words[bs.Start:bs.End]
	la, lb := len(a), len(b)
	longest := max(la, lb)
	if longest == 0 {
		return 0, true
	}
	band := n.band(longest)
	if abs(la-lb) > band {
		return 0, false
	}
	w := 2*band + 1
	const inf = 1 << 30
	n.dp = slices.Grow(n.dp[:0], (la+1)*w)[:(la+1)*w]
	at := func(i, j int) int32 {
		if j < 0 || j > lb || j-i < -band || j-i > band {
			return inf
		}
		return n.dp[i*w+j-i+band]
	}
	for i := 0; i <= la; i++ {
		// Row i holds columns j = i-band … i+band at offsets o = j-i+band;
		// the cell above-left of offset o is at offset o of the row
		// above, the cell above at o+1, the cell to the left at o-1.
		cur := n.dp[i*w : (i+1)*w]
		lo, hi := max(0, i-band)-i+band, min(lb, i+band)-i+band
		for o := 0; o < lo; o++ {
			cur[o] = inf
		}
		for o := hi + 1; o < w; o++ {
			cur[o] = inf
		}
		rowMin := int32(inf)
		if i == 0 {
			for o := lo; o <= hi; o++ {
				cur[o] = int32(o - band)
			}
			continue
		}
		prev := n.dp[(i-1)*w : i*w]
		ai := a[i-1].id
		n.work += hi - lo + 1
		for o := lo; o <= hi; o++ {
			j := o + i - band
			if j == 0 {
				cur[o] = int32(i)
				rowMin = min(rowMin, cur[o])
				continue
			}
			v := prev[o]
			if ai != b[j-1].id {
				v++
			}
			if o+1 < w {
				v = min(v, prev[o+1]+1)
			}
			if o > 0 {
				v = min(v, cur[o-1]+1)
			}
			cur[o] = v
			rowMin = min(rowMin, v)
		}
		if int(rowMin) > band {
			return 0, false
		}
	}
	d := int(at(la, lb))
	if d > band {
		return 0, false
	}
	if trace {
		n.ops = n.ops[:0]
		i, j := la, lb
		for i > 0 || j > 0 {
			v := at(i, j)
			switch {
			case i > 0 && j > 0 && a[i-1].id == b[j-1].id && at(i-1, j-1) == v:
				n.ops = append(n.ops, '=')
				i, j = i-1, j-1
			case i > 0 && j > 0 && at(i-1, j-1)+1 == v:
				n.ops = append(n.ops, 's')
				i, j = i-1, j-1
			case i > 0 && at(i-1, j)+1 == v:
				n.ops = append(n.ops, 'd')
				i--
			default:
				n.ops = append(n.ops, 'i')
				j--
			}
		}
		slices.Reverse(n.ops)
	}
	return d, true
}

// template reports whether the words a and b differ only in names and
// numbers: every word one has and the other lacks is capitalized or
// holds a digit. Such units are instances of one pattern ("Release date
// to be confirmed on PS2." / "… on DS.", a list of results), not copies.
func (n *nearChecker) template(as, bs lint.Span) bool {
	if _, ok := n.distance(as, bs, true); !ok {
		return false
	}
	a, b := n.words[as.Start:as.End], n.words[bs.Start:bs.End]
	name := func(t token) bool { return t.upper || !t.letters }
	i, j, changed := 0, 0, false
	for _, op := range n.ops {
		switch op {
		case '=':
			i, j = i+1, j+1
			continue
		case 's':
			changed = true
			if !name(a[i]) || !name(b[j]) {
				return false
			}
			i, j = i+1, j+1
		case 'd':
			changed = true
			if !name(a[i]) {
				return false
			}
			i++
		case 'i':
			changed = true
			if !name(b[j]) {
				return false
			}
			j++
		}
	}
	return changed
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// diff returns ": " and a short word-level diff from the words of a, the
// first copy, to those of b, or "" if there is nothing to show: at most
// nearDiffGroups changes, each `"old" → "new"`, `-"old"` or `+"new"`.
func (n *nearChecker) diff(as, bs lint.Span) string {
	if _, ok := n.distance(as, bs, true); !ok {
		return ""
	}
	a, b := n.words[as.Start:as.End], n.words[bs.Start:bs.End]
	var sb strings.Builder
	groups := 0
	i, j := 0, 0
	for k := 0; k < len(n.ops); {
		if n.ops[k] == '=' {
			i, j, k = i+1, j+1, k+1
			continue
		}
		i0, j0 := i, j
		for ; k < len(n.ops) && n.ops[k] != '='; k++ {
			switch n.ops[k] {
			case 's':
				i, j = i+1, j+1
			case 'd':
				i++
			case 'i':
				j++
			}
		}
		if groups == nearDiffGroups {
			sb.WriteString(", …")
			break
		}
		if groups == 0 {
			sb.WriteString(": ")
		} else {
			sb.WriteString(", ")
		}
		groups++
		old, new := n.quote(a[i0:i]), n.quote(b[j0:j])
		switch {
		case old == "":
			sb.WriteString("+" + new)
		case new == "":
			sb.WriteString("-" + old)
		default:
			sb.WriteString(old + " → " + new)
		}
	}
	return sb.String()
}

// quote returns the text from the first to the last of ws, quoted and
// shortened, or "" for none.
func (n *nearChecker) quote(ws []token) string {
	if len(ws) == 0 {
		return ""
	}
	s := n.text[ws[0].Start:ws[len(ws)-1].End]
	if len(s) > 40 {
		cut := 40
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	s = strings.Join(strings.Fields(s), " ")
	return fmt.Sprintf("%q", s)
}
