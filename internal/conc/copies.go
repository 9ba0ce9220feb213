package conc

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// CopyKind says how a value is copied.
type CopyKind uint8

const (
	CopyParam    CopyKind = iota + 1 // a parameter receives a copy
	CopyReceiver                     // a value receiver receives a copy
	CopyReturn                       // a return statement returns an existing value
	CopyAssign                       // an assignment or var declaration copies
	CopyElem                         // a composite literal element copies
	CopyRange                        // a range variable copies each element
	CopyCallArg                      // a call argument is passed by value
	CopySend                         // a channel send copies
)

// A Copy is a place where a value holding a synchronization object (found
// by the match predicate of FindCopies) is copied.
type Copy struct {
	Kind  CopyKind
	Node  ast.Node   // the smallest node: the parameter, the copied expression
	Expr  ast.Expr   // the copied expression (CopyAssign, CopyElem, CopyCallArg, CopySend)
	Type  types.Type // the type of the copied value
	Path  string     // where the object sits in Type: "" when Type is the object, else ".f.g"
	Name  string     // the parameter, receiver or range variable name, if any
	Call  *ast.CallExpr
	Decl  *ast.FuncDecl // for CopyParam, CopyReceiver of declarations
	Field *ast.Field    // for CopyParam, CopyReceiver
	Index int           // for CopyParam: the parameter's index; for CopyCallArg: the argument's
}

// FindCopies returns every copy, in the package, of a value whose type is
// matched by match or holds (by value, in structs and arrays) such a value.
// Composite literals and function results are new values, not copies.
func FindCopies(pass *analysis.Pass, match func(types.Type) bool) []*Copy {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	info := pass.TypesInfo
	var out []*Copy
	// What each type holds, computed once per type (named types are
	// shared by all the expressions of the type; others may miss).
	type held struct {
		path string
		ok   bool
	}
	holding := make(map[types.Type]held)
	holds := func(t types.Type) (string, bool) {
		if t == nil {
			return "", false
		}
		if _, ok := t.(*types.Tuple); ok {
			return "", false
		}
		h, ok := holding[t]
		if !ok {
			h.path, h.ok = ContainsByValue(t, match)
			holding[t] = h
		}
		return h.path, h.ok
	}
	// copied reports whether e is an existing value being copied.
	copied := func(e ast.Expr) (string, bool) {
		if !isExistingValue(info, e) {
			return "", false
		}
		return holds(info.TypeOf(e))
	}
	fields := func(list *ast.FieldList, kind CopyKind, decl *ast.FuncDecl) {
		if list == nil {
			return
		}
		idx := 0
		for _, fld := range list.List {
			t := info.TypeOf(fld.Type)
			path, ok := holds(t)
			n := max(len(fld.Names), 1)
			if ok {
				if len(fld.Names) == 0 {
					out = append(out, &Copy{Kind: kind, Node: fld.Type, Type: t, Path: path, Decl: decl, Field: fld, Index: idx})
				}
				for i, name := range fld.Names {
					if name.Name == "_" {
						continue
					}
					out = append(out, &Copy{Kind: kind, Node: name, Type: t, Path: path, Name: name.Name, Decl: decl, Field: fld, Index: idx + i})
				}
			}
			idx += n
		}
	}
	filter := []ast.Node{
		(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil),
		(*ast.CompositeLit)(nil), (*ast.RangeStmt)(nil), (*ast.CallExpr)(nil), (*ast.SendStmt)(nil),
		(*ast.ReturnStmt)(nil),
	}
	ins.Preorder(filter, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.FuncDecl:
			fields(n.Recv, CopyReceiver, n)
			fields(n.Type.Params, CopyParam, n)
		case *ast.FuncLit:
			fields(n.Type.Params, CopyParam, nil)
		case *ast.AssignStmt:
			if len(n.Lhs) != len(n.Rhs) {
				return
			}
			for i, r := range n.Rhs {
				if id, ok := n.Lhs[i].(*ast.Ident); ok && id.Name == "_" {
					continue // evaluated, not stored
				}
				if path, ok := copied(r); ok {
					out = append(out, &Copy{Kind: CopyAssign, Node: r, Expr: r, Type: info.TypeOf(r), Path: path})
				}
			}
		case *ast.ValueSpec:
			for _, r := range n.Values {
				if path, ok := copied(r); ok {
					out = append(out, &Copy{Kind: CopyAssign, Node: r, Expr: r, Type: info.TypeOf(r), Path: path})
				}
			}
		case *ast.CompositeLit:
			for _, el := range n.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					el = kv.Value
				}
				if path, ok := copied(el); ok {
					out = append(out, &Copy{Kind: CopyElem, Node: el, Expr: el, Type: info.TypeOf(el), Path: path})
				}
			}
		case *ast.RangeStmt:
			if n.Value == nil {
				return
			}
			if id, ok := n.Value.(*ast.Ident); ok && id.Name == "_" {
				return
			}
			if t := info.TypeOf(n.X); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					return // the send made the copy
				}
			}
			if path, ok := holds(info.TypeOf(n.Value)); ok {
				name := ""
				if id, ok := n.Value.(*ast.Ident); ok {
					name = id.Name
				}
				out = append(out, &Copy{Kind: CopyRange, Node: n.Value, Type: info.TypeOf(n.Value), Path: path, Name: name})
			}
		case *ast.CallExpr:
			if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
				return // a conversion
			}
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
				if _, ok := info.Uses[id].(*types.Builtin); ok && id.Name != "append" {
					return // len, cap, new, ...
				}
			}
			if se, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
				if pkg, ok := info.Uses[se.Sel].(*types.Func); ok && pkg.Pkg() != nil && pkg.Pkg().Path() == "unsafe" {
					return
				}
			}
			var sig *types.Signature
			if t := info.TypeOf(n.Fun); t != nil {
				sig, _ = t.Underlying().(*types.Signature)
			}
			for i, a := range n.Args {
				if sig == nil {
					break
				}
				if pt := paramType(sig, i); pt != nil && types.IsInterface(pt) {
					continue // stored in an interface: the callee cannot use it as a WaitGroup without a type assertion
				}
				if path, ok := copied(a); ok {
					out = append(out, &Copy{Kind: CopyCallArg, Node: a, Expr: a, Type: info.TypeOf(a), Path: path, Call: n, Index: i})
				}
			}
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				if path, ok := copied(r); ok {
					out = append(out, &Copy{Kind: CopyReturn, Node: r, Expr: r, Type: info.TypeOf(r), Path: path})
				}
			}
		case *ast.SendStmt:
			if path, ok := copied(n.Value); ok {
				out = append(out, &Copy{Kind: CopySend, Node: n.Value, Expr: n.Value, Type: info.TypeOf(n.Value), Path: path})
			}
		}
	})
	return out
}

// isExistingValue reports whether e denotes an existing variable's value
// (so that using it copies): a variable, a field, an element, a
// dereference. Composite literals, calls and conversions make new values.
func isExistingValue(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		_, ok := info.Uses[e].(*types.Var)
		return ok
	case *ast.SelectorExpr:
		if sel := info.Selections[e]; sel != nil {
			return sel.Kind() == types.FieldVal
		}
		_, ok := info.Uses[e.Sel].(*types.Var) // pkg.Var
		return ok
	case *ast.IndexExpr:
		return isExistingValue(info, e.X) || isPointerOrSlice(info.TypeOf(e.X))
	case *ast.StarExpr:
		// *new(T), *f() and *&T{} are (usually) fresh values: a
		// function that returns a pointer to a new value (Clone) is
		// not a copy of a shared one.
		if _, ok := ast.Unparen(e.X).(*ast.CallExpr); ok {
			return false
		}
		if u, ok := ast.Unparen(e.X).(*ast.UnaryExpr); ok && u.Op == token.AND {
			if _, ok := ast.Unparen(u.X).(*ast.CompositeLit); ok {
				return false
			}
		}
		return true
	}
	return false
}

func isPointerOrSlice(t types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map:
		return true
	}
	return false
}

// paramType returns the type of the parameter that receives argument i.
func paramType(sig *types.Signature, i int) types.Type {
	params := sig.Params()
	if params.Len() == 0 {
		return nil
	}
	if sig.Variadic() && i >= params.Len()-1 {
		if s, ok := params.At(params.Len() - 1).Type().(*types.Slice); ok {
			return s.Elem()
		}
	}
	if i < params.Len() {
		return params.At(i).Type()
	}
	return nil
}
