package jsonl

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/copydesk/copydesk/dedupe/corpus"
	"github.com/copydesk/copydesk/pipeline"
	"github.com/copydesk/copydesk/pipeline/document"
	jobs "github.com/copydesk/copydesk/pipeline/job"
	"github.com/copydesk/copydesk/pipeline/registry"
)

// A Summary counts what CleanJSONL did: lines, records, findings, and
// with a Corpus its decisions.
type Summary = jobs.Summary

// A CorpusSummary counts a corpus job's duplicates.
type CorpusSummary = jobs.CorpusSummary

// DefaultField is the field cleaned when Options.Field is empty.
const DefaultField = "text"

// DefaultAnnotateKey is the key of the report object when
// Options.AnnotateKey is empty.
const DefaultAnnotateKey = "copydesk"

// Options configure CleanJSONL. The zero value cleans the "text" field
// of each record with the default pipeline on every CPU.
type Options struct {
	// Field is the top-level string member to clean; "" means "text".
	Field string
	// Pipeline configures each worker's registry.Default. Without
	// Annotate only the cleaned text is kept, so FixesOnly is set: the
	// rules that never fix are not run.
	Pipeline registry.Options
	// NewPipeline, if not nil, builds each worker's pipeline instead.
	// It is called once per worker; each pipeline is used by one
	// goroutine only.
	NewPipeline func() *pipeline.Pipeline
	// Checker, if not nil, checks each record's text as a document
	// without a file (document.Doc with no Name nor Path): its
	// configuration is that of the current directory, if the Checker
	// reads any, and its suppression comments count. The chain that
	// applies corpus decisions is still built by NewPipeline (or from
	// Pipeline).
	Checker *document.Checker
	// Workers is the number of records cleaned at once; 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// Annotate adds to each record a report object under AnnotateKey:
	// {"changed":true,"findings":{"quotes.curly":3},"bytes_removed":12}.
	// It replaces a member of that name the record already has.
	Annotate bool
	// AnnotateKey is the key of the report object; "" means "copydesk".
	AnnotateKey string
	// Reject, if not nil, receives each malformed line, instead of the
	// output, as one JSON object a line:
	// {"line":N,"error":"…","record":"<the line as a JSON string>"},
	// with "file":Name first when Name is set. A line that is not valid
	// UTF-8 has "record_encoding":"base64" before its "record", which is
	// then the line's bytes in base64 (RFC 4648, padded): every rejected
	// line survives exactly, without its line ending. Without Reject
	// malformed lines are passed through to the output unchanged.
	Reject io.Writer
	// Name names the input in reject records; it may be empty.
	Name string
	// MaxText, if positive, is the largest field text cleaned: a record
	// whose text is longer is malformed ("text too large") and passed
	// through or rejected, never cleaned.
	MaxText int
	// Corpus, if not nil, judges each record against the records before
	// it, in input order, across calls that share it: repeated
	// paragraphs are reported (and removed if its options say so) as
	// dedupe.corpus-paragraph findings, copies of earlier records as
	// dedupe.corpus-document, and duplicate records are left out of the
	// output when it drops them. A record is named by its IDField, or
	// "NAME:LINE". The caller closes the Corpus's index.
	Corpus *corpus.Corpus
	// IDField is the top-level member, string or number, that names a
	// record in corpus findings ("" or a record without it: NAME:LINE).
	// Names should be unique across the runs that share a seen-index.
	IDField string
	// Decide, if not nil, takes the place of the Corpus's judgement: the
	// decision on each record is taken elsewhere (a corpus decided from
	// signatures, package corpus's Decider) and Decide returns it, or nil
	// for none; the Corpus's options still analyze the records, and its
	// counts are not the job's. Decide is called in input order.
	Decide func(Record) (*corpus.Decision, error)
}

// A Record is a cleaned record on its way to a Corpus's judgement, as
// Options.Decide sees it.
type Record struct {
	Line    int64       // its line in the input, from 0
	OutLine int64       // its line in the output, from 0, if it is kept
	Name    string      // the IDField's value, or NAME:LINE
	Doc     *corpus.Doc // its cleaned text, analyzed
	Changed bool        // whether cleaning changed the text
}

// CleanJSONL reads JSON Lines from r, cleans the string field
// opts.Field of each record and writes every line to w in input order.
// Blank lines and malformed lines pass through unchanged (malformed ones
// go to opts.Reject if set). Line endings are kept: LF, CRLF, or none on
// a last line. Lines may be of any length.
//
// The error is the first error reading r, writing w or opts.Reject, or
// ctx's error; the summary then covers the lines written so far. When
// CleanJSONL returns, every goroutine it started has ended.
func CleanJSONL(ctx context.Context, r io.Reader, w io.Writer, opts Options) (Summary, error) {
	start := time.Now()
	c, err := newCleaner(opts)
	if err != nil {
		return Summary{}, err
	}
	s, err := c.run(ctx, r, w)
	s.Wall = time.Since(start)
	return s, err
}

// A cleaner holds what one call of CleanJSONL shares.
type cleaner struct {
	opts    Options
	field   string
	annKey  string
	workers int
	window  int // records in flight at most

	judger   *jobs.Judge // judges records against the Corpus (emitter only)
	outLines int64       // lines written to the output so far (emitter only)
}

func newCleaner(opts Options) (*cleaner, error) {
	c := &cleaner{opts: opts, field: opts.Field, annKey: "", workers: opts.Workers}
	if c.field == "" {
		c.field = DefaultField
	}
	if opts.Annotate {
		c.annKey = opts.AnnotateKey
		if c.annKey == "" {
			c.annKey = DefaultAnnotateKey
		}
		if c.annKey == c.field {
			return nil, fmt.Errorf("jsonl: the annotation key %q is the field cleaned", c.annKey)
		}
	}
	if c.workers <= 0 {
		c.workers = runtime.GOMAXPROCS(0)
	}
	c.window = 2 * c.workers
	return c, nil
}

// What a line turned out to be.
type kind uint8

const (
	kindBlank kind = iota
	kindRecord
	kindMalformed
)

// A ruleCount is how many findings of one rule a record had.
type ruleCount struct {
	rule string
	n    int
}

// A job is one line on its way through the workers.
type job struct {
	seq        int64  // the line's number, from 0
	start, end int    // the line's bytes in its batch's in
	in         []byte // the line as read, with its line ending
	out        []byte // what goes to the output: in, a line of the batch's buf, or nothing
	rej        []byte // what goes to the reject writer
	kind       kind
	change     bool
	drop       bool // with a Corpus: left out of the output as a duplicate
	counts     []ruleCount

	// With a Corpus: what the emitter needs to judge the record.
	res   *pipeline.Result
	guard *pipeline.Guard
	doc   *corpus.Doc
	obj   object
	id    string // the record's IDField value, if any
	dup   string // the record it duplicates, for the annotation
}

// A batch is a run of consecutive lines: the reader hands the workers,
// and the workers the writer, a batch at a time, so that goroutine
// hand-offs cost little per line. Once written, a batch goes back to the
// reader with its buffers for more lines: nothing may keep a record's
// bytes or text past its emission.
type batch struct {
	seq  int64  // the batch's number, from 0
	in   []byte // the lines as read, one after another
	buf  []byte // the rewritten lines and reject records, one after another
	dec  []byte // the decoded text of the record being cleaned
	jobs []job
}

// Batch limits: a batch ends after maxBatchLines lines or once it holds
// maxBatchBytes, or earlier when no whole line is ready to be read.
// Each batch is one hand-off to a worker and one back to the writer, so
// batches of a few hundred small records keep that cost out of the
// profile; the byte cap bounds a batch's memory whatever the records.
//
// readBuffer is the reader's buffer: a batch can only be filled from
// lines already read, so it holds more than one batch. With a smaller
// buffer, batches would end at every refill (64 KiB: about 27 news
// articles a batch).
const (
	maxBatchLines = 512
	maxBatchBytes = 256 << 10
	readBuffer    = 2 * maxBatchBytes
)

// maxKeep is the largest buffer a batch keeps for the next lines: a huge
// record's memory is given back once it is written.
const maxKeep = 1 << 20

// reset empties b for the next lines, keeping its buffers unless they
// grew past maxKeep.
func (b *batch) reset() {
	for _, p := range []*[]byte{&b.in, &b.buf, &b.dec} {
		if cap(*p) > maxKeep {
			*p = nil
		}
		*p = (*p)[:0]
	}
	b.jobs = b.jobs[:0]
}

// add appends a job for line seq, the bytes in[start:end], keeping the
// memory of the job that had its place.
func (b *batch) add(seq int64, start, end int) {
	if len(b.jobs) < cap(b.jobs) {
		b.jobs = b.jobs[:len(b.jobs)+1]
	} else {
		b.jobs = append(b.jobs, job{})
	}
	j := &b.jobs[len(b.jobs)-1]
	*j = job{seq: seq, start: start, end: end, counts: j.counts[:0]}
}

// lineReady reports whether a whole line can be read from br without
// waiting for input.
func lineReady(br *bufio.Reader) bool {
	n := br.Buffered()
	if n == 0 {
		return false
	}
	p, _ := br.Peek(n)
	return bytes.IndexByte(p, '\n') >= 0
}

func (c *cleaner) run(ctx context.Context, r io.Reader, w io.Writer) (Summary, error) {
	sum := Summary{Findings: map[string]int64{}}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	free := make(chan *batch, c.window)
	for range c.window {
		free <- &batch{}
	}
	work := make(chan *batch, c.workers)
	done := make(chan *batch, c.window)

	var readErr error
	var bomBytes atomic.Int64
	go func() { // the reader
		defer close(work)
		br := bufio.NewReaderSize(r, readBuffer)
		// A UTF-8 byte order mark before the first record is not part of
		// it (JSON Lines has none): it is skipped, and counted as read.
		if p, _ := br.Peek(3); string(p) == "\uFEFF" {
			br.Discard(3)
			bomBytes.Store(3)
		}
		line := int64(0)
		for seq := int64(0); ; seq++ {
			var b *batch
			select {
			case b = <-free:
			case <-ctx.Done():
				return
			}
			b.reset()
			b.seq = seq
			var err error
			for {
				start := len(b.in)
				for {
					var chunk []byte
					chunk, err = br.ReadSlice('\n')
					b.in = append(b.in, chunk...)
					if err != bufio.ErrBufferFull {
						break
					}
				}
				if len(b.in) > start {
					b.add(line, start, len(b.in))
					line++
				}
				if err != nil || len(b.jobs) >= maxBatchLines || len(b.in) >= maxBatchBytes || !lineReady(br) {
					break
				}
			}
			for i := range b.jobs {
				j := &b.jobs[i]
				j.in = b.in[j.start:j.end:j.end]
			}
			if len(b.jobs) > 0 {
				select {
				case work <- b:
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				if err != io.EOF {
					readErr = fmt.Errorf("reading %s: %w", c.name(), err)
				}
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range c.workers {
		wg.Go(func() {
			p := c.newRunner()
			var a *corpus.Analyzer
			if c.opts.Corpus != nil {
				a = corpus.NewAnalyzer(c.opts.Corpus.Options())
			}
			for b := range work {
				for i := range b.jobs {
					c.process(p, a, b, &b.jobs[i])
				}
				done <- b
			}
		})
	}
	if c.opts.Corpus != nil {
		// The emitter's own pipeline, for Extend's rule settings.
		c.judger = jobs.NewJudge(c.opts.Corpus, c.newPipeline())
	}
	go func() {
		wg.Wait()
		close(done)
	}()

	// The writer: put the jobs back in order.
	bw := bufio.NewWriterSize(w, 64<<10)
	var rw *bufio.Writer
	if c.opts.Reject != nil {
		rw = bufio.NewWriterSize(c.opts.Reject, 16<<10)
	}
	ring := make([]*batch, c.window)
	next := int64(0)
	var writeErr error
	for b := range done {
		if writeErr != nil {
			continue // drain, so that the workers end
		}
		ring[b.seq%int64(len(ring))] = b
		for writeErr == nil {
			k := next % int64(len(ring))
			b := ring[k]
			if b == nil {
				break
			}
			ring[k] = nil
			next++
			for i := range b.jobs {
				if err := c.emit(&sum, b, &b.jobs[i], bw, rw); err != nil {
					writeErr = err
					cancel()
					break
				}
			}
			if writeErr == nil {
				free <- b
			}
		}
	}
	if writeErr == nil {
		if err := bw.Flush(); err != nil {
			writeErr = fmt.Errorf("writing output: %w", err)
		}
	}
	if writeErr == nil && rw != nil {
		if err := rw.Flush(); err != nil {
			writeErr = fmt.Errorf("writing rejects: %w", err)
		}
	}
	if c.judger != nil && c.opts.Decide == nil {
		sum.Corpus = c.judger.Summary(0)
	}
	sum.BytesIn += bomBytes.Load()
	switch {
	case writeErr != nil:
		return sum, writeErr
	case readErr != nil:
		return sum, readErr
	}
	return sum, context.Cause(ctx)
}

// A runner cleans a worker's records: with the Checker's worker, or
// with a pipeline.
type runner struct {
	w *document.Worker
	p *pipeline.Pipeline
}

// run cleans one record's text. The error is the Checker's: a
// configuration file that cannot be read.
func (r runner) run(text string) (*pipeline.Result, *pipeline.Guard, error) {
	if r.w == nil {
		return r.p.Run(text), nil, nil
	}
	res, err := r.w.Check(document.Doc{Text: text})
	return res.Result, res.Guard, err
}

// newRunner returns a worker's runner.
func (c *cleaner) newRunner() runner {
	if c.opts.Checker != nil {
		return runner{w: c.opts.Checker.NewWorker()}
	}
	return runner{p: c.newPipeline()}
}

// newPipeline builds a worker's pipeline.
func (c *cleaner) newPipeline() *pipeline.Pipeline {
	if c.opts.NewPipeline != nil {
		return c.opts.NewPipeline()
	}
	po := c.opts.Pipeline
	po.FixesOnly = po.FixesOnly || !c.opts.Annotate
	return registry.Default(po)
}

// name is the input's name for messages.
func (c *cleaner) name() string {
	if c.opts.Name != "" {
		return c.opts.Name
	}
	return "input"
}

// emit writes a finished job and counts it.
func (c *cleaner) emit(sum *Summary, b *batch, j *job, bw, rw *bufio.Writer) error {
	if j.kind == kindRecord && j.doc != nil {
		if err := c.judge(b, j); err != nil {
			return err
		}
	}
	sum.Lines++
	sum.BytesIn += int64(len(j.in))
	switch j.kind {
	case kindBlank:
		sum.Blank++
	case kindRecord:
		sum.Records++
		if j.drop {
			sum.DroppedDocs++
		}
		if j.change {
			sum.Changed++
		}
		for _, rc := range j.counts {
			sum.Findings[rc.rule] += int64(rc.n)
		}
	case kindMalformed:
		sum.Malformed++
		if j.rej != nil {
			sum.Rejected++
			if _, err := rw.Write(j.rej); err != nil {
				return fmt.Errorf("writing rejects: %w", err)
			}
		}
	}
	if len(j.out) > 0 {
		sum.BytesOut += int64(len(j.out))
		c.outLines++
		if _, err := bw.Write(j.out); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
	}
	return nil
}

// splitEOL splits a line into its body and its line ending: "\n",
// "\r\n" or "".
func splitEOL(line []byte) (body, eol []byte) {
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		n--
		if n > 0 && line[n-1] == '\r' {
			n--
		}
	}
	return line[:n], line[n:]
}

// process cleans one line of b. It never panics: a panic in the
// pipeline makes the line malformed, with the panic as its reason.
//
// Without a Corpus the record's text is decoded into b.dec, which the
// next record overwrites: nothing of the text, or of the pipeline's
// Result, which may share its bytes, outlives this call. With a Corpus
// the Result is kept until the record is judged, so the text is a copy.
func (c *cleaner) process(p runner, a *corpus.Analyzer, b *batch, j *job) {
	defer func() {
		if v := recover(); v != nil {
			j.counts = j.counts[:0]
			j.change = false
			j.res, j.guard, j.doc = nil, nil, nil
			c.malformed(b, j, fmt.Errorf("internal error cleaning the record: %v", v))
		}
	}()
	body, _ := splitEOL(j.in)
	if isBlank(body) {
		j.kind, j.out = kindBlank, j.in
		return
	}
	o, err := scanObject(body, c.field, c.annKey)
	if err == nil {
		err = c.check(o, body)
	}
	var text string
	if err == nil && c.opts.MaxText > 0 && len(o.field.rawString) > c.opts.MaxText {
		// The encoded value is no shorter than the text it decodes to
		// (less a few escapes' worth): decode only what may fit.
		if n, derr := decodedLen(o.field.rawString); derr == nil && n > c.opts.MaxText {
			err = fmt.Errorf("field %q: text too large (%d bytes; the maximum is %d)", c.field, n, c.opts.MaxText)
		}
	}
	if err == nil {
		if a != nil {
			text, err = decodeString(o.field.rawString)
		} else {
			b.dec, text, err = decodeInto(b.dec, o.field.rawString)
		}
		if err != nil {
			err = fmt.Errorf("field %q: %w", c.field, err)
		}
	}
	if err != nil {
		c.malformed(b, j, err)
		return
	}
	r, g, err := p.run(text)
	if err != nil {
		c.malformed(b, j, err)
		return
	}
	j.kind = kindRecord
	if a != nil {
		j.res, j.guard, j.doc, j.obj = r, g, a.Analyze(r.Cleaned), o
		if f := c.opts.IDField; f != "" {
			j.id = recordID(body, f)
		}
	}
	c.render(b, j, o, r)
}

// render counts a cleaned record's findings and makes its output line,
// in b.buf when it is not the line as read.
func (c *cleaner) render(b *batch, j *job, o object, r *pipeline.Result) {
	j.counts = j.counts[:0]
	for i := range r.Findings {
		rule := r.Findings[i].Rule
		k := slices.IndexFunc(j.counts, func(rc ruleCount) bool { return rc.rule == rule })
		if k < 0 {
			j.counts = append(j.counts, ruleCount{rule: rule})
			k = len(j.counts) - 1
		}
		j.counts[k].n++
	}
	j.change = r.Changed()
	if !j.change && c.annKey == "" {
		j.out = j.in
		return
	}
	body, eol := splitEOL(j.in)
	text := r.Original

	// Splice: the field's new value, and the annotation in place of the
	// old one or after the last member.
	start := len(b.buf)
	buf := b.buf
	type splice struct{ start, end, what int }
	var sp [2]splice
	n := 0
	if j.change {
		sp[n] = splice{o.field.valStart, o.field.valEnd, 0}
		n++
	}
	if c.annKey != "" {
		if o.annotate.found {
			sp[n] = splice{o.annotate.valStart, o.annotate.valEnd, 1}
		} else {
			sp[n] = splice{o.lastEnd, o.lastEnd, 2}
		}
		n++
	}
	if n == 2 && sp[1].start < sp[0].start {
		sp[0], sp[1] = sp[1], sp[0]
	}
	last := 0
	for _, s := range sp[:n] {
		buf = append(buf, body[last:s.start]...)
		switch s.what {
		case 0:
			buf = appendString(buf, r.Cleaned)
		case 2:
			buf = append(buf, ',')
			buf = appendString(buf, c.annKey)
			buf = append(buf, ':')
			fallthrough
		case 1:
			buf = c.appendAnnotation(buf, j, len(text)-len(r.Cleaned))
		}
		last = s.end
	}
	buf = append(buf, body[last:]...)
	buf = append(buf, eol...)
	b.buf, j.out = buf, buf[start:len(buf):len(buf)]
}

// check reports why a scanned object is not a record to clean.
func (c *cleaner) check(o object, body []byte) error {
	switch f := o.field; {
	case !f.found:
		return fmt.Errorf("no %q field", c.field)
	case f.duplicated:
		return fmt.Errorf("field %q appears more than once", c.field)
	case !f.isString:
		return fmt.Errorf("field %q is %s, not a string", c.field, jsonKind(body[f.valStart]))
	case o.annotate.duplicated:
		return fmt.Errorf("field %q appears more than once", c.annKey)
	}
	return nil
}

// appendAnnotation appends the report object of a record.
func (c *cleaner) appendAnnotation(b []byte, j *job, removed int) []byte {
	b = append(b, `{"changed":`...)
	if j.change {
		b = append(b, "true"...)
	} else {
		b = append(b, "false"...)
	}
	if j.dup != "" {
		b = append(b, `,"duplicate_of":`...)
		b = appendString(b, j.dup)
	}
	b = append(b, `,"findings":{`...)
	slices.SortFunc(j.counts, func(a, b ruleCount) int { return strings.Compare(a.rule, b.rule) })
	for i, rc := range j.counts {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, rc.rule)
		b = append(b, ':')
		b = fmt.Appendf(b, "%d", rc.n)
	}
	b = append(b, `},"bytes_removed":`...)
	b = fmt.Appendf(b, "%d", removed)
	return append(b, '}')
}

// malformed makes j a malformed line: passed through, or a reject record
// in b.buf.
func (c *cleaner) malformed(b *batch, j *job, reason error) {
	j.kind = kindMalformed
	if c.opts.Reject == nil {
		j.out = j.in
		return
	}
	body, _ := splitEOL(j.in)
	start := len(b.buf)
	buf := b.buf
	buf = append(buf, '{')
	if c.opts.Name != "" {
		buf = append(buf, `"file":`...)
		buf = appendString(buf, c.opts.Name)
		buf = append(buf, ',')
	}
	buf = fmt.Appendf(buf, `"line":%d,"error":`, j.seq+1)
	buf = appendString(buf, reason.Error())
	if utf8.Valid(body) {
		buf = append(buf, `,"record":`...)
		buf = appendString(buf, string(body))
	} else {
		// A JSON string cannot hold the bytes that are not UTF-8: the
		// line goes as base64, so that it survives exactly.
		buf = append(buf, `,"record_encoding":"base64","record":"`...)
		buf = base64.StdEncoding.AppendEncode(buf, body)
		buf = append(buf, '"')
	}
	buf = append(buf, '}', '\n')
	b.buf, j.rej, j.out = buf, buf[start:len(buf):len(buf)], nil
}

// judge runs the Corpus on a cleaned record, in input order: a duplicate
// it drops loses its output, and one with findings is extended and
// rendered again.
func (c *cleaner) judge(b *batch, j *job) (err error) {
	defer func() {
		if v := recover(); v != nil {
			// Never lose the record: pass it through as it was read.
			j.out, j.drop, j.dup, err = j.in, false, "", nil
		}
	}()
	name := j.id
	if name == "" {
		name = fmt.Sprintf("%s:%d", c.name(), j.seq+1)
	}
	var dec *corpus.Decision
	if c.opts.Decide != nil {
		dec, err = c.opts.Decide(Record{Line: j.seq, OutLine: c.outLines, Name: name, Doc: j.doc, Changed: j.change})
		if err == nil && dec != nil {
			jobs.Apply(c.judger.Extender(), j.res, j.guard, dec)
		}
	} else {
		dec, err = c.judger.Judge(name, j.res, j.guard, j.doc)
	}
	if err != nil {
		return err
	}
	switch {
	case dec == nil:
	case dec.Drop:
		j.drop, j.out = true, nil
	case !dec.Empty():
		if dec.CopyOf != "" {
			j.dup = dec.CopyOf
		} else {
			j.dup = dec.NearOf
		}
		c.render(b, j, j.obj, j.res)
	}
	j.res, j.guard, j.doc = nil, nil, nil
	return nil
}

// recordID returns the value of the top-level member field of a valid
// JSON object line: a string's text or a number's digits; "" if there is
// none, or it is of another kind.
func recordID(line []byte, field string) string {
	o, ok := scanMembers(line, field, "")
	if !ok || !o.field.found || o.field.duplicated {
		return ""
	}
	if o.field.isString {
		s, err := decodeString(o.field.rawString)
		if err != nil {
			return ""
		}
		return s
	}
	v := line[o.field.valStart:o.field.valEnd]
	if len(v) > 0 && (v[0] == '-' || '0' <= v[0] && v[0] <= '9') {
		return string(v)
	}
	return ""
}

// decodedLen returns the length of the JSON string value raw once
// decoded.
func decodedLen(raw []byte) (int, error) {
	s, err := decodeString(raw)
	return len(s), err
}
