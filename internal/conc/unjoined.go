package conc

import "go/ast"

// Unjoined is a goroutine started by a root (main or a test) that the root
// may return without waiting for.
type Unjoined struct {
	Root      *Root
	Goroutine *Goroutine
	Return    *ast.ReturnStmt // a return reached from the launch without a join
	// Sleep is a time.Sleep (outside loops) on such a path: it is used in
	// place of a join.
	Sleep *Event
	// SleepBefore is a sleep that comes before the launch (when no sleep
	// follows it): it waits for nothing.
	SleepBefore *Event
}

// joins reports whether e waits for other goroutines, or tells them to
// stop, for the purpose of a root's return.
func joins(e *Event) bool { return e.Kind.Blocks() || e.Kind == Close }

// Unjoined returns the goroutines that roots of the package may leave
// running when they return, in source order.
// It is computed once.
func (m *Model) Unjoined() []*Unjoined {
	m.unjoinedOnce.Do(func() {
		for _, root := range m.Roots() {
			m.unjoined = append(m.unjoined, m.unjoinedIn(root)...)
		}
	})
	return m.unjoined
}

func (m *Model) unjoinedIn(root *Root) []*Unjoined {
	f := root.Func
	for _, e := range f.Events {
		if e.Deferred && joins(e) {
			return nil // a deferred join (or t.Cleanup) covers every return
		}
	}
	var out []*Unjoined
	for _, e := range f.Events {
		if e.Kind != Launch || e.Deferred || e.Launch.Kind == AfterFunc {
			continue // a timer's function may never run: nothing to join
		}
		g := m.Goroutine(f, e)
		if !g.Known || g.Forever() || g.Body != nil && m.servesForever(g.Body) {
			continue // a daemon, or code we cannot see
		}
		if root.Kind == TestRoot && !g.UsesTesting {
			continue // only goroutines that report through t are harmed
		}
		// A call the model cannot follow that may wait for the
		// goroutine (it reaches what the goroutine uses, or one of the
		// functions it may run waits) may be its join.
		mentions := m.Mentions(e)
		joins := func(x *Event) bool { return joins(x) || MayJoin(x, mentions) }
		ret := f.FirstExitAssumingLoops(e.After(), joins)
		if ret == nil {
			continue
		}
		u := &Unjoined{Root: root, Goroutine: g, Return: ret}
		if sl, ret2 := f.ExitVia(e.After(), joins, func(x *Event) bool {
			return x.Kind == Sleep && !x.Deferred && !f.InLoop(x)
		}); sl != nil {
			u.Sleep, u.Return = sl, ret2
		} else {
			u.SleepBefore = m.sleepBefore(f, e)
		}
		out = append(out, u)
	}
	return out
}

// sleepBefore returns a sleep outside loops that precedes the launch e and
// follows no other launch: it cannot be waiting for any goroutine.
func (m *Model) sleepBefore(f *Func, launch *Event) *Event {
	for _, s := range f.Events {
		if s.Kind != Sleep || s.Deferred || f.InLoop(s) {
			continue
		}
		if f.Reaches(s.After(), func(x *Event) bool { return x == launch }, nil) == nil {
			continue // the sleep does not come before the launch
		}
		if f.Reaches(f.Entry(), func(x *Event) bool { return x == s }, func(x *Event) bool { return x.Kind == Launch }) == nil {
			continue // every path to the sleep starts a goroutine first
		}
		return s
	}
	return nil
}

// servesForever reports whether f calls a function that never returns
// normally by design (an HTTP server's ListenAndServe, a function whose
// summary says it runs forever): a goroutine that does is meant to live
// as long as the program (a debug listener).
func (m *Model) servesForever(f *Func) bool {
	found := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if fn := m.StaticCallee(n); fn != nil {
				if s := m.summaryOfFunc(fn); s != nil && s != recursive && s.Forever && s.JoinDepth > 0 {
					found = true
				}
			}
		}
		return true
	})
	return found
}
