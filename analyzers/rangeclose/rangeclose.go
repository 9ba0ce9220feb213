package rangeclose

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports ranges over channels that are never closed.
var Analyzer = &analysis.Analyzer{
	Name:     "rangeclose",
	Requires: []*analysis.Analyzer{conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.3.0", checkdoc.Error, checkdoc.Name("RangeOverUnclosedChannel"))

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[conc.Analyzer].(*conc.Model)
	for _, f := range m.Funcs {
		for _, lc := range m.LocalChans(f) {
			check(pass, m, f, lc)
		}
	}
	return nil, nil
}

func check(pass *analysis.Pass, m *conc.Model, f *conc.Func, lc *conc.LocalChan) {
	u := lc.Use
	if u.Escapes || u.Assigned {
		return // closed, maybe, by code we do not follow
	}
	eff := u.Effect()
	if eff.Escapes && len(u.Goroutines) == 0 {
		return
	}
	ch := lc.Ref
	// The ranges: in f, or in the goroutines (reported at the go statement
	// when the goroutine runs a named function).
	type rng struct {
		node   ast.Node // the range statement, or the go statement
		inF    bool
		launch *conc.Event
	}
	var ranges []rng
	for _, r := range u.Ranges {
		ranges = append(ranges, rng{node: r, inF: true})
	}
	closes := len(u.Closes) > 0 || eff.Close
	for _, g := range u.Goroutines {
		if g.Effect.Escapes || g.Effect.Select && g.Effect.Recv > 0 {
			return
		}
		if g.Effect.Close {
			closes = true
		}
		if g.Effect.Range {
			node := g.Launch.Node
			if lit := g.Launch.Launch.Lit; lit != nil {
				if lf := m.FuncOf(lit); lf != nil {
					if gr := m.ChanUse(lf, lc.Var).Ranges; len(gr) > 0 {
						node = gr[0]
					}
				}
			}
			ranges = append(ranges, rng{node: node, launch: g.Launch})
		}
	}
	for _, r := range ranges {
		if rs, ok := r.node.(*ast.RangeStmt); ok && leaves(rs) {
			continue // the loop can end by itself
		}
		name := ch.String()
		if !closes {
			pass.Report(analysis.Diagnostic{
				Pos: r.node.Pos(), End: rangeEnd(r.node), Category: "never-closed",
				Message: fmt.Sprintf("range over %s never ends: no one closes %s, so after the last value the loop waits forever and its goroutine leaks (or the program deadlocks); close %s once every sender is done", name, name, name),
			})
			continue
		}
		if !r.inF || len(u.Closes) == 0 || eff.Close && len(u.Calls) > 0 {
			continue
		}
		for _, g := range u.Goroutines {
			if g.Effect.Close {
				goto next // a goroutine closes it
			}
		}
		if c := closedOnlyAfter(f, r.node.(*ast.RangeStmt), ch); c != nil {
			pass.Report(analysis.Diagnostic{
				Pos: r.node.Pos(), End: rangeEnd(r.node), Category: "close-after-range",
				Message: fmt.Sprintf("range over %s never ends: %s is closed only after the loop, at line %d, by the same goroutine, which never gets there; close %s in another goroutine once the senders are done (go func() { wg.Wait(); close(%s) }())", name, name, pass.Fset.Position(c.Pos()).Line, name, name),
				Related: []analysis.RelatedInformation{{Pos: c.Pos(), Message: "the close that is never reached"}},
			})
		}
	next:
	}
}

// closedOnlyAfter returns a close of ch in f when every close of ch in f
// runs only after the range loop rs (deferred, or after it on every path),
// or nil.
func closedOnlyAfter(f *conc.Func, rs *ast.RangeStmt, ch conc.Ref) *conc.Event {
	var rangeEv *conc.Event
	for _, e := range f.Events {
		if e.Kind == conc.RangeChan && e.Node == rs {
			rangeEv = e
		}
	}
	if rangeEv == nil {
		return nil
	}
	var last *conc.Event
	for _, e := range f.Events {
		if e.Kind != conc.Close || e.Chan != ch {
			continue
		}
		if !e.Deferred && f.Reaches(f.Entry(), func(x *conc.Event) bool { return x == e }, func(x *conc.Event) bool { return x == rangeEv }) != nil {
			return nil // a path closes before (or without) the range
		}
		last = e
	}
	if f.InLoop(rangeEv) {
		return nil // a close in an earlier iteration may end the range
	}
	return last
}

// leaves reports whether the range's body can leave the loop by a break,
// a return, a goto or a panic.
func leaves(rs *ast.RangeStmt) bool {
	found := false
	depth := 0
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		case *ast.BranchStmt:
			switch n.Tok {
			case token.GOTO:
				found = true
			case token.BREAK:
				if n.Label != nil || depth == 0 {
					found = true
				}
			}
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			depth++
			ast.Inspect(childBody(n), visit)
			depth--
			return false
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "panic" {
				found = true
			}
		}
		return true
	}
	ast.Inspect(rs.Body, visit)
	return found
}

func childBody(n ast.Node) ast.Node {
	switch n := n.(type) {
	case *ast.ForStmt:
		return n.Body
	case *ast.RangeStmt:
		return n.Body
	case *ast.SwitchStmt:
		return n.Body
	case *ast.TypeSwitchStmt:
		return n.Body
	case *ast.SelectStmt:
		return n.Body
	}
	return nil
}

// rangeEnd ends the report at the range clause, not the whole loop.
func rangeEnd(n ast.Node) token.Pos {
	if rs, ok := n.(*ast.RangeStmt); ok {
		return rs.X.End()
	}
	return n.End()
}
