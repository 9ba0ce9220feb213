package conc

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"

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
// by the match predicate of findCopies) is copied.
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

// CopiesAnalyzer finds, in one walk of the package, the copies that
// wgcopy and lockcopy report. It reads only the syntax and the types, so
// those checks need not wait for the model, and run beside it.
var CopiesAnalyzer = &analysis.Analyzer{
	Name:       "copies",
	Doc:        "find the copies of values that hold a sync.WaitGroup, or a sync.Mutex, RWMutex, Once or Cond (for wglint's copy checks)",
	URL:        "https://pkg.go.dev/github.com/wglint/wglint/internal/conc",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        runCopies,
	ResultType: reflect.TypeFor[*Copies](),
}

// Copies is the result of CopiesAnalyzer.
type Copies struct {
	WaitGroups []*Copy // of values that hold a sync.WaitGroup (IsWaitGroup)
	Locks      []*Copy // of values that hold a Mutex, RWMutex, Once or Cond (IsCopiedLock)
}

func runCopies(pass *analysis.Pass) (any, error) {
	if !importsSync(pass.Pkg) {
		return &Copies{}, nil // no type of the package can hold one
	}
	out := findCopies(pass, IsWaitGroup, IsCopiedLock)
	return &Copies{WaitGroups: out[0], Locks: out[1]}, nil
}

// IsCopiedLock reports whether t is sync.Mutex, sync.RWMutex, sync.Once or
// sync.Cond: the types, beside sync.WaitGroup, that must not be copied
// after first use.
func IsCopiedLock(t types.Type) bool {
	return IsMutex(t) || IsNamed(t, "sync", "Once") || IsNamed(t, "sync", "Cond")
}

// importsSync reports whether pkg or one of its dependencies imports sync,
// the only way to have a type of package sync in a type.
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

// findCopies returns, for each of matches, every copy in the package of a
// value whose type is matched by it or holds (by value, in structs and
// arrays) such a value, from one walk of the package. Composite literals
// and function results are new values, not copies.
func findCopies(pass *analysis.Pass, matches ...func(types.Type) bool) [][]*Copy {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	info := pass.TypesInfo
	out := make([][]*Copy, len(matches))
	// What each type holds, for each match, computed once per type (named
	// types are shared by all the expressions of the type; others may
	// miss).
	type held struct {
		path string
		ok   bool
	}
	holding := make(map[types.Type][]held)
	holds := func(t types.Type) []held {
		if t == nil {
			return nil
		}
		if _, ok := t.(*types.Tuple); ok {
			return nil
		}
		h, ok := holding[t]
		if !ok {
			for _, match := range matches {
				path, ok := ContainsByValue(t, match)
				h = append(h, held{path, ok})
			}
			if !slices.ContainsFunc(h, func(x held) bool { return x.ok }) {
				h = nil
			}
			holding[t] = h
		}
		return h
	}
	// copied returns, when e is an existing value (being copied), what
	// its type holds: the copy is one for each match that holds.
	copied := func(e ast.Expr) []held {
		if !isExistingValue(info, e) {
			return nil
		}
		return holds(info.TypeOf(e))
	}
	// put files c under each match that h says holds, with its path.
	put := func(h []held, c Copy) {
		for m, x := range h {
			if x.ok {
				c.Path = x.path
				cp := c
				out[m] = append(out[m], &cp)
			}
		}
	}
	fields := func(list *ast.FieldList, kind CopyKind, decl *ast.FuncDecl) {
		if list == nil {
			return
		}
		idx := 0
		for _, fld := range list.List {
			t := info.TypeOf(fld.Type)
			n := max(len(fld.Names), 1)
			if h := holds(t); h != nil {
				if len(fld.Names) == 0 {
					put(h, Copy{Kind: kind, Node: fld.Type, Type: t, Decl: decl, Field: fld, Index: idx})
				}
				for i, name := range fld.Names {
					if name.Name == "_" {
						continue
					}
					put(h, Copy{Kind: kind, Node: name, Type: t, Name: name.Name, Decl: decl, Field: fld, Index: idx + i})
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
				if h := copied(r); h != nil {
					put(h, Copy{Kind: CopyAssign, Node: r, Expr: r, Type: info.TypeOf(r)})
				}
			}
		case *ast.ValueSpec:
			for _, r := range n.Values {
				if h := copied(r); h != nil {
					put(h, Copy{Kind: CopyAssign, Node: r, Expr: r, Type: info.TypeOf(r)})
				}
			}
		case *ast.CompositeLit:
			for _, el := range n.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					el = kv.Value
				}
				if h := copied(el); h != nil {
					put(h, Copy{Kind: CopyElem, Node: el, Expr: el, Type: info.TypeOf(el)})
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
			if h := holds(info.TypeOf(n.Value)); h != nil {
				name := ""
				if id, ok := n.Value.(*ast.Ident); ok {
					name = id.Name
				}
				put(h, Copy{Kind: CopyRange, Node: n.Value, Type: info.TypeOf(n.Value), Name: name})
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
				if h := copied(a); h != nil {
					put(h, Copy{Kind: CopyCallArg, Node: a, Expr: a, Type: info.TypeOf(a), Call: n, Index: i})
				}
			}
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				if h := copied(r); h != nil {
					put(h, Copy{Kind: CopyReturn, Node: r, Expr: r, Type: info.TypeOf(r)})
				}
			}
		case *ast.SendStmt:
			if h := copied(n.Value); h != nil {
				put(h, Copy{Kind: CopySend, Node: n.Value, Expr: n.Value, Type: info.TypeOf(n.Value)})
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
