package unjoinedgo

import (
	_ "embed"
	"fmt"
	"go/token"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports goroutines that main or a test may leave running when it
// returns.
var Analyzer = &analysis.Analyzer{
	Name:     "unjoinedgo",
	Requires: []*analysis.Analyzer{conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.1.0", checkdoc.Error, checkdoc.Name("UnjoinedGoroutine"))

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[conc.Analyzer].(*conc.Model)
	for _, u := range m.Unjoined() {
		line := pass.Fset.Position(u.Return.Pos()).Line
		var msg, related string
		switch u.Root.Kind {
		case conc.MainRoot:
			msg = fmt.Sprintf("goroutine may still be running when main returns at line %d: the program exits and kills it mid-work; wait for it with a sync.WaitGroup or a channel", line)
			related = "main returns here without waiting for the goroutine"
		case conc.TestRoot:
			msg = fmt.Sprintf("goroutine uses t and may still be running when %s returns at line %d: its later t.Error or t.Log panics and its failure is lost; wait for it before returning", u.Root.Name, line)
			related = "the test returns here without waiting for the goroutine"
		}
		pass.Report(analysis.Diagnostic{
			Pos:      u.Goroutine.Event.Node.Pos(),
			End:      goEnd(u.Goroutine.Launch),
			Message:  msg,
			Related:  []analysis.RelatedInformation{{Pos: u.Return.Pos(), Message: related}},
			Category: "unjoined",
		})
	}
	return nil, nil
}

// goEnd returns the end of the launch's go keyword and call head, so that
// the highlight does not cover a whole function literal.
func goEnd(li *conc.LaunchInfo) (end token.Pos) {
	if li.Lit != nil {
		return li.Lit.Type.End()
	}
	return li.Node.End()
}
