package conc

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// Callee returns the function or method statically called by call, or nil
// for dynamic calls, builtins and conversions. Generic functions and methods
// of generic types are returned as their origin, so they can be compared with
// objects and carry facts.
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil {
		return nil
	}
	return fn.Origin()
}

// StaticCallee is like Callee but returns nil for calls of interface methods,
// whose implementation is not known.
func StaticCallee(info *types.Info, call *ast.CallExpr) *types.Func {
	return static(Callee(info, call))
}

// static returns fn, or nil if fn is nil or an interface method.
func static(fn *types.Func) *types.Func {
	if fn == nil {
		return nil
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		if types.IsInterface(sig.Recv().Type()) {
			return nil
		}
	}
	return fn
}

// Callee is Callee(m.Pass.TypesInfo, call) for a call of the package,
// read from a table of every call's callee made in one walk of the
// package. The model, its memory pass and the checks ask 14 times for
// each call on nats-server's server package with its tests (2.4 million
// times for 174,000 calls), and each time Callee looked the name up in
// the type information's Uses, its largest map.
func (m *Model) Callee(call *ast.CallExpr) *types.Func {
	m.calleesOnce.Do(m.indexCallees)
	if fn, ok := m.callees[call]; ok {
		return fn
	}
	return Callee(m.Pass.TypesInfo, call)
}

// StaticCallee is StaticCallee(m.Pass.TypesInfo, call), read from the
// table of Callee.
func (m *Model) StaticCallee(call *ast.CallExpr) *types.Func {
	return static(m.Callee(call))
}

// indexCallees makes the table of Model.Callee.
func (m *Model) indexCallees() {
	info := m.Pass.TypesInfo
	n := 0
	for range m.ins.Root().Preorder((*ast.CallExpr)(nil)) {
		n++
	}
	m.callees = make(map[*ast.CallExpr]*types.Func, n)
	for cur := range m.ins.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		m.callees[call] = Callee(info, call)
	}
}

// IsFunc reports whether fn is a package-level function of the package with
// path pkg whose name is one of names.
func IsFunc(fn *types.Func, pkg string, names ...string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkg {
		return false
	}
	if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() != nil {
		return false
	}
	return oneOf(fn.Name(), names)
}

// IsMethod reports whether fn is a method of the named type pkg.typ (with a
// value or pointer receiver) whose name is one of names.
func IsMethod(fn *types.Func, pkg, typ string, names ...string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkg || !oneOf(fn.Name(), names) {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	return IsNamed(deref(sig.Recv().Type()), pkg, typ)
}

// IsNamed reports whether t (after unaliasing) is the named type pkg.name.
func IsNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == pkg
}

// IsWaitGroup reports whether t is sync.WaitGroup.
func IsWaitGroup(t types.Type) bool { return IsNamed(t, "sync", "WaitGroup") }

// IsWaitGroupPtr reports whether t is *sync.WaitGroup.
func IsWaitGroupPtr(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && IsWaitGroup(p.Elem())
}

// IsTestingT reports whether t is *testing.T, *testing.B, *testing.F or
// testing.TB.
func IsTestingT(t types.Type) bool {
	if IsNamed(t, "testing", "TB") {
		return true
	}
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	return IsNamed(p.Elem(), "testing", "T") || IsNamed(p.Elem(), "testing", "B") || IsNamed(p.Elem(), "testing", "F")
}

// IsChan reports whether t's underlying type is a channel.
func IsChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// ContainsByValue reports the path (for example ".mu.wg" or "[0]") by which
// a value of type t holds, without pointer indirection, a value of a type
// for which match is true, and whether it does. Only structs and arrays are
// looked through.
func ContainsByValue(t types.Type, match func(types.Type) bool) (string, bool) {
	return containsByValue(t, match, nil)
}

// containsByValue is ContainsByValue; seen, the struct and array types on
// the way, is made when the first one is met (most types are neither, and
// this runs for every expression the model looks at).
func containsByValue(t types.Type, match func(types.Type) bool, seen map[types.Type]bool) (string, bool) {
	if match(t) {
		return "", true
	}
	switch t.Underlying().(type) {
	case *types.Struct, *types.Array:
	default:
		return "", false
	}
	if seen[t] {
		return "", false
	}
	if seen == nil {
		seen = make(map[types.Type]bool)
	}
	seen[t] = true
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := range u.NumFields() {
			f := u.Field(i)
			if p, ok := containsByValue(f.Type(), match, seen); ok {
				return "." + f.Name() + p, true
			}
		}
	case *types.Array:
		if u.Len() > 0 {
			if p, ok := containsByValue(u.Elem(), match, seen); ok {
				return "[0]" + p, true
			}
		}
	}
	return "", false
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func oneOf(s string, names []string) bool {
	for _, n := range names {
		if s == n {
			return true
		}
	}
	return false
}

// unparen strips parentheses.
func unparen(e ast.Expr) ast.Expr { return ast.Unparen(e) }
