package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/copydesk/copydesk/pipeline/document"
	"github.com/copydesk/copydesk/pipeline/jsonl"
	"github.com/copydesk/copydesk/pipeline/report"
)

// isShardName reports whether name is a JSON Lines shard as engines
// write them: *.jsonl, *.jsonl.gz or *.jsonl.zst.
func isShardName(name string) bool {
	for _, ext := range []string{".jsonl", ".jsonl.gz", ".jsonl.zst"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// jsonlInputs expands the inputs of --jsonl: a directory gives its
// *.jsonl, *.jsonl.gz and *.jsonl.zst files (not below it) in name
// order, a glob that names no file gives its matches in name order;
// anything else is itself.
func jsonlInputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if a == "-" {
			out = append(out, a)
			continue
		}
		if fi, err := os.Stat(a); err == nil {
			if !fi.IsDir() {
				out = append(out, a)
				continue
			}
			ents, err := os.ReadDir(a)
			if err != nil {
				return nil, fmt.Errorf("reading %s: %w", a, err)
			}
			var names []string
			for _, e := range ents {
				if !e.IsDir() && isShardName(e.Name()) {
					names = append(names, filepath.Join(a, e.Name()))
				}
			}
			if len(names) == 0 {
				return nil, usagef("%s: no *.jsonl, *.jsonl.gz or *.jsonl.zst file in the directory", a)
			}
			sort.Strings(names)
			out = append(out, names...)
			continue
		}
		if strings.ContainsAny(a, "*?[") {
			m, err := filepath.Glob(a)
			if err != nil || len(m) == 0 {
				return nil, usagef("%s: no file matches", a)
			}
			sort.Strings(m)
			out = append(out, m...)
			continue
		}
		out = append(out, a) // its error comes when it is read
	}
	return out, nil
}

// checkJSONL is check --jsonl: each record's field is checked as a
// document named FILE:LINE, and reported in the chosen format; nothing
// is rewritten. A line that is not a record is named on standard error
// and makes the exit status 2.
func (e *env) checkJSONL(o *options, field string, args []string, emit func(report.File) error) error {
	if !o.configSet {
		o.noConfig = true // records have no file of their own
	}
	checker, err := e.checker(o)
	if err != nil {
		return err
	}
	w := checker.NewWorker()
	inputs, err := jsonlInputs(args)
	if err != nil {
		return err
	}
	var malformed int
	for _, in := range inputs {
		var r io.Reader = e.stdin
		name := o.stdinName
		if in != "-" {
			f, err := os.Open(in)
			if err != nil {
				e.errorf("reading %s: %v", in, err)
				e.fail(exitFailure)
				continue
			}
			defer f.Close()
			r, name = f, in
		}
		if name == "" {
			name = "-"
		}
		rc, _, err := jsonl.OpenInput(r)
		if err != nil {
			e.errorf("reading %s: %v", name, err)
			e.fail(exitFailure)
			continue
		}
		n, err := e.checkRecords(rc, name, field, w, emit)
		malformed += n
		if err != nil {
			rc.Close()
			return err
		}
		rc.Close()
	}
	if malformed > 0 {
		e.errorf("%d lines are not records", malformed)
		e.fail(exitFailure)
	}
	return nil
}

// checkRecords checks the records of one input; it returns the number
// of lines that are not records.
func (e *env) checkRecords(r io.Reader, name, field string, w *document.Worker, emit func(report.File) error) (int, error) {
	malformed := 0
	br := bufio.NewReaderSize(r, 256<<10)
	for line := 1; ; line++ {
		b, rerr := br.ReadBytes('\n')
		if len(bytes.TrimSpace(b)) > 0 {
			var rec map[string]json.RawMessage
			var text string
			err := json.Unmarshal(b, &rec)
			if err == nil {
				v, ok := rec[field]
				switch {
				case !ok:
					err = fmt.Errorf("no %q field", field)
				case json.Unmarshal(v, &text) != nil:
					err = fmt.Errorf("field %q is not a string", field)
				}
			}
			if err != nil {
				e.errorf("%s:%d: not a record: %v", name, line, err)
				malformed++
			} else {
				res, err := w.Check(document.Doc{Text: text})
				if err != nil {
					return malformed, err
				}
				if err := emit(report.NewFile(fmt.Sprintf("%s:%d", name, line), res.Result)); err != nil {
					return malformed, err
				}
			}
		}
		if rerr == io.EOF {
			return malformed, nil
		}
		if rerr != nil {
			return malformed, fmt.Errorf("reading %s: %w", name, rerr)
		}
	}
}
