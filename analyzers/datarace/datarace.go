package datarace

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strings"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"
	"github.com/wglint/wglint/internal/flow"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
)

//go:embed doc.go
var doc string

// Analyzer reports shared memory written by goroutines without a common
// lock.
var Analyzer = &analysis.Analyzer{
	Name:     "datarace",
	Requires: []*analysis.Analyzer{conc.Analyzer, conc.MemAnalyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.4.0", checkdoc.Error, checkdoc.Name("UnguardedSharedWrite"))

type checker struct {
	pass     *analysis.Pass
	m        *conc.Model
	mm       *conc.Memory
	reported map[token.Pos]bool
	// loopReported: loop variables reported as such (loopVars), not
	// again as plain accesses.
	loopReported map[*types.Var]bool
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{
		pass:     pass,
		m:        pass.ResultOf[conc.Analyzer].(*conc.Model),
		mm:       pass.ResultOf[conc.MemAnalyzer].(*conc.Memory),
		reported: make(map[token.Pos]bool),
	}
	for _, f := range c.m.Funcs {
		c.check(f)
	}
	for _, r := range c.mm.FieldRaces() {
		c.reportField(r)
	}
	return nil, nil
}

// reportField reports a race found per field class.
func (c *checker) reportField(r *conc.FieldRace) {
	bad, other := r.Bad, r.Other
	pos := bad.Node.Pos()
	if c.reported[pos] {
		return
	}
	c.reported[pos] = true
	name := conc.LocName(bad.Loc)
	if bad.Whole {
		// *s copied or assigned as a whole: name the field of the race.
		name = strings.TrimPrefix(name, "*") + bad.Class[strings.LastIndex(bad.Class, "."):]
	}
	does := func(a *conc.FieldAccess) string {
		if a.Kind.Write() {
			return "writes"
		}
		return "reads"
	}
	consequence := "the reader sees a stale or torn value"
	if bad.Kind.Write() && other.Kind.Write() {
		consequence = "concurrent writes lose one of them"
	}
	runsOn := func(a *conc.FieldAccess, start *conc.Event) string {
		if start != nil {
			return fmt.Sprintf("the goroutine started at line %d", c.line(start.Node))
		}
		return "a caller of " + a.Func.Name()
	}
	var msg, category string
	switch r.Kind {
	case conc.RaceDiscipline:
		category = "discipline"
		guard := conc.ClassLabelOf(r.Guard)
		more := ""
		if r.More > 0 {
			more = fmt.Sprintf(" (and %d more accesses of %s to fields %s guards)", r.More, bad.Func.Name(), guard)
		}
		msg = fmt.Sprintf("%s is %s in %s without %s, which is held at %d of its %d accesses%s; %s %s it at line %d holding it, on %s: %s may run at the same time, and %s; lock %s in %s too",
			name, map[bool]string{true: "written", false: "read"}[bad.Kind.Write()], bad.Func.Name(), guard, r.Guarded, r.Total, more,
			other.Func.Name(), does(other), c.line(other.Node), runsOn(other, r.OtherStart), bad.Func.Name(), consequence, guard, bad.Func.Name())
	case conc.RaceStarted:
		category = "started"
		msg = fmt.Sprintf("%s is %s in %s while the goroutine started at line %d %s it at line %d, with no lock held at both: a caller calls %s while that goroutine runs, and %s; guard both with the same mutex",
			name, map[bool]string{true: "written", false: "read"}[bad.Kind.Write()], bad.Func.Name(), c.line(r.OtherStart.Node), does(other), c.line(other.Node), bad.Func.Name(), consequence)
	case conc.RaceAtomic:
		category = "atomic"
		verb := "read plainly"
		if bad.Kind.Write() {
			verb = "written plainly"
		}
		upd := "updates"
		if !other.Kind.Write() {
			upd = "loads"
		}
		msg = fmt.Sprintf("%s is %s in %s while %s %s it with sync/atomic at line %d (on %s): a plain access at the same time as an atomic one is a data race; use sync/atomic for every access",
			name, verb, bad.Func.Name(), other.Func.Name(), upd, c.line(other.Node), runsOn(other, r.OtherStart))
	}
	d := analysis.Diagnostic{Pos: bad.Node.Pos(), End: bad.Node.End(), Category: category, Message: msg}
	thread := func(a *conc.FieldAccess, start *conc.Event, primary bool) flow.Thread {
		t := flow.Thread{Name: runsOn(a, start)}
		if start != nil {
			t.Steps = append(t.Steps, flow.Step{Pos: start.Node.Pos(), Message: "the goroutine is started here"})
		}
		t.Steps = append(t.Steps, flow.Step{Pos: a.Node.Pos(), End: a.Node.End(), Message: fmt.Sprintf("%s is %s here", conc.LocName(a.Loc), map[bool]string{true: "written", false: "read"}[a.Kind.Write()]), Primary: primary})
		return t
	}
	flow.Set(&d, thread(bad, r.BadStart, true), thread(other, r.OtherStart, false))
	c.pass.Report(d)
}

// launch is a goroutine start of the function being checked.
type launch struct {
	e        *conc.Event
	loop     ast.Stmt       // innermost loop around the launch, or nil
	accesses []*conc.Access // what the goroutine does to memory the parent names
	reach    func(*cfg.Block, int) bool
	reachIt  func(*cfg.Block, int) bool // without starting a new iteration of loop
}

func (c *checker) check(f *conc.Func) {
	c.spawned(f)
	var launches []*launch
	for _, e := range f.Events {
		if e.Kind != conc.Launch || e.Deferred {
			continue
		}
		acc := c.mm.GoroutineAccesses(f, e)
		if len(acc) == 0 {
			continue // nothing shared that we can follow
		}
		l := &launch{e: e, loop: f.EnclosingLoop(e.Node), accesses: acc}
		l.reach = c.mm.Unjoined(f, e, nil)
		l.reachIt = l.reach
		if l.loop != nil {
			l.reachIt = c.mm.Unjoined(f, e, conc.LoopHead(l.loop))
		}
		launches = append(launches, l)
	}
	if len(launches) == 0 {
		return
	}
	parent := c.mm.Accesses(f)
	for _, l := range launches {
		c.loopVars(f, l)
		c.instances(f, l)
		c.withParent(f, l, parent)
	}
	for _, l1 := range launches {
		for _, l2 := range launches {
			if l1 != l2 && l1.reach(l2.e.Block, l2.e.Index) {
				c.twoLaunches(f, l1, l2)
			}
		}
	}
}

// perIteration reports whether v is a new variable in each iteration of
// loop: declared in its body, or (since Go 1.22) by its header, or by the
// header of a loop around it.
func (c *checker) perIteration(loop ast.Stmt, v *types.Var) bool {
	if loop == nil || v.Pos() >= loop.End() {
		return false
	}
	if v.Pos() < loop.Pos() {
		if outer := c.headerLoop(loop, v); outer != nil {
			return c.fileVersionAtLeast(outer.Pos(), "go1.22")
		}
		return false
	}
	var body *ast.BlockStmt
	switch loop := loop.(type) {
	case *ast.ForStmt:
		body = loop.Body
	case *ast.RangeStmt:
		body = loop.Body
	}
	if v.Pos() >= body.Pos() {
		return true
	}
	return c.fileVersionAtLeast(loop.Pos(), "go1.22")
}

func (c *checker) fileVersionAtLeast(pos token.Pos, v string) bool {
	fv := c.fileVersion(pos)
	return fv == "" || version.Compare(fv, v) >= 0
}

// fileVersion returns the Go version of the file holding pos (go.mod's go
// line, or a //go:build go1.N constraint), or "" when unknown.
func (c *checker) fileVersion(pos token.Pos) string {
	for _, file := range c.pass.Files {
		if file.FileStart <= pos && pos < file.FileEnd {
			return c.pass.TypesInfo.FileVersions[file]
		}
	}
	return ""
}

// headerLoop returns the loop around inner (or inner itself) whose header
// declares v (i in for i := ...; for k, v := range ...), or nil.
func (c *checker) headerLoop(inner ast.Stmt, v *types.Var) ast.Stmt {
	f := c.m.FuncAt(inner)
	for loop := inner; loop != nil; {
		if declaresInHeader(c.pass.TypesInfo, loop, v) {
			return loop
		}
		if f == nil {
			return nil
		}
		loop = f.EnclosingLoop(loop)
	}
	return nil
}

// declaresInHeader reports whether the header of loop declares v.
func declaresInHeader(info *types.Info, loop ast.Stmt, v *types.Var) bool {
	switch loop := loop.(type) {
	case *ast.ForStmt:
		if as, ok := loop.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
			for _, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok && info.Defs[id] == v {
					return true
				}
			}
		}
	case *ast.RangeStmt:
		if loop.Tok == token.DEFINE {
			for _, e := range []ast.Expr{loop.Key, loop.Value} {
				if id, ok := e.(*ast.Ident); ok && info.Defs[id] == v {
					return true
				}
			}
		}
	}
	return false
}

// loopVars reports, in a file of a Go version before 1.22, a variable of
// the header of a loop around the launch that the goroutine uses while
// the loop may start its next iteration, which assigns it again, before
// waiting for the goroutine.
func (c *checker) loopVars(f *conc.Func, l *launch) {
	if l.loop == nil || c.fileVersionAtLeast(l.e.Node.Pos(), "go1.22") || c.fileVersion(l.e.Node.Pos()) == "" {
		return
	}
	for _, a := range l.accesses {
		if a.Loc.Path != "" || a.Callee != nil && a.Node == l.e.Node || !launchedBy(l.e, a) {
			continue
		}
		loop := c.headerLoop(l.loop, a.Loc.Root)
		if loop == nil || !c.nextIteration(f, l, loop) {
			continue
		}
		if c.reported[a.Node.Pos()] {
			continue
		}
		c.reported[a.Node.Pos()] = true
		if c.loopReported == nil {
			c.loopReported = make(map[*types.Var]bool)
		}
		c.loopReported[a.Loc.Root] = true
		name := a.Loc.Root.Name()
		d := analysis.Diagnostic{
			Pos: a.Node.Pos(), End: a.Node.End(), Category: "loopvar",
			Message: fmt.Sprintf("loop variable %s is captured by the goroutine started at line %d and assigned again by the next iteration (this file is %s, before Go 1.22 every iteration shares it): the goroutine sees a later iteration's value; copy it (%s := %s) before the go statement, or pass it as an argument",
				name, c.line(l.e.Node), c.fileVersion(l.e.Node.Pos()), name, name),
		}
		g := flow.Thread{Name: fmt.Sprintf("the goroutine started at line %d", c.line(l.e.Node)), Steps: []flow.Step{
			{Pos: l.e.Node.Pos(), Message: "the goroutine is started here"},
			{Pos: a.Node.Pos(), End: a.Node.End(), Message: name + " is " + map[bool]string{true: "written", false: "read"}[a.Kind.Write()] + " here", Primary: true},
		}}
		other := flow.Thread{Name: "the loop", Steps: []flow.Step{{Pos: loop.Pos(), Message: "the next iteration assigns " + name + " here"}}}
		flow.Set(&d, g, other)
		c.pass.Report(d)
	}
}

// nextIteration reports whether, after the launch, loop may assign its
// header variables again (its post statement, or the next element of a
// range) before the goroutine is waited for.
func (c *checker) nextIteration(f *conc.Func, l *launch, loop ast.Stmt) bool {
	for _, b := range f.CFG.Blocks {
		if b.Stmt != loop {
			continue
		}
		switch {
		case b.Kind == cfg.KindForPost && len(b.Nodes) > 0:
			if l.reach(b, 0) {
				return true
			}
		case b.Kind == cfg.KindRangeBody:
			if l.reach(b, -1) {
				return true
			}
		}
	}
	return false
}

// spawned reports the races between the instances of a func that f gives
// to a function running it on several goroutines at once.
func (c *checker) spawned(f *conc.Func) {
	for _, sc := range c.mm.SpawnCalls(f) {
		for _, w := range sc.Accesses {
			if !w.Kind.Write() || w.SyncedNoRange {
				continue
			}
			for _, a := range sc.Accesses {
				if a.Loc != w.Loc || a.SyncedNoRange || conc.Protected(w, a) {
					continue
				}
				where := fmt.Sprintf("by every goroutine that %s (called at line %d) starts, with no lock held at both", sc.Callee.Name(), c.line(sc.Call))
				c.reportSpawn(w, a, where, sc)
				break
			}
		}
	}
}

// instances reports a write of a goroutine started again before the
// previous one is joined, conflicting with the same access of another
// instance.
func (c *checker) instances(f *conc.Func, l *launch) {
	if l.loop == nil || !l.reach(l.e.Block, l.e.Index) && !c.mm.Restarts(f, l.e, nil)(l.e.Block, l.e.Index) {
		return // started once, or joined before the next start
	}
	if c.mm.OrdersItself(l.e.Launch.Body) {
		return // instances hand data to each other through atomics
	}
	for _, w := range l.accesses {
		if !w.Kind.Write() || w.SyncedNoRange || c.perIteration(l.loop, w.Loc.Root) {
			continue
		}
		for _, a := range l.accesses {
			if a.Loc != w.Loc || a.SyncedNoRange || conc.Protected(w, a) {
				continue
			}
			c.report(w, a, fmt.Sprintf("by every goroutine started at line %d, with no lock held at both", c.line(l.e.Node)), l.e, false, "")
			break
		}
	}
}

// withParent reports conflicts between the goroutine and what its parent
// does before joining it.
func (c *checker) withParent(f *conc.Func, l *launch, parent []*conc.Access) {
	for _, g := range l.accesses {
		if g.Synced {
			continue // may be ordered after the parent's access by a hand-off
		}
		if g.Loc.Path == "" && c.loopReported[g.Loc.Root] {
			continue // reported as a loop variable
		}
		reach := l.reach
		if c.perIteration(l.loop, g.Loc.Root) {
			reach = l.reachIt
		}
		for _, p := range parent {
			if p.Loc != g.Loc || !g.Kind.Write() && !p.Kind.Write() || !reach(p.Block, p.Index) || conc.Protected(g, p) {
				continue
			}
			w, o := g, p
			if !g.Kind.Write() {
				w, o = p, g
			}
			_ = w
			other := fmt.Sprintf("by the goroutine started at line %d while %s %s at line %d before waiting for it", c.line(l.e.Node), f.Name(), verbIt(p, g), c.line(p.Node))
			if w == p {
				other = fmt.Sprintf("by %s at line %d while the goroutine started at line %d %s, before %s waits for it", f.Name(), c.line(p.Node), c.line(l.e.Node), verbIt(g, p), f.Name())
				c.report(p, o, other, l.e, true, "")
			} else {
				c.report(g, o, other, l.e, false, "")
			}
			break
		}
	}
}

func (c *checker) twoLaunches(f *conc.Func, l1, l2 *launch) {
	if c.mm.OrdersItself(l1.e.Launch.Body) && c.mm.OrdersItself(l2.e.Launch.Body) {
		return // the goroutines hand data to each other through atomics
	}
	for _, w := range l1.accesses {
		if !w.Kind.Write() || w.Synced {
			continue
		}
		if l2.loop != nil && c.perIteration(l2.loop, w.Loc.Root) && !l1.reachIt(l2.e.Block, l2.e.Index) {
			continue
		}
		for _, a := range l2.accesses {
			if a.Loc != w.Loc || a.Synced || conc.Protected(w, a) {
				continue
			}
			c.report(w, a, fmt.Sprintf("by the goroutine started at line %d while the one started at line %d %s, with no lock held at both", c.line(l1.e.Node), c.line(l2.e.Node), verbIt(a, w)), l1.e, false, "")
			break
		}
	}
}

// verbIt says what a does ("reads it"), plainly when other is atomic and
// a is not.
func verbIt(a, other *conc.Access) string {
	s := verb(a) + " it"
	if other.Atomic && !a.Atomic {
		s += " plainly"
	}
	return s
}

// reportSpawn reports the write w of a func that the call sc runs on
// several goroutines, conflicting with o.
func (c *checker) reportSpawn(w, o *conc.Access, where string, sc conc.SpawnCall) {
	c.report(w, o, where, &conc.Event{Node: sc.Call}, false, fmt.Sprintf("a goroutine that %s starts", sc.Callee.Name()))
}

func verb(a *conc.Access) string {
	if a.Kind.Write() {
		return "writes"
	}
	return "reads"
}

func (c *checker) line(n ast.Node) int { return c.pass.Fset.Position(n.Pos()).Line }

// report reports the write w, which conflicts with o.
func (c *checker) report(w, o *conc.Access, where string, launch *conc.Event, parentWrites bool, gName string) {
	pos := w.Node.Pos()
	if c.reported[pos] {
		return
	}
	if c.m.OrdersOwnAccesses(w.Callee) || c.m.OrdersOwnAccesses(o.Callee) {
		return // the method orders its own accesses (see conc.Model.OrdersOwnAccesses)
	}
	c.reported[pos] = true
	name := conc.LocName(w.Loc)
	var what, category, consequence string
	switch w.Kind {
	case conc.MemMapWrite:
		what, category = "map "+name+" is written", "map"
		consequence = "concurrent map writes crash the program"
		if !o.Kind.Write() {
			consequence = "a map read during a map write crashes the program"
		}
	case conc.MemAppend:
		what, category = name+" is appended to", "append"
		consequence = "concurrent appends lose elements"
		if !o.Kind.Write() {
			consequence = "the reader sees a half-updated slice"
		}
	case conc.MemUpdate:
		what, category = name+" is updated", "update"
		consequence = "concurrent updates lose some of them"
		if !o.Kind.Write() {
			consequence = "the reader sees a stale or torn value"
		}
	default:
		what, category = name+" is assigned", "assign"
		consequence = "the value seen by the other access is unpredictable"
	}
	atomicMix := w.Atomic != o.Atomic
	if w.Atomic {
		what = name + " is updated with sync/atomic"
	}
	if atomicMix {
		category = "atomic"
		consequence = "a plain access at the same time as an atomic one is a data race"
	}
	if w.Callee != nil {
		what += fmt.Sprintf(" (in %s)", w.Callee.Name())
	}
	fix := "guard every access with the same mutex"
	if parentWrites || o.Node != w.Node && !launchedBy(launch, o) {
		fix = "guard both with the same mutex, or wait for the goroutine first"
	}
	if atomicMix {
		fix = "use sync/atomic for every access, or wait for the goroutine first"
	}
	d := analysis.Diagnostic{
		Pos: w.Node.Pos(), End: w.Node.End(), Category: category,
		Message: fmt.Sprintf("%s %s: %s; %s", what, where, consequence, fix),
	}
	// One thread for the goroutine of launch, one for the code that runs
	// at the same time: another instance of it, another goroutine, or the
	// function that starts it.
	if gName == "" {
		gName = fmt.Sprintf("the goroutine started at line %d", c.line(launch.Node))
	}
	g := flow.Thread{Name: gName}
	if launch.Node != w.Node {
		g.Steps = append(g.Steps, flow.Step{Pos: launch.Node.Pos(), Message: "the goroutine is started here"})
	}
	other := flow.Thread{Name: fmt.Sprintf("the code that runs line %d at the same time", c.line(o.Node))}
	wStep := flow.Step{Pos: w.Node.Pos(), End: w.Node.End(), Message: fmt.Sprintf("%s is %s here", name, map[bool]string{true: "written", false: "read"}[w.Kind.Write()]), Primary: true}
	oStep := flow.Step{Pos: o.Node.Pos(), Message: fmt.Sprintf("%s is %s here", name, map[bool]string{true: "written", false: "read"}[o.Kind.Write()]), Primary: o.Node == w.Node}
	wIn, oIn := launchedBy(launch, w), launchedBy(launch, o)
	switch {
	case wIn && oIn: // two instances of the goroutine
		other.Name = "another " + strings.TrimPrefix(strings.TrimPrefix(gName, "the "), "a ")
		g.Steps = append(g.Steps, wStep)
		other.Steps = append(other.Steps, oStep)
	case wIn:
		g.Steps = append(g.Steps, wStep)
		other.Steps = append(other.Steps, oStep)
	case oIn:
		other.Name = fmt.Sprintf("the code that runs line %d at the same time", c.line(w.Node))
		other.Steps = append(other.Steps, wStep)
		g.Steps = append(g.Steps, oStep)
	default:
		other.Steps = append(other.Steps, wStep, oStep)
	}
	flow.Set(&d, g, other)
	c.pass.Report(d)
}

// launchedBy reports whether the access is in the goroutine of launch.
func launchedBy(launch *conc.Event, a *conc.Access) bool {
	return a.Node.Pos() >= launch.Node.Pos() && a.Node.End() <= launch.Node.End()
}
