package conc

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// TestPreparePanic: a panic on the goroutine that builds the indexes and
// the funcSyntax of each function is raised again by the model's run, on
// the analyzer's own goroutine, where the drivers and wglint's guard
// recover it and report it as a failure of the analyzer on the package;
// unrecovered on its own goroutine, it would kill the process.
func TestPreparePanic(t *testing.T) {
	const src = "package p\n\nfunc F(ch chan int) {\n\tgo func() { ch <- 1 }()\n\t<-ch\n}\n"
	pass := testPass(t, src)

	// Without a panic, the model is built.
	if res, err := run(pass); err != nil || len(res.(*Model).Funcs) != 2 {
		t.Fatalf("run: %v, %v; want a model of F and its literal", res, err)
	}

	prepareHook = func() { panic("prepare failed") }
	defer func() { prepareHook = nil }()
	defer func() {
		if r := recover(); r != "prepare failed" {
			t.Errorf("run recovered %v, want the panic of the preparing goroutine", r)
		}
	}()
	run(pass)
	t.Error("run returned normally after a panic on the preparing goroutine")
}

// testPass type-checks the one-file package src and returns a pass over it
// with the results of inspect and ctrlflow, and no facts.
func testPass(t *testing.T, src string) *analysis.Pass {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:     make(map[ast.Node]*types.Scope),
		Implicits:  make(map[ast.Node]types.Object),
	}
	files := []*ast.File{file}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("p", fset, files, info)
	if err != nil {
		t.Fatal(err)
	}
	pass := &analysis.Pass{
		Fset:              fset,
		Files:             files,
		Pkg:               pkg,
		TypesInfo:         info,
		ResultOf:          map[*analysis.Analyzer]any{inspect.Analyzer: inspector.New(files)},
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportPackageFact: func(analysis.Fact) {},
		Report:            func(analysis.Diagnostic) {},
	}
	cfgs, err := ctrlflow.Analyzer.Run(pass)
	if err != nil {
		t.Fatal(err)
	}
	pass.ResultOf[ctrlflow.Analyzer] = cfgs

	return pass
}

// TestTrimmedAccesses: once the memory pass has made the summaries, a
// function that starts no goroutine keeps only the accesses of its own
// code (the field index reads those), and asking for all its accesses
// again builds the same list, with the accesses copied from its callees.
func TestTrimmedAccesses(t *testing.T) {
	const src = `package p

type S struct{ a, b int }

func (s *S) setB() { s.b = 1 }

func F(s *S) {
	s.a = 1
	s.setB()
}

func G(s *S) {
	go s.setB()
	s.setB()
}

func H(s *S) {
	x := new(S)
	x.setB()
	s.setB()
}

func register(func()) {}

func K(s *S) {
	register(func() {
		s.a = 2
		s.setB()
	})
}
`
	pass := testPass(t, src)
	m, mm := memoryOf(t, pass)
	byName := make(map[string]*Func)
	for _, f := range m.Funcs {
		if f.Obj != nil {
			byName[f.Obj.Name()] = f
		}
	}
	describe := func(acc []*Access) []string {
		var out []string
		for _, a := range acc {
			callee := ""
			if a.Callee != nil {
				callee = " in " + a.Callee.Name()
			}
			out = append(out, a.Loc.Root.Name()+a.Loc.Path+" "+memKindNames[a.Kind]+callee)
		}
		return out
	}
	f, g := byName["F"], byName["G"]
	if !mm.trimmed[f] || mm.trimmed[g] {
		t.Fatalf("trimmed: F %v, G %v; want F only (G starts a goroutine)", mm.trimmed[f], mm.trimmed[g])
	}
	if got, want := describe(mm.ownAccesses(f)), []string{"s.a assign"}; !slices.Equal(got, want) {
		t.Errorf("own accesses of F: %q, want %q", got, want)
	}
	want := []string{"s.a assign", "s.b assign in setB"}
	if got := describe(mm.Accesses(f)); !slices.Equal(got, want) {
		t.Errorf("accesses of F built again: %q, want %q", got, want)
	}
	if got, want := describe(mm.Accesses(g)), []string{"s.b assign in setB"}; !slices.Equal(got, want) {
		t.Errorf("accesses of G: %q, want %q", got, want)
	}

	// The list made for H's summary leaves out what setB does to the
	// local x, which the summary drops; asking for the accesses builds
	// the whole list.
	h := byName["H"]
	var effects []string
	for _, e := range mm.summary(h.Obj).Effects {
		effects = append(effects, e.String())
	}
	if want := []string{"param0.b:assign"}; !slices.Equal(effects, want) {
		t.Errorf("summary of H: %q, want %q", effects, want)
	}
	fresh := newMemory(pass, m)
	if got, want := describe(fresh.accessesFor(h, summaryList)), []string{"s.b assign in setB"}; !slices.Equal(got, want) {
		t.Errorf("accesses of H for its summary: %q, want %q", got, want)
	}
	if !fresh.trimmed[h] {
		t.Errorf("the list made for H's summary is not marked trimmed")
	}
	if got, want := describe(fresh.Accesses(h)), []string{"x.b assign in setB", "s.b assign in setB"}; !slices.Equal(got, want) {
		t.Errorf("accesses of H: %q, want %q", got, want)
	}

	// The race check's field index asks for the own accesses of a
	// literal, which the memory pass did not build: it gets them without
	// its callees'; asking for the accesses builds the whole list.
	var lit *Func
	for _, f := range m.Funcs {
		if f.Lit != nil {
			lit = f
		}
	}
	if got, want := describe(fresh.ownAccesses(lit)), []string{"s.a assign"}; !slices.Equal(got, want) {
		t.Errorf("own accesses of the literal in K: %q, want %q", got, want)
	}
	if got, want := describe(fresh.Accesses(lit)), []string{"s.a assign", "s.b assign in setB"}; !slices.Equal(got, want) {
		t.Errorf("accesses of the literal in K: %q, want %q", got, want)
	}
}

// TestCalledInPlace: a literal runs where it is written when a call of
// its enclosing function calls it on the spot (also by defer, also inside
// another literal), not when it is handed to a function or stored.
func TestCalledInPlace(t *testing.T) {
	const src = `package p

func register(func()) {}

var hook = func() {}

func F() {
	func() {}()
	defer func() {}()
	register(func() {})
	g := func() {}
	g()
	func() {
		func() {}()
		register(func() {})
	}()
}
`
	pass := testPass(t, src)
	res, err := run(pass)
	if err != nil {
		t.Fatal(err)
	}
	m := res.(*Model)
	var got []bool
	for _, f := range m.Funcs {
		if f.Lit != nil {
			got = append(got, m.calledInPlace(f))
		}
	}
	// In source order: hook (not in a function), the call, the defer,
	// the callback, g, the outer literal, then inside it the call and
	// the callback.
	want := []bool{false, true, true, false, false, true, true, false}
	if !slices.Equal(got, want) {
		t.Errorf("calledInPlace of the literals in source order: %v, want %v", got, want)
	}
}

// TestMemEffectString: the text export sorts effects by, and dedups
// them with.
func TestMemEffectString(t *testing.T) {
	for _, c := range []struct {
		e    MemEffect
		want string
	}{
		{MemEffect{Param: -1, Path: ".n", Kind: MemRead}, "recv.n:read"},
		{MemEffect{Param: 12, Path: "[]", Kind: MemMapWrite, Atomic: true}, "param12[]:map-write+atomic"},
		{MemEffect{Param: -2, Global: "cache", Path: "[]", Kind: MemMapRead, Locks: []MemLock{{Param: -2, Global: "mu"}, {Param: 0, Path: ".mu", Read: true}}}, "cache[]:map-read+locked(mu)+rlocked(param0.mu)"},
		{MemEffect{Param: 3, Kind: MemAppend, Locks: []MemLock{{Param: -1, Path: ".mu"}}}, "param3:append+locked(recv.mu)"},
	} {
		if got := c.e.String(); got != c.want {
			t.Errorf("%#v.String() = %q, want %q", c.e, got, c.want)
		}
	}
	if got, want := (MemLock{Param: 7, Path: ".l", Read: true}).String(), "rlocked(param7.l)"; got != want {
		t.Errorf("MemLock.String() = %q, want %q", got, want)
	}
}

// TestFactsOnly: in a facts-only process the memory pass leaves out of
// the lists of declared functions the accesses their summaries drop, and
// exports the same facts. In c below, the lock held by A's callers is
// known only if the lock states are solved at the call of SetB, whose
// effect (on the receiver's field b) is not a kind the facts carry.
func TestFactsOnly(t *testing.T) {
	const src = `package p

import "sync"

type S struct {
	m  map[int]int
	b  int
	n  int
	mu sync.RWMutex
}

func (s *S) f()    { s.SetB(); s.c() }
func (s *S) SetB() { s.b = 1 }
func (s *S) c()    { s.m[1] = 1; s.mu.RLock(); s.f(); s.mu.RUnlock() }
func (s *S) A()    { s.mu.RLock(); s.c(); s.mu.RUnlock() }

func (s *S) put(k int) {
	local := new(S)
	local.n++
	s.n++
	s.m[k] = s.n
}

var registry = map[int]*S{}

func Register(k int, s *S) {
	registry[k] = s
	other := new(S)
	other.put(k)
	s.put(k)
}
`
	type local struct {
		fn, loc string
	}
	facts := func(only bool) (exported []string, locals []local) {
		defer func(old bool) { factsOnly = old }(factsOnly)
		factsOnly = only
		pass := testPass(t, src)
		m, err := run(pass)
		if err != nil {
			t.Fatal(err)
		}
		pass.ResultOf[Analyzer] = m
		pass.ExportObjectFact = func(obj types.Object, f analysis.Fact) {
			if s, ok := f.(*MemSummary); ok {
				exported = append(exported, obj.Name()+": "+s.String())
			}
		}
		res, err := runMem(pass)
		if err != nil {
			t.Fatal(err)
		}
		mm := res.(*Memory)
		for _, f := range m.(*Model).Funcs {
			if f.Obj == nil {
				continue
			}
			params := paramIndex(f.Obj)
			for _, a := range mm.accesses[f] {
				if _, ok := params[a.Loc.Root]; !ok && !isGlobal(a.Loc.Root) {
					locals = append(locals, local{f.Obj.Name(), a.Loc.Root.Name() + a.Loc.Path})
				}
			}
		}
		return exported, locals
	}
	all, allLocals := facts(false)
	only, onlyLocals := facts(true)
	if len(all) == 0 || !slices.Equal(all, only) {
		t.Errorf("facts of a facts-only run: %q, want those of a whole run: %q", only, all)
	}
	if len(onlyLocals) > 0 {
		t.Errorf("a facts-only run keeps accesses to locals: %v", onlyLocals)
	}
	if len(allLocals) == 0 {
		t.Errorf("the whole run keeps no access to a local")
	}
}

// TestEntryLocksFixedOrder: the model computes the entry locks of every
// function in the order of the functions, on a goroutine of its own, and a
// query from an analyzer that runs meanwhile (the memory pass, chanlock,
// lockorder) waits for that loop's answer: computed on demand, a
// recursion among callers was cut where the first query entered it, and
// the answers depended on which analyzer asked first.
func TestEntryLocksFixedOrder(t *testing.T) {
	// a and b call each other; b locks s.mu around its call of a, and Run
	// calls a holding it. In the order of the functions, b's entry locks
	// are computed inside a's, which is then a recursion in progress: b
	// holds nothing. Asked first, b would hold s.mu.
	const src = `package p

import "sync"

type S struct {
	mu sync.Mutex
	n  int
}

func (s *S) a(k int) { if k > 0 { s.b(k - 1) }; s.n++ }
func (s *S) b(k int) { s.mu.Lock(); s.a(k); s.mu.Unlock() }

func (s *S) Run() {
	s.mu.Lock()
	s.a(3)
	s.mu.Unlock()
}
`
	named := func(m *Model, name string) *Func {
		for _, f := range m.Funcs {
			if f.Name() == name {
				return f
			}
		}
		t.Fatalf("no function %s", name)
		return nil
	}

	// The order matters: asked first (the loop held back), b holds s.mu.
	hold := make(chan struct{})
	entryHook = func() { <-hold }
	res, err := run(testPass(t, src))
	if err != nil {
		t.Fatal(err)
	}
	m := res.(*Model)
	if got := m.entryLocksAt(named(m, "b")); len(got) != 1 {
		t.Fatalf("b computed first holds %v, want s.mu (the test's premise)", got)
	}
	close(hold)

	// A query made before the loop comes to b waits for its answer.
	release := make(chan struct{})
	var once sync.Once
	entryHook = func() { <-release }
	entryWaitHook = func() { once.Do(func() { close(release) }) }
	defer func() { entryHook, entryWaitHook = nil, nil }()
	res, err = run(testPass(t, src))
	if err != nil {
		t.Fatal(err)
	}
	m = res.(*Model)
	if got := m.EntryLocks(named(m, "b")); len(got) != 0 {
		t.Errorf("b asked first holds %v, want nothing (its entry locks in the order of the functions)", got)
	}
	if got := m.EntryLocks(named(m, "a")); len(got) != 1 {
		t.Errorf("a holds %v, want s.mu", got)
	}
	for _, f := range m.Funcs {
		m.EntryLocks(f)
		m.entryMu.Lock()
		if !m.entryFinal(f) {
			t.Errorf("entry locks of %s not final after a query", f.Name())
		}
		m.entryMu.Unlock()
	}
}

// TestEntryLocksPanic: a panic on the goroutine that computes the entry
// locks is raised again in the queries that wait for them, on the
// analyzers' own goroutines, where the drivers and wglint's guard recover
// it; unrecovered on its own goroutine, it would kill the process.
// (A query whose answer asks no other function, noEntryLocks, does not
// wait, and is answered right whatever the loop does.)
func TestEntryLocksPanic(t *testing.T) {
	const src = "package p\n\nimport \"sync\"\n\nvar mu sync.Mutex\n\nfunc f() { mu.Lock(); g(); mu.Unlock() }\nfunc g() {}\n"
	entryHook = func() { panic("entry locks failed") }
	defer func() { entryHook = nil }()
	res, err := run(testPass(t, src))
	if err != nil {
		t.Fatal(err)
	}
	m := res.(*Model)
	defer func() {
		if r := recover(); r != "entry locks failed" {
			t.Errorf("EntryLocks recovered %v, want the panic of the loop", r)
		}
	}()
	// g (Funcs[1]) has a caller, so its query waits for the loop (f's, with none,
	// is answered without it).
	m.EntryLocks(m.Funcs[1])
	t.Error("EntryLocks returned normally after a panic of the loop")
}

// TestOwnListsParallel: the race check's field index builds the lists of
// a package's literals on several goroutines (buildOwnLists) when there
// are many; the lists, the accesses built again from them, and the races
// found are those of building them one after the other.
func TestOwnListsParallel(t *testing.T) {
	var b strings.Builder
	b.WriteString("package p\n\nimport (\n\t\"errors\"\n\t\"sync\"\n)\n\ntype S struct {\n\tmu sync.Mutex\n\tn  int\n\tm  map[int]int\n")
	const n = 300
	for i := range n {
		fmt.Fprintf(&b, "\tf%d int\n", i)
	}
	b.WriteString("}\n\nfunc helper(s *S) { s.n++ }\n\nfunc register(func()) {}\n")
	for i := range n {
		fmt.Fprintf(&b, `
func (s *S) Start%[1]d() {
	go func() {
		s.f%[1]d = 1
		helper(s)
		func() { s.m[%[1]d] = 2; helper(s) }()
		_ = errors.New("x")
	}()
	func() { s.mu.Lock(); s.f%[1]d++; s.mu.Unlock() }()
	s.mu.Lock()
	_ = s.f%[1]d
	s.mu.Unlock()
	register(func() { s.f%[1]d = 3; helper(s) })
}

func (s *S) Get%[1]d() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.f%[1]d
}
`, i)
	}
	src := b.String()
	describe := func(acc []*Access) string {
		var out []string
		for _, a := range acc {
			callee := ""
			if a.Callee != nil {
				callee = " in " + a.Callee.Name()
			}
			out = append(out, fmt.Sprintf("%s%s %s%s %d locks=%d synced=%v", a.Loc.Root.Name(), a.Loc.Path, memKindNames[a.Kind], callee, a.Node.Pos(), len(a.Locks), a.Synced))
		}
		return strings.Join(out, "; ")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	analyse := func(workers int) (races, lists []string, used int) {
		maxOwnListWorkers = workers
		ownListsHook = func(w int) { used = w }
		defer func() { maxOwnListWorkers, ownListsHook = 4, nil }()
		// The goroutines import facts (of errors.New) one at a time.
		pass := testPass(t, src)
		var inFlight, imports atomic.Int32
		pass.ImportObjectFact = func(types.Object, analysis.Fact) bool {
			if inFlight.Add(1) > 1 {
				t.Error("facts imported by two goroutines at once")
			}
			imports.Add(1)
			runtime.Gosched()
			inFlight.Add(-1)
			return false
		}
		m, mm := memoryOf(t, pass)
		for _, r := range mm.FieldRaces() {
			races = append(races, fmt.Sprintf("%d %s %d/%d", r.Kind, describe([]*Access{r.Bad.Access, r.Other.Access}), r.Guarded, r.Total))
		}
		if imports.Load() == 0 {
			t.Error("no fact imported: the test does not exercise the imports")
		}
		// Which list each literal has (whole or without its callees'),
		// before asking for the whole lists builds them again.
		for _, f := range m.Funcs {
			if f.Lit != nil {
				lists = append(lists, fmt.Sprintf("trimmed=%v %s", mm.trimmed[f], describe(mm.ownAccesses(f))))
			}
		}
		for _, f := range m.Funcs {
			if f.Lit != nil {
				lists = append(lists, describe(mm.Accesses(f)))
			}
		}
		return races, lists, used
	}
	seqRaces, seqLists, seqUsed := analyse(1)
	parRaces, parLists, parUsed := analyse(4)
	if seqUsed != 0 || parUsed < 2 {
		t.Fatalf("goroutines building the lists: %d and %d, want none and at least 2", seqUsed, parUsed)
	}
	if len(seqRaces) == 0 {
		t.Fatal("no race found: the package does not test the field index")
	}
	if !slices.Equal(seqRaces, parRaces) {
		t.Errorf("races differ:\none at a time: %q\nin parallel:  %q", seqRaces, parRaces)
	}
	if !slices.Equal(seqLists, parLists) {
		for i := range min(len(seqLists), len(parLists)) {
			if seqLists[i] != parLists[i] {
				t.Errorf("literal %d: one at a time %q, in parallel %q", i, seqLists[i], parLists[i])
				break
			}
		}
		t.Errorf("%d and %d lists", len(seqLists), len(parLists))
	}
}

// memoryOf runs the model and the memory pass on pass.
func memoryOf(t *testing.T, pass *analysis.Pass) (*Model, *Memory) {
	t.Helper()
	m, err := run(pass)
	if err != nil {
		t.Fatal(err)
	}
	pass.ResultOf[Analyzer] = m
	mm, err := runMem(pass)
	if err != nil {
		t.Fatal(err)
	}
	return m.(*Model), mm.(*Memory)
}
