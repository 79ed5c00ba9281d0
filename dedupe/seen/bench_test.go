package seen

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// fill adds n random fingerprints to idx in documents of 10 paragraphs
// named like JSONL record ids, committing every 10 000 documents.
func fill(tb testing.TB, idx Index, n int, seed uint64) {
	tb.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	ks := make([]Key, 10)
	var dst []Seen
	for d := 0; d*10 < n; d++ {
		for i := range ks {
			ks[i] = Key{FP: Fingerprint(r.Uint64()), Para: i + 1}
		}
		var err error
		if dst, err = idx.TestAndAdd("news-2024-"+strconv.Itoa(d), ks, dst[:0]); err != nil {
			tb.Fatal(err)
		}
		if d%10000 == 9999 {
			if err := idx.Commit(); err != nil {
				tb.Fatal(err)
			}
		}
	}
}

// benchLookups measures TestAndAdd of documents of 10 fingerprints, half
// of them known.
func benchLookups(b *testing.B, idx Index, n int) {
	known := rand.New(rand.NewPCG(1, 1))
	fresh := rand.New(rand.NewPCG(99, 1))
	ks := make([]Key, 10)
	var dst []Seen
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if i%(n/10) == 0 {
			known = rand.New(rand.NewPCG(1, 1))
		}
		for k := range ks {
			if k%2 == 0 {
				ks[k] = Key{FP: Fingerprint(known.Uint64()), Para: k + 1}
			} else {
				ks[k] = Key{FP: Fingerprint(fresh.Uint64()), Para: k + 1}
			}
		}
		dst, _ = idx.TestAndAdd("probe", ks, dst[:0])
	}
	b.ReportMetric(float64(b.N*len(ks))/time.Since(start).Seconds(), "lookups/s")
}

// BenchmarkIndex measures the on-disk index with 1M fingerprints (10M
// with COPYDESK_BENCH_10M=1): look-ups per second, bytes per stored
// fingerprint on disk and the time to open the log.
func BenchmarkIndex(b *testing.B) {
	n := 1_000_000
	if os.Getenv("COPYDESK_BENCH_10M") != "" {
		n = 10_000_000
	}
	path := filepath.Join(b.TempDir(), "seen.idx")
	idx, err := Open(path, "bench/1")
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	fill(b, idx, n, 1)
	addTime := time.Since(t0)
	if err := idx.Close(); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(path)
	t0 = time.Now()
	idx, err = Open(path, "bench/1")
	if err != nil {
		b.Fatal(err)
	}
	openTime := time.Since(t0)
	defer idx.Close()
	benchLookups(b, idx, n)
	b.ReportMetric(float64(st.Size())/float64(n), "disk-B/fp")
	b.ReportMetric(float64(n)/addTime.Seconds(), "adds/s")
	b.ReportMetric(openTime.Seconds(), "open-s")
}

// BenchmarkMemory measures the in-memory index with 1M fingerprints.
func BenchmarkMemory(b *testing.B) {
	n := 1_000_000
	idx := OpenMemory()
	fill(b, idx, n, 1)
	benchLookups(b, idx, n)
}
