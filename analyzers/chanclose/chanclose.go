package chanclose

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed doc.go
var doc string

// Analyzer reports double closes, sends after close, closes by the
// receiving side and nil channels.
var Analyzer = &analysis.Analyzer{
	Name:     "chanclose",
	Requires: []*analysis.Analyzer{conc.Analyzer, inspect.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.3.0", checkdoc.Error, checkdoc.Name("ChannelCloseMisuse"))

type checker struct {
	pass     *analysis.Pass
	m        *conc.Model
	recovers []token.Pos // the calls of recover in the package, in order
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{pass: pass, m: pass.ResultOf[conc.Analyzer].(*conc.Model), recovers: recoverCalls(pass)}
	for _, f := range c.m.Funcs {
		if c.recoversIn(f.Body) {
			continue // a panic on close may be the point
		}
		c.closes(f)
		c.receiverCloses(f)
		c.nilChans(f)
		c.fieldCloses(f)
	}
	return nil, nil
}

// fieldCloses reports a close of a channel field (an unexported one whose
// every use the package's index sees) by a function that does not wait
// before it, while a goroutine of the package sends on the field in a
// loop it never leaves, with nothing on the loop that blocks but the send
// and no lock taken: the goroutine is running when the close happens, and
// its next send (or the one it is blocked in) panics.
func (c *checker) fieldCloses(f *conc.Func) {
	if locks(f) {
		return // a close under a lock may be ordered with a guarded send
	}
	objs := c.m.Objects()
	for _, cl := range f.Events {
		if cl.Kind != conc.Close || cl.Indirect || cl.Chan.IsZero() || cl.Chan.Path == "" {
			continue
		}
		class := c.m.Class(cl.Chan)
		if class == "" || !c.m.Visible(class) {
			continue
		}
		stops := func(e *conc.Event) bool { return e.Kind.Blocks() || e.Kind == conc.Unknown }
		if f.Reaches(f.Entry(), func(e *conc.Event) bool { return e == cl }, stops) == nil {
			continue // every path waits for something first
		}
		for _, op := range objs.Ops(class) {
			if op.Kind != conc.OpSend || op.Select || op.Func == f {
				continue
			}
			s := op.Func
			if c.m.GoroutineOf(s) != s || c.m.GoroutineOf(f) == s || c.recoversIn(s.Body) || locks(s) {
				continue // not a goroutine body of its own, or the closer runs on it
			}
			var send *conc.Event
			for _, e := range s.Events {
				if e.Kind == conc.Send && e.Node == op.Node {
					send = e
				}
			}
			if send == nil || !s.InLoop(send) || s.FirstExit(s.Entry(), func(*conc.Event) bool { return false }) != nil || s.Exhausted() > 0 {
				continue // the goroutine may have returned
			}
			// Around the loop, nothing blocks but the send.
			again := s.Reaches(send.After(), func(e *conc.Event) bool { return e == send }, func(e *conc.Event) bool {
				return e != send && stops(e)
			})
			if again == nil {
				continue
			}
			launch := c.launchOf(s)
			if launch == nil {
				continue
			}
			c.pass.Report(analysis.Diagnostic{
				Pos: cl.Node.Pos(), End: cl.Node.End(), Category: "close-while-sending",
				Message: fmt.Sprintf("%s is closed while the goroutine started at line %d still sends on it in a loop it never leaves: its next send panics on the closed channel; stop the goroutine first (a done channel it selects on, then wait for it) and close %s after it has returned",
					cl.Chan, c.pass.Fset.Position(launch.Pos()).Line, cl.Chan),
				Related: []analysis.RelatedInformation{
					{Pos: launch.Pos(), Message: "the sender is started here"},
					{Pos: send.Pos(), Message: "it sends here"},
				},
			})
			return
		}
	}
}

// locks reports whether f takes a lock (or calls something that does).
func locks(f *conc.Func) bool {
	for _, e := range f.Events {
		switch e.Kind {
		case conc.Lock, conc.TryLock, conc.LockCall, conc.SomeLock:
			return true
		}
	}
	return false
}

// launchOf returns a go statement of the package that starts body.
func (c *checker) launchOf(body *conc.Func) *conc.Event {
	for _, f := range c.m.Funcs {
		for _, e := range f.Events {
			if e.Kind == conc.Launch && e.Launch.Body == body {
				return e
			}
		}
	}
	return nil
}

// recoverCalls returns the positions of the calls of recover in the
// files of the package, in order: one walk of the package's calls, where
// asking each function (literals inside others included) walked a body
// again for each function around it.
func recoverCalls(pass *analysis.Pass) []token.Pos {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	var out []token.Pos
	for cur := range ins.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "recover" {
			if b, ok := pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "recover" {
				out = append(out, call.Pos())
			}
		}
	}
	slices.Sort(out)
	return out
}

// recoversIn reports whether body calls recover (in a deferred literal).
func (c *checker) recoversIn(body *ast.BlockStmt) bool {
	i, _ := slices.BinarySearch(c.recovers, body.Pos())
	return i < len(c.recovers) && c.recovers[i] < body.End()
}

// closes reports double closes and sends after close within f.
func (c *checker) closes(f *conc.Func) {
	info := c.pass.TypesInfo
	reported := make(map[ast.Node]bool)
	for _, c1 := range f.Events {
		if c1.Kind != conc.Close || c1.Chan.IsZero() || reported[c1.Node] {
			continue
		}
		ch := c1.Chan
		if assigned(info, f.Body, ch) {
			continue // may be another channel by the second operation
		}
		// What runs after c1: for a deferred close, whatever follows the
		// defer statement runs before it.
		if loop := f.EnclosingLoop(c1.Node); loop != nil && ch.Root.Pos() > loop.Pos() && ch.Root.Pos() < loop.End() {
			continue // a new variable each iteration
		}
		second := f.Reaches(c1.After(), func(e *conc.Event) bool { return e.Kind == conc.Close && e.Chan == ch }, nil)
		if second == nil && !c1.Deferred {
			// What runs after c1: for a deferred close, whatever follows
			// the defer statement runs before it.
			second = f.Reaches(c1.After(), func(e *conc.Event) bool { return e.Kind == conc.Send && e.Chan == ch }, nil)
		}
		if second == nil || reported[second.Node] {
			continue
		}
		if second == c1 && f.Conditional(c1.Node, f.EnclosingLoop(c1.Node)) {
			continue // closed in one iteration only, under a condition
		}
		if second != c1 && second.Kind == conc.Close && f.Conditional(c1.Node, nil) && f.Conditional(second.Node, nil) {
			continue // two guarded closes: the guards may exclude each other
		}
		line := c.pass.Fset.Position(c1.Pos()).Line
		reported[second.Node] = true
		if second.Kind == conc.Close {
			msg := fmt.Sprintf("%s is closed again (closed at line %d): closing a closed channel panics; close it once, in the goroutine that owns it", ch, line)
			if second == c1 {
				msg = fmt.Sprintf("%s is closed in a loop: the second iteration closes it again and panics; close it once, after the loop", ch)
			} else if second.Deferred && !c1.Deferred {
				msg = fmt.Sprintf("%s is closed again when the function returns (closed at line %d): closing a closed channel panics; drop one of the closes", ch, line)
			} else if c1.Deferred {
				msg = fmt.Sprintf("%s is closed here and again by the deferred close at line %d when the function returns: closing a closed channel panics; drop one of the closes", ch, line)
			}
			c.pass.Report(analysis.Diagnostic{
				Pos: second.Node.Pos(), End: second.Node.End(), Category: "double-close", Message: msg,
				Related: []analysis.RelatedInformation{{Pos: c1.Pos(), Message: "first closed here"}},
			})
			continue
		}
		c.pass.Report(analysis.Diagnostic{
			Pos: second.Node.Pos(), End: second.Node.End(), Category: "send-after-close",
			Message: fmt.Sprintf("send on %s after it is closed at line %d: a send on a closed channel panics; send before closing", ch, line),
			Related: []analysis.RelatedInformation{{Pos: c1.Pos(), Message: "closed here"}},
		})
	}
}

// assigned reports whether the variable through which r is reached is
// assigned in body (after its definition) or has its address taken.
func assigned(info *types.Info, body *ast.BlockStmt, r conc.Ref) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				lr, ok := conc.RefOf(info, l)
				if !ok || lr.Root != r.Root {
					continue
				}
				if id, ok := l.(*ast.Ident); ok && info.Defs[id] != nil {
					continue // the definition
				}
				if lr.Path == "" || r.Within(lr) || lr.Within(r) {
					found = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if lr, ok := conc.RefOf(info, n.X); ok && lr.Root == r.Root {
					found = true
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if e == nil {
					continue
				}
				if lr, ok := conc.RefOf(info, e); ok && lr.Root == r.Root {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// receiverCloses reports a close of a local channel right after starting
// goroutines that send on it, with nothing in between that waits for them.
func (c *checker) receiverCloses(f *conc.Func) {
	for _, lc := range c.m.LocalChans(f) {
		u := lc.Use
		if u.Escapes || u.Assigned || len(u.Closes) == 0 {
			continue
		}
		var senders []*conc.Event
		for _, g := range u.Goroutines {
			if g.Effect.Close || g.Effect.Escapes {
				senders = nil
				break
			}
			if g.Effect.Send > 0 || g.Effect.SelSend {
				senders = append(senders, g.Launch)
			}
		}
		if len(senders) == 0 {
			continue
		}
		waits := func(e *conc.Event) bool { return e.Kind.Blocks() || e.Kind == conc.Sleep }
		for _, l := range senders {
			cl := f.Reaches(l.After(), func(e *conc.Event) bool {
				return e.Kind == conc.Close && e.Chan == lc.Ref && !e.Deferred
			}, waits)
			if cl == nil {
				continue
			}
			c.pass.Report(analysis.Diagnostic{
				Pos: cl.Node.Pos(), End: cl.Node.End(), Category: "close-while-sending",
				Message: fmt.Sprintf("%s is closed while the goroutine started at line %d may still send on it: its send panics on the closed channel; close %s after the senders are done (wg.Wait(); close(%s)), or let the sender close it",
					lc.Ref, c.pass.Fset.Position(l.Pos()).Line, lc.Ref, lc.Ref),
				Related: []analysis.RelatedInformation{{Pos: l.Pos(), Message: "the sender is started here"}},
			})
			break
		}
	}
}

// nilChans reports operations on local channel variables declared without
// a value and never assigned.
func (c *checker) nilChans(f *conc.Func) {
	info := c.pass.TypesInfo
	f.InspectBody([]ast.Node{(*ast.FuncLit)(nil), (*ast.ValueSpec)(nil)}, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		vs := n.(*ast.ValueSpec)
		if len(vs.Values) != 0 {
			return true
		}
		for _, id := range vs.Names {
			v, ok := info.Defs[id].(*types.Var)
			if !ok || !conc.IsChan(v.Type()) {
				continue
			}
			if assigned(info, f.Body, conc.Ref{Root: v}) {
				continue
			}
			c.nilOps(f, v, id)
		}
		return true
	})
}

// nilOps reports the blocking operations on the nil channel v.
func (c *checker) nilOps(f *conc.Func, v *types.Var, decl *ast.Ident) {
	info := c.pass.TypesInfo
	line := c.pass.Fset.Position(decl.Pos()).Line
	comm := make(map[ast.Node]bool) // select cases: a nil channel disables them
	escaped := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if cc, ok := n.(*ast.CommClause); ok && cc.Comm != nil {
			switch s := cc.Comm.(type) {
			case *ast.SendStmt:
				comm[s] = true
			case *ast.ExprStmt:
				comm[ast.Unparen(s.X)] = true
			case *ast.AssignStmt:
				if len(s.Rhs) == 1 {
					comm[ast.Unparen(s.Rhs[0])] = true
				}
			}
		}
		if call, ok := n.(*ast.CallExpr); ok {
			for _, a := range call.Args {
				if id, ok := ast.Unparen(a).(*ast.Ident); ok && info.Uses[id] == v {
					if fid, ok := ast.Unparen(call.Fun).(*ast.Ident); !ok || fid.Name != "close" && fid.Name != "len" && fid.Name != "cap" {
						escaped = true // handed to a function: it may be a nil on purpose
					}
				}
			}
		}
		return true
	})
	if escaped {
		return
	}
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == v
	}
	report := func(n ast.Node, what, consequence string) {
		c.pass.Report(analysis.Diagnostic{
			Pos: n.Pos(), End: n.End(), Category: "nil-channel",
			Message: fmt.Sprintf("%s on %s, which is nil (declared at line %d and never assigned): %s; make it with make(chan %s)", what, v.Name(), line, consequence,
				types.TypeString(v.Type().Underlying().(*types.Chan).Elem(), types.RelativeTo(c.pass.Pkg))),
		})
	}
	f.InspectBody([]ast.Node{(*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil), (*ast.CallExpr)(nil)}, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SendStmt:
			if is(n.Chan) && !comm[n] {
				report(n, "send", "it blocks forever")
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && is(n.X) && !comm[n] {
				report(n, "receive", "it blocks forever")
			}
		case *ast.RangeStmt:
			if is(n.X) {
				report(n.X, "range", "the loop blocks forever")
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && len(n.Args) == 1 && is(n.Args[0]) {
				if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "close" {
					report(n, "close", "closing a nil channel panics")
				}
			}
		}
		return true
	})
}
