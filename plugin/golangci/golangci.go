// Package golangci is wglint's golangci-lint v2 module plugin.
//
// Importing it registers, with github.com/golangci/plugin-module-register,
// one plugin per wglint check, named after the check (unjoinedgo,
// sleepjoin, ...). golangci-lint turns each configured plugin into one
// linter, so every check is a linter of its own: it is enabled and
// disabled by its name, //nolint:unjoinedgo silences that check only, and
// golangci-lint prints its findings with the check's name, e.g.
//
//	prog1/main.go:16:4: goroutine may still be running when main returns at line 19: ... (unjoinedgo)
//
// A custom golangci-lint binary that includes the plugin is built with
// golangci-lint custom and a .custom-gcl.yml (see the README), or offline
// with scripts/golangci-plugin.sh. Each check then needs an entry under
// linters.settings.custom in .golangci.yml; [ExampleConfig] writes them.
//
// Settings (linters.settings.custom.<check>.settings) are decoded strictly:
// an unknown key is an error. golangci-lint lowercases the keys. The only
// key is
//
//	flags:  the check's analyzer flags, by name, as wglint's -<check>.<flag>
//	        sets them; an unknown flag or a bad value is an error.
//
// Differences from standalone wglint: golangci-lint prints a
// diagnostic's related positions as separate issues, which a //nolint on
// the finding's line does not silence, so the plugin drops them (the
// messages already name the related line). //wglint:ignore directives work
// as everywhere else, since they are applied inside the checks.
package golangci

import (
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/internal/checkdoc"

	"golang.org/x/tools/go/analysis"
)

func init() {
	for _, c := range analyzers.All {
		register.Plugin(c.Analyzer.Name, func(conf any) (register.LinterPlugin, error) {
			return New(c, conf)
		})
	}
}

// Settings are one check's plugin settings.
type Settings struct {
	// Flags sets the check's analyzer flags: a name is the flag's name
	// without the check prefix, a value is a string, a boolean or a number.
	Flags map[string]any `json:"flags"`
}

// New returns the plugin of check c with the raw settings conf that
// golangci-lint read from linters.settings.custom.<name>.settings.
func New(c *checkdoc.Check, conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("wglint %s: %w", c.Analyzer.Name, err)
	}
	a := c.Analyzer
	var names []string
	for name := range s.Flags {
		names = append(names, name)
	}
	slices.Sort(names) // for a deterministic first error
	values := make(map[string]string)
	for _, name := range names {
		f := a.Flags.Lookup(name)
		if f == nil {
			return nil, fmt.Errorf("wglint %s: settings: unknown flag %q; %s", a.Name, name, flagList(a))
		}
		var v string
		switch x := s.Flags[name].(type) {
		case string:
			v = x
		case bool:
			v = strconv.FormatBool(x)
		case float64:
			v = strconv.FormatFloat(x, 'f', -1, 64)
		default:
			return nil, fmt.Errorf("wglint %s: settings: flag %q: want a string, boolean or number, got %T", a.Name, name, x)
		}
		values[f.Name] = v
	}
	return &plugin{check: c, flags: values}, nil
}

// flagList describes the flags of a for an error message.
func flagList(a *analysis.Analyzer) string {
	var names []string
	a.Flags.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) == 0 {
		return "the check has no flags"
	}
	return "the check's flags are " + strings.Join(names, ", ")
}

type plugin struct {
	check *checkdoc.Check
	flags map[string]string // flag name -> value to set
}

// BuildAnalyzers sets the check's flags and returns its analyzer, changed
// only to drop related positions (see the package comment).
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	a := p.check.Analyzer
	for name, v := range p.flags {
		if err := a.Flags.Set(name, v); err != nil {
			return nil, fmt.Errorf("wglint %s: settings: flag %q: %v", a.Name, name, err)
		}
	}
	return []*analysis.Analyzer{withoutRelated(a)}, nil
}

// GetLoadMode reports that the checks need type information.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// withoutRelated returns a copy of a whose diagnostics have no related
// positions.
func withoutRelated(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	run := a.Run
	c.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			d.Related = nil
			report(d)
		}
		defer func() { pass.Report = report }()
		return run(pass)
	}
	return &c
}

// ExampleConfig returns a .golangci.yml that enables every check of checks
// (but the experimental ones, which are listed under disable) as a linter
// of its own, with the settings entry golangci-lint needs for each module
// plugin, and issues settings that keep every finding: by default
// golangci-lint keeps one issue per line (another linter's issue on the
// line of a wglint finding, such as govet's copylocks on a copied
// WaitGroup, hides it), three issues with the same text and 50 per linter.
func ExampleConfig(checks []*checkdoc.Check) string {
	var b strings.Builder
	b.WriteString("version: \"2\"\n\nlinters:\n")
	b.WriteString("  # A check left out of enable still runs (custom linters are in the\n")
	b.WriteString("  # standard set): list it under disable to turn it off.\n")
	b.WriteString("  enable:\n")
	var disable []string
	for _, c := range checks {
		if c.Experimental {
			disable = append(disable, c.Analyzer.Name)
			continue
		}
		fmt.Fprintf(&b, "    - %s\n", c.Analyzer.Name)
	}
	if len(disable) > 0 {
		b.WriteString("  disable: # experimental\n")
		for _, name := range disable {
			fmt.Fprintf(&b, "    - %s\n", name)
		}
	}
	b.WriteString("  settings:\n    custom:\n")
	for _, c := range checks {
		fmt.Fprintf(&b, "      %s:\n        type: module\n        description: %s\n        original-url: %s\n",
			c.Analyzer.Name, strconv.Quote(c.Title), c.Analyzer.URL)
	}
	b.WriteString("\nissues:\n")
	b.WriteString("  # Keep every finding: by default golangci-lint keeps one issue per\n")
	b.WriteString("  # line, three with the same text and 50 per linter.\n")
	b.WriteString("  uniq-by-line: false\n  max-same-issues: 0\n  max-issues-per-linter: 0\n")
	return b.String()
}
