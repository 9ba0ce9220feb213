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
var Check = checkdoc.New(Analyzer, doc, "v0.2.0", checkdoc.Error, checkdoc.Name("InconsistentLockOrder"))

// edge is one observation: class a is held when class b is locked.
type edge struct {
	held, taken *conc.Event
	f           *conc.Func
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[conc.Analyzer].(*conc.Model)
	edges := make(map[[2]string]edge) // first observation of each ordered pair, by position
	for _, f := range m.Funcs {
		acq := conc.Acquisitions(f)
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
				if old, ok := edges[key]; !ok || second.Pos() < old.taken.Pos() {
					edges[key] = edge{held: first, taken: second, f: f}
				}
			}
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
		if !mayOverlap(m, ab, ba) {
			continue
		}
		// Report at the later of the two second locks.
		here, there := ab, ba
		if ba.taken.Pos() > ab.taken.Pos() {
			here, there = ba, ab
		}
		x, y := conc.ClassLabel(here.held.Ref), conc.ClassLabel(here.taken.Ref)
		pos := pass.Fset.Position(there.taken.Pos())
		d := analysis.Diagnostic{
			Pos: here.taken.Node.Pos(), End: here.taken.Node.End(), Category: "lock-order",
			Message: fmt.Sprintf("%s is locked while %s is held, but line %d locks %s while %s is held: two goroutines taking them in these orders block each other forever; always lock them in one order", y, x, pos.Line, x, y),
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

// class names the mutex at r independently of the function: its
// abstract location in the model (conc.Class), "" for a local mutex.
func class(r conc.Ref) string { return conc.Class(r) }
