package conc

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"
)

// This file finds the cancel funcs of contexts that nothing calls: a
// context made by context.WithCancel from context.Background (or TODO),
// whose cancel func is kept only in an unexported struct field that no
// function of the package calls, passes on or returns, while a goroutine
// waits on the context's Done and can only return after it: the context
// is never cancelled, and the goroutine never ends.

// An UncalledCancel is such a cancel func.
type UncalledCancel struct {
	Store *Op // the OpMake that stores the cancel func in the field
	// Wait is the goroutine's receive from the context's Done; Launch
	// starts the goroutine, in Parent.
	Wait   *Event
	Launch *Event
	Parent *Func
}

// UncalledCancels returns the cancel funcs that nothing calls, while a
// goroutine waits for their context, in source order of the stores.
func (m *Model) UncalledCancels() []*UncalledCancel {
	x := m.Objects()
	var out []*UncalledCancel
	seen := make(map[string]bool)
	for _, f := range m.Funcs {
		ast.Inspect(f.Body, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			for _, op := range m.cancelStores(f, n) {
				if seen[op.Class] {
					continue
				}
				seen[op.Class] = true
				if u := m.uncalledCancel(x, op); u != nil {
					out = append(out, u)
				}
			}
			return true
		})
	}
	return out
}

// cancelStores returns the ops of the index whose node is n, that store a
// value in a func field.
func (m *Model) cancelStores(f *Func, n ast.Node) []*Op {
	var class string
	switch n := n.(type) {
	case *ast.AssignStmt:
		for _, l := range n.Lhs {
			if se, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
				if sel := m.Pass.TypesInfo.Selections[se]; sel != nil && sel.Kind() == types.FieldVal {
					if _, isFunc := sel.Obj().Type().Underlying().(*types.Signature); isFunc {
						class = fieldClassOf(m.Pass.TypesInfo, se, sel)
					}
				}
			}
		}
	case *ast.KeyValueExpr:
		if id, ok := n.Key.(*ast.Ident); ok {
			if v, ok := m.Pass.TypesInfo.Uses[id].(*types.Var); ok && v.IsField() {
				if _, isFunc := v.Type().Underlying().(*types.Signature); isFunc {
					for _, op := range m.Objects().allOps() {
						if op.Node == ast.Node(n) && op.Kind == OpMake {
							return []*Op{op}
						}
					}
				}
			}
		}
		return nil
	}
	if class == "" {
		return nil
	}
	var out []*Op
	for _, op := range m.Objects().Ops(class) {
		if op.Node == n && op.Kind == OpMake && op.Func == f {
			out = append(out, op)
		}
	}
	return out
}

// fieldClassOf is the class of the field se selects, as the index names it.
func fieldClassOf(info *types.Info, se *ast.SelectorExpr, sel *types.Selection) string {
	if r, ok := RefOf(info, se); ok {
		if c := Class(r); c != "" {
			return c
		}
	}
	return fieldClass(sel)
}

// allOps returns every operation of the index.
func (x *Objects) allOps() []*Op {
	var out []*Op
	for _, ops := range x.ops {
		out = append(out, ops...)
	}
	return out
}

// uncalledCancel judges the field that op stores a value in.
func (m *Model) uncalledCancel(x *Objects, op *Op) *UncalledCancel {
	if !m.Visible(op.Class) {
		return nil // exported, or some use escapes
	}
	var makes []*Op
	for _, o := range x.Ops(op.Class) {
		switch o.Kind {
		case OpMake:
			makes = append(makes, o)
		default:
			return nil // called (or used in a way the index does not follow)
		}
	}
	if len(makes) != 1 || makes[0] != op {
		return nil // several values: keep it simple
	}
	ctx := m.cancelledContext(op)
	if ctx == nil {
		return nil
	}
	return m.waiterOn(ctx)
}

// A cancelCtx is the context whose cancel func a store keeps: a local
// variable, or an unexported field (by class) every write of which is
// this one.
type cancelCtx struct {
	store *Op
	v     *types.Var // the local context variable
	class string     // the field holding the context
}

// cancelledContext returns the context whose cancel func op stores, when
// it comes from context.WithCancel (or WithCancelCause) of
// context.Background or TODO, so that only the cancel func ends it, and
// the cancel func has no other use.
func (m *Model) cancelledContext(op *Op) *cancelCtx {
	info := m.Pass.TypesInfo
	val := ast.Unparen(op.Value)
	// s.ctx, s.cancel = context.WithCancel(context.Background())
	if as, ok := op.Node.(*ast.AssignStmt); ok && len(as.Lhs) == 2 && len(as.Rhs) == 1 {
		if !isRootCancel(info, as.Rhs[0]) || ast.Unparen(as.Lhs[1]) != ast.Expr(op.Expr) {
			return nil
		}
		return m.contextOf(op, as.Lhs[0])
	}
	// ctx, cancel := context.WithCancel(context.Background()); s.cancel = cancel
	id, ok := val.(*ast.Ident)
	if !ok {
		return nil
	}
	cv, ok := info.Uses[id].(*types.Var)
	if !ok || !op.Func.Declares(cv) {
		return nil
	}
	var ctxExpr ast.Expr
	uses := 0
	ast.Inspect(op.Func.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if info.Uses[n] == cv {
				uses++
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				if lid, ok := n.Lhs[1].(*ast.Ident); ok && (info.Defs[lid] == cv || info.Uses[lid] == cv) {
					if ctxExpr != nil || !isRootCancel(info, n.Rhs[0]) {
						ctxExpr = badExpr
						return true
					}
					ctxExpr = n.Lhs[0]
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 && info.Defs[n.Names[1]] == cv {
				if ctxExpr != nil || !isRootCancel(info, n.Values[0]) {
					ctxExpr = badExpr
					return true
				}
				ctxExpr = n.Names[0]
			}
		}
		return true
	})
	if uses != 1 || ctxExpr == nil || ctxExpr == badExpr {
		return nil // the cancel func is also called, passed or returned here
	}
	if lid, ok := ctxExpr.(*ast.Ident); ok && info.Uses[lid] == cv {
		return nil
	}
	return m.contextOf(op, ctxExpr)
}

var badExpr ast.Expr = &ast.BadExpr{}

// contextOf describes the context e (the first result of WithCancel)
// names: a local variable, or an unexported field whose every write in
// the package is at op's statement.
func (m *Model) contextOf(op *Op, e ast.Expr) *cancelCtx {
	info := m.Pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj := info.Defs[e]
		if obj == nil {
			obj = info.Uses[e]
		}
		v, ok := obj.(*types.Var)
		if !ok || !op.Func.Declares(v) {
			return nil
		}
		// Every assignment of v is this context.
		writes := 0
		ast.Inspect(op.Func.Body, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok {
				for _, l := range as.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); ok && (info.Uses[id] == v || info.Defs[id] == v) {
						writes++
					}
				}
			}
			return true
		})
		if writes != 1 {
			return nil
		}
		return &cancelCtx{store: op, v: v}
	case *ast.SelectorExpr:
		sel := info.Selections[e]
		if sel == nil || sel.Kind() != types.FieldVal {
			return nil
		}
		class := fieldClassOf(info, e, sel)
		if class == "" || !m.declaredHidden(class) {
			return nil
		}
		if !m.contextFieldWrittenOnlyAt(class, op.Node) {
			return nil
		}
		return &cancelCtx{store: op, class: class}
	}
	return nil
}

// contextFieldWrittenOnlyAt reports whether every use of the context
// field class in the package reads it (calls a method on it or passes
// it on), except for the one write at stmt, and no composite literal sets
// it.
func (m *Model) contextFieldWrittenOnlyAt(class string, stmt ast.Node) bool {
	info := m.Pass.TypesInfo
	ok := true
	for _, f := range m.Funcs {
		var stack []ast.Node
		ast.Inspect(f.Body, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return false
			}
			if _, isLit := n.(*ast.FuncLit); isLit && n != ast.Node(f.Body) {
				return false
			}
			stack = append(stack, n)
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if id, isID := n.Key.(*ast.Ident); isID {
					if v, isVar := info.Uses[id].(*types.Var); isVar && v.IsField() {
						if cl, isCL := stack[len(stack)-2].(*ast.CompositeLit); isCL && namedStruct(info.TypeOf(cl))+"."+v.Name() == class {
							ok = false
						}
					}
				}
			case *ast.SelectorExpr:
				sel := info.Selections[n]
				if sel == nil || sel.Kind() != types.FieldVal || fieldClassOf(info, n, sel) != class {
					return true
				}
				parent, _ := parentOf(stack)
				switch p := parent.(type) {
				case *ast.AssignStmt:
					for _, l := range p.Lhs {
						if ast.Unparen(l) == ast.Expr(n) && ast.Node(p) != stmt {
							ok = false
						}
					}
				case *ast.UnaryExpr:
					if p.Op == token.AND {
						ok = false // its address: it may be written through it
					}
				}
			}
			return true
		})
	}
	return ok
}

// isRootCancel reports whether e is context.WithCancel (or
// WithCancelCause) of context.Background() or context.TODO(): a context
// that only its cancel func ends.
func isRootCancel(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || !IsFunc(Callee(info, call), "context", "WithCancel", "WithCancelCause") || len(call.Args) != 1 {
		return false
	}
	parent, ok := ast.Unparen(call.Args[0]).(*ast.CallExpr)
	return ok && IsFunc(Callee(info, parent), "context", "Background", "TODO")
}

// waiterOn finds a goroutine of the package that receives from ctx's
// Done and cannot return otherwise.
func (m *Model) waiterOn(ctx *cancelCtx) *UncalledCancel {
	info := m.Pass.TypesInfo
	for _, f := range m.Funcs {
		if ctx.v != nil && f != ctx.store.Func {
			continue // a local context: the goroutine is started where it is made
		}
		for _, e := range f.Events {
			if e.Kind != Launch || e.Launch.Body == nil {
				continue
			}
			body := e.Launch.Body
			// How the goroutine names the context.
			var isCtx func(x ast.Expr) bool
			switch {
			case ctx.class != "":
				isCtx = func(x ast.Expr) bool {
					se, ok := ast.Unparen(x).(*ast.SelectorExpr)
					if !ok {
						return false
					}
					sel := info.Selections[se]
					return sel != nil && sel.Kind() == types.FieldVal && fieldClassOf(info, se, sel) == ctx.class
				}
			case e.Launch.Lit != nil:
				isCtx = func(x ast.Expr) bool {
					id, ok := ast.Unparen(x).(*ast.Ident)
					return ok && info.Uses[id] == ctx.v
				}
			default:
				// A named function given the context as an argument.
				var param *types.Var
				sig, _ := body.Obj.Type().(*types.Signature)
				for i, a := range e.Launch.Args {
					if id, ok := ast.Unparen(a).(*ast.Ident); ok && info.Uses[id] == ctx.v && sig != nil && i < sig.Params().Len() && !sig.Variadic() {
						param = sig.Params().At(i)
					}
				}
				if param == nil {
					continue
				}
				isCtx = func(x ast.Expr) bool {
					id, ok := ast.Unparen(x).(*ast.Ident)
					return ok && info.Uses[id] == param
				}
			}
			isDone := func(x *Event) bool {
				if x.Kind != Recv {
					return false
				}
				u, ok := x.Node.(*ast.UnaryExpr)
				if !ok {
					return false
				}
				call, ok := ast.Unparen(u.X).(*ast.CallExpr)
				if !ok || len(call.Args) != 0 {
					return false
				}
				se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
				return ok && IsMethod(Callee(info, call), "context", "Context", "Done") && isCtx(se.X)
			}
			var wait *Event
			for _, x := range body.Events {
				if isDone(x) && !x.Deferred {
					wait = x
					break
				}
			}
			if wait == nil {
				continue
			}
			// Every return of the goroutine comes after the receive (after
			// its case of a select is chosen: the CFG evaluates every
			// comm of a select before the cases).
			if !body.exitsOnlyAfter(isDone) {
				continue
			}
			return &UncalledCancel{Store: ctx.store, Wait: wait, Launch: e, Parent: f}
		}
	}
	return nil
}

// exitsOnlyAfter reports whether every path of f from its entry to a
// return passes a receive for which isRecv is true, or enters the case
// body of a select clause whose comm is such a receive.
func (f *Func) exitsOnlyAfter(isRecv func(*Event) bool) bool {
	// The select clauses whose comm receives.
	clauses := make(map[*ast.CommClause]bool)
	inComm := make(map[*Event]bool)
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		cc, ok := n.(*ast.CommClause)
		if !ok || cc.Comm == nil {
			return true
		}
		for _, e := range f.Events {
			if isRecv(e) && e.Node.Pos() >= cc.Comm.Pos() && e.Node.End() <= cc.Comm.End() {
				clauses[cc] = true
				inComm[e] = true
			}
		}
		return true
	})
	found := false
	done := f.searchEntering(f.Entry(), nil,
		func(e *Event, st int) (bool, int) { return isRecv(e) && !inComm[e], st },
		func(*ast.ReturnStmt, int) bool { found = true; return true },
		func(b *cfg.Block, st int) (bool, int) {
			cc, ok := b.Stmt.(*ast.CommClause)
			return ok && b.Kind == cfg.KindSelectCaseBody && clauses[cc], st
		})
	return done && !found
}
