package wrongkey

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

// Analyzer reports channel results stored under the key of a loop.
var Analyzer = &analysis.Analyzer{
	Name:     "wrongkey",
	Requires: []*analysis.Analyzer{conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.3.0", checkdoc.Error, checkdoc.Name("ResultUnderWrongKey"))

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[conc.Analyzer].(*conc.Model)
	for _, f := range m.Funcs {
		chans := m.LocalChans(f)
		if len(chans) == 0 {
			continue
		}
		check(pass, m, f, chans)
	}
	return nil, nil
}

// check looks for loops of f that store values received from a channel
// under their own key.
func check(pass *analysis.Pass, m *conc.Model, f *conc.Func, chans []*conc.LocalChan) {
	info := pass.TypesInfo
	byVar := make(map[*types.Var]*conc.LocalChan)
	for _, lc := range chans {
		byVar[lc.Var] = lc
	}
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		loop, ok := n.(ast.Stmt)
		if !ok {
			return true
		}
		keys := loopKeys(info, loop)
		if len(keys) == 0 {
			return true
		}
		body := loopBody(loop)
		// Values received in the loop's body: variables defined from
		// <-ch, and the receive expressions themselves.
		received := make(map[*types.Var]*conc.LocalChan)
		ast.Inspect(body, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			as, ok := n.(*ast.AssignStmt)
			if !ok || as.Tok != token.DEFINE || len(as.Rhs) != 1 {
				return true
			}
			if lc := recvFrom(info, as.Rhs[0], byVar); lc != nil {
				if id, ok := as.Lhs[0].(*ast.Ident); ok {
					if v, ok := info.Defs[id].(*types.Var); ok {
						received[v] = lc
					}
				}
			}
			return true
		})
		ast.Inspect(body, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			as, ok := n.(*ast.AssignStmt)
			if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
				return true
			}
			ix, ok := ast.Unparen(as.Lhs[0]).(*ast.IndexExpr)
			if !ok || !indexable(info.TypeOf(ix.X)) {
				return true
			}
			kid, ok := ast.Unparen(ix.Index).(*ast.Ident)
			if !ok || !keys[info.Uses[kid]] {
				return true
			}
			lc := recvFrom(info, as.Rhs[0], byVar)
			if lc == nil {
				ast.Inspect(as.Rhs[0], func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok {
						if v, ok := info.Uses[id].(*types.Var); ok && received[v] != nil {
							lc = received[v]
						}
					}
					return lc == nil
				})
			}
			if lc == nil {
				return true
			}
			launch := senderLoop(pass, m, f, lc, loop)
			if launch == nil {
				return true
			}
			pass.Report(analysis.Diagnostic{
				Pos: as.Pos(), End: as.End(), Category: "wrong-key",
				Message: fmt.Sprintf("value received from %s is stored under %s, the key of this loop, but the goroutines started at line %d send in the order they finish: the result of one element is filed under another's key; send the key with the value and store under it",
					lc.Var.Name(), kid.Name, pass.Fset.Position(launch.Pos()).Line),
				Related: []analysis.RelatedInformation{{Pos: launch.Pos(), Message: "a goroutine per element is started here"}},
			})
			return true
		})
		return true
	})
}

// recvFrom returns the local channel that e receives from (<-ch), or nil.
func recvFrom(info *types.Info, e ast.Expr, byVar map[*types.Var]*conc.LocalChan) *conc.LocalChan {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return nil
	}
	id, ok := ast.Unparen(u.X).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	return byVar[v]
}

func indexable(t types.Type) bool {
	if t == nil {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Map, *types.Slice, *types.Array:
		return true
	case *types.Pointer:
		_, ok := u.Elem().Underlying().(*types.Array)
		return ok
	}
	return false
}

// loopKeys returns the variables that identify an iteration of loop: the
// key and value of a range, the counter of a counting for.
func loopKeys(info *types.Info, loop ast.Stmt) map[types.Object]bool {
	keys := make(map[types.Object]bool)
	switch l := loop.(type) {
	case *ast.RangeStmt:
		for _, e := range []ast.Expr{l.Key, l.Value} {
			if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
				if obj := info.Defs[id]; obj != nil {
					keys[obj] = true
				}
			}
		}
	case *ast.ForStmt:
		if init, ok := l.Init.(*ast.AssignStmt); ok && init.Tok == token.DEFINE && len(init.Lhs) == 1 {
			if id, ok := init.Lhs[0].(*ast.Ident); ok {
				if obj := info.Defs[id]; obj != nil {
					keys[obj] = true
				}
			}
		}
	}
	return keys
}

func loopBody(loop ast.Stmt) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		return l.Body
	case *ast.ForStmt:
		return l.Body
	}
	return nil
}

// collection returns what a loop iterates over: xs of "range xs", n of
// "for i := 0; i < n; i++".
func collection(loop ast.Stmt) ast.Expr {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		return l.X
	case *ast.ForStmt:
		if b, ok := l.Cond.(*ast.BinaryExpr); ok && (b.Op == token.LSS || b.Op == token.LEQ) {
			return b.Y
		}
	}
	return nil
}

// senderLoop returns the launch, in a loop over the same collection as
// recvLoop that comes before it, of goroutines that each send on lc's
// channel.
func senderLoop(pass *analysis.Pass, m *conc.Model, f *conc.Func, lc *conc.LocalChan, recvLoop ast.Stmt) *conc.Event {
	info := pass.TypesInfo
	coll := collection(recvLoop)
	if coll == nil {
		return nil
	}
	for _, g := range lc.Use.Goroutines {
		if g.Effect.Send == 0 || g.Effect.Recv > 0 || g.Effect.Range || g.Effect.Escapes {
			continue
		}
		l := f.EnclosingLoop(g.Launch.Node)
		if l == nil || l == recvLoop || l.End() > recvLoop.Pos() {
			continue
		}
		c := collection(l)
		if c == nil || !sameCollection(info, c, coll) {
			continue
		}
		// The launching loop must not wait for each goroutine.
		waits := false
		for _, r := range lc.Use.Recvs {
			if r.Pos() >= l.Pos() && r.End() <= l.End() {
				waits = true
			}
		}
		if waits {
			continue
		}
		return g.Launch
	}
	return nil
}

// sameCollection reports whether x and y denote the same variable, field
// path or constant.
func sameCollection(info *types.Info, x, y ast.Expr) bool {
	if rx, ok := conc.RefOf(info, x); ok {
		ry, ok := conc.RefOf(info, y)
		return ok && rx == ry
	}
	tx, ty := info.Types[x], info.Types[y]
	if tx.Value != nil && ty.Value != nil {
		return tx.Value.ExactString() == ty.Value.ExactString()
	}
	if cx, ok := ast.Unparen(x).(*ast.CallExpr); ok {
		if cy, ok := ast.Unparen(y).(*ast.CallExpr); ok && len(cx.Args) == 1 && len(cy.Args) == 1 {
			fx, _ := ast.Unparen(cx.Fun).(*ast.Ident)
			fy, _ := ast.Unparen(cy.Fun).(*ast.Ident)
			if fx != nil && fy != nil && fx.Name == "len" && fy.Name == "len" && info.Uses[fx] == info.Uses[fy] {
				return sameCollection(info, cx.Args[0], cy.Args[0])
			}
		}
	}
	return false
}
