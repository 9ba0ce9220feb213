package conc

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// CopyDiagnostic builds the diagnostic of a copy of a synchronization
// object. object names the object's type ("sync.WaitGroup") and
// consequence says what goes wrong at run time because of the copy. For a
// parameter, fix (if not nil) is offered.
func CopyDiagnostic(c *Copy, object, consequence string, fix *analysis.SuggestedFix) analysis.Diagnostic {
	what := "a " + object
	if c.Path != "" {
		what = fmt.Sprintf("the %s in %s", object, strings.TrimPrefix(c.Path, "."))
	}
	src := func(e ast.Expr) string { return types.ExprString(e) }
	d := analysis.Diagnostic{Pos: c.Node.Pos(), End: c.Node.End(), Category: "copy"}
	switch c.Kind {
	case CopyParam:
		name := "an unnamed parameter"
		if c.Name != "" {
			name = "parameter " + c.Name
		}
		d.Message = fmt.Sprintf("%s receives a copy of %s: %s; pass a pointer", name, what, consequence)
		if fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		}
	case CopyReceiver:
		d.Message = fmt.Sprintf("value receiver %s copies %s on every call: %s; use a pointer receiver", c.Name, what, consequence)
	case CopyReturn:
		d.Message = fmt.Sprintf("return copies %s from %s: %s; return a pointer", what, src(c.Expr), consequence)
	case CopyAssign:
		d.Message = fmt.Sprintf("assignment copies %s from %s: %s; copy a pointer instead", what, src(c.Expr), consequence)
	case CopyElem:
		d.Message = fmt.Sprintf("composite literal copies %s from %s: %s; store a pointer instead", what, src(c.Expr), consequence)
	case CopyRange:
		d.Message = fmt.Sprintf("range variable %s copies %s of each element: %s; range over the indexes, or over pointers", c.Name, what, consequence)
	case CopyCallArg:
		if c.Path == "" {
			d.Message = fmt.Sprintf("call of %s passes a copy of the %s %s: %s; pass &%s", src(c.Call.Fun), object, src(c.Expr), consequence, src(c.Expr))
		} else {
			d.Message = fmt.Sprintf("call of %s passes a copy of %s, %s: %s; pass a pointer", src(c.Call.Fun), src(c.Expr), what, consequence)
		}
	case CopySend:
		d.Message = fmt.Sprintf("send copies %s from %s: %s; send a pointer", what, src(c.Expr), consequence)
	}
	return d
}

// PointerParamFix returns the fix that turns a parameter of type typeName
// (such as sync.WaitGroup) into a pointer and passes &x at every call of the function in the
// package, when that is unambiguous and keeps the program compiling: the
// function is unexported (or in package main), it is only ever called (not
// used as a value), the parameter is only used as the receiver of method
// calls and field selections, and every argument passed for it is
// addressable.
func PointerParamFix(pass *analysis.Pass, c *Copy, typeName string) *analysis.SuggestedFix {
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
	// info.Uses is a map: put the edits in the order of the file, so that
	// the fix reads the same on every run.
	slices.SortFunc(edits, func(a, b analysis.TextEdit) int { return cmp.Compare(a.Pos, b.Pos) })
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Pass %s as *%s", param.Name(), typeName),
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
