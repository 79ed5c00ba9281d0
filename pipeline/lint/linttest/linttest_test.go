package linttest_test

import (
	"testing"

	"github.com/copydesk/copydesk/pipeline/lint"
	"github.com/copydesk/copydesk/pipeline/lint/linttest"
)

func TestStages(t *testing.T) {
	linttest.CheckFix(t, linttest.Replace{Rule: "test.dots", Old: "..", New: "."}, "a.. b..", "a. b.")
	linttest.CheckFix(t, linttest.Repeat{}, "one\n\none\n\ntwo", "one\n\ntwo")
	linttest.CheckFix(t, linttest.Report{StageName: "todo", Rule: "test.todo", Word: "TODO"}, "a TODO b", "a TODO b")
	if n := len(linttest.Report{Rule: "test.todo", Word: "TODO"}.Check("TODO TODO")); n != 2 {
		t.Errorf("Report found %d, want 2", n)
	}
	f := linttest.Replace{Rule: "test.s", Old: "x", New: "y", Suggest: true}.Check("x")
	if len(f) != 1 || !f[0].Suggest {
		t.Errorf("suggestion: %+v", f)
	}
}

// The helpers fail a test that should fail.
func TestHelpersFail(t *testing.T) {
	ft := &fakeT{}
	linttest.CheckFix(ft, linttest.Replace{Rule: "r", Old: "a", New: "aa"}, "a", "aa")
	if !ft.failed {
		t.Error("CheckFix passed a stage that is not idempotent")
	}
	ft = &fakeT{}
	linttest.CheckEdits(ft, "abc", "abd", []lint.Edit{{Span: lint.Span{Start: 2, End: 3}, New: "x"}})
	if !ft.failed {
		t.Error("CheckEdits passed wrong edits")
	}
}

type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Helper()               {}
func (f *fakeT) Errorf(string, ...any) { f.failed = true }
func (f *fakeT) Fatalf(string, ...any) { f.failed = true }
