package conc

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// Goroutine is what the model knows of a goroutine started by a Launch
// event.
type Goroutine struct {
	Event  *Event
	Launch *LaunchInfo
	Parent *Func
	// Known reports whether the started function is known: a literal or a
	// named function or method (not a func value or an interface method).
	Known bool
	// Body is the started function when it is in this package.
	Body *Func
	// Summary of the started function; nil when it does nothing of
	// interest (or is not known).
	Summary *Summary
	// Effects of the goroutine on the launching function's WaitGroups.
	Effects []RefEffect
	// UsesTesting reports whether the goroutine reports through a *testing.T,
	// B, F or TB of the launching function.
	UsesTesting bool
}

// RefEffect is an Effect on the WaitGroup at Ref.
type RefEffect struct {
	Ref    Ref
	Effect Effect
}

// Forever reports whether the goroutine never finishes by design.
func (g *Goroutine) Forever() bool { return g.Summary != nil && g.Summary.Forever }

// EffectOn returns the goroutine's effect on the launching function's
// WaitGroup at r.
func (g *Goroutine) EffectOn(r Ref) (Effect, bool) {
	for _, e := range g.Effects {
		if e.Ref == r {
			return e.Effect, true
		}
	}
	return Effect{}, false
}

// Goroutine describes the goroutine started by the Launch event e of f.
func (m *Model) Goroutine(f *Func, e *Event) *Goroutine {
	li := e.Launch
	g := &Goroutine{Event: e, Launch: li, Parent: f}
	info := m.Pass.TypesInfo
	switch {
	case li.Lit != nil:
		g.Known = true
		g.Body = li.Body
		if g.Body != nil {
			g.Summary = m.summaryOf(g.Body)
			for _, le := range g.Summary.local {
				if !g.Body.Declares(le.Ref.Root) {
					g.Effects = append(g.Effects, RefEffect(le))
				}
			}
		}
		g.UsesTesting = m.usesTesting(li.Lit)
	case li.Fn != nil:
		g.Known = true
		g.Body = li.Body
		g.Summary = m.summaryOfFunc(li.Fn)
		if g.Summary != nil {
			for _, pe := range g.Summary.Effects {
				if r, ok := pe.Resolve(info, li.Fn, li.Recv, li.Args); ok {
					g.Effects = append(g.Effects, RefEffect{Ref: r, Effect: pe.Effect})
				}
			}
		}
		for _, a := range append([]ast.Expr{li.Recv}, li.Args...) {
			if a != nil {
				if t := info.TypeOf(a); t != nil && IsTestingT(t) {
					g.UsesTesting = true
				}
			}
		}
	}
	return g
}

// testingReporters are the methods of testing.TB whose calls after the test
// has finished panic or are lost.
var testingReporters = []string{"Error", "Errorf", "Fatal", "Fatalf", "Fail", "FailNow", "Log", "Logf", "Skip", "Skipf", "SkipNow"}

// usesTesting reports whether lit calls a reporting method of a testing
// value declared outside lit. A call that reports the error of a blocking
// call (if err := s.Serve(ln); err != nil { t.Error(err) }) does not
// count: the goroutine reports only if the server fails, and what the
// blocking call returns once the test is over (nil, for a closed
// listener) is beyond what the model sees.
func (m *Model) usesTesting(lit *ast.FuncLit) bool {
	info := m.Pass.TypesInfo
	found := false
	var stack []ast.Node
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if found {
			return false
		}
		stack = append(stack, n)
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || !oneOf(se.Sel.Name, testingReporters) {
			return true
		}
		id, ok := ast.Unparen(se.X).(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := info.Uses[id].(*types.Var)
		if ok && IsTestingT(v.Type()) && (v.Pos() < lit.Pos() || v.Pos() >= lit.End()) && !m.reportsBlockingError(stack) {
			found = true
		}
		return true
	})
	return found
}

// reportsBlockingError reports whether the innermost if around the node
// at the top of stack tests "err != nil" for the error its init statement
// got from a call that waits for another goroutine or serves.
func (m *Model) reportsBlockingError(stack []ast.Node) bool {
	info := m.Pass.TypesInfo
	for i := len(stack) - 2; i >= 0; i-- {
		is, ok := stack[i].(*ast.IfStmt)
		if !ok {
			continue
		}
		if stack[i+1] != is.Body {
			return false // in the else branch, or the condition
		}
		as, ok := is.Init.(*ast.AssignStmt)
		if !ok && i > 0 {
			// c, err := ln.Accept(); if err != nil {...}: the statement
			// just before the if.
			if blk, isBlock := stack[i-1].(*ast.BlockStmt); isBlock {
				for k, st := range blk.List {
					if st == ast.Stmt(is) && k > 0 {
						as, ok = blk.List[k-1].(*ast.AssignStmt)
					}
				}
			}
		}
		if !ok || len(as.Rhs) != 1 {
			return false
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok {
			return false
		}
		b, ok := ast.Unparen(is.Cond).(*ast.BinaryExpr)
		if !ok || b.Op != token.NEQ {
			return false
		}
		id, ok := ast.Unparen(b.X).(*ast.Ident)
		if !ok || !types.Identical(info.TypeOf(id), types.Universe.Lookup("error").Type()) {
			return false
		}
		if nilID, ok := ast.Unparen(b.Y).(*ast.Ident); !ok || nilID.Name != "nil" {
			return false
		}
		assigned := false
		for _, l := range as.Lhs {
			if lid, ok := ast.Unparen(l).(*ast.Ident); ok && identVar(info, lid) == identVar(info, id) {
				assigned = true
			}
		}
		if !assigned {
			return false
		}
		fn := m.Callee(call)
		if fn == nil {
			return false
		}
		if isServer(fn) || isBlockingIO(fn) || isPeerRead(fn) || isConnWrite(fn) {
			return true
		}
		if s := m.summaryOfFunc(fn); s != nil && s != recursive && s.Joins() {
			return true
		}
		return false
	}
	return false
}

// RootKind says why a function is a root: its return ends the program or
// the test.
type RootKind uint8

const (
	MainRoot RootKind = iota + 1 // main.main
	TestRoot                     // TestXxx, BenchmarkXxx, FuzzXxx, and t.Run / b.Run / f.Fuzz bodies
)

// Root is a function whose return ends the program (main.main) or a test.
type Root struct {
	Func *Func
	Kind RootKind
	Name string // "main", "TestFoo", "subtest of TestFoo"
}

// Roots returns the package's roots in source order. They are computed
// once, from the syntax and the types only (the model's second goroutine
// computes them in its idle time).
func (m *Model) Roots() []*Root {
	m.rootsOnce.Do(func() { m.roots = m.findRoots() })
	return m.roots
}

func (m *Model) findRoots() []*Root {
	var roots []*Root
	pass := m.Pass
	for _, file := range pass.Files {
		isTest := strings.HasSuffix(pass.Fset.File(file.Pos()).Name(), "_test.go")
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || fd.Recv != nil {
				continue
			}
			f := m.funcOfNode(fd)
			if f == nil {
				continue
			}
			switch {
			case pass.Pkg.Name() == "main" && fd.Name.Name == "main" && !isTest:
				roots = append(roots, &Root{Func: f, Kind: MainRoot, Name: "main"})
			case isTest && isTestFunc(pass.TypesInfo, fd):
				roots = append(roots, &Root{Func: f, Kind: TestRoot, Name: fd.Name.Name})
				// Subtests and fuzz targets inside it.
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					fn := m.Callee(call)
					if !IsMethod(fn, "testing", "T", "Run") && !IsMethod(fn, "testing", "B", "Run") && !IsMethod(fn, "testing", "F", "Fuzz") {
						return true
					}
					for _, a := range call.Args {
						if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok {
							if lf := m.funcOfNode(lit); lf != nil {
								roots = append(roots, &Root{Func: lf, Kind: TestRoot, Name: "a subtest of " + fd.Name.Name})
							}
						}
					}
					return true
				})
			}
		}
	}
	return roots
}

// isTestEntry reports whether f is a test, benchmark or fuzz test of a
// _test.go file, which exports no fact: the testing package runs it, and
// the one package that could call it is the package's external test
// package (foo_test calling foo.TestXxx(t), a shared conformance test),
// which then sees no summary for it, as for a function with no effect.
// On a package with thousands of tests, most of the facts written were
// theirs (10 of the 13.1 MB of nats-server's server test variant).
func (m *Model) isTestEntry(f *Func) bool {
	if f.Decl == nil || f.Decl.Recv != nil || !isTestFunc(m.Pass.TypesInfo, f.Decl) {
		return false
	}
	return strings.HasSuffix(m.Pass.Fset.File(f.Decl.Pos()).Name(), "_test.go")
}

// isTestFunc reports whether fd is a TestXxx, BenchmarkXxx or FuzzXxx
// function as go test runs them.
func isTestFunc(info *types.Info, fd *ast.FuncDecl) bool {
	name := fd.Name.Name
	var prefix, typ string
	switch {
	case strings.HasPrefix(name, "Test"):
		prefix, typ = "Test", "T"
	case strings.HasPrefix(name, "Benchmark"):
		prefix, typ = "Benchmark", "B"
	case strings.HasPrefix(name, "Fuzz"):
		prefix, typ = "Fuzz", "F"
	default:
		return false
	}
	if rest := name[len(prefix):]; rest != "" && strings.ToLower(rest[:1]) == rest[:1] && strings.ToUpper(rest[:1]) != rest[:1] {
		return false // Testfoo is not a test
	}
	if fd.Type.TypeParams != nil || fd.Type.Results != nil || len(fd.Type.Params.List) != 1 {
		return false
	}
	t := info.TypeOf(fd.Type.Params.List[0].Type)
	p, ok := t.(*types.Pointer)
	return ok && IsNamed(p.Elem(), "testing", typ)
}

// isConnWrite reports whether fn is a Write([]byte) (int, error) method: on
// a connection or a pipe, it blocks until the peer reads, and it fails
// once the peer is gone.
func isConnWrite(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || fn.Name() != "Write" {
		return false
	}
	return sig.Params().Len() == 1 && isByteSlice(sig.Params().At(0).Type()) && sig.Results().Len() == 2
}
