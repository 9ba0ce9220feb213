//go:build wglint_panictest

package main

// Built only with -tags wglint_panictest, by TestAnalyzerPanic: an extra
// analyzer that panics on every package named boom, to check that a panic
// in one analyzer on one package is reported as an error and does not hide
// the other findings.

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

// panicTestNonce is set by TestAnalyzerPanic with -ldflags=-X, so that
// each build of the test binary differs: go vet caches the facts of a
// package whose analysis failed but not the failure, and would replay the
// second run of an identical binary as clean. It is part of the check's
// doc, so that the linker keeps it.
var panicTestNonce string

// panickyBase panics like panicky, but is an analyzer that another
// requires, as wglint's model is: under go vet its error is printed by
// wglint (showErrors), since unitchecker prints only "failed
// prerequisites" for the analyzer that requires it.
var panickyBase = &analysis.Analyzer{
	Name:     "panickybase",
	Doc:      "panic on packages named boom, for the analyzer that requires it (a test of wglint's panic guard)",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		if pass.Pkg.Name() == "boom" {
			var s []int
			_ = s[len(pass.Files)] // index out of range
		}
		return nil, nil
	},
}

func init() {
	extraAnalyzers = append(extraAnalyzers, &analysis.Analyzer{
		Name:     "panickyuser",
		Doc:      "require panickybase (a test of wglint's panic guard)",
		Requires: []*analysis.Analyzer{panickyBase},
		Run:      func(*analysis.Pass) (any, error) { return nil, nil },
	})
	extraAnalyzers = append(extraAnalyzers, &analysis.Analyzer{
		Name:     "panicky",
		Doc:      "panic on packages named boom (a test of wglint's panic guard)" + panicTestNonce,
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			if pass.Pkg.Name() == "boom" {
				var counts map[string]int
				counts[pass.Pkg.Path()]++ // assignment to entry in nil map
			}
			return nil, nil
		},
	})
}
