package conc

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strings"

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
	Kind   MemKind
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
}

// MemSummary is what a function does to the memory reached from its
// parameters and from its package's variables.
type MemSummary struct {
	Effects []MemEffect
}

func (*MemSummary) AFact() {}

func (s *MemSummary) String() string {
	var parts []string
	for _, e := range s.Effects {
		parts = append(parts, e.String())
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
}

var memKindNames = [...]string{"", "read", "map-read", "map-write", "append", "update", "assign"}

func (e MemEffect) String() string {
	name := "recv"
	if e.Global != "" {
		name = e.Global
	} else if e.Param >= 0 {
		name = fmt.Sprintf("param%d", e.Param)
	}
	s := name + e.Path + ":" + memKindNames[e.Kind]
	for _, l := range e.Locks {
		s += "+" + l.String()
	}
	return s
}

// MemLock is a mutex held at a MemEffect, reached like the location.
type MemLock struct {
	Param  int
	Global string
	Path   string
	Read   bool
}

func (l MemLock) String() string {
	name := "recv"
	if l.Global != "" {
		name = l.Global
	} else if l.Param >= 0 {
		name = fmt.Sprintf("param%d", l.Param)
	}
	if l.Read {
		return "rlocked(" + name + l.Path + ")"
	}
	return "locked(" + name + l.Path + ")"
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
	stopsOf  map[*Func]map[*cfg.Block][]int
	opaque   map[*Func]bool
}

func runMem(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[Analyzer].(*Model)
	mm := &Memory{Model: m, pass: pass, accesses: make(map[*Func][]*Access), building: make(map[*Func]bool), stopsOf: make(map[*Func]map[*cfg.Block][]int), opaque: make(map[*Func]bool), effects: make(map[*types.Func]*MemSummary)}
	for _, f := range m.Funcs {
		if f.Obj == nil {
			continue
		}
		if s := mm.summary(f.Obj); s != nil {
			// Other packages see the accesses to maps and slices only:
			// their writes to variables and fields are often on paths
			// that the state of the object rules out, or ordered by
			// means the model does not follow.
			var fact MemSummary
			for _, e := range s.Effects {
				if e.Kind == MemMapRead || e.Kind == MemMapWrite || e.Kind == MemAppend {
					fact.Effects = append(fact.Effects, e)
				}
			}
			if len(fact.Effects) > 0 {
				pass.ExportObjectFact(f.Obj, &fact)
			}
		}
	}
	return mm, nil
}

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
		s = &MemSummary{Effects: mm.export(f)}
	} else {
		fact := new(MemSummary)
		if mm.pass.ImportObjectFact(fn, fact) {
			s = fact
		}
	}
	mm.effects[fn] = s
	return s
}

// export turns the accesses of the declared function f into effects on its
// parameters and package variables, keeping those shared with callers.
func (mm *Memory) export(f *Func) []MemEffect {
	params := paramIndex(f.Obj)
	seen := make(map[string]bool)
	var out []MemEffect
	for _, a := range mm.Accesses(f) {
		var e MemEffect
		if i, ok := params[a.Loc.Root]; ok {
			if !sharedPath(a.Loc.Root.Type(), a.Loc.Path) {
				continue // a copy owned by the callee
			}
			e = MemEffect{Param: i, Path: a.Loc.Path}
		} else if isGlobal(a.Loc.Root) && a.Loc.Root.Pkg() == f.Obj.Pkg() {
			e = MemEffect{Param: -2, Global: a.Loc.Root.Name(), Path: a.Loc.Path}
		} else {
			continue
		}
		e.Kind, e.Synced, e.SyncedNoRange, e.Opaque = a.Kind, a.Synced, a.SyncedNoRange, a.Opaque
		for _, l := range a.Locks {
			if i, ok := params[l.Ref.Root]; ok {
				e.Locks = append(e.Locks, MemLock{Param: i, Path: l.Ref.Path, Read: l.Read})
			} else if isGlobal(l.Ref.Root) && l.Ref.Root.Pkg() == f.Obj.Pkg() {
				e.Locks = append(e.Locks, MemLock{Param: -2, Global: l.Ref.Root.Name(), Path: l.Ref.Path, Read: l.Read})
			}
		}
		if k := e.String() + fmt.Sprint(e.Synced, e.SyncedNoRange); !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
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
// it creates), in CFG order.
func (mm *Memory) Accesses(f *Func) []*Access {
	if a, ok := mm.accesses[f]; ok {
		return a
	}
	if mm.building[f] {
		return nil
	}
	mm.building[f] = true
	mm.Model.ensureEvents(f)
	c := &memCollector{mm: mm, f: f, info: mm.Model.Pass.TypesInfo, rangeOf: make(map[ast.Expr]*ast.RangeStmt)}
	ast.Inspect(f.Body, func(n ast.Node) bool {
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
			start := len(c.out)
			if e, ok := n.(ast.Expr); ok {
				if rs := c.rangeOf[e]; rs != nil && isMap(c.info.TypeOf(rs.X)) {
					if r, ok := LocOf(c.info, rs.X); ok {
						r.Path += "[]"
						c.add(r, MemMapRead, rs.X)
					}
				}
			}
			ast.Inspect(n, c.visit)
			if start == len(c.out) {
				continue
			}
			if !solved {
				locks, stops = lockStatesFrom(f, mm.Model.EntryLocks(f)), mm.stops(f)
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
	if mm.opaque[f] {
		for _, a := range c.out {
			a.Opaque = true
		}
	}
	mm.accesses[f] = c.out
	delete(mm.building, f)
	return c.out
}

type memCollector struct {
	mm      *Memory
	f       *Func
	info    *types.Info
	rangeOf map[ast.Expr]*ast.RangeStmt
	block   *cfg.Block
	index   int
	out     []*Access
}

func (c *memCollector) add(r Ref, k MemKind, n ast.Node) *Access {
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
	// A literal called on the spot runs here.
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		lf := c.mm.Model.funcLit(lit)
		if lf == nil {
			return
		}
		for _, a := range c.mm.Accesses(lf) {
			if lf.Declares(a.Loc.Root) {
				continue
			}
			x := c.add(a.Loc, a.Kind, call)
			x.Locks = outsideLocks(lf, a.Locks)
			x.Synced, x.SyncedNoRange, x.Callee, x.Opaque = a.Synced, a.SyncedNoRange, a.Callee, a.Opaque
		}
		return
	}
	var recv ast.Expr
	if se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if sel := info.Selections[se]; sel != nil && sel.Kind() == types.MethodVal {
			recv = se.X
		}
	}
	fn := StaticCallee(info, call)
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
		r, ok := ResolveMem(info, fn, recv, call.Args, e.Param, e.Global, e.Path, true)
		if !ok {
			continue
		}
		x := c.add(r, e.Kind, call)
		x.Callee, x.Synced, x.SyncedNoRange, x.Opaque = fn, e.Synced, e.SyncedNoRange, e.Opaque
		for _, l := range e.Locks {
			if lr, ok := ResolveMem(info, fn, recv, call.Args, l.Param, l.Global, l.Path, false); ok {
				x.Locks = append(x.Locks, HeldLock{Ref: lr, Read: l.Read})
			}
		}
	}
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

func unionLocks(a, b []HeldLock) []HeldLock {
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

// Protected reports whether a mutex is held at both accesses, in write
// mode at one of them at least.
func Protected(a, b *Access) bool {
	if a.Opaque || b.Opaque {
		return true // a lock we cannot name may protect both
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
	in := make(map[node][]HeldLock)
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
	for _, e := range f.byBlock[b] {
		if e.Index >= upto {
			break
		}
		if e.Deferred && e.Kind != UnlockValue {
			continue
		}
		switch e.Kind {
		case Lock:
			if !copied {
				out, copied = append([]HeldLock(nil), out...), true
			}
			l := HeldLock{Ref: e.Ref, Read: e.Read}
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
				if e.Kind == Assign && x.Ref.Root == e.Ref.Root || e.Kind != Assign && x.Ref == e.Ref {
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
	for _, e := range f.byBlock[b] {
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
		s := mm.summary(li.Fn)
		if s == nil {
			return nil
		}
		info := mm.Model.Pass.TypesInfo
		for _, eff := range s.Effects {
			if !followed(eff) {
				continue
			}
			r, ok := ResolveMem(info, li.Fn, li.Recv, li.Args, eff.Param, eff.Global, eff.Path, true)
			if !ok {
				continue
			}
			x := &Access{Loc: r, Kind: eff.Kind, Node: e.Node, Block: e.Block, Index: e.Index, Callee: li.Fn, Synced: eff.Synced, SyncedNoRange: eff.SyncedNoRange, Opaque: eff.Opaque}
			for _, l := range eff.Locks {
				if lr, ok := ResolveMem(info, li.Fn, li.Recv, li.Args, l.Param, l.Global, l.Path, false); ok {
					x.Locks = append(x.Locks, HeldLock{Ref: lr, Read: l.Read})
				}
			}
			out = append(out, x)
		}
	}
	return out
}

// Unjoined returns a predicate of the CFG nodes that run after the event e
// of f on a path that does not wait for another goroutine (no receive,
// send, Wait, join, nor an atomic operation or synctest.Wait): what the function does while a goroutine started
// at e may still run. Edges for which skip returns true are not followed.
func (mm *Memory) Unjoined(f *Func, e *Event, skip func(from, to *cfg.Block) bool) func(b *cfg.Block, index int) bool {
	extra := mm.stops(f)
	stopAt := func(b *cfg.Block, from int) int {
		at := len(b.Nodes)
		for _, x := range f.byBlock[b] {
			if x.Index > from && !x.Deferred && (x.Kind.Blocks() || x.Kind == Exit) {
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
				if cc, ok := s.Stmt.(*ast.CommClause); ok && cc.Comm != nil && recvOfComm(cc.Comm) != nil {
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
	if s, ok := mm.stopsOf[f]; ok {
		return s
	}
	info := mm.Model.Pass.TypesInfo
	out := make(map[*cfg.Block][]int)
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
					fn := Callee(info, x)
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
								found, mm.opaque[f] = true, true
							}
						} else if _, ok := ReceiverRef(info, x); !ok {
							found, mm.opaque[f] = true, true
						}
					}
				}
				return true
			})
			if found {
				out[b] = append(out[b], i)
			}
		}
	}
	mm.stopsOf[f] = out
	return out
}

// followed reports whether a callee's effect is seen at its calls: map and
// slice accesses, and writes through a pointer to a plain value (*n++).
// Writes to fields in a called method are often on paths that the state
// of the object rules out (lazy initialization, a reader at its end), so
// they are not followed.
func followed(e MemEffect) bool {
	switch e.Kind {
	case MemAssign, MemUpdate, MemRead:
		return strings.HasSuffix(e.Path, "*")
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
