package wgprotocol

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

// Analyzer reports misuses of the WaitGroup Add/Done/Wait protocol.
var Analyzer = &analysis.Analyzer{
	Name:     "wgprotocol",
	Requires: []*analysis.Analyzer{conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.1.0", checkdoc.Error, checkdoc.Name("WaitGroupMismatch"))

type checker struct {
	pass       *analysis.Pass
	m          *conc.Model
	reported   map[token.Pos]bool
	goroutines map[*conc.Event]*conc.Goroutine // by launch event (see goroutine)
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[conc.Analyzer].(*conc.Model)
	c := &checker{pass: pass, m: m, reported: make(map[token.Pos]bool), goroutines: make(map[*conc.Event]*conc.Goroutine)}
	for _, f := range m.Funcs {
		for _, e := range f.Events {
			if e.Kind == conc.Launch {
				c.launch(f, c.goroutine(f, e))
			}
		}
		c.doneTwice(f)
		c.addMismatch(f)
		c.waitMissing(f)
		c.waitBlocked(f)
	}
	return nil, nil
}

// waitBlocked reports a Wait that waits for a goroutine blocked, before
// its Done, on a channel that only the waiting function serves, after
// the Wait (the model's BlockedWaits).
func (c *checker) waitBlocked(f *conc.Func) {
	for _, bw := range c.m.BlockedWaits(f) {
		w, r, ch := bw.Wait, bw.Wait.Ref, bw.Chan
		var what, only, fix string
		if bw.Send {
			what = "sends on " + ch.String()
			only = "receives from " + ch.String()
			fix = "receive from " + ch.String() + " before waiting"
		} else {
			what = "receives from " + ch.String()
			only = "sends on or closes " + ch.String()
			fix = "send on or close " + ch.String() + " before waiting"
		}
		if loop := f.EnclosingLoop(w.Node); bw.Send && loop != nil && f.EnclosingLoop(bw.Launch.Node) == loop {
			fix += ", or call Wait once after the loop, in a goroutine that then closes " + ch.String()
		}
		c.report(analysis.Diagnostic{
			Pos: w.Node.Pos(), End: w.Node.End(), Category: "wait-blocked",
			Message: fmt.Sprintf("%s.Wait blocks forever: the goroutine started at line %d %s (line %d) before its Done, and only %s %s, after this Wait; %s",
				r, c.line(bw.Launch.Pos()), what, c.line(bw.Op.Pos()), f.Name(), only, fix),
			Related: []analysis.RelatedInformation{
				{Pos: bw.Launch.Pos(), Message: "the goroutine is started here"},
				{Pos: bw.Op.Pos(), Message: "it blocks here, before its Done"},
				{Pos: bw.Counter.Pos(), Message: "the counterpart operation, reached only after the Wait"},
			},
		})
	}
}

// localUnwaited reports whether the WaitGroup at r is a local variable of
// f (not a parameter) that no code waits on: no Wait in f, in the
// functions f calls (their summaries), in the goroutines it starts or in
// any literal inside f, and no use of it escapes.
func (c *checker) localUnwaited(f *conc.Func, r conc.Ref) bool {
	v := r.Root
	if !f.Declares(v) || isParam(f, v) || v.Pos() < f.Body.Pos() {
		return false
	}
	for _, g := range c.m.Funcs {
		if g.Node().Pos() < f.Node().Pos() || g.Node().End() > f.Node().End() {
			continue // not f or a literal inside it
		}
		for _, e := range g.Events {
			if e.Ref.Root == v && (e.Kind == conc.Wait || e.Kind == conc.Escape) {
				return false
			}
			if e.Kind == conc.Unknown || e.Kind == conc.UnlockValue {
				return false // code the model does not follow
			}
			if e.Kind == conc.Launch {
				for _, re := range c.goroutine(g, e).Effects {
					if re.Ref.Root == v && (re.Effect.Wait || re.Effect.Escapes) {
						return false
					}
				}
			}
		}
	}
	return true
}

// waitMissing reports an Add on a WaitGroup field, before a goroutine
// that calls Done on it, when no function of the package ever waits on
// that field: the model sees every operation on it (an unexported field,
// no use that escapes, the Add itself in the package's index), and none
// is a Wait, so the goroutines it counts are never joined.
func (c *checker) waitMissing(f *conc.Func) {
	objs := c.m.Objects()
	for _, add := range f.Events {
		var r conc.Ref
		var launch *conc.Event
		switch {
		case add.Kind == conc.Add && !add.Indirect && !add.Deferred:
			r = add.Ref
		case add.Kind == conc.Launch && add.Launch.Kind == conc.WaitGroupGo:
			r, launch = add.Launch.Group, add
		default:
			continue
		}
		if r.IsZero() {
			continue
		}
		if r.Path == "" {
			if !c.localUnwaited(f, r) {
				continue
			}
		} else {
			class := c.m.Class(r)
			if class == "" || !c.m.Visible(class) {
				continue
			}
			indexed, waited := false, false
			for _, op := range objs.Ops(class) {
				switch op.Kind {
				case conc.OpWait:
					waited = true
				case conc.OpAdd:
					if op.Node == add.Node {
						indexed = true
					}
				}
			}
			if waited || !indexed {
				continue
			}
		}
		if launch == nil {
			// The goroutine it counts: started after the Add, calling Done.
			launch = f.Reaches(add.After(), func(x *conc.Event) bool {
				if x.Kind != conc.Launch {
					return false
				}
				eff, _ := c.goroutine(f, x).EffectOn(r)
				return eff.DoneSome
			}, nil)
			if launch == nil {
				continue
			}
		}
		msg := fmt.Sprintf("%s counts a goroutine but no function ever calls %s.Wait: the count is dead and the goroutine is never joined, it may still run after its owner stops; call %s.Wait where the goroutines must be finished (in Stop or Close), or drop the WaitGroup", r, conc.ClassLabel(r), r)
		if r.Path == "" {
			msg = fmt.Sprintf("%s counts a goroutine but %s never calls %s.Wait: the count is dead and %s returns without joining the goroutine; call %s.Wait before returning, or drop the WaitGroup", r, f.Name(), r, f.Name(), r)
		}
		c.report(analysis.Diagnostic{
			Pos: add.Node.Pos(), End: add.Node.End(), Category: "wait-missing",
			Message: msg,
			Related: []analysis.RelatedInformation{{Pos: launch.Pos(), Message: "the goroutine is started here"}},
		})
	}
}

// goroutine returns the model's description of the goroutine started by
// the launch event e of f, computed once.
func (c *checker) goroutine(f *conc.Func, e *conc.Event) *conc.Goroutine {
	g, ok := c.goroutines[e]
	if !ok {
		g = c.m.Goroutine(f, e)
		c.goroutines[e] = g
	}
	return g
}

func (c *checker) report(d analysis.Diagnostic) {
	if c.reported[d.Pos] {
		return // one finding per place (a worker started by several go statements)
	}
	c.reported[d.Pos] = true
	c.pass.Report(d)
}

func (c *checker) line(p token.Pos) int { return c.pass.Fset.Position(p).Line }

func isOn(kind conc.EventKind, r conc.Ref) func(*conc.Event) bool {
	return func(e *conc.Event) bool { return e.Kind == kind && e.Ref == r }
}

// launch checks one goroutine against the WaitGroups it touches.
func (c *checker) launch(parent *conc.Func, g *conc.Goroutine) {
	goPos := g.Event.Pos()
	goRel := []analysis.RelatedInformation{{Pos: goPos, Message: "the goroutine is started here"}}
	for _, re := range g.Effects {
		r, eff := re.Ref, re.Effect
		// add-in-goroutine: the goroutine counts itself.
		// An Add made under a mutex, after a check under it that may
		// return without adding, is ordered with the code that waits
		// (AddGuarded): not reported.
		if eff.Add && eff.DoneSome && g.Launch.Kind != conc.WaitGroupGo && !eff.AddGuarded {
			if g.Body != nil {
				c.addInside(g, r)
			} else if !c.addedBefore(parent, g.Event, r) {
				c.report(analysis.Diagnostic{
					Pos: goPos, End: goPos, Category: "add-in-goroutine",
					Message: fmt.Sprintf("%s calls %s.Add inside the goroutine it counts: %s.Wait may run before the goroutine starts and return at once; call %s.Add before the go statement", g.Launch.Fn.Name(), r, r, r),
				})
			}
		}
		// done-in-go: WaitGroup.Go already calls Done.
		if g.Launch.Kind == conc.WaitGroupGo && r == g.Launch.Group && eff.DoneSome {
			pos, end := g.Event.Node.Pos(), g.Event.Node.End()
			if g.Body != nil {
				for _, e := range g.Body.Events {
					if (e.Kind == conc.Done || e.Kind == conc.MaybeDone) && e.Ref == r {
						pos, end = e.Node.Pos(), e.Node.End()
						break
					}
				}
			}
			c.report(analysis.Diagnostic{
				Pos: pos, End: end, Category: "done-in-go",
				Message: fmt.Sprintf("%s.Done called in a function run by %s.Go, which calls Done itself: the counter goes negative and the program panics; remove the Done", r, r),
				Related: goRel,
			})
		}
		counted := eff.DoneSome || (g.Launch.Kind == conc.WaitGroupGo && r == g.Launch.Group)
		// wait-in-goroutine: waits for its own Done.
		if eff.Wait && counted && g.Body != nil {
			for _, w := range g.Body.Events {
				if w.Kind != conc.Wait || w.Ref != r {
					continue
				}
				early := g.Body.Reaches(g.Body.Entry(), func(x *conc.Event) bool { return x == w },
					func(x *conc.Event) bool { return x.Kind == conc.Done && x.Ref == r && !x.Deferred })
				if early != nil {
					c.report(analysis.Diagnostic{
						Pos: w.Node.Pos(), End: w.Node.End(), Category: "wait-in-goroutine",
						Message: fmt.Sprintf("%s.Wait inside a goroutine that %s counts, before its own Done: it waits for itself and blocks forever; wait outside the counted goroutines", r, r),
						Related: goRel,
					})
				}
			}
		}
		// done-missing: Done on some paths only.
		if eff.DoneSome && !eff.DoneAll && !eff.Escapes && !eff.Add && g.Launch.Kind != conc.WaitGroupGo {
			if g.Body != nil {
				c.doneMissing(g, r)
			}
		}
	}
	// done-missing: a named worker that never calls Done on the WaitGroup
	// it is given, after the launching function counted it.
	if g.Launch.Fn != nil && g.Launch.Kind == conc.GoStmt {
		for _, a := range g.Launch.Args {
			t := c.pass.TypesInfo.TypeOf(a)
			if t == nil || !conc.IsWaitGroupPtr(t) {
				continue
			}
			r, ok := conc.RefOf(c.pass.TypesInfo, a)
			if !ok {
				continue
			}
			if eff, ok := g.EffectOn(r); ok && (eff.DoneSome || eff.Escapes || eff.Add) {
				continue
			}
			if !c.addedBefore(parent, g.Event, r) || !c.waitsAfter(parent, g.Event, r) {
				continue
			}
			c.report(analysis.Diagnostic{
				Pos: a.Pos(), End: a.End(), Category: "done-missing",
				Message: fmt.Sprintf("%s never calls Done on the WaitGroup it is passed: %s.Wait blocks forever; call defer wg.Done() at the start of %s", g.Launch.Fn.Name(), r, g.Launch.Fn.Name()),
			})
		}
	}
}

// addInside reports the Adds of a goroutine body on r that count the
// goroutine itself: those that do not precede a goroutine the body starts
// and that calls Done on r (a counted goroutine may add for the goroutines
// it starts).
func (c *checker) addInside(g *conc.Goroutine, r conc.Ref) {
	body := g.Body
	bodyRef := r
	if g.Launch.Lit == nil {
		bodyRef = conc.Ref{}
		for _, e := range body.Events {
			if e.Kind == conc.Add && e.Ref.Root != nil && body.Declares(e.Ref.Root) {
				bodyRef = e.Ref
				break
			}
		}
		if bodyRef.IsZero() {
			return
		}
	}
	for _, add := range body.Events {
		if add.Kind != conc.Add || add.Ref != bodyRef || add.Deferred || add.Indirect {
			continue // Adds in helpers count the goroutines the helpers start
		}
		if body.AddGuarded(add) {
			continue // ordered by a mutex with the code that stops adding and waits
		}
		forChild := body.Reaches(add.After(), func(x *conc.Event) bool {
			if x.Kind != conc.Launch {
				return false
			}
			eff, _ := c.m.Goroutine(body, x).EffectOn(bodyRef)
			return eff.DoneSome
		}, nil) != nil
		if forChild {
			continue
		}
		msg := fmt.Sprintf("%s.Add called inside the goroutine it counts: %s.Wait may run before the goroutine starts and return at once; call %s.Add before the go statement", bodyRef, r, r)
		c.report(analysis.Diagnostic{
			Pos: add.Node.Pos(), End: add.Node.End(), Category: "add-in-goroutine", Message: msg,
			Related: []analysis.RelatedInformation{{Pos: g.Event.Pos(), Message: "the goroutine is started here"}},
		})
	}
}

// doneMissing reports the return of the goroutine body that skips Done.
func (c *checker) doneMissing(g *conc.Goroutine, r conc.Ref) {
	body := g.Body
	// In a named function the WaitGroup is a parameter: find its name there.
	var bodyRef conc.Ref
	if g.Launch.Lit != nil {
		bodyRef = r
	} else {
		for _, e := range body.Events {
			if e.Kind == conc.Done && e.Ref.Root != nil && body.Declares(e.Ref.Root) {
				bodyRef = e.Ref
				break
			}
		}
		if bodyRef.IsZero() {
			return
		}
	}
	for _, e := range body.Events {
		if (e.Kind == conc.Done || e.Kind == conc.MaybeDone) && e.Ref == bodyRef && body.InLoop(e) {
			return // Done once per item of a loop: the WaitGroup counts items, not this goroutine
		}
	}
	ret := body.FirstExit(body.Entry(), isOn(conc.Done, bodyRef))
	if ret == nil {
		return
	}
	pos, end := ret.Pos(), ret.End()
	if end <= pos+1 || ret.Return == body.Body.Rbrace {
		end = pos + 1 // the closing brace (an implicit return)
	}
	c.report(analysis.Diagnostic{
		Pos: pos, End: end, Category: "done-missing",
		Message: fmt.Sprintf("goroutine returns here without calling %s.Done: %s.Wait blocks forever; call defer %s.Done() at the start of the goroutine", bodyRef, r, bodyRef),
		Related: []analysis.RelatedInformation{{Pos: g.Event.Pos(), Message: "the goroutine is started here"}},
	})
}

// addedBefore reports whether f calls Add on r on some path before the
// launch e.
func (c *checker) addedBefore(f *conc.Func, e *conc.Event, r conc.Ref) bool {
	for _, a := range f.Events {
		if a.Kind == conc.Add && a.Ref == r {
			if f.Reaches(a.After(), func(x *conc.Event) bool { return x == e }, nil) != nil {
				return true
			}
		}
	}
	return false
}

// waitsAfter reports whether f waits on r after the launch e.
func (c *checker) waitsAfter(f *conc.Func, e *conc.Event, r conc.Ref) bool {
	return f.Reaches(e.After(), isOn(conc.Wait, r), nil) != nil
}

// doneTwice reports a Done that follows another Done on the same path.
// waitsBetween reports whether every path between the two Dones d1 and d2
// (a deferred one runs at the return) waits for another goroutine: that
// goroutine may Add again in between (one WaitGroup used for two phases
// in turn), so the count cannot be followed.
func (c *checker) waitsBetween(f *conc.Func, d1, d2 *conc.Event) bool {
	blocks := func(e *conc.Event) bool { return e.Kind.Blocks() && !e.Deferred }
	switch {
	case d1.Deferred && d2.Deferred:
		return false // both run at the return, one after the other
	case d1.Deferred:
		return f.FirstExit(d2.After(), blocks) == nil
	case d2.Deferred:
		return f.FirstExit(d1.After(), blocks) == nil
	}
	return f.Reaches(d1.After(), func(x *conc.Event) bool { return x == d2 }, blocks) == nil
}

// spareAdds reports whether the function that starts the goroutine
// literal f adds more to the WaitGroup r than it starts goroutines that
// call Done on it: the goroutine may call Done for the spare counts (a
// goroutine that Dones on behalf of a producer it drains).
func (c *checker) spareAdds(f *conc.Func, r conc.Ref) bool {
	p := c.m.GoParent(f)
	if p == nil {
		return false
	}
	var adds int64
	doners := 0
	for _, e := range p.Events {
		switch {
		case e.Kind == conc.Add && e.Ref == r:
			if !e.NKnown || p.InLoop(e) {
				return true // not counted: any number
			}
			adds += e.N
		case e.Kind == conc.Launch:
			if eff, ok := c.goroutine(p, e).EffectOn(r); ok && eff.DoneSome {
				if p.InLoop(e) {
					return false // any number of them
				}
				doners++
			}
		}
	}
	return adds > int64(doners)
}

func (c *checker) doneTwice(f *conc.Func) {
	for _, d1 := range f.Events {
		if d1.Kind != conc.Done || f.InLoop(d1) {
			continue
		}
		d2 := f.Reaches(d1.After(), func(x *conc.Event) bool {
			return x != d1 && x.Kind == conc.Done && x.Ref == d1.Ref && !f.InLoop(x)
		}, nil)
		if d2 == nil || c.waitsBetween(f, d1, d2) || c.spareAdds(f, d1.Ref) {
			continue
		}
		first, second := d1, d2
		c.report(analysis.Diagnostic{
			Pos: second.Node.Pos(), End: second.Node.End(), Category: "done-twice",
			Message: fmt.Sprintf("%s.Done called twice on this path (also at line %d): the counter goes negative and the program panics; call Done once per Add", d1.Ref, c.line(first.Pos())),
			Related: []analysis.RelatedInformation{{Pos: first.Pos(), Message: "the other Done on this path"}},
		})
	}
}

// addMismatch compares a constant Add with the goroutines it counts.
func (c *checker) addMismatch(f *conc.Func) {
	for _, add := range f.Events {
		if add.Kind != conc.Add || !add.NKnown || add.Deferred || add.Indirect || f.InLoop(add) {
			continue
		}
		r := add.Ref
		if r.Path != "" || !f.Declares(r.Root) || isParam(f, r.Root) {
			continue // only WaitGroups local to the function are fully visible
		}
		n, total, ok := add.N, int64(0), true
		var gos []analysis.RelatedInformation
		waits := false
		var after map[*conc.Event]bool // the events that can follow the Add
		for _, e := range f.Events {
			if !ok {
				break
			}
			switch {
			case e.Kind == conc.Launch:
				g := c.goroutine(f, e)
				eff, touches := g.EffectOn(r)
				if g.Launch.Kind == conc.WaitGroupGo && g.Launch.Group == r {
					ok = false
				}
				if !g.Known {
					ok = false // a func value: it may Done
				}
				if !touches {
					continue
				}
				if !eff.DoneAll || eff.Add || eff.Escapes || eff.Wait {
					ok = false
					continue
				}
				if after == nil {
					after = make(map[*conc.Event]bool)
					for _, x := range f.ReachableEvents(add.After(), nil) {
						after[x] = true
					}
				}
				k, known := c.m.LaunchCount(f, e)
				if !known || !after[e] {
					ok = false
					continue
				}
				total += k
				what := fmt.Sprintf("%d goroutines started here call %s.Done", k, r)
				if k == 1 {
					what = fmt.Sprintf("1 goroutine started here calls %s.Done", r)
				}
				gos = append(gos, analysis.RelatedInformation{Pos: e.Pos(), Message: what})
			case e.Ref.IsZero() || !e.Ref.Within(r) && !r.Within(e.Ref):
			case e == add:
			case e.Kind == conc.Wait:
				waits = true
			default: // another Add, a Done in the parent, an escape
				ok = false
			}
		}
		if !ok || total == 0 || total == n {
			continue
		}
		counted := goroutines(n)
		var msg string
		if n > total {
			if !waits {
				continue
			}
			msg = fmt.Sprintf("%s.Add(%d) counts %s but only %s %s.Done: %s.Wait blocks forever; add 1 before each go statement instead", r, n, counted, calls(total), r, r)
		} else {
			msg = fmt.Sprintf("%s.Add(%d) counts %s but %s %s.Done: the counter goes negative and the program panics; add 1 before each go statement instead", r, n, counted, calls(total), r)
		}
		c.report(analysis.Diagnostic{Pos: add.Node.Pos(), End: add.Node.End(), Category: "add-mismatch", Message: msg, Related: gos})
	}
}

func isParam(f *conc.Func, v *types.Var) bool {
	var ft *ast.FuncType
	if f.Decl != nil {
		ft = f.Decl.Type
		if f.Decl.Recv != nil {
			for _, fld := range f.Decl.Recv.List {
				for _, n := range fld.Names {
					if n.Pos() == v.Pos() {
						return true
					}
				}
			}
		}
	} else {
		ft = f.Lit.Type
	}
	for _, fld := range ft.Params.List {
		for _, n := range fld.Names {
			if n.Pos() == v.Pos() {
				return true
			}
		}
	}
	return false
}

// goroutines renders "1 goroutine" or "n goroutines".
func goroutines(n int64) string {
	if n == 1 {
		return "1 goroutine"
	}
	return fmt.Sprintf("%d goroutines", n)
}

// calls renders "1 calls" or "n call".
func calls(n int64) string {
	if n == 1 {
		return "1 calls"
	}
	return fmt.Sprintf("%d call", n)
}
