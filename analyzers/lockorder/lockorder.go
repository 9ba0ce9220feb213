package lockorder

import (
	_ "embed"
	"fmt"
	"sort"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"
	"github.com/wglint/wglint/internal/flow"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports mutexes taken in opposite orders.
var Analyzer = &analysis.Analyzer{
	Name:     "lockorder",
	Requires: []*analysis.Analyzer{conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.2.0", checkdoc.Error, checkdoc.Name("InconsistentLockOrder"), checkdoc.Experimental)

// edge is one observation: class a is held when class b is locked.
type edge struct {
	held, taken *conc.Event
	f           *conc.Func
}

// maybe reports an observation whose second lock is taken on some paths
// of a callee only (a SomeLock event).
func (e edge) maybe() bool { return e.taken.Kind == conc.SomeLock && !e.taken.Relock }

// maxMaybeDepth is the deepest lock on some paths of a callee that counts
// as a possible acquisition (see conc.LockEffect.SomeDepth): the callee's
// own Lock, under its own branches. Deeper, the branches that lead to it
// encode protocol states (a renegotiation, a hijack while a read is
// pending) that the other order's path may exclude.
const maxMaybeDepth = 1

// takes returns the events of f after which the path may wait for a
// mutex: its acquisitions (conc.Acquisitions), calls that lock a mutex on
// some of their paths, and calls that release the caller's lock and take
// it again.
func takes(f *conc.Func) []*conc.Event {
	out := conc.Acquisitions(f)
	for _, e := range f.Events {
		if e.Kind == conc.SomeLock && !e.Deferred && !e.Ref.IsZero() && (e.Relock || e.Depth >= 1 && e.Depth <= maxMaybeDepth) {
			out = append(out, e)
		}
	}
	return out
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[conc.Analyzer].(*conc.Model)
	// The first observation of each ordered pair, by position: certain
	// ones (the second lock is taken on every path through it), and ones
	// whose second lock is taken on some paths of a callee.
	edges := make(map[[2]string]edge)
	maybes := make(map[[2]string]edge)
	for _, f := range m.Funcs {
		acq := takes(f)
		for _, first := range acq {
			if first.Kind != conc.Lock {
				continue
			}
			a := class(first.Ref)
			if a == "" {
				continue
			}
			for _, second := range acq {
				b := class(second.Ref)
				if b == "" || b == a || second.Ref == first.Ref {
					continue
				}
				if f.Reaches(first.After(), func(e *conc.Event) bool { return e == second }, conc.Releases(first.Ref)) == nil {
					continue
				}
				key := [2]string{a, b}
				obs := edge{held: first, taken: second, f: f}
				into := edges
				if obs.maybe() {
					into = maybes
				}
				if old, ok := into[key]; !ok || second.Pos() < old.taken.Pos() {
					into[key] = obs
				}
			}
		}
	}
	// A pair taken in one order for certain, and in the other on some
	// paths of a callee, is a deadlock on those paths.
	for k, e := range maybes {
		rev := [2]string{k[1], k[0]}
		if _, ok := edges[k]; ok {
			continue
		}
		if _, ok := edges[rev]; ok {
			edges[k] = e
		}
	}
	var keys [][2]string
	for k := range edges {
		if k[0] < k[1] {
			if _, ok := edges[[2]string{k[1], k[0]}]; ok {
				keys = append(keys, k)
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool { return edges[keys[i]].taken.Pos() < edges[keys[j]].taken.Pos() })
	for _, k := range keys {
		ab, ba := edges[k], edges[[2]string{k[1], k[0]}]
		if !mayOverlap(m, ab, ba) || gated(m, ab, ba) {
			continue
		}
		// Report at the later of the two second locks.
		here, there := ab, ba
		if ba.taken.Pos() > ab.taken.Pos() {
			here, there = ba, ab
		}
		x, y := conc.ClassLabel(here.held.Ref), conc.ClassLabel(here.taken.Ref)
		pos := pass.Fset.Position(there.taken.Pos())
		locked, thereLocks := "is locked", "locks"
		if here.maybe() {
			locked = "is locked on some paths of " + calleeName(here.taken)
		} else if here.taken.Relock {
			locked = "is unlocked and locked again by " + calleeName(here.taken)
		}
		if there.maybe() {
			thereLocks = "calls " + calleeName(there.taken) + ", which on some paths locks"
		}
		d := analysis.Diagnostic{
			Pos: here.taken.Node.Pos(), End: here.taken.Node.End(), Category: "lock-order",
			Message: fmt.Sprintf("%s %s while %s is held, but line %d %s %s while %s is held: two goroutines taking them in these orders block each other forever; always lock them in one order", y, locked, x, pos.Line, thereLocks, x, y),
		}
		flow.Set(&d,
			flow.Thread{Name: fmt.Sprintf("a goroutine that locks %s, then %s", x, y), Steps: []flow.Step{
				{Pos: here.held.Pos(), Message: fmt.Sprintf("%s is locked first here", x)},
				{Pos: here.taken.Node.Pos(), End: here.taken.Node.End(), Message: fmt.Sprintf("then %s here: it waits while the other goroutine holds %s", y, y), Primary: true},
			}},
			flow.Thread{Name: fmt.Sprintf("a goroutine that locks %s, then %s", y, x), Steps: []flow.Step{
				{Pos: there.held.Pos(), Message: fmt.Sprintf("%s is locked first here", y)},
				{Pos: there.taken.Pos(), Message: fmt.Sprintf("then %s here", x)},
			}},
		)
		pass.Report(d)
	}
	return nil, nil
}

// mayOverlap reports whether the two observations may run on two
// goroutines at the same time, as a deadlock needs. They may not when:
//   - a function that runs once (main, a test) takes both orders, one
//     after the other;
//   - one is taken by a test or main, and the other by a function that no
//     goroutine started while it runs can reach (it runs, if at all, on
//     the test's own goroutine);
//   - both run only on one goroutine, started once;
//   - one runs only on a goroutine, and the other after waiting for that
//     goroutine to finish (it closes a done channel on exit).
func mayOverlap(m *conc.Model, ab, ba edge) bool {
	for _, p := range [][2]edge{{ab, ba}, {ba, ab}} {
		x, y := p[0], p[1]
		if m.RunsOnce(x.f) {
			if x.f == y.f {
				return false
			}
			if set, known := m.Concurrent(x.f); known && !set[y.f] {
				return false
			}
		}
		if g := m.GoroutineOf(x.f); g != nil && m.WaitsForExit(y.f, y.held, g) {
			return false
		}
	}
	return !m.OneGoroutine(ab.f, ba.f)
}

// calleeName names the function of an event that comes from a callee.
func calleeName(e *conc.Event) string {
	if e.Callee != nil {
		return e.Callee.Name()
	}
	return "the function literal"
}

// class names the mutex at r independently of the function: its
// abstract location in the model (conc.Class), "" for a local mutex.
func class(r conc.Ref) string { return conc.Class(r) }

// gated reports whether both orders are taken holding a third mutex of
// one class (a gate lock: destructorM held by shutdown and by reconnect
// around their m and closeM): the two paths cannot be inside at once.
// Mutexes of one class on two values may differ; the gate counts only when
// both reach it by the same path from their variables (c.destructorM).
func gated(m *conc.Model, ab, ba edge) bool {
	for _, x := range m.HeldAt(ab.f, ab.held) {
		if x.Read || x.Ref == ab.held.Ref {
			continue
		}
		for _, y := range m.HeldAt(ba.f, ba.held) {
			if !y.Read && class(y.Ref) != "" && class(x.Ref) == class(y.Ref) && x.Ref.Path == y.Ref.Path {
				return true
			}
		}
	}
	return false
}
