package chanleak

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"
	"github.com/wglint/wglint/internal/flow"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
)

//go:embed doc.go
var doc string

// Analyzer reports goroutines left blocked forever on a channel.
var Analyzer = &analysis.Analyzer{
	Name:     "chanleak",
	Requires: []*analysis.Analyzer{conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.3.0", checkdoc.Error, checkdoc.Name("GoroutineBlockedOnChannel"))

type checker struct {
	pass   *analysis.Pass
	m      *conc.Model
	giveUp map[*conc.Func]bool // functions where a search reached its budget
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{pass: pass, m: pass.ResultOf[conc.Analyzer].(*conc.Model), giveUp: make(map[*conc.Func]bool)}
	for _, f := range c.m.Funcs {
		if isMain(pass, f) {
			continue // main's return ends the program: nothing leaks
		}
		for _, lc := range c.m.LocalChans(f) {
			if c.giveUp[f] {
				break // too many paths to follow: say nothing about f
			}
			c.check(f, lc)
		}
		c.checkDiscarded(f)
	}
	for _, u := range c.m.UncalledCancels() {
		c.uncalledCancel(u)
	}
	return nil, nil
}

// uncalledCancel reports the store of a context's cancel func in a field
// that nothing calls, while a goroutine waits for the context.
func (c *checker) uncalledCancel(u *conc.UncalledCancel) {
	field := u.Store.Class
	if k := strings.LastIndex(field, "/"); k >= 0 {
		field = field[k+1:]
	}
	if k := strings.Index(field, "."); k >= 0 {
		field = field[k+1:]
	}
	ctx := "the context"
	if ue, ok := u.Wait.Node.(*ast.UnaryExpr); ok {
		if call, ok := ast.Unparen(ue.X).(*ast.CallExpr); ok {
			if se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				ctx = types.ExprString(se.X)
			}
		}
	}
	node := ast.Node(u.Store.Node)
	if u.Store.Expr != nil {
		node = u.Store.Expr
	}
	c.pass.Report(analysis.Diagnostic{
		Pos: node.Pos(), End: node.End(), Category: "cancel-never-called",
		Message: fmt.Sprintf("%s holds the only cancel func of the context, and no function ever calls it: the goroutine started at line %d waits on %s.Done() and never ends; call the cancel func where the goroutine must stop (in a Close or Stop method)", field, c.line(u.Launch.Pos()), ctx),
		Related: []analysis.RelatedInformation{
			{Pos: u.Launch.Pos(), Message: "the goroutine is started here"},
			{Pos: u.Wait.Pos(), Message: "it waits here for a cancel that never comes"},
		},
	})
}

func isMain(pass *analysis.Pass, f *conc.Func) bool {
	return pass.Pkg.Name() == "main" && f.Decl != nil && f.Decl.Recv == nil && f.Decl.Name.Name == "main"
}

// check looks at one local channel: goroutines that only send on it (or
// only receive from it) and the paths of f that leave without matching them.
func (c *checker) check(f *conc.Func, lc *conc.LocalChan) {
	u := lc.Use
	if u.Escapes || u.Assigned || len(u.Calls) > 0 || len(u.Goroutines) == 0 {
		return // someone else may take the other end
	}
	if len(u.Goroutines) == 1 && len(u.Ranges) > 0 && producer(u.Goroutines[0].Effect) {
		c.checkProducer(f, lc, u.Goroutines[0].Launch)
		return
	}
	senders, receivers, closers := 0, 0, 0
	for _, g := range u.Goroutines {
		switch {
		case g.Effect.SendsOnce():
			senders++
			if g.Effect.Close {
				closers++
				if f.InLoop(g.Launch) {
					return // closed once per iteration: a panic, not a leak
				}
			}
		case g.Effect.OnlyRecvs():
			receivers++
		case g.Effect.IsZero():
		default:
			return // a protocol richer than one message per goroutine
		}
	}
	if closers > 0 && len(u.Goroutines) > 1 {
		return // a close among several senders: not one message each
	}
	switch {
	case senders > 0 && receivers == 0:
		if len(u.Sends) > 0 || len(u.Closes) > 0 || len(u.Ranges) > 0 {
			return
		}
		c.checkSenders(f, lc)
	case receivers == 1 && senders == 0:
		if len(u.Recvs) > 0 || len(u.Ranges) > 0 {
			return
		}
		c.checkReceiver(f, lc)
	}
}

// syncsWith returns the stop predicate of paths that wait for the
// goroutines of launches in another way: a receive, Wait or blocking call
// on something they use.
func (c *checker) syncsWith(launches []*conc.Event, ch conc.Ref) func(*conc.Event) bool {
	vars := make(map[*types.Var]bool)
	for _, l := range launches {
		for v := range c.m.Mentions(l) {
			if v != ch.Root {
				vars[v] = true
			}
		}
	}
	info := c.pass.TypesInfo
	return func(e *conc.Event) bool {
		switch e.Kind {
		case conc.Recv, conc.RangeChan:
			return !e.Chan.IsZero() && vars[e.Chan.Root]
		case conc.Wait:
			return vars[e.Ref.Root]
		case conc.Join:
			found := false
			ast.Inspect(e.Node, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok && vars[v] {
						found = true
					}
				}
				return !found
			})
			return found
		}
		return false
	}
}

// pathResult is a path of f found by walk: its return, how many of the
// goroutines it started and how many operations matched them, and the
// select case it went through last.
type pathResult struct {
	ret               *ast.ReturnStmt
	launched, matched int
	clause            *ast.CommClause
	// For a path that ends an iteration of the loop that makes the
	// channel, instead of returning: where and how.
	end, endEnd token.Pos
	endWhat     string
}

// walk explores the paths of f from p, counting the launches and the
// matching operations (up to 15 each), and returns the first that reaches
// a return with bad(launched, matched). The state of a path is finite: the
// two counts and the last select case it entered, so loops are unrolled at
// most until the counts stop changing. When the search reaches its budget
// it returns nil and exhausted: the check says nothing about f.
func (c *checker) walk(f *conc.Func, p conc.Point, skip func(from, to *cfg.Block) bool, isLaunch, isMatch, stop func(*conc.Event) bool, maxLaunch int, bad func(launched, matched int) bool) (res *pathResult, exhausted bool) {
	ps := newPathStates()
	var found *pathResult
	complete := f.SelectSearch(p, skip, func(e *conc.Event, st int) (bool, int) {
		if stop(e) {
			return true, st
		}
		return false, ps.step(st, isLaunch(e), isMatch(e), maxLaunch)
	}, ps.enter, func(ret *ast.ReturnStmt, st int) bool {
		if !bad(ps.counts(st)) {
			return false
		}
		found = ps.result(st)
		found.ret = ret
		return true
	})
	if !complete {
		return nil, true
	}
	return found, false
}

// deadCase returns the predicate of select case operations on a local
// unbuffered channel that no other goroutine uses: such a case never fires.
func (c *checker) deadCase(f *conc.Func) func(*conc.Event) bool {
	dead := make(map[conc.Ref]bool)
	for _, lc := range c.m.LocalChans(f) {
		u := lc.Use
		if _, n, ok := c.m.ChanCap(lc.Make); !ok || n != 0 {
			continue
		}
		if u.Escapes || u.Assigned || len(u.Goroutines) > 0 || len(u.Calls) > 0 || len(u.Sends)+len(u.Recvs)+len(u.Ranges)+len(u.Closes) > 0 {
			continue
		}
		dead[lc.Ref] = true
	}
	return func(e *conc.Event) bool { return (e.Kind == conc.Send || e.Kind == conc.Recv) && dead[e.Chan] }
}

func (c *checker) checkSenders(f *conc.Func, lc *conc.LocalChan) {
	ch := lc.Ref
	var launches []*conc.Event
	isSender := make(map[*conc.Event]bool)
	inLoop := false
	for _, g := range lc.Use.Goroutines {
		if g.Effect.SendsOnce() {
			launches = append(launches, g.Launch)
			isSender[g.Launch] = true
			if f.InLoop(g.Launch) {
				inLoop = true
			}
		}
	}
	_, capN, capKnown := c.m.ChanCap(lc.Make)
	if !capKnown {
		return // make(chan T, len(xs)), or a capacity we cannot compare
	}
	syncs := c.syncsWith(launches, ch)
	dead := c.deadCase(f)
	stop := func(e *conc.Event) bool { return syncs(e) || dead(e) }
	isRecv := func(e *conc.Event) bool { return conc.IsChanOp(e, ch, conc.Recv, conc.RangeChan, conc.TryRecv) }
	isLaunch := func(e *conc.Event) bool { return isSender[e] }
	var recvLoopEvents []*conc.Event
	for _, e := range f.Events {
		if isRecv(e) && f.InLoop(e) {
			recvLoopEvents = append(recvLoopEvents, e)
		}
	}
	if loop := f.EnclosingLoop(lc.Make); loop != nil && lc.Make.Pos() > loopBody(loop).Lbrace && sameLoop(f, loop, launches) {
		c.checkIteration(f, lc, loop, launches, isLaunch, isRecv, stop, capN)
		return
	}
	if inLoop && capN != 0 {
		return // some senders fit in the buffer: how many is not known
	}
	if len(recvLoopEvents) == 0 {
		bad := func(l, m int) bool { return int64(l-m) > capN }
		// Goroutines started by loops with a known trip count.
		maxLaunch := 0
		for _, l := range launches {
			n, ok := c.m.LaunchCount(f, l)
			if !ok || maxLaunch+int(n) > 15 {
				maxLaunch = 15
				break
			}
			maxLaunch += int(n)
		}
		r, exhausted := c.walk(f, f.Entry(), nil, isLaunch, isRecv, stop, maxLaunch, bad)
		if exhausted {
			c.giveUp[f] = true
		} else if r != nil {
			c.report(f, lc, launches, r, inLoop, false)
		}
		return
	}
	if !inLoop {
		return // a known number of senders, receives in a loop: not counted
	}
	// Receives in a loop: report an exit that leaves the loop early.
	for _, r := range recvLoopEvents {
		loop := f.EnclosingLoop(r.Node)
		if !countedLoop(loop) {
			continue // for {} ends only by leaving it
		}
		if f.Reaches(launches[0].After(), func(e *conc.Event) bool { return e == r }, nil) == nil {
			continue // the receive does not follow the goroutines
		}
		skip := func(from, to *cfg.Block) bool {
			if from.Stmt != loop {
				return false
			}
			return from.Kind == cfg.KindRangeLoop && to.Kind == cfg.KindRangeDone ||
				from.Kind == cfg.KindForLoop && to.Kind == cfg.KindForDone
		}
		res, exhausted := c.walk(f, r.After(), skip, func(*conc.Event) bool { return false }, func(*conc.Event) bool { return false },
			func(e *conc.Event) bool { return e == r || isRecv(e) || stop(e) }, 15,
			func(int, int) bool { return true })
		if exhausted {
			c.giveUp[f] = true
			return
		}
		if res == nil {
			continue
		}
		c.report(f, lc, launches, res, true, true)
		return
	}
}

// countedLoop reports whether loop ends by itself: a range, or a for with
// a condition.
func countedLoop(loop ast.Stmt) bool {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		return true
	case *ast.ForStmt:
		return l.Cond != nil
	}
	return false
}

// loopBound returns what a loop counts: xs in "range xs", n in
// "for i := 0; i < n; i++" or "range n".
func loopBound(loop ast.Stmt) ast.Expr {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		return l.X
	case *ast.ForStmt:
		if b, ok := l.Cond.(*ast.BinaryExpr); ok && b.Op == token.LSS {
			return b.Y
		}
	}
	return nil
}

func (c *checker) checkReceiver(f *conc.Func, lc *conc.LocalChan) {
	ch := lc.Ref
	var launch *conc.Event
	for _, g := range lc.Use.Goroutines {
		if g.Effect.OnlyRecvs() {
			launch = g.Launch
		}
	}
	if f.InLoop(launch) {
		return
	}
	isSend := func(e *conc.Event) bool { return conc.IsChanOp(e, ch, conc.Send, conc.Close) }
	sends := 0
	for _, e := range f.Events {
		if e.Kind == conc.Close && e.Chan == ch && e.Deferred {
			return // closed on every return
		}
		if isSend(e) {
			if f.InLoop(e) {
				return // sent from a loop whose exits depend on other events
			}
			sends++
		}
	}
	if sends == 0 {
		return // never sends: not a message to a goroutine
	}
	syncs := c.syncsWith([]*conc.Event{launch}, ch)
	dead := c.deadCase(f)
	r, exhausted := c.walk(f, launch.Before(), nil, func(e *conc.Event) bool { return e == launch }, isSend,
		func(e *conc.Event) bool { return syncs(e) || dead(e) }, 15,
		func(l, m int) bool { return l > m })
	if exhausted {
		c.giveUp[f] = true
	}
	if r == nil {
		return
	}
	line := c.line(launch.Pos())
	pos, end := c.retRange(f, r.ret)
	d := analysis.Diagnostic{
		Pos: pos, End: end, Category: category(r, false),
		Message: fmt.Sprintf("%s without sending on or closing %s: the goroutine started at line %d blocks forever receiving from it and leaks; close %s (defer close(%s)) or send before every return",
			c.leaves(f, r), ch, line, ch, ch),
	}
	flow.Set(&d,
		flow.Thread{Name: fmt.Sprintf("the goroutine started at line %d", line), Steps: []flow.Step{
			{Pos: launch.Pos(), Message: "the goroutine is started here"},
		}},
		flow.Thread{Name: f.Name(), Steps: []flow.Step{
			{Pos: pos, End: end, Message: fmt.Sprintf("%s returns here without sending on or closing %s", f.Name(), ch), Primary: true},
		}},
	)
	c.pass.Report(d)
}

func (c *checker) line(p token.Pos) int { return c.pass.Fset.Position(p).Line }

// retRange returns the range to report for a return (the closing brace for
// the implicit return).
func (c *checker) retRange(f *conc.Func, ret *ast.ReturnStmt) (token.Pos, token.Pos) {
	pos, end := ret.Pos(), ret.End()
	if ret.Return == f.Body.Rbrace {
		end = pos + 1
	}
	return pos, end
}

// leaves describes how the path leaves: "returns at line N", or "when the
// case <-ctx.Done() is selected, returns at line N".
func (c *checker) leaves(f *conc.Func, r *pathResult) string {
	ret := r.ret
	var what string
	switch {
	case ret == nil:
		what = r.endWhat
	case ret.Return == f.Body.Rbrace:
		what = "returns at the end of " + f.Name()
	default:
		what = fmt.Sprintf("returns at line %d", c.line(ret.Pos()))
	}
	if r.clause == nil {
		return what
	}
	var x ast.Expr
	switch s := r.clause.Comm.(type) {
	case *ast.ExprStmt:
		x = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			x = s.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(x).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return fmt.Sprintf("when the case <-%s is selected, %s", types.ExprString(u.X), what)
	}
	return what
}

// report reports the path r of f, which leaves with senders blocked on the
// channel (goroutines started per loop iteration when perIter; leaving a
// receive loop early when early).
func (c *checker) report(f *conc.Func, lc *conc.LocalChan, launches []*conc.Event, r *pathResult, perIter, early bool) {
	ch := lc.Ref
	info := c.pass.TypesInfo
	chanType := types.ExprString(lc.Make.Args[0]) // as written: chan C.int, not chan _Ctype_int
	launch := launches[0]
	line := c.line(launch.Pos())
	var what, fixCap string
	switch {
	case early:
		what = fmt.Sprintf("leaving the receive loop early: the goroutines started at line %d that have not sent yet block forever on %s and leak", line, ch)
	case perIter:
		what = fmt.Sprintf("after %s from %s: the other goroutines started at line %d, one per iteration, block forever on their sends and leak", times(r.matched), ch, line)
	case r.launched == 1:
		what = fmt.Sprintf("without receiving from %s: the goroutine started at line %d blocks forever on its send and leaks", ch, line)
		fixCap = "1"
	default:
		what = fmt.Sprintf("after %d of %d receives from %s: the other goroutines started at line %d block forever on their sends and leak", r.matched, r.launched, ch, line)
		fixCap = fmt.Sprint(r.launched)
		if len(launches) != r.launched {
			fixCap = "" // conditional launches
		}
	}
	if perIter && len(launches) == 1 {
		if b := loopBound(f.EnclosingLoop(launch.Node)); b != nil && simple(info, f, b) {
			if _, ok := f.EnclosingLoop(launch.Node).(*ast.RangeStmt); ok {
				if t := info.TypeOf(b); t != nil {
					if _, isInt := t.Underlying().(*types.Basic); isInt {
						fixCap = types.ExprString(b)
					} else {
						fixCap = "len(" + types.ExprString(b) + ")"
					}
				}
			} else {
				fixCap = types.ExprString(b)
			}
		}
	}
	advice := fmt.Sprintf("give %s a buffer for every sender", ch)
	if fixCap != "" {
		advice = fmt.Sprintf("give %s a buffer for every sender: make(%s, %s)", ch, chanType, fixCap)
	}
	pos, end := c.retRange(f, r.ret)
	d := analysis.Diagnostic{
		Pos: pos, End: end, Category: category(r, early),
		Message: fmt.Sprintf("%s %s; %s", c.leaves(f, r), what, advice),
	}
	flow.Set(&d,
		flow.Thread{Name: f.Name(), Steps: []flow.Step{
			{Pos: lc.Make.Pos(), Message: fmt.Sprintf("%s is made here", ch)},
			{Pos: pos, End: end, Message: fmt.Sprintf("%s returns here, leaving senders blocked on %s", f.Name(), ch), Primary: true},
		}},
		flow.Thread{Name: fmt.Sprintf("the goroutines started at line %d", line), Steps: []flow.Step{
			{Pos: launch.Pos(), Message: "the goroutine is started here"},
		}},
	)
	if fixCap != "" && len(lc.Make.Args) == 1 && c.defined(f, lc) {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   fmt.Sprintf("Give %s a buffer of %s", ch, fixCap),
			TextEdits: []analysis.TextEdit{{Pos: lc.Make.Args[0].End(), End: lc.Make.Args[0].End(), NewText: []byte(", " + fixCap)}},
		}}
	}
	c.pass.Report(d)
}

func category(r *pathResult, early bool) string {
	switch {
	case r.clause != nil:
		return "select-leak"
	case early:
		return "early-exit"
	}
	return "send-leak"
}

func times(n int) string {
	if n == 1 {
		return "one receive"
	}
	return fmt.Sprintf("%d receives", n)
}

// simple reports whether e is a constant, or a variable (or field path from
// a variable) that f never assigns after its definition.
func simple(info *types.Info, f *conc.Func, e ast.Expr) bool {
	if tv := info.Types[e]; tv.Value != nil {
		return true
	}
	r, ok := conc.RefOf(info, e)
	if !ok {
		return false
	}
	assigned := false
	f.InspectBody([]ast.Node{(*ast.AssignStmt)(nil), (*ast.UnaryExpr)(nil)}, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if lr, ok := conc.RefOf(info, l); ok && lr.Root == r.Root {
					if id, ok := l.(*ast.Ident); !ok || info.Defs[id] == nil {
						assigned = true
					}
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if lr, ok := conc.RefOf(info, n.X); ok && lr.Root == r.Root {
					assigned = true
				}
			}
		}
		return true
	})
	return !assigned
}

// defined reports whether the capacity expression of the fix only uses
// variables declared before the make call (or constants).
func (c *checker) defined(f *conc.Func, lc *conc.LocalChan) bool {
	info := c.pass.TypesInfo
	ok := true
	// The capacity text comes from the loop bound; find its variables.
	for _, l := range lc.Use.Goroutines {
		loop := f.EnclosingLoop(l.Launch.Node)
		b := loopBound(loop)
		if b == nil {
			continue
		}
		ast.Inspect(b, func(n ast.Node) bool {
			if id, isID := n.(*ast.Ident); isID {
				if v, isVar := info.Uses[id].(*types.Var); isVar && v.Pos() > lc.Make.Pos() {
					ok = false
				}
			}
			return true
		})
	}
	return ok
}

// sameLoop reports whether every goroutine of launches is started by
// loop itself (not by a loop nested in it): once per iteration of the
// loop that makes the channel.
func sameLoop(f *conc.Func, loop ast.Stmt, launches []*conc.Event) bool {
	for _, l := range launches {
		if f.EnclosingLoop(l.Node) != loop {
			return false
		}
	}
	return true
}

// checkIteration checks a channel made in the body of loop, one channel
// per iteration, with its senders started in the same iteration: a path
// from the make that ends the iteration (a return, a continue, a break,
// the end of the body) with fewer receives than senders beyond the
// buffer leaves them blocked.
func (c *checker) checkIteration(f *conc.Func, lc *conc.LocalChan, loop ast.Stmt, launches []*conc.Event, isLaunch, isRecv, stop func(*conc.Event) bool, capN int64) {
	for _, e := range f.Events {
		if isRecv(e) && f.EnclosingLoop(e.Node) != loop {
			return // receives in a nested loop: not counted
		}
	}
	start, ok := f.PointAfter(lc.Make)
	if !ok {
		return
	}
	ps := newPathStates()
	bad := func(st int) bool { l, m := ps.counts(st); return int64(l-m) > capN }
	var found *pathResult
	complete := f.IterationSearch(start, loop, func(e *conc.Event, st int) (bool, int) {
		if stop(e) {
			return true, st
		}
		return false, ps.step(st, isLaunch(e), isRecv(e), 15)
	}, ps.enter, func(ret *ast.ReturnStmt, st int) bool {
		if !bad(st) {
			return false
		}
		found = ps.result(st)
		found.ret = ret
		return true
	}, func(from, to *cfg.Block, st int) bool {
		if !bad(st) {
			return false
		}
		found = ps.result(st)
		br := f.LeavingBranch(c.pass.TypesInfo, loop, from)
		if br != nil {
			found.endEnd = br.End()
		}
		switch {
		case br == nil:
			found.end = loopBody(loop).Rbrace
			found.endWhat = "reaches the end of the loop body"
		case br.Tok == token.CONTINUE && br.Label == nil:
			found.end, found.endWhat = br.Pos(), fmt.Sprintf("continues at line %d", c.line(br.Pos()))
		case br.Tok == token.BREAK && br.Label == nil:
			found.end, found.endWhat = br.Pos(), fmt.Sprintf("breaks out of the loop at line %d", c.line(br.Pos()))
		default:
			found.end, found.endWhat = br.Pos(), fmt.Sprintf("leaves the iteration at line %d", c.line(br.Pos()))
		}
		return true
	})
	if !complete {
		c.giveUp[f] = true
		return
	}
	if found != nil {
		c.reportIteration(f, lc, launches, found)
	}
}

func loopBody(loop ast.Stmt) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	return nil
}

// reportIteration reports the path r of an iteration that leaves senders
// blocked on a channel made by that iteration.
func (c *checker) reportIteration(f *conc.Func, lc *conc.LocalChan, launches []*conc.Event, r *pathResult) {
	ch := lc.Ref
	chanType := types.ExprString(lc.Make.Args[0])
	launch := launches[0]
	line := c.line(launch.Pos())
	var what, fixCap string
	if r.launched == 1 {
		what = fmt.Sprintf("without receiving from %s, made anew in each iteration: the goroutine started at line %d in this iteration blocks forever on its send and leaks", ch, line)
		fixCap = "1"
	} else {
		what = fmt.Sprintf("after %d of %d receives from %s, made anew in each iteration: the other goroutines started at line %d in this iteration block forever on their sends and leak", r.matched, r.launched, ch, line)
		if len(launches) == r.launched {
			fixCap = fmt.Sprint(r.launched)
		}
	}
	advice := fmt.Sprintf("give %s a buffer for every sender", ch)
	if fixCap != "" {
		advice = fmt.Sprintf("give %s a buffer for every sender: make(%s, %s)", ch, chanType, fixCap)
	}
	pos, end := r.end, r.end+1
	step := fmt.Sprintf("the iteration ends here, leaving senders blocked on %s", ch)
	if r.ret != nil {
		pos, end = c.retRange(f, r.ret)
		step = fmt.Sprintf("%s returns here, leaving senders blocked on %s", f.Name(), ch)
	} else if r.endEnd.IsValid() {
		end = r.endEnd
	}
	d := analysis.Diagnostic{
		Pos: pos, End: end, Category: category(r, false),
		Message: fmt.Sprintf("%s %s; %s", c.leaves(f, r), what, advice),
	}
	flow.Set(&d,
		flow.Thread{Name: f.Name(), Steps: []flow.Step{
			{Pos: lc.Make.Pos(), Message: fmt.Sprintf("%s is made here, once per iteration", ch)},
			{Pos: pos, End: end, Message: step, Primary: true},
		}},
		flow.Thread{Name: fmt.Sprintf("the goroutine started at line %d", line), Steps: []flow.Step{
			{Pos: launch.Pos(), Message: "the goroutine is started here"},
		}},
	)
	if fixCap != "" && len(lc.Make.Args) == 1 {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   fmt.Sprintf("Give %s a buffer of %s", ch, fixCap),
			TextEdits: []analysis.TextEdit{{Pos: lc.Make.Args[0].End(), End: lc.Make.Args[0].End(), NewText: []byte(", " + fixCap)}},
		}}
	}
	c.pass.Report(d)
}

// producer reports whether a goroutine's effect is a stream of blocking
// sends (more than one), possibly closed, and nothing else.
func producer(e conc.ChanEffect) bool {
	return e.Send == conc.Many && e.Recv == 0 && !e.Range && !e.Select && !e.Escapes
}

// checkProducer checks a goroutine that sends many values on an
// unbuffered channel that f ranges over: a path that leaves the range
// body other than by the next iteration, and returns without receiving
// again, leaves the producer blocked on its next send.
func (c *checker) checkProducer(f *conc.Func, lc *conc.LocalChan, launch *conc.Event) {
	u := lc.Use
	ch := lc.Ref
	if f.InLoop(launch) || len(u.Sends)+len(u.Closes)+len(u.SelectOps) > 0 {
		return
	}
	if _, capN, ok := c.m.ChanCap(lc.Make); !ok || capN != 0 {
		return // buffered: how many values fit is not known
	}
	syncs := c.syncsWith([]*conc.Event{launch}, ch)
	dead := c.deadCase(f)
	isRecv := func(e *conc.Event) bool { return conc.IsChanOp(e, ch, conc.Recv, conc.RangeChan, conc.TryRecv) }
	stop := func(e *conc.Event) bool { return isRecv(e) || syncs(e) || dead(e) }
	never := func(*conc.Event) bool { return false }
	for _, n := range u.Ranges {
		rs, ok := n.(*ast.RangeStmt)
		if !ok {
			continue
		}
		if f.Reaches(launch.After(), func(e *conc.Event) bool { return e.Kind == conc.RangeChan && e.Node == rs }, nil) == nil {
			continue // the range does not follow the goroutine
		}
		var body, head *cfg.Block
		for _, b := range f.CFG.Blocks {
			if b.Stmt == rs && b.Live {
				switch b.Kind {
				case cfg.KindRangeBody:
					body = b
				case cfg.KindRangeLoop:
					head = b
				}
			}
		}
		if body == nil || head == nil {
			continue
		}
		// The next iteration receives again: paths back to the head end.
		skip := func(from, to *cfg.Block) bool { return to == head }
		r, exhausted := c.walk(f, conc.Point{Block: body, Index: -1}, skip, never, never, stop, 15, func(int, int) bool { return true })
		if exhausted {
			c.giveUp[f] = true
			return
		}
		if r == nil {
			continue
		}
		c.reportProducer(f, lc, launch, rs, r)
		return
	}
}

func (c *checker) reportProducer(f *conc.Func, lc *conc.LocalChan, launch *conc.Event, rs *ast.RangeStmt, r *pathResult) {
	ch := lc.Ref
	line := c.line(launch.Pos())
	pos, end := c.retRange(f, r.ret)
	d := analysis.Diagnostic{
		Pos: pos, End: end, Category: category(r, true),
		Message: fmt.Sprintf("%s leaving the range over %s at line %d early: the goroutine started at line %d, which sends many values on %s, blocks forever on its next send and leaks; drain %s before returning (for range %s {}) or have the goroutine also select on a done channel or ctx.Done()",
			c.leaves(f, r), ch, c.line(rs.Pos()), line, ch, ch, ch),
	}
	flow.Set(&d,
		flow.Thread{Name: f.Name(), Steps: []flow.Step{
			{Pos: rs.Pos(), End: rs.Body.Lbrace, Message: fmt.Sprintf("%s receives from %s here", f.Name(), ch)},
			{Pos: pos, End: end, Message: fmt.Sprintf("%s returns here, leaving the sender blocked on %s", f.Name(), ch), Primary: true},
		}},
		flow.Thread{Name: fmt.Sprintf("the goroutine started at line %d", line), Steps: []flow.Step{
			{Pos: launch.Pos(), Message: "the goroutine is started here"},
		}},
	)
	c.pass.Report(d)
}

// checkDiscarded reports calls of f that drop a channel on which a
// goroutine started by the callee sends (see conc.SentResult).
func (c *checker) checkDiscarded(f *conc.Func) {
	for _, call := range f.DiscardedCalls() {
		fn := c.m.StaticCallee(call)
		if held := c.m.HeldCancels(fn); len(held) > 0 {
			c.droppedCancel(f, call, fn, held[0])
			continue
		}
		results := c.m.SentResults(fn)
		if len(results) == 0 {
			continue
		}
		r := results[0]
		name := fn.Name()
		d := analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(), Category: "discarded-result",
			Message: fmt.Sprintf("the channel returned by %s is dropped: the goroutine %s starts blocks forever sending on it and leaks; receive from the result, or give the channel a buffer in %s", name, name, name),
		}
		steps := []flow.Step{}
		if r.Make != nil {
			steps = append(steps, flow.Step{Pos: r.Make.Pos(), Message: "the channel is made here, unbuffered"})
		}
		if r.Launch != nil {
			steps = append(steps, flow.Step{Pos: r.Launch.Pos(), Message: "the goroutine that sends on it is started here"})
		}
		threads := []flow.Thread{{Name: f.Name(), Steps: []flow.Step{
			{Pos: call.Pos(), End: call.End(), Message: fmt.Sprintf("the result of %s is dropped here", name), Primary: true},
		}}}
		if len(steps) > 0 {
			threads = append(threads, flow.Thread{Name: name, Steps: steps})
		}
		flow.Set(&d, threads...)
		c.pass.Report(d)
	}
}

// droppedCancel reports a call that drops the value holding the only
// cancel func of a context a goroutine started by the callee waits on
// (see conc.HeldCancel).
func (c *checker) droppedCancel(f *conc.Func, call *ast.CallExpr, fn *types.Func, h conc.HeldCancel) {
	name := fn.Name()
	what := "the value"
	if sig, ok := fn.Type().(*types.Signature); ok && h.Result < sig.Results().Len() {
		what = "the " + types.TypeString(sig.Results().At(h.Result).Type(), func(p *types.Package) string {
			if p == c.pass.Pkg {
				return ""
			}
			return p.Name()
		})
	}
	goroutine := "a goroutine " + name + " starts"
	if h.Launch != nil {
		goroutine = fmt.Sprintf("the goroutine started at line %d", c.line(h.Launch.Pos()))
	}
	stop := "call the method that cancels it"
	if h.Stop != "" && (fn.Pkg() == c.pass.Pkg || ast.IsExported(h.Stop)) {
		stop = fmt.Sprintf("call its %s (which calls %s)", h.Stop, h.Field)
	}
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(), Category: "cancel-dropped",
		Message: fmt.Sprintf("%s returned by %s holds the only cancel func of the context that %s waits on: dropping it leaks the goroutine, which never ends; keep it and %s when done", what, name, goroutine, stop),
	}
	threads := []flow.Thread{{Name: f.Name(), Steps: []flow.Step{
		{Pos: call.Pos(), End: call.End(), Message: fmt.Sprintf("the result of %s is dropped here: nothing can call its cancel func", name), Primary: true},
	}}}
	if h.Store != nil {
		steps := []flow.Step{{Pos: h.Store.Node.Pos(), End: h.Store.Node.End(), Message: fmt.Sprintf("the cancel func is stored in %s here, its only copy", h.Field)}}
		if h.Launch != nil {
			steps = append(steps, flow.Step{Pos: h.Launch.Pos(), Message: "the goroutine is started here"})
		}
		if h.Wait != nil {
			steps = append(steps, flow.Step{Pos: h.Wait.Pos(), Message: "it waits here for a cancel that never comes"})
		}
		threads = append(threads, flow.Thread{Name: name, Steps: steps})
	}
	flow.Set(&d, threads...)
	c.pass.Report(d)
}

// pathStates encodes the state of a path of walk and checkIteration as
// the int of the model's searches: the launches seen (bits 0-3), the
// matching operations (bits 4-7), both up to 15, and 1 + the index of the
// last select clause entered (bits 8 and up), a finite domain.
type pathStates struct {
	clauses []*ast.CommClause
	index   map[*ast.CommClause]int
}

func newPathStates() *pathStates {
	return &pathStates{index: make(map[*ast.CommClause]int)}
}

// step counts a launch (up to maxLaunch) and a match (up to 15).
func (ps *pathStates) step(st int, launch, match bool, maxLaunch int) int {
	l, m := ps.counts(st)
	if launch && l < maxLaunch {
		l++
	}
	if match && m < 15 {
		m++
	}
	return st&^255 | m<<4 | l
}

// enter records that the path entered the select clause cc.
func (ps *pathStates) enter(cc *ast.CommClause, st int) int {
	k, ok := ps.index[cc]
	if !ok {
		ps.clauses = append(ps.clauses, cc)
		k = len(ps.clauses)
		ps.index[cc] = k
	}
	return st&255 | k<<8
}

func (ps *pathStates) counts(st int) (launched, matched int) { return st & 15, st >> 4 & 15 }

// result returns the path's counts and the last clause it entered.
func (ps *pathStates) result(st int) *pathResult {
	l, m := ps.counts(st)
	r := &pathResult{launched: l, matched: m}
	if k := st >> 8; k > 0 {
		r.clause = ps.clauses[k-1]
	}
	return r
}
