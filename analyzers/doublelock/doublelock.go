package doublelock

import (
	_ "embed"
	"fmt"
	"go/token"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports mutexes locked again by the goroutine that holds them.
var Analyzer = &analysis.Analyzer{
	Name:     "doublelock",
	Requires: []*analysis.Analyzer{conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.2.0", checkdoc.Error, checkdoc.Name("MutexLockedTwice"))

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[conc.Analyzer].(*conc.Model)
	reported := make(map[token.Pos]bool)
	for _, f := range m.Funcs {
		for _, first := range conc.Acquisitions(f) {
			if first.Kind != conc.Lock {
				continue // a LockCall releases before returning
			}
			r := first.Ref
			if m.HandedOff(f, r) {
				continue // locked here, unlocked by another goroutine
			}
			second := f.Reaches(first.After(), func(e *conc.Event) bool {
				return (e.Kind == conc.Lock || e.Kind == conc.LockCall) && e.Ref == r && !e.Deferred
			}, conc.Releases(r))
			if second == nil || reported[second.Pos()] {
				continue
			}
			if first.Read && second.Read && unshared(m, f, r) {
				continue // no other goroutine can ask for the write lock
			}
			reported[second.Pos()] = true
			pass.Report(diagnostic(pass, first, second))
		}
	}
	return nil, nil
}

func diagnostic(pass *analysis.Pass, first, second *conc.Event) analysis.Diagnostic {
	r := first.Ref
	line := pass.Fset.Position(first.Pos()).Line
	held := fmt.Sprintf("%s is held since line %d", r, line)
	if first.Read {
		held = fmt.Sprintf("the read lock of %s is held since line %d", r, line)
	}
	var category, msg string
	via := ""
	if second.Alias != "" {
		// Through another name of the mutex.
		call := r.String() + ".Lock"
		if second.Read {
			call = r.String() + ".RLock"
		}
		via = fmt.Sprintf("%s, which is %s, is called", second.Alias, call)
	}
	if second.Kind == conc.LockCall || second.Indirect {
		name := "the function literal"
		if second.Callee != nil {
			name = second.Callee.Name()
		}
		verb := "locks"
		if second.Read {
			verb = "read-locks"
		}
		via = fmt.Sprintf("%s, which %s %s, is called", name, verb, r)
	}
	switch {
	case first.Read && second.Read:
		category = "read-recursion"
		what := fmt.Sprintf("%s.RLock is called again", r)
		if via != "" {
			what = via
		}
		msg = fmt.Sprintf("%s while %s: if a writer calls Lock in between, both block forever; do not nest read locks", what, held)
	case first.Read:
		category = "upgrade"
		what := fmt.Sprintf("%s.Lock is called", r)
		if via != "" {
			what = via
		}
		msg = fmt.Sprintf("%s while %s: an RWMutex cannot be upgraded, this blocks forever; release the read lock first", what, held)
	default:
		category = "double-lock"
		what := fmt.Sprintf("%s.Lock is called again", r)
		if second.Read {
			what = fmt.Sprintf("%s.RLock is called", r)
		}
		if via != "" {
			what = via
		}
		msg = fmt.Sprintf("%s while %s: mutexes are not reentrant, this blocks forever; unlock first or use a variant that expects the lock held", what, held)
	}
	return analysis.Diagnostic{
		Pos: second.Node.Pos(), End: second.Node.End(), Category: category, Message: msg,
		Related: []analysis.RelatedInformation{{Pos: first.Pos(), Message: fmt.Sprintf("%s is locked here", r)}},
	}
}

// unshared reports whether the mutex at r belongs to a variable of f that
// no goroutine or callback shares.
func unshared(m *conc.Model, f *conc.Func, r conc.Ref) bool {
	if !f.Declares(r.Root) || r.Root.Pos() < f.Body.Pos() {
		return false
	}
	for _, e := range f.Events {
		if e.Kind == conc.Escape && e.Ref.Root == r.Root {
			return false
		}
		if e.Kind == conc.Launch {
			if g := m.Goroutine(f, e); g.Body != nil && !g.Body.Declares(r.Root) {
				for _, ge := range g.Body.Events {
					if ge.Ref.Root == r.Root {
						return false
					}
				}
			}
		}
	}
	return true
}
