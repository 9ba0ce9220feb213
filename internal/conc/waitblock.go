package conc

import (
	"go/ast"
	"go/types"
)

// BlockedWait is a WaitGroup Wait that waits for a goroutine which, on
// every path to its Done, first blocks on a channel whose every
// counterpart operation the model sees is in the waiting function, on
// paths that pass the Wait first: the goroutine waits for the waiter, the
// waiter for the goroutine's Done, and neither goes on.
type BlockedWait struct {
	Wait   *Event // the Wait of the waiting function
	Launch *Event // the goroutine's start, on a path to the Wait
	// Op is the goroutine's first blocking operation (an event of the
	// goroutine's body); Ops are all of them, one per path.
	Op   *Event
	Ops  []*Event
	Chan Ref  // the channel, as the waiting function names it
	Send bool // the goroutine sends (else it receives or ranges)
	// Counter is a counterpart operation of the waiting function (a
	// receive for a send; a send or close for a receive), reached only
	// after the Wait.
	Counter *Event
}

// BlockedWaits returns the blocked waits of f (see BlockedWait), at most
// one per Wait, in the order of f's events.
//
// The answer is kept to what the model sees entirely:
//
//   - the Wait is f's own (not deferred, not in a callee), on a WaitGroup
//     some Add of f (or WaitGroup.Go) counts the goroutine on;
//   - the goroutine's body is known; it calls Done on every path (or is
//     run by WaitGroup.Go); before the blocking operation it makes no
//     call the model cannot resolve, no other blocking operation, no
//     select, no Done, no goroutine start, and no path ends in a call
//     that never returns (t.FailNow runs the deferred Done);
//   - the channel is a local channel of f made by make that does not
//     escape, is not assigned and is not passed to any function, or an
//     unexported channel field whose every operation the package's index
//     sees (Visible); a send is on an unbuffered channel (make(chan T),
//     a constant capacity 0, or never made);
//   - every counterpart operation is an event of f (none in another
//     function, in a goroutine, in a literal, or deferred), and no path
//     from the goroutine's start reaches one without passing the Wait;
//     for a receive, no path from one (a close, a buffered send: they
//     stay for the receiver) reaches the start without passing the Wait.
func (m *Model) BlockedWaits(f *Func) []BlockedWait {
	m.ensureEvents(f)
	var out []BlockedWait
	for _, w := range f.Events {
		if w.Kind != Wait || w.Indirect || w.Deferred || w.Ref.IsZero() {
			continue
		}
		for _, l := range f.Events {
			if l.Kind != Launch {
				continue
			}
			if bw, ok := m.blockedWait(f, w, l); ok {
				out = append(out, bw)
				break
			}
		}
	}
	return out
}

// blockedWait checks one goroutine start l of f against the Wait w.
func (m *Model) blockedWait(f *Func, w, l *Event) (BlockedWait, bool) {
	r := w.Ref
	isW := func(x *Event) bool { return x == w }
	if f.Reaches(l.After(), isW, nil) == nil {
		return BlockedWait{}, false // the Wait does not follow the start
	}
	g := m.Goroutine(f, l)
	if !g.Known || g.Body == nil {
		return BlockedWait{}, false
	}
	switch g.Launch.Kind {
	case WaitGroupGo:
		if g.Launch.Group != r {
			return BlockedWait{}, false
		}
		for _, re := range g.Effects {
			if re.Ref == r {
				return BlockedWait{}, false // Go calls Done: any other effect is not counted
			}
		}
	case GoStmt:
		eff, ok := g.EffectOn(r)
		if !ok || !eff.DoneAll || eff.Add || eff.Wait || eff.Escapes {
			return BlockedWait{}, false
		}
		counted := false
		for _, a := range f.Events {
			if a.Kind == Add && a.Ref == r && !a.Deferred && f.Reaches(a.After(), func(x *Event) bool { return x == l }, nil) != nil {
				counted = true
				break
			}
		}
		if !counted {
			return BlockedWait{}, false
		}
	default:
		return BlockedWait{}, false
	}
	ops, ok := m.firstBlocking(g.Body)
	if !ok {
		return BlockedWait{}, false
	}
	send := ops[0].Kind == Send
	ch, ok := m.launchRef(g, ops[0].Chan)
	if !ok {
		return BlockedWait{}, false
	}
	var counters []*Event
	if ch.Path == "" {
		counters, ok = m.localCounters(f, l, ch, send)
	} else {
		counters, ok = m.fieldCounters(f, ch, send)
	}
	if !ok || len(counters) == 0 {
		return BlockedWait{}, false
	}
	isCounter := make(map[*Event]bool)
	for _, c := range counters {
		if c.Deferred {
			return BlockedWait{}, false
		}
		isCounter[c] = true
	}
	if f.Reaches(l.After(), func(x *Event) bool { return isCounter[x] }, isW) != nil {
		return BlockedWait{}, false // the counterpart may run before the Wait
	}
	if !send {
		// A close, or a send into the buffer, stays for the receiver:
		// one on a path to the start serves the goroutine.
		isL := func(x *Event) bool { return x == l }
		for _, c := range counters {
			if f.Reaches(c.After(), isL, isW) != nil {
				return BlockedWait{}, false
			}
		}
	}
	counter := counters[0]
	for _, c := range counters {
		if send && (c.Kind == Recv || c.Kind == RangeChan) || !send && (c.Kind == Send || c.Kind == Close) {
			counter = c // a plain counterpart rather than a select case
			break
		}
	}
	return BlockedWait{Wait: w, Launch: l, Op: ops[0], Ops: ops, Chan: ch, Send: send, Counter: counter}, true
}

// firstBlocking returns the blocking channel operations that every path
// of body meets first, before any Done: blocking sends, or blocking
// receives and ranges, all on one channel. It fails when a path returns,
// calls Done, makes an unresolved call, starts a goroutine, selects or
// blocks otherwise before such an operation, or when the body has a call
// that ends the goroutine without returning.
func (m *Model) firstBlocking(body *Func) ([]*Event, bool) {
	for _, e := range body.Events {
		if e.Kind == Exit {
			return nil, false // t.FailNow runs the deferred Done
		}
	}
	cases := body.SelectCases()
	var ops []*Event
	seen := make(map[*Event]bool)
	ok := true
	complete := body.Search(body.Entry(), func(e *Event, st int) (bool, int) {
		if !ok {
			return true, st
		}
		if e.Deferred {
			return false, st // runs at the return: a path that returns fails there
		}
		switch {
		case cases[e] != nil:
			ok = false // another case may be taken
		case (e.Kind == Send || e.Kind == Recv || e.Kind == RangeChan) && !e.Chan.IsZero():
			if !seen[e] {
				seen[e] = true
				ops = append(ops, e)
			}
			return true, 1
		case e.Kind.Blocks(), e.Kind == Done, e.Kind == MaybeDone, e.Kind == Unknown, e.Kind == Launch:
			ok = false
		}
		return !ok, st
	}, func(_ *ast.ReturnStmt, st int) bool {
		if st == 0 {
			ok = false // returns (and calls a deferred Done) without blocking
		}
		return !ok
	})
	if !complete || !ok || len(ops) == 0 {
		return nil, false
	}
	send := ops[0].Kind == Send
	for _, op := range ops[1:] {
		if op.Chan != ops[0].Chan || (op.Kind == Send) != send {
			return nil, false
		}
	}
	return ops, true
}

// launchRef returns the object that r, a Ref of the body of the goroutine
// g, names in the function that starts g: a variable the literal
// captures, or the argument (or receiver) passed for a parameter.
func (m *Model) launchRef(g *Goroutine, r Ref) (Ref, bool) {
	body := g.Body
	if !body.Declares(r.Root) {
		if g.Launch.Lit == nil {
			return Ref{}, false
		}
		return r, true // captured
	}
	var arg ast.Expr
	switch {
	case g.Launch.Fn != nil:
		idx, ok := paramIndex(g.Launch.Fn)[r.Root]
		if !ok {
			return Ref{}, false
		}
		if idx < 0 {
			arg = g.Launch.Recv
		} else if idx < len(g.Launch.Args) {
			arg = g.Launch.Args[idx]
		}
		if sig := g.Launch.Fn.Type().(*types.Signature); sig.Variadic() && idx == sig.Params().Len()-1 {
			return Ref{}, false
		}
	case g.Launch.Lit != nil:
		k := 0
		for _, fld := range g.Launch.Lit.Type.Params.List {
			if _, variadic := fld.Type.(*ast.Ellipsis); variadic {
				break
			}
			for _, name := range fld.Names {
				if m.Pass.TypesInfo.Defs[name] == r.Root && k < len(g.Launch.Args) {
					arg = g.Launch.Args[k]
				}
				k++
			}
			if len(fld.Names) == 0 {
				k++
			}
		}
	}
	if arg == nil {
		return Ref{}, false
	}
	base, ok := RefOf(m.Pass.TypesInfo, arg)
	if !ok {
		return Ref{}, false
	}
	base.Path += r.Path
	return base, true
}

// localCounters returns the counterpart operations on the local channel
// ch of f for a goroutine started at l that sends on it (send) or
// receives from it: the receives, ranges and select cases of f (for a
// send), or its sends, closes and select cases. It fails when the channel
// is not a local of f made by make, when it may have a party the model
// does not see (it escapes, is assigned or passed to a function), when a
// goroutine other than l's may complete the operation, or when a send is
// on a buffered channel.
func (m *Model) localCounters(f *Func, l *Event, ch Ref, send bool) ([]*Event, bool) {
	var lc *LocalChan
	for _, x := range m.LocalChans(f) {
		if x.Var == ch.Root {
			lc = x
		}
	}
	if lc == nil {
		return nil, false
	}
	u := lc.Use
	if u.Escapes || u.Assigned || len(u.Calls) > 0 {
		return nil, false
	}
	if send {
		if _, n, known := m.ChanCap(lc.Make); !known || n != 0 {
			return nil, false // the send may complete into the buffer
		}
	}
	for _, cg := range u.Goroutines {
		e := cg.Effect
		if e.Escapes || e.Select {
			return nil, false
		}
		if send && (e.Recv > 0 || e.Range) || !send && (e.Send > 0 || e.Close) {
			return nil, false // a goroutine that may complete the operation
		}
	}
	nodes := append([]ast.Node{}, u.SelectOps...)
	if send {
		nodes = append(append(nodes, u.Recvs...), u.Ranges...)
	} else {
		nodes = append(append(nodes, u.Sends...), u.Closes...)
	}
	return eventsAt(f, nodes)
}

// fieldCounters returns the counterpart operations on the channel field
// ch: the receives and ranges of the package for a send, its sends and
// closes for a receive. It fails when the field is not Visible, when a
// send is on a channel the package may make with a buffer, or when a
// counterpart is not an event of f.
func (m *Model) fieldCounters(f *Func, ch Ref, send bool) ([]*Event, bool) {
	class := Class(ch)
	if class == "" || !m.Visible(class) {
		return nil, false
	}
	var nodes []ast.Node
	for _, op := range m.Objects().Ops(class) {
		switch op.Kind {
		case OpMake:
			if !send || isNilExpr(m.Pass.TypesInfo, op.Value) {
				continue
			}
			mk, ok := ast.Unparen(op.Value).(*ast.CallExpr)
			if !ok {
				return nil, false
			}
			if _, n, known := m.ChanCap(mk); !known || n != 0 {
				return nil, false
			}
		case OpRecv, OpRange:
			if !send {
				continue
			}
		case OpSend, OpClose:
			if send {
				continue
			}
		default:
			continue
		}
		if op.Kind == OpMake {
			continue
		}
		if op.Func != f {
			return nil, false // another function, a goroutine, a literal
		}
		nodes = append(nodes, op.Node)
	}
	return eventsAt(f, nodes)
}

// eventsAt returns the channel events of f at the nodes, failing when a
// node is not one of f's events.
func eventsAt(f *Func, nodes []ast.Node) ([]*Event, bool) {
	want := make(map[ast.Node]bool, len(nodes))
	for _, n := range nodes {
		want[n] = true
	}
	var out []*Event
	found := make(map[ast.Node]bool)
	for _, e := range f.Events {
		switch e.Kind {
		case Send, Recv, RangeChan, Close, TryRecv, TrySend:
			if want[e.Node] {
				out = append(out, e)
				found[e.Node] = true
			}
		}
	}
	if len(found) != len(want) {
		return nil, false
	}
	return out, true
}

// isNilExpr reports whether e is the identifier nil.
func isNilExpr(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}
