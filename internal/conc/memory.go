package conc

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
)

// This file is the memory part of the model: the reads and writes of
// shared memory a function makes (map contents, slices grown by append,
// counters, variables and fields), each with the locks that are held on
// every path to it, and what a function does to the memory reached from
// its parameters (MemSummary, exported as a fact so that goroutines and
// helpers of other packages are seen through).
//
// A location is a Ref whose Path may end in "*" (the target of a pointer)
// or "[]" (the contents of a map). Fields reached through a pointer are
// written ".f", as Go writes p.f for (*p).f. Slice and array elements are
// not locations: goroutines that write their own element are the rule.

// MemKind says what an access does.
type MemKind uint8

const (
	MemRead     MemKind = iota + 1 // reads a variable or field
	MemMapRead                     // reads a map's contents: m[k], len(m), range m
	MemMapWrite                    // m[k] = v, m[k] op= v, m[k]++, delete(m, k), clear(m)
	MemAppend                      // s = append(s, ...)
	MemUpdate                      // x++, x op= y
	MemAssign                      // x = y
)

// Write reports whether an access of kind k writes.
func (k MemKind) Write() bool { return k >= MemMapWrite }

// HeldLock is a mutex held at an access (Read for a read lock).
type HeldLock struct {
	Ref  Ref
	Read bool
}

// An Access is one read or write of a location by a function, directly or
// in a function it calls.
type Access struct {
	Loc    Ref
	Node   ast.Node    // the access, or the call that makes it
	Block  *cfg.Block  // CFG block of the node
	Index  int         // index of the CFG node within Block
	Locks  []HeldLock  // mutexes held on every path to the access
	Callee *types.Func // the function called, when the access is in it
	// Synced reports whether every path from the function's entry to
	// the access passes an operation that waits for another goroutine
	// (a receive, a send, a Wait...): the access may be ordered after
	// something another goroutine does. SyncedNoRange is the same,
	// without counting ranges over channels.
	Synced, SyncedNoRange bool
	// Opaque reports whether the function takes a lock the model cannot
	// name (through a sync.Locker interface, or on an expression that is
	// not a variable): the access may be protected by it.
	Opaque bool
	// Lazy reports whether the access is a write made only when a test
	// found the location unset (if s.m == nil { s.m = ... }): a lazy
	// initialization, which callers usually make happen once, before
	// the object is shared. It is not followed to the callers.
	Lazy bool
	// Atomic reports whether the access is a sync/atomic function applied
	// to the location's address (atomic.AddInt64(&s.n, 1)): two atomic
	// accesses never race, an atomic and a plain one do.
	Atomic bool
	Kind   MemKind // beside the flags: a million accesses on a giant package
}

// MemSummary is what a function does to the memory reached from its
// parameters and from its package's variables.
type MemSummary struct {
	Effects []MemEffect
	// Spawns lists the parameters of func type that the function calls
	// on goroutines it starts, several at once (a worker pool, an
	// errgroup-like helper): parallel(items, func(it T) {...}).
	Spawns []int
}

func (*MemSummary) AFact() {}

func (s *MemSummary) String() string {
	var parts []string
	for _, e := range s.Effects {
		parts = append(parts, e.String())
	}
	for _, i := range s.Spawns {
		parts = append(parts, fmt.Sprintf("spawns(param%d)", i))
	}
	return "mem(" + strings.Join(parts, " ") + ")"
}

// MemEffect is an access to the location reached from parameter Param (-1
// for the receiver), or from the package variable Global, through Path.
type MemEffect struct {
	Param                 int
	Global                string
	Path                  string
	Kind                  MemKind
	Locks                 []MemLock
	Synced, SyncedNoRange bool
	Opaque                bool
	Atomic                bool
}

var memKindNames = [...]string{"", "read", "map-read", "map-write", "append", "update", "assign"}

func (e MemEffect) String() string {
	var buf [64]byte
	return string(e.appendTo(buf[:0]))
}

// appendTo appends String's text to b.
func (e MemEffect) appendTo(b []byte) []byte {
	b = appendMemRoot(b, e.Global, e.Param)
	b = append(append(append(b, e.Path...), ':'), memKindNames[e.Kind]...)
	if e.Atomic {
		b = append(b, "+atomic"...)
	}
	for _, l := range e.Locks {
		b = l.appendTo(append(b, '+'))
	}
	return b
}

// appendMemRoot appends the name of the root of a MemEffect or MemLock:
// the global, "param<i>", or "recv".
func appendMemRoot(b []byte, global string, param int) []byte {
	switch {
	case global != "":
		return append(b, global...)
	case param >= 0:
		return strconv.AppendInt(append(b, "param"...), int64(param), 10)
	}
	return append(b, "recv"...)
}

// MemLock is a mutex held at a MemEffect, reached like the location.
type MemLock struct {
	Param  int
	Global string
	Path   string
	Read   bool
}

func (l MemLock) String() string {
	var buf [64]byte
	return string(l.appendTo(buf[:0]))
}

// appendTo appends String's text to b.
func (l MemLock) appendTo(b []byte) []byte {
	if l.Read {
		b = append(b, "rlocked("...)
	} else {
		b = append(b, "locked("...)
	}
	b = appendMemRoot(b, l.Global, l.Param)
	return append(append(b, l.Path...), ')')
}

// MemAnalyzer computes the memory accesses of a package's functions.
var MemAnalyzer = &analysis.Analyzer{
	Name:       "concmem",
	Doc:        "find wglint's shared memory accesses: map, slice, counter and field writes with the locks held at them",
	URL:        "https://pkg.go.dev/github.com/wglint/wglint/internal/conc",
	Requires:   []*analysis.Analyzer{Analyzer},
	Run:        runMem,
	ResultType: reflect.TypeFor[*Memory](),
	FactTypes:  []analysis.Fact{new(MemSummary)},
}

// Memory is the memory model of one package.
type Memory struct {
	Model    *Model
	pass     *analysis.Pass // the pass of MemAnalyzer, which owns the facts
	accesses map[*Func][]*Access
	building map[*Func]bool
	effects  map[*types.Func]*MemSummary
	fields   fieldIndex // the accesses to each field class (races.go)
	// trimmed holds the functions whose list in accesses is not the
	// whole list. Most are declared functions that start no goroutine,
	// whose list was cut, once their summary was made, to the accesses
	// their own code makes (Callee == nil). The accesses
	// copied from callees at each call site are most of a giant
	// package's accesses (a million on nats-server's), and nothing
	// reads them again: the callers read the summary, the field index
	// skips them, and the race check asks for the accesses of
	// functions that start goroutines only. Accesses builds the whole
	// list again if it is asked for one. The list built again may hold
	// more than the first: a recursive call met while the function was
	// being built had no summary then (the recursion is cut there), and
	// has one now.
	//
	// A function that will be trimmed does not even get, at its first
	// building (for its summary), the accesses of its callees that its
	// summary drops: those to locations that are neither its parameters
	// nor its package's variables (three in four of the callees'
	// accesses on nats-server). Such a list is marked trimmed too, as is
	// a literal's list built for the field index without its callees'
	// accesses (ownAccesses), and every list of a facts-only process.
	trimmed map[*Func]bool
	// factsOnly: the process exports the package's facts and runs no
	// check (see FactsOnly). The list of every declared function then
	// holds only the accesses its summary keeps, its own as well as its
	// callees': no check reads the others.
	factsOnly bool
	// factMu, in the copies that buildOwnLists works in, serializes
	// their imports of facts: a driver need not allow them at once.
	factMu *sync.Mutex
}

func runMem(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[Analyzer].(*Model)
	mm := newMemory(pass, m)
	mm.factsOnly = factsOnly
	for _, f := range m.Funcs {
		if f.Obj == nil {
			continue
		}
		if s := mm.summary(f.Obj); s != nil && !m.isTestEntry(f) {
			// Other packages see the accesses to maps and slices only:
			// their writes to variables and fields are often on paths
			// that the state of the object rules out, or ordered by
			// means the model does not follow.
			var fact MemSummary
			for _, e := range s.Effects {
				if factKind(e.Kind) {
					fact.Effects = append(fact.Effects, e)
				}
			}
			fact.Spawns = s.Spawns
			if len(fact.Effects) > 0 || len(fact.Spawns) > 0 {
				pass.ExportObjectFact(f.Obj, &fact)
			}
		}
		mm.trim(f)
	}
	return mm, nil
}

func newMemory(pass *analysis.Pass, m *Model) *Memory {
	return &Memory{Model: m, pass: pass, accesses: make(map[*Func][]*Access), building: make(map[*Func]bool), effects: make(map[*types.Func]*MemSummary), trimmed: make(map[*Func]bool)}
}

// factKind reports whether the facts of the memory pass carry accesses of
// kind k: to maps and slices.
func factKind(k MemKind) bool { return k == MemMapRead || k == MemMapWrite || k == MemAppend }

// factsOnly: the process exports the packages' facts and runs no check
// (go vet's facts-only runs, on the packages that others import).
var factsOnly bool

// FactsOnly tells the model that the process only exports facts: the
// model then does not build the checks' index of operations on objects
// ahead of them (Objects), and the memory pass's list of accesses of a
// declared function leaves out, as export does, the accesses to locations
// that are neither its parameters nor its package's variables, its own as
// well as its callees'; the summaries, and so the facts, are those of a
// whole run. Called before any analysis.
func FactsOnly() { factsOnly = true }

// summary returns the memory effects of fn (nil when unknown).
func (mm *Memory) summary(fn *types.Func) *MemSummary {
	fn = fn.Origin()
	if s, ok := mm.effects[fn]; ok {
		return s
	}
	var s *MemSummary
	if p := fn.Pkg(); p != nil && synchronizes(p.Path()) {
		mm.effects[fn] = nil
		return nil // synchronizes its own accesses
	}
	if f := mm.Model.funcDecl(fn); f != nil {
		if mm.building[f] {
			return nil // recursion: unknown
		}
		s = &MemSummary{Effects: mm.export(f), Spawns: mm.spawns(f)}
	} else {
		fact := new(MemSummary)
		if mm.factMu != nil {
			mm.factMu.Lock() // one of buildOwnLists' goroutines
		}
		if mm.pass.ImportObjectFact(fn, fact) {
			s = fact
		}
		if mm.factMu != nil {
			mm.factMu.Unlock()
		}
	}
	mm.effects[fn] = s
	return s
}

// spawns returns the parameters of func type of the declared function f
// that it calls on goroutines it starts several at once: go fn(x), or a
// goroutine literal that calls fn, in a loop or at several go statements.
func (mm *Memory) spawns(f *Func) []int {
	params := paramIndex(f.Obj)
	info := mm.Model.Pass.TypesInfo
	count := make(map[int]int)
	mm.Model.ensureEvents(f)
	for _, e := range f.Events {
		if e.Kind != Launch || e.Deferred {
			continue
		}
		li := e.Launch
		called := make(map[int]bool)
		isParamFunc := func(fun ast.Expr) {
			if id, ok := ast.Unparen(fun).(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok {
					if i, ok := params[v]; ok && i >= 0 && isSignature(v.Type()) {
						called[i] = true
					}
				}
			}
		}
		switch {
		case li.Lit != nil:
			ast.Inspect(li.Lit.Body, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					isParamFunc(call.Fun)
				}
				return true
			})
		case li.Call != nil:
			isParamFunc(li.Call.Fun)
		}
		for i := range called {
			count[i]++
			if f.InLoop(e) {
				count[i]++
			}
		}
	}
	var out []int
	for i, n := range count {
		if n > 1 {
			out = append(out, i)
		}
	}
	sort.Ints(out)
	return out
}

// A SpawnCall is a call of a function that runs a func it is given on
// several goroutines at once (MemSummary.Spawns).
type SpawnCall struct {
	Call     *ast.CallExpr
	Callee   *types.Func
	Accesses []*Access // what the func given does to memory the caller names
}

// SpawnCalls returns the calls of f that give a func to a function that
// runs it on several goroutines at once.
func (mm *Memory) SpawnCalls(f *Func) []SpawnCall {
	var out []SpawnCall
	f.InspectBody([]ast.Node{(*ast.FuncLit)(nil), (*ast.GoStmt)(nil), (*ast.CallExpr)(nil)}, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.CallExpr:
			fn := mm.Model.StaticCallee(n)
			if fn == nil {
				return true
			}
			s := mm.summary(fn)
			if s == nil || len(s.Spawns) == 0 {
				return true
			}
			blk, idx := mm.Model.nodeOf(f, n)
			if blk == nil {
				return true
			}
			sc := SpawnCall{Call: n, Callee: fn}
			for _, i := range s.Spawns {
				if i < len(n.Args) {
					sc.Accesses = append(sc.Accesses, mm.FuncValueAccesses(n.Args[i], n, blk, idx)...)
				}
			}
			if len(sc.Accesses) > 0 {
				out = append(out, sc)
			}
		}
		return true
	})
	return out
}

// export turns the accesses of the declared function f into effects on its
// parameters and package variables, keeping those shared with callers.
func (mm *Memory) export(f *Func) []MemEffect {
	params := paramIndex(f.Obj)
	// The effects are gathered in a scratch kept for the next export
	// (export is called once per declared function, and again inside
	// itself for callees): only the sorted list is allocated.
	sc := exportScratchPool.Get().(*exportScratch)
	defer sc.release()
	if sc.seen == nil {
		sc.seen = make(map[exportKey]bool)
	}
	for _, a := range mm.accessesFor(f, summaryList) {
		if a.Lazy {
			continue // made once, before sharing, as a rule
		}
		var e MemEffect
		if !summaryRoot(f, params, a.Loc.Root) {
			continue // a local of f
		}
		if i, ok := params[a.Loc.Root]; ok {
			if !sharedPath(a.Loc.Root.Type(), a.Loc.Path) {
				continue // a copy owned by the callee
			}
			e = MemEffect{Param: i, Path: a.Loc.Path}
		} else {
			e = MemEffect{Param: -2, Global: a.Loc.Root.Name(), Path: a.Loc.Path}
		}
		e.Kind, e.Synced, e.SyncedNoRange, e.Opaque, e.Atomic = a.Kind, a.Synced, a.SyncedNoRange, a.Opaque, a.Atomic
		for _, l := range a.Locks {
			if i, ok := params[l.Ref.Root]; ok {
				e.Locks = append(e.Locks, MemLock{Param: i, Path: l.Ref.Path, Read: l.Read})
			} else if isGlobal(l.Ref.Root) && l.Ref.Root.Pkg() == f.Obj.Pkg() {
				e.Locks = append(e.Locks, MemLock{Param: -2, Global: l.Ref.Root.Name(), Path: l.Ref.Path, Read: l.Read})
			}
		}
		// The locks in a fixed order: the order in which the lock
		// dataflow met them depends on the order the checks asked for
		// the entry locks of the function, and facts are compared byte
		// for byte by the go command's cache.
		slices.SortFunc(e.Locks, func(a, b MemLock) int {
			return cmp.Or(cmp.Compare(a.Param, b.Param), cmp.Compare(a.Global, b.Global), cmp.Compare(a.Path, b.Path), cmp.Compare(boolInt(a.Read), boolInt(b.Read)))
		})
		// The text of the effect is made once per distinct effect: most
		// accesses repeat one made before.
		sc.buf = e.appendTo(sc.buf[:0])
		synced := uint8(boolInt(e.Synced)*2 + boolInt(e.SyncedNoRange))
		if sc.seen[exportKey{string(sc.buf), synced}] { // no allocation: the conversion is only a key
			continue
		}
		key := string(sc.buf)
		sc.seen[exportKey{key, synced}] = true
		sc.out = append(sc.out, e)
		sc.keys = append(sc.keys, key)
	}
	if len(sc.out) == 0 {
		return nil
	}
	// Sorted by String, stably: the keys are computed once, not at each
	// comparison.
	sort.Stable(effectsByKey{sc.out, sc.keys})
	return slices.Clone(sc.out)
}

// An exportKey is an effect as export dedups them: its text, and
// 2*Synced + SyncedNoRange.
type exportKey struct {
	key    string
	synced uint8
}

// An exportScratch holds what export gathers before the sorted list is
// made.
type exportScratch struct {
	out  []MemEffect
	keys []string
	seen map[exportKey]bool
	buf  []byte
}

var exportScratchPool = sync.Pool{New: func() any { return new(exportScratch) }}

func (sc *exportScratch) release() {
	clear(sc.out) // drop the effects' strings and locks
	sc.out, sc.keys = sc.out[:0], sc.keys[:0]
	clear(sc.keys[:cap(sc.keys)])
	if len(sc.seen) > maxKeptScratch {
		sc.seen = nil
	} else {
		clear(sc.seen)
	}
	if cap(sc.out) > maxKeptScratch {
		sc.out, sc.keys = nil, nil
	}
	exportScratchPool.Put(sc)
}

// effectsByKey sorts effects by their keys (MemEffect.String), moving
// both.
type effectsByKey struct {
	effects []MemEffect
	keys    []string
}

func (x effectsByKey) Len() int           { return len(x.keys) }
func (x effectsByKey) Less(i, j int) bool { return x.keys[i] < x.keys[j] }
func (x effectsByKey) Swap(i, j int) {
	x.effects[i], x.effects[j] = x.effects[j], x.effects[i]
	x.keys[i], x.keys[j] = x.keys[j], x.keys[i]
}

// summaryRoot reports whether the summary of f (export) keeps accesses to
// locations reached from v: a parameter of f (params: paramIndex(f.Obj))
// or a variable of f's package. The lists made for a summary leave out
// the others (dropLocal).
func summaryRoot(f *Func, params map[*types.Var]int, v *types.Var) bool {
	_, ok := params[v]
	return ok || isGlobal(v) && v.Pkg() == f.Obj.Pkg()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sharedPath reports whether the location reached from a variable of type
// t through path is shared with whoever passed the variable: the path goes
// through a pointer or into a map.
func sharedPath(t types.Type, path string) bool {
	for path != "" {
		switch {
		case strings.HasPrefix(path, "*"), strings.HasPrefix(path, "[]"):
			return true
		case strings.HasPrefix(path, "."):
			if isPointer(t) {
				return true
			}
			rest := path[1:]
			name := rest
			if i := strings.IndexAny(rest, ".*["); i >= 0 {
				name, rest = rest[:i], rest[i:]
			} else {
				rest = ""
			}
			st, ok := t.Underlying().(*types.Struct)
			if !ok {
				return false
			}
			var next types.Type
			for i := range st.NumFields() {
				if st.Field(i).Name() == name {
					next = st.Field(i).Type()
				}
			}
			if next == nil {
				return false
			}
			t, path = next, rest
		default:
			return false
		}
	}
	return false
}

// LocOf returns the location denoted by e: a variable, a field path from
// one, or the target of a pointer.
func LocOf(info *types.Info, e ast.Expr) (Ref, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok {
			v, ok = info.Defs[e].(*types.Var)
		}
		if !ok || v == nil || v.IsField() {
			return Ref{}, false
		}
		return Ref{Root: v}, true
	case *ast.StarExpr:
		r, ok := LocOf(info, e.X)
		if !ok {
			return Ref{}, false
		}
		r.Path += "*"
		return r, true
	case *ast.SelectorExpr:
		sel := info.Selections[e]
		if sel == nil {
			v, ok := info.Uses[e.Sel].(*types.Var)
			if !ok {
				return Ref{}, false
			}
			return Ref{Root: v}, true
		}
		if sel.Kind() != types.FieldVal {
			return Ref{}, false
		}
		r, ok := LocOf(info, e.X)
		if !ok {
			return Ref{}, false
		}
		r.Path = strings.TrimSuffix(r.Path, "*") + implicitPath(sel) + "." + e.Sel.Name
		return r, true
	}
	return Ref{}, false
}

// LocName renders a location for messages: m for the contents of map m,
// *p for the target of p.
func LocName(r Ref) string {
	s := r.Root.Name() + strings.TrimSuffix(r.Path, "[]")
	if strings.HasSuffix(s, "*") {
		s = "*" + strings.TrimSuffix(s, "*")
	}
	return s
}

func isMap(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Map)
	return ok
}

// Accesses returns the accesses of f (not of the goroutines or callbacks
// it creates), in CFG order. For a function the memory pass trimmed, the
// list is built again (see Memory.trimmed).
func (mm *Memory) Accesses(f *Func) []*Access { return mm.accessesFor(f, wholeList) }

// A listMode says which accesses made in callees a list needs.
type listMode int

const (
	wholeList   listMode = iota
	summaryList          // for export: those its summary keeps, if trim will cut the list
	ownList              // for ownAccesses: none
)

// accessesFor is Accesses, or a list that leaves out accesses made in
// callees (see listMode), which is then marked trimmed: the whole list is
// built if it is asked for.
func (mm *Memory) accessesFor(f *Func, mode listMode) []*Access {
	if a, ok := mm.accesses[f]; ok && !mm.trimmed[f] {
		return a
	}
	if mm.trimmed[f] {
		delete(mm.accesses, f)
		delete(mm.trimmed, f)
	}
	if mm.building[f] {
		return nil
	}
	mm.building[f] = true
	mm.Model.ensureEvents(f)
	c := &memCollector{mm: mm, f: f, info: mm.Model.Pass.TypesInfo, rangeOf: make(map[ast.Expr]*ast.RangeStmt)}
	switch {
	case mode == summaryList && f.Obj != nil && mm.factsOnly:
		c.mode, c.params, c.factsOnly = summaryList, paramIndex(f.Obj), true
	case mode == summaryList && f.Obj != nil && !launches(f):
		c.mode, c.params = summaryList, paramIndex(f.Obj)
	case mode == ownList:
		c.mode = ownList
	}
	f.InspectBody([]ast.Node{(*ast.FuncLit)(nil), (*ast.RangeStmt)(nil)}, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.RangeStmt:
			c.rangeOf[n.X] = n
		}
		return true
	})
	// The lock and synchronization states are dataflow problems over the
	// whole function: solve them only for functions that access something.
	var (
		locks  lockState
		stops  map[*cfg.Block][]int
		sync   syncState
		solved bool
	)
	for _, blk := range f.CFG.Blocks {
		if !blk.Live {
			continue
		}
		c.block = blk
		for i, n := range blk.Nodes {
			c.index = i
			start, dropped := len(c.out), c.dropped
			if e, ok := n.(ast.Expr); ok {
				if rs := c.rangeOf[e]; rs != nil && isMap(c.info.TypeOf(rs.X)) {
					if r, ok := LocOf(c.info, rs.X); ok {
						r.Path += "[]"
						c.add(r, MemMapRead, rs.X)
					}
				}
			}
			ast.Inspect(n, c.visit)
			if start == len(c.out) && dropped == c.dropped {
				continue
			}
			// (The states are solved where an access was dropped too:
			// the entry locks are computed in the same order as for
			// the whole list, and so cut a recursion at the same place.)
			if !solved {
				locks, stops = mm.Model.entryLockStates(f), mm.stops(f)
				sync, solved = syncStates(f, stops), true
			}
			held := locks.at(f, blk, i)
			s, sn := sync.at(f, blk, i, stops)
			for _, a := range c.out[start:] {
				a.Locks = unionLocks(held, a.Locks)
				a.Synced = a.Synced || s
				a.SyncedNoRange = a.SyncedNoRange || sn
			}
		}
	}
	// (Any access solved the states above, and so found f's stops.)
	if len(c.out) > 0 && mm.Model.stopsOf(f).opaque {
		for _, a := range c.out {
			a.Opaque = true
		}
	}
	for _, a := range c.out {
		if a.Kind == MemAssign && a.Callee == nil {
			a.Lazy = c.lazy(a)
		}
	}
	mm.accesses[f] = c.out
	if c.mode != wholeList {
		mm.trimmed[f] = true
	}
	delete(mm.building, f)
	return c.out
}

// launches reports whether f starts a goroutine.
func launches(f *Func) bool {
	for _, e := range f.Events {
		if e.Kind == Launch {
			return true
		}
	}
	return false
}

// trim cuts the accesses of f to those its own code makes, if f starts no
// goroutine (see Memory.trimmed).
func (mm *Memory) trim(f *Func) {
	acc, ok := mm.accesses[f]
	if !ok || launches(f) {
		return
	}
	var own []*Access
	for _, a := range acc {
		if a.Callee == nil {
			own = append(own, a)
		}
	}
	mm.accesses[f] = own
	mm.trimmed[f] = true
}

// ownAccesses returns the accesses that the code of f makes, and maybe
// others (those copied from callees have a Callee). A list not built yet
// (a literal's: the memory pass builds the declared functions') is built
// without the callees' accesses.
func (mm *Memory) ownAccesses(f *Func) []*Access {
	if a, ok := mm.accesses[f]; ok {
		return a
	}
	return mm.accessesFor(f, ownList)
}

// buildOwnLists builds, on up to four goroutines (no more than GOMAXPROCS,
// and only for a few hundred lists each), the lists that
// ownAccesses would build for the functions of fs that have none yet (the
// literals: the memory pass builds the declared functions'), and keeps
// them as ownAccesses would have, one after the other.
//
// By now every function has its events and every declared function its
// summary: a list is a function of the syntax, the types, those and the
// entry locks and stops (both safe to ask from any goroutine), so it does
// not depend on which goroutine builds it, or when. Each goroutine builds
// into a copy of the memory pass's maps (the recursion guard included)
// and imports facts under a lock; what they built is merged in a fixed
// order. A list some goroutine built whole (a literal called where it is
// written, built for its parent) is kept rather than a list without the
// callees' accesses, as building the parent first, in the order of the
// functions, does.
func (mm *Memory) buildOwnLists(fs []*Func) {
	var todo []*Func
	for _, f := range fs {
		if _, ok := mm.accesses[f]; !ok {
			todo = append(todo, f)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), maxOwnListWorkers, len(todo)/minOwnLists)
	if workers < 2 {
		return // ownAccesses builds them one at a time
	}
	if ownListsHook != nil {
		ownListsHook(workers)
	}
	forks := make([]*Memory, workers)
	var (
		next  atomic.Int64
		group crashGroup
	)
	factMu := new(sync.Mutex)
	for i := range forks {
		fk := &Memory{Model: mm.Model, pass: mm.pass, accesses: maps.Clone(mm.accesses), building: make(map[*Func]bool),
			effects: maps.Clone(mm.effects), trimmed: maps.Clone(mm.trimmed), factsOnly: mm.factsOnly, factMu: factMu}
		forks[i] = fk
		group.Go(func() {
			for {
				k := int(next.Add(1) - 1)
				if k >= len(todo) {
					return
				}
				fk.accessesFor(todo[k], ownList)
			}
		})
	}
	group.Wait()
	for _, fk := range forks {
		for f, list := range fk.accesses {
			if _, ok := mm.accesses[f]; ok && (!mm.trimmed[f] || fk.trimmed[f]) {
				continue // the same list, or one kept rather than it
			}
			mm.accesses[f] = list
			if fk.trimmed[f] {
				mm.trimmed[f] = true
			} else {
				delete(mm.trimmed, f)
			}
		}
		for fn, s := range fk.effects {
			if _, ok := mm.effects[fn]; !ok {
				mm.effects[fn] = s
			}
		}
	}
}

// minOwnLists is the number of lists, per goroutine, below which
// buildOwnLists leaves them to ownAccesses; it uses at most
// maxOwnListWorkers goroutines (a test sets it to 1 to compare), and
// tells ownListsHook, when set (by a test), how many.
const minOwnLists = 256

var (
	maxOwnListWorkers = 4
	ownListsHook      func(workers int)
)

type memCollector struct {
	mm      *Memory
	f       *Func
	info    *types.Info
	rangeOf map[ast.Expr]*ast.RangeStmt
	block   *cfg.Block
	index   int
	out     []*Access
	// mode: the accesses made in callees that the list keeps: all, those
	// to f's parameters (params) and its package's variables (for f's
	// summary), or none; dropped counts the others.
	mode    listMode
	params  map[*types.Var]int
	dropped int
	// factsOnly: in summaryList mode, the function's own accesses that
	// export drops are left out too (Memory.factsOnly), and counted.
	factsOnly bool
}

// dropCallee reports whether the access to r made in a callee is left out
// of the list (see memCollector.mode), and counts it.
func (c *memCollector) dropCallee(r Ref) bool {
	switch c.mode {
	case wholeList:
		return false
	case summaryList:
		return c.dropLocal(r)
	}
	c.dropped++
	return true
}

// dropLocal reports whether r is a location that f's summary drops
// (export): neither a parameter of f nor a variable of its package; it
// counts it as dropped.
func (c *memCollector) dropLocal(r Ref) bool {
	if summaryRoot(c.f, c.params, r.Root) {
		return false
	}
	c.dropped++
	return true
}

// lazy reports whether the write a is in the body of an if that tests
// its location for nil (or zero), with nothing else in the condition.
func (c *memCollector) lazy(a *Access) bool {
	for _, n := range enclosing(c.f.Body, a.Node) {
		is, ok := n.(*ast.IfStmt)
		if !ok || a.Node.Pos() < is.Body.Pos() || a.Node.End() > is.Body.End() {
			continue
		}
		if c.testsUnset(is.Cond, a.Loc) {
			return true
		}
		// An initialisation guarded by a sibling field: if s.closeCtx
		// == nil { s.closeCtx = ...; s.graceCtx = ... } sets both once.
		for _, l := range c.assignedIn(is.Body) {
			if l != a.Loc && l.Root == a.Loc.Root && c.testsUnset(is.Cond, l) {
				return true
			}
		}
	}
	return false
}

// assignedIn returns the locations the top-level assignments of body
// assign.
func (c *memCollector) assignedIn(body *ast.BlockStmt) []Ref {
	var out []Ref
	for _, st := range body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok {
			continue
		}
		for _, lhs := range as.Lhs {
			if l, ok := LocOf(c.info, lhs); ok {
				out = append(out, l)
			}
		}
	}
	return out
}

// testsUnset reports whether cond is true only when the location r is nil
// or zero: r == nil, or a conjunction with such a term.
func (c *memCollector) testsUnset(cond ast.Expr, r Ref) bool {
	be, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch be.Op {
	case token.LAND:
		return c.testsUnset(be.X, r) || c.testsUnset(be.Y, r)
	case token.EQL:
		for _, side := range [2][2]ast.Expr{{be.X, be.Y}, {be.Y, be.X}} {
			x := side[0]
			if call, ok := ast.Unparen(x).(*ast.CallExpr); ok && len(call.Args) == 1 {
				// len(r) == 0: an empty string, slice or map.
				if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
					if b, ok := c.info.Uses[id].(*types.Builtin); ok && b.Name() == "len" {
						if tv, ok := c.info.Types[side[1]]; !ok || tv.Value == nil || tv.Value.String() != "0" {
							continue
						}
						x = call.Args[0]
					}
				}
			}
			l, ok := LocOf(c.info, x)
			if !ok || l != r {
				continue
			}
			if tv, ok := c.info.Types[side[1]]; ok && (tv.IsNil() || tv.Value != nil) {
				return true
			}
		}
	}
	return false
}

// namedResults returns the named results of the function.
func (c *memCollector) namedResults() []*types.Var {
	var ft *ast.FuncType
	if c.f.Decl != nil {
		ft = c.f.Decl.Type
	} else if c.f.Lit != nil {
		ft = c.f.Lit.Type
	}
	if ft == nil || ft.Results == nil {
		return nil
	}
	var out []*types.Var
	for _, fld := range ft.Results.List {
		for _, id := range fld.Names {
			if v, ok := c.info.Defs[id].(*types.Var); ok && id.Name != "_" {
				out = append(out, v)
			}
		}
	}
	return out
}

// add records the access of kind k to r at n and returns it; in a
// facts-only list, an access its function's summary drops is counted as
// dropped instead, and add returns nil.
func (c *memCollector) add(r Ref, k MemKind, n ast.Node) *Access {
	if c.factsOnly && c.dropLocal(r) {
		return nil
	}
	a := &Access{Loc: r, Kind: k, Node: n, Block: c.block, Index: c.index}
	c.out = append(c.out, a)
	return a
}

// write records the write of lhs (of kind k when lhs is a location).
func (c *memCollector) write(lhs ast.Expr, k MemKind, n ast.Node) {
	lhs = ast.Unparen(lhs)
	if ix, ok := lhs.(*ast.IndexExpr); ok && isMap(c.info.TypeOf(ix.X)) {
		if r, ok := LocOf(c.info, ix.X); ok {
			r.Path += "[]"
			c.add(r, MemMapWrite, n)
		}
		ast.Inspect(ix.Index, c.visit)
		return
	}
	if r, ok := LocOf(c.info, lhs); ok {
		c.add(r, k, n)
		return
	}
	ast.Inspect(lhs, c.visit)
}

// visit records the accesses of a node; it is an ast.Inspect visitor.
func (c *memCollector) visit(n ast.Node) bool {
	info := c.info
	switch n := n.(type) {
	case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
		return false // runs elsewhere or later
	case *ast.AssignStmt:
		for _, r := range n.Rhs {
			if len(n.Lhs) == len(n.Rhs) {
				if call, ok := ast.Unparen(r).(*ast.CallExpr); ok && isAppendTo(info, call) {
					for _, a := range call.Args[1:] {
						ast.Inspect(a, c.visit)
					}
					continue
				}
			}
			ast.Inspect(r, c.visit)
		}
		for i, l := range n.Lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok && (id.Name == "_" || info.Defs[id] != nil) {
				continue // a new variable
			}
			k := MemAssign
			if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
				k = MemUpdate
			} else if len(n.Lhs) == len(n.Rhs) {
				if call, ok := ast.Unparen(n.Rhs[i]).(*ast.CallExpr); ok && isAppendTo(info, call) {
					lr, ok1 := LocOf(info, l)
					ar, ok2 := LocOf(info, call.Args[0])
					if ok1 && ok2 && lr == ar {
						k = MemAppend
					}
				}
			}
			c.write(l, k, n)
		}
		return false
	case *ast.IncDecStmt:
		c.write(n.X, MemUpdate, n)
		return false
	case *ast.ReturnStmt:
		// return x, y assigns the named results; a bare return reads
		// them for the caller.
		named := c.namedResults()
		if len(named) == 0 {
			return true
		}
		for _, r := range n.Results {
			ast.Inspect(r, c.visit)
		}
		k := MemAssign
		if len(n.Results) == 0 {
			k = MemRead
		}
		for _, v := range named {
			c.add(Ref{Root: v}, k, n)
		}
		return false
	case *ast.CallExpr:
		c.call(n)
		return false
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			if _, ok := LocOf(info, n.X); ok {
				return false // the address is taken: what happens to it is not followed
			}
		}
	case *ast.IndexExpr:
		if isMap(info.TypeOf(n.X)) {
			if r, ok := LocOf(info, n.X); ok {
				r.Path += "[]"
				c.add(r, MemMapRead, n)
				ast.Inspect(n.Index, c.visit)
				return false
			}
		}
	case *ast.SelectorExpr:
		if r, ok := LocOf(info, n); ok {
			c.add(r, MemRead, n)
			return false
		}
		if sel := info.Selections[n]; sel != nil {
			return true
		}
		return false // a qualified identifier
	case *ast.StarExpr:
		if r, ok := LocOf(info, n); ok {
			c.add(r, MemRead, n)
			return false
		}
	case *ast.Ident:
		if r, ok := LocOf(info, n); ok {
			c.add(r, MemRead, n)
		}
		return false
	case *ast.KeyValueExpr:
		if id, ok := n.Key.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() {
				ast.Inspect(n.Value, c.visit)
				return false
			}
		}
	}
	return true
}

// isAppendTo reports whether call is append(s, ...).
func isAppendTo(info *types.Info, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) == 0 {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "append"
}

func (c *memCollector) call(call *ast.CallExpr) {
	info := c.info
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "delete", "clear", "len":
				if len(call.Args) >= 1 && isMap(info.TypeOf(call.Args[0])) {
					if r, ok := LocOf(info, call.Args[0]); ok {
						r.Path += "[]"
						k := MemMapWrite
						if b.Name() == "len" {
							k = MemMapRead
						}
						c.add(r, k, call)
						for _, a := range call.Args[1:] {
							ast.Inspect(a, c.visit)
						}
						return
					}
				}
			}
			for _, a := range call.Args {
				ast.Inspect(a, c.visit)
			}
			return
		}
	}
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		for _, a := range call.Args {
			ast.Inspect(a, c.visit)
		}
		return
	}
	for _, a := range call.Args {
		ast.Inspect(a, c.visit)
	}
	if c.atomicCall(call) {
		return
	}
	// A literal called on the spot runs here.
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		lf := c.mm.Model.funcLit(lit)
		if lf == nil {
			return
		}
		for _, a := range c.mm.Accesses(lf) {
			if lf.Declares(a.Loc.Root) || a.Callee != nil && c.dropCallee(a.Loc) {
				continue
			}
			x := c.add(a.Loc, a.Kind, call)
			if x == nil {
				continue
			}
			x.Locks = outsideLocks(lf, a.Locks)
			x.Synced, x.SyncedNoRange, x.Callee, x.Opaque = a.Synced, a.SyncedNoRange, a.Callee, a.Opaque
		}
		return
	}
	var recv ast.Expr
	recvPath := ""
	if se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if sel := info.Selections[se]; sel != nil && sel.Kind() == types.MethodVal {
			recv, recvPath = se.X, implicitPath(sel)
		}
	}
	fn := c.mm.Model.StaticCallee(call)
	if fn == nil {
		return
	}
	s := c.mm.summary(fn)
	if s == nil {
		return
	}
	for _, e := range s.Effects {
		if !followed(e) {
			continue
		}
		r, ok := resolveMemAt(info, fn, recv, recvPath, call.Args, e.Param, e.Global, e.Path, true)
		if !ok || c.dropCallee(r) {
			continue
		}
		x := c.add(r, e.Kind, call)
		if x == nil {
			continue
		}
		x.Callee, x.Synced, x.SyncedNoRange, x.Opaque, x.Atomic = fn, e.Synced, e.SyncedNoRange, e.Opaque, e.Atomic
		for _, l := range e.Locks {
			if lr, ok := resolveMemAt(info, fn, recv, recvPath, call.Args, l.Param, l.Global, l.Path, false); ok {
				x.Locks = append(x.Locks, HeldLock{Ref: lr, Read: l.Read})
			}
		}
	}
}

// resolveMemAt is ResolveMem for a method promoted through the embedded
// fields recvPath of the receiver expression (s.inc() for s.Counter.inc()):
// the callee's receiver is recv + recvPath.
func resolveMemAt(info *types.Info, fn *types.Func, recv ast.Expr, recvPath string, args []ast.Expr, param int, global, path string, mem bool) (Ref, bool) {
	if param == -1 && global == "" {
		path = recvPath + path
	}
	return ResolveMem(info, fn, recv, args, param, global, path, mem)
}

// atomicCall records the access of a sync/atomic function to the location
// whose address it is given (atomic.AddInt64(&s.n, 1)), and reports
// whether call is such a call.
func (c *memCollector) atomicCall(call *ast.CallExpr) bool {
	fn := c.mm.Model.Callee(call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "sync/atomic" || len(call.Args) == 0 {
		return false
	}
	if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() != nil {
		return false // a method of a typed atomic: no plain access can reach its value
	}
	u, ok := ast.Unparen(call.Args[0]).(*ast.UnaryExpr)
	if !ok || u.Op != token.AND {
		return true
	}
	r, ok := LocOf(c.info, u.X)
	if !ok {
		return true
	}
	k := MemUpdate
	if strings.HasPrefix(fn.Name(), "Load") {
		k = MemRead
	}
	if x := c.add(r, k, call); x != nil {
		x.Atomic = true
	}
	return true
}

// outsideLocks keeps the locks of a literal's access that the code around
// the literal can name.
func outsideLocks(lf *Func, locks []HeldLock) []HeldLock {
	var out []HeldLock
	for _, l := range locks {
		if !lf.Declares(l.Ref.Root) {
			out = append(out, l)
		}
	}
	return out
}

// ResolveMem returns the location (mem) or mutex Ref (!mem), in the
// caller, of the effect on parameter param (or package variable global)
// of fn through path, at a call with receiver recv and arguments args.
func ResolveMem(info *types.Info, fn *types.Func, recv ast.Expr, args []ast.Expr, param int, global, path string, mem bool) (Ref, bool) {
	if global != "" {
		if fn.Pkg() == nil {
			return Ref{}, false
		}
		v, ok := fn.Pkg().Scope().Lookup(global).(*types.Var)
		if !ok {
			return Ref{}, false
		}
		return Ref{Root: v, Path: path}, true
	}
	var arg ast.Expr
	if param == -1 {
		arg = recv
	} else if param >= 0 && param < len(args) {
		if sig, ok := fn.Type().(*types.Signature); ok && sig.Variadic() && param >= sig.Params().Len()-1 {
			return Ref{}, false
		}
		arg = args[param]
	}
	if arg == nil {
		return Ref{}, false
	}
	if !mem {
		r, ok := RefOf(info, arg)
		if !ok {
			return Ref{}, false
		}
		r.Path += path
		return r, true
	}
	if u, ok := ast.Unparen(arg).(*ast.UnaryExpr); ok && u.Op == token.AND {
		r, ok := LocOf(info, u.X)
		if !ok {
			return Ref{}, false
		}
		r.Path += strings.TrimPrefix(path, "*")
		return r, true
	}
	r, ok := LocOf(info, arg)
	if !ok {
		return Ref{}, false
	}
	if isPointer(info.TypeOf(arg)) && strings.HasPrefix(path, ".") {
		r.Path = strings.TrimSuffix(r.Path, "*")
	}
	r.Path += path
	return r, true
}

// unionLocks returns the locks of a, then those of b not in a nor before
// in b. The result may be a or b itself (clipped, so that an append
// copies): lists of held locks are never modified once made.
func unionLocks(a, b []HeldLock) []HeldLock {
	if len(b) == 0 {
		return slices.Clip(a)
	}
	if len(a) == 0 && !hasDuplicate(b) {
		return slices.Clip(b)
	}
	out := append([]HeldLock(nil), a...)
	for _, l := range b {
		dup := false
		for _, x := range out {
			if x == l {
				dup = true
			}
		}
		if !dup {
			out = append(out, l)
		}
	}
	return out
}

// hasDuplicate reports whether a lock appears twice in locks (a callee's
// locks on two parameters given the same variable: f(x, x)).
func hasDuplicate(locks []HeldLock) bool {
	for i, l := range locks {
		if slices.Contains(locks[:i], l) {
			return true
		}
	}
	return false
}

// Protected reports whether a mutex is held at both accesses, in write
// mode at one of them at least, or both are atomic.
func Protected(a, b *Access) bool {
	if a.Opaque || b.Opaque {
		return true // a lock we cannot name may protect both
	}
	if a.Atomic && b.Atomic {
		return true // atomic accesses do not race with each other
	}
	for _, la := range a.Locks {
		for _, lb := range b.Locks {
			if la.Ref == lb.Ref && !(la.Read && lb.Read) {
				return true
			}
		}
	}
	return false
}

// lockState is the must-held lockset at the start of each block.
type lockState map[*cfg.Block][]HeldLock

// lockStates computes, for each block of f, the mutexes held on every
// path from the entry to the block's start: locked (Lock, RLock, a call
// that returns holding the lock) and not released since (a non-deferred
// unlock, an Unlock method value, a new value for the variable).
func lockStates(f *Func) lockState { return lockStatesFrom(f, nil) }

// lockStatesFrom is lockStates for a function entered holding the locks
// of init.
func lockStatesFrom(f *Func, init []HeldLock) lockState {
	// The dataflow runs over (block, what the branches taken say of the
	// conditions tested twice): a lock taken under "if !opts.NoLock" is
	// held under the second "if !opts.NoLock" (conds.go). The state of a
	// block is the intersection over what it can be entered knowing.
	type node struct {
		b    *cfg.Block
		know knowledge
	}
	br := f.branches
	in := make(map[node][]HeldLock, len(f.CFG.Blocks)) // most functions test no condition twice: a node per block
	entry := node{f.CFG.Blocks[0], 0}
	if br != nil {
		entry.know = br.at(Point{Block: entry.b, Index: -1})
	}
	in[entry] = init
	work := []node{entry}
	for len(work) > 0 {
		n := work[len(work)-1]
		work = work[:len(work)-1]
		out := transferLocks(f, n.b, in[n], len(n.b.Nodes))
		visit := func(s *cfg.Block, k knowledge) {
			if !s.Live {
				return
			}
			sn := node{s, k}
			old, seen := in[sn]
			if !seen {
				in[sn] = out
				work = append(work, sn)
				return
			}
			merged := intersectLocks(old, out)
			if len(merged) != len(old) || !sameLocks(merged, old) {
				in[sn] = merged
				work = append(work, sn)
			}
		}
		if br == nil {
			for _, s := range n.b.Succs {
				visit(s, 0)
			}
			continue
		}
		br.succs(n.b, br.transfer(n.b, -1, n.know), visit)
	}
	nodes := make([]node, 0, len(in))
	for n := range in {
		nodes = append(nodes, n)
	}
	sort.Slice(nodes, func(i, j int) bool {
		if nodes[i].b.Index != nodes[j].b.Index {
			return nodes[i].b.Index < nodes[j].b.Index
		}
		return nodes[i].know < nodes[j].know
	})
	st := make(lockState)
	reached := make(map[*cfg.Block]bool)
	for _, n := range nodes {
		locks := in[n]
		if !reached[n.b] {
			reached[n.b] = true
			st[n.b] = locks
			continue
		}
		st[n.b] = intersectLocks(st[n.b], locks)
	}
	return st
}

func sameLocks(a, b []HeldLock) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// transferLocks applies the events of b with Index < upto to held.
func transferLocks(f *Func, b *cfg.Block, held []HeldLock, upto int) []HeldLock {
	out := held
	copied := false
	for _, e := range f.byBlock[b.Index] {
		if e.Index >= upto {
			break
		}
		if e.Deferred && e.Kind != UnlockValue {
			continue
		}
		if e.Kind == SomeLock && !e.Held {
			continue
		}
		switch e.Kind {
		case Lock, SomeLock:
			if !copied {
				out, copied = append([]HeldLock(nil), out...), true
			}
			// A SomeLock here returns holding the mutex in one mode or
			// the other: held for reading at least.
			l := HeldLock{Ref: e.Ref, Read: e.Read || e.Kind == SomeLock}
			dup := false
			for _, x := range out {
				if x == l {
					dup = true
				}
			}
			if !dup {
				out = append(out, l)
			}
		case Unlock, UnlockValue, Assign:
			var kept []HeldLock
			for _, x := range out {
				if Reassigns(e, x.Ref) || e.Kind != Assign && x.Ref == e.Ref {
					continue
				}
				kept = append(kept, x)
			}
			out, copied = kept, true
		}
	}
	return out
}

// intersectLocks keeps the locks held in both a and b (a's order).
func intersectLocks(a, b []HeldLock) []HeldLock {
	var out []HeldLock
	for _, x := range a {
		for _, y := range b {
			if x.Ref == y.Ref {
				x.Read = x.Read || y.Read
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// at returns the locks held just before the node index of b.
func (s lockState) at(f *Func, b *cfg.Block, index int) []HeldLock {
	return transferLocks(f, b, s[b], index)
}

// syncState says, for each block, whether its start can be reached from
// the entry without waiting for another goroutine (bit 0), and without a
// wait other than a range over a channel (bit 1).
type syncState map[*cfg.Block]uint8

func syncStates(f *Func, stops map[*cfg.Block][]int) syncState {
	st := make(syncState)
	entry := f.CFG.Blocks[0]
	st[entry] = 3
	work := []*cfg.Block{entry}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		out := transferSync(f, b, st[b], len(b.Nodes), stops)
		for _, s := range b.Succs {
			if !s.Live {
				continue
			}
			if n := st[s] | out; n != st[s] {
				st[s] = n
				work = append(work, s)
			}
		}
	}
	return st
}

func transferSync(f *Func, b *cfg.Block, bits uint8, upto int, stops map[*cfg.Block][]int) uint8 {
	for _, i := range stops[b] {
		if i < upto {
			bits = 0
		}
	}
	for _, e := range f.byBlock[b.Index] {
		if e.Index >= upto {
			break
		}
		if e.Deferred || !e.Kind.Blocks() {
			continue
		}
		bits &^= 1
		if e.Kind != RangeChan {
			bits &^= 2
		}
	}
	return bits
}

// at returns whether the node index of b is synced (every path to it
// waits), and synced by a wait other than a range over a channel.
func (s syncState) at(f *Func, b *cfg.Block, index int, stops map[*cfg.Block][]int) (bool, bool) {
	bits := transferSync(f, b, s[b], index, stops)
	return bits&1 == 0, bits&2 == 0
}

// GoroutineAccesses returns the accesses that the goroutine started by the
// launch e of f makes to memory f can name: variables its literal captures
// (and package variables), or locations reached from the arguments and
// receiver of the function it runs. Accesses in another function are
// placed at the launch.
func (mm *Memory) GoroutineAccesses(f *Func, e *Event) []*Access {
	li := e.Launch
	var out []*Access
	switch {
	case li.Lit != nil:
		if li.Body == nil {
			return nil
		}
		for _, a := range mm.Accesses(li.Body) {
			if li.Body.Declares(a.Loc.Root) {
				continue
			}
			x := *a
			x.Locks = outsideLocks(li.Body, a.Locks)
			out = append(out, &x)
		}
	case li.Fn != nil:
		var fun ast.Expr
		if li.Call != nil {
			fun = li.Call.Fun
		} else if call, ok := li.Node.(*ast.CallExpr); ok && len(call.Args) == 1 {
			fun = call.Args[0] // wg.Go(s.run)
		}
		recvPath := ""
		if se, ok := ast.Unparen(fun).(*ast.SelectorExpr); ok {
			if sel := mm.Model.Pass.TypesInfo.Selections[se]; sel != nil && sel.Kind() == types.MethodVal {
				recvPath = implicitPath(sel)
			}
		}
		out = mm.calleeAccesses(li.Fn, li.Recv, recvPath, li.Args, e.Node, e.Block, e.Index)
	}
	if li.Lit == nil && li.Call != nil {
		// go wait.Until(s.sync, stop), go run(ctx, func() {...}): the
		// funcs the goroutine is given run on it.
		for _, a := range li.Args {
			out = append(out, mm.FuncValueAccesses(a, e.Node, e.Block, e.Index)...)
		}
	}
	return out
}

// FuncValueAccesses returns the accesses, to memory the caller names, of
// the function value v (a literal or a method value of this package, or a
// function with a summary) when it runs: a literal's accesses keep their
// own positions, a method's are placed at node (of block and index).
func (mm *Memory) FuncValueAccesses(v ast.Expr, node ast.Node, block *cfg.Block, index int) []*Access {
	info := mm.Model.Pass.TypesInfo
	if t := info.TypeOf(v); t == nil || !isSignature(t) {
		return nil
	}
	t, ok := mm.Model.funcValue(v)
	if !ok {
		return nil
	}
	switch {
	case t.Lit != nil:
		var out []*Access
		for _, a := range mm.Accesses(t.Lit) {
			if t.Lit.Declares(a.Loc.Root) {
				continue
			}
			x := *a
			x.Locks = outsideLocks(t.Lit, a.Locks)
			out = append(out, &x)
		}
		return out
	case t.Fn != nil:
		recvPath := ""
		if se, ok := ast.Unparen(v).(*ast.SelectorExpr); ok {
			if sel := info.Selections[se]; sel != nil && sel.Kind() == types.MethodVal {
				recvPath = implicitPath(sel)
			}
		}
		if t.Recv == nil {
			if sig, ok := t.Fn.Type().(*types.Signature); ok && (sig.Recv() != nil || sig.Params().Len() > 0) {
				// A method expression, or a function whose arguments the
				// caller of the value chooses: nothing is named here.
				if sig.Recv() != nil {
					return nil
				}
				return mm.calleeAccesses(t.Fn, nil, "", nil, node, block, index)
			}
		}
		return mm.calleeAccesses(t.Fn, t.Recv, recvPath, nil, node, block, index)
	}
	return nil
}

func isSignature(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// calleeAccesses returns the accesses of a call of fn with receiver recv
// (promoted through recvPath) and arguments args, placed at node.
func (mm *Memory) calleeAccesses(fn *types.Func, recv ast.Expr, recvPath string, args []ast.Expr, node ast.Node, block *cfg.Block, index int) []*Access {
	s := mm.summary(fn)
	if s == nil {
		return nil
	}
	info := mm.Model.Pass.TypesInfo
	var out []*Access
	for _, eff := range s.Effects {
		if !followed(eff) {
			continue
		}
		r, ok := resolveMemAt(info, fn, recv, recvPath, args, eff.Param, eff.Global, eff.Path, true)
		if !ok {
			continue
		}
		x := &Access{Loc: r, Kind: eff.Kind, Node: node, Block: block, Index: index, Callee: fn, Synced: eff.Synced, SyncedNoRange: eff.SyncedNoRange, Opaque: eff.Opaque, Atomic: eff.Atomic}
		for _, l := range eff.Locks {
			if lr, ok := resolveMemAt(info, fn, recv, recvPath, args, l.Param, l.Global, l.Path, false); ok {
				x.Locks = append(x.Locks, HeldLock{Ref: lr, Read: l.Read})
			}
		}
		out = append(out, x)
	}
	return out
}

// Unjoined returns a predicate of the CFG nodes that run after the event e
// of f on a path that does not wait for another goroutine (no receive,
// send, Wait, join, nor an atomic operation or synctest.Wait): what the function does while a goroutine started
// at e may still run. Edges for which skip returns true are not followed.
func (mm *Memory) Unjoined(f *Func, e *Event, skip func(from, to *cfg.Block) bool) func(b *cfg.Block, index int) bool {
	return mm.unjoined(f, e, skip, nil)
}

// Restarts returns the predicate of Unjoined for the next start of the
// goroutine of launch e, in a loop: an Accept of a listener waits for a
// new connection, not for the goroutine that serves the previous one, so
// it does not stop the search (for { c, _ := l.Accept(); go s.handle(c) }).
func (mm *Memory) Restarts(f *Func, e *Event, skip func(from, to *cfg.Block) bool) func(b *cfg.Block, index int) bool {
	return mm.unjoined(f, e, skip, func(x *Event) bool {
		if x.Kind != Join {
			return false
		}
		call, ok := x.Node.(*ast.CallExpr)
		if !ok {
			return false
		}
		fn := mm.Model.Callee(call)
		return fn != nil && isPeerRead(fn) && strings.HasPrefix(fn.Name(), "Accept")
	})
}

func (mm *Memory) unjoined(f *Func, e *Event, skip func(from, to *cfg.Block) bool, ignore func(*Event) bool) func(b *cfg.Block, index int) bool {
	extra := mm.stops(f)
	timed := mm.timedComms(f)
	stopAt := func(b *cfg.Block, from int) int {
		at := len(b.Nodes)
		for _, x := range f.byBlock[b.Index] {
			if x.Index > from && !x.Deferred && (x.Kind.Blocks() || x.Kind == Exit) && (ignore == nil || !ignore(x)) && !inComms(timed, x.Node) {
				at = x.Index
				break
			}
		}
		for _, i := range extra[b] {
			if i > from && i < at {
				at = i
			}
		}
		return at
	}
	whole := make(map[*cfg.Block]int) // block entered from its start: nodes before the index
	tail := stopAt(e.Block, e.Index)
	// Blocks are visited once per what the branches taken say of the
	// conditions tested twice (conds.go): a goroutine started on one side
	// of a test does not race with what the other side of the same test
	// does later.
	br := f.branches
	type item struct {
		b    *cfg.Block
		know knowledge
	}
	seen := make(map[item]bool)
	var work []item
	push := func(from *cfg.Block, fromIndex int, know knowledge) {
		visit := func(s *cfg.Block, k knowledge) {
			if !s.Live || skip != nil && skip(from, s) {
				return
			}
			it := item{s, k}
			if seen[it] {
				return
			}
			seen[it] = true
			if s.Kind == cfg.KindSelectCaseBody {
				if cc, ok := s.Stmt.(*ast.CommClause); ok && cc.Comm != nil && (recvOfComm(cc.Comm) != nil || inComms(timed, cc.Comm)) && !mm.timerRecv(recvOfComm(cc.Comm)) {
					// The case of a receive (of a select with default,
					// too) runs after the receive: it waits for the
					// sender or the closer.
					if _, ok := whole[s]; !ok {
						whole[s] = 0
					}
					return
				}
			}
			if _, ok := whole[s]; !ok {
				whole[s] = stopAt(s, -1)
			}
			work = append(work, it)
		}
		if br == nil {
			for _, s := range from.Succs {
				visit(s, 0)
			}
			return
		}
		br.succs(from, br.transfer(from, fromIndex, know), visit)
	}
	var know knowledge
	if br != nil {
		know = br.at(Point{Block: e.Block, Index: e.Index})
	}
	if tail == len(e.Block.Nodes) {
		push(e.Block, e.Index, know)
	}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		if whole[it.b] == len(it.b.Nodes) {
			push(it.b, -1, it.know)
		}
	}
	return func(b *cfg.Block, index int) bool {
		if n, ok := whole[b]; ok && index < n {
			return true
		}
		return b == e.Block && index > e.Index && index < tail
	}
}

// timedComms returns the comm statements of the selects of f that have a
// timeout case (a receive from a timer's channel). Such a select does not
// wait as a whole: the timeout case's body runs whatever the goroutines
// do; the bodies of the other cases run after their operation.
func (mm *Memory) timedComms(f *Func) []ast.Stmt {
	var out []ast.Stmt
	f.InspectBody([]ast.Node{(*ast.FuncLit)(nil), (*ast.SelectStmt)(nil)}, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectStmt:
			timed := false
			for _, c := range n.Body.List {
				if cc := c.(*ast.CommClause); cc.Comm != nil && mm.timerRecv(recvOfComm(cc.Comm)) {
					timed = true
				}
			}
			if timed {
				for _, c := range n.Body.List {
					if cc := c.(*ast.CommClause); cc.Comm != nil {
						out = append(out, cc.Comm)
					}
				}
			}
		}
		return true
	})
	return out
}

// inComms reports whether n is within one of comms.
func inComms(comms []ast.Stmt, n ast.Node) bool {
	for _, c := range comms {
		if c.Pos() <= n.Pos() && n.End() <= c.End() {
			return true
		}
	}
	return false
}

// timerRecv reports whether the receive x (or the comm statement holding
// it) is from a timer's channel
// (time.After, a Timer's or Ticker's C): a timeout, which waits for no
// goroutine.
func (mm *Memory) timerRecv(x ast.Node) bool {
	switch c := x.(type) {
	case *ast.ExprStmt:
		x = c.X
	case *ast.AssignStmt:
		if len(c.Rhs) == 1 {
			x = c.Rhs[0]
		}
	}
	e, ok := x.(ast.Expr)
	if !ok {
		return false
	}
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	info := mm.Model.Pass.TypesInfo
	switch e := ast.Unparen(u.X).(type) {
	case *ast.CallExpr:
		return IsFunc(mm.Model.Callee(e), "time", "After")
	case *ast.SelectorExpr:
		if e.Sel.Name != "C" {
			return false
		}
		t := deref(info.TypeOf(e.X))
		return IsNamed(t, "time", "Timer") || IsNamed(t, "time", "Ticker")
	}
	return false
}

// LoopHead returns the predicate of the edges that start a new iteration
// of loop (a *ast.ForStmt or *ast.RangeStmt of f).
func LoopHead(loop ast.Stmt) func(from, to *cfg.Block) bool {
	return func(from, to *cfg.Block) bool {
		if to.Stmt != loop {
			return false
		}
		switch to.Kind {
		case cfg.KindForLoop, cfg.KindForPost, cfg.KindRangeLoop:
			return true
		}
		return false
	}
}

// synchronizes reports whether the package with the given path is made of
// synchronization primitives (or the runtime) whose memory accesses are
// ordered by atomics the model does not follow.
func synchronizes(path string) bool {
	return path == "sync" || path == "sync/atomic" || isRuntime(path) || path == "unsafe" ||
		strings.HasPrefix(path, "internal/sync") || path == "internal/runtime/atomic"
}

// stops returns, by block, the indexes of the CFG nodes of f that may
// order f with other goroutines although the model has no event for
// them: atomic operations (a flag polled or published), synctest.Wait,
// and locks the model cannot name. The last also make f's accesses
// Opaque.
func (mm *Memory) stops(f *Func) map[*cfg.Block][]int {
	return mm.Model.stopsOf(f).nodes
}

// funcStops is what Memory.stops finds in a function: the nodes, and
// whether one is a lock the model cannot name.
type funcStops struct {
	nodes  map[*cfg.Block][]int
	opaque bool
}

// stopsOf computes Memory.stops(f) once. It reads only the syntax and the
// types: the model's second goroutine computes it for every function once
// its other work is done, while the summaries are computed.
func (m *Model) stopsOf(f *Func) *funcStops {
	f.stopsOnce.Do(func() { f.stops = m.findStops(f) })
	return f.stops
}

func (m *Model) findStops(f *Func) *funcStops {
	info := m.Pass.TypesInfo
	st := &funcStops{} // nodes is made on the first stop: most functions have none
	for _, b := range f.CFG.Blocks {
		if !b.Live {
			continue
		}
		for i, n := range b.Nodes {
			found := false
			ast.Inspect(n, func(x ast.Node) bool {
				switch x := x.(type) {
				case *ast.FuncLit:
					return false
				case *ast.CallExpr:
					fn := m.Callee(x)
					if fn == nil || fn.Pkg() == nil {
						return true
					}
					switch path := fn.Pkg().Path(); {
					case path == "sync/atomic", path == "internal/runtime/atomic",
						IsFunc(fn, "testing/synctest", "Wait"), IsFunc(fn, "internal/synctest", "Wait"):
						found = true
					case fn.Name() == "Lock" || fn.Name() == "RLock" || fn.Name() == "TryLock":
						if !isMutexMethod(fn, fn.Name()) {
							if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) {
								found, st.opaque = true, true
							}
						} else if _, ok := ReceiverRef(info, x); !ok {
							found, st.opaque = true, true
						}
					}
				}
				return true
			})
			if found {
				if st.nodes == nil {
					st.nodes = make(map[*cfg.Block][]int)
				}
				st.nodes[b] = append(st.nodes[b], i)
			}
		}
	}
	return st
}

// followed reports whether a callee's effect is seen at its calls: map and
// slice accesses, reads and writes of fields and of pointer targets
// (*n++), and atomic accesses.
func followed(e MemEffect) bool {
	switch e.Kind {
	case MemAssign, MemUpdate, MemRead:
		// Fields and pointer targets; the effects of other packages'
		// functions carry maps and slices only (see runMem).
		return strings.HasSuffix(e.Path, "*") || strings.Contains(e.Path, ".") || e.Atomic
	}
	return true
}

// OrdersItself reports whether f (a goroutine's body) performs operations
// that may order it with its sibling goroutines although the model has no
// event for them: atomic operations (a flag that hands data from one
// goroutine to another, as in sync/atomic's own tests), synctest.Wait, or
// locks the model cannot name.
func (mm *Memory) OrdersItself(f *Func) bool {
	if f == nil {
		return false
	}
	return len(mm.stops(f)) > 0
}
