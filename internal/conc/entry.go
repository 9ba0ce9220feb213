package conc

import (
	"go/ast"
	"go/types"
	"strings"
)

// NoCallerHolds reports whether no mutex of class can be held when f
// runs: the class is Visible (an unexported field or variable of this
// package that no use hands elsewhere); no function of the package returns
// holding one (every lock of the class is released, or its release
// deferred, before its function returns), so a caller in another package
// cannot hold one; f is an unexported function called only by the
// package's static calls; and neither any of its callers nor their
// callers, up to the package's entry points (exported functions, main,
// init, tests), takes or may take a mutex of the class. An unlock of such
// a mutex in f, on a path where f has not locked it, unlocks an unlocked
// mutex, or one another goroutine holds and will unlock itself.
func (m *Model) NoCallerHolds(f *Func, class string) bool {
	if class == "" || !m.Visible(class) || f.Obj == nil || f.Obj.Exported() || len(m.CallSites(f.Obj)) == 0 {
		return false
	}
	if m.mayReturnHolding(class) {
		return false
	}
	return m.noCallerHolds(f, class, make(map[*Func]bool))
}

func (m *Model) noCallerHolds(f *Func, class string, seen map[*Func]bool) bool {
	if seen[f] {
		return true // a cycle adds no lock
	}
	seen[f] = true
	if f.Obj == nil || m.isLaunched(f) || m.IsGoroutineBody(f) {
		return false // a literal, or a goroutine: started by code that may hold it
	}
	m.usedAsValue(f.Obj) // computes funcValues
	if m.funcValues[f.Obj.Origin()] || m.calledDynamically(f.Obj) {
		return false
	}
	sites := m.CallSites(f.Obj)
	if len(sites) == 0 && !f.Obj.Exported() && !isEntryPoint(f.Obj) {
		return false // called in ways the model does not see
	}
	for _, site := range sites {
		caller := site.Caller
		m.ensureEvents(caller)
		if takesClass(caller, class) || !m.noCallerHolds(caller, class, seen) {
			return false
		}
	}
	return true
}

// isEntryPoint reports whether fn is run by the runtime or the testing
// package: main, init, a test, benchmark, fuzz test or example.
func isEntryPoint(fn *types.Func) bool {
	if fn.Type().(*types.Signature).Recv() != nil {
		return false
	}
	name := fn.Name()
	if name == "main" || name == "init" {
		return true
	}
	for _, p := range []string{"Test", "Benchmark", "Fuzz", "Example"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// takesClass reports whether f locks, or may lock, a mutex of class.
func takesClass(f *Func, class string) bool {
	for _, e := range f.Events {
		switch e.Kind {
		case Lock, TryLock, LockCall, SomeLock:
			if Class(e.Ref) == class || slicesContains(e.Classes, class) {
				return true
			}
		case Unknown:
			if e.May != nil && (e.May.Locks[class] || !e.May.Complete) {
				return true
			}
		}
	}
	return false
}

// mayReturnHolding reports whether some function of the package may
// return holding a mutex of class: a Lock of it that a path leaves the
// function with, neither released nor with a deferred release.
//
// The scan runs once, under a sync.Once: nothing it calls (ensureEvents,
// HandedOff, FirstExit) may ask mayReturnHolding, or the Once deadlocks.
func (m *Model) mayReturnHolding(class string) bool {
	m.holdingOnce.Do(m.scanReturnHolding)
	return m.holding[class]
}

// scanReturnHolding finds, in one pass over the package's functions, the
// classes of the mutexes some function may return holding.
func (m *Model) scanReturnHolding() {
	m.holding = make(map[string]bool)
	for _, g := range m.Funcs {
		m.ensureEvents(g)
		for _, l := range g.Events {
			if l.Kind != Lock && l.Kind != TryLock {
				continue
			}
			class := Class(l.Ref)
			if m.holding[class] {
				continue
			}
			if l.Deferred || m.HandedOff(g, l.Ref) {
				m.holding[class] = true
				continue
			}
			deferred := false
			for _, u := range g.Events {
				if u.Ref == l.Ref && (u.Kind == Unlock && u.Deferred || u.Kind == UnlockValue) {
					deferred = true
				}
			}
			if !deferred && g.FirstExit(l.After(), Releases(l.Ref)) != nil {
				m.holding[class] = true
			}
		}
	}
}

// calledDynamically reports whether the package calls a method named as
// fn through an interface, which may run fn.
func (m *Model) calledDynamically(fn *types.Func) bool {
	if fn.Type().(*types.Signature).Recv() == nil {
		return false
	}
	m.dynNamesOnce.Do(m.indexDynNames)
	return m.dynNames[fn.Name()]
}

// indexDynNames collects the names of the methods called through an
// interface or a func value.
func (m *Model) indexDynNames() {
	m.dynNames = make(map[string]bool)
	m.ins.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		if call, ok := n.(*ast.CallExpr); ok {
			if c := m.Callee(call); c != nil && m.StaticCallee(call) == nil {
				m.dynNames[c.Name()] = true
			}
		}
	})
}
