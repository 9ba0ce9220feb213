package conc

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// A Ref names a synchronization object (a WaitGroup, later a mutex or a
// channel) within a function: a variable and a path of field names from it,
// such as wg, s.wg or s.inner.wg. Two expressions denote the same object
// when their Refs are equal; objects are compared as types.Object, never by
// spelling. Pointers are looked through: &wg, wg and *p all name the
// WaitGroup they point to.
type Ref struct {
	Root *types.Var
	Path string // ".f.g" (field names, embedded ones included) or ""
}

func (r Ref) String() string {
	if r.Root == nil {
		return "?"
	}
	return r.Root.Name() + r.Path
}

// IsZero reports whether r names nothing.
func (r Ref) IsZero() bool { return r.Root == nil }

// Within reports whether r is o or is reached through o (o is a prefix).
func (r Ref) Within(o Ref) bool {
	if r.Root != o.Root {
		return false
	}
	return r.Path == o.Path || strings.HasPrefix(r.Path, o.Path+".")
}

// RefOf returns the Ref denoted by e, if e is a variable, a field path from
// one, or the address or dereference of such.
func RefOf(info *types.Info, e ast.Expr) (Ref, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj := info.Uses[e]
		if obj == nil {
			obj = info.Defs[e]
		}
		v, ok := obj.(*types.Var)
		if !ok || v == nil {
			return Ref{}, false
		}
		return Ref{Root: v}, true
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return RefOf(info, e.X)
		}
	case *ast.StarExpr:
		return RefOf(info, e.X)
	case *ast.SelectorExpr:
		sel := info.Selections[e]
		if sel == nil { // qualified identifier: pkg.Var
			v, ok := info.Uses[e.Sel].(*types.Var)
			if !ok {
				return Ref{}, false
			}
			return Ref{Root: v}, true
		}
		if sel.Kind() != types.FieldVal {
			return Ref{}, false
		}
		base, ok := RefOf(info, e.X)
		if !ok {
			return Ref{}, false
		}
		base.Path += implicitPath(sel) + "." + e.Sel.Name
		return base, true
	}
	return Ref{}, false
}

// ReceiverRef returns the Ref of the receiver of a method call x.M(...),
// including the embedded fields through which M was promoted.
func ReceiverRef(info *types.Info, call *ast.CallExpr) (Ref, bool) {
	se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return Ref{}, false
	}
	sel := info.Selections[se]
	if sel == nil || sel.Kind() != types.MethodVal {
		return Ref{}, false
	}
	base, ok := RefOf(info, se.X)
	if !ok {
		return Ref{}, false
	}
	base.Path += implicitPath(sel)
	return base, true
}

// implicitPath returns the embedded fields a selection goes through before
// its last step, as ".A.B".
func implicitPath(sel *types.Selection) string {
	idx := sel.Index()
	if len(idx) <= 1 {
		return ""
	}
	var b strings.Builder
	t := sel.Recv()
	for _, i := range idx[:len(idx)-1] {
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok {
			break
		}
		f := st.Field(i)
		b.WriteString(".")
		b.WriteString(f.Name())
		t = f.Type()
	}
	return b.String()
}

// Shared reports whether an operation on r, where r.Root is a parameter,
// acts on memory shared with the caller: the path from the parameter to the
// object goes through a pointer. Done on a WaitGroup parameter received by
// value acts on a copy, and is not shared.
func (r Ref) Shared() bool {
	t := r.Root.Type()
	if isPointer(t) {
		return true
	}
	for _, name := range strings.Split(strings.TrimPrefix(r.Path, "."), ".") {
		if name == "" {
			continue
		}
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok {
			return false
		}
		var next types.Type
		for i := range st.NumFields() {
			if st.Field(i).Name() == name {
				next = st.Field(i).Type()
				break
			}
		}
		if next == nil {
			return false
		}
		if isPointer(next) {
			return true
		}
		t = next
	}
	return false
}

func isPointer(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.Pointer)
	return ok
}

// MentionsWaitGroup reports whether a value of type t is, points to or
// contains (by value) a sync.WaitGroup, so that passing it on may pass the
// WaitGroup on.
func MentionsWaitGroup(t types.Type) bool {
	_, ok := ContainsByValue(deref(t), IsWaitGroup)
	return ok
}
