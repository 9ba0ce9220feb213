package conc

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

// EventKind classifies what happens at a point of a function.
type EventKind uint8

const (
	Launch      EventKind = iota + 1 // a goroutine starts (go statement, WaitGroup.Go, errgroup.Group.Go)
	Recv                             // blocking channel receive
	Send                             // blocking channel send
	RangeChan                        // range over a channel
	Wait                             // WaitGroup.Wait (Ref set)
	Join                             // another blocking wait: errgroup Wait, Cond.Wait, reading input, serving, a call that joins
	Forever                          // blocks forever: range over a ticker, a call that never finishes
	Close                            // close(ch): signals receivers
	Add                              // WaitGroup.Add (Ref set, N when constant)
	Done                             // WaitGroup.Done on every path of the call (Ref set)
	MaybeDone                        // a call that calls Done on some paths only (Ref set)
	Escape                           // the object of Ref is handed to code the model cannot follow
	Sleep                            // time.Sleep or a receive from time.After
	Lock                             // Mutex/RWMutex Lock or RLock (Read), or a call that returns holding it (Ref set)
	Unlock                           // Unlock or RUnlock (Read), or a call that releases a held lock (Ref set)
	TryLock                          // TryLock or TryRLock (Ref set)
	LockCall                         // a call that locks and unlocks Ref on every path (Read for RLock)
	UnlockValue                      // the method value mu.Unlock is taken: it may run anywhere (Ref set)
	Assign                           // the variable Ref.Root gets a new value
	Exit                             // a call that never returns that the CFG does not know (testing.TB's Fatal through an interface)
	Unknown                          // a dynamic call that may run code the model does not see, or several functions (May set)
	TryRecv                          // a receive that is a case of a select with default: it happens only if a value is ready
	TrySend                          // a send that is a case of a select with default
	SomeLock                         // a call that locks Ref on some of its paths only (Read unknown)
)

var kindNames = [...]string{"", "launch", "recv", "send", "range-chan", "wait", "join", "forever", "close", "add", "done", "maybe-done", "escape", "sleep", "lock", "unlock", "trylock", "lock-call", "unlock-value", "assign", "exit", "unknown", "try-recv", "try-send", "some-lock"}

func (k EventKind) String() string { return kindNames[k] }

// Blocks reports whether an event of kind k waits for another goroutine
// (or forever).
func (k EventKind) Blocks() bool {
	switch k {
	case Recv, Send, RangeChan, Wait, Join, Forever:
		return true
	}
	return false
}

// An Event is one concurrency-relevant operation of a function, placed on
// its control-flow graph.
type Event struct {
	Kind EventKind
	// The flags, beside Kind (a giant package has hundreds of thousands
	// of events).
	Deferred bool // the operation runs when the function returns
	NKnown   bool // N is known
	Indirect bool // the operation happens in a called function (or literal), not at this call
	Read     bool // for Lock, Unlock, TryLock, LockCall: the read lock of an RWMutex
	// Relock reports a SomeLock of a call that releases the caller's lock
	// and takes it again before every return (LockEffect.Relocks): the
	// call certainly waits for the mutex.
	Relock bool
	// Held reports a SomeLock of a call that returns holding the mutex on
	// every path, in one mode or the other (LockEffect.ReturnsHeld): the
	// caller holds it at least for reading after the call.
	Held bool

	Node   ast.Node    // smallest node to report: the call, the receive, the go statement
	Block  *cfg.Block  // CFG block holding the event
	Index  int         // index of the CFG node within Block.Nodes
	Ref    Ref         // the WaitGroup of Add, Done, MaybeDone, Wait and Escape
	N      int64       // Add's argument, when NKnown
	Callee *types.Func // for events that come from a callee's summary
	Depth  int         // for Join events of calls: the callee's JoinDepth; for SomeLock, its LockEffect.SomeDepth
	// Alias is, for a Lock or Unlock made through another name of the
	// mutex (a sync.Locker that stands for it, c.L of sync.NewCond(&s.mu)
	// or s.mu.RLocker(), or a local alias of its owner, see canonical),
	// the method as written: "c.L.Lock", "s.mu.RLock".
	Alias  string
	Chan   Ref         // for Send, Recv, RangeChan, Close: the channel, when a variable or a field path (see chans.go)
	Launch *LaunchInfo // for Launch
	May    *MayEffects // for Unknown: what the call may do
	// Classes is, for SomeLock and Unlock events of a call with no Ref,
	// the classes of the mutexes the callee may lock or unlock.
	Classes []string
}

// Pos returns the event's position.
func (e *Event) Pos() token.Pos { return e.Node.Pos() }

// LaunchKind says how a goroutine was started.
type LaunchKind uint8

const (
	GoStmt      LaunchKind = iota + 1 // go f(...)
	WaitGroupGo                       // wg.Go(f)
	ErrgroupGo                        // g.Go(f) of golang.org/x/sync/errgroup
	AfterFunc                         // time.AfterFunc(d, f): f runs on its own goroutine when the timer fires
)

// LaunchInfo describes a goroutine start.
type LaunchInfo struct {
	Kind  LaunchKind
	Node  ast.Node      // the *ast.GoStmt, or the wg.Go / g.Go call
	Lit   *ast.FuncLit  // the goroutine's body, when it is a literal
	Fn    *types.Func   // the function started, when named; nil when dynamic or literal
	Recv  ast.Expr      // the receiver of Fn, for methods (go s.run(), wg.Go(s.run))
	Args  []ast.Expr    // the arguments of Fn
	Group Ref           // the WaitGroup of WaitGroup.Go
	Body  *Func         // the Func of Lit, or of Fn when it is declared in this package
	Call  *ast.CallExpr // the call of the go statement
}

// Func is one function (declaration or literal) of the package with the
// events of its body, in CFG order.
type Func struct {
	Decl    *ast.FuncDecl
	Lit     *ast.FuncLit
	Obj     *types.Func // for declarations
	Body    *ast.BlockStmt
	CFG     *cfg.CFG
	Events  []*Event
	byBlock [][]*Event // by block index

	body inspector.Cursor // Body, for the walks that look at some node types only (InspectBody)

	summary  *Summary // computed lazily
	building bool     // summary under construction (breaks recursion)

	exhausted atomic.Int32 // path searches that stopped at SearchBudget

	// Answers computed once, on demand: the checks of a package may ask
	// them at the same time (the drivers run analyzers in parallel).
	loopOnce sync.Once
	inLoop   []bool                // by block index (see InLoop)
	locks    memo[Ref, LockEffect] // lockEffect by mutex
	handed   memo[Ref, bool]       // HandedOff by mutex
	chanUses memo[*types.Var, *ChanUse]

	localChansOnce sync.Once
	localChans     []*LocalChan

	heldOnce sync.Once
	held     lockState // HeldAt

	stopsOnce sync.Once
	stops     *funcStops // Model.stopsOf

	branches *branches // conditions tested by several branches (conds.go); nil if none

	syntaxOnce sync.Once
	syntax     *funcSyntax // until buildEvents has read it
	callees    []*Func     // staticCallees, set with syntax
}

// InspectBody calls visit for the nodes of f's body (nested literals
// included) whose type is one of types, in the order of ast.Inspect; when
// visit returns false, the node's children are skipped. It is ast.Inspect
// over f.Body with a visit that returns true for every other node type,
// but it steps over the subtrees that hold none of types.
func (f *Func) InspectBody(types []ast.Node, visit func(ast.Node) bool) {
	f.body.Inspect(types, func(c inspector.Cursor) bool { return visit(c.Node()) })
}

// Node returns the *ast.FuncDecl or *ast.FuncLit.
func (f *Func) Node() ast.Node {
	if f.Decl != nil {
		return f.Decl
	}
	return f.Lit
}

// Name returns a name for messages: the function's name, or "func literal".
func (f *Func) Name() string {
	if f.Decl != nil {
		return f.Decl.Name.Name
	}
	return "function literal"
}

// Declares reports whether v is declared inside f (a parameter, a result or
// a local variable).
func (f *Func) Declares(v *types.Var) bool {
	n := f.Node()
	return v.Pos() >= n.Pos() && v.Pos() < n.End()
}

// builder extracts the events of one function.
type builder struct {
	m           *Model
	f           *Func
	info        *types.Info
	defaultComm map[ast.Node]bool            // comm statements of selects that have a default case
	rangeOf     map[ast.Expr]*ast.RangeStmt  // range statements by their X
	rangeVars   map[ast.Expr]*ast.RangeStmt  // keys and values of range statements
	localLits   map[*ast.FuncLit]bool        // literals assigned to local variables: their calls are resolved
	stmtCalls   map[*ast.CallExpr]bool       // calls that are expression statements: their results are dropped
	resolved    map[*ast.CallExpr]Resolution // Resolve of f's calls with no static callee
	block       *cfg.Block
	index       int
	deferred    bool
	// uncounted: the events come from a function value run a number of
	// times the model does not know (sync.Once.Do: at most once;
	// sync.Map.Range: once per entry): WaitGroup counts through it are
	// not followed.
	uncounted bool
}

func (m *Model) buildEvents(f *Func) {
	syn := m.syntaxOf(f)
	f.syntax = nil // read here only
	b := &builder{
		m:           m,
		f:           f,
		info:        m.Pass.TypesInfo,
		defaultComm: syn.defaultComm,
		rangeOf:     syn.rangeOf,
		rangeVars:   syn.rangeVars,
		localLits:   syn.localLits,
		stmtCalls:   syn.stmtCalls,
		resolved:    syn.resolved,
	}
	polls := syn.polls
	f.byBlock = make([][]*Event, len(f.CFG.Blocks))
	for _, blk := range f.CFG.Blocks {
		if !blk.Live {
			continue
		}
		b.block = blk
		for i, n := range blk.Nodes {
			b.index = i
			b.deferred = false
			if polls[n] {
				// A polling loop leaves only through here: this waits
				// for another goroutine (polls.go).
				b.add(&Event{Kind: Join, Node: n})
			}
			if b.defaultComm[n] {
				// A comm of a select with default does not block; only
				// look for events nested in its operands.
				b.walkNonBlockingComm(n)
				continue
			}
			if e, ok := n.(ast.Expr); ok {
				if rs := b.rangeOf[e]; rs != nil {
					b.rangeEvent(rs)
				}
				if rs := b.rangeVars[e]; rs != nil {
					// The CFG evaluates the key and value once, before
					// the loop; they get a new value each time the body
					// is entered: the event is placed there, at index -1.
					if body := rangeBody(f.CFG, rs); body != nil {
						b.block, b.index = body, -1
						b.assign(e)
						b.block, b.index = blk, i
					} else {
						b.assign(e)
					}
				}
			}
			b.walk(n)
		}
	}
	// Order events by block, then by node, then by position.
	f.Events = f.Events[:0]
	for _, blk := range f.CFG.Blocks {
		evs := f.byBlock[blk.Index]
		sort.SliceStable(evs, func(i, j int) bool {
			if evs[i].Index != evs[j].Index {
				return evs[i].Index < evs[j].Index
			}
			return evs[i].Node.Pos() < evs[j].Node.Pos()
		})
		f.Events = append(f.Events, evs...)
	}
	f.branches = syn.branches
}

// funcSyntax is what the event builder reads of a function's syntax, its
// CFG and the types alone, not of any other function's events or
// summary: it is the same whenever it is computed, so run builds it for
// every function on a second goroutine while the summaries are computed
// (prepareSyntax), and buildEvents waits for it or builds it itself.
type funcSyntax struct {
	defaultComm map[ast.Node]bool            // comm statements of selects that have a default case
	rangeOf     map[ast.Expr]*ast.RangeStmt  // range statements by their X
	rangeVars   map[ast.Expr]*ast.RangeStmt  // keys and values of range statements
	localLits   map[*ast.FuncLit]bool        // literals assigned to local variables
	stmtCalls   map[*ast.CallExpr]bool       // calls that are expression statements
	resolved    map[*ast.CallExpr]Resolution // Resolve of the calls with no static callee
	polls       map[ast.Node]bool            // nodes through which a polling loop waits (polls.go)
	branches    *branches                    // conditions tested by several branches (conds.go)
}

// syntaxOf returns f's funcSyntax, computing it once. buildEvents, its
// one reader, drops it afterwards.
func (m *Model) syntaxOf(f *Func) *funcSyntax {
	m.prepareSyntax(f)
	return f.syntax
}

// prepareSyntax computes f's funcSyntax unless it is computed already; it
// does not read it, so it may run after buildEvents has dropped it.
func (m *Model) prepareSyntax(f *Func) {
	f.syntaxOnce.Do(func() { f.syntax = m.buildSyntax(f) })
}

func (m *Model) buildSyntax(f *Func) *funcSyntax {
	info := m.Pass.TypesInfo
	syn := &funcSyntax{
		defaultComm: make(map[ast.Node]bool),
		rangeOf:     make(map[ast.Expr]*ast.RangeStmt),
		rangeVars:   make(map[ast.Expr]*ast.RangeStmt),
		localLits:   make(map[*ast.FuncLit]bool),
		stmtCalls:   make(map[*ast.CallExpr]bool),
		resolved:    make(map[*ast.CallExpr]Resolution),
	}
	goCalls := make(map[*ast.CallExpr]bool)
	f.InspectBody([]ast.Node{(*ast.FuncLit)(nil), (*ast.ExprStmt)(nil), (*ast.SelectStmt)(nil), (*ast.AssignStmt)(nil), (*ast.RangeStmt)(nil), (*ast.CallExpr)(nil), (*ast.GoStmt)(nil)}, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.GoStmt:
			goCalls[n.Call] = true // a start: neither the builder nor staticCallees resolves it
		case *ast.CallExpr:
			// Resolve reads the syntax, the types and the package's
			// indexes only (calls.go). f is the innermost function
			// holding the call, as for the builder.
			if !goCalls[n] && m.StaticCallee(n) == nil {
				if _, lit := ast.Unparen(n.Fun).(*ast.FuncLit); !lit {
					syn.resolved[n] = m.Resolve(f, n)
				}
			}
		case *ast.ExprStmt:
			if call, ok := ast.Unparen(n.X).(*ast.CallExpr); ok {
				syn.stmtCalls[call] = true
			}
		case *ast.SelectStmt:
			hasDefault := false
			for _, c := range n.Body.List {
				if c.(*ast.CommClause).Comm == nil {
					hasDefault = true
				}
			}
			if hasDefault {
				for _, c := range n.Body.List {
					if comm := c.(*ast.CommClause).Comm; comm != nil {
						syn.defaultComm[comm] = true
					}
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for k, r := range n.Rhs {
					if lit, ok := ast.Unparen(r).(*ast.FuncLit); ok {
						if id, ok := ast.Unparen(n.Lhs[k]).(*ast.Ident); ok {
							if v := identVar(info, id); v != nil && !isGlobal(v) {
								syn.localLits[lit] = true
							}
						}
					}
				}
			}
		case *ast.RangeStmt:
			syn.rangeOf[n.X] = n
			if n.Key != nil {
				syn.rangeVars[n.Key] = n
			}
			if n.Value != nil {
				syn.rangeVars[n.Value] = n
			}
		}
		return true
	})
	syn.polls = pollWaits(info, f.Body)
	syn.branches = buildBranches(m, f, info)
	f.callees = m.staticCallees(f, syn.resolved)
	return syn
}

// rangeBody returns the block of the body of the range statement rs.
func rangeBody(g *cfg.CFG, rs *ast.RangeStmt) *cfg.Block {
	for _, blk := range g.Blocks {
		if blk.Kind == cfg.KindRangeBody && blk.Stmt == rs {
			return blk
		}
	}
	return nil
}

func (b *builder) add(e *Event) *Event {
	switch e.Kind {
	case Lock, Unlock, TryLock, LockCall, UnlockValue, SomeLock:
		if !e.Ref.IsZero() {
			if c := b.m.canonical(e.Ref); c != e.Ref {
				if e.Alias == "" && !e.Indirect && (e.Kind == Lock || e.Kind == Unlock) {
					if call, ok := e.Node.(*ast.CallExpr); ok {
						e.Alias = types.ExprString(call.Fun)
					}
				}
				e.Ref = c
			}
		}
	}
	e.Block = b.block
	e.Index = b.index
	e.Deferred = e.Deferred || b.deferred
	b.f.byBlock[b.block.Index] = append(b.f.byBlock[b.block.Index], e)
	b.f.Events = append(b.f.Events, e)
	return e
}

// The operation itself is a TryRecv or TrySend event: it does not block,
// and, like the cases of other selects (SelectCases), it happens only on
// the paths through its case.
func (b *builder) walkNonBlockingComm(n ast.Node) {
	switch n := n.(type) {
	case *ast.ExprStmt:
		if u, ok := ast.Unparen(n.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			b.walk(u.X)
			b.add(&Event{Kind: TryRecv, Node: u, Chan: b.chanRef(u.X)})
			return
		}
	case *ast.AssignStmt:
		for _, r := range n.Rhs {
			if u, ok := ast.Unparen(r).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				b.walk(u.X)
				b.add(&Event{Kind: TryRecv, Node: u, Chan: b.chanRef(u.X)})
			} else {
				b.walk(r)
			}
		}
		return
	case *ast.SendStmt:
		b.walk(n.Chan)
		b.walk(n.Value)
		b.add(&Event{Kind: TrySend, Node: n, Chan: b.chanRef(n.Chan)})
		return
	}
	b.walk(n)
}

// rangeEvent records the receive of a range over a channel.
func (b *builder) rangeEvent(rs *ast.RangeStmt) {
	t := b.info.TypeOf(rs.X)
	if t == nil || !IsChan(t) {
		return
	}
	kind := RangeChan
	if b.isTimerChan(rs.X) {
		kind = Forever // for range ticker.C { ... } never ends
	}
	b.add(&Event{Kind: kind, Node: rs, Chan: b.chanRef(rs.X)})
}

// isTimerChan reports whether e is time.After(d), time.Tick(d), or the C of
// a time.Timer or time.Ticker.
func (b *builder) isTimerChan(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		return IsFunc(b.m.Callee(e), "time", "After", "Tick")
	case *ast.SelectorExpr:
		if e.Sel.Name != "C" {
			return false
		}
		t := deref(b.info.TypeOf(e.X))
		return IsNamed(t, "time", "Timer") || IsNamed(t, "time", "Ticker")
	}
	return false
}

// walk visits the expressions of a CFG node in evaluation order (roughly),
// recording events. It does not enter function literals, except those it
// knows are called right away.
func (b *builder) walk(n ast.Node) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			b.capturedLit(n)
			return false
		case *ast.GoStmt:
			b.goStmt(n)
			return false
		case *ast.DeferStmt:
			saved := b.deferred
			b.deferred = true
			b.call(n.Call)
			b.deferred = saved
			return false
		case *ast.CallExpr:
			b.call(n)
			return false
		case *ast.AssignStmt:
			for _, r := range n.Rhs {
				b.walk(r)
			}
			for _, l := range n.Lhs {
				b.assign(l)
				if _, ok := ast.Unparen(l).(*ast.Ident); !ok {
					b.walk(l)
				}
			}
			return false
		case *ast.ValueSpec:
			for _, v := range n.Values {
				b.walk(v)
			}
			for _, id := range n.Names {
				b.assign(id)
			}
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				kind := Recv
				if b.isTimerChan(n.X) {
					kind = Sleep
				}
				b.walk(n.X)
				b.add(&Event{Kind: kind, Node: n, Chan: b.chanRef(n.X)})
				return false
			}
			if n.Op == token.AND {
				b.mention(n)
				return false
			}
		case *ast.SendStmt:
			b.walk(n.Chan)
			b.walk(n.Value)
			b.add(&Event{Kind: Send, Node: n, Chan: b.chanRef(n.Chan)})
			return false
		case *ast.SelectorExpr:
			b.mention(n)
			return false
		case *ast.Ident:
			b.mention(n)
			return false
		}
		return true
	})
}

// mention records an Escape when e denotes (or points to) a WaitGroup, or a
// struct that contains one, in a position the model does not follow: stored,
// passed to unknown code, captured by a callback.
func (b *builder) mention(e ast.Expr) {
	if se, ok := e.(*ast.SelectorExpr); ok {
		if sel := b.info.Selections[se]; sel != nil && sel.Kind() == types.MethodVal {
			if f, ok := sel.Obj().(*types.Func); ok {
				if r, ok := RefOf(b.info, se.X); ok {
					r.Path += implicitPath(sel)
					if isMutexMethod(f, "Unlock", "RUnlock") {
						b.add(&Event{Kind: UnlockValue, Node: se, Ref: r})
					} else if !types.IsInterface(sel.Recv()) {
						// A method value of a function that releases a
						// lock of its receiver (a release func handed to
						// the caller).
						if sum := b.m.summaryOfFunc(f.Origin()); sum != nil && sum != recursive {
							for _, pe := range sum.Effects {
								if pe.Param == -1 && pe.Global == "" && pe.Effect.Lock.Releases {
									b.add(&Event{Kind: UnlockValue, Node: se, Ref: Ref{Root: r.Root, Path: r.Path + pe.Path}})
								}
							}
						}
					}
				}
			}
		}
		if t := b.info.TypeOf(se); t != nil && b.m.mentionsSync(t) {
			if r, ok := RefOf(b.info, se); ok {
				b.add(&Event{Kind: Escape, Node: se, Ref: r})
				return
			}
		}
		// A selection that yields something else only reads through
		// its base: visit the base's own subexpressions (calls,
		// indexes) without treating the base variable as escaping.
		b.walkBase(se.X)
		return
	}
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		if r, ok := RefOf(b.info, u.X); ok {
			if t := b.info.TypeOf(u.X); t != nil && b.m.mentionsSync(t) {
				b.add(&Event{Kind: Escape, Node: u, Ref: r})
				return
			}
		}
		b.walk(u.X)
		return
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		b.walk(e)
		return
	}
	v, ok := b.info.Uses[id].(*types.Var)
	if !ok || !b.m.mentionsSync(v.Type()) {
		return
	}
	b.add(&Event{Kind: Escape, Node: id, Ref: Ref{Root: v}})
}

// mentionsSync reports whether a value of type t is, points to or holds a
// WaitGroup or a mutex.
func mentionsSync(t types.Type) bool { return MentionsWaitGroup(t) || MentionsLock(t) }

// mentionsSync is mentionsSync remembered by type: the builder asks it of
// every selection and variable it meets, and a package has far fewer
// types than expressions.
func (m *Model) mentionsSync(t types.Type) bool {
	return m.syncTypes.get(t, func() bool { return mentionsSync(t) })
}

// mentionsWaitGroup is MentionsWaitGroup, memoized by type.
func (m *Model) mentionsWaitGroup(t types.Type) bool {
	return m.wgTypes.get(t, func() bool { return MentionsWaitGroup(t) })
}

func (b *builder) walkBase(e ast.Expr) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return
	case *ast.SelectorExpr:
		b.walkBase(e.X)
	case *ast.StarExpr:
		b.walkBase(e.X)
	default:
		b.walk(e)
	}
}

// capturedLit handles a function literal that is neither started as a
// goroutine nor called on the spot: a callback. WaitGroups it uses escape.
func (b *builder) capturedLit(lit *ast.FuncLit) {
	lf := b.m.funcLit(lit)
	if lf == nil {
		return
	}
	for _, eff := range b.m.summaryOf(lf).local {
		if !lf.Declares(eff.Ref.Root) && eff.Effect != (Effect{}) {
			b.add(&Event{Kind: Escape, Node: lit, Ref: eff.Ref})
			if eff.Effect.Lock.Releases && !b.localLits[lit] {
				// A callback that unlocks: like the method value
				// mu.Unlock, the unlock may run anywhere (onDone of an
				// asynchronous call).
				b.add(&Event{Kind: UnlockValue, Node: lit, Ref: eff.Ref})
			}
		}
	}
}

func (b *builder) goStmt(g *ast.GoStmt) {
	li := &LaunchInfo{Kind: GoStmt, Node: g, Call: g.Call}
	b.describeTarget(li, g.Call.Fun, g.Call.Args)
	b.add(&Event{Kind: Launch, Node: g, Launch: li})
}

// describeTarget fills the function started by a launch from the callee
// expression fun (a literal, a function, a method value) and its args, and
// walks the parts evaluated by the launching goroutine.
func (b *builder) describeTarget(li *LaunchInfo, fun ast.Expr, args []ast.Expr) {
	li.Args = args
	switch fn := ast.Unparen(fun).(type) {
	case *ast.FuncLit:
		li.Lit = fn
		li.Body = b.m.funcLit(fn)
	case *ast.Ident:
		if f, ok := b.info.Uses[fn].(*types.Func); ok {
			li.Fn = f.Origin()
		} else {
			b.walk(fn) // a func value
		}
	case *ast.SelectorExpr:
		if sel := b.info.Selections[fn]; sel != nil && sel.Kind() == types.MethodVal {
			if f, ok := sel.Obj().(*types.Func); ok && !types.IsInterface(sel.Recv()) {
				li.Fn = f.Origin()
				li.Recv = fn.X
			}
			b.walkBase(fn.X)
		} else if f, ok := b.info.Uses[fn.Sel].(*types.Func); ok && sel == nil {
			li.Fn = f.Origin() // pkg.F
		} else {
			b.walk(fn)
		}
	case *ast.IndexExpr, *ast.IndexListExpr: // generic instantiation
		if f := funcOfInstance(b.info, fn); f != nil {
			li.Fn = f
		}
	default:
		b.walk(fun)
	}
	if li.Fn != nil {
		li.Body = b.m.funcDecl(li.Fn)
	}
	// The arguments are evaluated by the launching goroutine. WaitGroups
	// passed to a known function are followed through its summary, so
	// they are not escapes.
	for _, a := range args {
		if li.Fn != nil {
			if _, ok := RefOf(b.info, a); ok {
				continue
			}
		}
		b.walk(a)
	}
}

func funcOfInstance(info *types.Info, e ast.Expr) *types.Func {
	var x ast.Expr
	switch e := e.(type) {
	case *ast.IndexExpr:
		x = e.X
	case *ast.IndexListExpr:
		x = e.X
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		if f, ok := info.Uses[x].(*types.Func); ok {
			return f.Origin()
		}
	case *ast.SelectorExpr:
		if f, ok := info.Uses[x.Sel].(*types.Func); ok {
			return f.Origin()
		}
	}
	return nil
}

// call records the events of a call expression.
func (b *builder) call(call *ast.CallExpr) {
	info := b.info
	// Function literals called on the spot (also deferred) run in this
	// goroutine: their summary becomes events here.
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		for _, a := range call.Args {
			b.walk(a)
		}
		if lf := b.m.funcLit(lit); lf != nil {
			if sum := b.m.summaryOf(lf); sum != recursive {
				b.summaryEvents(call, nil, sum, nil, nil, lf)
			}
		}
		return
	}
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() { // conversion
		for _, a := range call.Args {
			b.walk(a)
		}
		return
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if bi, ok := info.Uses[id].(*types.Builtin); ok {
			for _, a := range call.Args {
				b.walk(a)
			}
			if bi.Name() == "close" && len(call.Args) == 1 {
				b.add(&Event{Kind: Close, Node: call, Chan: b.chanRef(call.Args[0])})
			}
			return
		}
	}
	fn := b.m.Callee(call)
	switch {
	case IsMethod(fn, "testing", "TB", "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow"), isTestingExit(fn):
		b.walkArgs(call)
		b.add(&Event{Kind: Exit, Node: call, Callee: fn})
		return
	case isPeerRead(fn), isBlockingIO(fn),
		IsMethod(fn, "golang.org/x/sync/errgroup", "Group", "Wait"),
		IsMethod(fn, "sync", "Cond", "Wait"):
		// Waiting for a group or a condition, reading from a connection,
		// a pipe, standard input or an HTTP server, and serving, all wait
		// for another goroutine (or forever).
		b.walkArgs(call)
		b.add(&Event{Kind: Join, Node: call, Callee: fn})
		return
	case IsMethod(fn, "sync", "Locker", "Lock", "Unlock") && b.lockerCall(call, fn):
		return
	case isMutexMethod(fn, "Lock", "Unlock", "RLock", "RUnlock", "TryLock", "TryRLock"):
		b.walkArgs(call)
		r, ok := b.m.mutexRef(call)
		if !ok {
			return
		}
		e := &Event{Node: call, Ref: r, Read: strings.HasPrefix(strings.TrimPrefix(fn.Name(), "Try"), "R")}
		switch fn.Name() {
		case "Lock", "RLock":
			e.Kind = Lock
		case "Unlock", "RUnlock":
			e.Kind = Unlock
		default:
			e.Kind = TryLock
		}
		b.add(e)
		return
	case IsMethod(fn, "sync", "WaitGroup", "Add", "Done", "Wait", "Go"):
		r, ok := ReceiverRef(info, call)
		if !ok {
			b.walk(call.Fun)
		}
		for _, a := range call.Args {
			if fn.Name() != "Go" {
				b.walk(a)
			}
		}
		switch fn.Name() {
		case "Add":
			e := &Event{Kind: Add, Node: call, Ref: r}
			if len(call.Args) == 1 {
				if tv := info.Types[call.Args[0]]; tv.Value != nil {
					if n, exact := constInt64(tv); exact {
						e.N, e.NKnown = n, true
					}
				}
			}
			if ok {
				b.add(e)
			}
		case "Done":
			if ok {
				b.add(&Event{Kind: Done, Node: call, Ref: r})
			}
		case "Wait":
			b.add(&Event{Kind: Wait, Node: call, Ref: r})
		case "Go":
			li := &LaunchInfo{Kind: WaitGroupGo, Node: call, Group: r}
			if len(call.Args) == 1 {
				b.describeTarget(li, call.Args[0], nil)
			}
			b.add(&Event{Kind: Launch, Node: call, Launch: li})
		}
		return
	case IsMethod(fn, "golang.org/x/sync/errgroup", "Group", "Go", "TryGo"):
		b.walkReceiver(call)
		li := &LaunchInfo{Kind: ErrgroupGo, Node: call}
		if len(call.Args) == 1 {
			b.describeTarget(li, call.Args[0], nil)
		}
		b.add(&Event{Kind: Launch, Node: call, Launch: li})
		return
	case IsFunc(fn, "time", "AfterFunc") && len(call.Args) == 2 && b.stmtCalls[call]:
		// The function runs on a goroutine of its own when the timer
		// fires, concurrently with what follows. Only a timer that is
		// dropped: one that is kept may be stopped, and code that stops
		// it may wait for the function (if !t.Stop() { <-done }), which
		// the model does not follow.
		b.walk(call.Args[0])
		li := &LaunchInfo{Kind: AfterFunc, Node: call}
		b.describeTarget(li, call.Args[1], nil)
		b.add(&Event{Kind: Launch, Node: call, Launch: li})
		return
	case (IsMethod(fn, "sync", "Once", "Do") || IsMethod(fn, "sync", "Map", "Range")) && len(call.Args) == 1:
		// The function runs in this goroutine, during the call: at most
		// once (Once.Do), or once per entry (Map.Range).
		b.walkReceiver(call)
		saved := b.uncounted
		b.uncounted = true
		b.funcValueEvents(call, call.Args[0])
		b.uncounted = saved
		return
	case IsFunc(fn, "time", "Sleep"):
		for _, a := range call.Args {
			b.walk(a)
		}
		b.add(&Event{Kind: Sleep, Node: call, Callee: fn})
		return
	case isCleanup(fn):
		// t.Cleanup(f): f runs when the test ends, like a defer.
		b.walkReceiver(call)
		if len(call.Args) == 1 {
			saved := b.deferred
			b.deferred = true
			b.funcValueEvents(call, call.Args[0])
			b.deferred = saved
		}
		return
	}

	// Any other call: the callee's summary says what it does.
	sfn := b.m.StaticCallee(call)
	var sum *Summary
	if sfn != nil {
		sum = b.m.summaryOfFunc(sfn)
	}
	var recv ast.Expr
	if se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if sel := info.Selections[se]; sel != nil && sel.Kind() == types.MethodVal {
			recv = se.X
		}
	}
	if sfn == nil {
		res, ok := b.resolved[call]
		if !ok {
			res = b.m.Resolve(b.f, call)
		}
		if res.Dynamic && res.Complete && len(res.Targets) == 1 {
			if b.resolvedCall(call, res.Targets[0]) {
				return
			}
		}
		// Code the model does not follow: every WaitGroup reachable
		// from the call escapes, and what the functions it may run do
		// is an Unknown event.
		b.walk(call.Fun)
		for _, a := range call.Args {
			b.walk(a)
		}
		if res.Dynamic {
			b.add(&Event{Kind: Unknown, Node: call, May: b.m.mayEffects(b.f, call, res)})
		}
		return
	}
	if sum == recursive {
		// A recursive call: every WaitGroup reachable from it escapes.
		b.walk(call.Fun)
		for _, a := range call.Args {
			b.walk(a)
		}
		return
	}
	// Walk what the caller evaluates, except the WaitGroups the summary
	// accounts for.
	if recv != nil {
		if _, ok := RefOf(info, recv); ok {
			b.walkBase(recv)
		} else {
			b.walk(recv)
		}
	} else {
		b.walkCallee(call.Fun)
	}
	for _, a := range call.Args {
		if _, ok := RefOf(info, a); ok {
			if t := info.TypeOf(a); t != nil && b.m.mentionsWaitGroup(t) {
				continue // followed through the summary
			}
		}
		b.walk(a)
	}
	if sum != nil {
		b.summaryEvents(call, sfn, sum, recv, call.Args, nil)
		// A callee that closes its channel parameter on every path
		// closes the caller's channel at the call.
		for _, c := range sum.Chans {
			if c.CloseAll && c.Param < len(call.Args) {
				if r := b.chanRef(call.Args[c.Param]); !r.IsZero() {
					b.add(&Event{Kind: Close, Node: call, Chan: r, Callee: sfn, Indirect: true})
				}
			}
		}
	}
	b.printEvents(call, sfn)
}

// walkReceiver walks the receiver expression of a method call.
func (b *builder) walkReceiver(call *ast.CallExpr) {
	if se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		b.walkBase(se.X)
	}
}

func (b *builder) walkArgs(call *ast.CallExpr) {
	if se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		b.walkBase(se.X)
	}
	for _, a := range call.Args {
		b.walk(a)
	}
}

// walkCallee walks a static callee expression (f, pkg.F, F[T]) without
// treating it as a use of anything.
func (b *builder) walkCallee(fun ast.Expr) {
	switch fun := ast.Unparen(fun).(type) {
	case *ast.Ident:
	case *ast.SelectorExpr:
		b.walkBase(fun.X)
	case *ast.IndexExpr:
		b.walkCallee(fun.X)
	case *ast.IndexListExpr:
		b.walkCallee(fun.X)
	default:
		b.walk(fun)
	}
}

// funcValueEvents records the events of calling the function value fv (a
// literal or a named function without arguments) at this point.
func (b *builder) funcValueEvents(call *ast.CallExpr, fv ast.Expr) {
	switch fv := ast.Unparen(fv).(type) {
	case *ast.FuncLit:
		if lf := b.m.funcLit(fv); lf != nil {
			b.summaryEvents(call, nil, b.m.summaryOf(lf), nil, nil, lf)
		}
		return
	case *ast.Ident:
		if f, ok := b.info.Uses[fv].(*types.Func); ok {
			if sum := b.m.summaryOfFunc(f.Origin()); sum != nil {
				b.summaryEvents(call, f.Origin(), sum, nil, nil, nil)
			}
			return
		}
	case *ast.SelectorExpr:
		if sel := b.info.Selections[fv]; sel != nil && sel.Kind() == types.MethodVal {
			if f, ok := sel.Obj().(*types.Func); ok && !types.IsInterface(sel.Recv()) {
				switch {
				case IsMethod(f, "sync", "WaitGroup", "Wait"):
					r, _ := RefOf(b.info, fv.X)
					b.add(&Event{Kind: Wait, Node: call, Ref: r})
					return
				case IsMethod(f, "golang.org/x/sync/errgroup", "Group", "Wait"), IsMethod(f, "sync", "Cond", "Wait"):
					b.add(&Event{Kind: Join, Node: call, Callee: f})
					return
				}
				if sum := b.m.summaryOfFunc(f.Origin()); sum != nil {
					b.summaryEvents(call, f.Origin(), sum, fv.X, nil, nil)
				}
				b.walkBase(fv.X)
				return
			}
		}
	}
	b.walk(fv)
}

// summaryEvents turns a callee's summary into events at the call. For a
// literal (lit != nil), effects name the caller's own variables; for a
// declared function, they are mapped from parameters to recv and args.
func (b *builder) summaryEvents(call *ast.CallExpr, fn *types.Func, sum *Summary, recv ast.Expr, args []ast.Expr, lit *Func) {
	b.summaryEventsAt(call, b.m.Callee(call), fn, sum, recv, args, lit)
}

// summaryEventsAt is summaryEvents for a call at node (the call, or the
// operand of a printing call whose String method runs) of callee (nil for
// literals; named in messages).
func (b *builder) summaryEventsAt(call ast.Node, callee, fn *types.Func, sum *Summary, recv ast.Expr, args []ast.Expr, lit *Func) {
	if len(sum.LockClasses) > 0 {
		b.add(&Event{Kind: SomeLock, Node: call, Callee: fn, Indirect: true, Classes: sum.LockClasses})
	}
	if len(sum.UnlockClasses) > 0 {
		b.add(&Event{Kind: Unlock, Node: call, Callee: fn, Indirect: true, Classes: sum.UnlockClasses})
	}
	if sum.NoReturn && !b.deferred {
		// The path ends in the call: every path of the callee ends in a
		// call that does not return (require.FailNow calls t.FailNow),
		// or never leaves a loop.
		defer b.add(&Event{Kind: Exit, Node: call, Callee: fn})
	}
	if lit != nil {
		if sum.JoinDepth > 0 {
			b.add(&Event{Kind: Join, Node: call, Depth: sum.JoinDepth - 1}) // inline
		}
	} else if sum.Joins() {
		b.add(&Event{Kind: Join, Node: call, Depth: sum.JoinDepth})
	}
	if lit != nil {
		for _, eff := range sum.local {
			if lit.Declares(eff.Ref.Root) || eff.Ref.Indexed() {
				continue // the literal's own, or named by a key of the literal
			}
			b.effectEvents(call, callee, eff.Ref, eff.Effect)
		}
		return
	}
	for _, eff := range sum.Effects {
		if r, ok := eff.Resolve(b.info, fn, recv, args); ok {
			b.effectEvents(call, callee, r, eff.Effect)
		}
	}
}

func (b *builder) effectEvents(call ast.Node, callee *types.Func, r Ref, eff Effect) {
	if b.uncounted && (eff.Add || eff.Wait || eff.DoneSome) {
		// How many times the function runs is not known: its Adds, Dones
		// and Waits are not counted, the WaitGroup is handed off.
		eff.Add, eff.Wait, eff.DoneSome, eff.DoneAll, eff.Escapes = false, false, false, false, true
	}
	if eff.Add {
		b.add(&Event{Kind: Add, Node: call, Ref: r, Callee: callee, Indirect: true})
	}
	if eff.Wait {
		b.add(&Event{Kind: Wait, Node: call, Ref: r, Callee: callee, Indirect: true})
	}
	switch {
	case eff.DoneAll:
		b.add(&Event{Kind: Done, Node: call, Ref: r, Callee: callee, Indirect: true})
	case eff.DoneSome:
		b.add(&Event{Kind: MaybeDone, Node: call, Ref: r, Callee: callee, Indirect: true})
	}
	if eff.Escapes {
		b.add(&Event{Kind: Escape, Node: call, Ref: r, Callee: callee, Indirect: true})
	}
	l := eff.Lock
	switch {
	case l.ReturnsLocked:
		b.add(&Event{Kind: Lock, Node: call, Ref: r, Callee: callee, Indirect: true})
	case l.Acquires:
		b.add(&Event{Kind: LockCall, Node: call, Ref: r, Callee: callee, Indirect: true})
	}
	switch {
	case l.ReturnsRLocked:
		b.add(&Event{Kind: Lock, Node: call, Ref: r, Callee: callee, Indirect: true, Read: true})
	case l.RAcquires:
		b.add(&Event{Kind: LockCall, Node: call, Ref: r, Callee: callee, Indirect: true, Read: true})
	}
	if l.Releases {
		b.add(&Event{Kind: Unlock, Node: call, Ref: r, Callee: callee, Indirect: true})
	}
	switch {
	case l.Relocks:
		b.add(&Event{Kind: SomeLock, Node: call, Ref: r, Callee: callee, Indirect: true, Relock: true})
	case l.Sometimes && !l.Acquires && !l.RAcquires && !l.ReturnsLocked && !l.ReturnsRLocked:
		b.add(&Event{Kind: SomeLock, Node: call, Ref: r, Callee: callee, Indirect: true, Depth: l.SomeDepth, Held: l.ReturnsHeld})
	}
}

// assign records that the variable e names gets a new value, when locks
// may be reached through it: later operations through it act on another
// mutex.
func (b *builder) assign(e ast.Expr) {
	if ix, ok := ast.Unparen(e).(*ast.IndexExpr); ok {
		// m[k] = v: the mutexes reached through m's elements may be
		// others after it.
		if t := b.info.TypeOf(ix.X); t != nil {
			if mt, isMap := t.Underlying().(*types.Map); isMap && MentionsLock(mt.Elem()) {
				if r, ok := RefOf(b.info, ix.X); ok {
					// Only the mutexes reached through this map's
					// elements (r.Path + "[k]..."): s.pools[k] = v leaves
					// s.mu alone.
					b.add(&Event{Kind: Assign, Node: ix, Ref: r})
				}
			}
		}
		return
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || id.Name == "_" {
		return
	}
	obj := b.info.Defs[id]
	if obj == nil {
		obj = b.info.Uses[id]
	}
	v, ok := obj.(*types.Var)
	if !ok || !MentionsLock(v.Type()) {
		return
	}
	b.add(&Event{Kind: Assign, Node: id, Ref: Ref{Root: v}})
}

// isTestingExit reports whether fn is a method of an interface shaped
// like testing.TB's methods that end the test: FailNow and SkipNow (no
// arguments), Fatal and Skip (...any), Fatalf and Skipf (string, ...any).
// testify's require.TestingT, and the interfaces test helpers declare for
// *testing.T, call them through such an interface.
func isTestingExit(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) || sig.Results().Len() != 0 {
		return false
	}
	p := sig.Params()
	switch fn.Name() {
	case "FailNow", "SkipNow":
		return p.Len() == 0
	case "Fatal", "Skip":
		return p.Len() == 1 && sig.Variadic()
	case "Fatalf", "Skipf":
		return p.Len() == 2 && sig.Variadic() && types.Identical(p.At(0).Type(), types.Typ[types.String])
	}
	return false
}

// isBlockingIO reports whether fn blocks on input or serves forever:
// reading standard input in a toy program, or an HTTP server's
// ListenAndServe. main calling one of them after a go statement waits.
func isBlockingIO(fn *types.Func) bool {
	return IsFunc(fn, "fmt", "Scan", "Scanln", "Scanf") ||
		IsMethod(fn, "bufio", "Reader", "ReadString", "ReadLine", "ReadRune", "ReadBytes") ||
		IsMethod(fn, "bufio", "Scanner", "Scan") ||
		IsFunc(fn, "net/http", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS") ||
		IsMethod(fn, "net/http", "Server", "ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS") ||
		IsMethod(fn, "google.golang.org/grpc", "Server", "Serve")
}

// isPeerRead reports whether fn reads what another party writes: a Read
// or Accept method (of a connection, a pipe, a listener: any type, the call
// may be dynamic), a TLS handshake, an HTTP request, or the io helpers
// that read until they are done.
func isPeerRead(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return false
	}
	if sig.Recv() != nil {
		switch fn.Name() {
		case "Read", "ReadFrom", "ReadFromUDP", "ReadMsgUDP", "ReadMsgIP", "ReadMsgUnix", "ReadFromUnix":
			return sig.Params().Len() >= 1 && isByteSlice(sig.Params().At(0).Type())
		case "Accept", "AcceptTCP", "AcceptUnix":
			return sig.Params().Len() == 0 && sig.Results().Len() == 2
		case "Handshake", "HandshakeContext":
			return fn.Pkg() != nil && fn.Pkg().Path() == "crypto/tls"
		}
		return IsMethod(fn, "net/http", "Client", "Do", "Get", "Post", "PostForm", "Head") ||
			// A decoder reads the reply of a peer: an RPC round trip
			// over a connection.
			IsMethod(fn, "encoding/gob", "Decoder", "Decode", "DecodeValue") ||
			IsMethod(fn, "encoding/json", "Decoder", "Decode", "Token") ||
			IsMethod(fn, "encoding/xml", "Decoder", "Decode", "DecodeElement", "Token", "RawToken") ||
			IsMethod(fn, "net/textproto", "Reader", "ReadLine", "ReadResponse", "ReadCodeLine", "ReadMIMEHeader") ||
			IsMethod(fn, "net/rpc", "Client", "Call")
	}
	return IsFunc(fn, "net/http", "Get", "Post", "PostForm", "Head") ||
		IsFunc(fn, "io", "ReadFull", "ReadAll", "ReadAtLeast", "Copy", "CopyN", "CopyBuffer")
}

func isByteSlice(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

// isCleanup reports whether fn is testing's Cleanup method.
func isCleanup(fn *types.Func) bool {
	return IsMethod(fn, "testing", "common", "Cleanup") || IsMethod(fn, "testing", "TB", "Cleanup")
}

func constInt64(tv types.TypeAndValue) (int64, bool) {
	if tv.Value == nil {
		return 0, false
	}
	return constantInt64(tv.Value)
}
