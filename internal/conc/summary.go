package conc

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"slices"
	"sort"
	"strings"
)

// Effect is what a function does to one WaitGroup it can reach.
type Effect struct {
	Add      bool // calls Add
	DoneAll  bool // calls Done on every path that returns
	DoneSome bool // calls Done on some path
	Wait     bool // calls Wait
	Escapes  bool // hands the WaitGroup to code that is not followed
	// AddGuarded reports whether every Add is made holding a mutex,
	// after a branch under that mutex that may return without adding:
	// the Add is ordered by the mutex with the code that stops adding
	// (sets a flag under it) and then waits, the handshake of
	// grpc.Server's Serve and Stop.
	AddGuarded bool

	Lock LockEffect // what the function does to a mutex at this place
}

// LockEffect is what a function does to one mutex it can reach.
type LockEffect struct {
	Acquires       bool // takes the write lock on every path (and releases it, unless ReturnsLocked)
	RAcquires      bool // takes the read lock on every path
	ReturnsLocked  bool // returns holding the write lock on every path: a lock helper
	ReturnsRLocked bool // returns holding the read lock on every path
	// ReturnsHeld reports a lock helper that returns holding the mutex on
	// every path, in write mode on some and read mode on others (if
	// tx.writable { mu.Lock() } else { mu.RLock() }): after the call the
	// caller holds it at least for reading.
	ReturnsHeld bool
	Releases    bool // unlocks, on some path, a lock its caller holds: an unlock helper
	Sometimes   bool // locks it on some path (any mode), whatever else it does
	// SomeDepth, with Sometimes, is 1 when the function's own Lock call
	// (or a call that locks on every path) is on some of its paths, k+1
	// when the lock is on some paths of a callee of depth k: how deep the
	// lock is below the branches that decide it.
	SomeDepth int
	// Relocks reports an unlock helper that locks again, in the same mode,
	// before every return (a wait with the lock released): the caller
	// holds the lock after the call as before, but the call takes it
	// again, an acquisition while whatever else the caller holds is held.
	Relocks bool
}

func (l LockEffect) any() bool {
	return l.Acquires || l.RAcquires || l.ReturnsLocked || l.ReturnsRLocked || l.Releases || l.Sometimes || l.Relocks
}

// ParamEffect is an Effect on the object reached from a parameter (Param
// is its index; -1 for the receiver), or from the package-level variable
// named Global of the function's package, through Path.
type ParamEffect struct {
	Param  int
	Global string
	Path   string
	Effect Effect
}

// Resolve returns the Ref, in the caller, of the object of the effect pe of
// fn at a call with receiver recv and arguments args.
func (pe ParamEffect) Resolve(info *types.Info, fn *types.Func, recv ast.Expr, args []ast.Expr) (Ref, bool) {
	if pe.Global != "" {
		if fn == nil || fn.Pkg() == nil {
			return Ref{}, false
		}
		v, ok := fn.Pkg().Scope().Lookup(pe.Global).(*types.Var)
		if !ok {
			return Ref{}, false
		}
		return Ref{Root: v, Path: pe.Path}, true
	}
	var arg ast.Expr
	if pe.Param < 0 {
		arg = recv
	} else if pe.Param < len(args) {
		arg = args[pe.Param]
	}
	if arg == nil {
		return Ref{}, false
	}
	r, ok := RefOf(info, arg)
	if !ok {
		return Ref{}, false
	}
	r.Path += pe.Path
	return r, true
}

// isGlobal reports whether v is a package-level variable.
func isGlobal(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// Summary is what a function does that matters to its callers and to the
// goroutines that run it. It is exported as a fact for every function that
// does something, so that callers in other packages see through calls.
type Summary struct {
	// JoinDepth is 1 when the function itself blocks on some path waiting
	// for another goroutine (receive, send, Wait, select, ...), k+1 when
	// it calls a function of depth k, 0 when it never blocks. Callers count
	// only shallow joins (see MaxJoinDepth): deep in a library, a blocking
	// operation on a rare path says nothing about the caller's intent.
	JoinDepth int
	Forever   bool          // never returns normally: loops or blocks forever, or always exits
	NoReturn  bool          // no path returns: every path ends in a call that does not return, or loops forever
	Effects   []ParamEffect // WaitGroups reached through parameters, shared with the caller
	Chans     []ChanEffect  // channel parameters the function operates on (see chans.go)
	// SentResults are the results that are unbuffered channels on which
	// goroutines the function starts send (see SentResult).
	SentResults []int
	// HeldCancels are the results that hold the only cancel func of a
	// context a goroutine the function starts waits on (see HeldCancel).
	HeldCancels []CancelResult
	// LockClasses and UnlockClasses are the classes (see Class) of the
	// mutexes that the function, or a function it calls, may lock or
	// unlock, however it reaches them (tx.db.mu for the caller's db.mu):
	// what a call may do to a mutex it has no name for.
	LockClasses, UnlockClasses []string

	local []localEffect // effects on every Ref the function uses, for in-package callers
}

type localEffect struct {
	Ref    Ref
	Effect Effect
}

func (*Summary) AFact() {}

func (s *Summary) String() string {
	var parts []string
	if s.JoinDepth > 0 {
		parts = append(parts, fmt.Sprintf("joins%d", s.JoinDepth))
	}
	if s.Forever {
		parts = append(parts, "forever")
	}
	if s.NoReturn {
		parts = append(parts, "noreturn")
	}
	for _, e := range s.Effects {
		var fx []string
		for _, f := range []struct {
			on   bool
			name string
		}{{e.Effect.Add, "add"}, {e.Effect.DoneAll, "done"}, {e.Effect.DoneSome && !e.Effect.DoneAll, "maybe-done"}, {e.Effect.Wait, "wait"}, {e.Effect.Escapes, "escapes"},
			{e.Effect.Lock.Acquires && !e.Effect.Lock.ReturnsLocked, "locks"}, {e.Effect.Lock.RAcquires && !e.Effect.Lock.ReturnsRLocked, "rlocks"},
			{e.Effect.Lock.ReturnsLocked, "returns-locked"}, {e.Effect.Lock.ReturnsRLocked, "returns-rlocked"}, {e.Effect.Lock.ReturnsHeld, "returns-held"}, {e.Effect.Lock.Releases, "unlocks"},
			{e.Effect.Lock.Sometimes && !e.Effect.Lock.Acquires && !e.Effect.Lock.RAcquires && !e.Effect.Lock.Relocks, "maybe-locks"},
			{e.Effect.Lock.Relocks, "relocks"}} {
			if f.on {
				fx = append(fx, f.name)
			}
		}
		name := "recv"
		if e.Global != "" {
			name = e.Global
		} else if e.Param >= 0 {
			name = fmt.Sprintf("param%d", e.Param)
		}
		parts = append(parts, fmt.Sprintf("%s%s:%s", name, e.Path, strings.Join(fx, "+")))
	}
	for _, c := range s.Chans {
		parts = append(parts, c.String())
	}
	for _, i := range s.SentResults {
		parts = append(parts, fmt.Sprintf("result%d:sent", i))
	}
	for _, r := range s.HeldCancels {
		parts = append(parts, fmt.Sprintf("result%d:holds-cancel", r.Result))
	}
	return "summary(" + strings.Join(parts, " ") + ")"
}

// MaxJoinDepth is the deepest JoinDepth of a callee that makes its call a
// join for the caller: a function that waits, or calls one that waits.
const MaxJoinDepth = 3

// Joins reports whether a call of the function counts as a join.
func (s *Summary) Joins() bool { return s.JoinDepth > 0 && s.JoinDepth <= MaxJoinDepth }

func (s *Summary) interesting() bool {
	return s.JoinDepth > 0 || s.Forever || s.NoReturn || len(s.Effects) > 0 || len(s.Chans) > 0 || len(s.SentResults) > 0 || len(s.HeldCancels) > 0 || len(s.LockClasses) > 0 || len(s.UnlockClasses) > 0
}

// EffectOn returns the function's effect on the WaitGroup at r, for
// literals and functions of this package.
func (s *Summary) EffectOn(r Ref) (Effect, bool) {
	for _, e := range s.local {
		if e.Ref == r {
			return e.Effect, true
		}
	}
	return Effect{}, false
}

// recursive is the summary seen by a recursive call while the function's
// own summary is being computed.
var recursive = &Summary{}

// summaryOf computes (once) the summary of a function of this package.
func (m *Model) summaryOf(f *Func) *Summary {
	if f.summary != nil {
		return f.summary
	}
	if f.building {
		return recursive // recursion: the caller treats the call as unknown code
	}
	f.building = true
	m.ensureEvents(f)
	s := &Summary{}
	for _, e := range f.Events {
		if e.Kind.Blocks() && (s.JoinDepth == 0 || e.Depth+1 < s.JoinDepth) {
			s.JoinDepth = e.Depth + 1
		}
	}
	entry := f.Entry()
	s.Forever = f.CFG.NoReturn() || f.FirstExit(entry, func(e *Event) bool { return e.Kind == Forever }) == nil
	if !f.CFG.NoReturn() {
		returns := false
		complete := f.search(entry, func(e *Event, st int) (bool, int) { return false, st },
			func(*ast.ReturnStmt, int) bool { returns = true; return true })
		s.NoReturn = complete && !returns
	}

	// Effects on each WaitGroup the function names.
	var refs []Ref
	var seen map[Ref]bool // made on the first Ref: most functions name none
	for _, e := range f.Events {
		if !e.Ref.IsZero() && !seen[e.Ref] {
			if seen == nil {
				seen = make(map[Ref]bool)
			}
			seen[e.Ref] = true
			refs = append(refs, e.Ref)
		}
	}
	// WaitGroups that goroutines started by f count with: their Adds and
	// Dones are made on other schedules, so what f does to them is not
	// all there is (a goroutine counted once that starts two more, each
	// calling Done).
	var handed map[Ref]bool
	for _, e := range f.Events {
		if e.Kind != Launch || e.Launch.Body == f {
			continue
		}
		for _, ge := range m.Goroutine(f, e).Effects {
			x := ge.Effect
			if x.Add || x.DoneSome || x.Wait {
				if handed == nil {
					handed = make(map[Ref]bool)
				}
				handed[ge.Ref] = true
				if !seen[ge.Ref] {
					if seen == nil {
						seen = make(map[Ref]bool)
					}
					seen[ge.Ref] = true
					refs = append(refs, ge.Ref)
				}
			}
		}
	}
	if len(refs) > 0 {
		s.local = make([]localEffect, 0, len(refs))
	}
	// Only the events on a ref's root bear on it: with several refs,
	// each reads just those, in order, not every event of f.
	on := func(Ref) []*Event { return f.Events }
	if len(refs) > 1 {
		byRoot := make(map[*types.Var][]*Event)
		for _, e := range f.Events {
			if e.Ref.Root != nil {
				byRoot[e.Ref.Root] = append(byRoot[e.Ref.Root], e)
			}
		}
		on = func(r Ref) []*Event { return byRoot[r.Root] }
	}
	for _, r := range refs {
		var eff Effect
		eff.Escapes = handed[r]
		for _, e := range on(r) {
			switch {
			case e.Kind == Escape && r.Within(e.Ref):
				eff.Escapes = true
			case e.Ref != r:
			case e.Kind == Add:
				eff.Add = true
			case e.Kind == Wait:
				eff.Wait = true
			case e.Kind == Done || e.Kind == MaybeDone:
				eff.DoneSome = true
				if f.InLoop(e) {
					// Done once per item of a loop: the WaitGroup counts
					// items, not the goroutines that run f.
					eff.Escapes = true
				}
			}
		}
		if eff.DoneSome {
			eff.DoneAll = f.FirstExit(entry, func(e *Event) bool { return e.Kind == Done && e.Ref == r }) == nil
		}
		if eff.Add {
			eff.AddGuarded = addsGuarded(f, r, on(r))
		}
		eff.Lock = lockEffectOn(f, r, on(r))
		if eff.Lock.any() && m.HandedOff(f, r) {
			// Locked here and unlocked by a goroutine f starts (or the
			// other way round): what the caller holds after the call
			// depends on that goroutine.
			eff.Lock = LockEffect{}
		}
		s.local = append(s.local, localEffect{Ref: r, Effect: eff})
	}
	if f.Obj != nil {
		params := paramIndex(f.Obj)
		for _, le := range s.local {
			if le.Effect == (Effect{}) || le.Ref.Indexed() {
				continue // named, but not acted on; or named by a key of f
			}
			if isGlobal(le.Ref.Root) {
				// Globals of this package only (facts name them by their
				// name in the callee's package); an escape alone says
				// nothing to a caller.
				eff := le.Effect
				eff.Escapes = false
				if le.Ref.Root.Pkg() == f.Obj.Pkg() && eff != (Effect{}) {
					s.Effects = append(s.Effects, ParamEffect{Global: le.Ref.Root.Name(), Path: le.Ref.Path, Effect: eff})
				}
				continue
			}
			i, ok := params[le.Ref.Root]
			if !ok || !le.Ref.Shared() {
				continue
			}
			s.Effects = append(s.Effects, ParamEffect{Param: i, Path: le.Ref.Path, Effect: le.Effect})
		}
		sort.Slice(s.Effects, func(i, j int) bool {
			a, b := s.Effects[i], s.Effects[j]
			if a.Global != b.Global {
				return a.Global < b.Global
			}
			if a.Param != b.Param {
				return a.Param < b.Param
			}
			return a.Path < b.Path
		})
	}
	if f.Obj != nil {
		s.Chans = m.chanParamEffects(f)
		for _, r := range m.sentResults(f) {
			s.SentResults = append(s.SentResults, r.Result)
		}
	}
	s.LockClasses, s.UnlockClasses = lockClasses(m, f)
	f.summary = s
	f.building = false
	return s
}

// paramIndex maps the receiver (-1) and parameters of fn to their index.
func paramIndex(fn *types.Func) map[*types.Var]int {
	sig := fn.Type().(*types.Signature)
	idx := make(map[*types.Var]int)
	if sig.Recv() != nil {
		idx[sig.Recv()] = -1
	}
	for i := range sig.Params().Len() {
		idx[sig.Params().At(i)] = i
	}
	return idx
}

// summaryOfFunc returns the summary of any function: computed for this
// package's functions, imported as a fact for others, nil when the
// function does nothing of interest (or is not known).
func (m *Model) summaryOfFunc(fn *types.Func) *Summary {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if f := m.funcDecl(fn); f != nil {
		return m.summaryOf(f)
	}
	m.importedMu.Lock()
	defer m.importedMu.Unlock()
	if s, ok := m.imported[fn]; ok {
		return s
	}
	var s *Summary
	if p := fn.Pkg(); p != nil && isRuntime(p.Path()) {
		// The runtime's own goroutines (GC workers, signal handling) use
		// channels; calling into the runtime is not a join.
		m.imported[fn] = nil
		return nil
	}
	if isServer(fn) {
		s = &Summary{JoinDepth: 1, Forever: true}
	} else {
		fact := new(Summary)
		if m.Pass.ImportObjectFact(fn, fact) {
			s = fact
		}
	}
	m.imported[fn] = s
	return s
}

// SummaryOf returns the summary of fn (nil when it does nothing of
// interest).
func (m *Model) SummaryOf(fn *types.Func) *Summary { return m.summaryOfFunc(fn) }

// isServer reports whether fn serves requests until it fails: a goroutine
// running it is meant to live as long as the program.
func isServer(fn *types.Func) bool {
	return IsFunc(fn, "net/http", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS") ||
		IsMethod(fn, "net/http", "Server", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS")
}

func constantInt64(v constant.Value) (int64, bool) {
	if v.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(v)
}

func isRuntime(path string) bool {
	return path == "runtime" || strings.HasPrefix(path, "runtime/internal/") || strings.HasPrefix(path, "internal/runtime/")
}

// addsGuarded reports whether every Add of f on the WaitGroup at r is
// guarded (see AddGuarded); events holds the events of f on r's root, in
// order, and maybe others.
func addsGuarded(f *Func, r Ref, events []*Event) bool {
	n := 0
	for _, e := range events {
		if e.Kind != Add || e.Ref != r {
			continue
		}
		n++
		if e.Deferred || e.Indirect || !f.AddGuarded(e) {
			return false
		}
	}
	return n > 0
}

// AddGuarded reports whether the Add event add is made holding a mutex
// that was locked before a branch that may return without reaching add:
//
//	s.mu.Lock()
//	if s.stopped {
//		s.mu.Unlock()
//		return
//	}
//	s.wg.Add(1)
//	s.mu.Unlock()
//
// Whoever sets s.stopped under s.mu and then calls s.wg.Wait either
// comes first (and no Add follows) or waits for this one.
func (f *Func) AddGuarded(add *Event) bool {
	held := lockStates(f).at(f, add.Block, add.Index)
	for _, h := range held {
		if h.Read {
			continue // a read lock does not exclude the other readers
		}
		for _, l := range f.Events {
			if l.Kind != Lock || l.Read || l.Ref != h.Ref || l.Deferred {
				continue
			}
			if f.Reaches(l.After(), func(x *Event) bool { return x == add }, Releases(h.Ref)) == nil {
				continue // not the lock held at the Add
			}
			if f.FirstExit(l.After(), func(x *Event) bool { return x == add }) != nil {
				return true
			}
		}
	}
	return false
}

// lockClasses returns the classes of the mutexes f may lock, and of those
// it may release for its caller (unlock on a path that has not locked a
// mutex of that class first): its own lock events, and the classes of its
// callees' summaries (carried by their SomeLock and Unlock events with no
// Ref).
func lockClasses(m *Model, f *Func) (locks, releases []string) {
	var u map[string]bool // the classes released, made on the first
	// The class of each unlocked event's mutex, and of the lock events the
	// searches from it pass, computed once: they are asked for each
	// unlock.
	var classes map[*Event][]string
	classesOf := func(e *Event) []string {
		if len(e.Classes) > 0 {
			return e.Classes
		}
		cs, ok := classes[e]
		if !ok {
			if c := m.Class(e.Ref); c != "" {
				cs = []string{c}
			}
			if classes == nil {
				classes = make(map[*Event][]string)
			}
			classes[e] = cs
		}
		return cs
	}
	// The classes locked, each once: most functions lock a few, which
	// are looked for in the list; past that, in a set.
	var lockSet map[string]bool
	addLock := func(c string) {
		switch {
		case lockSet != nil:
			if lockSet[c] {
				return
			}
			lockSet[c] = true
		case slices.Contains(locks, c):
			return
		case len(locks) == 16:
			lockSet = make(map[string]bool)
			for _, l := range locks {
				lockSet[l] = true
			}
			lockSet[c] = true
		}
		locks = append(locks, c)
	}
	for _, e := range f.Events {
		switch e.Kind {
		case Lock, LockCall, TryLock, SomeLock:
			if len(e.Classes) > 0 {
				for _, c := range e.Classes {
					addLock(c)
				}
			} else if c := m.Class(e.Ref); c != "" {
				addLock(c)
			}
		case Unlock, UnlockValue:
			for _, c := range classesOf(e) {
				if u[c] {
					continue
				}
				lockedFirst := func(x *Event) bool {
					if x.Kind != Lock && x.Kind != LockCall && x.Kind != TryLock && x.Kind != SomeLock {
						return false
					}
					for _, xc := range classesOf(x) {
						if xc == c {
							return true
						}
					}
					return false
				}
				if e.Deferred || f.Reaches(f.Entry(), func(x *Event) bool { return x == e }, lockedFirst) != nil {
					if !e.Deferred {
						if u == nil {
							u = make(map[string]bool)
						}
						u[c] = true
					}
				}
			}
		}
	}
	slices.Sort(locks)
	return slices.Clip(locks), sortedKeys(u)
}

func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
