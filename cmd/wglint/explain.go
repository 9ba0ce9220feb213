package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/internal/checkdoc"
)

// list prints one line per check: name, severity, version, whether it
// runs by default ("on", or "off" for an experimental check) and title.
func list(stdout io.Writer) int {
	w := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
	for _, c := range analyzers.All {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", c.Analyzer.Name, c.Severity, c.Since, defaultState(c), c.Title)
	}
	if err := w.Flush(); err != nil {
		return 1
	}
	return 0
}

// explain prints the documentation of the named checks, separated by a
// line of dashes. An unknown name is an error (exit code 2), and nothing
// is printed.
func explain(stdout, stderr io.Writer, names []string) int {
	var checks []*checkdoc.Check
	for _, name := range names {
		c := lookup(name)
		if c == nil {
			var all []string
			for _, c := range analyzers.All {
				all = append(all, c.Analyzer.Name)
			}
			fmt.Fprintf(stderr, "wglint: -explain: unknown check %q; the checks are %s\n", name, strings.Join(all, ", "))
			return 2
		}
		checks = append(checks, c)
	}
	for i, c := range checks {
		if i > 0 {
			fmt.Fprintln(stdout, "\n"+strings.Repeat("-", 72)+"\n")
		}
		fmt.Fprint(stdout, c.PlainText())
		first := true
		c.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
			if first {
				fmt.Fprintf(stdout, "\nFlags:\n\n")
				first = false
			}
			fmt.Fprintf(stdout, "  -%s.%s\t%s (default %q)\n", c.Analyzer.Name, f.Name, f.Usage, f.DefValue)
		})
	}
	return 0
}

// defaultState says whether c runs by default: "on", or "off" for an
// experimental check.
func defaultState(c *checkdoc.Check) string {
	if c.Experimental {
		return "off"
	}
	return "on"
}

func lookup(name string) *checkdoc.Check {
	for _, c := range analyzers.All {
		if c.Analyzer.Name == name {
			return c
		}
	}
	return nil
}
