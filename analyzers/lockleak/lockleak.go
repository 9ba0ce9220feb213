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
		if covered || c.m.HandedOff(f, r) || c.local(f, r) || namedAsLockHelper(f) || conc.ReleasesCallerLock(f, r) {
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
		if correlated(c.pass.TypesInfo, f, lock, unlocks) {
			continue // locked and unlocked under the same condition
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
	if lock.Indirect || c.isLockHelper(f, r) {
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

// isLockHelper reports whether f is meant to return holding r: its name or
// doc comment speaks of locking, or it is a method whose callers in the
// package unlock after calling it.
func (c *checker) isLockHelper(f *conc.Func, r conc.Ref) bool {
	if f.Decl == nil {
		return false
	}
	// A method paired with another method that releases the same field
	// (Begin/End, Acquire/Release).
	if f.Decl.Recv != nil && f.Obj != nil {
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
	// Does any caller in the package unlock after calling it?
	for _, g := range c.m.Funcs {
		for _, e := range g.Events {
			if e.Kind == conc.Lock && e.Indirect && e.Callee == f.Obj {
				if g.Reaches(e.After(), func(x *conc.Event) bool { return x.Kind == conc.Unlock && x.Ref == e.Ref }, nil) != nil {
					return true
				}
			}
		}
	}
	return false
}

// namedAsLockHelper reports whether f's name or doc comment says that it
// deals in locks ("lock", "acquire", "held"): such functions may return
// holding a lock on purpose.
func namedAsLockHelper(f *conc.Func) bool {
	if f.Decl == nil {
		return false
	}
	name := strings.ToLower(f.Decl.Name.Name)
	if strings.Contains(name, "lock") || strings.Contains(name, "acquire") {
		return true
	}
	if f.Decl.Doc != nil {
		text := strings.ToLower(f.Decl.Doc.Text())
		if strings.Contains(text, "lock") || strings.Contains(text, "held") {
			return true
		}
	}
	return false
}

// local reports whether r is reached from a variable declared in f's body:
// the mutex usually dies with the function, and leaving it locked harms no
// one.
func (c *checker) local(f *conc.Func, r conc.Ref) bool {
	return f.Declares(r.Root) && r.Root.Pos() > f.Body.Pos()
}

// correlated reports whether lock sits under an if whose condition is the
// same as that of an if around one of the unlocks (or whose condition is a
// plain boolean flag): "if locked { mu.Unlock() }".
func correlated(info *types.Info, f *conc.Func, lock *conc.Event, unlocks []*conc.Event) bool {
	lockConds := conditionsAround(f.Body, lock.Node)
	for _, u := range unlocks {
		for _, uc := range conditionsAround(f.Body, u.Node) {
			if id, ok := ast.Unparen(uc).(*ast.Ident); ok {
				if _, ok := info.Uses[id].(*types.Var); ok {
					return true // a flag
				}
			}
			if u, ok := ast.Unparen(uc).(*ast.UnaryExpr); ok && u.Op == token.NOT {
				if _, ok := ast.Unparen(u.X).(*ast.Ident); ok {
					return true
				}
			}
			for _, lc := range lockConds {
				if types.ExprString(lc) == types.ExprString(uc) {
					return true
				}
			}
		}
	}
	return false
}

// conditionsAround returns the conditions of the if statements enclosing n
// within body.
func conditionsAround(body *ast.BlockStmt, n ast.Node) []ast.Expr {
	var conds []ast.Expr
	ast.Inspect(body, func(x ast.Node) bool {
		if x == nil || x.Pos() > n.Pos() || x.End() < n.End() {
			return false
		}
		if _, ok := x.(*ast.FuncLit); ok {
			return false
		}
		if s, ok := x.(*ast.IfStmt); ok && s.Body.Pos() <= n.Pos() && n.End() <= s.End() {
			conds = append(conds, s.Cond)
		}
		return true
	})
	return conds
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
