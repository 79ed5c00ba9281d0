package seen

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
)

// The log file: a header, then frames.
//
//	header:  magic "CDSEEN02", uvarint len(version), version,
//	         uint32 LE CRC-32C of the bytes before
//	frame:   uint32 LE len(payload), uint32 LE CRC-32C(payload),
//	         uint32 LE CRC-32C(the frame's first 8 bytes), payload
//	payload: documents, each: uvarint len(name), name, uvarint n,
//	         n × (uint64 LE fingerprint, uvarint paragraph)
//
// The third word of a frame checks its length (and payload checksum), so
// a damaged length is never mistaken for a frame that runs past the end
// of the file. Only documents with new fingerprints are written, and
// only their new fingerprints. A document's number is its position among
// the documents of the log, so replaying the log rebuilds the table
// exactly.
//
// Format 1 (magic "CDSEEN01") had 8-byte frame headers, uint32 length
// and uint32 CRC-32C(payload), with nothing to check the length. Open
// reads a format 1 log and rewrites it in format 2 (a new file renamed
// over it) before anything is appended; since a format 1 length cannot
// be checked, every tail of a format 1 log other than a few bytes or
// zeros is taken for damage, not for a torn write.

const (
	magic1 = "CDSEEN01"
	magic2 = "CDSEEN02"
	// frameHeader1 and frameHeader2 are the frame header sizes of the
	// two formats.
	frameHeader1 = 8
	frameHeader2 = 12
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// flushSize is the pending payload size at which a frame is written
// before Commit (without an fsync: durability is Commit's promise).
const flushSize = 1 << 20

// maxFrame bounds the length a frame header may claim.
const maxFrame = 1 << 30

// A VersionError says that an index was built with other fingerprints.
type VersionError struct {
	Path       string
	Have, Want string
}

func (e *VersionError) Error() string {
	return fmt.Sprintf("seen-index %s holds fingerprints of version %q, this build makes %q: they would never match; use a new index file (or delete this one)", e.Path, e.Have, e.Want)
}

// ErrCorrupt is wrapped by the error Open returns for a log that is
// damaged other than at its tail.
var ErrCorrupt = errors.New("seen-index is corrupt")

// A CorruptError is a log damaged other than by a torn write at its
// end: a frame that fails its checksums, or bytes that are not a frame,
// with more of the file after it. Open leaves such a file exactly as it
// was; Options.Repair keeps its good frames (not when the header is
// damaged, at Offset 0). It matches ErrCorrupt.
type CorruptError struct {
	Path   string
	Offset int64  // where the first bad frame starts, in bytes from the start of the file
	Reason string // what is wrong there
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("seen-index %s is damaged at byte %d: %s; the file was left as it is", e.Path, e.Offset, e.Reason)
}

// Is makes errors.Is(err, ErrCorrupt) true.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// Options say how Open treats a damaged log.
type Options struct {
	// Repair keeps every good frame of a damaged log and drops the
	// rest: the log is rewritten (a new file renamed over it) with the
	// frames that pass their checksums, and Report.Dropped says which
	// bytes went. Without Repair, a damaged log is an error.
	Repair bool
}

// A Span is a range of bytes of an index file and why it was left out.
type Span struct {
	Offset, Length int64
	Reason         string
}

// A Report says what Open found and changed in an index file.
type Report struct {
	Path     string
	Format   int   // the format the file had when opened: 1 or 2, 0 for a new file
	Frames   int   // good frames read
	Upgraded bool  // a format 1 log was rewritten in format 2
	TornTail *Span // a torn frame at the end of the file (a write cut short) that was cut off
	Dropped  []Span
}

// Notes describes each change Open made to the file, one line each, for
// a person; nil when it made none.
func (r *Report) Notes() []string {
	if r == nil {
		return nil
	}
	var out []string
	if t := r.TornTail; t != nil {
		out = append(out, fmt.Sprintf("seen-index %s: cut off a torn tail of %s at byte %d (%s): a run stopped while writing it; %s kept", r.Path, plural(t.Length, "byte"), t.Offset, t.Reason, plural(int64(r.Frames), "frame")))
	}
	var dropped int64
	for _, d := range r.Dropped {
		dropped += d.Length
		out = append(out, fmt.Sprintf("seen-index %s: repair dropped %s at byte %d (%s)", r.Path, plural(d.Length, "byte"), d.Offset, d.Reason))
	}
	if len(r.Dropped) > 0 {
		out = append(out, fmt.Sprintf("seen-index %s: repaired: %s kept, %s in %s dropped (the fingerprints they held are forgotten)", r.Path, plural(int64(r.Frames), "frame"), plural(dropped, "byte"), plural(int64(len(r.Dropped)), "place")))
	}
	if r.Upgraded {
		out = append(out, fmt.Sprintf("seen-index %s: rewritten in format 2 (checksummed frame lengths), was format 1", r.Path))
	}
	return out
}

// plural returns "1 byte", "2 bytes".
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// logIndex is the on-disk Index.
type logIndex struct {
	t       table
	path    string
	f       *os.File
	size    int64  // bytes of valid log written
	pending []byte // payload of the next frame
	err     error  // sticky write error
	unlock  func() error
}

// Open opens or creates the on-disk index at path for fingerprints of
// the given version. An existing index of another version is refused
// with a *VersionError. A torn frame at the end of the log (a crash
// during a write) is cut off; damage anywhere else is a *CorruptError
// (matching ErrCorrupt) and the file is left as it was. The file is
// locked against a second process. OpenWith does the same, repairs on
// request and says what it changed.
func Open(path, version string) (Index, error) {
	idx, _, err := OpenWith(path, version, Options{})
	return idx, err
}

// OpenWith is Open with options, and a report of what was found and
// changed: a torn tail cut off, frames dropped by a repair, a format 1
// log upgraded. The report is non-nil whenever the file could be read,
// also with an error.
//
// A torn tail is cut off only when it is the last thing in the file:
// fewer bytes than a frame header, zeros only, or a frame header whose
// checksum holds and whose length runs past the end of the file with no
// valid frame anywhere after it. A complete frame that fails its
// checksum is damage, also at the end of the file.
func OpenWith(path, version string, opts Options) (Index, *Report, error) {
	var f *os.File
	var unlock func() error
	for try := 0; ; try++ {
		var err error
		f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, nil, fmt.Errorf("opening seen-index %s: %w", path, err)
		}
		if unlock, err = lockFile(f); err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("opening seen-index %s: %w", path, err)
		}
		// Another process may have renamed a rewritten log over the
		// file between the open and the lock: lock the file the path
		// names now.
		fi, err1 := f.Stat()
		pi, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(fi, pi) {
			break
		}
		unlock()
		f.Close()
		if try == 10 {
			return nil, nil, fmt.Errorf("opening seen-index %s: the file keeps being replaced", path)
		}
	}
	l := &logIndex{path: path, f: f, unlock: unlock}
	rep := &Report{Path: path}
	if err := l.load(version, opts, rep); err != nil {
		l.unlock()
		l.f.Close()
		return nil, rep, err
	}
	return l, rep, nil
}

func header(version string) []byte {
	b := append([]byte(magic2), binary.AppendUvarint(nil, uint64(len(version)))...)
	b = append(b, version...)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crcTable))
}

// appendFrame appends payload as one format 2 frame.
func appendFrame(b, payload []byte) []byte {
	n := len(b)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(payload)))
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(payload, crcTable))
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b[n:n+8], crcTable))
	return append(b, payload...)
}

// A frame is where a good frame's payload lies in the file.
type frame struct {
	payload int64 // offset of the payload
	n       int64 // its length
}

// load reads the log into the table, or writes the header of a new one.
func (l *logIndex) load(version string, opts Options, rep *Report) error {
	st, err := l.f.Stat()
	if err != nil {
		return fmt.Errorf("opening seen-index %s: %w", l.path, err)
	}
	size := st.Size()
	if h := header(version); size > 0 && size < int64(len(h)) {
		// A header cut short while the log was created: the file holds
		// nothing but the start of the header this call would write.
		b := make([]byte, size)
		if _, err := l.f.ReadAt(b, 0); err == nil && bytes.Equal(b, h[:size]) {
			if err := l.f.Truncate(0); err != nil {
				return fmt.Errorf("cutting the torn header off seen-index %s: %w", l.path, err)
			}
			rep.TornTail = &Span{Offset: 0, Length: size, Reason: "a header cut short"}
			size = 0
		}
	}
	if size == 0 {
		h := header(version)
		if _, err := l.f.Write(h); err != nil {
			return fmt.Errorf("creating seen-index %s: %w", l.path, err)
		}
		if err := l.f.Sync(); err != nil {
			return fmt.Errorf("creating seen-index %s: %w", l.path, err)
		}
		syncDir(filepath.Dir(l.path))
		l.size = int64(len(h))
		l.t = newTable(0)
		return nil
	}
	br := bufio.NewReaderSize(io.NewSectionReader(l.f, 0, size), int(min(size, 1<<20)))
	format, v, off, err := readHeader(br)
	var he headerError
	switch {
	case errors.As(err, &he):
		// The header names the fingerprint version: without it the
		// frames cannot be trusted to match, so it is not repaired.
		return &CorruptError{Path: l.path, Offset: 0, Reason: string(he) + " (a header cannot be repaired: move the file away to start a new index)"}
	case err != nil:
		return fmt.Errorf("opening %s: %w", l.path, err)
	}
	rep.Format = format
	if v != version {
		return &VersionError{Path: l.path, Have: v, Want: version}
	}
	hsize := int64(frameHeader2)
	if format == 1 {
		hsize = frameHeader1
	}
	l.t = newTable(int(size / 11))
	var frames []frame
	var payload []byte
	var fh [frameHeader2]byte
	reason := ""
	for off < size {
		if size-off < hsize {
			reason = "a frame header cut short"
			break
		}
		if _, err := io.ReadFull(br, fh[:hsize]); err != nil {
			return fmt.Errorf("reading seen-index %s: %w", l.path, err)
		}
		ln, why := checkHeader(fh[:hsize])
		if why != "" {
			reason = why
			break
		}
		if off+hsize+ln > size {
			reason = fmt.Sprintf("a frame of %d bytes runs past the end of the file", ln)
			break
		}
		if int64(cap(payload)) < ln {
			payload = make([]byte, ln)
		}
		payload = payload[:ln]
		if _, err := io.ReadFull(br, payload); err != nil {
			return fmt.Errorf("reading seen-index %s: %w", l.path, err)
		}
		if why := checkPayload(fh[:hsize], payload); why != "" {
			reason = why
			break
		}
		l.replay(payload)
		frames = append(frames, frame{off + hsize, ln})
		off += hsize + ln
	}
	rewrite := format == 1
	if off < size {
		rest := make([]byte, size-off)
		if _, err := l.f.ReadAt(rest, off); err != nil {
			return fmt.Errorf("reading seen-index %s: %w", l.path, err)
		}
		switch {
		case tornTail(rest, int(hsize)):
			rep.TornTail = &Span{Offset: off, Length: size - off, Reason: reason}
			if !rewrite {
				if err := l.f.Truncate(off); err != nil {
					return fmt.Errorf("cutting the torn tail off seen-index %s: %w", l.path, err)
				}
				if err := l.f.Sync(); err != nil {
					return fmt.Errorf("cutting the torn tail off seen-index %s: %w", l.path, err)
				}
			}
		case !opts.Repair:
			rep.Frames = len(frames)
			return &CorruptError{Path: l.path, Offset: off, Reason: reason}
		default:
			frames = l.salvage(rest, off, int(hsize), frames, rep)
			rewrite = true
		}
	}
	rep.Frames = len(frames)
	l.size = off
	if rewrite {
		if err := l.rewrite(version, frames, st.Mode().Perm()); err != nil {
			return err
		}
		rep.Upgraded = format == 1
	}
	return nil
}

// checkHeader checks a frame header (8 bytes in format 1, 12 in format
// 2) and returns the payload length it gives, or why it is bad.
func checkHeader(h []byte) (int64, string) {
	ln := int64(binary.LittleEndian.Uint32(h))
	if len(h) == frameHeader2 && crc32.Checksum(h[:8], crcTable) != binary.LittleEndian.Uint32(h[8:]) {
		return 0, "frame header checksum mismatch"
	}
	if ln == 0 || ln > maxFrame {
		return 0, fmt.Sprintf("bad frame length %d", ln)
	}
	return ln, ""
}

// checkPayload checks a payload against its frame header and that it
// parses, and returns why it is bad, or "".
func checkPayload(h, payload []byte) string {
	if crc32.Checksum(payload, crcTable) != binary.LittleEndian.Uint32(h[4:]) {
		return "frame payload checksum mismatch"
	}
	if err := validate(payload); err != nil {
		return "frame payload does not parse: " + err.Error()
	}
	return ""
}

// frameAt returns the payload length of a good frame at the start of b,
// or -1.
func frameAt(b []byte, hsize int) int64 {
	if len(b) < hsize {
		return -1
	}
	if hsize == frameHeader1 {
		// Format 1 has no header checksum: a cheap look at the first
		// document before the payload checksum.
		ln := int64(binary.LittleEndian.Uint32(b))
		if ln == 0 || ln > int64(len(b)-hsize) {
			return -1
		}
		p := b[hsize : hsize+int(ln)]
		n, k := binary.Uvarint(p)
		if k <= 0 || n > uint64(len(p)-k) {
			return -1
		}
	}
	ln, why := checkHeader(b[:hsize])
	if why != "" || ln > int64(len(b)-hsize) {
		return -1
	}
	if checkPayload(b[:hsize], b[hsize:hsize+int(ln)]) != "" {
		return -1
	}
	return ln
}

// nextFrame returns where the first good frame at or after from starts
// in b, and its payload length, or -1.
func nextFrame(b []byte, from, hsize int) (int, int64) {
	for p := from; p+hsize < len(b); p++ {
		if ln := frameAt(b[p:], hsize); ln >= 0 {
			return p, ln
		}
	}
	return -1, 0
}

// tornTail reports whether rest, the bytes of a log from its first bad
// frame to its end, is what a write cut short leaves: fewer bytes than a
// frame header, zeros only, or (format 2) a header that checks and runs
// past the end of the file, with no good frame after it.
func tornTail(rest []byte, hsize int) bool {
	if len(rest) < hsize {
		return true
	}
	zeros := true
	for _, c := range rest {
		if c != 0 {
			zeros = false
			break
		}
	}
	if zeros {
		return true
	}
	if hsize == frameHeader1 {
		return false // a format 1 length cannot be checked
	}
	ln, why := checkHeader(rest[:hsize])
	if why != "" || int64(hsize)+ln <= int64(len(rest)) {
		return false
	}
	p, _ := nextFrame(rest, 1, hsize)
	return p < 0
}

// salvage replays every good frame of rest, the bytes of the log from
// off (its first bad frame) on, adds them to frames and reports the
// bytes between them as dropped.
func (l *logIndex) salvage(rest []byte, off int64, hsize int, frames []frame, rep *Report) []frame {
	p := 0
	for p < len(rest) {
		q, ln := nextFrame(rest, p, hsize)
		if q < 0 {
			q = len(rest)
		}
		if q > p {
			rep.Dropped = append(rep.Dropped, Span{Offset: off + int64(p), Length: int64(q - p), Reason: whyBad(rest[p:], hsize)})
		}
		if q == len(rest) {
			break
		}
		start := q + hsize
		l.replay(rest[start : start+int(ln)])
		frames = append(frames, frame{off + int64(start), ln})
		p = start + int(ln)
	}
	return frames
}

// whyBad says why b does not start with a good frame.
func whyBad(b []byte, hsize int) string {
	if len(b) < hsize {
		return "a frame header cut short"
	}
	ln, why := checkHeader(b[:hsize])
	switch {
	case why != "":
		return why
	case ln > int64(len(b)-hsize):
		return fmt.Sprintf("a frame of %d bytes runs past the end of the file", ln)
	}
	return checkPayload(b[:hsize], b[hsize:hsize+int(ln)])
}

// rewrite writes the good frames to a new file in format 2 and renames
// it over the log, which is untouched until the rename: the repair of a
// damaged log and the upgrade of a format 1 one.
func (l *logIndex) rewrite(version string, frames []frame, perm os.FileMode) (err error) {
	dir, base := filepath.Split(l.path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".copydesk-seen-*.tmp") // 0600
	if err != nil {
		return fmt.Errorf("rewriting seen-index %s: %w", l.path, err)
	}
	var unlock func() error
	defer func() {
		if err != nil {
			if unlock != nil {
				unlock()
			}
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	total := int64(0)
	for _, fr := range frames {
		total += frameHeader2 + fr.n
	}
	w := bufio.NewWriterSize(tmp, int(min(total+64, 1<<20)))
	b := header(version)
	size := int64(len(b))
	w.Write(b)
	var payload []byte
	for _, fr := range frames {
		if int64(cap(payload)) < fr.n {
			payload = make([]byte, fr.n)
		}
		payload = payload[:fr.n]
		if _, err := l.f.ReadAt(payload, fr.payload); err != nil {
			return fmt.Errorf("rewriting seen-index %s: %w", l.path, err)
		}
		b = appendFrame(b[:0], payload)
		w.Write(b)
		size += int64(len(b))
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("rewriting seen-index %s: %w", l.path, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fmt.Errorf("rewriting seen-index %s: %w", l.path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("rewriting seen-index %s: %w", l.path, err)
	}
	if unlock, err = lockFile(tmp); err != nil {
		return fmt.Errorf("rewriting seen-index %s: %w", l.path, err)
	}
	if err := os.Rename(tmp.Name(), l.path); err != nil {
		return fmt.Errorf("rewriting seen-index %s: %w", l.path, err)
	}
	syncDir(dir)
	l.unlock()
	l.f.Close()
	l.f, l.unlock, l.size = tmp, unlock, size
	return nil
}

// A headerError is a damaged header.
type headerError string

func (e headerError) Error() string { return string(e) }

// readHeader reads and checks a log's header and returns its format,
// its version and its size.
func readHeader(br *bufio.Reader) (int, string, int64, error) {
	h := make([]byte, len(magic2))
	if _, err := io.ReadFull(br, h); err != nil || (string(h) != magic1 && string(h) != magic2) {
		return 0, "", 0, errors.New("not a copydesk seen-index")
	}
	format := 2
	if string(h) == magic1 {
		format = 1
	}
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<10 {
		return 0, "", 0, headerError("bad header")
	}
	rest := make([]byte, n+4)
	if _, err := io.ReadFull(br, rest); err != nil {
		return 0, "", 0, headerError("bad header")
	}
	b := append(h, binary.AppendUvarint(nil, n)...)
	b = append(b, rest[:n]...)
	if crc32.Checksum(b, crcTable) != binary.LittleEndian.Uint32(rest[n:]) {
		return 0, "", 0, headerError("bad header checksum")
	}
	return format, string(rest[:n]), int64(len(b) + 4), nil
}

// validate checks that a payload parses as documents and keys.
func validate(p []byte) error {
	for len(p) > 0 {
		n, k := binary.Uvarint(p)
		if k <= 0 || uint64(len(p)-k) < n {
			return errors.New("bad document name")
		}
		p = p[k+int(n):]
		cnt, k := binary.Uvarint(p)
		if k <= 0 || cnt > uint64(len(p)) {
			return errors.New("bad key count")
		}
		p = p[k:]
		for range cnt {
			if len(p) < 9 {
				return errors.New("short key")
			}
			_, k := binary.Uvarint(p[8:])
			if k <= 0 {
				return errors.New("bad paragraph number")
			}
			p = p[8+k:]
		}
	}
	return nil
}

// replay adds a frame's documents to the table; the payload has passed
// validate.
func (l *logIndex) replay(p []byte) {
	for len(p) > 0 {
		n, k := binary.Uvarint(p)
		name := string(p[k : k+int(n)])
		p = p[k+int(n):]
		cnt, k := binary.Uvarint(p)
		p = p[k:]
		doc := len(l.t.docs)
		l.t.docs = append(l.t.docs, name)
		for range cnt {
			fp := Fingerprint(binary.LittleEndian.Uint64(p))
			para, k := binary.Uvarint(p[8:])
			p = p[8+k:]
			// Only new fingerprints are logged, so each appears once.
			l.t.m[fp] = pack(doc, int(min(para, maxPara)))
		}
	}
}

func (l *logIndex) TestAndAdd(doc string, keys []Key, dst []Seen) ([]Seen, error) {
	if l.err != nil {
		return dst, l.err
	}
	n0 := len(dst)
	dst, added := l.t.testAndAdd(doc, keys, dst)
	if added == 0 {
		return dst, nil
	}
	p := binary.AppendUvarint(l.pending, uint64(len(doc)))
	p = append(p, doc...)
	p = binary.AppendUvarint(p, uint64(added))
	for i, k := range keys {
		if !dst[n0+i].Found {
			p = binary.LittleEndian.AppendUint64(p, uint64(k.FP))
			p = binary.AppendUvarint(p, uint64(min(max(k.Para, 0), maxPara)))
		}
	}
	l.pending = p
	if len(l.pending) >= flushSize {
		if err := l.write(); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// write appends the pending payload as one frame.
func (l *logIndex) write() error {
	if l.err != nil {
		return l.err
	}
	if len(l.pending) == 0 {
		return nil
	}
	fr := appendFrame(make([]byte, 0, frameHeader2+len(l.pending)), l.pending)
	if _, err := l.f.WriteAt(fr, l.size); err != nil {
		// Cut the partial frame off so the log stays valid.
		l.f.Truncate(l.size)
		l.err = fmt.Errorf("writing seen-index %s: %w", l.path, err)
		return l.err
	}
	l.size += int64(len(fr))
	l.pending = l.pending[:0]
	return nil
}

func (l *logIndex) Commit() error {
	if err := l.write(); err != nil {
		return err
	}
	if err := l.f.Sync(); err != nil {
		l.err = fmt.Errorf("syncing seen-index %s: %w", l.path, err)
		return l.err
	}
	return nil
}

func (l *logIndex) Len() int { return len(l.t.m) }

func (l *logIndex) Close() error {
	if l.f == nil {
		return nil
	}
	err := l.Commit()
	if uerr := l.unlock(); err == nil && uerr != nil {
		err = fmt.Errorf("unlocking seen-index %s: %w", l.path, uerr)
	}
	if cerr := l.f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("closing seen-index %s: %w", l.path, cerr)
	}
	l.f = nil
	return err
}

// syncDir fsyncs a directory so that a new file's entry is durable; an
// error is ignored (not every system can).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
