package seen

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallLog writes a log of three frames, one document each (doc0 with
// keys 100–102, doc1 with 200–202, doc2 with 300–302), and returns its
// bytes and the [start, end) of each frame.
func smallLog(t testing.TB) ([]byte, [][2]int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "seen.idx")
	idx, err := Open(path, testVersion)
	if err != nil {
		t.Fatal(err)
	}
	var spans [][2]int64
	for d := range 3 {
		st, _ := os.Stat(path)
		base := Fingerprint(100 * (d + 1))
		if _, err := idx.TestAndAdd(fmt.Sprintf("doc%d", d), keys(base, base+1, base+2), nil); err != nil {
			t.Fatal(err)
		}
		if err := idx.Commit(); err != nil {
			t.Fatal(err)
		}
		end, _ := os.Stat(path)
		spans = append(spans, [2]int64{st.Size(), end.Size()})
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b, spans
}

// checkDocs checks that idx finds the keys of exactly the documents in
// want (by number), with their origins.
func checkDocs(t *testing.T, idx Index, want ...int) {
	t.Helper()
	if idx.Len() != 3*len(want) {
		t.Errorf("Len = %d, want %d", idx.Len(), 3*len(want))
	}
	for d := range 3 {
		base := Fingerprint(100 * (d + 1))
		kept := false
		for _, w := range want {
			kept = kept || w == d
		}
		for i, fp := range []Fingerprint{base, base + 1, base + 2} {
			got, _ := idx.(*logIndex).t.m[fp]
			_, found := idx.(*logIndex).t.m[fp]
			if found != kept {
				t.Errorf("doc%d key %d: found %v, want %v", d, fp, found, kept)
				continue
			}
			if found {
				if o := idx.(*logIndex).t.origin(got); o != (Origin{Doc: fmt.Sprintf("doc%d", d), Para: i + 1}) {
					t.Errorf("doc%d key %d: origin %v", d, fp, o)
				}
			}
		}
	}
}

// TestLogEveryFlip damages a small log one bit or byte at a time: every
// damage is an error that names the file and the offset of the frame,
// the file is left byte for byte as it was, and nothing is taken for a
// torn tail. A repair keeps the two good frames and reports exactly the
// damaged one as dropped.
func TestLogEveryFlip(t *testing.T) {
	orig, spans := smallLog(t)
	headerLen := spans[0][0]
	dir := t.TempDir()
	path := filepath.Join(dir, "seen.idx")
	masks := []byte{1, 2, 4, 8, 16, 32, 64, 128, 0xff}
	for i := range int64(len(orig)) {
		for _, mask := range masks {
			name := fmt.Sprintf("byte %d ^ %#x", i, mask)
			b := bytes.Clone(orig)
			b[i] ^= mask
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			idx, rep, err := OpenWith(path, testVersion, Options{})
			if err == nil {
				idx.Close()
				t.Fatalf("%s: opened, want an error (report %+v)", name, rep)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("%s: the error does not name the file: %v", name, err)
			}
			if rep != nil && rep.TornTail != nil {
				t.Errorf("%s: taken for a torn tail", name)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, b) {
				t.Fatalf("%s: a failed open changed the file", name)
			}
			if i < headerLen {
				continue // a damaged header: checked below with repair
			}
			frame := 0
			for spans[frame][1] <= i {
				frame++
			}
			var ce *CorruptError
			if !errors.As(err, &ce) || !errors.Is(err, ErrCorrupt) {
				t.Fatalf("%s: %v, want a *CorruptError", name, err)
			}
			if ce.Offset != spans[frame][0] || !strings.Contains(err.Error(), fmt.Sprintf("at byte %d", spans[frame][0])) {
				t.Errorf("%s: %v, want the offset of frame %d, byte %d", name, err, frame, spans[frame][0])
			}
		}
	}
	// Repair, for each byte (one bit or the whole byte, in turn: each
	// repair syncs a new file, so four run at once).
	const parts = 4
	for part := range parts {
		t.Run(fmt.Sprintf("repair%d", part), func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "seen.idx")
			for i := int64(part); i < int64(len(orig)); i += parts {
				mask := []byte{1 << (i / 2 % 8), 0xff}[i%2]
				checkRepair(t, path, orig, spans, i, mask)
			}
		})
	}
}

// checkRepair repairs orig with byte i xored with mask at path.
func checkRepair(t *testing.T, path string, orig []byte, spans [][2]int64, i int64, mask byte) {
	t.Helper()
	name := fmt.Sprintf("repair byte %d ^ %#x", i, mask)
	b := bytes.Clone(orig)
	b[i] ^= mask
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	idx, rep, err := OpenWith(path, testVersion, Options{Repair: true})
	if i < spans[0][0] {
		// A damaged header cannot be trusted to say which
		// fingerprints the file holds: not repaired.
		if err == nil {
			idx.Close()
			t.Fatalf("%s: repaired a damaged header", name)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, b) {
			t.Fatalf("%s: a failed repair changed the file", name)
		}
		if errors.Is(err, ErrCorrupt) && !strings.Contains(err.Error(), "cannot be repaired") {
			t.Errorf("%s: %v does not say the header cannot be repaired", name, err)
		}
		return
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	frame := 0
	for spans[frame][1] <= i {
		frame++
	}
	var want []int
	for d := range 3 {
		if d != frame {
			want = append(want, d)
		}
	}
	checkDocs(t, idx, want...)
	drop := Span{Offset: spans[frame][0], Length: spans[frame][1] - spans[frame][0]}
	if len(rep.Dropped) != 1 || rep.Dropped[0].Offset != drop.Offset || rep.Dropped[0].Length != drop.Length || rep.Frames != 2 {
		t.Errorf("%s: report %+v, want frame %d (%+v) dropped and 2 kept", name, rep, frame, drop)
	}
	if notes := strings.Join(rep.Notes(), "\n"); !strings.Contains(notes, fmt.Sprintf("dropped %d bytes at byte %d", drop.Length, drop.Offset)) {
		t.Errorf("%s: notes do not say what was dropped:\n%s", name, notes)
	}
	idx.Close()
	// The repaired log opens clean, and keeps growing.
	idx, rep, err = OpenWith(path, testVersion, Options{})
	if err != nil || rep.TornTail != nil || len(rep.Dropped) != 0 || rep.Frames != 2 {
		t.Fatalf("%s: reopen after repair: %v, %+v", name, err, rep)
	}
	checkDocs(t, idx, want...)
	idx.Close()
}

// TestLogEveryCut cuts a small log at every length after the header: a
// cut inside a frame is a torn tail, cut off and reported; a cut between
// frames is a shorter good log.
func TestLogEveryCut(t *testing.T) {
	orig, spans := smallLog(t)
	path := filepath.Join(t.TempDir(), "seen.idx")
	for n := spans[0][0]; n < int64(len(orig)); n++ {
		if err := os.WriteFile(path, orig[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		idx, rep, err := OpenWith(path, testVersion, Options{})
		if err != nil {
			t.Fatalf("cut at %d: %v", n, err)
		}
		var whole []int
		end := spans[0][0]
		for d, s := range spans {
			if s[1] <= n {
				whole = append(whole, d)
				end = s[1]
			}
		}
		checkDocs(t, idx, whole...)
		idx.Close()
		switch {
		case end == n && rep.TornTail != nil:
			t.Errorf("cut at %d, between frames: reported a torn tail %+v", n, rep.TornTail)
		case end < n && (rep.TornTail == nil || rep.TornTail.Offset != end || rep.TornTail.Length != n-end):
			t.Errorf("cut at %d: torn tail %+v, want %d bytes at %d", n, rep.TornTail, n-end, end)
		}
		if end < n && !strings.Contains(strings.Join(rep.Notes(), "\n"), "torn tail") {
			t.Errorf("cut at %d: the notes do not say so: %q", n, rep.Notes())
		}
		if st, _ := os.Stat(path); st.Size() != end {
			t.Errorf("cut at %d: %d bytes left, want %d", n, st.Size(), end)
		}
	}
}

// frame2 is a format 2 frame header claiming n bytes, with good
// checksums over a payload that is not there.
func frame2(n uint32) []byte {
	b := binary.LittleEndian.AppendUint32(nil, n)
	b = binary.LittleEndian.AppendUint32(b, 0)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crcTable))
}

// TestLogTornOnlyAtEnd: a frame that runs past the end of the file is a
// torn tail only when no good frame lies after its start.
func TestLogTornOnlyAtEnd(t *testing.T) {
	orig, spans := smallLog(t)
	path := filepath.Join(t.TempDir(), "seen.idx")
	// Between frames 0 and 1, a header whose checksum holds and whose
	// length reaches past the end of the file.
	b := append(bytes.Clone(orig[:spans[1][0]]), frame2(1<<20)...)
	b = append(b, orig[spans[1][0]:]...)
	os.WriteFile(path, b, 0o644)
	_, _, err := OpenWith(path, testVersion, Options{})
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Offset != spans[1][0] {
		t.Fatalf("Open: %v, want damage at byte %d", err, spans[1][0])
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, b) {
		t.Fatal("the failed open changed the file")
	}
	idx, rep, err := OpenWith(path, testVersion, Options{Repair: true})
	if err != nil {
		t.Fatal(err)
	}
	checkDocs(t, idx, 0, 1, 2)
	idx.Close()
	if len(rep.Dropped) != 1 || rep.Dropped[0] != (Span{Offset: spans[1][0], Length: frameHeader2, Reason: "a frame of 1048576 bytes runs past the end of the file"}) {
		t.Errorf("report %+v", rep)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, orig) {
		t.Error("the repaired log is not the log without the stray header")
	}
}

// v1Log writes a format 1 log of the given payloads.
func v1Log(payloads ...[]byte) []byte {
	b := append([]byte(magic1), binary.AppendUvarint(nil, uint64(len(testVersion)))...)
	b = append(b, testVersion...)
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crcTable))
	for _, p := range payloads {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(p)))
		b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(p, crcTable))
		b = append(b, p...)
	}
	return b
}

// docPayload is the payload of one document with three keys from base.
func docPayload(name string, base Fingerprint) []byte {
	p := binary.AppendUvarint(nil, uint64(len(name)))
	p = append(p, name...)
	p = binary.AppendUvarint(p, 3)
	for i := range 3 {
		p = binary.LittleEndian.AppendUint64(p, uint64(base)+uint64(i))
		p = binary.AppendUvarint(p, uint64(i+1))
	}
	return p
}

func v1Payloads() [][]byte {
	return [][]byte{docPayload("doc0", 100), docPayload("doc1", 200), docPayload("doc2", 300)}
}

// TestLogFormat1 opens logs written in format 1: a good one is read and
// rewritten in format 2; the damage that format 1 cannot tell from a
// torn tail is an error, not a truncation.
func TestLogFormat1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seen.idx")
	os.WriteFile(path, v1Log(v1Payloads()...), 0o600)
	idx, rep, err := OpenWith(path, testVersion, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkDocs(t, idx, 0, 1, 2)
	if !rep.Upgraded || rep.Format != 1 || rep.Frames != 3 {
		t.Errorf("report %+v, want an upgrade from format 1", rep)
	}
	// Appending goes to the format 2 file.
	idx.TestAndAdd("doc3", keys(400), nil)
	idx.Close()
	b, _ := os.ReadFile(path)
	if !bytes.HasPrefix(b, []byte(magic2)) {
		t.Fatalf("not rewritten in format 2: %q", b[:8])
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("the rewritten log has mode %v, want the old 0600", st.Mode().Perm())
	}
	idx, rep, err = OpenWith(path, testVersion, Options{})
	if err != nil || rep.Format != 2 || rep.Upgraded || rep.Frames != 4 || idx.Len() != 10 {
		t.Fatalf("reopen: %v %+v", err, rep)
	}
	idx.Close()
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files left beside the index: %v", entries)
	}
}

// TestLogFormat1EarlyLength is the damage that once emptied an index: a
// bit flipped in the length of an early frame made the rest of the file
// look like a torn tail, which was cut off.
func TestLogFormat1EarlyLength(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seen.idx")
	orig := v1Log(v1Payloads()...)
	first := len(v1Log())
	b := bytes.Clone(orig)
	b[first+2] ^= 0x10 // the length of frame 0 reaches past the end
	os.WriteFile(path, b, 0o644)
	_, _, err := OpenWith(path, testVersion, Options{})
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Offset != int64(first) || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open: %v, want damage at byte %d", err, first)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, b) {
		t.Fatal("the failed open changed the file")
	}
	idx, rep, err := OpenWith(path, testVersion, Options{Repair: true})
	if err != nil {
		t.Fatal(err)
	}
	checkDocs(t, idx, 1, 2)
	idx.Close()
	if len(rep.Dropped) != 1 || rep.Dropped[0].Offset != int64(first) || !rep.Upgraded {
		t.Errorf("report %+v", rep)
	}

	// A few bytes, or zeros, after the last frame are a torn tail.
	for _, tail := range [][]byte{{7, 0, 0}, make([]byte, 100)} {
		os.WriteFile(path, append(bytes.Clone(orig), tail...), 0o644)
		idx, rep, err := OpenWith(path, testVersion, Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkDocs(t, idx, 0, 1, 2)
		idx.Close()
		if rep.TornTail == nil || rep.TornTail.Offset != int64(len(orig)) || !rep.Upgraded {
			t.Errorf("tail %v: report %+v", tail, rep)
		}
	}
}

// TestLogTornHeader: a log whose header was cut short while it was
// created starts anew; anything else that short is not an index.
func TestLogTornHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seen.idx")
	h := header(testVersion)
	for n := 1; n < len(h); n++ {
		os.WriteFile(path, h[:n], 0o644)
		idx, rep, err := OpenWith(path, testVersion, Options{})
		if err != nil {
			t.Fatalf("%d bytes of header: %v", n, err)
		}
		idx.Close()
		if rep.TornTail == nil || rep.TornTail.Length != int64(n) {
			t.Errorf("%d bytes of header: report %+v", n, rep)
		}
		if b, _ := os.ReadFile(path); !bytes.Equal(b, h) {
			t.Errorf("%d bytes of header: file %q, want the header", n, b)
		}
	}
	os.WriteFile(path, []byte("CDSEEX"), 0o644)
	if _, err := Open(path, testVersion); err == nil || !strings.Contains(err.Error(), "not a copydesk seen-index") {
		t.Errorf("a short file that is no header: %v", err)
	}
}

// TestLogRepairGood: a repair of a good log changes nothing.
func TestLogRepairGood(t *testing.T) {
	orig, _ := smallLog(t)
	path := filepath.Join(t.TempDir(), "seen.idx")
	os.WriteFile(path, orig, 0o644)
	idx, rep, err := OpenWith(path, testVersion, Options{Repair: true})
	if err != nil {
		t.Fatal(err)
	}
	checkDocs(t, idx, 0, 1, 2)
	idx.Close()
	if rep.Notes() != nil {
		t.Errorf("notes for a good log: %q", rep.Notes())
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, orig) {
		t.Error("the repair rewrote a good log")
	}
}

// FuzzOpen opens arbitrary bytes as a log, with and without repair: no
// panic; a failed open leaves the file as it was; an open that reports
// no change leaves it as it was too; whatever opened, opens again clean.
func FuzzOpen(f *testing.F) {
	small, spans := smallLog(f)
	f.Add(small, false)
	f.Add(small[:spans[2][0]+5], false)
	b := bytes.Clone(small)
	b[spans[1][0]+2] ^= 0x40
	f.Add(b, true)
	f.Add(v1Log(v1Payloads()...), false)
	f.Add(append(v1Log(v1Payloads()...), 1, 2, 3), true)
	f.Add(header(testVersion), false)
	// Each open syncs: on a disk that is a few hundred opens a second,
	// in memory (/dev/shm, where there is one) tens of thousands.
	dir := f.TempDir()
	if d, err := os.MkdirTemp("/dev/shm", "seen-fuzz-"); err == nil {
		dir = d
		f.Cleanup(func() { os.RemoveAll(d) })
	}
	f.Fuzz(func(t *testing.T, data []byte, repair bool) {
		path := filepath.Join(dir, "seen.idx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		idx, rep, err := OpenWith(path, testVersion, Options{Repair: repair})
		after, _ := os.ReadFile(path)
		if err != nil {
			if !bytes.Equal(after, data) {
				t.Fatalf("a failed open (%v) changed the file", err)
			}
			return
		}
		n := idx.Len()
		idx.Close()
		if len(data) > 0 && rep.Notes() == nil && !bytes.Equal(after, data) {
			t.Fatalf("the file changed, and the report says nothing: %+v", rep)
		}
		idx, rep, err = OpenWith(path, testVersion, Options{})
		if err != nil || rep.Notes() != nil || idx.Len() != n {
			t.Fatalf("reopen: %v, %q, %d keys, want %d", err, rep.Notes(), idx.Len(), n)
		}
		idx.Close()
	})
}
