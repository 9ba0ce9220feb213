package conc

import (
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

// Analyzer builds the concurrency model of a package once; every wglint
// check requires it and reads its *Model result.
var Analyzer = &analysis.Analyzer{
	Name:       "conc",
	Doc:        "build wglint's concurrency model: goroutine launches, joins, WaitGroup operations and their facts",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Model](),
	FactTypes:  []analysis.Fact{new(Summary)},
}

// Model is the concurrency model of one package.
type Model struct {
	Pass *analysis.Pass
}

// Summary is what a function does that its callers care about.
type Summary struct{}

func (*Summary) AFact() {}

func run(pass *analysis.Pass) (any, error) {
	return &Model{Pass: pass}, nil
}
