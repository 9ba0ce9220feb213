package wgcopy

import (
	_ "embed"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports wgcopy findings; see the package documentation.
var Analyzer = &analysis.Analyzer{
	Name:     "wgcopy",
	Requires: []*analysis.Analyzer{conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.1.0", checkdoc.Error)

func run(pass *analysis.Pass) (any, error) {
	_ = pass.ResultOf[conc.Analyzer].(*conc.Model)
	return nil, nil
}
