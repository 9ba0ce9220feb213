package wgcopy

import (
	_ "embed"
	"go/types"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

//go:embed doc.go
var doc string

// Analyzer reports sync.WaitGroup values that are copied.
var Analyzer = &analysis.Analyzer{
	Name:     "wgcopy",
	Requires: []*analysis.Analyzer{inspect.Analyzer, conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.1.0", checkdoc.Error, checkdoc.Name("CopiedWaitGroup"))

func run(pass *analysis.Pass) (any, error) {
	if !importsSync(pass.Pkg) {
		return nil, nil // no sync.WaitGroup can be named
	}
	for _, c := range conc.FindCopies(pass, conc.IsWaitGroup) {
		report(pass, c)
	}
	return nil, nil
}

// importsSync reports whether pkg or one of its dependencies imports sync,
// the only way to have a WaitGroup in a type.
func importsSync(pkg *types.Package) bool {
	seen := make(map[*types.Package]bool)
	var visit func(p *types.Package) bool
	visit = func(p *types.Package) bool {
		if p.Path() == "sync" {
			return true
		}
		if seen[p] {
			return false
		}
		seen[p] = true
		for _, q := range p.Imports() {
			if visit(q) {
				return true
			}
		}
		return false
	}
	return visit(pkg)
}

func report(pass *analysis.Pass, c *conc.Copy) {
	var fix *analysis.SuggestedFix
	if c.Kind == conc.CopyParam {
		fix = conc.PointerParamFix(pass, c, "sync.WaitGroup")
	}
	pass.Report(conc.CopyDiagnostic(c, "sync.WaitGroup", "Done on the copy never reaches the original, so Wait on the original blocks forever", fix))
}
