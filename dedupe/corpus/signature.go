package corpus

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/copydesk/copydesk/dedupe/seen"
)

// SignatureFormat names the format of signature files (WriteSignatures):
// change it whenever their encoding changes.
const SignatureFormat = "copydesk-signatures/1"

// Params are everything a corpus decision depends on besides the
// documents: the fingerprint scheme and the options. Signature and
// decision files record them, and a file made with other Params is
// refused, never mixed in. Extra holds the caller's settings that
// change a result too (the field cleaned, how records are named, rule
// settings), compared as they are.
type Params struct {
	Version           string            `json:"version"`
	MinWords          int               `json:"min_words"`
	NearThreshold     float64           `json:"near_threshold"`
	Bands             int               `json:"bands"`
	Rows              int               `json:"rows"`
	Shingle           int               `json:"shingle"`
	Remove            bool              `json:"remove"`
	DropDuplicateDocs bool              `json:"drop_duplicate_docs"`
	Extra             map[string]string `json:"extra,omitempty"`
}

// Params returns the parameters of opts, defaults filled in, with no
// Extra.
func (o Options) Params() Params {
	o = o.withDefaults()
	return Params{Version: Version, MinWords: o.MinWords, NearThreshold: o.NearThreshold,
		Bands: o.Bands, Rows: o.Rows, Shingle: o.Shingle, Remove: o.Remove, DropDuplicateDocs: o.DropDuplicateDocs}
}

// Options returns the options of p (without an Index).
func (p Params) Options() Options {
	return Options{MinWords: p.MinWords, NearThreshold: p.NearThreshold, Bands: p.Bands, Rows: p.Rows,
		Shingle: p.Shingle, Remove: p.Remove, DropDuplicateDocs: p.DropDuplicateDocs}
}

// Diff returns the first parameter that differs between p and q, as
// "NAME A, not B" (p's value, then q's), or "" when they are the same.
func (p Params) Diff(q Params) string {
	a, _ := json.Marshal(p)
	b, _ := json.Marshal(q)
	if bytes.Equal(a, b) {
		return ""
	}
	var ma, mb map[string]any
	json.Unmarshal(a, &ma)
	json.Unmarshal(b, &mb)
	for _, k := range []string{"version", "min_words", "near_threshold", "bands", "rows", "shingle", "remove", "drop_duplicate_docs"} {
		if fmt.Sprint(ma[k]) != fmt.Sprint(mb[k]) {
			return fmt.Sprintf("%s %v, not %v", k, ma[k], mb[k])
		}
	}
	for k, v := range p.Extra {
		if q.Extra[k] != v {
			return fmt.Sprintf("%s %q, not %q", k, v, q.Extra[k])
		}
	}
	for k, v := range q.Extra {
		if _, ok := p.Extra[k]; !ok {
			return fmt.Sprintf("%s %q, not %q", k, "", v)
		}
	}
	return "options"
}

// A ShardHeader opens a signature file: which shard of how many it is
// about, and the Params it was made with.
type ShardHeader struct {
	Format string `json:"signatures"`
	Shard  int    `json:"shard"`
	Shards int    `json:"shards,omitempty"` // how many shards in all; 0: not said
	Params Params `json:"params"`
}

// A ShardEnd closes a signature file: what the shard's first pass wrote,
// so that the decisions are applied to that output and no other. A
// signature file without it is incomplete.
type ShardEnd struct {
	End     bool   `json:"end"`
	Records int64  `json:"records"` // signatures written
	Lines   int64  `json:"lines"`   // lines of the output
	Output  string `json:"output"`  // the output's file name, without its directory
	XXH64   string `json:"xxh64"`   // xxhash64 of the output's bytes (uncompressed), in hex
}

// A Signature is what a corpus needs to judge one document without its
// text: its name, its place in the shard's output and its fingerprints.
type Signature struct {
	Line    int64  // the document's line (or number) in its shard's output, from 0
	Name    string // the document's name
	Changed bool   // whether cleaning changed it (for the counts of a second pass)
	Doc     *Doc   // its fingerprints; spans and paragraph word counts are not kept
}

// A SignatureWriter writes one shard's signature file: a header line,
// one line per document, and an end line.
type SignatureWriter struct {
	w        *bufio.Writer
	minWords int
	records  int64
	last     int64
	buf, bin []byte
	err      error
}

// NewSignatureWriter starts a signature file on w with its header.
func NewSignatureWriter(w io.Writer, h ShardHeader) (*SignatureWriter, error) {
	h.Format = SignatureFormat
	sw := &SignatureWriter{w: bufio.NewWriterSize(w, 64<<10), minWords: h.Params.MinWords, last: -1}
	b, err := json.Marshal(h)
	if err != nil {
		return nil, fmt.Errorf("signatures: %w", err)
	}
	if _, err := sw.w.Write(append(b, '\n')); err != nil {
		return nil, fmt.Errorf("writing signatures: %w", err)
	}
	return sw, nil
}

// Write writes one document's signature. Lines must increase.
func (sw *SignatureWriter) Write(s Signature) error {
	if sw.err != nil {
		return sw.err
	}
	if s.Line <= sw.last {
		return fmt.Errorf("signatures: line %d after line %d", s.Line, sw.last)
	}
	sw.last = s.Line
	sw.bin = appendDoc(sw.bin[:0], s.Doc, sw.minWords)
	b := fmt.Appendf(sw.buf[:0], `{"l":%d,"id":`, s.Line)
	b = appendJSONString(b, s.Name)
	if s.Changed {
		b = append(b, `,"c":1`...)
	}
	b = append(b, `,"s":"`...)
	b = base64.RawStdEncoding.AppendEncode(b, sw.bin)
	b = append(b, "\"}\n"...)
	sw.buf = b
	sw.records++
	if _, err := sw.w.Write(b); err != nil {
		sw.err = fmt.Errorf("writing signatures: %w", err)
	}
	return sw.err
}

// Close writes the end line (its Records filled in) and flushes; it does
// not close the underlying writer.
func (sw *SignatureWriter) Close(end ShardEnd) error {
	if sw.err != nil {
		return sw.err
	}
	end.End, end.Records = true, sw.records
	b, err := json.Marshal(end)
	if err != nil {
		return fmt.Errorf("signatures: %w", err)
	}
	if _, err := sw.w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("writing signatures: %w", err)
	}
	if err := sw.w.Flush(); err != nil {
		return fmt.Errorf("writing signatures: %w", err)
	}
	return nil
}

// Binary signature of a document, before base64:
//
//	flags byte: 1 the document has words, 2 it has a MinHash signature
//	the whole document's fingerprint, 8 bytes little-endian
//	with a MinHash: Bands band keys (8 bytes each), Bands×Rows digests (2 bytes each)
//	the number of paragraphs kept (uvarint), then for each its number
//	after the previous one's (uvarint) and its fingerprint (8 bytes)
//
// Only paragraphs of MinWords words or more are kept: the others are
// never compared.
func appendDoc(b []byte, d *Doc, minWords int) []byte {
	flags := byte(0)
	if d.Words > 0 {
		flags |= 1
	}
	if d.Bands != nil {
		flags |= 2
	}
	b = append(b, flags)
	b = binary.LittleEndian.AppendUint64(b, uint64(d.FP))
	if d.Bands != nil {
		for _, k := range d.Bands {
			b = binary.LittleEndian.AppendUint64(b, k)
		}
		for _, c := range d.Check {
			b = binary.LittleEndian.AppendUint16(b, c)
		}
	}
	n := 0
	for _, p := range d.Paras {
		if p.Words >= minWords {
			n++
		}
	}
	b = binary.AppendUvarint(b, uint64(n))
	prev := 0
	for _, p := range d.Paras {
		if p.Words >= minWords {
			b = binary.AppendUvarint(b, uint64(p.N-prev))
			b = binary.LittleEndian.AppendUint64(b, uint64(p.FP))
			prev = p.N
		}
	}
	return b
}

var errSignature = errors.New("damaged signature")

// parseDoc reads a binary signature made with bands×rows values; each
// paragraph it holds gets minWords words.
func parseDoc(b []byte, bands, rows, minWords int) (*Doc, error) {
	if len(b) < 9 {
		return nil, errSignature
	}
	flags := b[0]
	d := &Doc{FP: seen.Fingerprint(binary.LittleEndian.Uint64(b[1:]))}
	b = b[9:]
	if flags&1 != 0 {
		d.Words = 1
	}
	if flags&2 != 0 {
		m := bands * rows
		if len(b) < bands*8+m*2 {
			return nil, errSignature
		}
		d.Bands = make([]uint64, bands)
		for i := range d.Bands {
			d.Bands[i] = binary.LittleEndian.Uint64(b[8*i:])
		}
		b = b[8*bands:]
		d.Check = make([]uint16, m)
		for i := range d.Check {
			d.Check[i] = binary.LittleEndian.Uint16(b[2*i:])
		}
		b = b[2*m:]
	}
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return nil, errSignature
	}
	b = b[k:]
	d.Paras = make([]Para, n)
	num := 0
	for i := range d.Paras {
		step, k := binary.Uvarint(b)
		if k <= 0 || step == 0 || step > 1<<30 || len(b) < k+8 {
			return nil, errSignature
		}
		num += int(step)
		d.Paras[i] = Para{N: num, Words: minWords, FP: seen.Fingerprint(binary.LittleEndian.Uint64(b[k:]))}
		b = b[k+8:]
	}
	if len(b) != 0 {
		return nil, errSignature
	}
	return d, nil
}

// A SignatureReader reads a signature file written by a
// SignatureWriter.
type SignatureReader struct {
	name   string
	sc     *bufio.Scanner
	header ShardHeader
	end    *ShardEnd
	line   int
	last   int64
	n      int64
	err    error
}

// NewSignatureReader reads the header of the signature file r; name
// names it in errors.
func NewSignatureReader(r io.Reader, name string) (*SignatureReader, error) {
	sr := &SignatureReader{name: name, sc: bufio.NewScanner(r), last: -1}
	sr.sc.Buffer(make([]byte, 64<<10), 64<<20)
	if !sr.sc.Scan() {
		if err := sr.sc.Err(); err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
		return nil, fmt.Errorf("%s: empty: not a signature file", name)
	}
	sr.line = 1
	if err := json.Unmarshal(sr.sc.Bytes(), &sr.header); err != nil || sr.header.Format == "" {
		return nil, fmt.Errorf("%s: not a signature file (no header line)", name)
	}
	if sr.header.Format != SignatureFormat {
		return nil, fmt.Errorf("%s: signatures of format %q; this copydesk reads %q", name, sr.header.Format, SignatureFormat)
	}
	if v := sr.header.Params.Version; v != Version {
		return nil, fmt.Errorf("%s: signatures of fingerprint version %q; this copydesk makes %q", name, v, Version)
	}
	if p := sr.header.Params; p.Bands <= 0 || p.Rows <= 0 || p.MinWords <= 0 || p.Bands*p.Rows > 1<<16 {
		return nil, fmt.Errorf("%s: bad parameters in the header", name)
	}
	return sr, nil
}

// Header returns the file's header.
func (sr *SignatureReader) Header() ShardHeader { return sr.header }

// Next returns the next signature; io.EOF after the last one, once the
// end line has been read (End). A file that ends without its end line
// is an error: its first pass did not finish.
func (sr *SignatureReader) Next() (Signature, error) {
	if sr.err != nil {
		return Signature{}, sr.err
	}
	fail := func(format string, args ...any) (Signature, error) {
		sr.err = fmt.Errorf("%s:%d: %s", sr.name, sr.line, fmt.Sprintf(format, args...))
		return Signature{}, sr.err
	}
	if sr.end != nil {
		if sr.sc.Scan() {
			sr.line++
			return fail("line after the end line")
		}
		return Signature{}, io.EOF
	}
	if !sr.sc.Scan() {
		if err := sr.sc.Err(); err != nil {
			sr.err = fmt.Errorf("reading %s: %w", sr.name, err)
			return Signature{}, sr.err
		}
		sr.err = fmt.Errorf("%s: incomplete: no end line after %d signatures (was its pass stopped?)", sr.name, sr.n)
		return Signature{}, sr.err
	}
	sr.line++
	var rec struct {
		L   *int64 `json:"l"`
		ID  string `json:"id"`
		C   int    `json:"c"`
		S   string `json:"s"`
		End bool   `json:"end"`
	}
	b := sr.sc.Bytes()
	if err := json.Unmarshal(b, &rec); err != nil {
		return fail("not a signature: %v", err)
	}
	if rec.End {
		var end ShardEnd
		if err := json.Unmarshal(b, &end); err != nil {
			return fail("bad end line: %v", err)
		}
		if end.Records != sr.n {
			return fail("the end line counts %d signatures, the file has %d", end.Records, sr.n)
		}
		sr.end = &end
		return sr.Next()
	}
	if rec.L == nil || *rec.L <= sr.last {
		return fail("signature without a line number, or out of order")
	}
	bin, err := base64.RawStdEncoding.DecodeString(rec.S)
	if err != nil {
		return fail("damaged signature: %v", err)
	}
	p := sr.header.Params
	d, err := parseDoc(bin, p.Bands, p.Rows, p.MinWords)
	if err != nil {
		return fail("%v", err)
	}
	sr.last = *rec.L
	sr.n++
	return Signature{Line: *rec.L, Name: rec.ID, Changed: rec.C != 0, Doc: d}, nil
}

// End returns the end line, once Next has returned io.EOF.
func (sr *SignatureReader) End() (ShardEnd, bool) {
	if sr.end == nil {
		return ShardEnd{}, false
	}
	return *sr.end, true
}

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s)
	return append(b, q...)
}
