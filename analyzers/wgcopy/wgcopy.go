package wgcopy

import (
	_ "embed"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports sync.WaitGroup values that are copied.
var Analyzer = &analysis.Analyzer{
	Name:     "wgcopy",
	Requires: []*analysis.Analyzer{conc.CopiesAnalyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.1.0", checkdoc.Error, checkdoc.Name("CopiedWaitGroup"))

func run(pass *analysis.Pass) (any, error) {
	for _, c := range pass.ResultOf[conc.CopiesAnalyzer].(*conc.Copies).WaitGroups {
		report(pass, c)
	}
	return nil, nil
}

func report(pass *analysis.Pass, c *conc.Copy) {
	var fix *analysis.SuggestedFix
	if c.Kind == conc.CopyParam {
		fix = conc.PointerParamFix(pass, c, "sync.WaitGroup")
	}
	pass.Report(conc.CopyDiagnostic(c, "sync.WaitGroup", "Done on the copy never reaches the original, so Wait on the original blocks forever", fix))
}
