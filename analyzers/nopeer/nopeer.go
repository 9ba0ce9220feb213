package nopeer

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports operations that no other party can complete.
var Analyzer = &analysis.Analyzer{
	Name:     "nopeer",
	Requires: []*analysis.Analyzer{conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.5.0", checkdoc.Error, checkdoc.Name("OperationWithoutPeer"))

type checker struct {
	pass *analysis.Pass
	m    *conc.Model
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{pass: pass, m: pass.ResultOf[conc.Analyzer].(*conc.Model)}
	objs := c.m.Objects()
	var classes []string
	seen := make(map[string]bool)
	for _, f := range c.m.Funcs {
		c.classesOf(f, func(cl string) {
			if !seen[cl] {
				seen[cl] = true
				classes = append(classes, cl)
			}
		})
	}
	sort.Strings(classes)
	for _, cl := range classes {
		if !c.m.Visible(cl) {
			continue
		}
		c.checkClass(objs.Ops(cl))
	}
	for _, f := range c.m.Funcs {
		for _, lc := range c.m.LocalChans(f) {
			c.checkLocal(f, lc)
		}
		c.overCapacity(f)
	}
	return nil, nil
}

// classesOf calls add with the class of each field object f operates on
// (a class may come more than once).
func (c *checker) classesOf(f *conc.Func, add func(class string)) {
	for _, e := range f.Events {
		for _, r := range []conc.Ref{e.Chan, e.Ref} {
			if !r.IsZero() && r.Path != "" {
				if cl := c.m.Class(r); cl != "" {
					add(cl)
				}
			}
		}
	}
	info := c.pass.TypesInfo
	f.InspectBody([]ast.Node{(*ast.FuncLit)(nil), (*ast.CallExpr)(nil)}, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		call := n.(*ast.CallExpr)
		if fn := c.m.Callee(call); conc.IsMethod(fn, "sync", "Cond", "Wait") {
			if r, ok := conc.ReceiverRef(info, call); ok && r.Path != "" {
				if cl := c.m.Class(r); cl != "" {
					add(cl)
				}
			}
		}
		return true
	})
}

// checkClass reports the operations on the objects of class that no
// operation of the package can complete.
func (c *checker) checkClass(ops []*conc.Op) {
	var sends, recvs, closes, waits, signals, makes []*conc.Op
	for _, op := range ops {
		switch op.Kind {
		case conc.OpSend:
			sends = append(sends, op)
		case conc.OpRecv, conc.OpRange:
			recvs = append(recvs, op)
		case conc.OpClose:
			closes = append(closes, op)
		case conc.OpWait:
			waits = append(waits, op)
		case conc.OpSignal:
			signals = append(signals, op)
		case conc.OpMake:
			makes = append(makes, op)
		}
	}
	if len(sends) == 0 && len(closes) == 0 {
		for _, r := range recvs {
			if r.Select {
				continue // another case may fire
			}
			c.report(r, "recv-no-sender", fmt.Sprintf("receives from %s, which no code of the package sends on or closes: this blocks forever; send on %s or close it where the awaited event happens", c.expr(r), c.expr(r)), makes)
		}
	}
	if len(recvs) == 0 && len(closes) == 0 && len(sends) > 0 {
		unbuffered, known := c.unbuffered(makes)
		for _, s := range sends {
			if s.Select {
				continue
			}
			inLoop := s.Func.InLoop(c.eventOf(s))
			if !known || !unbuffered && !inLoop {
				continue
			}
			what := "nothing receives"
			if !unbuffered {
				what = "nothing receives, so the buffer fills"
			}
			c.report(s, "send-no-receiver", fmt.Sprintf("sends on %s, but no code of the package receives from it (%s): this blocks forever; receive from %s in the goroutine that waits for the value, or drop the send", c.expr(s), what, c.expr(s)), makes)
		}
	}
	if len(waits) > 0 && len(signals) == 0 {
		for _, w := range waits {
			if !c.isCond(w) {
				continue
			}
			c.report(w, "wait-no-signal", fmt.Sprintf("%s.Wait waits on a Cond that no code of the package signals: Wait blocks forever; call Broadcast (or Signal) after changing the condition it waits for", c.expr(w)), nil)
		}
	}
}

// isCond reports whether the wait is a Cond.Wait.
func (c *checker) isCond(op *conc.Op) bool {
	call, ok := op.Node.(*ast.CallExpr)
	if !ok {
		return false
	}
	return conc.IsMethod(c.m.Callee(call), "sync", "Cond", "Wait")
}

// unbuffered reports whether every value given to the channel field is an
// unbuffered make (known is false when some value is not a make with a
// constant capacity).
func (c *checker) unbuffered(makes []*conc.Op) (unbuffered, known bool) {
	if len(makes) == 0 {
		return false, false // never made: nil, handled as unknown
	}
	unbuffered = true
	for _, mk := range makes {
		call, ok := ast.Unparen(mk.Value).(*ast.CallExpr)
		if !ok {
			return false, false
		}
		if len(call.Args) < 2 {
			continue
		}
		tv := c.pass.TypesInfo.Types[call.Args[1]]
		if tv.Value == nil {
			return false, false
		}
		unbuffered = false
	}
	return unbuffered, true
}

// eventOf returns the event of the operation's function at its node.
func (c *checker) eventOf(op *conc.Op) *conc.Event {
	for _, e := range op.Func.Events {
		if e.Node == op.Node {
			return e
		}
	}
	return &conc.Event{}
}

// expr renders the object as the operation names it.
func (c *checker) expr(op *conc.Op) string {
	if op.Expr != nil {
		return types.ExprString(op.Expr)
	}
	return op.Ref.String()
}

func (c *checker) report(op *conc.Op, category, msg string, makes []*conc.Op) {
	var related []analysis.RelatedInformation
	for _, mk := range makes {
		related = append(related, analysis.RelatedInformation{Pos: mk.Node.Pos(), Message: fmt.Sprintf("%s is made here", c.expr(op))})
		break
	}
	c.pass.Report(analysis.Diagnostic{Pos: op.Node.Pos(), End: op.Node.End(), Category: category, Message: msg, Related: related})
}

// checkLocal reports the blocking receives from a local channel that no
// one sends on or closes, and the sends on a local unbuffered channel that
// no one receives from: the function hands it to nobody.
func (c *checker) checkLocal(f *conc.Func, lc *conc.LocalChan) {
	u := lc.Use
	if u.Escapes || u.Assigned || len(u.Calls) > 0 || len(u.Goroutines) > 0 || len(u.SelectOps) > 0 {
		return
	}
	if len(u.Sends) == 0 && len(u.Closes) == 0 {
		for _, r := range append(append([]ast.Node{}, u.Recvs...), u.Ranges...) {
			c.pass.Report(analysis.Diagnostic{Pos: r.Pos(), End: r.End(), Category: "recv-no-sender",
				Message: fmt.Sprintf("receives from %s, which nothing sends on or closes: this blocks forever; send on %s or close it, or drop the receive", lc.Var.Name(), lc.Var.Name()),
				Related: []analysis.RelatedInformation{{Pos: lc.Make.Pos(), Message: fmt.Sprintf("%s is made here", lc.Var.Name())}},
			})
		}
	}
	if len(u.Recvs) == 0 && len(u.Ranges) == 0 && len(u.Closes) == 0 && len(lc.Make.Args) == 1 {
		for _, s := range u.Sends {
			c.pass.Report(analysis.Diagnostic{Pos: s.Pos(), End: s.End(), Category: "send-no-receiver",
				Message: fmt.Sprintf("sends on the unbuffered channel %s, which nothing receives from: this blocks forever; receive from it in another goroutine, or give it a buffer", lc.Var.Name()),
				Related: []analysis.RelatedInformation{{Pos: lc.Make.Pos(), Message: fmt.Sprintf("%s is made here", lc.Var.Name())}},
			})
		}
	}
}

// overCapacity reports, in a function that makes a channel field with a
// constant buffer, a send that finds the buffer full before the function
// starts a goroutine that receives from it: no one can receive yet.
func (c *checker) overCapacity(f *conc.Func) {
	info := c.pass.TypesInfo
	// The field channels f makes, with their capacity.
	type made struct {
		class string
		cap   int64
		node  ast.Node
	}
	var fields []made
	f.InspectBody([]ast.Node{(*ast.FuncLit)(nil), (*ast.AssignStmt)(nil)}, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		as := n.(*ast.AssignStmt)
		if len(as.Lhs) != len(as.Rhs) || as.Tok != token.ASSIGN {
			return true
		}
		for k, l := range as.Lhs {
			r, ok := conc.RefOf(info, l)
			if !ok || r.Path == "" || !conc.IsChan(info.TypeOf(l)) {
				continue
			}
			call, ok := ast.Unparen(as.Rhs[k]).(*ast.CallExpr)
			if !ok || len(call.Args) != 2 {
				continue
			}
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); !ok || id.Name != "make" {
				continue
			}
			tv := info.Types[call.Args[1]]
			if tv.Value == nil {
				continue
			}
			n, ok := constInt(tv)
			if !ok {
				continue
			}
			if cl := c.m.Class(r); cl != "" && c.m.Visible(cl) {
				fields = append(fields, made{cl, n, as})
			}
		}
		return true
	})
	for _, fm := range fields {
		receivesIn := make(map[*conc.Func]bool)
		for _, op := range c.m.Objects().Ops(fm.class) {
			if op.Kind == conc.OpRecv || op.Kind == conc.OpRange {
				receivesIn[op.Func] = true
			}
		}
		isSend := func(e *conc.Event) bool {
			return e.Kind == conc.Send && !e.Chan.IsZero() && c.m.Class(e.Chan) == fm.class
		}
		// A path stops at what may receive: a goroutine start, a call
		// the model does not follow, a call of a function that receives.
		stop := func(e *conc.Event) bool {
			switch e.Kind {
			case conc.Launch, conc.Unknown, conc.Join, conc.Recv, conc.RangeChan, conc.Exit:
				return true
			}
			return false
		}
		start := c.pointAfter(f, fm.node)
		if start == nil {
			continue
		}
		var full *conc.Event
		limit := int(fm.cap)
		f.Search(*start, func(e *conc.Event, st int) (bool, int) {
			if full != nil {
				return true, st
			}
			if stop(e) {
				return true, st
			}
			if call, ok := e.Node.(*ast.CallExpr); ok {
				if fn := c.m.StaticCallee(call); fn != nil {
					for g := range receivesIn {
						if g.Obj == fn {
							return true, st
						}
					}
				}
			}
			if isSend(e) {
				if st >= limit {
					full = e
					return true, st
				}
				return false, st + 1
			}
			return false, st
		}, func(*ast.ReturnStmt, int) bool { return full != nil })
		if full == nil {
			continue
		}
		c.pass.Report(analysis.Diagnostic{Pos: full.Node.Pos(), End: full.Node.End(), Category: "over-capacity",
			Message: fmt.Sprintf("sends on %s with its buffer of %d already full, before any goroutine receives from it: this blocks forever; start the receiving goroutine first, or make the buffer larger", full.Chan, fm.cap),
			Related: []analysis.RelatedInformation{{Pos: fm.node.Pos(), Message: fmt.Sprintf("%s is made here with a buffer of %d", full.Chan, fm.cap)}},
		})
	}
}

// pointAfter returns the point just after the CFG node that holds n.
func (c *checker) pointAfter(f *conc.Func, n ast.Node) *conc.Point {
	for _, b := range f.CFG.Blocks {
		if !b.Live {
			continue
		}
		for i, x := range b.Nodes {
			if x == n {
				return &conc.Point{Block: b, Index: i}
			}
		}
	}
	return nil
}

func constInt(tv types.TypeAndValue) (int64, bool) {
	if tv.Value == nil || tv.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(tv.Value)
}
