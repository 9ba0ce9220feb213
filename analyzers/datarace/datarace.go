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
	return nil, nil
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
// loop: declared in its body, or (since Go 1.22) by its header.
func (c *checker) perIteration(loop ast.Stmt, v *types.Var) bool {
	if loop == nil || v.Pos() < loop.Pos() || v.Pos() >= loop.End() {
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
	for _, file := range c.pass.Files {
		if file.FileStart <= pos && pos < file.FileEnd {
			fv := c.pass.TypesInfo.FileVersions[file]
			return fv == "" || version.Compare(fv, v) >= 0
		}
	}
	return true
}

// instances reports a write of a goroutine started again before the
// previous one is joined, conflicting with the same access of another
// instance.
func (c *checker) instances(f *conc.Func, l *launch) {
	if l.loop == nil || !l.reach(l.e.Block, l.e.Index) {
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
			c.report(w, a, fmt.Sprintf("by every goroutine started at line %d, with no lock held at both", c.line(l.e.Node)), l.e, false)
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
			other := fmt.Sprintf("by the goroutine started at line %d while %s %s it at line %d before waiting for it", c.line(l.e.Node), f.Name(), verb(p), c.line(p.Node))
			if w == p {
				other = fmt.Sprintf("by %s at line %d while the goroutine started at line %d %s it, before %s waits for it", f.Name(), c.line(p.Node), c.line(l.e.Node), verb(g), f.Name())
				c.report(p, o, other, l.e, true)
			} else {
				c.report(g, o, other, l.e, false)
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
			c.report(w, a, fmt.Sprintf("by the goroutine started at line %d while the one started at line %d %s it, with no lock held at both", c.line(l1.e.Node), c.line(l2.e.Node), verb(a)), l1.e, false)
			break
		}
	}
}

func verb(a *conc.Access) string {
	if a.Kind.Write() {
		return "writes"
	}
	return "reads"
}

func (c *checker) line(n ast.Node) int { return c.pass.Fset.Position(n.Pos()).Line }

// report reports the write w, which conflicts with o.
func (c *checker) report(w, o *conc.Access, where string, launch *conc.Event, parentWrites bool) {
	pos := w.Node.Pos()
	if c.reported[pos] {
		return
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
	if w.Callee != nil {
		what += fmt.Sprintf(" (in %s)", w.Callee.Name())
	}
	fix := "guard every access with the same mutex"
	if parentWrites || o.Node != w.Node && !launchedBy(launch, o) {
		fix = "guard both with the same mutex, or wait for the goroutine first"
	}
	d := analysis.Diagnostic{
		Pos: w.Node.Pos(), End: w.Node.End(), Category: category,
		Message: fmt.Sprintf("%s %s: %s; %s", what, where, consequence, fix),
	}
	// One thread for the goroutine of launch, one for the code that runs
	// at the same time: another instance of it, another goroutine, or the
	// function that starts it.
	gName := fmt.Sprintf("the goroutine started at line %d", c.line(launch.Node))
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
		other.Name = "another " + strings.TrimPrefix(gName, "the ")
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
