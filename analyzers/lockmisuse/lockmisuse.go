package lockmisuse

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports deferred Lock, double Unlock and mismatched unlocks.
var Analyzer = &analysis.Analyzer{
	Name:     "lockmisuse",
	Requires: []*analysis.Analyzer{conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.2.0", checkdoc.Error, checkdoc.Name("MutexCallMisuse"))

type checker struct {
	pass     *analysis.Pass
	m        *conc.Model
	current  *conc.Func
	reported map[token.Pos]bool
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[conc.Analyzer].(*conc.Model)
	c := &checker{pass: pass, m: m, reported: make(map[token.Pos]bool)}
	for _, f := range m.Funcs {
		c.current = f
		c.deferredLock(f)
		c.mismatched(f)
		c.doubleUnlock(f)
		c.unlockUnlocked(f)
	}
	return nil, nil
}

func (c *checker) report(e *conc.Event, category, msg string, related ...analysis.RelatedInformation) {
	c.reportFix(e, category, msg, nil, related...)
}

// reportFix is report with suggested fixes.
func (c *checker) reportFix(e *conc.Event, category, msg string, fixes []analysis.SuggestedFix, related ...analysis.RelatedInformation) {
	if c.reported[e.Pos()] {
		return
	}
	if f := c.current; f != nil && c.m.HandedOff(f, e.Ref) {
		return // locked and unlocked by different goroutines
	}
	c.reported[e.Pos()] = true
	c.pass.Report(analysis.Diagnostic{Pos: e.Node.Pos(), End: e.Node.End(), Category: category, Message: msg, Related: related, SuggestedFixes: fixes})
}

func (c *checker) line(e *conc.Event) int { return c.pass.Fset.Position(e.Pos()).Line }

func direct(e *conc.Event) bool { return !e.Indirect }

// isLocking reports whether e takes (or may take) the mutex at r.
func isLocking(e *conc.Event, r conc.Ref) bool {
	return (e.Kind == conc.Lock || e.Kind == conc.TryLock || e.Kind == conc.LockCall || e.Kind == conc.SomeLock) && e.Ref == r
}

// deferredLock reports defer mu.Lock() after mu.Lock().
func (c *checker) deferredLock(f *conc.Func) {
	for _, d := range f.Events {
		if d.Kind != conc.Lock || !d.Deferred || !direct(d) {
			continue
		}
		r := d.Ref
		var first *conc.Event
		for _, l := range f.Events {
			if l.Kind == conc.Lock && !l.Deferred && l.Ref == r && f.Reaches(l.After(), func(x *conc.Event) bool { return x == d }, conc.Releases(r)) != nil {
				first = l
				break
			}
		}
		if first == nil {
			continue
		}
		unlock := "Unlock"
		if d.Read {
			unlock = "RUnlock"
		}
		c.reportFix(d, "deferred-lock", fmt.Sprintf("deferred %s locks %s again when the function returns, while it is still held from line %d: the function never releases it and the next Lock blocks forever; did you mean defer %s.%s()?", callName(d), r, c.line(first), r, unlock),
			c.deferUnlockFix(f, d, unlock),
			analysis.RelatedInformation{Pos: first.Pos(), Message: fmt.Sprintf("%s is locked here", r)})
	}
}

// deferUnlockFix returns the fix of a deferred Lock typo, defer mu.Lock()
// to defer mu.Unlock() (RLock to RUnlock), when it is unambiguous: the
// call is written mu.Lock(), and the mutex is held where it is deferred on
// every path (no path from the function's entry, or from an unlock, gets
// there without locking it), so the function cannot mean to lock it again.
func (c *checker) deferUnlockFix(f *conc.Func, d *conc.Event, unlock string) []analysis.SuggestedFix {
	call, ok := d.Node.(*ast.CallExpr)
	if !ok {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Lock" && sel.Sel.Name != "RLock" {
		return nil
	}
	r := d.Ref
	isD := func(x *conc.Event) bool { return x == d }
	locks := func(x *conc.Event) bool { return isLocking(x, r) }
	if f.Reaches(f.Entry(), isD, locks) != nil {
		return nil // a path gets here with the mutex not locked
	}
	for _, u := range f.Events {
		if u.Kind == conc.Unlock && u.Ref == r && !u.Deferred && f.Reaches(u.After(), isD, locks) != nil {
			return nil // unlocked on the way: relocking may be meant
		}
	}
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("Defer %s.%s() instead", r, unlock),
		TextEdits: []analysis.TextEdit{{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte(unlock)}},
	}}
}

func callName(e *conc.Event) string {
	if e.Read {
		return e.Ref.String() + ".RLock"
	}
	return e.Ref.String() + ".Lock"
}

// mismatched reports a read lock released with Unlock, or a write lock
// with RUnlock.
func (c *checker) mismatched(f *conc.Func) {
	for _, l := range f.Events {
		if l.Kind != conc.Lock || l.Deferred || !direct(l) {
			continue
		}
		r := l.Ref
		u := f.Reaches(l.After(), func(x *conc.Event) bool {
			return x.Kind == conc.Unlock && x.Ref == r && direct(x) && x.Read != l.Read
		}, func(x *conc.Event) bool {
			return x.Kind == conc.Unlock && x.Ref == r && x.Read == l.Read || x.Kind == conc.UnlockValue && x.Ref == r || isLocking(x, r) || conc.Reassigns(x, r) ||
				conc.MayRelease(x, r) || conc.MayLock(x, r)
		})
		if u == nil {
			continue
		}
		msg := fmt.Sprintf("%s.Unlock releases the read lock taken at line %d: fatal error \"sync: Unlock of unlocked RWMutex\"; use %s.RUnlock", r, c.line(l), r)
		if !l.Read {
			msg = fmt.Sprintf("%s.RUnlock releases the write lock taken at line %d: fatal error \"sync: RUnlock of unlocked RWMutex\"; use %s.Unlock", r, c.line(l), r)
		}
		c.report(u, "mismatched-unlock", msg, analysis.RelatedInformation{Pos: l.Pos(), Message: fmt.Sprintf("%s is locked here", r)})
	}
}

// doubleUnlock reports an Unlock that follows another Unlock of the same
// mutex, with no lock in between.
func (c *checker) doubleUnlock(f *conc.Func) {
	for _, u1 := range f.Events {
		if u1.Kind != conc.Unlock || !direct(u1) || u1.Read {
			continue // read locks are counted: two RUnlocks may match two RLocks
		}
		r := u1.Ref
		relock := func(x *conc.Event) bool {
			return isLocking(x, r) || conc.Reassigns(x, r) || x.Kind == conc.UnlockValue && x.Ref == r || conc.MayLock(x, r)
		}
		if !u1.Deferred {
			// Another unlock later on the same path.
			u2 := f.Reaches(u1.After(), func(x *conc.Event) bool {
				return x.Kind == conc.Unlock && x.Ref == r && direct(x) && x != u1 && !x.Read
			}, relock)
			if u2 != nil {
				c.report(u2, "double-unlock", fmt.Sprintf("%s is unlocked again, after the unlock at line %d with no lock in between: fatal error \"sync: unlock of unlocked mutex\"; remove one of them", r, c.line(u1)),
					analysis.RelatedInformation{Pos: u1.Pos(), Message: fmt.Sprintf("%s is unlocked here first", r)})
				continue
			}
			continue
		}
		// A deferred unlock registered before an explicit one: it runs
		// again at return unless the path locks again.
		for _, u2 := range f.Events {
			if u2.Kind != conc.Unlock || u2.Deferred || u2.Ref != r || !direct(u2) || u2.Read {
				continue
			}
			if f.Reaches(u1.After(), func(x *conc.Event) bool { return x == u2 }, relock) == nil {
				continue
			}
			if f.FirstExit(u2.After(), relock) == nil {
				continue // locked again before every return
			}
			c.report(u2, "double-unlock", fmt.Sprintf("%s is unlocked here, and the deferred unlock at line %d unlocks it again when the function returns: fatal error \"sync: unlock of unlocked mutex\"; remove one of them", r, c.line(u1)),
				analysis.RelatedInformation{Pos: u1.Pos(), Message: "the deferred unlock"})
		}
	}
}

// unlockUnlocked reports an Unlock of a mutex declared in the function
// that is reached from the function's entry without any lock.
func (c *checker) unlockUnlocked(f *conc.Func) {
	for _, u := range f.Events {
		if u.Kind != conc.Unlock || !direct(u) {
			continue
		}
		r := u.Ref
		if !f.Declares(r.Root) || isParam(f, r) || !conc.IsMutex(r.Root.Type()) || r.Path != "" {
			c.unlockUnlockedField(f, u)
			continue // the caller may hold it
		}
		if f.Reaches(f.Entry(), func(x *conc.Event) bool { return x == u }, func(x *conc.Event) bool {
			return isLocking(x, r) || x.Kind == conc.Escape && x.Ref.Root == r.Root
		}) == nil {
			continue
		}
		c.report(u, "unlock-unlocked", fmt.Sprintf("%s is unlocked but no path to here locks it: fatal error \"sync: unlock of unlocked mutex\"; lock it first or remove the unlock", r))
	}
}

// isParam reports whether r's variable is a parameter or receiver of f
// (declared in its signature).
func isParam(f *conc.Func, r conc.Ref) bool { return r.Root.Pos() < f.Body.Pos() }

// unlockUnlockedField reports an Unlock of a field mutex (or a package
// variable) on a path from the function's entry that does not lock it,
// when no caller can hold it either (conc.Model.NoCallerHolds: an
// unexported function whose callers, up to the package's entry points,
// never take a mutex of its class, which no other package can reach). An
// exported method that unlocks is the Unlock of a Lock/Unlock pair of an
// API, and is never reported.
func (c *checker) unlockUnlockedField(f *conc.Func, u *conc.Event) {
	r := u.Ref
	if u.Deferred || r.Indexed() || !isGlobalVar(r.Root) && !(f.Declares(r.Root) && isParam(f, r) && r.Path != "" && r.Shared()) {
		return
	}
	class := c.m.Class(r)
	if class == "" || !c.m.NoCallerHolds(f, class) {
		return
	}
	if f.Reaches(f.Entry(), func(x *conc.Event) bool { return x == u }, func(x *conc.Event) bool {
		return isLocking(x, r) || conc.MayLock(x, r) || x.Kind == conc.Unknown || locksClass(x, class)
	}) == nil {
		return
	}
	name := f.Name()
	var related []analysis.RelatedInformation
	for i, site := range c.m.CallSites(f.Obj) {
		if i == 3 {
			break
		}
		related = append(related, analysis.RelatedInformation{Pos: site.Call.Pos(), Message: fmt.Sprintf("%s is called here, without %s held", name, conc.ClassLabel(r))})
	}
	c.report(u, "unlock-unlocked", fmt.Sprintf("%s is unlocked but neither %s nor any of its callers locks it: fatal error \"sync: unlock of unlocked mutex\"; lock it first or remove the unlock", r, name), related...)
}

// locksClass reports whether e locks, or may lock, a mutex of class.
func locksClass(e *conc.Event, class string) bool {
	switch e.Kind {
	case conc.Lock, conc.TryLock, conc.LockCall, conc.SomeLock:
		if conc.Class(e.Ref) == class {
			return true
		}
		for _, x := range e.Classes {
			if x == class {
				return true
			}
		}
	}
	return false
}

func isGlobalVar(v *types.Var) bool { return v.Pkg() != nil && v.Parent() == v.Pkg().Scope() }
