package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/copydesk/copydesk/pipeline/lint"
)

// SARIFSchema is the URI of the JSON schema of SARIF 2.1.0, named in the
// "$schema" property of the documents SARIF writes.
const SARIFSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// SARIFOptions describes the tool in a SARIF log.
type SARIFOptions struct {
	// Version is the tool's version, such as "v1.2.0"; empty leaves it out.
	Version string
	// InformationURI is the tool's home page; empty leaves it out.
	InformationURI string
	// Rules are the rules the tool can report, listed in
	// tool.driver.rules. A later rule with the id of an earlier one is
	// dropped. A finding of a rule not listed has no ruleIndex.
	Rules []lint.Rule
}

// SARIF writes the findings of files as one SARIF 2.1.0 log
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) with a single run of
// the tool "copydesk": code scanning services, such as GitHub's, and
// editors read it.
//
// Each finding is a result with its ruleId and ruleIndex, level ("error",
// "warning", or "note" for info), message, location, related locations,
// and a fix with one replacement per edit it owns; a suggested fix (one
// clean does not apply) is a fix too, whose description begins
// "Suggestion, not applied by copydesk clean". Regions carry
// startLine, startColumn, endLine, endColumn, charOffset and charLength;
// the run sets columnKind "unicodeCodePoints", the unit of copydesk's
// columns, and character offsets count code points too (an invalid UTF-8
// byte counts as one). A region ending with a line break ends on that
// line, one column after the break, as SARIF counts ends. Paths become
// relative URI references (an absolute path a file:// URI).
//
// Regions and fixes need the file's Source to count characters; a File
// without a Source gets regions with lines and columns only, and no fixes.
func SARIF(w io.Writer, files []File, opts SARIFOptions) error {
	driver := sarifDriver{
		Name:           "copydesk",
		Version:        opts.Version,
		InformationURI: opts.InformationURI,
		Rules:          []sarifRule{},
	}
	ruleIndex := make(map[string]int, len(opts.Rules))
	for _, r := range opts.Rules {
		if _, dup := ruleIndex[r.ID]; dup {
			continue
		}
		ruleIndex[r.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   r.ID,
			ShortDescription:     sarifMessage{Text: r.Doc},
			DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity)},
		})
	}
	// The log is written by hand around the results, one result a line,
	// so that a large report is neither held twice nor reindented.
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("      ", "  ")
	if err := enc.Encode(sarifTool{Driver: driver}); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	bw.WriteString("{\n  \"$schema\": \"" + SARIFSchema + "\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ")
	bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	bw.WriteString(",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [")
	enc.SetIndent("", "")
	n := 0
	for _, f := range files {
		uri := sarifURI(f.Path)
		x := indexOf(&f)
		for i := range f.Findings {
			buf.Reset()
			if err := enc.Encode(sarifResultOf(&f.Findings[i], uri, x, ruleIndex)); err != nil {
				return fmt.Errorf("writing SARIF: %w", err)
			}
			if n > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n        ")
			bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
			n++
		}
	}
	if n > 0 {
		bw.WriteString("\n      ")
	}
	bw.WriteString("]\n    }\n  ]\n}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	return nil
}

// sarifResultOf converts one finding.
func sarifResultOf(x *Finding, uri string, idx *index, ruleIndex map[string]int) sarifResult {
	res := sarifResult{
		RuleID:  x.Rule,
		Level:   sarifLevel(x.Severity),
		Message: sarifMessage{Text: x.Message},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
			ArtifactLocation: sarifArtifact{URI: uri},
			Region:           sarifRegionOf(idx, startCursor, endCursor, x.Offset, x.EndOffset, x.Line, x.Column, x.EndLine, x.EndColumn),
		}}},
	}
	if k, ok := ruleIndex[x.Rule]; ok {
		res.RuleIndex = &k
	}
	for k, r := range x.Related {
		endLine, endCol := r.Line, r.Column // without a Source: a point
		res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
			ID: k + 1,
			PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: uri},
				Region:           sarifRegionOf(idx, relatedCursor, relatedCursor, r.Offset, r.EndOffset, r.Line, r.Column, endLine, endCol),
			},
			Message: &sarifMessage{Text: "related location"},
		})
	}
	if len(x.Fix) > 0 && idx != nil {
		res.Fixes = []sarifFix{{Description: sarifMessage{Text: fixDescription(x)}, ArtifactChanges: []sarifChange{sarifChangeOf(idx, uri, x.Fix)}}}
	}
	if len(x.Suggestion) > 0 && idx != nil {
		desc := "Suggestion, not applied by copydesk clean (a person may accept it): " + describeEdits(idx.text, x.Suggestion)
		res.Fixes = append(res.Fixes, sarifFix{Description: sarifMessage{Text: desc}, ArtifactChanges: []sarifChange{sarifChangeOf(idx, uri, x.Suggestion)}})
	}
	return res
}

// sarifChangeOf returns the change of the artifact uri that edits make.
func sarifChangeOf(idx *index, uri string, edits []Edit) sarifChange {
	change := sarifChange{ArtifactLocation: sarifArtifact{URI: uri}}
	for _, e := range edits {
		s := idx.pos(fixStartCursor, e.Offset)
		rep := sarifReplacement{DeletedRegion: sarifRegionOf(idx, fixStartCursor, fixEndCursor, e.Offset, e.EndOffset, s.Line, s.Column, s.Line, s.Column)}
		if e.New != "" {
			rep.InsertedContent = &sarifContent{Text: e.New}
		}
		change.Replacements = append(change.Replacements, rep)
	}
	return change
}

// fixDescription describes the fix of x for a person.
func fixDescription(x *Finding) string {
	if x.Replacement != nil {
		if *x.Replacement == "" {
			return "delete it"
		}
		return fmt.Sprintf("replace with %q", *x.Replacement)
	}
	return "apply copydesk's fix"
}

// sarifRegionOf returns the region of the byte range [start, end). With
// an index it is computed from the text using cursors ks and ke;
// without, from the given lines and columns.
func sarifRegionOf(idx *index, ks, ke, start, end, line, col, endLine, endCol int) sarifRegion {
	if idx == nil {
		return sarifRegion{StartLine: line, StartColumn: col, EndLine: endLine, EndColumn: endCol}
	}
	s := idx.pos(ks, start)
	charLen := idx.pos(ke, end).Char - s.Char
	e := idx.lastChar(ke, start, end)
	return sarifRegion{
		StartLine:   s.Line,
		StartColumn: s.Column,
		EndLine:     e.Line,
		EndColumn:   e.Column,
		CharOffset:  &s.Char,
		CharLength:  &charLen,
	}
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "note"
}

// sarifURI returns path as a URI reference: a relative path with slashes,
// percent-encoded, or a file URI for an absolute path.
func sarifURI(path string) string {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x on Windows
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	u := (&url.URL{Path: p}).String()
	// A first segment with a colon would read as a scheme.
	if i := strings.IndexAny(u, ":/"); i >= 0 && u[i] == ':' {
		u = "./" + u
	}
	return u
}

// The SARIF 2.1.0 objects copydesk writes; property names as the spec
// spells them.
type (
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string       `json:"id"`
		ShortDescription     sarifMessage `json:"shortDescription"`
		DefaultConfiguration sarifConfig  `json:"defaultConfiguration"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        *int            `json:"ruleIndex,omitempty"`
		Level            string          `json:"level"`
		Message          sarifMessage    `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		Fixes            []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               int           `json:"id,omitempty"`
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
		Message          *sarifMessage `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int  `json:"startLine"`
		StartColumn int  `json:"startColumn"`
		EndLine     int  `json:"endLine"`
		EndColumn   int  `json:"endColumn"`
		CharOffset  *int `json:"charOffset,omitempty"`
		CharLength  *int `json:"charLength,omitempty"`
	}
	sarifFix struct {
		Description     sarifMessage  `json:"description"`
		ArtifactChanges []sarifChange `json:"artifactChanges"`
	}
	sarifChange struct {
		ArtifactLocation sarifArtifact      `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion   `json:"deletedRegion"`
		InsertedContent *sarifContent `json:"insertedContent,omitempty"`
	}
	sarifContent struct {
		Text string `json:"text"`
	}
)
