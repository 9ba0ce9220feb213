package conc

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"

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
		m.eachCancelStore(f, seen, func(op *Op) {
			if u := m.uncalledCancel(x, op); u != nil {
				out = append(out, u)
			}
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
					if op := m.Objects().makeAt(n); op != nil {
						return []*Op{op}
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

// makeAt returns the make (OpMake) of the index at node n, if any: of
// several, the first in the order of the classes. The index of makes by
// node is built once (a package has thousands of keyed fields of func
// type, and looked at all its operations for each).
func (x *Objects) makeAt(n ast.Node) *Op {
	x.makesOnce.Do(func() {
		x.makes = make(map[ast.Node]*Op)
		for _, class := range slices.Sorted(maps.Keys(x.ops)) {
			for _, op := range x.ops[class] {
				if _, ok := x.makes[op.Node]; !ok && op.Kind == OpMake {
					x.makes[op.Node] = op
				}
			}
		}
	})
	return x.makes[n]
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
	return m.waiterOn(ctx, nil)
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
	op.Func.InspectBody([]ast.Node{(*ast.Ident)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)}, func(n ast.Node) bool {
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
		op.Func.InspectBody([]ast.Node{(*ast.AssignStmt)(nil)}, func(n ast.Node) bool {
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

// waiterOn finds a goroutine of the package (started by in, when it is
// not nil) that receives from ctx's Done and cannot return otherwise.
func (m *Model) waiterOn(ctx *cancelCtx, in *Func) *UncalledCancel {
	info := m.Pass.TypesInfo
	for _, f := range m.Funcs {
		if ctx.v != nil && f != ctx.store.Func {
			continue // a local context: the goroutine is started where it is made
		}
		if in != nil && f != in {
			continue
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
				return ok && IsMethod(m.Callee(call), "context", "Context", "Done") && isCtx(se.X)
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

// The second half: the cancel func is called (by a Stop or Close method),
// but the struct that holds its only copy is a result of the function
// that makes the context and starts the goroutine waiting on it. A caller
// that drops the result leaves nothing that can call the cancel func: the
// goroutine never ends.

// A HeldCancel is a result of a function that holds, in an unexported
// field of a value the function makes and returns, the only cancel func
// of a context made from context.Background (or TODO), while a goroutine
// the function starts (on every path that returns the value) waits on
// the context's Done and can return only after it. Only functions that
// receive the value can call the cancel func (its methods call it), and
// nothing but the result holds the value.
type HeldCancel struct {
	Result int    // index of the result
	Field  string // the field that holds the cancel func
	// Stop is the method that calls the cancel func, when exactly one
	// function of the package calls it and that function is a method of
	// the type that declares the field.
	Stop string
	// In this package only (nil for a function of another package): the
	// store of the cancel func in the field, the goroutine's start and its
	// receive from Done.
	Store  *Op
	Launch *Event
	Wait   *Event
}

// CancelResult is a HeldCancel as a function's summary exports it.
type CancelResult struct {
	Result      int
	Field, Stop string
}

// HeldCancels returns the results of fn that hold the only cancel func of
// a context a goroutine it starts waits on (see HeldCancel): computed for
// a function of this package, from its summary for another one.
func (m *Model) HeldCancels(fn *types.Func) []HeldCancel {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if f := m.funcDecl(fn); f != nil {
		if s := m.summaryOf(f); s == nil || len(s.HeldCancels) == 0 {
			return nil // computed when the model was built
		}
		return m.heldCancels(f)
	}
	s := m.summaryOfFunc(fn)
	if s == nil {
		return nil
	}
	var out []HeldCancel
	for _, r := range s.HeldCancels {
		out = append(out, HeldCancel{Result: r.Result, Field: r.Field, Stop: r.Stop})
	}
	return out
}

// cancelResults is what the summary of f exports of its held cancels.
func (m *Model) cancelResults(f *Func) []CancelResult {
	var out []CancelResult
	for _, h := range m.heldCancels(f) {
		out = append(out, CancelResult{Result: h.Result, Field: h.Field, Stop: h.Stop})
	}
	return out
}

// heldCancels computes the held cancels of f, a declared function.
func (m *Model) heldCancels(f *Func) []HeldCancel {
	if f.Obj == nil || f.Obj.Type().(*types.Signature).Results().Len() == 0 {
		return nil
	}
	m.ensureEvents(f)
	launches := false
	for _, e := range f.Events {
		if e.Kind == Launch && e.Launch.Kind == GoStmt && !e.Deferred {
			launches = true
		}
	}
	if !launches {
		return nil
	}
	// Cheap before the index: f makes a root context.
	info := m.Pass.TypesInfo
	root := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok && !root && isRootCancel(info, e) {
			root = true
		}
		return !root
	})
	if !root {
		return nil
	}
	x := m.Objects()
	var out []HeldCancel
	m.eachCancelStore(f, make(map[string]bool), func(op *Op) {
		if h, ok := m.heldCancel(x, f, op); ok {
			out = append(out, h)
		}
	})
	return out
}

// eachCancelStore calls judge for each store of a cancel func in a field
// made in f's body (not in the literals inside it), in source order, once
// per field class: the classes already in seen are skipped, and the
// judged ones are added to it.
func (m *Model) eachCancelStore(f *Func, seen map[string]bool, judge func(*Op)) {
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		for _, op := range m.cancelStores(f, n) {
			if !seen[op.Class] {
				seen[op.Class] = true
				judge(op)
			}
		}
		return true
	})
}

// heldCancel judges the store op, in f, of a cancel func in a field.
func (m *Model) heldCancel(x *Objects, f *Func, op *Op) (HeldCancel, bool) {
	if !m.Visible(op.Class) {
		return HeldCancel{}, false // exported, or some use escapes
	}
	// The functions that call the cancel func; the store in f is the
	// only one there.
	cancelers := make(map[*Func]bool)
	for _, o := range x.Ops(op.Class) {
		switch {
		case o.Kind == OpCall:
			cancelers[o.Func] = true
		case o.Kind == OpMake && (o == op || o.Func != f):
		default:
			return HeldCancel{}, false
		}
	}
	if len(cancelers) == 0 || cancelers[f] {
		return HeldCancel{}, false // never called: cancel-never-called; or called here
	}
	ctx := m.cancelledContext(op)
	if ctx == nil {
		return HeldCancel{}, false
	}
	h, ok := m.cancelHolder(f, op)
	if !ok {
		return HeldCancel{}, false
	}
	w := m.waiterOn(ctx, f)
	if w == nil || w.Launch.Launch.Kind != GoStmt || w.Launch.Deferred {
		return HeldCancel{}, false
	}
	// Nothing but the result keeps the value: f, the goroutine and the
	// methods they call on it only read its fields (never the cancel
	// func) and call its methods that keep it the same way, none of
	// which calls the cancel func.
	returns := make(map[*ast.ReturnStmt]bool)
	result := h.result
	for r := range h.returns {
		returns[r] = true
	}
	if h.v != nil {
		ret := func(r *ast.ReturnStmt, k int) bool {
			if result >= 0 && k != result {
				return false
			}
			result = k
			returns[r] = true
			return true
		}
		if !m.keptPrivate(f, h.v, h.field, op.Expr, cancelers, map[*Func]bool{f: true}, ret) {
			return HeldCancel{}, false
		}
	}
	if result < 0 || len(returns) == 0 {
		return HeldCancel{}, false
	}
	// Every path that returns the value has started the goroutine.
	bad := false
	complete := f.search(f.Entry(), func(e *Event, st int) (bool, int) {
		if e == w.Launch {
			return false, 1
		}
		return false, st
	}, func(r *ast.ReturnStmt, st int) bool {
		if returns[r] && st == 0 {
			bad = true
		}
		return bad
	})
	if !complete || bad {
		return HeldCancel{}, false
	}
	out := HeldCancel{Result: result, Field: h.field.Name(), Store: op, Launch: w.Launch, Wait: w.Wait}
	if len(cancelers) == 1 {
		for c := range cancelers {
			// A method of the type that holds the field.
			if c.Decl != nil && c.Decl.Recv != nil && c.Obj != nil {
				if recv := c.Obj.Type().(*types.Signature).Recv(); recv != nil && namedStruct(recv.Type())+"."+h.field.Name() == op.Class {
					out.Stop = c.Decl.Name.Name
				}
			}
		}
	}
	return out, true
}

// A cancelHolder is the value that op's store puts the cancel func in:
// a local variable v of f, defined once to a new value (&T{...},
// T{...}, new(T)), or a composite literal that f returns directly (then
// v is nil, and returns holds that return, the literal being result).
type cancelHolder struct {
	v       *types.Var
	field   *types.Var // the cancel func's field
	result  int
	returns map[*ast.ReturnStmt]bool
}

// cancelHolder finds the value op stores the cancel func in.
func (m *Model) cancelHolder(f *Func, op *Op) (cancelHolder, bool) {
	info := m.Pass.TypesInfo
	h := cancelHolder{result: -1, returns: make(map[*ast.ReturnStmt]bool)}
	if se, ok := op.Expr.(*ast.SelectorExpr); ok {
		// w.cancel = cancel
		sel := info.Selections[se]
		id, isID := ast.Unparen(se.X).(*ast.Ident)
		if sel == nil || sel.Kind() != types.FieldVal || len(sel.Index()) != 1 || !isID {
			return h, false
		}
		h.field, _ = sel.Obj().(*types.Var)
		h.v, _ = info.Uses[id].(*types.Var)
		if h.v == nil || h.field == nil || !f.Declares(h.v) || !m.definedFresh(f, h.v) {
			return h, false
		}
		return h, true
	}
	// &T{cancel: cancel}, in w := ..., var w = ... or return ...
	kv, ok := op.Node.(*ast.KeyValueExpr)
	if !ok {
		return h, false
	}
	if id, ok := kv.Key.(*ast.Ident); ok {
		h.field, _ = info.Uses[id].(*types.Var)
	}
	if h.field == nil {
		return h, false
	}
	found := false
	var stack []ast.Node
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if found {
			return false
		}
		if _, lit := n.(*ast.FuncLit); lit {
			return false
		}
		stack = append(stack, n)
		if n != ast.Node(kv) {
			return true
		}
		found = true
		// The literal, its address, and what holds it.
		i := len(stack) - 2
		if i < 0 {
			return false
		}
		cl, isCL := stack[i].(*ast.CompositeLit)
		if !isCL {
			return false
		}
		var val ast.Expr = cl
		i--
		for i >= 0 {
			if _, paren := stack[i].(*ast.ParenExpr); !paren {
				break
			}
			i--
		}
		if i >= 0 {
			if u, isU := stack[i].(*ast.UnaryExpr); isU && u.Op == token.AND {
				val = u
				i--
			}
		}
		for i >= 0 {
			if _, paren := stack[i].(*ast.ParenExpr); !paren {
				break
			}
			i--
		}
		if i < 0 {
			return false
		}
		switch p := stack[i].(type) {
		case *ast.AssignStmt:
			if p.Tok == token.DEFINE && len(p.Lhs) == len(p.Rhs) {
				for k, r := range p.Rhs {
					if id, isID := p.Lhs[k].(*ast.Ident); isID && ast.Unparen(r) == val {
						h.v, _ = info.Defs[id].(*types.Var)
					}
				}
			}
		case *ast.ValueSpec:
			if len(p.Names) == len(p.Values) {
				for k, r := range p.Values {
					if ast.Unparen(r) == val {
						h.v, _ = info.Defs[p.Names[k]].(*types.Var)
					}
				}
			}
		case *ast.ReturnStmt:
			for k, r := range p.Results {
				if ast.Unparen(r) == val {
					h.result = k
					h.returns[p] = true
				}
			}
		}
		return false
	})
	if h.v == nil && h.result < 0 {
		return h, false
	}
	if h.v != nil && !m.definedFresh(f, h.v) {
		return h, false
	}
	return h, true
}

// definedFresh reports whether the body of f defines v, once, to a new
// value: &T{...}, T{...}, new(T), or the zero value.
func (m *Model) definedFresh(f *Func, v *types.Var) bool {
	info := m.Pass.TypesInfo
	fresh := func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = ast.Unparen(u.X)
		}
		switch e := e.(type) {
		case *ast.CompositeLit:
			return true
		case *ast.CallExpr:
			id, ok := ast.Unparen(e.Fun).(*ast.Ident)
			if !ok {
				return false
			}
			bi, ok := info.Uses[id].(*types.Builtin)
			return ok && bi.Name() == "new"
		}
		return false
	}
	defs := 0
	f.InspectBody([]ast.Node{(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)}, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for k, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && info.Defs[id] == v {
					defs++
					if n.Tok != token.DEFINE || len(n.Lhs) != len(n.Rhs) || !fresh(n.Rhs[k]) {
						defs = 2
					}
				}
			}
		case *ast.ValueSpec:
			for k, id := range n.Names {
				if info.Defs[id] == v {
					defs++
					if len(n.Values) != 0 && (len(n.Values) != len(n.Names) || !fresh(n.Values[k])) {
						defs = 2
					}
				}
			}
		}
		return true
	})
	return defs == 1
}

// keptPrivate reports whether every use of v in g (its literals included)
// reads a field of it other than the cancel func's field (except store,
// the store of the cancel func), compares it, calls a method of the
// package on it that keeps its receiver the same way and does not call
// the cancel func, or, for g's own returns, returns it (ret judges the
// return and the result index; nil: no return may). seen holds the
// functions being judged: a recursive call keeps what they keep.
func (m *Model) keptPrivate(g *Func, v, field *types.Var, store ast.Expr, cancelers, seen map[*Func]bool, ret func(*ast.ReturnStmt, int) bool) bool {
	info := m.Pass.TypesInfo
	ok := true
	var stack []ast.Node
	lits := 0
	ast.Inspect(g.Body, func(n ast.Node) bool {
		if n == nil {
			if _, lit := stack[len(stack)-1].(*ast.FuncLit); lit {
				lits--
			}
			stack = stack[:len(stack)-1]
			return false
		}
		if !ok {
			return false
		}
		stack = append(stack, n)
		if lit, isLit := n.(*ast.FuncLit); isLit {
			lits++
			if cancelers[m.funcLit(lit)] {
				ok = false
			}
			return ok
		}
		id, isID := n.(*ast.Ident)
		if !isID || info.Uses[id] != v {
			return true
		}
		parent, grand := parentOf(stack)
		switch p := parent.(type) {
		case *ast.SelectorExpr:
			sel := info.Selections[p]
			if sel == nil {
				ok = false
				break
			}
			switch sel.Kind() {
			case types.FieldVal:
				if sel.Obj() == field && ast.Expr(p) != store {
					ok = false // the cancel func itself: called, or kept elsewhere
				}
			case types.MethodVal:
				call, isCall := grand.(*ast.CallExpr)
				if !isCall || ast.Unparen(call.Fun) != ast.Expr(p) {
					ok = false // a method value: called who knows when
					break
				}
				if len(sel.Index()) > 1 {
					break // promoted: its receiver is an embedded field
				}
				fn, _ := sel.Obj().(*types.Func)
				d := m.funcDecl(fn)
				if d == nil || cancelers[d] {
					ok = false
					break
				}
				if seen[d] {
					break
				}
				seen[d] = true
				if d.Decl == nil || d.Decl.Recv == nil || len(d.Decl.Recv.List) != 1 {
					ok = false
					break
				}
				if names := d.Decl.Recv.List[0].Names; len(names) == 1 {
					if rv, isVar := info.Defs[names[0]].(*types.Var); isVar && !m.keptPrivate(d, rv, field, nil, cancelers, seen, nil) {
						ok = false
					}
				}
			default:
				ok = false
			}
		case *ast.ReturnStmt:
			k := -1
			for j, r := range p.Results {
				if ast.Unparen(r) == ast.Expr(id) {
					k = j
				}
			}
			if ret == nil || lits > 0 || k < 0 || !ret(p, k) {
				ok = false
			}
		case *ast.BinaryExpr:
			if p.Op != token.EQL && p.Op != token.NEQ {
				ok = false
			}
		default:
			ok = false
		}
		return true
	})
	return ok
}
