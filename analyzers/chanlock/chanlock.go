package chanlock

import (
	_ "embed"
	"fmt"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"
	"github.com/wglint/wglint/internal/flow"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports channel operations that wait while holding a mutex the
// other end needs.
var Analyzer = &analysis.Analyzer{
	Name:     "chanlock",
	Requires: []*analysis.Analyzer{conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.3.0", checkdoc.Error, checkdoc.Name("ChannelOperationUnderLock"))

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[conc.Analyzer].(*conc.Model)
	for _, f := range m.Funcs {
		checkFields(pass, m, f, selectOps(f))
		var firstOps map[*conc.Event]map[conc.Ref]*conc.Event
		for _, lc := range m.LocalChans(f) {
			if firstOps == nil {
				firstOps = make(map[*conc.Event]map[conc.Ref]*conc.Event)
			}
			check(pass, m, f, lc, firstOps)
		}
	}
	return nil, nil
}

// firstChanOps returns, for each channel, the first blocking send, receive
// or range on it (not a select case) that a path from the lock event can
// reach while the mutex is held.
func firstChanOps(f *conc.Func, lock *conc.Event, cases map[*conc.Event]bool) map[conc.Ref]*conc.Event {
	out := make(map[conc.Ref]*conc.Event)
	for _, e := range f.ReachableEvents(lock.After(), conc.Releases(lock.Ref)) {
		if (e.Kind == conc.Send || e.Kind == conc.Recv || e.Kind == conc.RangeChan) && !e.Chan.IsZero() && !cases[e] {
			if _, ok := out[e.Chan]; !ok {
				out[e.Chan] = e
			}
		}
	}
	return out
}

// check looks at the lock events of f for one local channel; firstOps
// caches firstChanOps by lock event across the channels of f.
func check(pass *analysis.Pass, m *conc.Model, f *conc.Func, lc *conc.LocalChan, firstOps map[*conc.Event]map[conc.Ref]*conc.Event) {
	u := lc.Use
	if u.Escapes || u.Assigned || len(u.Calls) > 0 || len(u.Goroutines) == 0 {
		return
	}
	_, capN, capKnown := m.ChanCap(lc.Make)
	ch := lc.Ref
	cases := selectOps(f)
	for _, lock := range f.Events {
		if lock.Kind != conc.Lock || lock.Deferred {
			continue
		}
		mu := lock.Ref
		if m.HandedOff(f, mu) {
			continue
		}
		ops, ok := firstOps[lock]
		if !ok {
			ops = firstChanOps(f, lock, cases)
			firstOps[lock] = ops
		}
		op := ops[ch]
		if op == nil {
			continue
		}
		if op.Kind == conc.Send && (!capKnown || capN > 0) {
			continue // the send may complete into the buffer
		}
		// Every goroutine on the other end must need mu first.
		var other *conc.Event
		var otherLock *conc.Event
		for _, g := range u.Goroutines {
			lit := g.Launch.Launch.Lit
			if lit == nil {
				return // a named function: not followed
			}
			gf := m.FuncOf(lit)
			if gf == nil {
				return
			}
			matches := func(e *conc.Event) bool {
				if e.Chan != ch {
					return false
				}
				if op.Kind == conc.Send {
					return e.Kind == conc.Recv || e.Kind == conc.RangeChan
				}
				return e.Kind == conc.Send || e.Kind == conc.Close
			}
			target := gf.Reaches(gf.Entry(), matches, nil)
			if target == nil {
				continue // does not take the other end
			}
			isLock := func(e *conc.Event) bool {
				return (e.Kind == conc.Lock || e.Kind == conc.LockCall) && e.Ref == mu && !e.Deferred
			}
			if gf.Reaches(gf.Entry(), matches, isLock) != nil {
				return // some path reaches the other end without mu
			}
			if other == nil {
				other = target
				otherLock = gf.Reaches(gf.Entry(), isLock, nil)
			}
		}
		if other == nil || otherLock == nil {
			continue
		}
		verb := "receives from"
		if op.Kind == conc.Send {
			verb = "sends on"
		}
		d := analysis.Diagnostic{
			Pos: op.Node.Pos(), End: op.Node.End(), Category: "lock-held-on-chan",
			Message: fmt.Sprintf("%s %s while holding %s (locked at line %d), but the goroutine on the other end locks %s at line %d before it reaches its side: both block forever; unlock %s before this operation",
				verb, ch, mu, pass.Fset.Position(lock.Pos()).Line, mu, pass.Fset.Position(otherLock.Pos()).Line, mu),
		}
		flow.Set(&d,
			flow.Thread{Name: "this goroutine", Steps: []flow.Step{
				{Pos: lock.Pos(), Message: fmt.Sprintf("%s is locked here", mu)},
				{Pos: op.Node.Pos(), End: op.Node.End(), Message: fmt.Sprintf("then it %s %s, holding %s", verb, ch, mu), Primary: true},
			}},
			flow.Thread{Name: fmt.Sprintf("the goroutine on the other end of %s", ch), Steps: []flow.Step{
				{Pos: otherLock.Pos(), Message: "the other goroutine waits for it here"},
			}},
		)
		pass.Report(d)
		return
	}
}

// selectOps returns the channel operations of f that are select cases:
// they may not be the one that runs.
func selectOps(f *conc.Func) map[*conc.Event]bool {
	out := make(map[*conc.Event]bool)
	for e := range f.SelectCases() {
		out[e] = true
	}
	return out
}
