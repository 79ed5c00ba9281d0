package corpus

import (
	"math/bits"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/copydesk/copydesk/dedupe/seen"
	"github.com/copydesk/copydesk/dedupe/segment"
	"github.com/copydesk/copydesk/pipeline/lint"
)

// Version names the fingerprint scheme. A seen-index records it and
// refuses to be used with another: change it whenever a fingerprint of
// the same text could change (folding, hashing, paragraph splitting).
const Version = "copydesk-corpus/1 (xxhash64; NFC, lower-case, letters and digits)"

// Defaults of Options.
const (
	DefaultMinWords      = 10
	DefaultNearThreshold = 0.8
	DefaultBands         = 14
	DefaultRows          = 8
	DefaultShingle       = 5
)

// A Para is one paragraph of an analyzed document.
type Para struct {
	lint.Span                  // in the analyzed text, without surrounding white space
	N         int              // its number in the document, from 1
	Words     int              // normalized words
	FP        seen.Fingerprint // fingerprint of its normalized words
}

// A Doc is what Analyze found in one document.
type Doc struct {
	Len   int              // length of the analyzed text
	Paras []Para           // every paragraph, in order
	Words int              // normalized words in all
	FP    seen.Fingerprint // fingerprint of all its normalized words (paragraph breaks ignored)
	// Bands are the LSH band keys of the MinHash signature and Check a
	// 16-bit digest of each of its values; both nil when the document
	// has fewer words than a shingle.
	Bands []uint64
	Check []uint16
}

// An Analyzer computes documents' fingerprints. It keeps scratch space
// between calls: use one per goroutine.
type Analyzer struct {
	bands, rows, shingle int
	buf                  []byte   // folded words of a paragraph
	words                []uint64 // word hashes of the document
	mins                 []uint64
	sig                  []uint64
}

// NewAnalyzer returns an Analyzer for opts (only Bands, Rows and Shingle
// matter).
func NewAnalyzer(opts Options) *Analyzer {
	opts = opts.withDefaults()
	return &Analyzer{bands: opts.Bands, rows: opts.Rows, shingle: opts.Shingle}
}

// ASCII classes: letters and digits are word bytes.
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	return t
}()

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc)
}

// docSeed starts the whole-document fingerprint, so that it never equals
// the fingerprint of a paragraph with the same words.
const docSeed = "copydesk document\x00"

// Analyze returns the fingerprints of text. Paragraphs are blocks of
// lines separated by blank lines; a word is a run of letters, digits and
// combining marks, lower-cased and put in NFC.
func (a *Analyzer) Analyze(text string) *Doc {
	d := &Doc{Len: len(text)}
	a.words = a.words[:0]
	units := segment.Paragraphs(text)
	d.Paras = make([]Para, len(units))
	whole := xxhash.New()
	whole.WriteString(docSeed)
	for k, u := range units {
		a.buf = a.buf[:0]
		n := a.fold(text[u.Start:u.End])
		whole.Write(a.buf)
		d.Paras[k] = Para{Span: lint.Span{Start: u.Start, End: u.End}, N: k + 1, Words: n, FP: seen.Fingerprint(xxhash.Sum64(a.buf))}
		d.Words += n
	}
	d.FP = seen.Fingerprint(whole.Sum64())
	a.signature(d)
	return d
}

// fold appends the normalized words of s to a.buf, each followed by a
// space, appends their hashes to a.words, and returns how many there were.
func (a *Analyzer) fold(s string) int {
	n := 0
	ws := -1 // start of the current word in buf
	ascii := true
	end := func() {
		if ws < 0 {
			return
		}
		if !ascii {
			if w := a.buf[ws:]; !norm.NFC.IsNormal(w) {
				nfc := norm.NFC.Bytes(w)
				a.buf = append(a.buf[:ws], nfc...)
			}
		}
		a.words = append(a.words, xxhash.Sum64(a.buf[ws:]))
		a.buf = append(a.buf, ' ')
		n++
		ws, ascii = -1, true
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if wordByte[c] {
				if ws < 0 {
					ws = len(a.buf)
				}
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				a.buf = append(a.buf, c)
			} else {
				end()
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 || !isWordRune(r) {
			end()
			continue
		}
		if ws < 0 {
			ws = len(a.buf)
		}
		ascii = false
		a.buf = utf8.AppendRune(a.buf, unicode.ToLower(r))
	}
	end()
	return n
}

// mix64 is the splitmix64 finalizer.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// binOf maps a hash to one of m bins.
func binOf(h uint64, m int) int {
	hi, _ := bits.Mul64(h, uint64(m))
	return int(hi)
}

// signature computes the document's MinHash signature by one-permutation
// hashing: each shingle's hash goes to one of bands×rows bins, which keeps
// its minimum; empty bins borrow the value of another bin chosen by a
// fixed sequence (densification), so that short documents still get
// comparable signatures.
func (a *Analyzer) signature(d *Doc) {
	k := a.shingle
	if len(a.words) < k {
		return
	}
	m := a.bands * a.rows
	if cap(a.mins) < m {
		a.mins = make([]uint64, m)
		a.sig = make([]uint64, m)
	}
	mins := a.mins[:m]
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	filled := 0
	w := a.words
	for i := 0; i+k <= len(w); i++ {
		h := uint64(0x9e3779b97f4a7c15)
		for _, x := range w[i : i+k] {
			h = (h ^ x) * 0xbf58476d1ce4e5b9
			h ^= h >> 29
		}
		h = mix64(h)
		b := binOf(h, m)
		if h < mins[b] {
			if mins[b] == ^uint64(0) {
				filled++
			}
			mins[b] = h
		}
	}
	sig := a.sig[:m]
	for i := range sig {
		sig[i] = mins[i]
		if sig[i] != ^uint64(0) || filled == 0 {
			continue
		}
		for try := uint64(1); ; try++ {
			if j := binOf(mix64(uint64(i)<<32|try), m); mins[j] != ^uint64(0) {
				sig[i] = mins[j]
				break
			}
		}
	}
	d.Bands = make([]uint64, a.bands)
	for b := range d.Bands {
		h := mix64(uint64(b) + 0x51ed27)
		for _, v := range sig[b*a.rows : (b+1)*a.rows] {
			h = mix64(h ^ v)
		}
		d.Bands[b] = h
	}
	d.Check = make([]uint16, m)
	for i, v := range sig {
		d.Check[i] = uint16(mix64(v ^ 0x6a09e667f3bcc909))
	}
}
