package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis"
)

func testCheck(name string, sev checkdoc.Severity, text string) *checkdoc.Check {
	return &checkdoc.Check{
		Analyzer: &analysis.Analyzer{Name: name, URL: "https://example.com/" + name},
		Title:    "report " + name, Text: text, Bad: "bad()\n", Good: "good()\n", Since: "v1", Severity: sev,
	}
}

// TestBuild checks what Build writes, and that it validates.
func TestBuild(t *testing.T) {
	base := filepath.FromSlash("/repo")
	file := filepath.Join(base, "dir", "a b.go")
	src := "package p\n\nvar s = \"héllo😀\"; var x = 1\n"
	checks := []*checkdoc.Check{
		testCheck("alpha", checkdoc.Error, "Short."),
		testCheck("beta", checkdoc.Warning, strings.Repeat("word ", 150)+"\n\n"+strings.Repeat("more ", 300)),
		testCheck("gamma", checkdoc.Warning, strings.Repeat("é", 600)),
	}
	col := strings.Index(strings.Split(src, "\n")[2], "var x") + 1 // byte column
	findings := []Finding{
		{Check: "beta", Message: "second", Pos: token.Position{Filename: file, Line: 3, Column: col}, End: token.Position{Filename: file, Line: 3, Column: col + 5}},
		{Check: "alpha", Category: "cat", Message: "first", Pos: token.Position{Filename: file, Line: 3, Column: 1},
			Related: []Related{{Pos: token.Position{Filename: file, Line: 1, Column: 1}, Message: "here"}},
			Fixes:   []SuggestedFix{{Message: "Fix it", Edits: []Edit{{File: file, Start: 4, End: 7, New: "x"}}}}},
		{Check: "alpha", Message: "outside", Pos: token.Position{Filename: filepath.FromSlash("/elsewhere/b.go"), Line: 2, Column: 3}, Suppressed: true, Reason: "because"},
		{Check: "unknown", Message: "dropped", Pos: token.Position{Filename: file, Line: 1, Column: 1}},
	}
	read := func(name string) ([]byte, error) {
		if name == file {
			return []byte(src), nil
		}
		return nil, os.ErrNotExist
	}
	log := Build(checks, findings, Options{BaseDir: base, ReadFile: read})
	var buf bytes.Buffer
	if err := log.Write(&buf); err != nil {
		t.Fatal(err)
	}
	schema := testutil.SARIFSchema(t)
	if err := testutil.ValidateJSON(schema, buf.Bytes()); err != nil {
		t.Fatalf("invalid SARIF: %v\n%s", err, buf.String())
	}

	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	if len(rules) != 3 || rules[1].FullDescription.Text != strings.TrimSpace(strings.Repeat("word ", 150)) {
		t.Errorf("a long description must be cut to its first paragraph: %q", rules[1].FullDescription.Text)
	}
	if d := rules[2].FullDescription.Text; len(d) > 1024 || !strings.HasSuffix(d, "é…") {
		t.Errorf("a long paragraph must be cut at a rune boundary within 1024 bytes: %d bytes, ends %q", len(d), d[len(d)-8:])
	}
	if rules[0].DefaultConfiguration.Level != "error" || rules[1].DefaultConfiguration.Level != "warning" {
		t.Errorf("levels: %v, %v", rules[0].DefaultConfiguration, rules[1].DefaultConfiguration)
	}
	if len(run.Results) != 3 {
		t.Fatalf("%d results, want 3 (the unknown check is dropped)", len(run.Results))
	}
	first, second, outside := run.Results[0], run.Results[1], run.Results[2]
	if first.Message.Text != "first" || second.Message.Text != "second" || outside.Message.Text != "outside" { // by URI, then position
		t.Fatalf("results are not sorted by URI and position: %v, %v, %v", run.Results[0].Message, run.Results[1].Message, run.Results[2].Message)
	}
	loc := second.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "dir/a%20b.go" || loc.ArtifactLocation.URIBaseID != SrcRoot {
		t.Errorf("relative URI: %+v", loc.ArtifactLocation)
	}
	// "héllo😀" is 10 bytes but 7 UTF-16 code units.
	if wantCol := col - 3; loc.Region.StartColumn != wantCol || loc.Region.EndColumn != wantCol+5 || loc.Region.EndLine != 3 {
		t.Errorf("region %+v, want columns %d to %d (UTF-16)", loc.Region, wantCol, wantCol+5)
	}
	if r := first.Locations[0].PhysicalLocation.Region; r.EndLine != 3 || r.EndColumn != 1 {
		t.Errorf("a finding without an end: region %+v, want an empty region at the start", r)
	}
	if first.RuleIndex != 0 || second.RuleIndex != 1 || first.Properties.Category != "cat" {
		t.Errorf("rule indexes %d, %d, category %+v", first.RuleIndex, second.RuleIndex, first.Properties)
	}
	if len(first.RelatedLocations) != 1 || *first.RelatedLocations[0].ID != 1 || first.RelatedLocations[0].Message.Text != "here" {
		t.Errorf("related locations: %+v", first.RelatedLocations)
	}
	if len(first.Fixes) != 1 || first.Fixes[0].Description.Text != "Fix it" {
		t.Fatalf("fixes: %+v", first.Fixes)
	}
	rep := first.Fixes[0].ArtifactChanges[0].Replacements[0]
	if *rep.DeletedRegion.ByteOffset != 4 || *rep.DeletedRegion.ByteLength != 3 || rep.InsertedContent.Text != "x" {
		t.Errorf("replacement: %+v", rep)
	}
	if u := outside.Locations[0].PhysicalLocation.ArtifactLocation; u.URIBaseID != "" || u.URI != "file:///elsewhere/b.go" {
		t.Errorf("a file outside the base directory: %+v", u)
	}
	if len(outside.Suppressions) != 1 || outside.Suppressions[0].Kind != "inSource" || outside.Suppressions[0].Justification != "because" {
		t.Errorf("suppressions: %+v", outside.Suppressions)
	}
	if !run.Invocations[0].ExecutionSuccessful {
		t.Errorf("executionSuccessful is false without errors")
	}

	// No findings: results is an empty array, not absent.
	log = Build(checks, nil, Options{Errors: []string{"boom"}})
	buf.Reset()
	log.Write(&buf)
	var raw map[string]any
	json.Unmarshal(buf.Bytes(), &raw)
	run0 := raw["runs"].([]any)[0].(map[string]any)
	if res, ok := run0["results"].([]any); !ok || len(res) != 0 {
		t.Errorf("results of a clean run: %v", run0["results"])
	}
	if err := testutil.ValidateJSON(schema, buf.Bytes()); err != nil {
		t.Errorf("invalid SARIF for a clean run with an error: %v", err)
	}
	if inv := log.Runs[0].Invocations[0]; inv.ExecutionSuccessful || inv.ToolExecutionNotifications[0].Message.Text != "boom" {
		t.Errorf("errors: %+v", inv)
	}
}

// TestGitHubFields: the tool's version, rule names, partial fingerprints,
// baseline states and suppressions, and code flows with one thread flow
// per goroutine, whose steps are numbered with the threads taking turns.
func TestGitHubFields(t *testing.T) {
	file := filepath.FromSlash("/repo/a.go")
	at := func(line int) token.Position { return token.Position{Filename: file, Line: line, Column: 2} }
	c := testCheck("alpha", checkdoc.Error, "Text.")
	c.Name = "AlphaMistake"
	findings := []Finding{
		{Check: "alpha", Message: "new", Pos: at(5), Fingerprint: "abc:1", Threads: []Thread{
			{Name: "g1", Steps: []Step{{Pos: at(1), Message: "x locked"}, {Pos: at(5), Message: "then y"}}},
			{Name: "g2", Steps: []Step{{Pos: at(2), Message: "y locked"}, {Pos: at(3), Message: "then x"}, {Pos: at(4), Message: "and more"}}},
		}},
		{Check: "alpha", Message: "old", Pos: at(9), Fingerprint: "def:1", Baselined: true},
	}
	log := Build([]*checkdoc.Check{c}, findings, Options{BaseDir: filepath.FromSlash("/repo"), Version: "v1.2.3", Baseline: "b.json"})
	var buf bytes.Buffer
	if err := log.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := testutil.ValidateJSON(testutil.SARIFSchema(t), buf.Bytes()); err != nil {
		t.Fatalf("invalid SARIF: %v\n%s", err, buf.String())
	}
	run := log.Runs[0]
	if run.Tool.Driver.Version != "v1.2.3" || run.Tool.Driver.Rules[0].Name != "AlphaMistake" {
		t.Errorf("driver %+v", run.Tool.Driver)
	}
	res, old := run.Results[0], run.Results[1]
	if res.PartialFingerprints["primaryLocationLineHash"] != "abc:1" || res.BaselineState != "new" || len(res.Suppressions) != 0 {
		t.Errorf("new result: %+v", res)
	}
	if old.BaselineState != "unchanged" || len(old.Suppressions) != 1 || old.Suppressions[0].Kind != "external" || old.Suppressions[0].Justification != "in the baseline b.json" {
		t.Errorf("baselined result: %+v", old)
	}
	if len(res.CodeFlows) != 1 || len(res.CodeFlows[0].ThreadFlows) != 2 {
		t.Fatalf("code flows: %+v", res.CodeFlows)
	}
	var got []string
	for _, tf := range res.CodeFlows[0].ThreadFlows {
		for _, l := range tf.Locations {
			got = append(got, fmt.Sprintf("%s %d %d %s", tf.Message.Text, l.ExecutionOrder, l.Location.PhysicalLocation.Region.StartLine, l.Location.Message.Text))
		}
	}
	want := []string{"g1 1 1 x locked", "g1 3 5 then y", "g2 2 2 y locked", "g2 4 3 then x", "g2 5 4 and more"}
	if !slices.Equal(got, want) {
		t.Errorf("thread flows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if old.CodeFlows != nil {
		t.Errorf("a finding without threads has code flows")
	}
}

// TestSchemaRejects: the schema validation the tests rely on does reject
// logs that break SARIF 2.1.0.
func TestSchemaRejects(t *testing.T) {
	schema := testutil.SARIFSchema(t)
	for _, bad := range []string{
		`{"version": "2.1.0"}`, // no runs
		`{"version": "2.0.0", "runs": []}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "codeFlows": [{"threadFlows": []}]}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "informationUri": "not a uri"}}}]}`,
	} {
		if err := testutil.ValidateJSON(schema, []byte(bad)); err == nil {
			t.Errorf("the schema accepts %s", bad)
		}
	}
	if err := testutil.ValidateJSON(schema, []byte(`{"version": "2.1.0", "runs": []}`)); err != nil {
		t.Errorf("the schema rejects a minimal log: %v", err)
	}
}
