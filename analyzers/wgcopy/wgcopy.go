package wgcopy

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"strings"

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
var Check = checkdoc.New(Analyzer, doc, "v0.1.0", checkdoc.Error)

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
	what := "a sync.WaitGroup"
	if c.Path != "" {
		what = fmt.Sprintf("the sync.WaitGroup in %s", strings.TrimPrefix(c.Path, "."))
	}
	render := func(e ast.Expr) string { return types.ExprString(e) }
	d := analysis.Diagnostic{Pos: c.Node.Pos(), End: c.Node.End(), Category: "copy"}
	switch c.Kind {
	case conc.CopyParam:
		name := c.Name
		if name == "" {
			name = "an unnamed parameter"
		} else {
			name = "parameter " + name
		}
		d.Message = fmt.Sprintf("%s receives a copy of %s: Done on the copy never reaches the caller's WaitGroup, so the caller's Wait blocks forever; pass a pointer", name, what)
		if fix := pointerParamFix(pass, c); fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		}
	case conc.CopyReceiver:
		d.Message = fmt.Sprintf("value receiver %s copies %s on every call: Add, Done and Wait act on the copy, so the original never sees them; use a pointer receiver", c.Name, what)
	case conc.CopyResult:
		d.Message = fmt.Sprintf("result returns a copy of %s: the caller's Add, Done and Wait act on the copy, not on the original; return a pointer", what)
	case conc.CopyAssign:
		d.Message = fmt.Sprintf("assignment copies %s from %s: Wait on one copy never sees Done on the other and blocks forever; copy a pointer instead", what, render(c.Expr))
	case conc.CopyElem:
		d.Message = fmt.Sprintf("composite literal copies %s from %s: Wait on one copy never sees Done on the other and blocks forever; store a pointer instead", what, render(c.Expr))
	case conc.CopyRange:
		d.Message = fmt.Sprintf("range variable %s copies %s of each element: Add, Done and Wait on it act on the copy; range over the indexes, or over pointers", c.Name, what)
	case conc.CopyCallArg:
		d.Message = fmt.Sprintf("call of %s passes a copy of the sync.WaitGroup %s: Done on the copy never reaches %s, so its Wait blocks forever; pass &%s", render(c.Call.Fun), render(c.Expr), render(c.Expr), render(c.Expr))
		if c.Path != "" {
			d.Message = fmt.Sprintf("call of %s passes a copy of %s, %s: Done on the copy never reaches the original, so its Wait blocks forever; pass a pointer", render(c.Call.Fun), render(c.Expr), what)
		}
	case conc.CopySend:
		d.Message = fmt.Sprintf("send copies %s from %s: the receiver's Done never reaches the original, so its Wait blocks forever; send a pointer", what, render(c.Expr))
	}
	pass.Report(d)
}

// pointerParamFix returns the fix that turns a sync.WaitGroup parameter
// into a *sync.WaitGroup and passes &x at every call of the function in the
// package, when that is unambiguous and keeps the program compiling: the
// function is unexported (or in package main), it is only ever called (not
// used as a value), the parameter is only used as the receiver of method
// calls and field selections, and every argument passed for it is
// addressable.
func pointerParamFix(pass *analysis.Pass, c *conc.Copy) *analysis.SuggestedFix {
	decl := c.Decl
	if decl == nil || decl.Body == nil || c.Path != "" || len(c.Field.Names) != 1 {
		return nil
	}
	if ast.IsExported(decl.Name.Name) && pass.Pkg.Name() != "main" {
		return nil // callers in other packages would break
	}
	info := pass.TypesInfo
	fn, ok := info.Defs[decl.Name].(*types.Func)
	if !ok {
		return nil
	}
	param, ok := info.Defs[c.Field.Names[0]].(*types.Var)
	if !ok {
		return nil
	}
	if sig := fn.Type().(*types.Signature); sig.Variadic() && c.Index == sig.Params().Len()-1 {
		return nil
	}
	// Every use of the parameter must select a method or field from it.
	okUses := true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if !okUses {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && info.Uses[id] == param {
				return false // wg.Done(), wg.field: fine with a pointer
			}
		case *ast.Ident:
			if info.Uses[n] == param {
				okUses = false
			}
		}
		return true
	})
	if !okUses {
		return nil
	}
	edits := []analysis.TextEdit{{Pos: c.Field.Type.Pos(), End: c.Field.Type.Pos(), NewText: []byte("*")}}
	// Every reference to the function must be a call with an addressable
	// argument at this position.
	calls := make(map[*ast.Ident]*ast.CallExpr)
	for _, file := range pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if id := calleeIdent(call.Fun); id != nil && info.Uses[id] == fn {
					calls[id] = call
				}
			}
			return true
		})
	}
	for id, obj := range info.Uses {
		if obj != fn {
			continue
		}
		call, ok := calls[id]
		if !ok || c.Index >= len(call.Args) {
			return nil // used as a value, or called oddly
		}
		arg := ast.Unparen(call.Args[c.Index])
		switch a := arg.(type) {
		case *ast.StarExpr: // *p -> p
			edits = append(edits, analysis.TextEdit{Pos: a.Pos(), End: a.X.Pos()})
		case *ast.Ident, *ast.SelectorExpr, *ast.IndexExpr:
			if !addressable(info, a) {
				return nil
			}
			edits = append(edits, analysis.TextEdit{Pos: a.Pos(), End: a.Pos(), NewText: []byte("&")})
		default:
			return nil
		}
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Pass %s as *sync.WaitGroup", param.Name()),
		TextEdits: edits,
	}
}

// calleeIdent returns the identifier naming the function in a call's Fun.
func calleeIdent(fun ast.Expr) *ast.Ident {
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	case *ast.IndexExpr:
		return calleeIdent(f.X)
	case *ast.IndexListExpr:
		return calleeIdent(f.X)
	}
	return nil
}

// addressable reports whether &e is valid.
func addressable(info *types.Info, e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		_, ok := info.Uses[e].(*types.Var)
		return ok
	case *ast.SelectorExpr:
		sel := info.Selections[e]
		if sel == nil {
			_, ok := info.Uses[e.Sel].(*types.Var)
			return ok
		}
		if sel.Kind() != types.FieldVal {
			return false
		}
		if sel.Indirect() {
			return true
		}
		return addressable(info, ast.Unparen(e.X))
	case *ast.IndexExpr:
		switch info.TypeOf(e.X).Underlying().(type) {
		case *types.Slice:
			return true
		case *types.Array:
			return addressable(info, ast.Unparen(e.X))
		case *types.Pointer:
			return true
		}
	}
	return false
}
