// Package driver runs analyzers over Go packages one package at a time,
// in one process: the scheme of go vet and of staticcheck, not the one of
// golang.org/x/tools/go/analysis/checker.
//
// The checker (behind multichecker) loads every package and every
// dependency from source at once and keeps all of them, and every result,
// until the end: on the standard library that is gigabytes. This driver
// asks the go command for the package graph (go list, which compiles
// nothing), then analyses the packages in dependency order, at most
// Parallel at a time. Each package is parsed and type-checked from source
// against the export data of its imports, which the driver wrote when it
// type-checked them (gcexportdata.Write, kept in memory until the last
// importer is done); its analyzers run; its facts are kept serialized
// (gob, keyed by the package and the object's objectpath, as go vet's vetx
// files are), and everything else about it is dropped: syntax, types.Info,
// the analyzers' results. Dependencies of the named packages are analysed
// only by the analyzers that produce facts, and by what they require.
//
// With a Cache, a package whose key (see driver.key) has an entry is not
// parsed, type-checked or analysed: its diagnostics, facts and export data
// come from the entry.
package driver

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/wglint/wglint/internal/flow"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"
)

// Options says what to analyse and how.
type Options struct {
	Analyzers []*analysis.Analyzer // the analyzers whose findings are wanted
	Patterns  []string             // package patterns, as for go list
	Tests     bool                 // also analyse the test variants of the packages
	Overlay   map[string][]byte    // contents of files that differ from the disk (absolute paths)
	Parallel  int                  // packages analysed at once; 0 means GOMAXPROCS
	Dir       string               // directory of the go command; "" means the current one
	Env       []string             // environment of the go command; nil means the process's
	Tags      []string             // build tags (go list -tags)

	// Select, if set, is called once for each named package (test variants
	// included) and returns the analyzers of Analyzers whose findings are
	// wanted on it; the others run on it only as prerequisites or to
	// produce the facts its importers need. A package for which it returns
	// none is not analysed for findings. nil means Analyzers for every
	// package.
	Select func(p *packages.Package) []*analysis.Analyzer

	// Cache, when not nil, holds the results of earlier runs: a package
	// whose key (its files, its dependencies' keys, the analyzers that run
	// on it and those whose findings are wanted (Select's choice), Tags,
	// CacheSalt, the Go version and environment) is in it is not analysed
	// again. CacheSalt is what else the results depend on: the build of
	// the analyzers and their flags.
	Cache     *Cache
	CacheSalt string

	// Notes, when not nil, is called after the analyzers ran on a package
	// (a named one or a dependency) with their results; what it returns is
	// kept (and cached) with the package's results, in Result.Notes.
	Notes func(pkg *types.Package, results map[*analysis.Analyzer]any) []string
}

// A Diagnostic is a finding of one analyzer on one named package. Fset
// resolves its positions; it holds the files of that package only.
type Diagnostic struct {
	analysis.Diagnostic
	Analyzer *analysis.Analyzer
	Package  string // the package ID (a test variant has its own)
	Fset     *token.FileSet

	Suppressed bool   // a directive silenced it (see Suppress); only in Result.Suppressed
	Reason     string // the directive's reason

	// Flows are the goroutines of the finding, as the check described
	// them to flow.Set (when flow.Record is on): which related position
	// belongs to which thread. The diagnostic's Related list is a copy
	// (see encodeDiags), so flow.Of does not find them; they are cached
	// with the diagnostic.
	Flows []flow.Recorded
}

// An ActionError is the failure of one analyzer on one package (a
// dependency's included).
type ActionError struct {
	Analyzer *analysis.Analyzer
	Package  string // the package ID
	Err      error
}

func (e ActionError) Error() string { return fmt.Sprintf("%s: %v", e.Analyzer.Name, e.Err) }

// Result is what Run found. Every list is in a deterministic order: the
// packages in dependency order (packages.Postorder of the named
// packages), then, within a package, in the order of the analyzers and of
// their reports.
type Result struct {
	Roots        []*packages.Package // the named packages (metadata only)
	Errors       []string            // load, parse and type errors, without duplicates
	Diagnostics  []Diagnostic        // of the named packages
	Suppressed   []Diagnostic        // of the named packages, silenced by a directive (see Suppress)
	ActionErrors []ActionError
	Notes        []PackageNotes // what Options.Notes said, for the packages where it said something

	Analysed int // packages parsed, type-checked and analysed in this run
	Cached   int // packages whose results came from Options.Cache
}

// PackageNotes are the notes of one package.
type PackageNotes struct {
	Package string // the package ID
	Root    bool   // a named package (not only a dependency)
	Notes   []string
}

// loadMode is the metadata Run asks of go list: no syntax and no types,
// which Run computes itself one package at a time. Export data is not
// asked for: every package that is type-checked is type-checked from
// source, in dependency order, and its importers are type-checked
// against the export data that Run writes for it (in memory, and in the
// cache), so the go command compiles nothing. Only when no analyzer has
// facts, and the dependencies are therefore not analysed, is their export
// data needed (and then go list -export compiles the named packages too).
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps |
	packages.NeedTypesSizes | packages.NeedModule | packages.NeedEmbedFiles

// Run loads the packages that match opts.Patterns and runs the analyzers
// on them. An error is returned only when the go command could not list
// the packages; errors in the packages are in the Result.
func Run(opts Options) (*Result, error) {
	mode := loadMode
	if len(plan(opts.Analyzers, hasFacts)) == 0 {
		mode |= packages.NeedExportFile
	}
	cfg := &packages.Config{Mode: mode, Tests: opts.Tests, Overlay: opts.Overlay, Dir: opts.Dir, Env: opts.Env}
	if len(opts.Tags) > 0 {
		cfg.BuildFlags = []string{"-tags=" + strings.Join(opts.Tags, ",")}
	}
	roots, err := packages.Load(cfg, opts.Patterns...)
	if err != nil {
		return nil, err
	}
	if len(roots) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(opts.Patterns, " "))
	}
	d := newDriver(opts, roots)
	d.run()
	return d.result(), nil
}

func hasFacts(a *analysis.Analyzer) bool { return len(a.FactTypes) > 0 }

// driver is one Run.
type driver struct {
	opts     Options
	roots    []*packages.Package
	order    []*node // every package, in packages.Postorder of the roots
	nodes    map[*packages.Package]*node
	rootPlan []*analysis.Analyzer // analyzers run on named packages, prerequisites first
	depPlan  []*analysis.Analyzer // analyzers run on dependencies (fact producers), prerequisites first
	wanted   map[*analysis.Analyzer]bool
	byName   map[string]*analysis.Analyzer // every analyzer of the plans
	factType map[string]reflect.Type       // every fact type of the plans, by factTypeName
	depKey   string                        // the analyzers of depPlan, for cache keys
	tagsKey  string                        // the build tags, for cache keys
	envKey   string                        // the environment, for cache keys

	mu    sync.Mutex
	facts map[string]map[factKey][]byte // package ID -> fact -> gob encoding

	hashMu sync.Mutex
	hashes map[string]string // file name -> hash of its content, for cache keys
}

// A node is one package of the graph and what its analysis produced.
type node struct {
	pkg      *packages.Package
	root     bool
	plan     []*analysis.Analyzer        // for a root: what runs on it, prerequisites first
	wanted   map[*analysis.Analyzer]bool // for a root: whose findings are kept
	planKey  string                      // for a root: plan and wanted, for its cache key
	analyse  bool                        // run analyzers on it (named, or a dependency whose facts are needed)
	done     chan struct{}
	ok       bool // type-checked without error: importers may use its export data and facts
	errors   []string
	diags    []Diagnostic
	actErrs  []ActionError
	fileSeen map[string]bool

	suppressed  []Diagnostic
	notes       []string
	cached      bool   // its results came from the cache
	typeChecked bool   // it was parsed and type-checked in this run
	key         string // its cache key; "" when it has none (no cache, or not cacheable)

	// Its export data, for its importers that are type-checked: written
	// after it is type-checked, or read from the cache when it was served
	// from there and an importer needs it. users counts the importers that
	// are not done; the last one to finish drops it.
	exportMu sync.Mutex
	export   []byte
	users    atomic.Int32
}

type factKey struct {
	obj string // objectpath of the object; "" for a package fact
	typ reflect.Type
}

func newDriver(opts Options, roots []*packages.Package) *driver {
	d := &driver{
		opts:   opts,
		roots:  roots,
		nodes:  make(map[*packages.Package]*node),
		wanted: make(map[*analysis.Analyzer]bool),
		facts:  make(map[string]map[factKey][]byte),
	}
	for _, a := range opts.Analyzers {
		d.wanted[a] = true
	}
	d.rootPlan = plan(opts.Analyzers, func(*analysis.Analyzer) bool { return true })
	d.depPlan = plan(opts.Analyzers, hasFacts)
	d.byName = make(map[string]*analysis.Analyzer)
	d.factType = make(map[string]reflect.Type)
	for _, a := range d.rootPlan {
		d.byName[a.Name] = a
		for _, f := range a.FactTypes {
			d.factType[factTypeName(reflect.TypeOf(f))] = reflect.TypeOf(f)
		}
	}
	d.depKey = planKey(d.depPlan, nil)
	d.tagsKey = tagsKey(opts.Tags)
	env := opts.Env
	if env == nil {
		env = os.Environ()
	}
	d.envKey = envKey(env)
	d.hashes = make(map[string]string)
	for p := range packages.Postorder(roots) {
		n := &node{pkg: p, done: make(chan struct{})}
		d.nodes[p] = n
		d.order = append(d.order, n)
	}
	for _, p := range roots {
		n := d.nodes[p]
		n.root = !isTestMain(p)
		n.plan, n.wanted = d.rootPlan, d.wanted
		if n.root && opts.Select != nil {
			sel := opts.Select(p)
			n.root = len(sel) > 0
			n.wanted = make(map[*analysis.Analyzer]bool)
			for _, a := range sel {
				n.wanted[a] = d.wanted[a]
			}
			// The fact producers run too: the package's importers need
			// its facts.
			n.plan = plan(append(slices.Clone(sel), d.depPlan...), func(*analysis.Analyzer) bool { return true })
		}
		n.planKey = planKey(n.plan, n.wanted)
		n.analyse = n.root
	}
	if len(d.depPlan) > 0 {
		// Facts flow from every dependency of a named package.
		for _, p := range roots {
			if d.nodes[p].root {
				for q := range packages.Postorder(importsOf(p)) {
					d.nodes[q].analyse = true
				}
			}
		}
	}
	for _, n := range d.order {
		if n.analyse {
			for _, imp := range n.pkg.Imports {
				d.nodes[imp].users.Add(1)
			}
		}
	}
	return d
}

func importsOf(p *packages.Package) []*packages.Package {
	var out []*packages.Package
	for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
		out = append(out, p.Imports[path])
	}
	return out
}

// isTestMain reports whether p is the main package that go test generates
// to run a package's tests: wglint does not analyse it, as go vet does not.
func isTestMain(p *packages.Package) bool {
	if !strings.HasSuffix(p.PkgPath, ".test") || p.Name != "main" {
		return false
	}
	for _, f := range p.GoFiles {
		if filepath.Base(f) == "_testmain.go" {
			return true
		}
	}
	return false
}

// plan returns the analyzers of as for which include holds, found
// through as and their requirements, with everything they require, each
// after its prerequisites, in a stable order.
func plan(as []*analysis.Analyzer, include func(*analysis.Analyzer) bool) []*analysis.Analyzer {
	var roots, out []*analysis.Analyzer
	VisitAnalyzers(as, func(a *analysis.Analyzer) {
		if include(a) {
			roots = append(roots, a)
		}
	})
	VisitAnalyzers(roots, func(a *analysis.Analyzer) { out = append(out, a) })
	return out
}

// VisitAnalyzers calls visit once for each analyzer of as and each that
// they require, directly or not, each after its prerequisites, in the
// order of as and of their Requires.
func VisitAnalyzers(as []*analysis.Analyzer, visit func(*analysis.Analyzer)) {
	seen := make(map[*analysis.Analyzer]bool)
	var walk func(a *analysis.Analyzer)
	walk = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, r := range a.Requires {
			walk(r)
		}
		visit(a)
	}
	for _, a := range as {
		walk(a)
	}
}

// run analyses every package that needs it, each once its imports are
// done, at most opts.Parallel at a time.
func (d *driver) run() {
	par := d.opts.Parallel
	if par <= 0 {
		par = runtime.GOMAXPROCS(0)
	}
	// Each package takes a slot of sem while it is analysed; a large
	// package (generated code such as cmd/compile/internal/ssa, 10 MB of
	// source, needs hundreds of MB while it is analysed) takes every slot,
	// so that two of them, often a package and its test variant, are not
	// in memory together. Slots are taken under gate, one package at a
	// time, so a large package waiting for the running ones to finish
	// holds back the next ones instead of starving.
	sem := make(chan struct{}, par)
	var gate sync.Mutex
	acquire := func(w int) {
		gate.Lock()
		defer gate.Unlock()
		for range w {
			sem <- struct{}{}
		}
	}
	release := func(w int) {
		for range w {
			<-sem
		}
	}
	var wg sync.WaitGroup
	for _, n := range d.order {
		wg.Go(func() {
			defer close(n.done)
			for _, imp := range n.pkg.Imports {
				<-d.nodes[imp].done
			}
			if !n.analyse {
				for _, e := range n.pkg.Errors {
					n.errors = append(n.errors, e.Error())
				}
				n.ok = len(n.pkg.Errors) == 0
				if n.ok && n.pkg.ExportFile != "" && d.opts.Cache != nil {
					// The go command names export data by its content.
					n.key = hashHex("export", n.pkg.ID, n.pkg.ExportFile)
				}
				return
			}
			// Once n is done, its imports have one importer less waiting.
			defer func() {
				for _, imp := range n.pkg.Imports {
					d.nodes[imp].release()
				}
			}()
			w := 1
			if d.sourceSize(n.pkg) >= largePackage {
				w = par
			}
			acquire(w)
			defer release(w)
			d.analyse(n)
		})
	}
	wg.Wait()
}

// largePackage is the size of source from which a package is analysed
// alone.
const largePackage = 4 << 20

// sourceSize returns the size of the Go files of p, in bytes.
func (d *driver) sourceSize(p *packages.Package) int64 {
	var n int64
	for _, name := range p.CompiledGoFiles {
		if src, ok := d.opts.Overlay[name]; ok {
			n += int64(len(src))
		} else if fi, err := os.Stat(name); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// result gathers the nodes' results in package order.
func (d *driver) result() *Result {
	res := &Result{Roots: d.roots}
	seen := make(map[string]bool)
	addErr := func(s string) {
		if !seen[s] {
			seen[s] = true
			res.Errors = append(res.Errors, s)
		}
	}
	modErr := make(map[*packages.Module]bool)
	for _, n := range d.order {
		for _, e := range n.errors {
			addErr(e)
		}
		if m := n.pkg.Module; m != nil && m.Error != nil && !modErr[m] {
			modErr[m] = true
			addErr(m.Error.Err)
		}
		res.Diagnostics = append(res.Diagnostics, n.diags...)
		res.Suppressed = append(res.Suppressed, n.suppressed...)
		res.ActionErrors = append(res.ActionErrors, n.actErrs...)
		if len(n.notes) > 0 {
			res.Notes = append(res.Notes, PackageNotes{Package: n.pkg.ID, Root: n.root, Notes: n.notes})
		}
		switch {
		case n.cached:
			res.Cached++
		case n.typeChecked:
			res.Analysed++
		}
	}
	return res
}

// analyse parses, type-checks and analyses the package of n, or takes its
// results from the cache.
func (d *driver) analyse(n *node) {
	p := n.pkg
	var listErrs []string
	for _, e := range p.Errors {
		// go list -export reports a package that does not compile as
		// "# path\n./file.go:line:col: ...", relative to the package
		// directory: the type-checker reports the same with full
		// positions.
		if e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ") {
			continue
		}
		listErrs = append(listErrs, e.Error())
	}
	if len(listErrs) > 0 || len(p.CompiledGoFiles) == 0 || p.PkgPath == "unsafe" {
		// Missing imports, bad package clauses: go list said what is
		// wrong. No Go files, or unsafe: there is nothing to check.
		n.errors = listErrs
		n.ok = len(n.errors) == 0
		if n.ok && d.opts.Cache != nil {
			n.key = hashHex("empty", p.ID, p.PkgPath)
		}
		return
	}

	for _, imp := range p.Imports {
		if !d.nodes[imp].ok {
			// A broken import: its own errors say what is wrong, and
			// type-checking this package against it would only repeat
			// them as "could not import".
			return
		}
	}

	if d.opts.Cache != nil {
		n.key = d.key(n)
		if n.key != "" && d.fromCache(n) {
			return
		}
	}

	c := d.check(n)
	n.typeChecked = true
	if len(c.errs) > 0 {
		n.errors = append(n.errors, c.errs...)
		n.key = ""
		return
	}
	n.ok = true

	plan := d.depPlan
	if n.root {
		plan = n.plan
	}
	a := &actions{d: d, n: n, fset: c.fset, files: c.files, pkg: c.pkg, info: c.info, imp: c.imp,
		local: make(map[localKey]analysis.Fact), results: make(map[*analysis.Analyzer]any), failed: make(map[*analysis.Analyzer]bool)}
	for _, an := range plan {
		a.run(an)
	}
	facts := d.storeFacts(p.ID, c.pkg, a.local)
	if d.opts.Notes != nil {
		n.notes = d.opts.Notes(c.pkg, a.results)
	}

	// The diagnostics keep only the positions they name, not the file set
	// of the package (which has a line table for every file of every
	// import): the same form as from the cache, so that the output is the
	// same either way.
	diags, files := encodeDiags(c.fset, append(n.diags, n.suppressed...))
	var err error
	n.diags, n.suppressed, err = decodeDiags(diags, files, d.byName, p.ID)
	if err != nil {
		panic(fmt.Sprintf("internal error: diagnostics of %s: %v", p.ID, err))
	}

	var export []byte
	if n.users.Load() > 0 || n.key != "" {
		export = d.writeExport(c)
		n.exportMu.Lock()
		if n.users.Load() > 0 {
			n.export = export
		}
		n.exportMu.Unlock()
	}
	if len(n.actErrs) > 0 || export == nil {
		n.key = "" // not cacheable, nor are its importers
	}
	if n.key != "" {
		e := &cacheEntry{Diags: diags, Files: files, Notes: n.notes}
		for k, data := range facts {
			e.Facts = append(e.Facts, cachedFact{Obj: k.obj, Type: factTypeName(k.typ), Data: data})
		}
		slices.SortFunc(e.Facts, func(x, y cachedFact) int {
			return cmp.Or(strings.Compare(x.Obj, y.Obj), strings.Compare(x.Type, y.Type))
		})
		if body, err := encodeEntry(e); err == nil {
			d.opts.Cache.put(n.key, "x", export)
			d.opts.Cache.put(n.key, "r", body)
		}
	}
}

// checked is a package parsed and type-checked from source.
type checked struct {
	fset  *token.FileSet
	files []*ast.File
	pkg   *types.Package
	info  *types.Info
	imp   *importer
	errs  []string // parse and type errors
}

// check parses and type-checks the package of n against the export data
// of its imports.
func (d *driver) check(n *node) *checked {
	p := n.pkg
	c := &checked{fset: token.NewFileSet()}
	for _, name := range p.CompiledGoFiles {
		src, err := d.readFile(name)
		if err != nil {
			c.errs = append(c.errs, err.Error())
			continue
		}
		f, err := parser.ParseFile(c.fset, name, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			var list scanner.ErrorList
			if errors.As(err, &list) {
				for _, e := range list {
					c.errs = append(c.errs, e.Error())
				}
			} else {
				c.errs = append(c.errs, err.Error())
			}
		}
		if f != nil {
			c.files = append(c.files, f)
		}
	}

	c.imp = &importer{d: d, pkg: p, fset: c.fset, imports: make(map[string]*types.Package)}
	tc := &types.Config{
		Importer: c.imp,
		Sizes:    p.TypesSizes,
		Error: func(err error) {
			c.errs = append(c.errs, err.Error())
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		tc.GoVersion = "go" + p.Module.GoVersion
	}
	c.info = &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
	c.pkg, _ = tc.Check(p.PkgPath, c.fset, c.files, c.info)
	return c
}

// writeExport returns the export data of a type-checked package, or nil
// if it cannot be written.
func (d *driver) writeExport(c *checked) []byte {
	var buf bytes.Buffer
	if err := gcexportdata.Write(&buf, c.fset, c.pkg); err != nil {
		return nil
	}
	return buf.Bytes()
}

// exportData returns the export data of n, a package that its importer
// type-checks against: what analyse wrote, or, for a package served from
// the cache, its cached export data. If that is missing or corrupt, the
// package is type-checked again (only type-checked) to write it.
func (d *driver) exportData(n *node) ([]byte, error) {
	n.exportMu.Lock()
	defer n.exportMu.Unlock()
	if n.export != nil {
		return n.export, nil
	}
	if n.cached {
		if data, ok := d.opts.Cache.get(n.key, "x"); ok {
			n.export = data
			return data, nil
		}
		c := d.check(n)
		if len(c.errs) > 0 {
			return nil, fmt.Errorf("could not import %s: %s", n.pkg.PkgPath, c.errs[0])
		}
		if data := d.writeExport(c); data != nil {
			d.opts.Cache.put(n.key, "x", data)
			n.export = data
			return data, nil
		}
	}
	return nil, nil
}

// release says that one importer of n is done; the last one drops n's
// export data.
func (n *node) release() {
	if n.users.Add(-1) == 0 {
		n.exportMu.Lock()
		n.export = nil
		n.exportMu.Unlock()
	}
}

// key returns the cache key of n, whose imports are done: a hash of
// everything the results of its analysis depend on. The package's
// metadata and the content of its files; for each import, its key (which
// covers its files and its own imports', so a change anywhere below
// changes the key, and with it the facts and types the package sees); the
// analyzers that run on it and those whose findings are kept (for a named
// package, what Options.Select chose: see planKey); the build tags; the
// caller's salt (the analyzers' build and flags); the Go version wglint
// was built with and the environment of the go command.
// It returns "" when a file cannot be read or an import has no key.
func (d *driver) key(n *node) string {
	p := n.pkg
	analyzers := d.depKey
	if n.root {
		analyzers = n.planKey
	}
	parts := []string{
		"wglint cache key 2", d.opts.CacheSalt, analyzers, d.tagsKey, runtime.Version(), d.envKey,
		p.ID, p.PkgPath, p.Name, strconv.FormatBool(n.root), fmt.Sprintf("%#v", p.TypesSizes),
	}
	if m := p.Module; m != nil {
		parts = append(parts, "module", m.Path, m.Version, m.GoVersion)
	}
	for _, name := range p.CompiledGoFiles {
		h, err := d.fileHash(name)
		if err != nil {
			return ""
		}
		parts = append(parts, "compiled", name, h)
	}
	for _, name := range p.OtherFiles {
		h, _ := d.fileHash(name)
		parts = append(parts, "other", name, h)
	}
	for _, list := range [][]string{p.GoFiles, p.IgnoredFiles, p.EmbedFiles} {
		parts = append(parts, "files")
		parts = append(parts, list...)
	}
	for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
		k := d.nodes[p.Imports[path]].key
		if k == "" {
			return ""
		}
		parts = append(parts, "import", path, k)
	}
	return hashHex(parts...)
}

// planKey names, for a cache key, the analyzers that run on a package, in
// order, each marked with a * if its findings are wanted: the analyzers of
// a named package are those Options.Select chose for it (see newDriver),
// so a package whose selection changes (another configuration file, other
// flags) has another key, and a dependency's key does not change with the
// selection of the named packages.
func planKey(plan []*analysis.Analyzer, wanted map[*analysis.Analyzer]bool) string {
	var names []string
	for _, a := range plan {
		mark := ""
		if wanted[a] {
			mark = "*"
		}
		names = append(names, a.Name+mark)
	}
	return strings.Join(names, " ")
}

// tagsKey names the build tags for a cache key, sorted and without
// duplicates (the go command's -tags is a set). The files they select are
// in the key already (their names and contents); the tags are in it too,
// so that a result computed with other tags is never served.
func tagsKey(tags []string) string {
	var list []string
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" {
			list = append(list, t)
		}
	}
	slices.Sort(list)
	return "tags=" + strings.Join(slices.Compact(list), ",")
}

// fileHash returns the hash of the content of a file (from the overlay if
// it has it), once per run.
func (d *driver) fileHash(name string) (string, error) {
	d.hashMu.Lock()
	h, ok := d.hashes[name]
	d.hashMu.Unlock()
	if ok {
		return h, nil
	}
	src, err := d.readFile(name)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(src)
	h = hex.EncodeToString(sum[:])
	d.hashMu.Lock()
	d.hashes[name] = h
	d.hashMu.Unlock()
	return h, nil
}

// fromCache takes the results of n from the cache, and reports whether
// it had them (a corrupt entry is a miss).
func (d *driver) fromCache(n *node) bool {
	body, ok := d.opts.Cache.get(n.key, "r")
	if !ok {
		return false
	}
	e, err := decodeEntry(body)
	if err != nil {
		return false
	}
	facts := make(map[factKey][]byte, len(e.Facts))
	for _, f := range e.Facts {
		typ := d.factType[f.Type]
		if typ == nil {
			return false
		}
		facts[factKey{f.Obj, typ}] = f.Data
	}
	diags, suppressed, err := decodeDiags(e.Diags, e.Files, d.byName, n.pkg.ID)
	if err != nil {
		return false
	}
	if !n.root && (len(diags) > 0 || len(suppressed) > 0) {
		return false
	}
	if len(facts) > 0 {
		d.mu.Lock()
		d.facts[n.pkg.ID] = facts
		d.mu.Unlock()
	}
	n.diags, n.suppressed, n.notes = diags, suppressed, e.Notes
	n.ok, n.cached = true, true
	return true
}

// readFile returns the content of a file, from the overlay if it has it.
func (d *driver) readFile(name string) ([]byte, error) {
	if src, ok := d.opts.Overlay[name]; ok {
		return src, nil
	}
	return os.ReadFile(name)
}

// importer imports the packages of one package from their export data,
// in a map of its own: the test variant of a package and the package
// itself have different export data, and a package sees only one of them.
type importer struct {
	d       *driver
	pkg     *packages.Package
	fset    *token.FileSet
	imports map[string]*types.Package // by package path

	view map[string]*packages.Package // the package's dependencies by path, for facts
}

func (imp *importer) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	ip := imp.pkg.Imports[path]
	if ip == nil {
		return nil, fmt.Errorf("no metadata for %s", path)
	}
	if ip.PkgPath == "unsafe" {
		return types.Unsafe, nil
	}
	if tp := imp.imports[ip.PkgPath]; tp != nil && tp.Complete() {
		return tp, nil
	}
	data, err := imp.d.exportData(imp.d.nodes[ip])
	if err != nil {
		return nil, err
	}
	var r io.Reader
	if data != nil {
		r = bytes.NewReader(data)
	} else {
		if ip.ExportFile == "" {
			return nil, fmt.Errorf("could not import %s: it does not compile", ip.PkgPath)
		}
		f, err := os.Open(ip.ExportFile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r, err = gcexportdata.NewReader(bufio.NewReader(f))
		if err != nil {
			return nil, fmt.Errorf("reading export data of %s: %v", ip.PkgPath, err)
		}
	}
	tp, err := gcexportdata.Read(r, imp.fset, imp.imports, ip.PkgPath)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %v", ip.PkgPath, err)
	}
	return tp, nil
}

// dep returns the node of the package with the given path among the
// dependencies of the package being analysed.
func (imp *importer) dep(path string) *node {
	if imp.view == nil {
		imp.view = make(map[string]*packages.Package)
		for q := range packages.Postorder(importsOf(imp.pkg)) {
			if _, ok := imp.view[q.PkgPath]; !ok {
				imp.view[q.PkgPath] = q
			}
		}
	}
	q := imp.view[path]
	if q == nil {
		return nil
	}
	return imp.d.nodes[q]
}

// storeFacts serializes the facts that the analysis of package id
// exported, for the packages that import it, and returns them. Facts about objects that
// other packages cannot name (local variables, functions literals) are
// dropped, as go vet drops them.
func (d *driver) storeFacts(id string, pkg *types.Package, local map[localKey]analysis.Fact) map[factKey][]byte {
	if len(local) == 0 {
		return nil
	}
	out := make(map[factKey][]byte, len(local))
	var enc objectpath.Encoder
	for k, fact := range local {
		path := ""
		if k.obj != nil {
			p, err := enc.For(k.obj)
			if err != nil {
				continue
			}
			path = string(p)
		}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(fact); err != nil {
			continue
		}
		out[factKey{path, k.typ}] = buf.Bytes()
	}
	d.mu.Lock()
	d.facts[id] = out
	d.mu.Unlock()
	return out
}

// fact returns the serialized fact of type typ about the object at path
// (or about the package, for "") of the package with the given ID.
func (d *driver) fact(id, path string, typ reflect.Type) []byte {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.facts[id][factKey{path, typ}]
}

type localKey struct {
	obj types.Object // nil for a package fact
	typ reflect.Type
}

// actions runs the analyzers of one package.
type actions struct {
	d       *driver
	n       *node
	fset    *token.FileSet
	files   []*ast.File
	pkg     *types.Package
	info    *types.Info
	imp     *importer
	local   map[localKey]analysis.Fact
	results map[*analysis.Analyzer]any
	failed  map[*analysis.Analyzer]bool
	enc     objectpath.Encoder
}

func (a *actions) run(an *analysis.Analyzer) {
	n, p := a.n, a.n.pkg
	var failed []string
	for _, r := range an.Requires {
		if a.failed[r] {
			failed = append(failed, r.Name)
		}
	}
	if len(failed) > 0 {
		a.failed[an] = true
		if n.root && n.wanted[an] {
			n.actErrs = append(n.actErrs, ActionError{an, p.ID, fmt.Errorf("failed prerequisites: %s", strings.Join(failed, ", "))})
		}
		return
	}
	resultOf := make(map[*analysis.Analyzer]any, len(an.Requires))
	for _, r := range an.Requires {
		resultOf[r] = a.results[r]
	}
	rec := new(recorder)
	pass := &analysis.Pass{
		Analyzer:     an,
		Fset:         a.fset,
		Files:        a.files,
		OtherFiles:   p.OtherFiles,
		IgnoredFiles: p.IgnoredFiles,
		Pkg:          a.pkg,
		TypesInfo:    a.info,
		TypesSizes:   p.TypesSizes,
		ResultOf:     resultOf,
		Report:       rec.report,
		ReadFile:     a.readFile,
		ImportObjectFact: func(obj types.Object, ptr analysis.Fact) bool {
			return a.importFact(obj, obj.Pkg(), ptr)
		},
		ImportPackageFact: func(pkg *types.Package, ptr analysis.Fact) bool {
			return a.importFact(nil, pkg, ptr)
		},
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			if obj.Pkg() != a.pkg {
				panic(fmt.Sprintf("analyzer %s exported a fact about %s, which is not in package %s", an.Name, obj, a.pkg.Path()))
			}
			a.local[localKey{obj, reflect.TypeOf(fact)}] = fact
		},
		ExportPackageFact: func(fact analysis.Fact) {
			a.local[localKey{nil, reflect.TypeOf(fact)}] = fact
		},
		AllObjectFacts:  func() []analysis.ObjectFact { return a.allObjectFacts(an) },
		AllPackageFacts: func() []analysis.PackageFact { return a.allPackageFacts(an) },
	}
	if p.Module != nil {
		pass.Module = &analysis.Module{Path: p.Module.Path, Version: p.Module.Version, GoVersion: p.Module.GoVersion}
	}
	livePasses.Store(pass, rec)
	res, err := an.Run(pass)
	livePasses.Delete(pass)
	if err != nil {
		a.failed[an] = true
		n.actErrs = append(n.actErrs, ActionError{an, p.ID, err})
		return
	}
	a.results[an] = res
	if n.root && n.wanted[an] {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		for _, diag := range rec.diags {
			n.diags = append(n.diags, Diagnostic{Diagnostic: diag, Analyzer: an, Package: p.ID, Fset: a.fset, Flows: flow.Take(diag)})
		}
		for _, s := range rec.suppressed {
			n.suppressed = append(n.suppressed, Diagnostic{Diagnostic: s.diag, Analyzer: an, Package: p.ID, Fset: a.fset, Suppressed: true, Reason: s.reason, Flows: flow.Take(s.diag)})
		}
	}
}

// A recorder keeps what one analyzer reported on one package.
type recorder struct {
	mu         sync.Mutex
	diags      []analysis.Diagnostic
	suppressed []suppressedDiag
}

type suppressedDiag struct {
	diag   analysis.Diagnostic
	reason string
}

func (r *recorder) report(d analysis.Diagnostic) {
	r.mu.Lock()
	r.diags = append(r.diags, d)
	r.mu.Unlock()
}

// livePasses maps the passes that are running to their recorders, for
// Suppress.
var livePasses sync.Map

// Suppress records d, which a directive with the given reason silenced, as
// a suppressed diagnostic of the analyzer of pass, a pass that this
// package's driver is running (it reports whether it is). Suppressed
// diagnostics are in Result.Suppressed (for the named packages), and in
// the cache with the others.
func Suppress(pass *analysis.Pass, d analysis.Diagnostic, reason string) bool {
	v, ok := livePasses.Load(pass)
	if !ok {
		return false
	}
	r := v.(*recorder)
	r.mu.Lock()
	r.suppressed = append(r.suppressed, suppressedDiag{d, reason})
	r.mu.Unlock()
	return true
}

// readFile lets an analyzer read the files of its package.
func (a *actions) readFile(name string) ([]byte, error) {
	if a.n.fileSeen == nil {
		p := a.n.pkg
		a.n.fileSeen = make(map[string]bool)
		for _, list := range [][]string{p.GoFiles, p.CompiledGoFiles, p.OtherFiles, p.IgnoredFiles, p.EmbedFiles} {
			for _, f := range list {
				a.n.fileSeen[f] = true
			}
		}
	}
	if !a.n.fileSeen[name] {
		return nil, fmt.Errorf("%s is not a file of package %s", name, a.n.pkg.PkgPath)
	}
	return a.d.readFile(name)
}

// importFact copies into ptr the fact of ptr's type about obj (about pkg
// when obj is nil), from this package's own facts or from the facts of the
// dependency that declares it.
func (a *actions) importFact(obj types.Object, pkg *types.Package, ptr analysis.Fact) bool {
	typ := reflect.TypeOf(ptr)
	if pkg == nil {
		return false // universe objects
	}
	if pkg == a.pkg {
		f, ok := a.local[localKey{obj, typ}]
		if ok {
			reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(f).Elem())
		}
		return ok
	}
	dep := a.imp.dep(pkg.Path())
	if dep == nil || !dep.ok {
		return false
	}
	path := ""
	if obj != nil {
		p, err := a.enc.For(obj)
		if err != nil {
			return false
		}
		path = string(p)
	}
	data := a.d.fact(dep.pkg.ID, path, typ)
	if data == nil {
		return false
	}
	// Decode into a fresh value, so that a fact that fails to decode
	// leaves ptr as it was.
	fact, ok := decodeFact(typ, data)
	if ok {
		reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(fact).Elem())
	}
	return ok
}

// decodeFact decodes a fact of type typ (a pointer type) serialized by
// storeFacts.
func decodeFact(typ reflect.Type, data []byte) (analysis.Fact, bool) {
	v := reflect.New(typ.Elem())
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(v.Interface()); err != nil {
		return nil, false
	}
	return v.Interface().(analysis.Fact), true
}

// factTypes returns the set of an's fact types.
func factTypes(an *analysis.Analyzer) map[reflect.Type]bool {
	want := make(map[reflect.Type]bool, len(an.FactTypes))
	for _, ft := range an.FactTypes {
		want[reflect.TypeOf(ft)] = true
	}
	return want
}

// allObjectFacts returns the object facts of an's fact types of this
// package and of every dependency, the dependencies' first.
func (a *actions) allObjectFacts(an *analysis.Analyzer) []analysis.ObjectFact {
	var out []analysis.ObjectFact
	a.eachDepFact(an, func(tp *types.Package, path string, typ reflect.Type, fact analysis.Fact) {
		if path == "" {
			return
		}
		obj, err := objectpath.Object(tp, objectpath.Path(path))
		if err == nil {
			out = append(out, analysis.ObjectFact{Object: obj, Fact: fact})
		}
	})
	for _, k := range a.localKeys(an) {
		if k.obj != nil {
			out = append(out, analysis.ObjectFact{Object: k.obj, Fact: a.local[k]})
		}
	}
	return out
}

// allPackageFacts is allObjectFacts for package facts.
func (a *actions) allPackageFacts(an *analysis.Analyzer) []analysis.PackageFact {
	var out []analysis.PackageFact
	a.eachDepFact(an, func(tp *types.Package, path string, typ reflect.Type, fact analysis.Fact) {
		if path == "" {
			out = append(out, analysis.PackageFact{Package: tp, Fact: fact})
		}
	})
	for _, k := range a.localKeys(an) {
		if k.obj == nil {
			out = append(out, analysis.PackageFact{Package: a.pkg, Fact: a.local[k]})
		}
	}
	return out
}

// eachDepFact calls f for each fact of an's fact types about a package
// that this package imports (directly or not) through export data.
func (a *actions) eachDepFact(an *analysis.Analyzer, f func(tp *types.Package, path string, typ reflect.Type, fact analysis.Fact)) {
	want := factTypes(an)
	for _, path := range slices.Sorted(maps.Keys(a.imp.imports)) {
		tp := a.imp.imports[path]
		dep := a.imp.dep(path)
		if dep == nil || !dep.ok {
			continue
		}
		a.d.mu.Lock()
		facts := a.d.facts[dep.pkg.ID]
		a.d.mu.Unlock()
		keys := slices.SortedFunc(maps.Keys(facts), func(x, y factKey) int {
			return cmp.Or(strings.Compare(x.obj, y.obj), strings.Compare(x.typ.String(), y.typ.String()))
		})
		for _, k := range keys {
			if !want[k.typ] {
				continue
			}
			if fact, ok := decodeFact(k.typ, facts[k]); ok {
				f(tp, k.obj, k.typ, fact)
			}
		}
	}
}

// localKeys returns the keys of this package's facts of an's fact types,
// in the order of the objects' positions.
func (a *actions) localKeys(an *analysis.Analyzer) []localKey {
	want := factTypes(an)
	var keys []localKey
	for k := range a.local {
		if want[k.typ] {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(x, y localKey) int {
		var px, py token.Pos
		if x.obj != nil {
			px = x.obj.Pos()
		}
		if y.obj != nil {
			py = y.obj.Pos()
		}
		return cmp.Or(cmp.Compare(px, py), strings.Compare(x.typ.String(), y.typ.String()))
	})
	return keys
}
