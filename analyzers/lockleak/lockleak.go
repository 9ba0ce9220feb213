package lockleak

import (
	"bytes"
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports returns that keep a mutex locked.
var Analyzer = &analysis.Analyzer{
	Name:     "lockleak",
	Requires: []*analysis.Analyzer{conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.2.0", checkdoc.Error, checkdoc.Name("LockHeldAtReturn"))

type checker struct {
	pass *analysis.Pass
	m    *conc.Model
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{pass: pass, m: pass.ResultOf[conc.Analyzer].(*conc.Model)}
	for _, f := range c.m.Funcs {
		c.check(f)
	}
	return nil, nil
}

// check reports the lock leaks of f, one per mutex.
func (c *checker) check(f *conc.Func) {
	done := make(map[conc.Ref]bool)
	for _, lock := range f.Events {
		if lock.Kind != conc.Lock || lock.Deferred || done[lock.Ref] {
			continue
		}
		r := lock.Ref
		var unlocks []*conc.Event
		covered := false // a deferred unlock, or an unlock we cannot place
		for _, e := range f.Events {
			if e.Ref != r {
				continue
			}
			switch {
			case e.Kind == conc.UnlockValue, e.Kind == conc.Unlock && e.Deferred:
				covered = true
			case e.Kind == conc.Unlock:
				unlocks = append(unlocks, e)
			}
		}
		if covered || c.m.HandedOff(f, r) || c.local(f, r) || conc.ReleasesCallerLock(f, r) {
			done[r] = true
			continue
		}
		ret := f.FirstExit(lock.After(), conc.Releases(r))
		if ret == nil {
			continue
		}
		done[r] = true
		if len(unlocks) == 0 {
			c.neverUnlocked(f, lock)
			continue
		}
		if c.isLockHelper(f, lock, false) {
			continue // returns holding the lock for its caller
		}
		c.report(f, lock, ret, unlocks)
	}
}

func (c *checker) report(f *conc.Func, lock *conc.Event, ret *ast.ReturnStmt, unlocks []*conc.Event) {
	r := lock.Ref
	line := c.pass.Fset.Position(lock.Pos()).Line
	state, next := "locked", fmt.Sprintf("the next %s.Lock blocks forever", r)
	unlock := "Unlock"
	if lock.Read {
		state, next, unlock = "read-locked", fmt.Sprintf("the next %s.Lock blocks forever, and so does every RLock after it", r), "RUnlock"
	}
	pos, end := ret.Pos(), ret.End()
	if f.Body != nil && ret.Return == f.Body.Rbrace {
		end = pos + 1 // the implicit return at the closing brace
	}
	d := analysis.Diagnostic{
		Pos: pos, End: end, Category: "lock-held-on-return",
		Message: fmt.Sprintf("returns with %s still %s (locked at line %d): %s; unlock before returning, or defer %s.%s() after the lock", r, state, line, next, r, unlock),
		Related: []analysis.RelatedInformation{{Pos: lock.Pos(), Message: fmt.Sprintf("%s is locked here", r)}},
	}
	if fix := c.deferFix(f, lock, unlocks); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.pass.Report(d)
}

// neverUnlocked handles a function that locks r and never unlocks it:
// either a lock helper (silent) or a forgotten Unlock.
func (c *checker) neverUnlocked(f *conc.Func, lock *conc.Event) {
	r := lock.Ref
	if lock.Indirect || c.isLockHelper(f, lock, true) {
		return
	}
	if f.Lit != nil && !f.Declares(r.Root) && !c.m.IsGoroutineBody(f) {
		return // a callback: whoever calls it may unlock
	}
	for _, e := range f.Events {
		if e.Kind == conc.Escape && (r.Within(e.Ref) || e.Ref.Root == r.Root) {
			return // the mutex's owner is handed on: another variable may unlock it
		}
	}
	unlock := "Unlock"
	if lock.Read {
		unlock = "RUnlock"
	}
	c.pass.Report(analysis.Diagnostic{
		Pos: lock.Node.Pos(), End: lock.Node.End(), Category: "never-unlocked",
		Message: fmt.Sprintf("%s is locked here and never unlocked: the function returns holding it and the next %s.Lock blocks forever; add defer %s.%s() after it", r, r, r, unlock),
	})
}

// isLockHelper reports whether f is meant to return holding r, by what it
// and its callers do (never by its name):
//   - a function of the package unlocks r after calling f;
//   - f records in a field that it keeps the lock, and a method that
//     releases the lock tests that field (heldInField);
//   - the returns that keep the lock return constants that no other
//     return returns, and every return returns constants: the result tells
//     the caller that it holds the lock (a TryLock of its own, true when
//     it holds the lock, as sync.Mutex.TryLock);
//
// and, when f never unlocks r:
//   - a method of the same receiver type releases the same field (a pair
//     like Begin and End, Acquire and Release);
//   - the lock is the last thing f does: nothing runs under it before f
//     returns, so it is taken for the caller.
func (c *checker) isLockHelper(f *conc.Func, lock *conc.Event, neverUnlocks bool) bool {
	r := lock.Ref
	if f.Decl == nil {
		return false
	}
	if neverUnlocks && f.Decl.Recv != nil && f.Obj != nil {
		recvType := f.Obj.Type().(*types.Signature).Recv().Type()
		for _, g := range c.m.Funcs {
			if g == f || g.Obj == nil || g.Decl.Recv == nil {
				continue
			}
			grecv := g.Obj.Type().(*types.Signature).Recv()
			if !types.Identical(grecv.Type(), recvType) {
				continue
			}
			s := c.m.Summary(g)
			for _, pe := range s.Effects {
				if pe.Param == -1 && pe.Path == r.Path && pe.Effect.Lock.Releases {
					return true
				}
			}
		}
	}
	if f.Obj != nil {
		for _, site := range c.m.CallSites(f.Obj) {
			cr, ok := c.m.ToCaller(f, site, r)
			if !ok {
				continue
			}
			for _, e := range site.Caller.Events {
				if e.Kind == conc.Unlock && e.Ref == cr && e.Pos() > site.Call.Pos() {
					return true
				}
			}
		}
	}
	return neverUnlocks && lockedLast(f, lock) || c.resultSaysLocked(f, lock) || c.heldInField(f, lock) ||
		c.handsOver(f, lock) || neverUnlocks && c.pairedByPromotion(f, lock)
}

// handsOver reports whether f returns the lock to its caller: it returns
// the mutex itself (&c.mu), or a value of a type with a method that
// unlocks a mutex of the same class (Collection.Complete unlocks the
// Lifecycle's control mutex that BeginCollection returns holding).
func (c *checker) handsOver(f *conc.Func, lock *conc.Event) bool {
	if f.Obj == nil {
		return false
	}
	r := lock.Ref
	info := c.pass.TypesInfo
	class := c.m.Class(r)
	res := f.Obj.Type().(*types.Signature).Results()
	for i := range res.Len() {
		t := res.At(i).Type()
		if conc.IsMutex(deref(t)) || isLocker(t) {
			// The mutex itself: returned by the returns that keep it, or
			// assigned to the named result a bare return returns.
			named := res.At(i)
			found := false
			ast.Inspect(f.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.ReturnStmt:
					if i < len(n.Results) {
						if rr, ok := conc.RefOf(info, n.Results[i]); ok && rr == r {
							found = true
						}
					}
				case *ast.AssignStmt:
					if len(n.Lhs) != len(n.Rhs) {
						break
					}
					for k, l := range n.Lhs {
						id, ok := ast.Unparen(l).(*ast.Ident)
						if !ok || named.Name() == "" || info.Uses[id] != named {
							continue
						}
						if rr, ok := conc.RefOf(info, n.Rhs[k]); ok && rr == r {
							found = true
						}
					}
				}
				return !found
			})
			if found {
				return true
			}
			continue
		}
		if class == "" {
			continue
		}
		for _, mt := range []types.Type{t, types.NewPointer(deref(t))} {
			ms := types.NewMethodSet(mt)
			for k := range ms.Len() {
				fn, ok := ms.At(k).Obj().(*types.Func)
				if !ok {
					continue
				}
				s := c.m.SummaryOf(fn)
				if s == nil {
					continue
				}
				for _, pe := range s.Effects {
					if pe.Effect.Lock.Releases && conc.EffectClass(fn, pe) == class {
						return true
					}
				}
			}
		}
	}
	return false
}

// pairedByPromotion reports whether the mutex is embedded in f's receiver
// and the receiver's Unlock (or RUnlock) is the embedded mutex's, promoted:
// a Lock method of a type embedding sync.Mutex that forwards to it makes
// the type a sync.Locker whose users unlock through the promoted method.
func (c *checker) pairedByPromotion(f *conc.Func, lock *conc.Event) bool {
	if f.Obj == nil || f.Decl.Recv == nil {
		return false
	}
	recv := f.Obj.Type().(*types.Signature).Recv()
	if lock.Ref.Root != recv {
		return false
	}
	name := "Unlock"
	if lock.Read {
		name = "RUnlock"
	}
	obj, index, _ := types.LookupFieldOrMethod(recv.Type(), true, c.pass.Pkg, name)
	fn, ok := obj.(*types.Func)
	if !ok || len(index) < 2 || fn.Pkg() == nil || fn.Pkg().Path() != "sync" {
		return false // not promoted from an embedded mutex
	}
	// The embedded field the method comes from is the locked one.
	path := ""
	t := recv.Type()
	for _, i := range index[:len(index)-1] {
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok {
			return false
		}
		path += "." + st.Field(i).Name()
		t = st.Field(i).Type()
	}
	return path == lock.Ref.Path
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// isLocker reports whether t is sync.Locker.
func isLocker(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == "Locker"
}

// heldInField reports whether f records in a field of the mutex's owner
// that it keeps the lock, for a method that releases the lock when the
// field says so: f assigns the field after locking, and a method of the
// package that releases the same mutex of its receiver tests the field in
// an if (database/sql's Rows.Scan keeps closemu read-locked and sets
// closemuScanHold; Next releases it under if rs.closemuScanHold).
func (c *checker) heldInField(f *conc.Func, lock *conc.Event) bool {
	r := lock.Ref
	if f.Obj == nil || f.Decl.Recv == nil {
		return false
	}
	info := c.pass.TypesInfo
	// The fields of r's owner that f assigns after the lock.
	fields := make(map[*types.Var]bool)
	f.InspectBody([]ast.Node{(*ast.AssignStmt)(nil)}, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Pos() < lock.Pos() {
			return true
		}
		for _, l := range as.Lhs {
			se, ok := ast.Unparen(l).(*ast.SelectorExpr)
			if !ok {
				continue
			}
			if base, ok := conc.RefOf(info, se.X); !ok || base.Root != r.Root {
				continue
			}
			if v, ok := info.Uses[se.Sel].(*types.Var); ok && v.IsField() {
				fields[v] = true
			}
		}
		return true
	})
	if len(fields) == 0 {
		return false
	}
	recvType := f.Obj.Type().(*types.Signature).Recv().Type()
	for _, g := range c.m.Funcs {
		if g == f || g.Obj == nil || g.Decl == nil || g.Decl.Recv == nil {
			continue
		}
		if !types.Identical(g.Obj.Type().(*types.Signature).Recv().Type(), recvType) {
			continue
		}
		releases := false
		for _, pe := range c.m.Summary(g).Effects {
			if pe.Param == -1 && pe.Path == r.Path && pe.Effect.Lock.Releases {
				releases = true
			}
		}
		if !releases {
			continue
		}
		tests := false
		ast.Inspect(g.Body, func(n ast.Node) bool {
			is, ok := n.(*ast.IfStmt)
			if !ok {
				return !tests
			}
			ast.Inspect(is.Cond, func(x ast.Node) bool {
				if se, ok := x.(*ast.SelectorExpr); ok {
					if v, ok := info.Uses[se.Sel].(*types.Var); ok && fields[v] {
						tests = true
					}
				}
				return !tests
			})
			return !tests
		})
		if tests {
			return true
		}
	}
	return false
}

// lockedLast reports whether the lock is the last statement of f's body,
// or is followed only by a return of plain values.
func lockedLast(f *conc.Func, lock *conc.Event) bool {
	list := f.Body.List
	for i, s := range list {
		es, ok := s.(*ast.ExprStmt)
		if !ok || es.X != lock.Node {
			continue
		}
		switch rest := list[i+1:]; len(rest) {
		case 0:
			return true
		case 1:
			ret, ok := rest[0].(*ast.ReturnStmt)
			return ok && plainValues(ret.Results)
		}
	}
	return false
}

// resultSaysLocked reports whether every return that keeps the lock
// returns constants, and no return after an unlock returns the same as one
// that keeps the lock.
func (c *checker) resultSaysLocked(f *conc.Func, lock *conc.Event) bool {
	info := c.pass.TypesInfo
	constants := func(ret *ast.ReturnStmt) (string, bool) {
		if len(ret.Results) == 0 {
			return "", false
		}
		var key []string
		for _, e := range ret.Results {
			tv := info.Types[e]
			switch {
			case tv.Value != nil:
				key = append(key, tv.Value.ExactString())
			case tv.IsNil():
				key = append(key, "nil")
			default:
				return "", false
			}
		}
		return strings.Join(key, ","), true
	}
	held := make(map[string]bool)
	released := make(map[string]bool)
	ok := true
	releases := conc.Releases(lock.Ref)
	complete := f.Search(lock.After(), func(e *conc.Event, st int) (bool, int) {
		if st == 0 && releases(e) {
			return false, 1
		}
		return false, st
	}, func(ret *ast.ReturnStmt, st int) bool {
		key, isConst := constants(ret)
		if !isConst {
			ok = false
			return true
		}
		if st == 0 {
			held[key] = true
		} else {
			released[key] = true
		}
		return false
	})
	if !complete || !ok || len(held) == 0 {
		return false
	}
	for k := range held {
		// Like sync.Mutex.TryLock, a boolean result is true when the
		// lock is held: a function that returns false holding it has
		// forgotten to unlock.
		if released[k] || k == "false" {
			return false
		}
	}
	return true
}

// local reports whether r is reached from a variable declared in f's body:
// the mutex usually dies with the function, and leaving it locked harms no
// one.
func (c *checker) local(f *conc.Func, r conc.Ref) bool {
	return f.Declares(r.Root) && r.Root.Pos() > f.Body.Pos()
}

// deferFix returns the fix that replaces the function's only Unlock, at
// the end of its body, with a defer right after the Lock: when the Lock is
// a statement of the body and nothing after the Unlock depends on the lock
// being released.
func (c *checker) deferFix(f *conc.Func, lock *conc.Event, unlocks []*conc.Event) *analysis.SuggestedFix {
	if len(unlocks) != 1 || lock.Indirect || unlocks[0].Indirect || unlocks[0].Read != lock.Read || f.Body == nil {
		return nil
	}
	list := f.Body.List
	lockIdx, unlockIdx := -1, -1
	for i, s := range list {
		if es, ok := s.(*ast.ExprStmt); ok {
			if es.X == lock.Node {
				lockIdx = i
			}
			if es.X == unlocks[0].Node {
				unlockIdx = i
			}
		}
	}
	if lockIdx < 0 || unlockIdx <= lockIdx {
		return nil
	}
	switch rest := list[unlockIdx+1:]; len(rest) {
	case 0:
	case 1:
		ret, ok := rest[0].(*ast.ReturnStmt)
		if !ok || !plainValues(ret.Results) {
			return nil
		}
	default:
		return nil
	}
	fset := c.pass.Fset
	lockStmt, unlockStmt := list[lockIdx], list[unlockIdx]
	indent := strings.Repeat("\t", max(fset.Position(lockStmt.Pos()).Column-1, 0))
	var call bytes.Buffer
	call.WriteString(types.ExprString(unlocks[0].Node.(*ast.CallExpr)))
	// Remove the Unlock's whole line: from the end of the previous
	// statement to the end of the Unlock.
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Defer %s right after the lock", call.String()),
		TextEdits: []analysis.TextEdit{
			{Pos: lockStmt.End(), End: lockStmt.End(), NewText: []byte("\n" + indent + "defer " + call.String())},
			{Pos: list[unlockIdx-1].End(), End: unlockStmt.End()},
		},
	}
}

// plainValues reports whether the expressions have no calls or receives:
// evaluating them under the lock changes nothing.
func plainValues(exprs []ast.Expr) bool {
	ok := true
	for _, e := range exprs {
		ast.Inspect(e, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr, *ast.FuncLit:
				ok = false
			case *ast.UnaryExpr:
				if n.Op == token.ARROW {
					ok = false
				}
			}
			return ok
		})
	}
	return ok
}
