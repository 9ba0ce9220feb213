package conc

import (
	"go/ast"
	"go/types"
	"sync"
)

// This file is the goroutine layer of the model: on which goroutines a
// function of the package may run, and which functions may run while a
// function that runs once (main, a test) runs. A lock order, a race, a
// deadlock between two operations needs the two to run on goroutines
// that overlap: not one after the other on the same goroutine, not one
// after the other goroutine has finished.

// An entry is where the package's code starts running: the body of a
// goroutine the package starts, a root (main, a test), or the outside
// world (exported functions and methods, functions used as values,
// init), which may run on any goroutine.
type entry struct {
	fn       *Func // the goroutine body or root; nil for the outside world
	external bool
}

// goroutines is the goroutine layer of one package.
type goroutines struct {
	once    sync.Once
	callees map[*Func][]*Func // static calls between the package's functions
	// starts maps a function to the goroutine bodies it starts (go
	// statements, WaitGroup.Go, errgroup.Go with a known body).
	starts map[*Func][]*Func
	// opaque: the function makes calls, or starts goroutines, that the
	// model cannot follow to a function of this package.
	opaque map[*Func]bool
	// launchedInLoop: a goroutine body started by a go statement in a
	// loop, or by several go statements, or by a function itself started
	// more than once: several instances may run at once.
	launchedMany map[*Func]bool
	launched     map[*Func]bool // the bodies of goroutine starts
	// entries maps a function to where it may be entered from: the
	// goroutine bodies and roots that reach it by calls, and the outside
	// world. Of the roots that are not goroutine bodies (tests, main), at
	// most two are kept per function: every query asks only whether there
	// is more than one way in, and thousands of tests each reaching most
	// of a giant package's functions made this set quadratic.
	entries map[*Func]map[entry]bool
}

func (m *Model) goroutineLayer() *goroutines {
	g := &m.gor
	g.once.Do(func() { m.buildGoroutines(g) })
	return g
}

func (m *Model) buildGoroutines(g *goroutines) {
	g.callees = make(map[*Func][]*Func)
	g.starts = make(map[*Func][]*Func)
	g.opaque = make(map[*Func]bool)
	g.launchedMany = make(map[*Func]bool)
	launches := make(map[*Func]int)
	for _, f := range m.Funcs {
		m.ensureEvents(f)
		for _, e := range f.Events {
			switch e.Kind {
			case Launch:
				body := e.Launch.Body
				if body == nil {
					g.opaque[f] = true
					continue
				}
				g.starts[f] = append(g.starts[f], body)
				launches[body]++
				if f.InLoop(e) {
					g.launchedMany[body] = true
				}
			case Unknown:
				g.opaque[f] = true
			}
		}
		m.prepareSyntax(f)
		if len(f.callees) > 0 {
			g.callees[f] = f.callees
		}
	}
	g.launched = make(map[*Func]bool)
	for body, n := range launches {
		g.launched[body] = true
		if n > 1 {
			g.launchedMany[body] = true
		}
	}
	// Entries: propagate along static calls from each starting point.
	g.entries = make(map[*Func]map[entry]bool)
	plainRoots := make(map[*Func]int) // entries of roots that are not goroutine bodies, by function
	var spread func(f *Func, e entry)
	spread = func(f *Func, e entry) {
		set := g.entries[f]
		if set == nil {
			set = make(map[entry]bool)
			g.entries[f] = set
		}
		if set[e] {
			return
		}
		if e.fn != nil && m.goParent[e.fn] == nil && !g.launched[e.fn] {
			// A root that is not a goroutine body: once f has two, so
			// do all its callees (each entry is spread to them), and a
			// third changes no answer (see entries).
			if plainRoots[f] >= 2 {
				return
			}
			plainRoots[f]++
		}
		set[e] = true
		for _, c := range g.callees[f] {
			spread(c, e)
		}
	}
	roots := make(map[*Func]bool)
	for _, r := range m.Roots() {
		if r.Func.Decl != nil {
			roots[r.Func] = true
		}
	}
	for _, f := range m.Funcs {
		switch {
		case roots[f]:
			spread(f, entry{fn: f})
		case m.goParent[f] != nil || launches[f] > 0:
			spread(f, entry{fn: f})
			if f.Obj != nil && (exportedAPI(f.Obj) || m.usedAsValue(f.Obj)) {
				spread(f, entry{external: true})
			}
		case f.Obj != nil && (exportedAPI(f.Obj) || m.usedAsValue(f.Obj) || f.Obj.Name() == "init"):
			spread(f, entry{external: true})
		case f.Lit != nil && !m.calledInPlace(f):
			spread(f, entry{external: true}) // a callback: run by whoever it is given to
		}
	}
}

// calledInPlace reports whether the literal f is called where it is
// written (also by a defer), so that it runs on its parent's goroutine.
func (m *Model) calledInPlace(f *Func) bool {
	if m.enclosingFunc(f) == nil {
		return false
	}
	m.inPlaceOnce.Do(m.indexInPlace)
	return m.inPlace[f.Lit]
}

// indexInPlace finds the literals called where they are written. The call
// is the literal's parent node, so it is in the body of the function that
// encloses the literal: one walk of each body, not of the parent's body
// for each of its literals. It reads only the syntax and the types.
func (m *Model) indexInPlace() {
	m.inPlace = make(map[*ast.FuncLit]bool)
	info := m.Pass.TypesInfo
	for _, g := range m.Funcs {
		ast.Inspect(g.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return m.lits[n] == nil // else walked as its own Func
			case *ast.CallExpr:
				if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
					m.inPlace[lit] = true
				}
				if len(n.Args) == 1 {
					if lit, ok := ast.Unparen(n.Args[0]).(*ast.FuncLit); ok && runsInCall(info, n, lit) {
						m.inPlace[lit] = true
					}
				}
			}
			return true
		})
	}
}

// OneGoroutine reports whether f1 and f2 run only on one goroutine, the
// same one, one instance at a time: every way to reach them by calls
// starts at the same goroutine body, which is started by a single go
// statement outside loops, and is not reachable from outside the package.
// Two lock orders taken by such functions are taken one after the other.
func (m *Model) OneGoroutine(f1, f2 *Func) bool {
	g := m.goroutineLayer()
	var body *Func
	for _, f := range []*Func{f1, f2} {
		es := g.entries[f]
		if len(es) != 1 {
			return false
		}
		for e := range es {
			if e.external || e.fn == nil || g.launchedMany[e.fn] || m.goParent[e.fn] == nil && !m.isLaunched(e.fn) {
				return false
			}
			if body != nil && body != e.fn {
				return false
			}
			body = e.fn
		}
	}
	return body != nil && !m.startedMany(body)
}

// isLaunched reports whether f is the body of some goroutine start.
func (m *Model) isLaunched(f *Func) bool {
	return m.goroutineLayer().launched[f]
}

// startedMany reports whether the goroutine body may run in several
// instances at once by the package's own doing: it is started in a loop,
// or by several statements, or by a goroutine that is. A function that
// starts it and is called several times usually starts it for another
// object each time (a connection's run loop): that is not counted.
func (m *Model) startedMany(body *Func) bool {
	g := m.goroutineLayer()
	if g.launchedMany[body] {
		return true
	}
	for starter, bodies := range g.starts {
		for _, b := range bodies {
			if b != body {
				continue
			}
			for e := range g.entries[starter] {
				if e.fn != nil && e.fn != body && e.fn != starter && !m.RunsOnce(e.fn) && m.startedMany(e.fn) {
					return true
				}
			}
		}
	}
	return false
}

// Concurrent returns the functions of the package that may run on another
// goroutine while the root f (a function that runs once: main, a test)
// runs: those reachable from the goroutines that f, or what it calls,
// starts. known is false when f or a function it calls makes calls or
// starts goroutines the model cannot follow (anything may run then).
func (m *Model) Concurrent(f *Func) (set map[*Func]bool, known bool) {
	g := m.goroutineLayer()
	sync := make(map[*Func]bool)
	var walk func(x *Func)
	walk = func(x *Func) {
		if sync[x] {
			return
		}
		sync[x] = true
		for _, c := range g.callees[x] {
			walk(c)
		}
	}
	walk(f)
	set = make(map[*Func]bool)
	var spawn func(x *Func)
	spawn = func(x *Func) {
		if set[x] {
			return
		}
		set[x] = true
		for _, c := range g.callees[x] {
			spawn(c)
		}
		for _, b := range g.starts[x] {
			spawn(b)
		}
	}
	known = true
	for x := range sync {
		if g.opaque[x] {
			known = false
		}
		for _, b := range g.starts[x] {
			spawn(b)
		}
	}
	for x := range set {
		if g.opaque[x] {
			known = false
		}
	}
	return set, known
}

// RunsOnce reports whether f is a root that runs once, on one goroutine:
// main, or a test function that does not call t.Parallel (a subtest's
// body may run in parallel with others).
func (m *Model) RunsOnce(f *Func) bool {
	for _, r := range m.Roots() {
		if r.Func != f || f.Decl == nil {
			continue
		}
		parallel := false
		ast.Inspect(f.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if fn := m.Callee(call); IsMethod(fn, "testing", "T", "Parallel") {
					parallel = true
				}
			}
			return !parallel
		})
		return !parallel
	}
	return false
}

// WaitsForExit reports whether every path from f's entry to the event at
// waits for the goroutine body g to finish: it receives from (or ranges
// over) a channel of a class that g closes when it returns (a deferred
// close), such as a done channel.
func (m *Model) WaitsForExit(f *Func, at *Event, g *Func) bool {
	closed := make(map[string]bool)
	for _, e := range g.Events {
		if e.Kind == Close && e.Deferred && !e.Chan.IsZero() {
			if c := Class(e.Chan); c != "" {
				closed[c] = true
			}
		}
	}
	if len(closed) == 0 {
		return false
	}
	reached := false
	complete := f.search(f.Entry(), func(e *Event, st int) (bool, int) {
		if e == at {
			reached = true
			return true, st
		}
		return (e.Kind == Recv || e.Kind == RangeChan) && !e.Chan.IsZero() && closed[Class(e.Chan)], st
	}, func(*ast.ReturnStmt, int) bool { return reached })
	return complete && !reached
}

// GoroutineOf returns the goroutine body on which alone f runs (see
// OneGoroutine), or nil.
func (m *Model) GoroutineOf(f *Func) *Func {
	g := m.goroutineLayer()
	es := g.entries[f]
	if len(es) != 1 {
		return nil
	}
	for e := range es {
		if e.external || e.fn == nil || m.RunsOnce(e.fn) {
			return nil
		}
		return e.fn
	}
	return nil
}

// exportedAPI reports whether other packages can call fn by name: an
// exported function, or an exported method of an exported type. (An
// exported method of an unexported type is called by the package itself,
// directly or through an interface it resolves.)
func exportedAPI(fn *types.Func) bool {
	if !fn.Exported() {
		return false
	}
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil {
		return true
	}
	n, ok := types.Unalias(deref(sig.Recv().Type())).(*types.Named)
	return !ok || n.Obj().Exported()
}

// staticCallees returns the functions of the package that f calls on its
// own goroutine: static calls, literals called in place or given to a
// call that runs them (once.Do), and the targets of dynamic calls when
// Resolve knows them all. It reads the syntax, the types and the package's
// indexes only, so the syntax preparation computes it (funcSyntax).
// resolved holds what Resolve said of some of f's calls.
func (m *Model) staticCallees(f *Func, resolved map[*ast.CallExpr]Resolution) []*Func {
	info := m.Pass.TypesInfo
	var out []*Func
	// Static calls to functions of this package, and literals called
	// in place or stored in locals (calls of known func values).
	goCalls := make(map[*ast.CallExpr]bool)
	f.InspectBody([]ast.Node{(*ast.FuncLit)(nil), (*ast.GoStmt)(nil), (*ast.CallExpr)(nil)}, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.GoStmt:
			goCalls[n.Call] = true // runs on another goroutine: a start, not a call
		case *ast.CallExpr:
			if goCalls[n] {
				return true
			}
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
				if lf := m.funcLit(lit); lf != nil {
					out = append(out, lf)
				}
				return true
			}
			if len(n.Args) == 1 && runsInCall(info, n, n.Args[0]) {
				// once.Do(f), m.Range(f): f runs during the call.
				if lit, ok := ast.Unparen(n.Args[0]).(*ast.FuncLit); ok {
					if lf := m.funcLit(lit); lf != nil {
						out = append(out, lf)
					}
				} else if t, ok := m.funcValue(n.Args[0]); ok && t.Fn != nil {
					if d := m.funcDecl(t.Fn); d != nil {
						out = append(out, d)
					}
				}
			}
			if fn := m.StaticCallee(n); fn != nil {
				if d := m.funcDecl(fn); d != nil {
					out = append(out, d)
				}
				return true
			}
			// A dynamic call runs one of the package's functions it
			// resolves to (an interface's implementations, the funcs a
			// variable or field holds), when the model sees every
			// function it may run. Otherwise (a method of an interface
			// other packages can implement, a func field they can set)
			// that the package has such a function is no evidence that
			// this goroutine runs it: unknown, not followed.
			res, ok := resolved[n]
			if !ok {
				res = m.Resolve(f, n)
			}
			if !res.Complete {
				return true
			}
			for _, t := range res.Targets {
				if t.Lit != nil {
					out = append(out, t.Lit)
				} else if d := m.funcDecl(t.Fn); d != nil {
					out = append(out, d)
				}
			}
		}
		return true
	})
	return out
}
