package conc

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// This file resolves the sync.Locker values that stand for a mutex: the L
// of a Cond made by sync.NewCond(&s.mu), and the Locker returned by
// s.mu.RLocker(). c.L.Lock() is s.mu.Lock(), and l.Lock() is s.mu.RLock():
// the model records them as operations on s.mu. Only values the model can
// follow are resolved: a local variable given its value once, where it is
// declared, from a mutex whose variable is never assigned again.

// assignments counts, for every variable of the package, the statements
// that give it a value, and keeps the value of the one that declares it.
type assignments struct {
	count map[*types.Var]int
	def   map[*types.Var]ast.Expr // the value given where the variable is declared
}

func (m *Model) assignments() *assignments {
	m.assignOnce.Do(func() {
		info := m.Pass.TypesInfo
		a := &assignments{count: make(map[*types.Var]int), def: make(map[*types.Var]ast.Expr)}
		ident := func(e ast.Expr) *types.Var {
			id, ok := ast.Unparen(e).(*ast.Ident)
			if !ok || id.Name == "_" {
				return nil
			}
			return identVar(info, id)
		}
		m.ins.Preorder([]ast.Node{(*ast.AssignStmt)(nil), (*ast.IncDecStmt)(nil), (*ast.RangeStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.ValueSpec)(nil)}, func(n ast.Node) {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					v := ident(l)
					if v == nil {
						continue
					}
					a.count[v]++
					if id := ast.Unparen(l).(*ast.Ident); info.Defs[id] == v && len(n.Lhs) == len(n.Rhs) {
						a.def[v] = n.Rhs[i]
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if v, ok := info.Defs[id].(*types.Var); ok {
						a.count[v]++
						if len(n.Names) == len(n.Values) {
							a.def[v] = n.Values[i]
						}
					}
				}
			case *ast.IncDecStmt:
				if v := ident(n.X); v != nil {
					a.count[v]++
				}
			case *ast.RangeStmt:
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if v := ident(e); v != nil {
						a.count[v] += 2 // a value per iteration
					}
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					if v := ident(n.X); v != nil {
						a.count[v] += 2 // may be assigned through the pointer
					}
				}
			}
		})
		m.assigned = a
	})
	return m.assigned
}

// value returns the one value of the local variable v: the value it is
// declared with, when no other statement assigns it.
func (a *assignments) value(v *types.Var) ast.Expr {
	if v == nil || isGlobal(v) || a.count[v] != 1 {
		return nil
	}
	return a.def[v]
}

// stable reports whether the local variable (or parameter) v keeps the
// value it starts with: no statement assigns it but its declaration.
func (a *assignments) stable(v *types.Var) bool {
	if v == nil || isGlobal(v) {
		return false
	}
	switch a.count[v] {
	case 0:
		return true // a parameter or receiver never assigned
	case 1:
		return a.def[v] != nil
	}
	return false
}

// lockerOf returns the mutex that the sync.Locker e stands for, and
// whether it is its read lock (RLocker).
func (m *Model) lockerOf(e ast.Expr, depth int) (Ref, bool, bool) {
	if depth > 4 {
		return Ref{}, false, false
	}
	info := m.Pass.TypesInfo
	a := m.assignments()
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op != token.AND || !IsMutex(info.TypeOf(e.X)) {
			return Ref{}, false, false
		}
		r, ok := RefOf(info, e.X)
		if !ok || !a.stable(r.Root) {
			return Ref{}, false, false
		}
		return r, false, true
	case *ast.CallExpr:
		if !IsMethod(m.Callee(e), "sync", "RWMutex", "RLocker") {
			return Ref{}, false, false
		}
		r, ok := ReceiverRef(info, e)
		if !ok || !a.stable(r.Root) {
			return Ref{}, false, false
		}
		return r, true, true
	case *ast.Ident:
		if v := a.value(identVar(info, e)); v != nil {
			return m.lockerOf(v, depth+1)
		}
	case *ast.SelectorExpr:
		// c.L of a Cond made by sync.NewCond(l).
		sel := info.Selections[e]
		if sel == nil || sel.Kind() != types.FieldVal || e.Sel.Name != "L" || !IsNamed(deref(sel.Recv()), "sync", "Cond") {
			return Ref{}, false, false
		}
		if call := m.newCond(e.X, depth+1); call != nil && len(call.Args) == 1 {
			return m.lockerOf(call.Args[0], depth+1)
		}
	}
	return Ref{}, false, false
}

// newCond returns the sync.NewCond call that made the Cond e.
func (m *Model) newCond(e ast.Expr, depth int) *ast.CallExpr {
	if depth > 4 {
		return nil
	}
	info := m.Pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if IsFunc(m.Callee(e), "sync", "NewCond") {
			return e
		}
	case *ast.Ident:
		if v := m.assignments().value(identVar(info, e)); v != nil {
			return m.newCond(v, depth+1)
		}
	}
	return nil
}

// lockerCall records l.Lock() or l.Unlock() of a sync.Locker that stands
// for a mutex as the operation on the mutex, and reports whether it did.
func (b *builder) lockerCall(call *ast.CallExpr, fn *types.Func) bool {
	se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	r, read, ok := b.m.lockerOf(se.X, 0)
	if !ok {
		return false
	}
	b.walkArgs(call)
	e := &Event{Kind: Lock, Node: call, Ref: r, Read: read, Alias: types.ExprString(se)}
	if fn.Name() == "Unlock" {
		e.Kind = Unlock
	}
	b.add(e)
	return true
}

// canonical names the mutex at r through the variable a local alias was
// made from: s.mu is r.store.mu after s := r.store, when s is a pointer
// given that one value, r keeps its value, and no statement of the
// package assigns the fields on the way (store is set by composite
// literals only, and other packages cannot set it). Two access paths to
// one mutex then have one Ref.
func (m *Model) canonical(r Ref) Ref {
	for range 4 {
		v := r.Root
		if v == nil || !isPointer(v.Type()) {
			return r
		}
		val := m.assignments().value(v)
		if val == nil {
			return r
		}
		base, ok := RefOf(m.Pass.TypesInfo, val)
		if !ok || base.Root == v || !m.assignments().stable(base.Root) || !m.fixedPath(base) {
			return r
		}
		if _, isAddr := ast.Unparen(val).(*ast.UnaryExpr); !isAddr && !isPointer(m.Pass.TypesInfo.TypeOf(val)) {
			return r // a copy
		}
		r = Ref{Root: base.Root, Path: base.Path + r.Path}
	}
	return r
}

// fixedPath reports whether every field on r's path is an unexported
// field of this package that no statement assigns.
func (m *Model) fixedPath(r Ref) bool {
	if r.Path == "" {
		return true
	}
	unwritten := m.unwrittenFields()
	t := r.Root.Type()
	for _, name := range strings.Split(strings.TrimPrefix(r.Path, "."), ".") {
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok {
			return false
		}
		var fld *types.Var
		for i := range st.NumFields() {
			if st.Field(i).Name() == name {
				fld = st.Field(i)
			}
		}
		if fld == nil || fld.Exported() || !unwritten[fld] || fld.Pkg() != m.Pass.Pkg {
			return false
		}
		t = fld.Type()
	}
	return true
}

// mutexRef returns the Ref of the mutex whose method call is call: its
// receiver's Ref, or, for a mutex stored in a map (s.locks[k].Lock(),
// m[k].mu.Lock()), a Ref whose path names the element by its key, a
// local variable or parameter that keeps its value: ".locks[k]",
// "[k].mu". Its class is that of the map's elements (see Class).
func (m *Model) mutexRef(call *ast.CallExpr) (Ref, bool) {
	info := m.Pass.TypesInfo
	if r, ok := ReceiverRef(info, call); ok {
		return r, true
	}
	se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return Ref{}, false
	}
	sel := info.Selections[se]
	if sel == nil || sel.Kind() != types.MethodVal {
		return Ref{}, false
	}
	r, ok := m.indexedRef(se.X)
	if !ok {
		return Ref{}, false
	}
	r.Path += implicitPath(sel)
	return r, true
}

// indexedRef is RefOf, also through the index of a map by a stable local
// key.
func (m *Model) indexedRef(e ast.Expr) (Ref, bool) {
	info := m.Pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.IndexExpr:
		if _, isMap := info.TypeOf(e.X).Underlying().(*types.Map); !isMap {
			return Ref{}, false
		}
		id, ok := ast.Unparen(e.Index).(*ast.Ident)
		if !ok {
			return Ref{}, false
		}
		k := identVar(info, id)
		if k == nil || !m.assignments().stable(k) {
			return Ref{}, false
		}
		base, ok := RefOf(info, e.X)
		if !ok {
			return Ref{}, false
		}
		base.Path += "[" + k.Name() + "]"
		return base, true
	case *ast.SelectorExpr:
		sel := info.Selections[e]
		if sel == nil || sel.Kind() != types.FieldVal {
			return Ref{}, false
		}
		base, ok := m.indexedRef(e.X)
		if !ok {
			return Ref{}, false
		}
		base.Path += implicitPath(sel) + "." + e.Sel.Name
		return base, true
	case *ast.StarExpr:
		return m.indexedRef(e.X)
	}
	return Ref{}, false
}

// Indexed reports whether r reaches its object through a map element:
// its path names a key of the function that names r, and means nothing
// to another function.
func (r Ref) Indexed() bool { return strings.Contains(r.Path, "[") }
