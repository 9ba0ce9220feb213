package chanlock

import (
	"fmt"
	"go/ast"

	"github.com/wglint/wglint/internal/conc"
	"github.com/wglint/wglint/internal/flow"

	"golang.org/x/tools/go/analysis"
)

// checkFields reports, in f, a blocking operation on a channel field or a
// Wait on a WaitGroup field made while holding a mutex that every other
// party of the object needs first: the goroutine that would receive (or
// send, close, call Done) locks the same mutex before its operation, so
// neither goes on. Only objects that the package alone can reach are
// judged (every party is seen).
func checkFields(pass *analysis.Pass, m *conc.Model, f *conc.Func, cases map[*conc.Event]bool) {
	objs := m.Objects()
	reported := make(map[*conc.Event]bool)
	for _, lock := range f.Events {
		if lock.Kind != conc.Lock || lock.Deferred || lock.Read {
			continue
		}
		muClass := m.Class(lock.Ref)
		if muClass == "" || m.HandedOff(f, lock.Ref) {
			continue
		}
		for _, op := range f.ReachableEvents(lock.After(), conc.Releases(lock.Ref)) {
			if reported[op] || op.Deferred || cases[op] {
				continue
			}
			var obj conc.Ref
			var wanted []conc.OpKind
			switch op.Kind {
			case conc.Send:
				obj, wanted = op.Chan, []conc.OpKind{conc.OpRecv, conc.OpRange}
			case conc.Recv, conc.RangeChan:
				obj, wanted = op.Chan, []conc.OpKind{conc.OpSend, conc.OpClose}
			case conc.Wait:
				obj, wanted = op.Ref, []conc.OpKind{conc.OpDone}
			default:
				continue
			}
			if obj.IsZero() || obj.Path == "" {
				continue // locals are checked by check
			}
			class := m.Class(obj)
			if class == "" || !m.Visible(class) {
				continue
			}
			if op.Kind == conc.Send && !unbuffered(pass, objs.Ops(class)) {
				continue // the send may complete into the buffer
			}
			other, otherLock := otherSideNeeds(m, f, objs.Ops(class), wanted, muClass)
			if other == nil {
				continue
			}
			reported[op] = true
			report(pass, lock, op, other, otherLock, obj)
		}
	}
}

// otherSideNeeds returns one operation of the wanted kinds on the object
// and the acquisition of a mutex of class muClass that precedes it, when
// every such operation, in another function, is reached only after
// acquiring it; nil otherwise (or when there is no such operation: the
// check nopeer reports those).
func otherSideNeeds(m *conc.Model, f *conc.Func, ops []*conc.Op, wanted []conc.OpKind, muClass string) (*conc.Op, *conc.Event) {
	var first *conc.Op
	var firstLock *conc.Event
	n := 0
	for _, op := range ops {
		if !oneOf(op.Kind, wanted) {
			continue
		}
		n++
		g := op.Func
		if g == f {
			return nil, nil // the same function: not another goroutine's part
		}
		ev := eventAt(g, op.Node)
		if ev == nil {
			return nil, nil
		}
		isLock := func(e *conc.Event) bool {
			return (e.Kind == conc.Lock || e.Kind == conc.LockCall) && !e.Deferred && m.Class(e.Ref) == muClass
		}
		// Every path of g to the operation acquires the mutex first (or g
		// is called with it held).
		held := false
		for _, h := range m.EntryLocks(g) {
			if m.Class(h.Ref) == muClass {
				held = true
			}
		}
		if !held && g.Reaches(g.Entry(), func(e *conc.Event) bool { return e == ev }, isLock) != nil {
			return nil, nil
		}
		if first == nil {
			first = op
			firstLock = g.Reaches(g.Entry(), isLock, nil)
			if firstLock == nil {
				firstLock = ev // held by the callers
			}
		}
	}
	if n == 0 {
		return nil, nil
	}
	return first, firstLock
}

func oneOf(k conc.OpKind, kinds []conc.OpKind) bool {
	for _, x := range kinds {
		if k == x {
			return true
		}
	}
	return false
}

// eventAt returns the event of g whose node is n.
func eventAt(g *conc.Func, n ast.Node) *conc.Event {
	for _, e := range g.Events {
		if e.Node == n {
			return e
		}
	}
	return nil
}

// unbuffered reports whether every value the package gives the channel
// field is an unbuffered make.
func unbuffered(pass *analysis.Pass, ops []*conc.Op) bool {
	made := false
	for _, op := range ops {
		if op.Kind != conc.OpMake {
			continue
		}
		call, ok := ast.Unparen(op.Value).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return false
		}
		made = true
	}
	return made
}

func report(pass *analysis.Pass, lock, op *conc.Event, other *conc.Op, otherLock *conc.Event, obj conc.Ref) {
	mu := lock.Ref
	verb := "receives from"
	side := "send on or close"
	switch op.Kind {
	case conc.Send:
		verb, side = "sends on", "receive from"
	case conc.Wait:
		verb, side = "waits for", "call Done on"
	}
	what := obj.String()
	if op.Kind == conc.Wait {
		what = obj.String() + " (Wait)"
	}
	otherName := other.Func.Name()
	line := pass.Fset.Position(otherLock.Pos()).Line
	d := analysis.Diagnostic{
		Pos: op.Node.Pos(), End: op.Node.End(), Category: "lock-held-on-object",
		Message: fmt.Sprintf("%s %s while holding %s (locked at line %d), but %s locks %s at line %d before it can %s it: both block forever; unlock %s before this operation",
			verb, what, mu, pass.Fset.Position(lock.Pos()).Line, otherName, conc.ClassLabel(mu), line, side, mu),
	}
	flow.Set(&d,
		flow.Thread{Name: "this goroutine", Steps: []flow.Step{
			{Pos: lock.Pos(), Message: fmt.Sprintf("%s is locked here", mu)},
			{Pos: op.Node.Pos(), End: op.Node.End(), Message: fmt.Sprintf("then it %s %s, holding %s", verb, obj, mu), Primary: true},
		}},
		flow.Thread{Name: fmt.Sprintf("%s, on the other side of %s", otherName, obj), Steps: []flow.Step{
			{Pos: otherLock.Pos(), Message: fmt.Sprintf("it waits for %s here", conc.ClassLabel(mu))},
			{Pos: other.Node.Pos(), Message: fmt.Sprintf("before it can %s %s here", side, obj)},
		}},
	)
	pass.Report(d)
}
