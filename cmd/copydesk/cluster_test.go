package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// bbcRecords returns every step-th BBC article as a JSON Lines record
// {"id":…,"text":…}, or skips when the corpus is absent.
func bbcRecords(t *testing.T, step int) []string {
	t.Helper()
	// The shared data sit beside the repository (or beside the
	// directory of its work trees).
	var dir string
	var files []string
	for _, up := range []string{"../../..", "../../../.."} {
		dir = filepath.Join(up, "shared", "data", "corpora", "bbc")
		if files, _ = filepath.Glob(filepath.Join(dir, "*", "*.txt")); len(files) >= 2000 {
			break
		}
	}
	if len(files) < 2000 {
		t.Skip("the BBC corpus is not in ../shared")
	}
	sort.Strings(files)
	var out []string
	for i := 0; i < len(files); i += step {
		b, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		name, _ := filepath.Rel(dir, files[i])
		out = append(out, record(name, strings.ToValidUTF8(string(b), "\uFFFD")))
	}
	return out
}

func record(id, text string) string {
	b, _ := json.Marshal(map[string]string{"id": id, "text": text})
	return string(b) + "\n"
}

// chainRecords makes a synthetic corpus with chains of near copies: each
// document of a chain changes a few words of the one before it, so that
// neighbours are near copies and the ends of a chain are not, and a
// byline paragraph shared by many documents; exact copies too.
func chainRecords(seed uint64, chains, length int) []string {
	rng := rand.New(rand.NewPCG(seed, 1))
	word := func() string { return fmt.Sprintf("w%d", rng.IntN(5000)) }
	var docs []string
	for c := range chains {
		words := make([]string, 120)
		for i := range words {
			words[i] = word()
		}
		for k := range length {
			for range 3 {
				words[rng.IntN(len(words))] = word()
			}
			text := strings.Join(words[:60], " ") + ".\n\n" + strings.Join(words[60:], " ") + "."
			if (c+k)%3 == 0 {
				text += "\n\nBy the staff reporter of the synthetic news desk in the capital city today."
			}
			docs = append(docs, record(fmt.Sprintf("c%d-%d", c, k), text))
		}
	}
	for i := range chains {
		docs = append(docs, strings.Replace(docs[i*length], `"id":"`, `"id":"copy-`, 1))
	}
	rng.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	return docs
}

// runSh runs a shell command line in dir with the test binary as $CD.
func runSh(t *testing.T, dir, line string) (string, error) {
	t.Helper()
	cmd := exec.Command("sh", "-c", line)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "COPYDESK_RUN_MAIN=1", "CD="+os.Args[0])
	out, err := cmd.CombinedOutput()
	return string(out), err
}

const clusterFlagsLine = "--jsonl --dedupe corpus --drop-duplicate-docs --doc-id id"

// runContract writes the records as three shards, runs the contract with
// three concurrent tasks a pass, and one clean over all of them; it
// returns the directory.
func runContract(t *testing.T, recs []string) string {
	t.Helper()
	dir := t.TempDir()
	var all strings.Builder
	for s := range 3 {
		var part strings.Builder
		for _, r := range recs[s*len(recs)/3 : (s+1)*len(recs)/3] {
			part.WriteString(r)
		}
		all.WriteString(part.String())
		writeTestFile(t, filepath.Join(dir, fmt.Sprintf("part-%d.jsonl", s)), part.String())
	}
	writeTestFile(t, filepath.Join(dir, "all.jsonl"), all.String())
	for _, d := range []string{"sigs", "cleaned", "out"} {
		os.Mkdir(filepath.Join(dir, d), 0o755)
	}
	steps := []string{
		`"$CD" clean ` + clusterFlagsLine + ` --stats single.json -o single.jsonl all.jsonl`,
		`seq 0 2 | xargs -P 3 -I N "$CD" clean ` + clusterFlagsLine + ` --emit-signatures sigs/part-N.jsonl --shard N/3 --stats cleaned/part-N.json -o cleaned/part-N.jsonl part-N.jsonl`,
		`"$CD" corpus decide --drop-duplicate-docs -o decisions.jsonl sigs/*.jsonl`,
		`seq 0 2 | xargs -P 3 -I N "$CD" corpus apply --decisions decisions.jsonl --stats out/part-N.json -o out/part-N.jsonl cleaned/part-N.jsonl`,
	}
	for _, s := range steps {
		if out, err := runSh(t, dir, s); err != nil {
			t.Fatalf("%s: %v\n%s", s, err, out)
		}
	}
	return dir
}

func readTestFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeTestFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

type statsFile struct {
	Lines, Records, Changed, Malformed int64
	BytesIn                            int64 `json:"bytes_in"`
	BytesOut                           int64 `json:"bytes_out"`
	Findings                           map[string]int64
	Corpus                             map[string]any
}

func readStats(t *testing.T, path string) statsFile {
	var s statsFile
	if err := json.Unmarshal([]byte(readTestFile(t, path)), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// checkContract checks that the shards' outputs in order are the single
// run's output, and that the counts add up.
func checkContract(t *testing.T, dir string) {
	t.Helper()
	var got strings.Builder
	for s := range 3 {
		got.WriteString(readTestFile(t, filepath.Join(dir, fmt.Sprintf("out/part-%d.jsonl", s))))
	}
	want := readTestFile(t, filepath.Join(dir, "single.jsonl"))
	if got.String() != want {
		t.Fatalf("the shards' outputs (%d bytes) differ from one run's (%d bytes)", got.Len(), len(want))
	}
	single := readStats(t, filepath.Join(dir, "single.json"))
	var sum statsFile
	sum.Findings, sum.Corpus = map[string]int64{}, map[string]any{}
	for s := range 3 {
		p1 := readStats(t, filepath.Join(dir, fmt.Sprintf("cleaned/part-%d.json", s)))
		p2 := readStats(t, filepath.Join(dir, fmt.Sprintf("out/part-%d.json", s)))
		sum.Lines += p1.Lines
		sum.Records += p1.Records
		sum.BytesIn += p1.BytesIn
		sum.Changed += p1.Changed + p2.Changed
		sum.BytesOut += p2.BytesOut
		for _, p := range []statsFile{p1, p2} {
			for r, n := range p.Findings {
				sum.Findings[r] += n
			}
		}
		for k, v := range p2.Corpus {
			if f, ok := v.(float64); ok {
				n, _ := sum.Corpus[k].(float64)
				sum.Corpus[k] = n + f
			}
		}
	}
	delete(single.Corpus, "boilerplate")
	if fmt.Sprint(sum.Lines, sum.Records, sum.BytesIn, sum.Changed, sum.BytesOut, sum.Findings, sum.Corpus) !=
		fmt.Sprint(single.Lines, single.Records, single.BytesIn, single.Changed, single.BytesOut, single.Findings, single.Corpus) {
		t.Errorf("counts do not add up:\nshards %+v\nsingle %+v", sum, single)
	}
	if single.Corpus["dropped_docs"].(float64) == 0 || single.Findings["dedupe.corpus-paragraph"] == 0 {
		t.Errorf("the corpus found nothing to drop or remove: %+v", single)
	}
}

// TestClusterContractBBC runs the three steps over three concurrent
// shards of a BBC sample (with copies and near copies added) and proves
// the result is one run's, byte for byte.
func TestClusterContractBBC(t *testing.T) {
	recs := bbcRecords(t, 4)
	rng := rand.New(rand.NewPCG(7, 7))
	n := len(recs)
	for i := range 60 {
		r := recs[rng.IntN(n)]
		r = strings.Replace(r, `"id":"`, fmt.Sprintf(`"id":"dup%d-`, i), 1)
		if i%2 == 1 {
			r = strings.Replace(r, " the ", " a ", 2)
		}
		recs = append(recs, r)
	}
	rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
	checkContract(t, runContract(t, recs))
}

// TestClusterContractChains is the contract on a synthetic corpus with
// chains of near copies, which a shard cannot judge alone.
func TestClusterContractChains(t *testing.T) {
	dir := runContract(t, chainRecords(1, 40, 6))
	checkContract(t, dir)
	d := readTestFile(t, filepath.Join(dir, "decisions.jsonl"))
	if !strings.Contains(d, `"near_of"`) || !strings.Contains(d, `"copy_of"`) {
		t.Fatalf("no near copies or copies decided:\n%.2000s", d)
	}
}

// TestClusterBadInput: every wrong set of files is an error naming the
// file; re-running a step gives the same bytes.
func TestClusterBadInput(t *testing.T) {
	dir := runContract(t, chainRecords(2, 12, 4))
	run := func(line string) (string, error) { return runSh(t, dir, line) }
	fails := func(line, want string) {
		t.Helper()
		out, err := run(line)
		if err == nil || !strings.Contains(out, want) {
			t.Errorf("%s: err %v, output %q; want an error with %q", line, err, out, want)
		}
	}
	fails(`"$CD" corpus decide -o d.jsonl sigs/part-0.jsonl sigs/part-2.jsonl`, "shard 1 missing")
	fails(`"$CD" corpus decide -o d.jsonl sigs/part-0.jsonl sigs/part-1.jsonl`, "shard 2 of 3 missing (the last is sigs/part-1.jsonl)")
	fails(`cp sigs/part-1.jsonl one.jsonl && "$CD" corpus decide -o d.jsonl sigs/*.jsonl one.jsonl`, "shard 1 twice")
	fails(`"$CD" corpus decide --near-docs 0.9 -o d.jsonl sigs/*.jsonl`, "near_threshold")
	// Signatures made with other options.
	fails(`"$CD" clean `+clusterFlagsLine+` --min-words 8 --emit-signatures m.jsonl --shard 1/3 -o m.out part-1.jsonl 2>/dev/null && "$CD" corpus decide -o d.jsonl sigs/part-0.jsonl m.jsonl sigs/part-2.jsonl`, "m.jsonl: made with other options than sigs/part-0.jsonl (min_words 8, not 10)")
	// Another fingerprint version.
	fails(`sed '1s/copydesk-corpus\/1/copydesk-corpus\/0/' sigs/part-1.jsonl > v.jsonl && "$CD" corpus decide -o d.jsonl sigs/part-0.jsonl v.jsonl sigs/part-2.jsonl`, "v.jsonl: signatures of fingerprint version")
	// A first pass that was stopped: no end line.
	fails(`head -n 3 sigs/part-1.jsonl > k.jsonl && "$CD" corpus decide -o d.jsonl sigs/part-0.jsonl k.jsonl sigs/part-2.jsonl`, "k.jsonl: incomplete")
	fails(`head -n 3 decisions.jsonl > kd.jsonl && "$CD" corpus apply --decisions kd.jsonl -o x.jsonl cleaned/part-0.jsonl`, "kd.jsonl: incomplete")
	// Decisions applied to the wrong shard, or to a changed output.
	fails(`"$CD" corpus apply --decisions decisions.jsonl --shard 0 -o x.jsonl cleaned/part-1.jsonl`, "cleaned/part-1.jsonl: not the first-pass output of shard 0")
	fails(`head -n 5 cleaned/part-1.jsonl > c.jsonl && "$CD" corpus apply --decisions decisions.jsonl -o x.jsonl c.jsonl`, "c.jsonl: not the first-pass output of any shard")
	fails(`sed '1s/w/W/' cleaned/part-2.jsonl > bad.jsonl && "$CD" corpus apply --decisions decisions.jsonl -o x.jsonl bad.jsonl`, "bad.jsonl: not the first-pass output of any shard")
	// Inputs whose records would join: the first has no last line feed.
	fails(`head -c -1 part-0.jsonl > nolf.jsonl && "$CD" clean `+clusterFlagsLine+` --emit-signatures j.jsonl -o x.jsonl nolf.jsonl part-1.jsonl`, "part-1.jsonl: its first record joins the last line")
	if _, err := os.Stat(filepath.Join(dir, "x.jsonl")); err == nil {
		t.Error("a failed apply left its output")
	}
	// Re-running a step gives the same bytes.
	for _, s := range []struct{ line, file string }{
		{`"$CD" clean ` + clusterFlagsLine + ` --emit-signatures sigs/part-1.jsonl --shard 1/3 -o cleaned/part-1.jsonl part-1.jsonl`, "sigs/part-1.jsonl"},
		{`"$CD" corpus decide -o decisions.jsonl sigs/*.jsonl`, "decisions.jsonl"},
		{`"$CD" corpus apply --decisions decisions.jsonl -o out/part-1.jsonl cleaned/part-1.jsonl`, "out/part-1.jsonl"},
	} {
		before := readTestFile(t, filepath.Join(dir, s.file))
		if out, err := run(s.line); err != nil {
			t.Fatalf("%s: %v\n%s", s.line, err, out)
		}
		if after := readTestFile(t, filepath.Join(dir, s.file)); after != before {
			t.Errorf("%s: %s changed on a re-run", s.line, s.file)
		}
	}
	if !bytes.Contains([]byte(readTestFile(t, filepath.Join(dir, "sigs/part-0.jsonl"))), []byte(`"signatures":"copydesk-signatures/1"`)) {
		t.Error("signature file without its format")
	}
}

// TestClusterCompressed runs the contract on compressed shards, with
// compressed outputs: the checksums are of the records, not the bytes.
func TestClusterCompressed(t *testing.T) {
	dir := runContract(t, chainRecords(4, 10, 4))
	for _, s := range []string{
		`gzip -c part-1.jsonl > part-1.jsonl.gz`,
		`"$CD" clean ` + clusterFlagsLine + ` --emit-signatures sigs/part-1.jsonl --shard 1/3 -o cleaned/part-1.jsonl.gz part-1.jsonl.gz`,
		`"$CD" corpus decide -o decisions.jsonl sigs/*.jsonl`,
		`"$CD" corpus apply --decisions decisions.jsonl -o out/part-1.jsonl.gz cleaned/part-1.jsonl.gz`,
		`gzip -dc out/part-1.jsonl.gz > out/part-1.jsonl`,
	} {
		if out, err := runSh(t, dir, s); err != nil {
			t.Fatalf("%s: %v\n%s", s, err, out)
		}
	}
	checkContract(t, dir)
}

// TestJSONLShardInputs: a directory of shards (plain, .gz) and a glob
// are read in name order, as one input of their records.
func TestJSONLShardInputs(t *testing.T) {
	dir := t.TempDir()
	recs := chainRecords(6, 6, 3)
	var all strings.Builder
	for _, r := range recs {
		all.WriteString(r)
	}
	writeTestFile(t, filepath.Join(dir, "all.jsonl"), all.String())
	os.Mkdir(filepath.Join(dir, "shards"), 0o755)
	for s := range 3 {
		var part strings.Builder
		for _, r := range recs[s*len(recs)/3 : (s+1)*len(recs)/3] {
			part.WriteString(r)
		}
		writeTestFile(t, filepath.Join(dir, "shards", fmt.Sprintf("part-%d.jsonl", s)), part.String())
	}
	writeTestFile(t, filepath.Join(dir, "shards", "notes.txt"), "not a shard\n")
	for _, s := range []string{
		`gzip shards/part-1.jsonl`,
		`"$CD" clean ` + clusterFlagsLine + ` -o one.jsonl all.jsonl`,
		`"$CD" clean ` + clusterFlagsLine + ` -o dir.jsonl shards`,
		`"$CD" clean ` + clusterFlagsLine + ` -o glob.jsonl 'shards/part-*'`,
	} {
		if out, err := runSh(t, dir, s); err != nil {
			t.Fatalf("%s: %v\n%s", s, err, out)
		}
	}
	want := readTestFile(t, filepath.Join(dir, "one.jsonl"))
	for _, f := range []string{"dir.jsonl", "glob.jsonl"} {
		if got := readTestFile(t, filepath.Join(dir, f)); got != want {
			t.Errorf("%s differs from one input's output", f)
		}
	}
	if out, err := runSh(t, dir, `"$CD" clean --jsonl -o x.jsonl 'nothing-*.jsonl'`); err == nil || !strings.Contains(out, "no file matches") {
		t.Errorf("a glob that matches nothing: %v %q", err, out)
	}
}

// TestCheckJSONL: check --jsonl reports each record's findings as
// FILE:LINE and rewrites nothing; a line that is not a record is an
// error.
func TestCheckJSONL(t *testing.T) {
	dir := t.TempDir()
	in := `{"id":1,"text":"Hello world.."}` + "\n\n" + `{"id":2,"text":"Fine."}` + "\n" + `{"id":3,"body":"x"}` + "\n"
	writeTestFile(t, filepath.Join(dir, "r.jsonl"), in)
	out, err := runSh(t, dir, `"$CD" check --jsonl --format short r.jsonl`)
	if err == nil || !strings.Contains(out, "r.jsonl:1:1:12: warning: stray double period") || !strings.Contains(out, `r.jsonl:4: not a record: no "text" field`) {
		t.Errorf("check --jsonl: %v\n%s", err, out)
	}
	if strings.Contains(out, "r.jsonl:3:") {
		t.Errorf("a clean record reported:\n%s", out)
	}
	if got := readTestFile(t, filepath.Join(dir, "r.jsonl")); got != in {
		t.Error("check --jsonl changed its input")
	}
	out, err = runSh(t, dir, `head -n 3 r.jsonl | gzip > g.jsonl.gz && "$CD" check --jsonl --format json g.jsonl.gz`)
	if code := exitCode(err); code != 1 || !strings.Contains(out, `"punct.double-period"`) {
		t.Errorf("check --jsonl --format json on .gz: exit %d\n%s", code, out)
	}
}

func exitCode(err error) int {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// TestClusterPipes runs both passes of a shard as filters, standard
// input to standard output, as Hadoop streaming and Spark run them.
func TestClusterPipes(t *testing.T) {
	dir := runContract(t, chainRecords(8, 10, 4))
	line := `"$CD" clean ` + clusterFlagsLine + ` --emit-signatures sigs/part-2.jsonl --shard 2/3 -o - - < part-2.jsonl 2>/dev/null | "$CD" corpus apply --decisions decisions.jsonl -o - - 2>/dev/null`
	out, err := runSh(t, dir, line)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if want := readTestFile(t, filepath.Join(dir, "out/part-2.jsonl")); out != want {
		t.Errorf("the filters' output differs from the files'")
	}
}

// TestClusterIndex: with a seen-index, decide judges against earlier
// runs as clean --index does, and a re-run of decide gives the same
// bytes.
func TestClusterIndex(t *testing.T) {
	first := chainRecords(10, 12, 3)
	second := chainRecords(11, 12, 3)
	for i := 0; i < len(first); i += 4 {
		second[i] = strings.Replace(first[i], `"id":"`, `"id":"again-`, 1)
	}
	dirA := runContract(t, first)
	dirB := runContract(t, second)
	steps := []string{
		// One process a run, the index carried over.
		`"$CD" clean ` + clusterFlagsLine + ` --index one.idx -o /dev/null ` + dirA + `/all.jsonl`,
		`"$CD" clean ` + clusterFlagsLine + ` --index one.idx -o single-index.jsonl all.jsonl`,
		// Shards, the index given to decide.
		`"$CD" corpus decide --index shards.idx -o a.jsonl ` + dirA + `/sigs/*.jsonl`,
		`"$CD" corpus decide --index shards.idx -o d1.jsonl sigs/*.jsonl`,
		`cp shards.idx again.idx && "$CD" corpus decide --index again.idx -o d2.jsonl sigs/*.jsonl`,
		`for n in 0 1 2; do "$CD" corpus apply --decisions d1.jsonl -o out/i-$n.jsonl cleaned/part-$n.jsonl || exit 1; done`,
	}
	for _, s := range steps {
		if out, err := runSh(t, dirB, s); err != nil {
			t.Fatalf("%s: %v\n%s", s, err, out)
		}
	}
	var got strings.Builder
	for n := range 3 {
		got.WriteString(readTestFile(t, filepath.Join(dirB, fmt.Sprintf("out/i-%d.jsonl", n))))
	}
	want := readTestFile(t, filepath.Join(dirB, "single-index.jsonl"))
	if got.String() != want {
		t.Errorf("with a seen-index, the shards' output differs from one process's")
	}
	if want == readTestFile(t, filepath.Join(dirB, "single.jsonl")) {
		t.Error("the index changed nothing: the test proves nothing")
	}
	if readTestFile(t, filepath.Join(dirB, "d1.jsonl")) != readTestFile(t, filepath.Join(dirB, "d2.jsonl")) {
		t.Error("decide over the same signatures again gave other decisions")
	}
}
