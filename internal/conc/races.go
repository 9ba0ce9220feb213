package conc

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"sync"
)

// This file is the object layer of the memory model: the accesses of the
// whole package to each field class (objects.go: "pkg.T.f", normalised
// through embedding and pointers), and the races between functions that
// may run on two goroutines at once (parallel.go), found per class rather
// than per go statement:
//
//   - lock discipline, as RacerD does it: a field accessed with the
//     type's own mutex held at most of its accesses, and without it at
//     one that may run at the same time as a write under it;
//   - a goroutine started by a constructor (New starts go s.loop()) that
//     accesses a field which an exported method of the type accesses with
//     no common lock, one of them writing;
//   - a field accessed with sync/atomic functions in one function and
//     plainly in another that may run at the same time.
//
// Ownership: an access through a local variable of the function (a value
// it created: a constructor before publication) is not shared, nor is one
// after a wait of its function (it may be ordered by a hand-off). A field
// only read after publication has no write to race with.

// A FieldAccess is an access, made by a function of the package itself
// (not by a callee at a call), to a field of a named struct type.
type FieldAccess struct {
	*Access
	Func  *Func
	Class string // Class(Loc): the field ("pkg.T.f")
	// Recv reports whether the location is reached from the receiver of
	// the method whose body holds the access (a literal in a method
	// counts as the method).
	Recv bool
	// Direct reports whether the field is the receiver's own: reached
	// from the receiver through embedded fields only (s.f, s.E.f), so
	// that the method is one of the type's own.
	Direct bool
	// BeforeStart reports whether the access, in a method, comes before a
	// go statement of the method's body that every path runs (Start
	// fills its fields, then starts go p.run()): the method sets up the
	// value it then shares, like a constructor.
	BeforeStart bool
	// Elem reports whether the access is to an element of the map or
	// slice the field holds (s.m[k] = v writes the map, not s.m).
	Elem bool
	// Whole reports whether the access is to the whole struct (*s = T{},
	// x := *s), recorded for each of its fields.
	Whole bool
	// Once reports whether the function runs once per sync.Once (it is
	// given to Once.Do, OnceFunc, OnceValue): what it does happens before
	// every Do returns.
	Once bool
	// Owned reports whether it is reached from a local variable of the
	// function: a value the function made, not yet shared.
	Owned  bool
	guards []classLock // classes of the locks held
}

type classLock struct {
	class string
	read  bool
}

// Holds reports whether the access holds a lock of class c.
func (a *FieldAccess) Holds(c string) bool {
	for _, l := range a.guards {
		if l.class == c {
			return true
		}
	}
	return false
}

// commonLock reports whether a lock of one class is held at both accesses,
// in write mode at one at least.
func commonLock(a, b *FieldAccess) bool {
	if a.Opaque || b.Opaque {
		return true
	}
	for _, x := range a.guards {
		for _, y := range b.guards {
			if x.class == y.class && !(x.read && y.read) {
				return true
			}
		}
	}
	return false
}

// RaceKind says which per-class reasoning found a race.
type RaceKind uint8

const (
	RaceDiscipline RaceKind = iota + 1 // a field accessed without the mutex that guards its other accesses
	RaceStarted                        // a goroutine a constructor starts, and an exported method
	RaceAtomic                         // a field accessed with sync/atomic and plainly
)

// A FieldRace is a pair of accesses to one field class that may run on
// two goroutines at once with no lock held at both, one of them writing
// (or one atomic and one plain).
type FieldRace struct {
	Kind RaceKind
	// Bad is the access to report: the unguarded one, the plain one, the
	// exported method's. Other is the conflicting access.
	Bad, Other *FieldAccess
	Guard      string // RaceDiscipline: the class of the guarding mutex
	Guarded    int    // RaceDiscipline: how many accesses hold it
	Total      int    // RaceDiscipline: how many accesses the field has
	More       int    // RaceDiscipline: other unguarded accesses of the same function and mutex
	// Starts are the goroutine starts on which Bad and Other run (nil
	// for the outside world: an exported method called by users).
	BadStart, OtherStart *Event
}

type fieldIndex struct {
	once    sync.Once
	byClass map[string][]*FieldAccess
	classes []string
	starts  map[*Func][]*Event // goroutine bodies to the launches starting them
	shared  map[string]bool    // sharedType, by "pkg.T."
}

// FieldAccesses returns the accesses to the field class c made by the
// package's functions, in source order.
func (mm *Memory) FieldAccesses(c string) []*FieldAccess {
	mm.fieldIndex().once.Do(mm.indexFields)
	return mm.fields.byClass[c]
}

func (mm *Memory) fieldIndex() *fieldIndex { return &mm.fields }

func (mm *Memory) indexFields() {
	ix := &mm.fields
	ix.byClass = make(map[string][]*FieldAccess)
	ix.starts = make(map[*Func][]*Event)
	ix.shared = make(map[string]bool)
	m := mm.Model
	if synchronizes(m.Pass.Pkg.Path()) {
		return // the package orders its accesses by means the model does not follow
	}
	for _, f := range m.Funcs {
		m.ensureEvents(f)
		for _, e := range f.Events {
			if e.Kind == Launch && e.Launch.Body != nil && !e.Deferred {
				ix.starts[e.Launch.Body] = append(ix.starts[e.Launch.Body], e)
			}
		}
	}
	mm.buildOwnLists(m.Funcs)
	once := mm.onceFuncs()
	for _, f := range m.Funcs {
		recv := mm.receiverOf(f)
		start := firstGo(f)
		for _, a := range mm.ownAccesses(f) {
			if a.Callee != nil || inPlaceLit(a.Node) {
				continue // counted in the function that makes it
			}
			loc := a.Loc
			loc.Path = strings.TrimSuffix(loc.Path, "[]")
			if recv != nil && a.Loc.Root == recv && a.Loc.Path == "*" && !a.Atomic {
				// *s read or assigned as a whole: a copy of every field.
				mm.wholeStruct(f, a, recv)
				continue
			}
			if strings.ContainsAny(loc.Path, "*[") || !strings.Contains(loc.Path, ".") {
				continue // not a field path
			}
			c := m.Class(loc)
			if c == "" {
				continue
			}
			fa := &FieldAccess{Access: a, Func: f, Class: c, Recv: recv != nil && a.Loc.Root == recv, Elem: strings.HasSuffix(a.Loc.Path, "[]")}
			fa.Owned = !fa.Recv && !isGlobal(a.Loc.Root) && !mm.isParam(f, a.Loc.Root)
			if _, isPtr := a.Loc.Root.Type().Underlying().(*types.Pointer); !isPtr && !isGlobal(a.Loc.Root) {
				// A receiver or parameter of struct type is the
				// function's own copy (func (o Options) WithDir(d string)
				// Options { o.Dir = d; ... }): its fields are not shared.
				fa.Owned = true
			}
			fa.Direct = fa.Recv && embeddedPath(recv.Type(), loc.Path)
			fa.Once = once[f]
			fa.BeforeStart = fa.Recv && start.IsValid() && a.Node.Pos() < start
			for _, l := range a.Locks {
				if lc := m.Class(l.Ref); lc != "" {
					fa.guards = append(fa.guards, classLock{lc, l.Read})
				}
			}
			mm.addField(fa)
		}
	}
	for _, c := range ix.classes {
		s := ix.byClass[c]
		sort.SliceStable(s, func(i, j int) bool { return s[i].Node.Pos() < s[j].Node.Pos() })
	}
}

// onceFuncs returns the functions of the package given to sync.Once's Do
// or to sync.OnceFunc, OnceValue and OnceValues: a literal, or a method
// value or function used only there.
func (mm *Memory) onceFuncs() map[*Func]bool {
	m := mm.Model
	out := make(map[*Func]bool)
	for _, f := range m.Funcs {
		f.InspectBody([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 1 {
				return true
			}
			fn := mm.Model.Callee(call)
			if !IsMethod(fn, "sync", "Once", "Do") && !IsFunc(fn, "sync", "OnceFunc", "OnceValue", "OnceValues") {
				return true
			}
			if t, ok := m.funcValue(call.Args[0]); ok {
				switch {
				case t.Lit != nil:
					out[t.Lit] = true
				case t.Fn != nil:
					if d := m.funcDecl(t.Fn); d != nil && len(m.CallSites(t.Fn)) == 0 {
						out[d] = true
					}
				}
			}
			return true
		})
	}
	return out
}

// embeddedPath reports whether every field of path (".E.f") but the last
// is an embedded field, from a value of type t.
func embeddedPath(t types.Type, path string) bool {
	fields := strings.Split(strings.TrimPrefix(path, "."), ".")
	for i, name := range fields {
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok {
			return false
		}
		var fld *types.Var
		for j := range st.NumFields() {
			if st.Field(j).Name() == name {
				fld = st.Field(j)
			}
		}
		if fld == nil || i < len(fields)-1 && !fld.Embedded() {
			return false
		}
		t = fld.Type()
	}
	return true
}

func (mm *Memory) addField(fa *FieldAccess) {
	ix := &mm.fields
	if _, ok := ix.byClass[fa.Class]; !ok {
		ix.classes = append(ix.classes, fa.Class)
	}
	ix.byClass[fa.Class] = append(ix.byClass[fa.Class], fa)
}

// wholeStruct records the read or write of *recv as a whole (a copy of
// the struct, an assignment of a new value) as an access to each of its
// fields.
func (mm *Memory) wholeStruct(f *Func, a *Access, recv *types.Var) {
	t := namedStruct(recv.Type())
	st, ok := deref(recv.Type()).Underlying().(*types.Struct)
	if t == "" || !ok {
		return
	}
	for i := range st.NumFields() {
		fld := st.Field(i)
		fa := &FieldAccess{Access: a, Func: f, Class: t + "." + fld.Name(), Recv: true, Direct: true, Whole: true}
		for _, l := range a.Locks {
			if lc := mm.Model.Class(l.Ref); lc != "" {
				fa.guards = append(fa.guards, classLock{lc, l.Read})
			}
		}
		mm.addField(fa)
	}
}

// inPlaceLit reports whether n is the call of a literal called where it is
// written, whose accesses are its literal's.
func inPlaceLit(n ast.Node) bool {
	call, ok := n.(*ast.CallExpr)
	if !ok {
		return false
	}
	_, ok = ast.Unparen(call.Fun).(*ast.FuncLit)
	return ok
}

// receiverOf returns the receiver of the method whose body holds f (f, or
// the declaration around the literal f), or nil.
func (mm *Memory) receiverOf(f *Func) *types.Var {
	for f != nil && f.Obj == nil {
		f = mm.Model.enclosingFunc(f)
	}
	if f == nil {
		return nil
	}
	sig, ok := f.Obj.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return nil
	}
	return sig.Recv()
}

// isParam reports whether v is a parameter of f or of a function around
// the literal f.
func (mm *Memory) isParam(f *Func, v *types.Var) bool {
	for g := f; g != nil; g = mm.Model.enclosingFunc(g) {
		if _, ok := paramPosition(g, v); ok {
			return true
		}
		if g.Declares(v) {
			return false
		}
	}
	return false
}

// where is how a function may run: on the goroutines of the package that
// reach it (bodies), and by the outside world (external: an exported
// function or method, a func value).
type where struct {
	bodies   []*Func
	external bool
}

func (mm *Memory) whereRuns(f *Func) where {
	m := mm.Model
	g := m.goroutineLayer()
	var w where
	for e := range g.entries[f] {
		switch {
		case e.external:
			w.external = true
		case e.fn != nil && (m.goParent[e.fn] != nil || m.isLaunched(e.fn)):
			w.bodies = append(w.bodies, e.fn)
		}
	}
	sort.Slice(w.bodies, func(i, j int) bool { return w.bodies[i].Body.Pos() < w.bodies[j].Body.Pos() })
	return w
}

// concurrently returns how the functions a and b may run at the same time:
// the goroutine starts of a and b (nil for the outside world), or ok false
// when they may not (as far as the model sees). Two calls by the outside
// world may run at once only for a shared type (shared): one that has a
// mutex, or that is accessed atomically.
func (mm *Memory) concurrently(a, b *Func, shared bool) (sa, sb *Event, ok bool) {
	wa, wb := mm.whereRuns(a), mm.whereRuns(b)
	if mm.Model.OneGoroutine(a, b) {
		return nil, nil, false
	}
	start := func(body *Func) *Event {
		if s := mm.fields.starts[body]; len(s) > 0 {
			return s[0]
		}
		return nil
	}
	for _, x := range wa.bodies {
		for _, y := range wb.bodies {
			if x != y || mm.Model.startedMany(x) {
				return start(x), start(y), true
			}
		}
		if wb.external {
			return start(x), nil, true
		}
	}
	if wa.external {
		for _, y := range wb.bodies {
			return nil, start(y), true
		}
		if wb.external && shared {
			return nil, nil, true
		}
	}
	return nil, nil, false
}

// sharedType reports whether the package itself runs code on the struct
// type of the field class c on goroutines it starts: some access to a
// field of that type (not through a value the function made) is in a
// function reached from a goroutine body of the package. Two exported
// methods of such a type may run at the same time.
func (mm *Memory) sharedType(c string) bool {
	typ := c[:strings.LastIndex(c, ".")+1]
	if v, ok := mm.fields.shared[typ]; ok {
		return v
	}
	shared := false
	for _, k := range mm.fields.classes {
		if !strings.HasPrefix(k, typ) || strings.Contains(k[len(typ):], ".") {
			continue
		}
		for _, a := range mm.fields.byClass[k] {
			if !a.Owned && len(mm.whereRuns(a.Func).bodies) > 0 {
				shared = true
				break
			}
		}
		if shared {
			break
		}
	}
	mm.fields.shared[typ] = shared
	return shared
}

// FieldRaces returns the races the per-class reasoning finds in the
// package, in source order of the access to report.
func (mm *Memory) FieldRaces() []*FieldRace {
	mm.fieldIndex().once.Do(mm.indexFields)
	var out []*FieldRace
	seen := make(map[ast.Node]bool)
	add := func(r *FieldRace) {
		if r != nil && !seen[r.Bad.Node] {
			seen[r.Bad.Node] = true
			out = append(out, r)
		}
	}
	for _, c := range mm.fields.classes {
		acc := mm.fields.byClass[c]
		for _, r := range mm.atomicRaces(acc) {
			add(r)
		}
		for _, r := range mm.disciplineRaces(c, acc) {
			add(r)
		}
		for _, r := range mm.startedRaces(acc) {
			add(r)
		}
	}
	out = onePerFunc(out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Bad.Node.Pos() < out[j].Bad.Node.Pos() })
	return out
}

// shareable reports whether the access may touch an object other
// goroutines share: not one its function made, not after a wait.
func shareable(a *FieldAccess) bool {
	return !a.Owned && !a.Synced && !a.Opaque && !a.Once
}

// atomicRaces: plain accesses of a field that is also accessed with
// sync/atomic, by code that may run at the same time.
func (mm *Memory) atomicRaces(acc []*FieldAccess) []*FieldRace {
	var atomics []*FieldAccess
	for _, a := range acc {
		if a.Atomic && !a.Owned && !a.Once {
			atomics = append(atomics, a)
		}
	}
	if len(atomics) == 0 {
		return nil
	}
	var out []*FieldRace
	for _, p := range acc {
		// As for lock discipline, the plain access must be where a
		// goroutine or the outside world enters (an unexported helper
		// runs when its callers decide: initialize called by the
		// constructor, reset once a reference count reaches zero).
		if p.Atomic || !p.Direct || !shareable(p) || !mm.entered(p.Func) {
			continue
		}
		for _, a := range atomics {
			if !conflicts(p, a) || commonLock(p, a) {
				continue
			}
			if sa, sb, ok := mm.concurrently(p.Func, a.Func, mm.sharedType(p.Class)); ok {
				out = append(out, &FieldRace{Kind: RaceAtomic, Bad: p, Other: a, BadStart: sa, OtherStart: sb})
				break
			}
		}
	}
	return out
}

// disciplineRaces: RacerD's lock discipline. The field's struct type has
// a mutex that is held at most of the field's accesses (at two at least,
// and at more than are without it); an access without it, from the
// receiver of a method that may run at the same time as a write under it
// (or that writes, at the same time as an access under it), races.
func (mm *Memory) disciplineRaces(c string, acc []*FieldAccess) []*FieldRace {
	typ := c[:strings.LastIndex(c, ".")+1] // "pkg.T."
	counts := make(map[string]int)
	funcs := make(map[string]map[*Func]bool) // the functions of the guarded accesses, by guard
	total := 0
	for _, a := range acc {
		if a.Owned || a.Atomic || a.Whole {
			continue
		}
		total++
		seenClass := make(map[string]bool)
		for _, l := range a.guards {
			if strings.HasPrefix(l.class, typ) && !strings.Contains(l.class[len(typ):], ".") && !seenClass[l.class] {
				seenClass[l.class] = true
				counts[l.class]++
				if funcs[l.class] == nil {
					funcs[l.class] = make(map[*Func]bool)
				}
				funcs[l.class][a.Func] = true
			}
		}
	}
	guard, n := "", 0
	for g, k := range counts {
		if k > n || k == n && g < guard {
			guard, n = g, k
		}
	}
	if n < 2 || 2*n <= total {
		return nil // no mutex guards most accesses
	}
	if len(funcs[guard]) == 1 {
		// The guarded accesses are all in one function (two reads of one
		// loop). If that function takes the lock itself, it guards them
		// on purpose (SetNext locks, then writes valid three times); if it
		// only runs under its callers' lock (held for reasons of their
		// own), that is no evidence of a discipline.
		for g := range funcs[guard] {
			if !locksClass(g, guard) {
				return nil
			}
		}
	}
	var out []*FieldRace
	shared := mm.sharedType(c)
	for _, u := range acc {
		if u.Atomic || u.Whole || u.BeforeStart || !u.Direct || !shareable(u) || u.Holds(guard) || !mm.entered(u.Func) {
			continue
		}
		var best *FieldRace
		for _, w := range acc {
			if w.Owned || w.Atomic || w.Whole || w.Lazy || w.Once || w.Synced || !w.Holds(guard) || !conflicts(u, w) || commonLock(u, w) {
				continue
			}
			if su, sw, ok := mm.concurrently(u.Func, w.Func, shared); ok {
				r := &FieldRace{Kind: RaceDiscipline, Bad: u, Other: w, Guard: guard, Guarded: n, Total: total, BadStart: su, OtherStart: sw}
				if best == nil || best.OtherStart == nil && sw != nil {
					best = r // one that runs on a goroutine of the package is the clearest witness
				}
			}
		}
		if best != nil {
			out = append(out, best)
		}
	}
	return out
}

// locksClass reports whether f itself takes a mutex of class c: a Lock,
// or a call that locks it and returns holding it.
func locksClass(f *Func, c string) bool {
	for _, e := range f.Events {
		if (e.Kind == Lock || e.Kind == SomeLock && e.Held) && !e.Deferred && Class(e.Ref) == c {
			return true
		}
	}
	return false
}

// onePerFunc keeps, of the discipline races of a package, one per function
// and guarding mutex: the one whose other side runs on a goroutine of the
// package if there is one, else the first; More counts the others.
func onePerFunc(races []*FieldRace) []*FieldRace {
	type key struct {
		f     *Func
		guard string
	}
	best := make(map[key]*FieldRace)
	count := make(map[key]int)
	var keys []key
	for _, r := range races {
		if r.Kind != RaceDiscipline {
			continue
		}
		k := key{r.Bad.Func, r.Guard}
		count[k]++
		b, ok := best[k]
		if !ok {
			keys = append(keys, k)
		}
		if !ok || b.OtherStart == nil && r.OtherStart != nil {
			best[k] = r
		}
	}
	var out []*FieldRace
	for _, r := range races {
		if r.Kind != RaceDiscipline {
			out = append(out, r)
		}
	}
	for _, k := range keys {
		r := best[k]
		r.More = count[k] - 1
		out = append(out, r)
	}
	return out
}

// entered reports whether f is where a goroutine or the outside world
// enters the package: an exported function or method, or the body of a
// goroutine the package starts. The locks a helper runs with are those of
// its callers, which the model follows only for static calls (EntryLocks):
// an unguarded access in a helper is weaker evidence.
func (mm *Memory) entered(f *Func) bool {
	if mm.Model.goParent[f] != nil || len(mm.fields.starts[f]) > 0 {
		return true
	}
	if f.Obj == nil || !f.Obj.Exported() || mm.testHook(f) {
		return false
	}
	// An exported method of an unexported type is called from outside
	// only through an interface or a value the package hands out; one
	// that the package calls itself is a helper of those calls.
	return exportedAPI(f.Obj) || !mm.Model.isCalledDirectly(f.Obj)
}

// testHook reports whether f is a method declared in a test file for a
// type declared in another file (export_test.go's hooks): only the
// package's tests call it, on values they set up, not its users.
func (mm *Memory) testHook(f *Func) bool {
	sig, ok := f.Obj.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	n, ok := types.Unalias(deref(sig.Recv().Type())).(*types.Named)
	if !ok {
		return false
	}
	fset := mm.Model.Pass.Fset
	return strings.HasSuffix(fset.Position(f.Obj.Pos()).Filename, "_test.go") &&
		!strings.HasSuffix(fset.Position(n.Obj().Pos()).Filename, "_test.go")
}

// startedRaces: a goroutine started by a constructor on the value it
// makes (New starts go s.loop() and returns s) accesses a field that an
// exported method of the type accesses, with no lock held at both and
// one of them writing: the caller of New calls the method while the
// goroutine runs. The method must not communicate at all (a send, a
// receive or a wait may be the hand-off that orders it), and the
// goroutine's function must not close a channel (which may publish what
// it wrote before).
func (mm *Memory) startedRaces(acc []*FieldAccess) []*FieldRace {
	var out []*FieldRace
	for _, x := range acc {
		if !x.Direct || x.Whole || x.BeforeStart || !shareable(x) || x.Func.Obj == nil || !x.Func.Obj.Exported() || mm.testHook(x.Func) || communicates(x.Func) {
			continue
		}
		for _, g := range acc {
			if g.Owned || g.Once || g.Whole || g.Atomic || x.Atomic || g.Func == x.Func || !conflicts(g, x) || commonLock(g, x) {
				continue
			}
			if g.Kind.Write() && closes(g.Func) {
				continue
			}
			start := mm.constructorStart(g.Func)
			if start == nil {
				continue
			}
			out = append(out, &FieldRace{Kind: RaceStarted, Bad: x, Other: g, OtherStart: start})
			break
		}
	}
	return out
}

// communicates reports whether f has an operation that may order it with
// another goroutine: a channel operation, a wait, a close.
func communicates(f *Func) bool {
	for _, e := range f.Events {
		if e.Kind.Blocks() || e.Kind == Close || e.Kind == TryRecv || e.Kind == TrySend || e.Kind == Unknown && e.May != nil && e.May.Joins {
			return true
		}
	}
	return false
}

func closes(f *Func) bool {
	for _, e := range f.Events {
		if e.Kind == Close {
			return true
		}
	}
	return false
}

// constructorStart returns the go statement of a constructor that starts
// the goroutine on which alone f runs, as a method of the value the
// constructor makes: go s.loop() in a function (not a method) that
// creates s and returns it. Nil if there is none.
func (mm *Memory) constructorStart(f *Func) *Event {
	body := mm.Model.GoroutineOf(f)
	if body == nil {
		return nil
	}
	for _, e := range mm.fields.starts[body] {
		li := e.Launch
		if li.Kind != GoStmt || li.Fn == nil || li.Recv == nil {
			continue
		}
		r, ok := RefOf(mm.Model.Pass.TypesInfo, li.Recv)
		if !ok || r.Path != "" {
			continue
		}
		starter := mm.startingFunc(e)
		if starter == nil || starter.Obj == nil || !starter.Declares(r.Root) {
			continue
		}
		if _, isParam := paramPosition(starter, r.Root); isParam {
			continue
		}
		if sig := starter.Obj.Type().(*types.Signature); sig.Recv() == nil && mm.returnsVar(starter, r.Root) {
			return e
		}
	}
	return nil
}

// startingFunc returns the function whose events hold e.
func (mm *Memory) startingFunc(e *Event) *Func {
	for _, f := range mm.Model.Funcs {
		for _, x := range f.Events {
			if x == e {
				return f
			}
		}
	}
	return nil
}

// returnsVar reports whether f returns the variable v (return v, ...).
func (mm *Memory) returnsVar(f *Func, v *types.Var) bool {
	info := mm.Model.Pass.TypesInfo
	found := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				if id, ok := ast.Unparen(r).(*ast.Ident); ok && info != nil && info.Uses[id] == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// ClassLabelOf renders a class for messages like ClassLabel: the type
// name and field ("Server.mu"), without the package path.
func ClassLabelOf(c string) string {
	rest := c
	if k := strings.LastIndex(rest, "/"); k >= 0 {
		rest = rest[k+1:]
	}
	if k := strings.Index(rest, "."); k >= 0 {
		return rest[k+1:]
	}
	return rest
}

// conflicts reports whether two accesses to one field class may race:
// one of them writes what the other accesses. A write of an element
// (s.m[k] = v) conflicts with accesses of the elements and with a write
// of the field (s.m = nil), not with a read of the field alone (copying
// the map or slice header).
func conflicts(a, b *FieldAccess) bool {
	if !a.Kind.Write() && !b.Kind.Write() {
		return false
	}
	if a.Elem == b.Elem {
		return true
	}
	field := a
	if a.Elem {
		field = b
	}
	return field.Kind.Write()
}

// firstGo returns the position of the first go statement among the
// top-level statements of f's body (one that every path reaching it runs,
// unless it returns before), or token.NoPos.
func firstGo(f *Func) token.Pos {
	if f.Body == nil {
		return token.NoPos
	}
	for _, st := range f.Body.List {
		if g, ok := st.(*ast.GoStmt); ok {
			return g.Pos()
		}
	}
	return token.NoPos
}
