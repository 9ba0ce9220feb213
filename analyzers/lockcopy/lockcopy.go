package lockcopy

import (
	_ "embed"
	"go/types"

	"github.com/wglint/wglint/internal/checkdoc"
	"github.com/wglint/wglint/internal/conc"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports mutexes, Once and Cond values that are copied.
var Analyzer = &analysis.Analyzer{
	Name:     "lockcopy",
	Requires: []*analysis.Analyzer{conc.CopiesAnalyzer},
	Run:      run,
}

// Check is the documentation record of the analyzer.
var Check = checkdoc.New(Analyzer, doc, "v0.2.0", checkdoc.Error, checkdoc.Name("CopiedLock"))

// kinds are the copied types and what goes wrong with a copy.
var kinds = []struct {
	name, consequence string
}{
	{"Mutex", "locking the copy does not exclude goroutines that lock the original, so the data it guards races"},
	{"RWMutex", "locking the copy does not exclude goroutines that lock the original, so the data it guards races"},
	{"Once", "the copy has its own done flag, so the function can run again"},
	{"Cond", "Wait and Signal on different copies never meet, so Wait can block forever"},
}

func run(pass *analysis.Pass) (any, error) {
	for _, c := range pass.ResultOf[conc.CopiesAnalyzer].(*conc.Copies).Locks {
		if _, ok := conc.ContainsByValue(c.Type, conc.IsWaitGroup); ok {
			continue // reported by wgcopy
		}
		name, consequence := objectOf(c)
		var fix *analysis.SuggestedFix
		if c.Kind == conc.CopyParam {
			fix = conc.PointerParamFix(pass, c, name)
		}
		pass.Report(conc.CopyDiagnostic(c, name, consequence, fix))
	}
	return nil, nil
}

// objectOf returns the name of the sync type a copy holds and the
// consequence of copying it.
func objectOf(c *conc.Copy) (string, string) {
	t := c.Type
	if c.Path != "" {
		if ft := fieldType(c.Type, c.Path); ft != nil {
			t = ft
		}
	}
	for _, k := range kinds {
		if conc.IsNamed(t, "sync", k.name) {
			return "sync." + k.name, k.consequence
		}
	}
	return "sync.Mutex", kinds[0].consequence
}

// fieldType follows a path of ".f" and "[0]" steps through t.
func fieldType(t types.Type, path string) types.Type {
	for path != "" {
		switch {
		case path[0] == '[':
			a, ok := t.Underlying().(*types.Array)
			if !ok {
				return nil
			}
			t = a.Elem()
			path = path[3:]
		case path[0] == '.':
			path = path[1:]
			name := path
			for i, r := range path {
				if r == '.' || r == '[' {
					name = path[:i]
					break
				}
			}
			path = path[len(name):]
			st, ok := t.Underlying().(*types.Struct)
			if !ok {
				return nil
			}
			var next types.Type
			for i := range st.NumFields() {
				if st.Field(i).Name() == name {
					next = st.Field(i).Type()
				}
			}
			if next == nil {
				return nil
			}
			t = next
		default:
			return nil
		}
	}
	return t
}
