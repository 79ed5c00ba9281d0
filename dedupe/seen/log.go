package seen

import (
	"bufio"
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
//	header: magic "CDSEEN01", uvarint len(version), version, CRC-32C of the bytes before
//	frame:  uint32 LE len(payload), uint32 LE CRC-32C(payload), payload
//	payload: documents, each: uvarint len(name), name, uvarint n,
//	         n × (uint64 LE fingerprint, uvarint paragraph)
//
// Only documents with new fingerprints are written, and only their new
// fingerprints. A document's number is its position among the documents
// of the log, so replaying the log rebuilds the table exactly.

const magic = "CDSEEN01"

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
// during a write) is cut off; damage anywhere else is an error wrapping
// ErrCorrupt. The file is locked against a second process.
func Open(path, version string) (Index, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening seen-index: %w", err)
	}
	unlock, err := lockFile(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("opening seen-index %s: %w", path, err)
	}
	l := &logIndex{path: path, f: f, unlock: unlock}
	if err := l.load(version); err != nil {
		unlock()
		f.Close()
		return nil, err
	}
	return l, nil
}

func header(version string) []byte {
	b := append([]byte(magic), binary.AppendUvarint(nil, uint64(len(version)))...)
	b = append(b, version...)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crcTable))
}

// load reads the log into the table, or writes the header of a new one.
func (l *logIndex) load(version string) error {
	st, err := l.f.Stat()
	if err != nil {
		return fmt.Errorf("opening seen-index %s: %w", l.path, err)
	}
	size := st.Size()
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
	br := bufio.NewReaderSize(l.f, 1<<20)
	v, err := readHeader(br)
	if err != nil {
		return fmt.Errorf("opening %s: %w", l.path, err)
	}
	if v != version {
		return &VersionError{Path: l.path, Have: v, Want: version}
	}
	off := int64(len(header(version)))
	l.t = newTable(int(size / 11))
	var fh [8]byte
	var payload []byte
	for off < size {
		if _, err := io.ReadFull(br, fh[:]); err != nil {
			break // fewer than 8 bytes left: a torn frame header
		}
		ln := int64(binary.LittleEndian.Uint32(fh[:4]))
		if ln == 0 || ln > maxFrame || off+8+ln > size {
			break
		}
		if int64(cap(payload)) < ln {
			payload = make([]byte, ln)
		}
		payload = payload[:ln]
		if _, err := io.ReadFull(br, payload); err != nil {
			return fmt.Errorf("opening seen-index %s: %w", l.path, err)
		}
		if crc32.Checksum(payload, crcTable) != binary.LittleEndian.Uint32(fh[4:]) {
			if off+8+ln == size {
				break // the last frame, torn
			}
			return fmt.Errorf("opening %s: %w: checksum mismatch in the frame at byte %d", l.path, ErrCorrupt, off)
		}
		if err := l.replay(payload); err != nil {
			return fmt.Errorf("opening %s: %w: frame at byte %d: %v", l.path, ErrCorrupt, off, err)
		}
		off += 8 + ln
	}
	if off < size {
		// A bad frame is acceptable only as the log's tail: it claims
		// to reach the end of the file, or only zeros follow.
		tail, err := onlyZerosOrShort(l.f, off, size)
		if err != nil {
			return fmt.Errorf("opening seen-index %s: %w", l.path, err)
		}
		if !tail {
			return fmt.Errorf("opening %s: %w: bad frame at byte %d", l.path, ErrCorrupt, off)
		}
		if err := l.f.Truncate(off); err != nil {
			return fmt.Errorf("repairing the torn tail of seen-index %s: %w", l.path, err)
		}
		if err := l.f.Sync(); err != nil {
			return fmt.Errorf("repairing the torn tail of seen-index %s: %w", l.path, err)
		}
	}
	l.size = off
	return nil
}

// readHeader reads and checks a log's header and returns its version.
func readHeader(br *bufio.Reader) (string, error) {
	h := make([]byte, len(magic))
	if _, err := io.ReadFull(br, h); err != nil || string(h) != magic {
		return "", errors.New("not a copydesk seen-index")
	}
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<10 {
		return "", fmt.Errorf("%w: bad header", ErrCorrupt)
	}
	rest := make([]byte, n+4)
	if _, err := io.ReadFull(br, rest); err != nil {
		return "", fmt.Errorf("%w: bad header", ErrCorrupt)
	}
	v := string(rest[:n])
	if want := header(v); binary.LittleEndian.Uint32(rest[n:]) != binary.LittleEndian.Uint32(want[len(want)-4:]) {
		return "", fmt.Errorf("%w: bad header checksum", ErrCorrupt)
	}
	return v, nil
}

// onlyZerosOrShort reports whether the bytes of f from off to size are
// all zero (a file extended but never written) or whether the frame
// header there claims more bytes than the file has.
func onlyZerosOrShort(f *os.File, off, size int64) (bool, error) {
	if size-off < 8 {
		return true, nil
	}
	var fh [8]byte
	if _, err := f.ReadAt(fh[:], off); err != nil {
		return false, err
	}
	if ln := int64(binary.LittleEndian.Uint32(fh[:4])); ln > 0 && off+8+ln >= size {
		return true, nil
	}
	buf := make([]byte, 64<<10)
	for p := off; p < size; {
		n, err := f.ReadAt(buf[:min(int64(len(buf)), size-p)], p)
		for _, c := range buf[:n] {
			if c != 0 {
				return false, nil
			}
		}
		p += int64(n)
		if err != nil {
			return false, err
		}
	}
	return true, nil
}

// replay adds a frame's documents to the table.
func (l *logIndex) replay(p []byte) error {
	for len(p) > 0 {
		n, k := binary.Uvarint(p)
		if k <= 0 || uint64(len(p)-k) < n {
			return errors.New("bad document name")
		}
		name := string(p[k : k+int(n)])
		p = p[k+int(n):]
		cnt, k := binary.Uvarint(p)
		if k <= 0 || cnt > uint64(len(p)) {
			return errors.New("bad key count")
		}
		p = p[k:]
		doc := len(l.t.docs)
		l.t.docs = append(l.t.docs, name)
		for range cnt {
			if len(p) < 9 {
				return errors.New("short key")
			}
			fp := Fingerprint(binary.LittleEndian.Uint64(p))
			para, k := binary.Uvarint(p[8:])
			if k <= 0 {
				return errors.New("bad paragraph number")
			}
			p = p[8+k:]
			// Only new fingerprints are logged, so each appears once.
			l.t.m[fp] = pack(doc, int(min(para, maxPara)))
		}
	}
	return nil
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
	fr := make([]byte, 8, 8+len(l.pending))
	binary.LittleEndian.PutUint32(fr, uint32(len(l.pending)))
	binary.LittleEndian.PutUint32(fr[4:], crc32.Checksum(l.pending, crcTable))
	fr = append(fr, l.pending...)
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
