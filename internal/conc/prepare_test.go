package conc

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// TestPreparePanic: a panic on the goroutine that builds the indexes and
// the funcSyntax of each function is raised again by the model's run, on
// the analyzer's own goroutine, where the drivers and wglint's guard
// recover it and report it as a failure of the analyzer on the package;
// unrecovered on its own goroutine, it would kill the process.
func TestPreparePanic(t *testing.T) {
	const src = "package p\n\nfunc F(ch chan int) {\n\tgo func() { ch <- 1 }()\n\t<-ch\n}\n"
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:     make(map[ast.Node]*types.Scope),
		Implicits:  make(map[ast.Node]types.Object),
	}
	files := []*ast.File{file}
	pkg, err := new(types.Config).Check("p", fset, files, info)
	if err != nil {
		t.Fatal(err)
	}
	pass := &analysis.Pass{
		Fset:              fset,
		Files:             files,
		Pkg:               pkg,
		TypesInfo:         info,
		ResultOf:          map[*analysis.Analyzer]any{inspect.Analyzer: inspector.New(files)},
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportPackageFact: func(analysis.Fact) {},
		Report:            func(analysis.Diagnostic) {},
	}
	cfgs, err := ctrlflow.Analyzer.Run(pass)
	if err != nil {
		t.Fatal(err)
	}
	pass.ResultOf[ctrlflow.Analyzer] = cfgs

	// Without a panic, the model is built.
	if res, err := run(pass); err != nil || len(res.(*Model).Funcs) != 2 {
		t.Fatalf("run: %v, %v; want a model of F and its literal", res, err)
	}

	prepareHook = func() { panic("prepare failed") }
	defer func() { prepareHook = nil }()
	defer func() {
		if r := recover(); r != "prepare failed" {
			t.Errorf("run recovered %v, want the panic of the preparing goroutine", r)
		}
	}()
	run(pass)
	t.Error("run returned normally after a panic on the preparing goroutine")
}
