// Package sarif writes wglint's findings as a SARIF 2.1.0 log, the format
// GitHub code scanning and other CI systems import.
//
// The log has one run whose tool.driver.rules has one rule per check, in
// the order of the registry, with the check's title as short description,
// its description as full description, its full documentation as help
// (text and Markdown), its URL as helpUri and its severity as default
// level. Each result names its rule (ruleId and ruleIndex), has the
// finding's message, one location with a URI relative to the base
// directory (uriBaseId %SRCROOT%) and a region with start and end line and
// column (columns in UTF-16 code units, as SARIF requires by default),
// related locations, fixes from the suggested fixes, partial fingerprints
// that do not depend on the line, a code flow with one thread flow per
// goroutine for findings that involve several, and, for a finding silenced
// by a //wglint:ignore directive or listed in the baseline (which callers
// include only on request), a suppression. Results are sorted, so the
// same findings always give the same document.
package sarif

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/wglint/wglint/internal/checkdoc"
)

// Schema is the URI of the SARIF 2.1.0 JSON schema.
const Schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// SrcRoot is the uriBaseId of every relative URI.
const SrcRoot = "%SRCROOT%"

// A Finding is one diagnostic to write.
type Finding struct {
	Check      string // the analyzer that reported it
	Category   string // the diagnostic's category, if any
	Message    string
	Pos, End   token.Position // End may be invalid
	Related    []Related
	Fixes      []SuggestedFix
	Suppressed bool   // silenced by a directive
	Reason     string // the directive's reason
	Baselined  bool   // in the baseline (Options.Baseline)
	// Fingerprint identifies the finding across commits, whatever moves
	// around it; it is written as the result's partial fingerprints.
	Fingerprint string
	// Threads are the goroutines the finding involves, each with its
	// steps; they are written as a code flow with one thread flow each.
	Threads []Thread
}

// A Thread is one goroutine's part in a finding.
type Thread struct {
	Name  string
	Steps []Step
}

// A Step is one position of a Thread.
type Step struct {
	Pos, End token.Position
	Message  string
}

// Related is a related position of a finding.
type Related struct {
	Pos, End token.Position
	Message  string
}

// SuggestedFix is a suggested fix: edits applied together.
type SuggestedFix struct {
	Message string
	Edits   []Edit
}

// Edit replaces the bytes [Start, End) of File with New.
type Edit struct {
	File       string
	Start, End int
	New        string
}

// Options say how to write the log.
type Options struct {
	// BaseDir is the directory URIs are made relative to (usually the
	// root of the repository); files outside it get absolute file URIs.
	BaseDir string
	// WorkingDir, if set, is recorded as the invocation's working
	// directory.
	WorkingDir string
	// ReadFile returns a file's content, to convert byte columns to UTF-16
	// columns; if it fails, columns are written as byte columns.
	ReadFile func(filename string) ([]byte, error)
	// Errors are the errors of the run (packages that did not load,
	// analyses that failed); they are written as notifications and make
	// executionSuccessful false.
	Errors []string
	// Version is wglint's version, written as tool.driver.version.
	Version string
	// Baseline, if set, is the baseline file the findings were compared
	// with: each result gets a baselineState, and a baselined one a
	// suppression that names the file.
	Baseline string
}

// Build returns the SARIF log of findings, with one rule per check.
func Build(checks []*checkdoc.Check, findings []Finding, opts Options) *Log {
	b := &builder{opts: opts, lines: make(map[string][]string)}
	driver := Driver{Name: "wglint", Version: opts.Version, InformationURI: "https://github.com/wglint/wglint", Rules: []Rule{}}
	index := make(map[string]int)
	for i, c := range checks {
		index[c.Analyzer.Name] = i
		driver.Rules = append(driver.Rules, rule(c))
	}
	run := Run{
		Tool:       Tool{Driver: driver},
		Results:    []Result{},
		ColumnKind: "utf16CodeUnits",
	}
	if opts.BaseDir != "" {
		run.OriginalURIBaseIDs = map[string]ArtifactLocation{SrcRoot: {URI: dirURI(opts.BaseDir)}}
	}
	inv := Invocation{ExecutionSuccessful: len(opts.Errors) == 0}
	if opts.WorkingDir != "" {
		inv.WorkingDirectory = &ArtifactLocation{URI: dirURI(opts.WorkingDir)}
	}
	for _, e := range opts.Errors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, Notification{Level: "error", Message: Message{Text: e}})
	}
	run.Invocations = []Invocation{inv}

	for _, f := range findings {
		i, ok := index[f.Check]
		if !ok {
			continue // not a wglint check; cannot happen with the registry's analyzers
		}
		c := checks[i]
		level := level(c.Severity)
		if f.Category == "unused-directive" || f.Category == "malformed-directive" {
			level = "warning"
		}
		r := Result{
			RuleID:    f.Check,
			RuleIndex: i,
			Level:     level,
			Message:   Message{Text: f.Message},
			Locations: []Location{{PhysicalLocation: b.physical(f.Pos, f.End)}},
		}
		if f.Category != "" {
			r.Properties = &ResultProperties{Category: f.Category}
		}
		for j, rel := range f.Related {
			id := j + 1
			r.RelatedLocations = append(r.RelatedLocations, Location{
				ID:               &id,
				PhysicalLocation: b.physical(rel.Pos, rel.End),
				Message:          &Message{Text: rel.Message},
			})
		}
		for _, fix := range f.Fixes {
			r.Fixes = append(r.Fixes, b.fix(fix))
		}
		switch {
		case f.Suppressed:
			r.Suppressions = []Suppression{{Kind: "inSource", Justification: f.Reason}}
		case f.Baselined:
			r.Suppressions = []Suppression{{Kind: "external", Justification: "in the baseline " + filepath.ToSlash(opts.Baseline)}}
		}
		if opts.Baseline != "" {
			r.BaselineState = "new"
			if f.Baselined {
				r.BaselineState = "unchanged"
			}
		}
		if f.Fingerprint != "" {
			r.PartialFingerprints = map[string]string{
				// GitHub code scanning tracks alerts by this key; the
				// upload action computes it from the line's text only
				// when it is missing.
				"primaryLocationLineHash": f.Fingerprint,
				"wglintFinding/v1":        f.Fingerprint,
			}
		}
		if len(f.Threads) > 0 {
			r.CodeFlows = []CodeFlow{b.codeFlow(f.Threads)}
		}
		run.Results = append(run.Results, r)
	}
	slices.SortStableFunc(run.Results, compareResults)
	return &Log{Schema: Schema, Version: "2.1.0", Runs: []Run{run}}
}

func compareResults(a, b Result) int {
	la, lb := a.Locations[0].PhysicalLocation, b.Locations[0].PhysicalLocation
	return cmp.Or(
		strings.Compare(la.ArtifactLocation.URI, lb.ArtifactLocation.URI),
		cmp.Compare(la.Region.StartLine, lb.Region.StartLine),
		cmp.Compare(la.Region.StartColumn, lb.Region.StartColumn),
		strings.Compare(a.RuleID, b.RuleID),
		strings.Compare(a.Message.Text, b.Message.Text),
	)
}

// Write writes the log as indented JSON.
func (l *Log) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(l)
}

// maxFullDescription is GitHub code scanning's limit on
// rule.fullDescription.text.
const maxFullDescription = 1024

func rule(c *checkdoc.Check) Rule {
	full := c.Text
	if len(full) > maxFullDescription {
		full, _, _ = strings.Cut(full, "\n\n") // the first paragraph
	}
	full = strings.Join(strings.Fields(full), " ")
	if len(full) > maxFullDescription {
		cut := maxFullDescription - len("…")
		for !utf8.RuneStart(full[cut]) {
			cut--
		}
		full = full[:cut] + "…"
	}
	return Rule{
		ID:                   c.Analyzer.Name,
		Name:                 c.Name,
		ShortDescription:     Message{Text: c.Title},
		FullDescription:      Message{Text: full},
		Help:                 Message{Text: c.PlainText(), Markdown: "# " + c.Analyzer.Name + ": " + c.Title + "\n\n" + c.Markdown(2)},
		HelpURI:              c.Analyzer.URL,
		DefaultConfiguration: &ReportingConfiguration{Level: level(c.Severity)},
		Properties:           &RuleProperties{Tags: []string{"concurrency"}, Since: c.Since, ProblemSeverity: string(c.Severity)},
	}
}

func level(s checkdoc.Severity) string {
	if s == checkdoc.Error {
		return "error"
	}
	return "warning"
}

type builder struct {
	opts  Options
	lines map[string][]string // file -> lines, for column conversion; nil if unreadable
}

// uri returns the URI of file and its base ID.
func (b *builder) uri(file string) ArtifactLocation {
	if b.opts.BaseDir != "" {
		if rel, err := filepath.Rel(b.opts.BaseDir, file); err == nil && filepath.IsLocal(rel) {
			return ArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(rel)}).EscapedPath(), URIBaseID: SrcRoot}
		}
	}
	return ArtifactLocation{URI: fileURI(file)}
}

func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func dirURI(dir string) string {
	u := fileURI(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

func (b *builder) physical(pos, end token.Position) PhysicalLocation {
	region := Region{StartLine: pos.Line, StartColumn: b.column(pos)}
	if end.IsValid() && end.Filename == pos.Filename && (end.Line > pos.Line || end.Line == pos.Line && end.Column >= pos.Column) {
		region.EndLine, region.EndColumn = end.Line, b.column(end)
	} else {
		region.EndLine, region.EndColumn = region.StartLine, region.StartColumn
	}
	return PhysicalLocation{ArtifactLocation: b.uri(pos.Filename), Region: region}
}

// column converts the 1-based byte column of p to a 1-based column in
// UTF-16 code units.
func (b *builder) column(p token.Position) int {
	if p.Column <= 0 {
		return 1
	}
	lines, ok := b.lines[p.Filename]
	if !ok {
		if b.opts.ReadFile != nil {
			if data, err := b.opts.ReadFile(p.Filename); err == nil {
				lines = strings.Split(string(data), "\n")
			}
		}
		b.lines[p.Filename] = lines
	}
	if p.Line < 1 || p.Line > len(lines) {
		return p.Column
	}
	line := lines[p.Line-1]
	n := min(p.Column-1, len(line))
	col := 1
	for _, r := range line[:n] {
		col += utf16.RuneLen(r)
	}
	return col + (p.Column - 1 - n) // past the end of the line: keep counting bytes
}

// codeFlow returns the code flow of a finding's threads: one thread flow
// per goroutine, each with its steps, numbered in one interleaving that
// shows the problem: the threads take turns, first steps first.
func (b *builder) codeFlow(threads []Thread) CodeFlow {
	cf := CodeFlow{Message: &Message{Text: "how the goroutines interleave"}}
	order := 0
	flows := make([]ThreadFlow, len(threads))
	for i, t := range threads {
		flows[i] = ThreadFlow{ID: fmt.Sprint(i + 1), Message: &Message{Text: t.Name}, Locations: []ThreadFlowLocation{}}
	}
	for step := 0; ; step++ {
		more := false
		for i, t := range threads {
			if step >= len(t.Steps) {
				continue
			}
			more = true
			order++
			s := t.Steps[step]
			flows[i].Locations = append(flows[i].Locations, ThreadFlowLocation{
				Location:       Location{PhysicalLocation: b.physical(s.Pos, s.End), Message: &Message{Text: s.Message}},
				ExecutionOrder: order,
			})
		}
		if !more {
			break
		}
	}
	for _, f := range flows {
		if len(f.Locations) > 0 {
			cf.ThreadFlows = append(cf.ThreadFlows, f)
		}
	}
	return cf
}

func (b *builder) fix(f SuggestedFix) Fix {
	byFile := make(map[string][]Replacement)
	var files []string
	for _, e := range f.Edits {
		if _, ok := byFile[e.File]; !ok {
			files = append(files, e.File)
		}
		offset, length := e.Start, e.End-e.Start
		byFile[e.File] = append(byFile[e.File], Replacement{
			DeletedRegion:   Region{ByteOffset: &offset, ByteLength: &length},
			InsertedContent: &ArtifactContent{Text: e.New},
		})
	}
	slices.Sort(files)
	out := Fix{Description: Message{Text: f.Message}}
	for _, file := range files {
		reps := byFile[file]
		slices.SortFunc(reps, func(x, y Replacement) int {
			return cmp.Compare(*x.DeletedRegion.ByteOffset, *y.DeletedRegion.ByteOffset)
		})
		out.ArtifactChanges = append(out.ArtifactChanges, ArtifactChange{ArtifactLocation: b.uri(file), Replacements: reps})
	}
	return out
}

// The SARIF 2.1.0 objects wglint writes.
type (
	Log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []Run  `json:"runs"`
	}
	Run struct {
		Tool               Tool                        `json:"tool"`
		Invocations        []Invocation                `json:"invocations,omitempty"`
		OriginalURIBaseIDs map[string]ArtifactLocation `json:"originalUriBaseIds,omitempty"`
		Results            []Result                    `json:"results"`
		ColumnKind         string                      `json:"columnKind"`
	}
	Tool struct {
		Driver Driver `json:"driver"`
	}
	Driver struct {
		Name           string `json:"name"`
		Version        string `json:"version,omitempty"`
		InformationURI string `json:"informationUri,omitempty"`
		Rules          []Rule `json:"rules"`
	}
	Rule struct {
		ID                   string                  `json:"id"`
		Name                 string                  `json:"name,omitempty"`
		ShortDescription     Message                 `json:"shortDescription"`
		FullDescription      Message                 `json:"fullDescription"`
		Help                 Message                 `json:"help"`
		HelpURI              string                  `json:"helpUri,omitempty"`
		DefaultConfiguration *ReportingConfiguration `json:"defaultConfiguration,omitempty"`
		Properties           *RuleProperties         `json:"properties,omitempty"`
	}
	RuleProperties struct {
		Tags            []string `json:"tags,omitempty"`
		Since           string   `json:"since,omitempty"`
		ProblemSeverity string   `json:"problem.severity,omitempty"`
	}
	ReportingConfiguration struct {
		Level string `json:"level"`
	}
	Message struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	Invocation struct {
		ExecutionSuccessful        bool              `json:"executionSuccessful"`
		WorkingDirectory           *ArtifactLocation `json:"workingDirectory,omitempty"`
		ToolExecutionNotifications []Notification    `json:"toolExecutionNotifications,omitempty"`
	}
	Notification struct {
		Level   string  `json:"level"`
		Message Message `json:"message"`
	}
	Result struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             Message           `json:"message"`
		Locations           []Location        `json:"locations"`
		RelatedLocations    []Location        `json:"relatedLocations,omitempty"`
		CodeFlows           []CodeFlow        `json:"codeFlows,omitempty"`
		Fixes               []Fix             `json:"fixes,omitempty"`
		Suppressions        []Suppression     `json:"suppressions,omitempty"`
		BaselineState       string            `json:"baselineState,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
		Properties          *ResultProperties `json:"properties,omitempty"`
	}
	CodeFlow struct {
		Message     *Message     `json:"message,omitempty"`
		ThreadFlows []ThreadFlow `json:"threadFlows"`
	}
	ThreadFlow struct {
		ID        string               `json:"id,omitempty"`
		Message   *Message             `json:"message,omitempty"`
		Locations []ThreadFlowLocation `json:"locations"`
	}
	ThreadFlowLocation struct {
		Location       Location `json:"location"`
		ExecutionOrder int      `json:"executionOrder"`
	}
	ResultProperties struct {
		Category string `json:"category,omitempty"`
	}
	Location struct {
		ID               *int             `json:"id,omitempty"`
		PhysicalLocation PhysicalLocation `json:"physicalLocation"`
		Message          *Message         `json:"message,omitempty"`
	}
	PhysicalLocation struct {
		ArtifactLocation ArtifactLocation `json:"artifactLocation"`
		Region           Region           `json:"region"`
	}
	ArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	Region struct {
		StartLine   int  `json:"startLine,omitempty"`
		StartColumn int  `json:"startColumn,omitempty"`
		EndLine     int  `json:"endLine,omitempty"`
		EndColumn   int  `json:"endColumn,omitempty"`
		ByteOffset  *int `json:"byteOffset,omitempty"`
		ByteLength  *int `json:"byteLength,omitempty"`
	}
	Fix struct {
		Description     Message          `json:"description"`
		ArtifactChanges []ArtifactChange `json:"artifactChanges"`
	}
	ArtifactChange struct {
		ArtifactLocation ArtifactLocation `json:"artifactLocation"`
		Replacements     []Replacement    `json:"replacements"`
	}
	Replacement struct {
		DeletedRegion   Region           `json:"deletedRegion"`
		InsertedContent *ArtifactContent `json:"insertedContent,omitempty"`
	}
	ArtifactContent struct {
		Text string `json:"text"`
	}
	Suppression struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification,omitempty"`
	}
)
