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

// buildNonce is set by TestAnalyzerPanic (-ldflags=-X) to a value of its
// own in each run, so that each run builds a different binary: go vet
// replays the results it cached for a vet tool of the same build ID, and
// a second run on the same machine would not see the panic again.
var buildNonce string

func init() {
	extraAnalyzers = append(extraAnalyzers, &analysis.Analyzer{
		Name:     "panicky",
		Doc:      "panic on packages named boom (a test of wglint's panic guard)" + buildNonce,
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
