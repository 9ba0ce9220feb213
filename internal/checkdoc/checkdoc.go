// Package checkdoc holds the documentation record of every wglint check.
//
// Each analyzer keeps its prose in its doc.go, written the way the
// go/analysis passes of golang.org/x/tools write theirs: a package comment
// with a "# Analyzer NAME" heading, a "NAME: title" line, the long text, and
// a "Bad:" and a "Good:" paragraph each followed by an indented code block
// (a check with several sub-checks may repeat the pair: each further
// example joins its block after a blank line).
// New parses that comment once; the result feeds Analyzer.Doc, the README's
// table of checks, -explain and SARIF rules.
package checkdoc

import (
	"fmt"
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"strings"

	"github.com/wglint/wglint/internal/report"

	"golang.org/x/tools/go/analysis"
)

// Severity is how seriously a finding of a check should be taken.
type Severity string

const (
	// Error marks checks whose findings are bugs: a crash, a deadlock, lost work.
	Error Severity = "error"
	// Warning marks checks whose findings are fragile code that works by luck.
	Warning Severity = "warning"
)

// Check is the documentation record of one analyzer.
type Check struct {
	Analyzer *analysis.Analyzer
	// Name is a human name for the check, in Pascal case
	// ("UnjoinedGoroutine"): SARIF's rule name, next to the analyzer's
	// name as rule id.
	Name string
	// Experimental marks a check that is off by default: it runs only
	// when named (-checks, -NAME, or the checks list of a configuration
	// file). "all" does not include it.
	Experimental bool
	Title        string   // lowercase, no period, at most 60 characters
	Text         string   // the long description, without the title line and examples
	Bad          string   // example code with the mistake
	Good         string   // the same code, fixed
	Since        string   // the wglint version that introduced the check
	Severity     Severity // how serious a finding is
}

// URLBase is where each check's documentation is published; the check's
// name is the anchor.
const URLBase = "https://pkg.go.dev/github.com/wglint/wglint/analyzers/"

// An Option sets a field of a check's record in [New].
type Option func(*Check)

// Name sets the check's human name (see [Check.Name]).
func Name(name string) Option { return func(c *Check) { c.Name = name } }

// Experimental makes the check off by default (see [Check.Experimental]).
func Experimental(c *Check) { c.Experimental = true }

// New parses the package comment of docSrc (the text of the analyzer's
// doc.go), fills a.Doc and a.URL from it and returns the check's record,
// with the options applied.
// It also wraps a.Run with report.Wrap, so that every driver honours the
// //wglint:ignore and //wglint:file-ignore directives for this check.
// It panics if the comment does not follow the expected layout: that is a
// programming error caught by every test of the analyzer.
func New(a *analysis.Analyzer, docSrc, since string, sev Severity, opts ...Option) *Check {
	c, err := parse(a.Name, docSrc)
	if err != nil {
		panic(fmt.Sprintf("checkdoc: %s: %v", a.Name, err))
	}
	c.Analyzer = a
	c.Since = since
	c.Severity = sev
	for _, o := range opts {
		o(c)
	}
	a.Doc = c.Title + "\n\n" + c.Text + "\n\nBad:\n\n" + indent(c.Bad) + "\nGood:\n\n" + indent(c.Good)
	a.URL = URLBase + a.Name
	a.Run = report.Wrap(a.Name, a.Run)
	return c
}

func indent(code string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(code, "\n") {
		if strings.TrimSpace(line) != "" {
			b.WriteString("\t")
		}
		b.WriteString(line)
	}
	if !strings.HasSuffix(code, "\n") {
		b.WriteString("\n")
	}
	return b.String()
}

// parse extracts the record of analyzer name from the package comment of src.
func parse(name, src string) (*Check, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return nil, err
	}
	if f.Doc == nil {
		return nil, fmt.Errorf("doc.go has no package comment")
	}
	return parseComment(name, f.Doc)
}

func parseComment(name string, doc *ast.CommentGroup) (*Check, error) {
	text := doc.Text()
	heading := "# Analyzer " + name + "\n"
	i := strings.Index(text, heading)
	if i < 0 {
		return nil, fmt.Errorf("missing %q heading", strings.TrimSpace(heading))
	}
	text = strings.TrimLeft(text[i+len(heading):], "\n")
	prefix := name + ": "
	if !strings.HasPrefix(text, prefix) {
		return nil, fmt.Errorf("the line after the heading must start with %q", prefix)
	}
	title, rest, _ := strings.Cut(text[len(prefix):], "\n")
	c := &Check{Title: strings.TrimSpace(title)}

	// Split the rest into prose and the Bad/Good code blocks.
	var prose []string
	var block *string
	fresh := false // no code line yet since the Bad: or Good: line
	lines := strings.Split(rest, "\n")
	for _, line := range lines {
		switch {
		case line == "Bad:", line == "Good:":
			// A second Bad: (or Good:) paragraph adds an example to the
			// same block, after a blank line.
			block, fresh = &c.Bad, true
			if line == "Good:" {
				block = &c.Good
			}
			if *block != "" {
				*block = strings.TrimRight(*block, "\n") + "\n\n"
			}
			continue
		}
		if block != nil {
			if strings.HasPrefix(line, "\t") || line == "" {
				if line != "" || !fresh {
					*block += strings.TrimPrefix(line, "\t") + "\n"
					fresh = false
				}
				continue
			}
			block = nil // a prose line ends the code block
		}
		prose = append(prose, line)
	}
	c.Text = strings.TrimSpace(strings.Join(prose, "\n"))
	c.Bad = strings.TrimRight(c.Bad, "\n") + "\n"
	c.Good = strings.TrimRight(c.Good, "\n") + "\n"
	switch {
	case c.Title == "":
		return nil, fmt.Errorf("empty title")
	case c.Text == "":
		return nil, fmt.Errorf("empty description")
	case strings.TrimSpace(c.Bad) == "" || strings.TrimSpace(c.Good) == "":
		return nil, fmt.Errorf("missing Bad: or Good: example")
	}
	return c, nil
}

// Markdown returns the check's documentation in Markdown, without the
// title: severity and version, whether it is experimental, the description, the Bad and Good
// examples, and how to suppress a finding. Section headings inside the
// description get level headingLevel. docs/checks.md and the help of SARIF
// rules use it.
func (c *Check) Markdown(headingLevel int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Severity: **%s** · Since: %s · [Reference](%s)\n\n", c.Severity, c.Since, c.Analyzer.URL)
	if c.Experimental {
		fmt.Fprintf(&b, "**Experimental:** off by default; run it with `-checks=all,%s` or list it under `checks` in `wglint.toml`.\n\n", c.Analyzer.Name)
	}
	p := comment.Printer{HeadingLevel: headingLevel}
	b.Write(p.Markdown(new(comment.Parser).Parse(c.Text)))
	fmt.Fprintf(&b, "\nBad:\n\n```go\n%s```\n\nGood:\n\n```go\n%s```\n\n", c.Bad, c.Good)
	fmt.Fprintf(&b, "To silence a finding that is wrong or acceptable, write `//wglint:ignore %s REASON` on its line or the line above it.\n", c.Analyzer.Name)
	return b.String()
}

// PlainText returns the check's documentation as plain text: the name and
// title, severity, version and URL, whether it is experimental, the description, the Bad and Good
// examples, and how to suppress a finding. wglint -explain prints it, and
// it is the plain-text help of SARIF rules.
func (c *Check) PlainText() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n", c.Analyzer.Name, c.Title)
	fmt.Fprintf(&b, "Severity: %s\nSince:    %s\nURL:      %s\n", c.Severity, c.Since, c.Analyzer.URL)
	if c.Experimental {
		fmt.Fprintf(&b, "Status:   experimental, off by default (run it with -checks=all,%s\n          or list it under checks in wglint.toml)\n", c.Analyzer.Name)
	}
	b.WriteString("\n")
	b.WriteString(c.Text)
	fmt.Fprintf(&b, "\n\nBad:\n\n%s\nGood:\n\n%s\n", indent(c.Bad), indent(c.Good))
	fmt.Fprintf(&b, "To silence a finding that is wrong or acceptable, write\n//wglint:ignore %s REASON on its line or the line above it.\n", c.Analyzer.Name)
	return b.String()
}
