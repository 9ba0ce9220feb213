package conc

import (
	"go/ast"
	"go/types"
)

// This file is the call layer of the model: the call sites of the
// package's functions, and how an object a callee names (through its
// receiver, a parameter or a package variable) is named by a caller.

// A CallSite is a call of a function of this package by a function of
// this package.
type CallSite struct {
	Caller *Func
	Call   *ast.CallExpr
	Recv   ast.Expr // the receiver expression of a method call
	// RecvPath is the path of embedded fields through which the method
	// was promoted (".E"): the callee's receiver is Recv + RecvPath.
	RecvPath string
}

// CallSites returns the calls of fn (declared in this package) made by
// the package's functions, in source order. Only static calls are
// listed: a function also called through a func value or an interface
// may have other callers.
func (m *Model) CallSites(fn *types.Func) []CallSite {
	m.callsOnce.Do(m.indexCalls)
	return m.calls[fn.Origin()]
}

// indexCalls builds the index of static calls.
func (m *Model) indexCalls() {
	m.calls = make(map[*types.Func][]CallSite)
	info := m.Pass.TypesInfo
	for _, f := range m.Funcs {
		ast.Inspect(f.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false // a Func of its own
			case *ast.CallExpr:
				fn := StaticCallee(info, n)
				if fn == nil || m.funcDecl(fn) == nil {
					return true
				}
				site := CallSite{Caller: f, Call: n}
				if se, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
					if sel := info.Selections[se]; sel != nil && sel.Kind() == types.MethodVal {
						site.Recv = se.X
						site.RecvPath = implicitPath(sel)
					}
				}
				m.calls[fn] = append(m.calls[fn], site)
			}
			return true
		})
	}
}

// ToCaller returns how the caller of the call site names the object that
// the callee f names r: r is reached from f's receiver, a parameter or a
// package variable. ok is false when the caller has no name for it (the
// argument is not a variable or a field path, or r is local to f).
func (m *Model) ToCaller(f *Func, site CallSite, r Ref) (Ref, bool) {
	if r.Root == nil {
		return Ref{}, false
	}
	if isGlobal(r.Root) {
		return r, true
	}
	if f.Obj == nil {
		return Ref{}, false
	}
	i, ok := paramIndex(f.Obj)[r.Root]
	if !ok {
		return Ref{}, false
	}
	var arg ast.Expr
	path := r.Path
	if i < 0 {
		arg, path = site.Recv, site.RecvPath+r.Path
	} else if i < len(site.Call.Args) {
		arg = site.Call.Args[i]
	}
	if arg == nil {
		return Ref{}, false
	}
	base, ok := RefOf(m.Pass.TypesInfo, arg)
	if !ok {
		return Ref{}, false
	}
	base.Path += path
	return base, true
}
