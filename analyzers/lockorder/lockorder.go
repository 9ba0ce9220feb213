package lockorder

import (
	_ "embed"
	"fmt"
	"go/types"
	"sort"
	"strings"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"
	"github.com/wglint/wglint/internal/flow"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports mutexes taken in opposite orders.
var Analyzer = &analysis.Analyzer{
	Name:     "lockorder",
	Requires: []*analysis.Analyzer{conc.Analyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.2.0", checkdoc.Error, checkdoc.Name("InconsistentLockOrder"))

// edge is one observation: class a is held when class b is locked.
type edge struct {
	held, taken *conc.Event
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[conc.Analyzer].(*conc.Model)
	edges := make(map[[2]string]edge) // first observation of each ordered pair, by position
	for _, f := range m.Funcs {
		acq := conc.Acquisitions(f)
		for _, first := range acq {
			if first.Kind != conc.Lock {
				continue
			}
			a := class(first.Ref)
			if a == "" {
				continue
			}
			for _, second := range acq {
				b := class(second.Ref)
				if b == "" || b == a || second.Ref == first.Ref {
					continue
				}
				if f.Reaches(first.After(), func(e *conc.Event) bool { return e == second }, conc.Releases(first.Ref)) == nil {
					continue
				}
				key := [2]string{a, b}
				if old, ok := edges[key]; !ok || second.Pos() < old.taken.Pos() {
					edges[key] = edge{held: first, taken: second}
				}
			}
		}
	}
	var keys [][2]string
	for k := range edges {
		if k[0] < k[1] {
			if _, ok := edges[[2]string{k[1], k[0]}]; ok {
				keys = append(keys, k)
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool { return edges[keys[i]].taken.Pos() < edges[keys[j]].taken.Pos() })
	for _, k := range keys {
		ab, ba := edges[k], edges[[2]string{k[1], k[0]}]
		// Report at the later of the two second locks.
		here, there := ab, ba
		if ba.taken.Pos() > ab.taken.Pos() {
			here, there = ba, ab
		}
		x, y := class(here.held.Ref), class(here.taken.Ref)
		pos := pass.Fset.Position(there.taken.Pos())
		d := analysis.Diagnostic{
			Pos: here.taken.Node.Pos(), End: here.taken.Node.End(), Category: "lock-order",
			Message: fmt.Sprintf("%s is locked while %s is held, but line %d locks %s while %s is held: two goroutines taking them in these orders block each other forever; always lock them in one order", y, x, pos.Line, x, y),
		}
		flow.Set(&d,
			flow.Thread{Name: fmt.Sprintf("a goroutine that locks %s, then %s", x, y), Steps: []flow.Step{
				{Pos: here.held.Pos(), Message: fmt.Sprintf("%s is locked first here", x)},
				{Pos: here.taken.Node.Pos(), End: here.taken.Node.End(), Message: fmt.Sprintf("then %s here: it waits while the other goroutine holds %s", y, y), Primary: true},
			}},
			flow.Thread{Name: fmt.Sprintf("a goroutine that locks %s, then %s", y, x), Steps: []flow.Step{
				{Pos: there.held.Pos(), Message: fmt.Sprintf("%s is locked first here", y)},
				{Pos: there.taken.Pos(), Message: fmt.Sprintf("then %s here", x)},
			}},
		)
		pass.Report(d)
	}
	return nil, nil
}

// class names the mutex at r independently of the function: the named
// struct type that declares its field ("Server.mu", also when reached as
// s.stats.mu through a *Stats field), or a package-level variable. It
// returns "" for a local mutex.
func class(r conc.Ref) string {
	v := r.Root
	name := ""
	if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
		name = v.Pkg().Path() + "." + v.Name()
	}
	if r.Path == "" {
		return name
	}
	t := v.Type()
	if n := namedOf(t); n != "" {
		name = n
	}
	rest := ""
	fields := strings.Split(strings.TrimPrefix(r.Path, "."), ".")
	for i, f := range fields {
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok {
			return ""
		}
		var ft types.Type
		for j := range st.NumFields() {
			if st.Field(j).Name() == f {
				ft = st.Field(j).Type()
			}
		}
		if ft == nil {
			return ""
		}
		rest += "." + f
		if n := namedOf(ft); n != "" && i < len(fields)-1 {
			name, rest = n, "" // the mutex lives in this named type
		}
		t = ft
	}
	if name == "" {
		return ""
	}
	return name + rest
}

// namedOf returns the name of t's named struct type (through a pointer).
func namedOf(t types.Type) string {
	n, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok {
		return ""
	}
	if _, ok := n.Underlying().(*types.Struct); !ok {
		return ""
	}
	return n.Obj().Name()
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}
