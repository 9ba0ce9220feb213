package conc

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/cfg"
)

// This file is the channel part of the model: which channel a Send, Recv,
// RangeChan or Close event acts on (Event.Chan), where a local channel is
// made and with what capacity, how a function uses one channel variable
// (ChanUse), and what a function does to its channel parameters
// (ChanEffect, exported in Summary.Chans so that goroutines started with a
// function of another package are seen through).

// chanRef returns the Ref of the channel expression x, or the zero Ref
// when x is not a variable or field path (a call, an index expression).
func (b *builder) chanRef(x ast.Expr) Ref {
	r, ok := RefOf(b.info, x)
	if !ok {
		return Ref{}
	}
	if t := b.info.TypeOf(x); t == nil || !IsChan(t) {
		return Ref{}
	}
	return r
}

// Many is the count of operations that may run any number of times (in a
// loop, or several of them).
const Many = 2

// ChanEffect is what a function does to the channel it receives as its
// parameter Param. Counts are 0, 1 (at most once: one operation outside
// loops) or Many.
type ChanEffect struct {
	Param int
	Send  int  // blocking sends (not in a select)
	Recv  int  // blocking receives (not in a select)
	Range bool // ranges over it
	Close bool // closes it
	// CloseAll: closes it on every path that returns (the parameter is
	// not reassigned and does not escape).
	CloseAll bool
	Select   bool // sends or receives in a select
	SelSend  bool // sends in a select
	Escapes  bool // hands it to code that is not followed, or stores it
	// CloseAfterSend is set with Close when every close follows a
	// blocking send of the same path (or is deferred): a goroutine that
	// sends its result, then closes.
	CloseAfterSend bool
}

func (c ChanEffect) String() string {
	var fx []string
	if c.Send > 0 {
		fx = append(fx, fmt.Sprintf("send%d", c.Send))
	}
	if c.Recv > 0 {
		fx = append(fx, fmt.Sprintf("recv%d", c.Recv))
	}
	for _, f := range []struct {
		on   bool
		name string
	}{{c.Range, "range"}, {c.Close && !c.CloseAfterSend, "close"}, {c.CloseAfterSend, "close-after-send"}, {c.Select, "select"}, {c.SelSend, "select-send"}, {c.Escapes, "escapes"}} {
		if f.on {
			fx = append(fx, f.name)
		}
	}
	return fmt.Sprintf("chan%d:%s", c.Param, strings.Join(fx, "+"))
}

// IsZero reports whether the effect does nothing.
func (c ChanEffect) IsZero() bool { return c == ChanEffect{Param: c.Param} }

// OnlySends reports whether the effect is at most one blocking send and
// nothing else.
func (c ChanEffect) OnlySends() bool {
	return c.Send == 1 && c.Recv == 0 && !c.Range && !c.Close && !c.Select && !c.Escapes
}

// SendsOnce reports whether the effect is at most one blocking send,
// possibly followed by a close, and nothing else: one message.
func (c ChanEffect) SendsOnce() bool {
	return c.Send == 1 && c.Recv == 0 && !c.Range && (!c.Close || c.CloseAfterSend) && !c.Select && !c.Escapes
}

// OnlyRecvs reports whether the effect is at most one blocking receive and
// nothing else.
func (c ChanEffect) OnlyRecvs() bool {
	return c.Recv == 1 && c.Send == 0 && !c.Range && !c.Close && !c.Select && !c.Escapes
}

// ChanGoroutine is a goroutine that gets a channel: a literal that captures
// it, or a function it is passed to.
type ChanGoroutine struct {
	Launch *Event
	Effect ChanEffect // what the goroutine does to the channel (Param is meaningless)
}

// ChanUse is how one function uses one channel variable.
type ChanUse struct {
	Var                  *types.Var
	Sends, Recvs         []ast.Node // blocking operations of the function itself (literals called in place included)
	Ranges, Closes       []ast.Node
	SelectOps            []ast.Node // sends and receives that are select cases
	InLoop               bool       // a blocking send or receive inside a loop
	Goroutines           []*ChanGoroutine
	Calls                []*ast.CallExpr // calls that pass it to a function followed through its summary
	Escapes              bool            // handed to code that is not followed, stored, returned, captured by a callback
	Assigned             bool            // assigned after its definition
	callSend, callRecv   int
	callRange, callClose bool
	callSelect           bool
	callSelSend          bool
	// sendsOnPath is set when there are several Sends, none in a loop,
	// and no path of the function passes more than one of them (one
	// send per branch of an if): the function sends at most once.
	sendsOnPath bool
	// closeAfterSend is set when every close follows a send of Sends
	// on its path, or is deferred (see ChanEffect.CloseAfterSend).
	closeAfterSend bool
}

// Effect returns the use as the effect of a goroutine or function.
func (u *ChanUse) Effect() ChanEffect {
	count := func(n, calls int) int {
		n += calls
		if n > 1 || n == 1 && u.InLoop {
			return Many
		}
		return n
	}
	sends := count(len(u.Sends), u.callSend)
	if u.sendsOnPath {
		sends = 1
	}
	e := ChanEffect{
		Send:    sends,
		Recv:    count(len(u.Recvs), u.callRecv),
		Range:   len(u.Ranges) > 0 || u.callRange,
		Close:   len(u.Closes) > 0 || u.callClose,
		Select:  len(u.SelectOps) > 0 || u.callSelect,
		SelSend: u.callSelSend,
		Escapes: u.Escapes || u.Assigned,
	}
	e.CloseAfterSend = e.Close && u.closeAfterSend
	for _, op := range u.SelectOps {
		if _, ok := op.(*ast.SendStmt); ok {
			e.SelSend = true
		}
	}
	for _, g := range u.Goroutines {
		// A goroutine started by this one acts on its own schedule: the
		// effect is not this function's.
		if !g.Effect.IsZero() {
			e.Escapes = true
		}
	}
	return e
}

// ChanUse returns how f uses the channel variable v (its own operations,
// the goroutines it starts with it, and its escapes).
// It is computed once for each variable; callers must not change it.
func (m *Model) ChanUse(f *Func, v *types.Var) *ChanUse {
	return f.chanUses.get(v, func() *ChanUse {
		u := &ChanUse{Var: v}
		m.ensureEvents(f)
		m.chanWalk(f, f.Body, v, u)
		m.chanPaths(f, v, u)
		return u
	})
}

// chanWalk records the uses of v in body (of f, or of a literal called in
// place).
func (m *Model) chanWalk(f *Func, body ast.Node, v *types.Var, u *ChanUse) {
	info := m.Pass.TypesInfo
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		parent := ast.Node(nil)
		if len(stack) > 0 {
			parent = stack[len(stack)-1]
		}
		if lit, ok := n.(*ast.FuncLit); ok && n != body {
			if !mentions(info, lit, v) {
				return false
			}
			var grand ast.Node
			if len(stack) > 1 {
				grand = stack[len(stack)-2]
			}
			switch {
			case isLaunchedLit(info, lit, parent, grand):
				launch := m.launchOf(f, lit)
				if lf := m.funcLit(lit); lf != nil && launch != nil {
					gu := m.ChanUse(lf, v)
					u.Goroutines = append(u.Goroutines, &ChanGoroutine{Launch: launch, Effect: gu.Effect()})
				} else {
					u.Escapes = true
				}
				return false
			case isCalledInPlace(lit, parent):
				// Its operations are not events of f: they cannot be
				// placed on f's paths.
				m.chanWalk(f, lit.Body, v, u)
				u.Escapes = true
				return false
			default:
				u.Escapes = true // a callback: run who knows when
				return false
			}
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if !ok || info.Uses[id] != v {
			return true
		}
		m.chanIdentUse(f, id, stack, u)
		return true
	})
}

// chanPaths sets u.sendsOnPath and u.closeAfterSend from the paths of f:
// whether a path passes two of the sends on v, and whether a close comes
// before any send on its path. Both need every operation to be an event of
// f (not of a literal called in place) and the searches to complete.
func (m *Model) chanPaths(f *Func, v *types.Var, u *ChanUse) {
	if u.Escapes || u.Assigned || u.callSend > 0 || u.callClose || len(u.Sends) == 0 {
		return
	}
	ch := Ref{Root: v}
	sendNode := make(map[ast.Node]bool)
	for _, n := range u.Sends {
		sendNode[n] = true
	}
	closeNode := make(map[ast.Node]bool)
	for _, n := range u.Closes {
		closeNode[n] = true
	}
	var sends, closes []*Event
	for _, e := range f.Events {
		switch {
		case e.Kind == Send && e.Chan == ch && sendNode[e.Node]:
			sends = append(sends, e)
		case e.Kind == Close && e.Chan == ch && closeNode[e.Node]:
			closes = append(closes, e)
		}
	}
	if len(sends) != len(u.Sends) || len(closes) != len(u.Closes) {
		return // operations the paths of f do not hold
	}
	isSend := func(e *Event) bool { return e.Kind == Send && e.Chan == ch && sendNode[e.Node] }
	if len(sends) > 1 && !u.InLoop {
		twice := false
		complete := f.search(f.Entry(), func(e *Event, st int) (bool, int) {
			if !isSend(e) {
				return false, st
			}
			if st == 1 {
				twice = true
				return true, st
			}
			return false, 1
		}, func(*ast.ReturnStmt, int) bool { return twice })
		u.sendsOnPath = complete && !twice
	}
	if len(closes) == 0 {
		return
	}
	for _, c := range closes {
		if c.Deferred {
			continue
		}
		if f.InLoop(c) {
			return // may close twice
		}
		first := false // c reached before any send
		complete := f.search(f.Entry(), func(e *Event, st int) (bool, int) {
			if e == c {
				first = true
				return true, st
			}
			return isSend(e), st
		}, func(*ast.ReturnStmt, int) bool { return first })
		if !complete || first {
			return // may close before sending
		}
	}
	u.closeAfterSend = true
}

// chanIdentUse classifies one use of the channel variable; stack ends with
// the identifier.
func (m *Model) chanIdentUse(f *Func, id *ast.Ident, stack []ast.Node, u *ChanUse) {
	info := m.Pass.TypesInfo
	// Skip parentheses.
	i := len(stack) - 2
	for i >= 0 {
		if _, ok := stack[i].(*ast.ParenExpr); !ok {
			break
		}
		i--
	}
	if i < 0 {
		u.Escapes = true
		return
	}
	parent := stack[i]
	var grand ast.Node
	if i > 0 {
		grand = stack[i-1]
	}
	inLoop := false
	for _, n := range stack[:i] {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			inLoop = true
		}
	}
	switch p := parent.(type) {
	case *ast.SendStmt:
		if ast.Unparen(p.Chan) != id {
			u.Escapes = true // sent as a value
			return
		}
		if isComm(grand, p) {
			u.SelectOps = append(u.SelectOps, p)
			return
		}
		u.Sends = append(u.Sends, p)
		u.InLoop = u.InLoop || inLoop
	case *ast.UnaryExpr:
		if p.Op != token.ARROW {
			u.Escapes = true // &ch
			return
		}
		// The receive is a select case when its statement is a comm.
		j := i - 1
		for j >= 0 {
			if _, ok := stack[j].(*ast.ParenExpr); !ok {
				break
			}
			j--
		}
		if j >= 1 {
			if isComm(stack[j-1], stack[j]) {
				u.SelectOps = append(u.SelectOps, p)
				return
			}
		}
		u.Recvs = append(u.Recvs, p)
		u.InLoop = u.InLoop || inLoop
	case *ast.RangeStmt:
		if p.X == ast.Expr(id) || ast.Unparen(p.X) == id {
			u.Ranges = append(u.Ranges, p)
			return
		}
		u.Assigned = true // for ch = range ...
	case *ast.BinaryExpr:
		// ch == nil, ch != other: no effect.
	case *ast.CallExpr:
		if fid, ok := ast.Unparen(p.Fun).(*ast.Ident); ok {
			if bi, ok := info.Uses[fid].(*types.Builtin); ok {
				switch bi.Name() {
				case "close":
					u.Closes = append(u.Closes, p)
				case "len", "cap":
				default:
					u.Escapes = true
				}
				return
			}
		}
		if ast.Unparen(p.Fun) == id {
			u.Escapes = true
			return
		}
		argIdx := -1
		for k, a := range p.Args {
			if ast.Unparen(a) == id {
				argIdx = k
			}
		}
		if argIdx < 0 {
			u.Escapes = true
			return
		}
		if g, ok := grand.(*ast.GoStmt); ok && g.Call == p {
			launch := m.launchOf(f, g)
			if launch == nil {
				u.Escapes = true
				return
			}
			var eff ChanEffect
			ok := false
			if lit, isLit := ast.Unparen(p.Fun).(*ast.FuncLit); isLit {
				eff, ok = m.litParamEffect(lit, argIdx)
			} else if fn := m.StaticCallee(p); fn != nil {
				eff, ok = m.paramChanEffect(fn, argIdx)
			}
			if !ok {
				u.Escapes = true
				return
			}
			u.Goroutines = append(u.Goroutines, &ChanGoroutine{Launch: launch, Effect: eff})
			return
		}
		if _, ok := grand.(*ast.DeferStmt); ok {
			u.Escapes = true // runs at return: not placed on paths
			return
		}
		var eff ChanEffect
		ok := false
		if lit, isLit := ast.Unparen(p.Fun).(*ast.FuncLit); isLit {
			eff, ok = m.litParamEffect(lit, argIdx)
		} else if fn := m.StaticCallee(p); fn != nil {
			eff, ok = m.paramChanEffect(fn, argIdx)
		}
		if !ok || eff.Escapes {
			u.Escapes = true
			return
		}
		u.Calls = append(u.Calls, p)
		u.callSend += eff.Send
		u.callRecv += eff.Recv
		u.callRange = u.callRange || eff.Range
		u.callClose = u.callClose || eff.Close
		u.callSelect = u.callSelect || eff.Select
		u.callSelSend = u.callSelSend || eff.SelSend
		if inLoop && (eff.Send > 0 || eff.Recv > 0) {
			u.InLoop = true
		}
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if ast.Unparen(l) == id {
				u.Assigned = true
				return
			}
		}
		u.Escapes = true // copied to another variable
	case *ast.ValueSpec:
		u.Escapes = true
	case *ast.SelectorExpr:
		// ch.method: a named channel type with methods.
		u.Escapes = true
	default:
		u.Escapes = true
	}
}

// isComm reports whether stmt is the comm of the select case clause cc.
func isComm(cc ast.Node, stmt ast.Node) bool {
	c, ok := cc.(*ast.CommClause)
	return ok && c.Comm == stmt
}

// paramChanEffect returns what fn does to its parameter i, a channel.
func (m *Model) paramChanEffect(fn *types.Func, i int) (ChanEffect, bool) {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Variadic() && i >= sig.Params().Len()-1 {
		return ChanEffect{}, false
	}
	if p := fn.Pkg(); p != nil && isRuntime(p.Path()) {
		return ChanEffect{}, false
	}
	if m.funcDecl(fn) == nil && !m.knowsFacts(fn) {
		return ChanEffect{}, false
	}
	s := m.summaryOfFunc(fn)
	if s == recursive {
		return ChanEffect{}, false
	}
	if s != nil {
		for _, c := range s.Chans {
			if c.Param == i {
				return c, true
			}
		}
	}
	return ChanEffect{Param: i}, true // does nothing with it
}

// litParamEffect returns what the literal lit does to its parameter i.
func (m *Model) litParamEffect(lit *ast.FuncLit, i int) (ChanEffect, bool) {
	lf := m.funcLit(lit)
	if lf == nil {
		return ChanEffect{}, false
	}
	k := 0
	for _, field := range lit.Type.Params.List {
		names := field.Names
		if len(names) == 0 {
			if k == i {
				return ChanEffect{Param: i}, true // unnamed: unused
			}
			k++
			continue
		}
		for _, name := range names {
			if k == i {
				if _, variadic := field.Type.(*ast.Ellipsis); variadic {
					return ChanEffect{}, false
				}
				v, ok := m.Pass.TypesInfo.Defs[name].(*types.Var)
				if !ok {
					return ChanEffect{}, false
				}
				e := m.ChanUse(lf, v).Effect()
				e.Param = i
				return e, true
			}
			k++
		}
	}
	return ChanEffect{}, false
}

// knowsFacts reports whether fn's package was analysed, so that the absence
// of a fact means that fn does nothing of interest: its package is a
// dependency of the current one with Go source.
func (m *Model) knowsFacts(fn *types.Func) bool {
	p := fn.Pkg()
	if p == nil {
		return false
	}
	// Functions without a body (assembly) have no summary either way; the
	// standard library's channel helpers are plain Go.
	return p != m.Pass.Pkg
}

// chanParamEffects returns what f does to its channel parameters.
func (m *Model) chanParamEffects(f *Func) []ChanEffect {
	sig := f.Obj.Type().(*types.Signature)
	var out []ChanEffect
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if !IsChan(p.Type()) {
			continue
		}
		u := m.ChanUse(f, p)
		e := u.Effect()
		e.Param = i
		if e.Close && !e.Escapes && !u.Assigned && !sig.Variadic() {
			m.ensureEvents(f)
			isClose := func(x *Event) bool { return x.Kind == Close && x.Chan == Ref{Root: p} }
			if f.FirstExit(f.Entry(), isClose) == nil && f.Exhausted() == 0 {
				for _, x := range f.Events {
					if isClose(x) {
						e.CloseAll = true
						break
					}
				}
			}
		}
		if !e.IsZero() {
			out = append(out, e)
		}
	}
	return out
}

// mentions reports whether v is used inside n.
func mentions(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// isLaunchedLit reports whether lit (whose parent node is parent, and
// grandparent grand) is the body of a goroutine: go func() {...}(), or the
// argument of WaitGroup.Go or errgroup's Go.
func isLaunchedLit(info *types.Info, lit *ast.FuncLit, parent, grand ast.Node) bool {
	call, ok := parent.(*ast.CallExpr)
	if !ok {
		return false
	}
	if ast.Unparen(call.Fun) == lit {
		g, ok := grand.(*ast.GoStmt)
		return ok && g.Call == call
	}
	fn := Callee(info, call)
	if IsFunc(fn, "time", "AfterFunc") {
		// A dropped timer only (see builder.call).
		_, dropped := grand.(*ast.ExprStmt)
		return dropped && len(call.Args) == 2 && ast.Unparen(call.Args[1]) == lit
	}
	return IsMethod(fn, "sync", "WaitGroup", "Go") || IsMethod(fn, "golang.org/x/sync/errgroup", "Group", "Go", "TryGo")
}

// runsInCall reports whether the function value fv, an argument of call,
// runs during the call on the caller's goroutine: sync.Once.Do(f) runs f
// at most once, sync.Map.Range(f) once per entry.
func runsInCall(info *types.Info, call *ast.CallExpr, fv ast.Expr) bool {
	fn := Callee(info, call)
	return (IsMethod(fn, "sync", "Once", "Do") || IsMethod(fn, "sync", "Map", "Range")) &&
		len(call.Args) == 1 && ast.Unparen(call.Args[0]) == fv
}

// callbacksInPlace returns the methods that the call of fn, a function of
// the standard library that takes an interface and calls its methods
// before it returns (sort.Sort(x) calls x.Len, x.Less and x.Swap;
// heap.Push(h, v) calls h.Push and the sort methods), runs on the
// argument's concrete type: they are called at the call, on its goroutine
// and under its locks, as if the package called them itself.
func callbacksInPlace(info *types.Info, fn *types.Func, call *ast.CallExpr) []*types.Func {
	if !IsFunc(fn, "sort", "Sort", "Stable", "IsSorted") && !IsFunc(fn, "container/heap", "Init", "Push", "Pop", "Remove", "Fix") || len(call.Args) == 0 {
		return nil
	}
	param := fn.Type().(*types.Signature).Params().At(0).Type()
	iface, ok := param.Underlying().(*types.Interface)
	t := info.TypeOf(call.Args[0])
	if !ok || t == nil || types.IsInterface(t) {
		return nil
	}
	var out []*types.Func
	for i := 0; i < iface.NumMethods(); i++ {
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, iface.Method(i).Name())
		if m, ok := obj.(*types.Func); ok {
			out = append(out, m)
		}
	}
	return out
}

// isCalledInPlace reports whether lit is called where it is written (also
// by a defer).
func isCalledInPlace(lit *ast.FuncLit, parent ast.Node) bool {
	call, ok := parent.(*ast.CallExpr)
	return ok && ast.Unparen(call.Fun) == lit
}

// launchOf returns the Launch event of f whose go statement is n, or whose
// goroutine body is the literal n.
func (m *Model) launchOf(f *Func, n ast.Node) *Event {
	for _, e := range f.Events {
		if e.Kind != Launch {
			continue
		}
		if e.Launch.Node == n || e.Launch.Lit != nil && ast.Node(e.Launch.Lit) == n {
			return e
		}
	}
	return nil
}

// MakeChan returns the make call that defines the local channel variable v
// of f (v := make(chan T, n) or var v = make(chan T, n)), or nil.
func (m *Model) MakeChan(f *Func, v *types.Var) *ast.CallExpr {
	if !f.Declares(v) || v.Pos() < f.Body.Pos() {
		return nil
	}
	info := m.Pass.TypesInfo
	var mk *ast.CallExpr
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if mk != nil {
			return false
		}
		var lhs []ast.Expr
		var rhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs, rhs = n.Lhs, n.Rhs
		case *ast.ValueSpec:
			for _, id := range n.Names {
				lhs = append(lhs, id)
			}
			rhs = n.Values
		default:
			return true
		}
		if len(lhs) != len(rhs) {
			return true
		}
		for k, l := range lhs {
			id, ok := l.(*ast.Ident)
			if !ok || info.Defs[id] != v {
				continue
			}
			call, ok := ast.Unparen(rhs[k]).(*ast.CallExpr)
			if !ok {
				continue
			}
			if fid, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				if bi, ok := info.Uses[fid].(*types.Builtin); ok && bi.Name() == "make" {
					mk = call
				}
			}
		}
		return true
	})
	return mk
}

// ChanCap returns the capacity argument of a make(chan T, n) call (nil for
// an unbuffered channel), and its value when constant.
func (m *Model) ChanCap(mk *ast.CallExpr) (ast.Expr, int64, bool) {
	if len(mk.Args) < 2 {
		return nil, 0, true
	}
	tv := m.Pass.TypesInfo.Types[mk.Args[1]]
	if tv.Value != nil {
		if n, ok := constantInt64(tv.Value); ok {
			return mk.Args[1], n, true
		}
	}
	return mk.Args[1], 0, false
}

// IsChanOp reports whether e is a Send, Recv or RangeChan (or Close, with
// close) on the channel r.
func IsChanOp(e *Event, r Ref, kinds ...EventKind) bool {
	if e.Chan != r {
		return false
	}
	for _, k := range kinds {
		if e.Kind == k {
			return true
		}
	}
	return false
}

// selectCases maps the send and receive events of f that are cases of a
// select (TryRecv and TrySend for a select with default) to their clause. The CFG evaluates every case
// of a select before it branches to one of them: an operation of a case
// happens only on the paths through the case's body.
func (f *Func) selectCases() map[*Event]*ast.CommClause {
	ops := make(map[ast.Node]*ast.CommClause)
	f.InspectBody([]ast.Node{(*ast.FuncLit)(nil), (*ast.CommClause)(nil)}, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CommClause:
			var op ast.Node
			switch c := n.Comm.(type) {
			case *ast.SendStmt:
				op = c
			case *ast.ExprStmt:
				op = ast.Unparen(c.X)
			case *ast.AssignStmt:
				if len(c.Rhs) == 1 {
					op = ast.Unparen(c.Rhs[0])
				}
			}
			if op != nil {
				ops[op] = n
			}
		}
		return true
	})
	out := make(map[*Event]*ast.CommClause)
	for _, e := range f.Events {
		if e.Kind == Send || e.Kind == Recv || e.Kind == Sleep || e.Kind == TryRecv || e.Kind == TrySend {
			if cc := ops[e.Node]; cc != nil {
				out[e] = cc
			}
		}
	}
	return out
}

// LocalChan is a channel variable of a function defined by make.
type LocalChan struct {
	Var  *types.Var
	Make *ast.CallExpr
	Use  *ChanUse
	Ref  Ref // Ref{Root: Var}
}

// LocalChans returns the channel variables that f defines with make, with
// their uses, in the order of their definitions. It is computed once.
func (m *Model) LocalChans(f *Func) []*LocalChan {
	f.localChansOnce.Do(func() { f.localChans = m.localChans(f) })
	return f.localChans
}

func (m *Model) localChans(f *Func) []*LocalChan {
	info := m.Pass.TypesInfo
	// One walk finds the definitions of channel variables by make (as
	// MakeChan does for one variable).
	var out []*LocalChan
	ast.Inspect(f.Body, func(n ast.Node) bool {
		var lhs, rhs []ast.Expr
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			lhs, rhs = n.Lhs, n.Rhs
		case *ast.ValueSpec:
			for _, id := range n.Names {
				lhs = append(lhs, id)
			}
			rhs = n.Values
		default:
			return true
		}
		if len(lhs) != len(rhs) {
			return true
		}
		for k, l := range lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				continue
			}
			v, ok := info.Defs[id].(*types.Var)
			if !ok || !IsChan(v.Type()) {
				continue
			}
			call, ok := ast.Unparen(rhs[k]).(*ast.CallExpr)
			if !ok {
				continue
			}
			if fid, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				if bi, ok := info.Uses[fid].(*types.Builtin); ok && bi.Name() == "make" {
					out = append(out, &LocalChan{Var: v, Make: call, Ref: Ref{Root: v}})
				}
			}
		}
		return true
	})
	for _, lc := range out {
		lc.Use = m.ChanUse(f, lc.Var)
	}
	return out
}

// Mentions returns the variables declared outside the goroutine that the
// goroutine started by launch uses: captured by its literal, or reached
// from the arguments and receiver of the function it runs.
func (m *Model) Mentions(launch *Event) map[*types.Var]bool {
	info := m.Pass.TypesInfo
	out := make(map[*types.Var]bool)
	li := launch.Launch
	add := func(n ast.Node, inside ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok {
					if inside == nil || v.Pos() < inside.Pos() || v.Pos() >= inside.End() {
						out[v] = true
					}
				}
			}
			return true
		})
	}
	if li.Lit != nil {
		add(li.Lit.Body, li.Lit)
	}
	if li.Recv != nil {
		add(li.Recv, nil)
	}
	for _, a := range li.Args {
		add(a, nil)
	}
	return out
}

// EnclosingLoop returns the innermost for or range statement of f that
// contains n (outside function literals), or nil.
func (f *Func) EnclosingLoop(n ast.Node) ast.Stmt {
	var loop ast.Stmt
	for _, x := range enclosing(f.Body, n) {
		switch x := x.(type) {
		case *ast.ForStmt:
			if x != n {
				loop = x
			}
		case *ast.RangeStmt:
			if x != n {
				loop = x
			}
		}
	}
	return loop
}

// SelectSearch explores the paths from p like the path queries of Func,
// except that the operation of a select case is visited on the paths
// through the case's body only, and that enter is called (when not nil)
// each time a path enters a block, with the case clause when the block is
// a select case body. Edges for which skip returns true are not followed.
// It returns false when the search stopped at SearchBudget before it was
// done: what it found is not all there is. The state that enterCase gives
// must come from a finite domain (which case was entered, not how many
// times), or loops around a select are unrolled until the budget.
func (f *Func) SelectSearch(p Point, skip func(from, to *cfg.Block) bool, visit func(e *Event, state int) (stop bool, next int), enterCase func(cc *ast.CommClause, state int) int, exit func(ret *ast.ReturnStmt, state int) bool) bool {
	var skipState func(from, to *cfg.Block, state int) bool
	if skip != nil {
		skipState = func(from, to *cfg.Block, _ int) bool { return skip(from, to) }
	}
	return f.selectSearch(p, skipState, visit, enterCase, exit)
}

// IterationSearch is SelectSearch over one iteration of loop, a for or
// range statement of f that contains p: a path that follows an edge from
// a block of loop's body to a block outside it (the loop's head, post
// statement or done block, or a label outside the loop, by continue,
// break or falling off the end of the body) ends there, and leave is
// called with the edge and the path's state; leave returning true ends
// the search, as exit does for a return.
func (f *Func) IterationSearch(p Point, loop ast.Stmt, visit func(e *Event, state int) (stop bool, next int), enterCase func(cc *ast.CommClause, state int) int, exit func(ret *ast.ReturnStmt, state int) bool, leave func(from, to *cfg.Block, state int) bool) bool {
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	default:
		return false
	}
	inside := func(b *cfg.Block) bool {
		if b.Stmt == loop {
			return b.Kind == cfg.KindForBody || b.Kind == cfg.KindRangeBody
		}
		return b.Stmt != nil && b.Stmt.Pos() >= body.Lbrace && b.Stmt.End() <= body.Rbrace
	}
	done := false
	return f.selectSearch(p, func(from, to *cfg.Block, st int) bool {
		if done {
			return true
		}
		if inside(from) && !inside(to) {
			done = leave(from, to, st)
			return true
		}
		return false
	}, func(e *Event, st int) (bool, int) {
		if done {
			return true, st
		}
		return visit(e, st)
	}, enterCase, func(ret *ast.ReturnStmt, st int) bool {
		return done || exit(ret, st)
	}) || done
}

// LeavingBranch returns the break, continue or goto statement of loop's
// body that ends the iteration on the edge from the block from (see
// IterationSearch), or nil when the path falls off the end of the body.
// The statement is the first one after the block's nodes that leaves loop.
func (f *Func) LeavingBranch(info *types.Info, loop ast.Stmt, from *cfg.Block) *ast.BranchStmt {
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	default:
		return nil
	}
	anchor := body.Lbrace
	if from.Stmt != nil && from.Stmt != loop {
		switch from.Kind {
		case cfg.KindIfDone, cfg.KindForDone, cfg.KindRangeDone, cfg.KindSwitchDone, cfg.KindSelectDone:
			anchor = from.Stmt.End()
		default:
			anchor = from.Stmt.Pos()
		}
	}
	if n := len(from.Nodes); n > 0 && from.Nodes[n-1].End() > anchor {
		anchor = from.Nodes[n-1].End()
	}
	var found *ast.BranchStmt
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if found != nil {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		stack = append(stack, n)
		br, ok := n.(*ast.BranchStmt)
		if !ok || br.Pos() < anchor {
			return true
		}
		if leavesLoop(info, body, br, stack) {
			found = br
		}
		return true
	})
	return found
}

// leavesLoop reports whether the branch statement br, nested in body (the
// body of a loop) through stack, leaves the loop's iteration.
func leavesLoop(info *types.Info, body *ast.BlockStmt, br *ast.BranchStmt, stack []ast.Node) bool {
	if br.Label != nil {
		l, ok := info.Uses[br.Label].(*types.Label)
		return ok && (l.Pos() < body.Lbrace || l.Pos() > body.Rbrace)
	}
	for _, n := range stack {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return false
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			if br.Tok == token.BREAK {
				return false
			}
		}
	}
	return br.Tok == token.BREAK || br.Tok == token.CONTINUE
}

func (f *Func) selectSearch(p Point, skip func(from, to *cfg.Block, state int) bool, visit func(e *Event, state int) (stop bool, next int), enterCase func(cc *ast.CommClause, state int) int, exit func(ret *ast.ReturnStmt, state int) bool) bool {
	cases := f.selectCases()
	byClause := make(map[*ast.CommClause][]*Event)
	for e, cc := range cases {
		byClause[cc] = append(byClause[cc], e)
	}
	return f.searchEdges(p, skip, func(e *Event, st int) (bool, int) {
		if cases[e] != nil {
			return false, st
		}
		return visit(e, st)
	}, exit, func(b *cfg.Block, st int) (bool, int) {
		if b.Kind != cfg.KindSelectCaseBody {
			return false, st
		}
		cc, _ := b.Stmt.(*ast.CommClause)
		if enterCase != nil {
			st = enterCase(cc, st)
		}
		for _, e := range byClause[cc] {
			var stop bool
			if stop, st = visit(e, st); stop {
				return true, st
			}
		}
		return false, st
	})
}

// SelectCases returns the send and receive events of f that are cases of a
// select, with their clause.
func (f *Func) SelectCases() map[*Event]*ast.CommClause { return f.selectCases() }

// Conditional reports whether n runs under a condition inside outer (an
// ancestor statement, or f's body when nil): it is nested in an if, a
// switch or a select case.
func (f *Func) Conditional(n ast.Node, outer ast.Node) bool {
	inside := outer == nil
	for _, x := range enclosing(f.Body, n) {
		if x == outer {
			inside = true
			continue
		}
		if !inside || x == n {
			continue
		}
		switch x.(type) {
		case *ast.IfStmt, *ast.CaseClause, *ast.CommClause:
			return true
		}
	}
	return false
}

// SentResult is a result of a function that is an unbuffered channel the
// function makes and returns, on which goroutines it starts (on every path
// that returns the channel) send, and that nothing else uses: a caller
// that drops the result leaves those goroutines blocked forever.
type SentResult struct {
	Result int           // index of the result
	Make   *ast.CallExpr // the make of the channel
	Launch *Event        // a goroutine that sends on it
}

// SentResults returns the sent results of fn (see SentResult): computed
// for a function of this package, with its make and launch; from its
// summary for another package (Make and Launch nil).
func (m *Model) SentResults(fn *types.Func) []SentResult {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if f := m.funcDecl(fn); f != nil {
		return m.sentResults(f)
	}
	s := m.summaryOfFunc(fn)
	if s == nil {
		return nil
	}
	var out []SentResult
	for _, i := range s.SentResults {
		out = append(out, SentResult{Result: i})
	}
	return out
}

// sentResults computes the sent results of f, a declared function.
func (m *Model) sentResults(f *Func) []SentResult {
	if f.Obj == nil {
		return nil
	}
	sig := f.Obj.Type().(*types.Signature)
	hasChan := false
	for i := range sig.Results().Len() {
		if IsChan(sig.Results().At(i).Type()) {
			hasChan = true
		}
	}
	if !hasChan {
		return nil
	}
	m.ensureEvents(f)
	var out []SentResult
	for _, lc := range m.localChans(f) {
		if r, ok := m.sentResult(f, lc); ok {
			out = append(out, r)
		}
	}
	return out
}

func (m *Model) sentResult(f *Func, lc *LocalChan) (SentResult, bool) {
	u := lc.Use
	if u.Assigned || len(u.Calls) > 0 || len(u.Goroutines) == 0 || len(u.Sends)+len(u.Recvs)+len(u.Ranges)+len(u.Closes)+len(u.SelectOps) > 0 {
		return SentResult{}, false
	}
	if _, n, ok := m.ChanCap(lc.Make); !ok || n != 0 {
		return SentResult{}, false
	}
	launches := make(map[*Event]bool)
	for _, g := range u.Goroutines {
		e := g.Effect
		if e.Send == 0 || e.Recv > 0 || e.Range || e.Select || e.Escapes || g.Launch.Deferred {
			return SentResult{}, false // it may stop, or wait for someone
		}
		launches[g.Launch] = true
	}
	// Every use of the channel outside the goroutines is a result of a
	// return of f, always the same one.
	info := m.Pass.TypesInfo
	inLaunch := func(n ast.Node) bool {
		for _, g := range u.Goroutines {
			if n.Pos() >= g.Launch.Node.Pos() && n.End() <= g.Launch.Node.End() {
				return true
			}
		}
		return false
	}
	result := -1
	returns := make(map[*ast.ReturnStmt]bool)
	ok := true
	var stack []ast.Node
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if !ok {
			return false
		}
		if inLaunch(n) {
			return false
		}
		stack = append(stack, n)
		id, isID := n.(*ast.Ident)
		if !isID || info.Uses[id] != lc.Var {
			return true
		}
		var ret *ast.ReturnStmt
		k := -1
		for i := len(stack) - 2; i >= 0; i-- {
			if _, paren := stack[i].(*ast.ParenExpr); paren {
				continue
			}
			if r, isRet := stack[i].(*ast.ReturnStmt); isRet {
				for j, x := range r.Results {
					if ast.Unparen(x) == id {
						ret, k = r, j
					}
				}
			}
			break
		}
		for _, x := range stack {
			if _, lit := x.(*ast.FuncLit); lit {
				ret = nil // a callback, or a literal's own return
			}
		}
		if ret == nil || result >= 0 && k != result {
			ok = false
			return false
		}
		result = k
		returns[ret] = true
		return true
	})
	if !ok || result < 0 {
		return SentResult{}, false
	}
	// Every path that returns the channel has started a goroutine.
	var first *Event
	bad := false
	complete := f.search(f.Entry(), func(e *Event, st int) (bool, int) {
		if launches[e] {
			if first == nil {
				first = e
			}
			return false, 1
		}
		return false, st
	}, func(ret *ast.ReturnStmt, st int) bool {
		if returns[ret] && st == 0 {
			bad = true
		}
		return bad
	})
	if !complete || bad || first == nil {
		return SentResult{}, false
	}
	return SentResult{Result: result, Make: lc.Make, Launch: first}, true
}

// DiscardedCalls returns the calls of f (outside function literals) whose
// results are all dropped: a call statement, or _ = call().
func (f *Func) DiscardedCalls() []*ast.CallExpr {
	var out []*ast.CallExpr
	f.InspectBody([]ast.Node{(*ast.FuncLit)(nil), (*ast.ExprStmt)(nil), (*ast.AssignStmt)(nil)}, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ExprStmt:
			if call, ok := ast.Unparen(n.X).(*ast.CallExpr); ok {
				out = append(out, call)
			}
		case *ast.AssignStmt:
			if len(n.Rhs) != 1 {
				return true
			}
			call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
			if !ok {
				return true
			}
			for _, l := range n.Lhs {
				if id, isID := l.(*ast.Ident); !isID || id.Name != "_" {
					return true
				}
			}
			out = append(out, call)
		}
		return true
	})
	return out
}
