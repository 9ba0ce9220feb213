package testutil

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"runtime"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"
)

// The importer reads the export data of the standard library (through the
// go command), once per package and process; it is not safe for
// concurrent use.
var (
	impMu sync.Mutex
	imp   = importer.Default()
)

type importResult struct {
	pkg *types.Package
	err error
}

// imported caches every import, failures included: fuzzed sources import
// misspelt paths, each of which would otherwise run the go command again.
var imported = make(map[string]importResult)

type stdImporter struct{}

// Import imports packages of the standard library only (paths without a
// dot in their first element): a generated or fuzzed source must not make
// the go command look for modules.
func (stdImporter) Import(path string) (*types.Package, error) {
	impMu.Lock()
	defer impMu.Unlock()
	if r, ok := imported[path]; ok {
		return r.pkg, r.err
	}
	var r importResult
	first, _, _ := strings.Cut(path, "/")
	if strings.Contains(first, ".") || path == "C" || path == "unsafe" {
		r.err = fmt.Errorf("testutil: not importing %q", path)
		if path == "unsafe" {
			r = importResult{pkg: types.Unsafe}
		}
	} else {
		r.pkg, r.err = imp.Import(path)
	}
	imported[path] = r
	return r.pkg, r.err
}

// LoadSource parses and type-checks the files (name to content) as the
// package path, importing the standard library only, and returns it in
// the form the analysis drivers take (go/analysis/checker.Analyze), or an
// error if it does not parse or type-check.
func LoadSource(path string, files map[string][]byte) (*packages.Package, error) {
	fset := token.NewFileSet()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var syntax []*ast.File
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, files[name], parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		syntax = append(syntax, f)
	}
	conf := types.Config{Importer: stdImporter{}, Sizes: types.SizesFor("gc", runtime.GOARCH)}
	info := &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Instances:    make(map[*ast.Ident]types.Instance),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:       make(map[ast.Node]*types.Scope),
		FileVersions: make(map[*ast.File]string),
	}
	pkg, err := check(&conf, path, fset, syntax, info)
	if err != nil {
		return nil, err
	}
	return &packages.Package{
		ID:         path,
		Name:       pkg.Name(),
		PkgPath:    path,
		Fset:       fset,
		Syntax:     syntax,
		Types:      pkg,
		TypesInfo:  info,
		TypesSizes: conf.Sizes,
		GoFiles:    names,
		Imports:    map[string]*packages.Package{},
	}, nil
}

// check type-checks the files. A panic of go/types itself (Go 1.26.8
// asserts on some invalid recursive local types, and go vet then crashes
// too) is returned as an error: such a source does not type-check, and
// no driver runs the checks on it.
func check(conf *types.Config, path string, fset *token.FileSet, files []*ast.File, info *types.Info) (pkg *types.Package, err error) {
	defer func() {
		if r := recover(); r != nil {
			pkg, err = nil, fmt.Errorf("go/types panicked: %v", r)
		}
	}()
	return conf.Check(path, fset, files, info)
}
