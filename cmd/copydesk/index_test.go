package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/dedupe/corpus"
)

// TestIndexDamage: a damaged seen-index stops the run with an error that
// names the file and byte and leaves the file alone; --repair-index
// keeps the good frames and says what it dropped; a torn tail is cut off
// and said so.
func TestIndexDamage(t *testing.T) {
	dir := t.TempDir()
	index := filepath.Join(dir, "seen.idx")
	for _, day := range []string{"mon", "tue"} { // a frame each
		if _, errs, st := runJSONL(t, corpusRecords(day, 2), "clean", "--jsonl", "--index", index, "--doc-id", "id", "-"); st != 0 {
			t.Fatalf("%s: status %d:\n%s", day, st, errs)
		}
	}
	good, _ := os.ReadFile(index)
	first := 8 + 1 + len(corpus.Version) + 4 // the first frame, after the header
	bad := bytes.Clone(good)
	bad[first+20] ^= 4
	os.WriteFile(index, bad, 0o644)

	_, errs, st := runJSONL(t, corpusRecords("wed", 1), "clean", "--jsonl", "--index", index, "--doc-id", "id", "-")
	if want := fmt.Sprintf("copydesk: seen-index %s is damaged at byte %d: frame payload checksum mismatch;", index, first); st != 2 || !strings.Contains(errs, want) || !strings.Contains(errs, "--repair-index") {
		t.Fatalf("damaged index: status %d, want 2 and %q:\n%s", st, want, errs)
	}
	if after, _ := os.ReadFile(index); !bytes.Equal(after, bad) {
		t.Fatal("the damaged index was changed")
	}

	// Repaired: Monday's frame is dropped, Tuesday's kept; the run goes on.
	_, errs, st = runJSONL(t, corpusRecords("tue", 1), "clean", "--jsonl", "--index", index, "--repair-index", "--doc-id", "id", "-")
	if want := fmt.Sprintf("copydesk: seen-index %s: repair dropped ", index); st != 0 || !strings.Contains(errs, want) || !strings.Contains(errs, "repaired: 1 frame kept") {
		t.Fatalf("--repair-index: status %d, want 0 and %q:\n%s", st, want, errs)
	}

	// A torn tail: cut off, and said so.
	f, _ := os.OpenFile(index, os.O_WRONLY|os.O_APPEND, 0)
	f.Write([]byte{9, 9, 9})
	f.Close()
	_, errs, st = runJSONL(t, corpusRecords("thu", 1), "clean", "--jsonl", "--index", index, "--doc-id", "id", "-")
	if st != 0 || !strings.Contains(errs, "cut off a torn tail of 3 bytes") {
		t.Fatalf("torn tail: status %d:\n%s", st, errs)
	}

	// A damaged header names the fingerprint version: not repairable,
	// and not offered.
	hdr := bytes.Clone(good)
	hdr[10] ^= 1
	os.WriteFile(index, hdr, 0o644)
	_, errs, st = runJSONL(t, corpusRecords("fri", 1), "clean", "--jsonl", "--index", index, "--doc-id", "id", "-")
	if st != 2 || !strings.Contains(errs, "damaged at byte 0: bad header checksum (a header cannot be repaired") || strings.Contains(errs, "--repair-index") {
		t.Errorf("damaged header: status %d:\n%s", st, errs)
	}

	if _, errs, st = runJSONL(t, "{}\n", "clean", "--jsonl", "--corpus", "--repair-index", "-"); st != 2 || !strings.Contains(errs, "--repair-index needs --index") {
		t.Errorf("--repair-index alone: status %d: %s", st, errs)
	}
}
