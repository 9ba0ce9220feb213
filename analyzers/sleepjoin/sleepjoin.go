package sleepjoin

import (
	_ "embed"
	"fmt"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports time.Sleep used in place of waiting for a goroutine.
var Analyzer = &analysis.Analyzer{
	Name:     "sleepjoin",
	Requires: []*analysis.Analyzer{conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.1.0", checkdoc.Warning, checkdoc.Name("SleepUsedAsJoin"))

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[conc.Analyzer].(*conc.Model)
	reported := make(map[*conc.Event]bool)
	for _, u := range m.Unjoined() {
		goLine := pass.Fset.Position(u.Goroutine.Event.Pos()).Line
		who := "main"
		if u.Root.Kind == conc.TestRoot {
			who = u.Root.Name
		}
		switch {
		case u.Sleep != nil && !reported[u.Sleep]:
			reported[u.Sleep] = true
			pass.Report(analysis.Diagnostic{
				Pos:      u.Sleep.Node.Pos(),
				End:      u.Sleep.Node.End(),
				Message:  fmt.Sprintf("sleeping does not wait for the goroutine started at line %d: %s returns whether or not it has finished, and on a slow machine it has not; wait with a sync.WaitGroup or a channel", goLine, who),
				Related:  []analysis.RelatedInformation{{Pos: u.Goroutine.Event.Pos(), Message: "the goroutine the sleep is meant to wait for"}},
				Category: "sleep-after-go",
			})
		case u.SleepBefore != nil && !reported[u.SleepBefore]:
			reported[u.SleepBefore] = true
			pass.Report(analysis.Diagnostic{
				Pos:      u.SleepBefore.Node.Pos(),
				End:      u.SleepBefore.Node.End(),
				Message:  fmt.Sprintf("sleeping before the go statement at line %d waits for nothing: the goroutine starts only after the sleep, and %s does not wait for it; wait for it after starting it with a sync.WaitGroup or a channel", goLine, who),
				Related:  []analysis.RelatedInformation{{Pos: u.Goroutine.Event.Pos(), Message: "the goroutine starts here, after the sleep"}},
				Category: "sleep-before-go",
			})
		}
	}
	return nil, nil
}
