package conc

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/cfg"
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
	m.callsOnce.Do(m.indexCallsAndValues)
	return m.calls[fn.Origin()]
}

// indexCallsAndValues builds, in one walk of the package's syntax (its
// calls and names were walked three times, and every call's callee looked
// up in each), the index of static calls (CallSites), the functions called
// directly and those used as values (usedAsValue, isCalledDirectly).
func (m *Model) indexCallsAndValues() {
	info := m.Pass.TypesInfo
	m.funcValues = make(map[*types.Func]bool)
	m.calledDirectly = make(map[*types.Func]bool)
	type site struct {
		callee *types.Func
		CallSite
	}
	sites := make(map[*Func][]site) // by caller, in source order
	var (
		within []*Func  // the functions whose syntax holds the node (nil: one the model does not have)
		callee ast.Expr // the callee of the call just entered, if the next node can be it
		skip   ast.Node // a called name: the names under it are not values
	)
	m.ins.Nodes([]ast.Node{(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.CallExpr)(nil), (*ast.SelectorExpr)(nil), (*ast.Ident)(nil)}, func(n ast.Node, push bool) bool {
		switch x := n.(type) {
		case *ast.FuncDecl:
			if push {
				fn, _ := info.Defs[x.Name].(*types.Func)
				within = append(within, m.funcDecl(fn))
			} else {
				within = within[:len(within)-1]
			}
			return true
		case *ast.FuncLit:
			if push {
				within = append(within, m.funcLit(x))
			} else {
				within = within[:len(within)-1]
			}
			return true
		}
		if !push {
			if n == skip {
				skip = nil
			}
			return true
		}
		// A call's callee is its first child: the node walked right
		// after the call, if it is a name (parentheses are not walked).
		called := n == callee
		callee = nil
		switch x := n.(type) {
		case *ast.CallExpr:
			callee = ast.Unparen(x.Fun)
			fn := m.StaticCallee(x)
			if fn == nil {
				return true
			}
			m.calledDirectly[fn] = true
			for _, cb := range callbacksInPlace(info, fn, x) {
				m.calledDirectly[cb.Origin()] = true
			}
			if len(within) == 0 || within[len(within)-1] == nil || m.funcDecl(fn) == nil {
				return true
			}
			caller := within[len(within)-1]
			cs := CallSite{Caller: caller, Call: x}
			if se, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok {
				if sel := info.Selections[se]; sel != nil && sel.Kind() == types.MethodVal {
					cs.Recv = se.X
					cs.RecvPath = implicitPath(sel)
				}
			}
			sites[caller] = append(sites[caller], site{fn, cs})
		case *ast.SelectorExpr:
			if skip != nil {
				return true
			}
			if called {
				skip = x
				return true
			}
			if f, ok := info.Uses[x.Sel].(*types.Func); ok {
				m.funcValues[f.Origin()] = true
			}
		case *ast.Ident:
			if skip != nil || called {
				return true
			}
			if f, ok := info.Uses[x].(*types.Func); ok {
				m.funcValues[f.Origin()] = true
			}
		}
		return true
	})
	// The call sites of each callee by caller, in the order of the
	// package's functions.
	m.calls = make(map[*types.Func][]CallSite)
	for _, f := range m.Funcs {
		for _, s := range sites[f] {
			m.calls[s.callee] = append(m.calls[s.callee], s.CallSite)
		}
	}
}

// ToCaller returns how the caller of the call site names the object that
// the callee f names r: r is reached from f's receiver, a parameter or a
// package variable. ok is false when the caller has no name for it (the
// argument is not a variable or a field path, or r is local to f).
func (m *Model) ToCaller(f *Func, site CallSite, r Ref) (Ref, bool) {
	if r.Root == nil || r.Indexed() {
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

// A Target is a function a call may run: a function or method (Fn), or a
// function literal of this package (Lit). Recv is the receiver the call
// passes to a method Fn: the receiver expression of the call, or the
// receiver a method value was bound to.
type Target struct {
	Fn   *types.Func
	Lit  *Func
	Recv ast.Expr
}

// Resolution is what the model knows of the functions a call may run.
type Resolution struct {
	Targets []Target
	// Complete reports whether the call runs one of Targets, always.
	// Otherwise the call may also run code the model does not see: an
	// implementation of an interface in another package, a func value
	// that comes from a parameter or from a field other packages set.
	Complete bool
	Dynamic  bool // an interface method call or a call of a func value
}

// Resolve returns the functions that call, in f, may run:
//   - a static call runs its callee;
//   - an interface method call runs the method of a type of this package
//     that implements the interface (the list is complete only for an
//     unexported interface of this package with an unexported method,
//     which no other package can implement);
//   - a call of a local variable holding a func runs the literals,
//     functions and method values assigned to it in f (complete when
//     nothing else is: no &v, not a parameter);
//   - a call of a struct field holding a func runs the values assigned to
//     the field anywhere in the package (complete for an unexported
//     field);
//   - a call of a parameter of an unexported function runs the values its
//     callers in the package pass (complete when the function is only
//     called, never used as a value).
//
// The Targets of an answer may be shared with other answers: callers must
// not modify them.
func (m *Model) Resolve(f *Func, call *ast.CallExpr) Resolution {
	info := m.Pass.TypesInfo
	if fn := m.StaticCallee(call); fn != nil {
		var recv ast.Expr
		if se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if sel := info.Selections[se]; sel != nil && sel.Kind() == types.MethodVal {
				recv = se.X
			}
		}
		return Resolution{Targets: []Target{{Fn: fn, Recv: recv}}, Complete: true}
	}
	fun := ast.Unparen(call.Fun)
	if se, ok := fun.(*ast.SelectorExpr); ok {
		if sel := info.Selections[se]; sel != nil && sel.Kind() == types.MethodVal && types.IsInterface(sel.Recv()) {
			fn, _ := sel.Obj().(*types.Func)
			return m.resolveInterface(fn, sel.Recv(), se.X)
		}
		if sel := info.Selections[se]; sel != nil && sel.Kind() == types.FieldVal {
			if fld, ok := sel.Obj().(*types.Var); ok {
				return m.resolveField(fld)
			}
		}
	}
	if id, ok := fun.(*ast.Ident); ok {
		if v, ok := info.Uses[id].(*types.Var); ok {
			return m.resolveVar(f, v)
		}
	}
	if _, ok := info.TypeOf(fun).Underlying().(*types.Signature); ok {
		return Resolution{Dynamic: true}
	}
	return Resolution{}
}

// resolveInterface lists the methods named like fn of the package's types
// that implement iface.
func (m *Model) resolveInterface(fn *types.Func, iface types.Type, recv ast.Expr) Resolution {
	res := Resolution{Dynamic: true}
	if fn == nil {
		return res
	}
	it, ok := iface.Underlying().(*types.Interface)
	if !ok {
		return res
	}
	for _, impl := range m.implementations(it) {
		obj, _, _ := types.LookupFieldOrMethod(impl, true, fn.Pkg(), fn.Name())
		if mfn, ok := obj.(*types.Func); ok {
			res.Targets = append(res.Targets, Target{Fn: mfn.Origin(), Recv: recv})
		}
	}
	// Only this package can implement an unexported interface of its own
	// with an unexported method.
	if n, ok := types.Unalias(iface).(*types.Named); ok && len(res.Targets) > 0 {
		obj := n.Obj()
		if obj.Pkg() == m.Pass.Pkg && !obj.Exported() {
			for i := range it.NumMethods() {
				if !it.Method(i).Exported() {
					res.Complete = true
				}
			}
		}
	}
	return res
}

// implementations returns the named types of the package (T, or *T when
// only the pointer has the methods) that implement it, in declaration
// order.
func (m *Model) implementations(it *types.Interface) []types.Type {
	m.typesOnce.Do(func() {
		scope := m.Pass.Pkg.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			if _, isIface := tn.Type().Underlying().(*types.Interface); isIface {
				continue
			}
			if n, ok := tn.Type().(*types.Named); ok && n.TypeParams() != nil {
				continue // generic: its methods are not those of an instance
			}
			m.named = append(m.named, tn.Type())
		}
		// The types by the names of the methods of *T (those of T are
		// among them): a type that lacks a method of the interface is
		// not asked about (types.Implements looked up every method of
		// the interface on every type, both ways).
		m.namedByMethod = make(map[string][]int)
		for i, t := range m.named {
			ms := types.NewMethodSet(types.NewPointer(t))
			for j := range ms.Len() {
				name := ms.At(j).Obj().Name()
				m.namedByMethod[name] = append(m.namedByMethod[name], i)
			}
		}
	})
	m.globalsMu.Lock()
	out, ok := m.impls[it]
	m.globalsMu.Unlock()
	if ok {
		return out
	}
	defer func() {
		m.globalsMu.Lock()
		if m.impls == nil {
			m.impls = make(map[*types.Interface][]types.Type)
		}
		m.impls[it] = out
		m.globalsMu.Unlock()
	}()
	check := func(t types.Type) {
		switch {
		case types.Implements(t, it):
			out = append(out, t)
		case types.Implements(types.NewPointer(t), it):
			out = append(out, types.NewPointer(t))
		}
	}
	if it.NumMethods() == 0 {
		for _, t := range m.named {
			check(t)
		}
		return out
	}
	// The types that have the interface's rarest method, in order.
	cands := m.namedByMethod[it.Method(0).Name()]
	for i := 1; i < it.NumMethods(); i++ {
		if c := m.namedByMethod[it.Method(i).Name()]; len(c) < len(cands) {
			cands = c
		}
	}
	for _, i := range cands {
		check(m.named[i])
	}
	return out
}

// funcValue returns the target of the expression e used as a func value:
// a literal, a function, or a method value; ok is false for anything else
// (a call's result, a parameter, nil is ok with no target).
func (m *Model) funcValue(e ast.Expr) (Target, bool) {
	info := m.Pass.TypesInfo
	switch x := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		if lf := m.funcLit(x); lf != nil {
			return Target{Lit: lf}, true
		}
	case *ast.Ident:
		if _, isNil := info.Uses[x].(*types.Nil); isNil {
			return Target{}, true
		}
		if fn, ok := info.Uses[x].(*types.Func); ok {
			return Target{Fn: fn.Origin()}, true
		}
	case *ast.SelectorExpr:
		if sel := info.Selections[x]; sel != nil {
			if sel.Kind() == types.MethodVal && !types.IsInterface(sel.Recv()) {
				if fn, ok := sel.Obj().(*types.Func); ok {
					return Target{Fn: fn.Origin(), Recv: x.X}, true
				}
			}
			return Target{}, false
		}
		if fn, ok := info.Uses[x.Sel].(*types.Func); ok {
			return Target{Fn: fn.Origin()}, true // pkg.F
		}
	case *ast.IndexExpr, *ast.IndexListExpr:
		if fn := funcOfInstance(info, x); fn != nil {
			return Target{Fn: fn}, true
		}
	}
	return Target{}, false
}

// addTarget adds t to res unless it is empty (nil) or already there.
func (res *Resolution) addTarget(t Target) {
	if t.Fn == nil && t.Lit == nil {
		return
	}
	for _, x := range res.Targets {
		if x.Fn == t.Fn && x.Lit == t.Lit && x.Recv == t.Recv {
			return
		}
	}
	res.Targets = append(res.Targets, t)
}

// resolveVar lists the func values assigned to the variable v, called in f.
// The answer depends on v only (f is where the search for the function
// that declares v starts), so it is computed once per variable: a test
// that calls a local helper closure at every step asked for it at each
// call, and each time read the whole body that declares it.
func (m *Model) resolveVar(f *Func, v *types.Var) Resolution {
	if isGlobal(v) {
		return m.resolveGlobal(v)
	}
	return m.localRes.get(v, func() Resolution { return m.resolveLocal(f, v) })
}

// resolveLocal is resolveVar for a parameter or local variable.
func (m *Model) resolveLocal(f *Func, v *types.Var) Resolution {
	res := Resolution{Dynamic: true, Complete: true}
	info := m.Pass.TypesInfo
	// The function that declares v (f, or the function around the
	// literal f).
	owner := f
	for owner != nil && !owner.Declares(v) {
		owner = m.enclosingFunc(owner)
	}
	if owner == nil {
		return Resolution{Dynamic: true}
	}
	if i, ok := paramPosition(owner, v); ok {
		return m.resolveParam(owner, i)
	}
	assigned := false
	owner.InspectBody([]ast.Node{(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.UnaryExpr)(nil)}, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			for k, l := range x.Lhs {
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok || identVar(info, id) != v {
					continue
				}
				assigned = true
				if len(x.Lhs) != len(x.Rhs) || x.Tok != token.ASSIGN && x.Tok != token.DEFINE {
					res.Complete = false
					continue
				}
				if t, ok := m.funcValue(x.Rhs[k]); ok {
					res.addTarget(t)
				} else {
					res.Complete = false
				}
			}
		case *ast.ValueSpec:
			for k, id := range x.Names {
				if info.Defs[id] != v {
					continue
				}
				assigned = true
				if k >= len(x.Values) {
					continue // nil
				}
				if len(x.Values) != len(x.Names) {
					res.Complete = false
					continue
				}
				if t, ok := m.funcValue(x.Values[k]); ok {
					res.addTarget(t)
				} else {
					res.Complete = false
				}
			}
		case *ast.UnaryExpr:
			if x.Op == token.AND {
				if id, ok := ast.Unparen(x.X).(*ast.Ident); ok && identVar(info, id) == v {
					res.Complete = false
				}
			}
		}
		return true
	})
	if !assigned {
		res.Complete = false
	}
	return res
}

// resolveGlobal lists the func values assigned to the package variable v
// in this package: complete for an unexported variable.
func (m *Model) resolveGlobal(v *types.Var) Resolution {
	if v.Pkg() != m.Pass.Pkg {
		return Resolution{Dynamic: true}
	}
	m.globalsOnce.Do(m.indexGlobalValues)
	res := Resolution{Dynamic: true, Complete: !v.Exported()}
	if gv := m.globalValues[v]; gv != nil {
		res.Complete = res.Complete && !gv.unknown
		res.Targets = slices.Clone(gv.targets)
	}
	return res
}

// globalFuncs is what the package assigns to one package variable.
type globalFuncs struct {
	targets []Target // the known func values, each once, in the order of the source
	unknown bool     // a value that is not a known func, or the variable's address is taken
}

// indexGlobalValues lists, in one walk of the package, the values
// assigned to each package variable of the package: by assignment (v =
// f), in its declaration (var v = f), and whether its address is taken.
// (One walk for each variable that a call resolved took 1.6% of the CPU
// on nats-server's server package with its tests; this one walk, 0.6%.)
func (m *Model) indexGlobalValues() {
	m.globalValues = make(map[*types.Var]*globalFuncs)
	info := m.Pass.TypesInfo
	global := func(v *types.Var) *globalFuncs {
		if v == nil || v.Pkg() != m.Pass.Pkg || !isGlobal(v) {
			return nil
		}
		gv := m.globalValues[v]
		if gv == nil {
			gv = &globalFuncs{}
			m.globalValues[v] = gv
		}
		return gv
	}
	record := func(gv *globalFuncs, val ast.Expr) {
		t, ok := m.funcValue(val)
		if !ok {
			gv.unknown = true
			return
		}
		res := Resolution{Targets: gv.targets}
		res.addTarget(t)
		gv.targets = res.Targets
	}
	m.ins.Preorder([]ast.Node{(*ast.AssignStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.ValueSpec)(nil)}, func(n ast.Node) {
		switch x := n.(type) {
		case *ast.AssignStmt:
			for k, l := range x.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok {
					if gv := global(identVar(info, id)); gv != nil {
						if len(x.Lhs) != len(x.Rhs) {
							gv.unknown = true
						} else {
							record(gv, x.Rhs[k])
						}
					}
				}
			}
		case *ast.ValueSpec:
			for k, id := range x.Names {
				if k >= len(x.Values) {
					break
				}
				v, _ := info.Defs[id].(*types.Var)
				if gv := global(v); gv != nil {
					if len(x.Values) != len(x.Names) {
						gv.unknown = true
					} else {
						record(gv, x.Values[k])
					}
				}
			}
		case *ast.UnaryExpr:
			if x.Op == token.AND {
				if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
					if gv := global(identVar(info, id)); gv != nil {
						gv.unknown = true
					}
				}
			}
		}
	})
}

// resolveField lists the func values assigned to the struct field fld in
// this package: by assignment (x.fld = f) or in composite literals (T{fld:
// f}, T{f}). Complete for an unexported field of a type of this package.
func (m *Model) resolveField(fld *types.Var) Resolution {
	m.fieldsOnce.Do(m.indexFieldValues)
	fv := m.fieldValues[fld]
	if fv == nil {
		fv = &fieldFuncs{}
	}
	res := Resolution{Dynamic: true, Complete: fld.Pkg() == m.Pass.Pkg && !fld.Exported() && !fv.unknown && len(fv.targets) > 0}
	for _, t := range fv.targets {
		res.addTarget(t)
	}
	return res
}

// fieldFuncs is what the package assigns to one func-typed field.
type fieldFuncs struct {
	targets []Target
	unknown bool // a value that is not a known func, or the field's address is taken
}

// indexFieldValues collects the values assigned to func-typed fields.
func (m *Model) indexFieldValues() {
	m.fieldValues = make(map[*types.Var]*fieldFuncs)
	info := m.Pass.TypesInfo
	get := func(v *types.Var) *fieldFuncs {
		fv := m.fieldValues[v]
		if fv == nil {
			fv = &fieldFuncs{}
			m.fieldValues[v] = fv
		}
		return fv
	}
	record := func(v *types.Var, val ast.Expr) {
		if _, ok := v.Type().Underlying().(*types.Signature); !ok {
			return
		}
		fv := get(v)
		if t, ok := m.funcValue(val); ok {
			if t.Fn != nil || t.Lit != nil {
				fv.targets = append(fv.targets, t)
			}
		} else {
			fv.unknown = true
		}
	}
	fieldOf := func(e ast.Expr) *types.Var {
		se, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		if sel := info.Selections[se]; sel != nil && sel.Kind() == types.FieldVal {
			v, _ := sel.Obj().(*types.Var)
			return v
		}
		return nil
	}
	m.ins.Preorder([]ast.Node{(*ast.AssignStmt)(nil), (*ast.CompositeLit)(nil), (*ast.UnaryExpr)(nil)}, func(n ast.Node) {
		switch x := n.(type) {
		case *ast.AssignStmt:
			for k, l := range x.Lhs {
				if v := fieldOf(l); v != nil {
					if len(x.Lhs) == len(x.Rhs) {
						record(v, x.Rhs[k])
					} else if _, ok := v.Type().Underlying().(*types.Signature); ok {
						get(v).unknown = true
					}
				}
			}
		case *ast.UnaryExpr:
			if x.Op == token.AND {
				if v := fieldOf(x.X); v != nil {
					get(v).unknown = true
				}
			}
		case *ast.CompositeLit:
			st, ok := deref(info.TypeOf(x)).Underlying().(*types.Struct)
			if !ok {
				return
			}
			for i, el := range x.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() {
							record(v, kv.Value)
						}
					}
				} else if i < st.NumFields() {
					record(st.Field(i), el)
				}
			}
		}
	})
}

// resolveParam lists the func values that the callers of owner pass as its
// parameter i.
func (m *Model) resolveParam(owner *Func, i int) Resolution {
	res := Resolution{Dynamic: true}
	if owner.Obj == nil || i < 0 {
		return res
	}
	sites := m.CallSites(owner.Obj)
	res.Complete = !owner.Obj.Exported() && len(sites) > 0 && !m.usedAsValue(owner.Obj)
	for _, site := range sites {
		if i >= len(site.Call.Args) || site.Call.Ellipsis.IsValid() {
			res.Complete = false
			continue
		}
		if t, ok := m.funcValue(site.Call.Args[i]); ok {
			res.addTarget(t)
		} else {
			res.Complete = false
		}
	}
	return res
}

// usedAsValue reports whether fn is used other than by calling it: as a
// func value, or a method value, so that it has callers CallSites does
// not list.
func (m *Model) usedAsValue(fn *types.Func) bool {
	m.callsOnce.Do(m.indexCallsAndValues)
	return m.funcValues[fn.Origin()] || fn.Exported()
}

// paramPosition returns the index of the parameter v of f (-1 for the
// receiver).
func paramPosition(f *Func, v *types.Var) (int, bool) {
	if f.Obj != nil {
		i, ok := paramIndex(f.Obj)[v]
		return i, ok
	}
	if f.Lit != nil {
		k := 0
		for _, fld := range f.Lit.Type.Params.List {
			for range max(len(fld.Names), 1) {
				k++
			}
			for j, id := range fld.Names {
				if id.Pos() == v.Pos() {
					return k - len(fld.Names) + j, true
				}
			}
		}
	}
	return 0, false
}

// enclosingFunc returns the function whose body holds the literal f, or
// nil for a declaration.
func (m *Model) enclosingFunc(f *Func) *Func {
	if f.Lit == nil {
		return nil
	}
	m.parentsOnce.Do(m.indexParents)
	return m.parents[f]
}

// indexParents maps each literal to the function whose body holds it.
func (m *Model) indexParents() {
	m.parents = make(map[*Func]*Func)
	for _, g := range m.Funcs {
		g.InspectBody([]ast.Node{(*ast.FuncLit)(nil)}, func(n ast.Node) bool {
			if lit, ok := n.(*ast.FuncLit); ok {
				if lf := m.funcLit(lit); lf != nil {
					m.parents[lf] = g
				}
				return false
			}
			return true
		})
	}
}

// resolvedCall records the events of a dynamic call whose one target is
// known: a literal stored in a local, a method value, the one func a field
// holds. It reports false when the target's summary is not available.
func (b *builder) resolvedCall(call *ast.CallExpr, t Target) bool {
	if t.Lit != nil {
		sum := b.m.summaryOf(t.Lit)
		if sum == recursive {
			return false
		}
		b.walkCallee(call.Fun)
		for _, a := range call.Args {
			b.walk(a)
		}
		// The literal's effects on the variables it captures are
		// effects of this call; its effects on its own parameters are not
		// followed.
		if sum.JoinDepth > 0 {
			b.add(&Event{Kind: Join, Node: call, Depth: sum.JoinDepth - 1})
		}
		for _, eff := range sum.local {
			if !t.Lit.Declares(eff.Ref.Root) && !eff.Ref.Indexed() {
				e := eff.Effect
				if e.DoneSome && !e.DoneAll {
					// Done on some paths of a func value: which ones
					// depend on what it is called with, which the model
					// does not follow through the variable.
					e.DoneSome, e.Escapes = false, true
				}
				b.effectEvents(call, b.m.Callee(call), eff.Ref, e)
			}
		}
		return true
	}
	sum := b.m.summaryOfFunc(t.Fn)
	if sum == recursive {
		return false
	}
	b.walkCallee(call.Fun)
	for _, a := range call.Args {
		b.walk(a)
	}
	if sum != nil {
		b.summaryEvents(call, t.Fn, sum, t.Recv, call.Args, nil)
	}
	return true
}

// MayEffects is what a call the model cannot follow exactly may do: the
// union of what the functions it may run do, and, when it may run code the
// model does not see, to anything its operands reach.
type MayEffects struct {
	Complete bool            // the call runs one of the functions the model sees
	Targets  int             // how many functions it may run that the model sees
	Releases map[string]bool // classes (see Class) of mutexes one of them may unlock
	Locks    map[string]bool // classes of mutexes one of them may lock
	Joins    bool            // one of them may wait for another goroutine
	Reach    []Ref           // what the operands (receiver, arguments, variables captured by literal arguments) give the call
}

// mayEffects computes the may-effects of the dynamic call of f.
func (m *Model) mayEffects(f *Func, call *ast.CallExpr, res Resolution) *MayEffects {
	me := &MayEffects{Complete: res.Complete, Targets: len(res.Targets), Releases: make(map[string]bool), Locks: make(map[string]bool)}
	for _, t := range res.Targets {
		var sum *Summary
		if t.Lit != nil {
			sum = m.summaryOf(t.Lit)
		} else {
			sum = m.summaryOfFunc(t.Fn)
		}
		if sum == nil || sum == recursive {
			if sum == recursive {
				me.Joins = true // not known: say it may
			}
			continue
		}
		if sum.JoinDepth > 0 && sum.JoinDepth <= MaxJoinDepth {
			me.Joins = true
		}
		if t.Lit != nil {
			for _, eff := range sum.local {
				c := Class(eff.Ref)
				if c == "" {
					continue
				}
				l := eff.Effect.Lock
				if l.Releases {
					me.Releases[c] = true
				}
				if l.Acquires || l.RAcquires || l.ReturnsLocked || l.ReturnsRLocked {
					me.Locks[c] = true
				}
			}
			continue
		}
		for _, pe := range sum.Effects {
			c := effectClass(t.Fn, pe)
			if c == "" {
				continue
			}
			l := pe.Effect.Lock
			if l.Releases {
				me.Releases[c] = true
			}
			if l.Acquires || l.RAcquires || l.ReturnsLocked || l.ReturnsRLocked {
				me.Locks[c] = true
			}
		}
	}
	info := m.Pass.TypesInfo
	seen := make(map[Ref]bool)
	add := func(r Ref) {
		if !seen[r] {
			seen[r] = true
			me.Reach = append(me.Reach, r)
		}
	}
	// What the call is given: a variable or a field path is given as
	// such (it reaches what is within it); any other expression gives
	// whatever its variables hold (a literal captures them).
	reach := func(e ast.Expr) {
		if r, ok := RefOf(info, e); ok {
			add(r)
			return
		}
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && !v.IsField() {
					add(Ref{Root: v})
				}
			}
			return true
		})
	}
	if se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		reach(se.X)
	} else {
		reach(call.Fun)
	}
	for _, a := range call.Args {
		reach(a)
	}
	return me
}

// MayRelease reports whether the event may unlock the mutex at r without
// the model knowing: an Unknown call that may run a function releasing a
// mutex of r's class, or that may run unseen code and is given r or
// something r is within (s for s.mu; not s.t for s.mu).
func MayRelease(e *Event, r Ref) bool {
	if e.Kind == Unlock && e.Ref.IsZero() {
		// A call whose callee may unlock a mutex of r's class through
		// a name the caller has no equivalent for.
		return slicesContains(e.Classes, Class(r))
	}
	if e.Kind != Unknown {
		return false
	}
	if c := Class(r); c != "" && e.May.Releases[c] {
		return true
	}
	return !e.May.Complete && e.May.gives(r)
}

// MayLock reports whether the event may lock the mutex at r without the
// model knowing (see MayRelease).
func MayLock(e *Event, r Ref) bool {
	if e.Kind == SomeLock && e.Ref.IsZero() {
		return slicesContains(e.Classes, Class(r))
	}
	if e.Kind != Unknown {
		return false
	}
	if c := Class(r); c != "" && e.May.Locks[c] {
		return true
	}
	return !e.May.Complete && e.May.gives(r)
}

// MayJoin reports whether the event is a call that may wait for another
// goroutine without the model knowing: one of the functions it may run
// waits, or it may run unseen code that reaches one of vars.
func MayJoin(e *Event, vars map[*types.Var]bool) bool {
	if e.Kind != Unknown {
		return false
	}
	if e.May.Joins {
		return true
	}
	if e.May.Complete {
		return false
	}
	for _, r := range e.May.Reach {
		if vars[r.Root] {
			return true
		}
	}
	return false
}

// gives reports whether the call is given r, or something r is within.
func (me *MayEffects) gives(r Ref) bool {
	for _, x := range me.Reach {
		if r.Within(x) {
			return true
		}
	}
	return false
}

// EntryLocks returns the mutexes that every caller of f holds when it
// calls f, named as f names them (through its receiver, parameters and
// package variables): f is a helper "called with the lock held". It is
// nil for a function that other packages, func values or goroutines may
// run, and for one without callers in the package.
func (m *Model) EntryLocks(f *Func) []HeldLock {
	m.awaitEntryLocks(f)
	return m.entryLocksAt(f)
}

// entryLocksAt computes EntryLocks(f) once. While it is computed, a
// recursive call (from the callers' entry locks) holds nothing. Only the
// model's loop over the package's functions (computeEntryLocks), and the
// recursion under it, call it before that loop is done: a recursion among
// callers is cut where the first query enters it, so the answers depend on
// the order of the queries, and that order is fixed.
func (m *Model) entryLocksAt(f *Func) []HeldLock {
	m.entryMu.Lock()
	if l, ok := m.entryLocks[f]; ok {
		m.entryMu.Unlock()
		return l
	}
	if m.entryLocks == nil {
		m.entryLocks = make(map[*Func][]HeldLock)
		m.entryBusy = make(map[*Func]bool)
	}
	m.entryLocks[f] = nil // while computing: a recursive call holds nothing
	m.entryBusy[f] = true
	m.entryMu.Unlock()
	l := m.entryLocksOf(f)
	m.entryMu.Lock()
	m.entryLocks[f] = l
	delete(m.entryBusy, f)
	if m.entryDone != nil {
		m.entryDone.Broadcast()
	}
	m.entryMu.Unlock()
	return l
}

// computeEntryLocks computes the entry locks of every function of the
// package, in their order, on a goroutine of its own: the memory pass and
// the checks that ask for them start meanwhile, and a query waits only
// until the loop has come to its function (awaitEntryLocks). A panic there
// is raised again in each query that waits for it.
func (m *Model) computeEntryLocks() {
	m.entryDone = sync.NewCond(&m.entryMu)
	m.entryPending = true
	hook := entryHook
	go func() {
		defer func() {
			r := recover()
			m.entryMu.Lock()
			m.entryCrash, m.entryPending = r, false
			m.entryDone.Broadcast()
			m.entryMu.Unlock()
		}()
		if hook != nil {
			hook()
		}
		for _, f := range m.Funcs {
			m.entryLocksAt(f)
		}
	}()
}

// entryHook, when set (by a test), runs first on the goroutine that
// computes the entry locks; entryWaitHook runs when a query starts to wait
// for it.
var entryHook, entryWaitHook func()

// awaitEntryLocks waits until the entry locks of f are final: computed by
// the model's loop (or by the recursion under it), not a placeholder of
// a recursion in progress.
func (m *Model) awaitEntryLocks(f *Func) {
	if m.noEntryLocks(f) {
		return // the answer does not depend on the loop's order
	}
	m.entryMu.Lock()
	defer m.entryMu.Unlock()
	for m.entryPending && !m.entryFinal(f) {
		if entryWaitHook != nil {
			entryWaitHook()
		}
		m.entryDone.Wait()
	}
	if m.entryCrash != nil {
		panic(m.entryCrash)
	}
}

// entryFinal reports whether the entry locks of f are computed and not a
// placeholder. The caller holds entryMu.
func (m *Model) entryFinal(f *Func) bool {
	_, ok := m.entryLocks[f]
	return ok && !m.entryBusy[f]
}

// entryLockStates returns the lock states of f entered with its callers'
// locks (lockStatesFrom(f, EntryLocks(f))), computed once per function:
// every callee of f, and the memory layer, ask for them.
func (m *Model) entryLockStates(f *Func) lockState {
	m.awaitEntryLocks(f)
	return m.entryLockStatesAt(f)
}

// entryLockStatesAt is entryLockStates for the recursion under
// entryLocksAt: while f's EntryLocks is being computed (a recursive call),
// the answer is not kept.
func (m *Model) entryLockStatesAt(f *Func) lockState {
	m.entryMu.Lock()
	st, ok := m.entryStates[f]
	m.entryMu.Unlock()
	if ok {
		return st
	}
	init := m.entryLocksAt(f)
	st = lockStatesFrom(f, init)
	m.entryMu.Lock()
	if !m.entryBusy[f] {
		if m.entryStates == nil {
			m.entryStates = make(map[*Func]lockState)
		}
		m.entryStates[f] = st
	}
	m.entryMu.Unlock()
	return st
}

// noEntryLocks reports whether the entry locks of f are nil for a reason
// that asks no other function's: f may be run by other packages, func
// values or goroutines, or it has no callers in the package. A query for
// such a function need not wait for the model's loop.
func (m *Model) noEntryLocks(f *Func) bool {
	return f.Obj == nil || f.Obj.Exported() || m.usedAsValue(f.Obj) || m.isLaunched(f) || len(m.CallSites(f.Obj)) == 0
}

func (m *Model) entryLocksOf(f *Func) []HeldLock {
	if m.noEntryLocks(f) {
		return nil
	}
	sites := m.CallSites(f.Obj)
	params := paramIndex(f.Obj)
	sig := f.Obj.Type().(*types.Signature)
	var out []HeldLock
	for k, site := range sites {
		caller := site.Caller
		m.ensureEvents(caller)
		// The locks held at the caller's node holding the call.
		blk, idx := m.nodeOf(caller, site.Call)
		if blk == nil {
			return nil
		}
		held := m.entryLockStatesAt(caller).at(caller, blk, idx)
		// Name each held lock as f does.
		var mine []HeldLock
		for _, h := range held {
			if h.Ref.Indexed() {
				continue // named by a key of the caller
			}
			if isGlobal(h.Ref.Root) {
				mine = append(mine, h)
				continue
			}
			for v, i := range params {
				var arg ast.Expr
				path := ""
				if i < 0 {
					arg, path = site.Recv, site.RecvPath
				} else if i < len(site.Call.Args) && !(sig.Variadic() && i == sig.Params().Len()-1) {
					arg = site.Call.Args[i]
				}
				if arg == nil {
					continue
				}
				base, ok := RefOf(m.Pass.TypesInfo, arg)
				if !ok {
					continue
				}
				base.Path += path
				if h.Ref.Within(base) {
					mine = append(mine, HeldLock{Ref: Ref{Root: v, Path: strings.TrimPrefix(h.Ref.Path, base.Path)}, Read: h.Read})
				}
			}
		}
		if k == 0 {
			out = mine
		} else {
			out = intersectLocks(out, mine)
		}
		if len(out) == 0 {
			return nil
		}
	}
	return out
}

// nodeOf returns the CFG block of f and the index of the node that holds
// n, or nil.
func (m *Model) nodeOf(f *Func, n ast.Node) (*cfg.Block, int) {
	for _, b := range f.CFG.Blocks {
		if !b.Live {
			continue
		}
		for i, x := range b.Nodes {
			if x.Pos() <= n.Pos() && n.End() <= x.End() {
				return b, i
			}
		}
	}
	return nil, 0
}

func slicesContains(list []string, s string) bool {
	if s == "" {
		return false
	}
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isCalledDirectly reports whether some call of the package names fn.
func (m *Model) isCalledDirectly(fn *types.Func) bool {
	m.usedAsValue(fn) // computes calledDirectly
	return m.calledDirectly[fn.Origin()]
}

// HeldAt returns the mutexes held on every path to the event e of f (its
// callers' locks included: EntryLocks), before e.
func (m *Model) HeldAt(f *Func, e *Event) []HeldLock {
	f.heldOnce.Do(func() { f.held = m.entryLockStates(f) })
	if e.Block == nil {
		return nil
	}
	return f.held.at(f, e.Block, e.Index)
}
