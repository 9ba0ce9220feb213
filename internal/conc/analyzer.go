// Package conc is wglint's model of concurrency, shared by every check.
//
// For each package it finds the functions (declarations and literals), and
// places on their control-flow graphs (from the ctrlflow pass, which knows
// which calls never return) the operations that matter: goroutine launches,
// joins (WaitGroup and errgroup Wait, channel receives and sends, selects,
// ranges over channels, Cond.Wait), WaitGroup Add and Done, sleeps, and
// calls. Objects are matched by types.Object, never by name. Each function
// gets a Summary (does it join, does it run forever, what does it do to the
// WaitGroups reachable from its parameters), exported as a fact so that
// callers in other packages see through calls. Flow-sensitive questions
// ("is there a path from here to a return that does not wait") are answered
// by the path queries of Func.
package conc

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer builds the concurrency model of a package once; the wglint
// checks require it and read its *Model result (but for wgcopy and
// lockcopy, which need only the copies that CopiesAnalyzer finds).
var Analyzer = &analysis.Analyzer{
	Name:       "conc",
	Doc:        "build wglint's concurrency model: goroutine launches, joins, WaitGroup operations and their facts",
	URL:        "https://pkg.go.dev/github.com/wglint/wglint/internal/conc",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Model](),
	FactTypes:  []analysis.Fact{new(Summary)},
}

// Model is the concurrency model of one package.
type Model struct {
	Pass  *analysis.Pass
	Funcs []*Func // every function with a body, in source order

	// ins walks the package's files: its filtered walks skip the
	// subtrees that hold no node of the types asked for.
	ins *inspector.Inspector

	decls    map[*types.Func]*Func
	lits     map[*ast.FuncLit]*Func
	goParent map[*Func]*Func // goroutine literal bodies to the function that starts them

	// The checks of a package run at the same time under some drivers
	// (go vet's unitchecker, x/tools' checker): what the model computes
	// on demand after run is guarded.
	importedMu        sync.Mutex
	imported          map[*types.Func]*Summary // summaries of other packages' functions
	rootsOnce         sync.Once
	roots             []*Root
	unjoinedOnce      sync.Once
	unjoined          []*Unjoined
	callsOnce         sync.Once
	calls             map[*types.Func][]CallSite // static calls of the package's functions (calls.go)
	typesOnce         sync.Once
	calleesOnce       sync.Once
	callees           map[*ast.CallExpr]*types.Func // Callee of every call of the package (Model.Callee)
	named             []types.Type                  // the package's named non-interface types
	namedByMethod     map[string][]int              // indexes in named of the types whose pointer has a method of that name
	fieldsOnce        sync.Once
	fieldValues       map[*types.Var]*fieldFuncs
	funcValues        map[*types.Func]bool // functions used as values
	calledDirectly    map[*types.Func]bool // functions some call of the package names
	byPosOnce         sync.Once
	byPos             []*Func // Funcs by starting position (FuncAt)
	parentsOnce       sync.Once
	parents           map[*Func]*Func // literals to the function whose body holds them
	gor               goroutines      // on which goroutines functions run (parallel.go)
	fieldsWrittenOnce sync.Once
	unwritten         map[*types.Var]bool // fields no statement assigns (conds.go)
	objectsOnce       sync.Once
	objects           *Objects // operations by object class (objects.go)
	assignOnce        sync.Once
	assigned          *assignments // statements that assign each variable (aliases.go)
	entryMu           sync.Mutex
	entryDone         *sync.Cond // signalled when an entry lock becomes final, and when the loop ends
	entryPending      bool       // the loop of computeEntryLocks runs
	entryCrash        any        // what that loop panicked with
	globalsMu         sync.Mutex
	syncTypes         memo[types.Type, bool]  // mentionsSync by type
	wgTypes           memo[types.Type, bool]  // MentionsWaitGroup by type
	classes           memo[classKey, string]  // Class by type and path (Model.Class)
	methodSets        typeutil.MethodSetCache // the method sets of printed operands' types (printedMethod)
	inPlaceOnce       sync.Once
	inPlace           map[*ast.FuncLit]bool // the literals called where they are written (calledInPlace)
	holdingOnce       sync.Once
	holding           map[string]bool // the classes of the mutexes some function may return holding (mayReturnHolding)
	dynNamesOnce      sync.Once
	dynNames          map[string]bool // names of the methods called dynamically
	globalsOnce       sync.Once
	globalValues      map[*types.Var]*globalFuncs       // the values assigned to each package variable (indexGlobalValues)
	localRes          memo[*types.Var, Resolution]      // resolveVar's results for locals and parameters
	impls             map[*types.Interface][]types.Type // implementations' results
	entryLocks        map[*Func][]HeldLock              // locks every caller holds (EntryLocks)
	entryBusy         map[*Func]bool                    // EntryLocks being computed (its entry is a placeholder)
	entryStates       map[*Func]lockState               // lockStatesFrom(f, EntryLocks(f)), once EntryLocks(f) is final
}

func run(pass *analysis.Pass) (any, error) {
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	m := &Model{
		Pass:     pass,
		ins:      ins,
		decls:    make(map[*types.Func]*Func),
		lits:     make(map[*ast.FuncLit]*Func),
		imported: make(map[*types.Func]*Summary),
		goParent: make(map[*Func]*Func),
	}
	// The functions, and, for the goroutine literals (go func(){}(),
	// wg.Go(func(){})), the function that starts them: summaries ask who
	// started a goroutine body, so this is known before any summary.
	var decl *Func // the Func of the last FuncDecl met, which holds the literals met until the next
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			decl = nil
			if n.Body == nil {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[n.Name].(*types.Func)
			if !ok {
				continue
			}
			g := cfgs.FuncDecl(n)
			if g == nil {
				continue
			}
			f := &Func{Decl: n, Obj: obj, Body: n.Body, CFG: g, body: cur.ChildAt(edge.FuncDecl_Body, -1)}
			m.decls[obj] = f
			m.Funcs = append(m.Funcs, f)
			decl = f
		case *ast.FuncLit:
			g := cfgs.FuncLit(n)
			if g == nil {
				continue
			}
			f := &Func{Lit: n, Body: n.Body, CFG: g, body: cur.ChildAt(edge.FuncLit_Body, -1)}
			m.lits[n] = f
			m.Funcs = append(m.Funcs, f)
			if starter := m.enclosingFuncOf(cur, decl); starter != nil {
				parent := cur.Parent()
				if isLaunchedLit(pass.TypesInfo, n, parent.Node(), parent.Parent().Node()) {
					m.goParent[f] = starter
				}
			}
		}
	}
	// The package-wide indexes and each function's funcSyntax read only
	// the syntax, the CFGs and the types: they are built on another
	// goroutine while this one computes the summaries, which wait for one
	// only when they need it before it is done. None asks for an event or
	// a summary, so what they hold does not depend on when, or on which
	// goroutine, they are built.
	// A panic there is raised again here, once the goroutine is done, so
	// that it stays a failure of this analyzer on this package (the
	// drivers, and wglint's guard, recover the analyzer's own goroutine
	// only) instead of killing the process.
	var prepared crashGroup
	prepared.Go(func() {
		if prepareHook != nil {
			prepareHook()
		}
		m.buildIndexes(false)
		for _, f := range m.Funcs {
			m.prepareSyntax(f)
		}
		if !factsOnly {
			// The checks' index of operations on objects: this
			// goroutine finishes its other work well before the
			// summaries are done.
			m.Objects()
			// The memory pass's stops of each function (Memory.stops),
			// which read only the syntax and the types: this goroutine
			// is idle at the end of the summaries, while after the
			// model the memory pass and the checks keep both cores
			// busy.
			for _, f := range m.Funcs {
				m.stopsOf(f)
			}
			// The roots and the literals called in place, which the
			// goroutine layer asks for first thing after the model:
			// they too read only the syntax and the types, and the
			// memory pass waits for that layer.
			m.Roots()
			m.inPlaceOnce.Do(m.indexInPlace)
		}
	})
	defer prepared.Wait()
	// The first summaries need the indexes: rather than wait for the
	// other goroutine, this one builds them too, from the other end (each
	// is built once, by whichever goroutine comes to it first).
	m.buildIndexes(true)
	for _, f := range m.Funcs {
		s := m.summaryOf(f)
		if f.Obj != nil {
			// What its results hold (this asks the package's index of
			// operations, built once).
			s.HeldCancels = m.cancelResults(f)
		}
		if f.Obj != nil && s.interesting() && !m.isTestEntry(f) {
			pass.ExportObjectFact(f.Obj, s)
		}
	}
	// The entry locks of every function, in a fixed order, on a goroutine
	// of their own: a recursion among callers is cut where the first query
	// enters it, so computing them on demand made the answers depend on
	// which analyzer asked first. The analyzers that ask for them (the
	// memory pass and checks, which run at the same time) start meanwhile;
	// a query waits until the loop has come to its function.
	m.computeEntryLocks()
	return m, nil
}

// prepareHook, when set (by a test), runs first on the goroutine that
// builds the indexes and each function's funcSyntax.
var prepareHook func()

// indexByPos sorts the functions by their starting position.
func (m *Model) indexByPos() {
	m.byPos = slices.Clone(m.Funcs)
	slices.SortStableFunc(m.byPos, func(a, b *Func) int { return cmp.Compare(a.Node().Pos(), b.Node().Pos()) })
}

// buildIndexes builds the package-wide indexes that depend only on the
// syntax and the types, in about the order the summaries first ask for
// them, or in the reverse order. Each is built under its own sync.Once: a
// summary that asks for one first builds it itself, and this function then
// only waits for it.
func (m *Model) buildIndexes(reverse bool) {
	builds := []func(){
		func() { m.callsOnce.Do(m.indexCallsAndValues) },
		func() { m.assignments() },
		func() { m.unwrittenFields() },
		func() { m.fieldsOnce.Do(m.indexFieldValues) },
		func() { m.parentsOnce.Do(m.indexParents) },
		func() { m.dynNamesOnce.Do(m.indexDynNames) },
		func() { m.byPosOnce.Do(m.indexByPos) },
	}
	if reverse {
		slices.Reverse(builds)
	}
	for _, build := range builds {
		build()
	}
}

// enclosingFuncOf returns the Func of the function around the literal at
// cur (nil if none, or if the model has none for it): decl is the Func of
// the declaration that holds cur, if any, or nil.
func (m *Model) enclosingFuncOf(cur inspector.Cursor, decl *Func) *Func {
	for c := cur.Parent(); ; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.FuncLit:
			return m.lits[n]
		case *ast.FuncDecl:
			return decl
		case *ast.File, nil:
			return nil
		}
	}
}

// ensureEvents builds the events of f once.
func (m *Model) ensureEvents(f *Func) {
	if f.byBlock == nil {
		m.buildEvents(f)
	}
}

// funcDecl returns the Func of a function declared in this package.
func (m *Model) funcDecl(fn *types.Func) *Func {
	if fn == nil {
		return nil
	}
	return m.decls[fn.Origin()]
}

// funcLit returns the Func of a function literal.
func (m *Model) funcLit(lit *ast.FuncLit) *Func { return m.lits[lit] }

// FuncOf returns the Func of a declaration or literal node, with its events.
func (m *Model) FuncOf(n ast.Node) *Func {
	f := m.funcOfNode(n)
	if f != nil {
		m.summaryOf(f)
	}
	return f
}

// funcOfNode returns the Func of a declaration or literal node, or nil,
// without computing its summary: any goroutine may ask it.
func (m *Model) funcOfNode(n ast.Node) *Func {
	switch n := n.(type) {
	case *ast.FuncDecl:
		obj, _ := m.Pass.TypesInfo.Defs[n.Name].(*types.Func)
		return m.funcDecl(obj)
	case *ast.FuncLit:
		return m.funcLit(n)
	}
	return nil
}

// A crashGroup runs functions on goroutines of their own. Wait waits for
// them and raises a panic of one of them again (that of the first
// started, if several panicked), on the goroutine that waits: the
// drivers, and wglint's guard, recover only the analyzer's own goroutine,
// so that the panic stays a failure of the analyzer on its package
// instead of killing the process.
type crashGroup struct {
	wg      sync.WaitGroup
	crashed []*any // by the order of Go; each written by its own goroutine only
}

// Go runs f on a goroutine of its own. It is called from one goroutine.
// (Each goroutine keeps a cell of its own: one that panicked while a later
// Go grew the slice would otherwise write into the old array, and race
// with the append.)
func (g *crashGroup) Go(f func()) {
	cell := new(any)
	g.crashed = append(g.crashed, cell)
	g.wg.Go(func() {
		defer func() {
			if r := recover(); r != nil {
				*cell = r
			}
		}()
		f()
	})
}

func (g *crashGroup) Wait() {
	g.wg.Wait()
	for _, r := range g.crashed {
		if *r != nil {
			panic(*r)
		}
	}
}

// FuncAt returns the innermost function of the package (declaration or
// literal) whose node holds n, or nil.
func (m *Model) FuncAt(n ast.Node) *Func {
	m.byPosOnce.Do(m.indexByPos)
	// The functions that start at or before n, latest first: the first
	// of them that holds n is the innermost, since any function nested
	// in it starts after it.
	i, _ := slices.BinarySearchFunc(m.byPos, n.Pos(), func(f *Func, p token.Pos) int {
		if f.Node().Pos() <= p {
			return -1
		}
		return 1
	})
	for i--; i >= 0; i-- {
		if fn := m.byPos[i].Node(); fn.Pos() <= n.Pos() && n.End() <= fn.End() {
			return m.FuncOf(fn)
		}
	}
	return nil
}

// Summary returns f's summary.
func (m *Model) Summary(f *Func) *Summary { return m.summaryOf(f) }

// Exhausted returns the functions of the package on which a path search
// stopped at SearchBudget, in source order: the checks said nothing about
// them.
func (m *Model) Exhausted() []*Func {
	var out []*Func
	for _, f := range m.Funcs {
		if f.Exhausted() > 0 {
			out = append(out, f)
		}
	}
	return out
}
