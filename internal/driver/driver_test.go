package driver_test

import (
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/internal/driver"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// gopath returns the directory of the analysistest packages and the
// environment that loads them in GOPATH mode, as analysistest does.
func gopath(t *testing.T) (dir string, env []string) {
	t.Helper()
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	env = append(os.Environ(), "GO111MODULE=off", "GOPATH="+testdata, "GOFLAGS=", "GOWORK=off")
	return filepath.Join(testdata, "src"), env
}

// describe prints a diagnostic with its positions, related positions and
// fixes, the way a user would compare two reports.
func describe(fset *token.FileSet, name string, d analysis.Diagnostic) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s: %s [%s]", fset.Position(d.Pos), name, d.Message, d.Category)
	for _, r := range d.Related {
		fmt.Fprintf(&b, "\n\t%s: %s", fset.Position(r.Pos), r.Message)
	}
	for _, f := range d.SuggestedFixes {
		fmt.Fprintf(&b, "\n\tfix %q:", f.Message)
		for _, e := range f.TextEdits {
			fmt.Fprintf(&b, " %s-%d=%q", fset.Position(e.Pos), fset.Position(e.End).Offset, e.NewText)
		}
	}
	return b.String()
}

// TestSameAsChecker: over every analysistest package of testdata/src
// (positive and negative cases of every check, cross-package facts, test
// variants), the per-package driver reports exactly what
// golang.org/x/tools/go/analysis/checker reports after loading everything
// from source at once, fixes included.
func TestSameAsChecker(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short")
	}
	dir, env := gopath(t)
	as := analyzers.Analyzers()

	res, err := driver.Run(driver.Options{Analyzers: as, Patterns: []string{"./..."}, Tests: true, Dir: dir, Env: env})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 || len(res.ActionErrors) > 0 {
		t.Fatalf("driver: errors %q, analysis errors %v", res.Errors, res.ActionErrors)
	}
	got := make(map[string]bool)
	for _, d := range res.Diagnostics {
		got[describe(d.Fset, d.Analyzer.Name, d.Diagnostic)] = true
	}

	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: true, Dir: dir, Env: env}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze(as, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := make(map[string]bool)
	for act := range graph.All() {
		if act.Err != nil {
			t.Fatalf("checker: %s: %v", act, act.Err)
		}
		if act.IsRoot && !strings.HasSuffix(act.Package.ID, ".test") {
			for _, d := range act.Diagnostics {
				want[describe(act.Package.Fset, act.Analyzer.Name, d)] = true
			}
		}
	}

	if len(want) < 150 {
		t.Fatalf("the checker reported %d diagnostics over testdata/src; the comparison needs the whole of it", len(want))
	}
	for _, s := range slices.Sorted(keys(want)) {
		if !got[s] {
			t.Errorf("the driver misses:\n%s", s)
		}
	}
	for _, s := range slices.Sorted(keys(got)) {
		if !want[s] {
			t.Errorf("the driver reports more:\n%s", s)
		}
	}
}

func keys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestTestVariantFacts: an external test that calls a method declared in
// its package's _test.go files sees that method's facts, which belong to
// the test variant of the package, and only with -test.
func TestTestVariantFacts(t *testing.T) {
	t.Parallel()
	dir, env := gopath(t)
	for _, tests := range []bool{true, false} {
		res, err := driver.Run(driver.Options{Analyzers: analyzers.Analyzers(), Patterns: []string{"driver/variant"}, Tests: tests, Dir: dir, Env: env})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) > 0 || len(res.ActionErrors) > 0 {
			t.Fatalf("Tests=%v: errors %q, analysis errors %v", tests, res.Errors, res.ActionErrors)
		}
		var got []string
		for _, d := range res.Diagnostics {
			p := d.Fset.Position(d.Pos)
			got = append(got, fmt.Sprintf("%s:%d: %s: %s", filepath.Base(p.Filename), p.Line, d.Analyzer.Name, d.Message))
		}
		want := []string{"variant_test.go:8: doublelock: Len, which locks s.Mu, is called while s.Mu is held since line 6: mutexes are not reentrant, this blocks forever; unlock first or use a variant that expects the lock held"}
		if !tests {
			want = nil
		}
		if !slices.Equal(got, want) {
			t.Errorf("Tests=%v: got\n%s\nwant\n%s", tests, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestErrors: a package that does not type-check is reported once, with
// full positions (not the go command's "# pkg" build output), and its
// importers still load; a missing package is go list's error.
func TestErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/m\n\ngo 1.26\n")
	write("bad/bad.go", "package bad\n\nvar X int = \"three\"\n")
	write("use/use.go", "package use\n\nimport \"example.com/m/bad\"\n\nvar Y = bad.X\n")
	write("missing/missing.go", "package missing\n\nimport _ \"example.com/m/nosuch\"\n")

	res, err := driver.Run(driver.Options{Analyzers: analyzers.Analyzers(), Patterns: []string{"./..."}, Dir: dir, Env: append(os.Environ(), "GOFLAGS=", "GOWORK=off")})
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(res.Errors, "\n")
	for _, want := range []string{
		filepath.Join(dir, "bad", "bad.go") + ":3:13: cannot use \"three\" (untyped string constant) as int value in variable declaration",
		"missing.go:3:8: no required module provides package example.com/m/nosuch",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("errors do not contain %q:\n%s", want, joined)
		}
	}
	if strings.Contains(joined, "# example.com") {
		t.Errorf("errors repeat the go command's build output:\n%s", joined)
	}
	if strings.Contains(joined, "could not import") {
		t.Errorf("the importers of a broken package are reported too:\n%s", joined)
	}
}

// writeModule writes files (by slash-separated name) into a new module
// example.com/m in a temporary directory and returns it.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.26\n"
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// findings runs the driver and returns its findings as
// "file:line: check", sorted.
func findings(t *testing.T, opts driver.Options) []string {
	t.Helper()
	res, err := driver.Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 || len(res.ActionErrors) > 0 {
		t.Fatalf("errors %q, analysis errors %v", res.Errors, res.ActionErrors)
	}
	var got []string
	for _, d := range res.Diagnostics {
		p := d.Fset.Position(d.Pos)
		got = append(got, fmt.Sprintf("%s:%d: %s", filepath.ToSlash(must(filepath.Rel(opts.Dir, p.Filename))), p.Line, d.Analyzer.Name))
	}
	slices.Sort(got)
	return slices.Compact(got)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

const storeSrc = `package store

import "sync"

type Store struct {
	Mu sync.Mutex
	n  int
}

// Len locks s.Mu on every path.
func (s *Store) Len() int {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	return s.n
}

func Copy(wg sync.WaitGroup) { wg.Wait() }
`

const useSrc = `package use

import (
	"sync"

	"example.com/m/store"
)

func Count(s *store.Store) int {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	return s.Len()
}

func Copy(wg sync.WaitGroup) { wg.Wait() }
`

// TestSelect: Select chooses the checks per package; a package with none
// is not reported on, and its facts still reach its importers.
func TestSelect(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{"store/store.go": storeSrc, "use/use.go": useSrc})
	env := append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	opts := driver.Options{Analyzers: analyzers.Analyzers(), Patterns: []string{"./..."}, Dir: dir, Env: env}
	all := findings(t, opts)
	if want := []string{"store/store.go:17: wgcopy", "use/use.go:12: doublelock", "use/use.go:15: wgcopy"}; !slices.Equal(all, want) {
		t.Fatalf("without Select: %v, want %v", all, want)
	}
	var doublelock *analysis.Analyzer
	for _, a := range analyzers.Analyzers() {
		if a.Name == "doublelock" {
			doublelock = a
		}
	}
	var asked []string
	opts.Select = func(p *packages.Package) []*analysis.Analyzer {
		asked = append(asked, p.PkgPath)
		if p.PkgPath == "example.com/m/use" {
			return []*analysis.Analyzer{doublelock}
		}
		return nil
	}
	if got, want := findings(t, opts), []string{"use/use.go:12: doublelock"}; !slices.Equal(got, want) {
		t.Errorf("with Select: %v, want %v (doublelock needs the facts of store, which is not reported on)", got, want)
	}
	slices.Sort(asked)
	if want := []string{"example.com/m/store", "example.com/m/use"}; !slices.Equal(asked, want) {
		t.Errorf("Select was called for %v, want once for each named package %v", asked, want)
	}
}

// TestTags: build tags select files.
func TestTags(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{
		"p/p.go":       "package p\n",
		"p/special.go": "//go:build special\n\npackage p\n\nimport \"sync\"\n\nfunc Copy(wg sync.WaitGroup) { wg.Wait() }\n",
	})
	env := append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	opts := driver.Options{Analyzers: analyzers.Analyzers(), Patterns: []string{"./..."}, Dir: dir, Env: env}
	if got := findings(t, opts); len(got) != 0 {
		t.Errorf("without tags: %v, want nothing (special.go is excluded)", got)
	}
	opts.Tags = []string{"other", "special"}
	if got, want := findings(t, opts), []string{"p/special.go:7: wgcopy"}; !slices.Equal(got, want) {
		t.Errorf("with -tags=other,special: %v, want %v", got, want)
	}
}

// TestNoCompile: the driver type-checks every package from source against
// export data it writes itself, so the go command compiles nothing, not
// even with an empty build cache: with a -toolexec that fails every run of
// a tool (but the go command's question of its version), the packages are
// analysed all the same.
func TestNoCompile(t *testing.T) {
	t.Parallel()
	tools := t.TempDir()
	toolexec, ran := filepath.Join(tools, "toolexec"), filepath.Join(tools, "ran")
	script := "#!/bin/sh\nfor a in \"$@\"; do [ \"$a\" = -V=full ] && exec \"$@\"; done\necho \"$@\" >>" + ran + "\nexit 1\n"
	if err := os.WriteFile(toolexec, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	dir := writeModule(t, map[string]string{
		"dep/d.go": "package dep\n\nimport \"sync\"\n\n// Wait waits.\nfunc Wait(wg *sync.WaitGroup) { wg.Wait() }\n",
		"main.go":  "package main\n\nimport (\n\t\"sync\"\n\n\t\"example.com/m/dep\"\n)\n\nfunc byValue(wg sync.WaitGroup) { dep.Wait(&wg) }\n\nfunc main() { var wg sync.WaitGroup; byValue(wg) }\n",
	})
	env := append(os.Environ(), "GOFLAGS=-toolexec="+toolexec, "GOCACHE="+t.TempDir(), "GOWORK=off", "CGO_ENABLED=0")
	res, err := driver.Run(driver.Options{Analyzers: analyzers.Analyzers(), Patterns: []string{"./..."}, Dir: dir, Env: env})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 || len(res.ActionErrors) > 0 {
		t.Fatalf("errors %q, analysis errors %v", res.Errors, res.ActionErrors)
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, fmt.Sprintf("%s: %s", d.Analyzer.Name, d.Message))
	}
	if len(got) < 2 || !strings.Contains(strings.Join(got, "\n"), "parameter wg receives a copy of a sync.WaitGroup") {
		t.Errorf("want wgcopy's findings, got\n%s", strings.Join(got, "\n"))
	}
	if data, err := os.ReadFile(ran); err == nil {
		t.Errorf("the go command ran tools:\n%s", data)
	}
}

// cachedFindings runs the driver and returns its findings as
// "file:line: check", sorted, and how many packages it analysed (did not
// take from the cache).
func cachedFindings(t *testing.T, opts driver.Options) ([]string, int) {
	t.Helper()
	res, err := driver.Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 || len(res.ActionErrors) > 0 {
		t.Fatalf("errors %q, analysis errors %v", res.Errors, res.ActionErrors)
	}
	var got []string
	for _, d := range res.Diagnostics {
		p := d.Fset.Position(d.Pos)
		got = append(got, fmt.Sprintf("%s:%d: %s", filepath.ToSlash(must(filepath.Rel(opts.Dir, p.Filename))), p.Line, d.Analyzer.Name))
	}
	slices.Sort(got)
	return slices.Compact(got), res.Analysed
}

// TestCacheSelect: what Select chooses for a package is in its cache key.
// Runs that share a cache and choose other analyzers for a package get
// the findings of their own choice, never those of another run; a run
// that chooses as an earlier one did gets its results from the cache.
func TestCacheSelect(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{"store/store.go": storeSrc, "use/use.go": useSrc})
	env := append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	cache, err := driver.OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var doublelock, wgcopy *analysis.Analyzer
	for _, a := range analyzers.Analyzers() {
		switch a.Name {
		case "doublelock":
			doublelock = a
		case "wgcopy":
			wgcopy = a
		}
	}
	only := func(as ...*analysis.Analyzer) func(*packages.Package) []*analysis.Analyzer {
		return func(*packages.Package) []*analysis.Analyzer { return as }
	}
	all := []string{"store/store.go:17: wgcopy", "use/use.go:12: doublelock", "use/use.go:15: wgcopy"}
	for i, c := range []struct {
		name   string
		sel    func(*packages.Package) []*analysis.Analyzer
		want   []string
		cached bool // the named packages come from the cache
	}{
		{"every check", nil, all, false},
		{"every check again", nil, all, true},
		{"doublelock", only(doublelock), []string{"use/use.go:12: doublelock"}, false},
		{"wgcopy", only(wgcopy), []string{"store/store.go:17: wgcopy", "use/use.go:15: wgcopy"}, false},
		{"wgcopy on use only", func(p *packages.Package) []*analysis.Analyzer {
			if p.PkgPath == "example.com/m/use" {
				return []*analysis.Analyzer{wgcopy}
			}
			return nil
		}, []string{"use/use.go:15: wgcopy"}, false},
		{"doublelock again", only(doublelock), []string{"use/use.go:12: doublelock"}, true},
		{"every check, a third time", nil, all, true},
	} {
		opts := driver.Options{Analyzers: analyzers.Analyzers(), Patterns: []string{"./..."}, Dir: dir, Env: env, Cache: cache, Select: c.sel}
		got, analysed := cachedFindings(t, opts)
		if !slices.Equal(got, c.want) {
			t.Errorf("run %d (%s): %v, want %v", i, c.name, got, c.want)
		}
		switch {
		case c.cached && analysed > 0:
			t.Errorf("run %d (%s): %d packages analysed, want every one from the cache", i, c.name, analysed)
		case !c.cached && analysed == 0:
			t.Errorf("run %d (%s): every package from the cache, with a selection not seen before", i, c.name)
		}
		if _, analysed := cachedFindings(t, opts); analysed > 0 {
			t.Errorf("run %d (%s), repeated: %d packages analysed, want every one from the cache", i, c.name, analysed)
		}
	}
}

// TestCacheTags: the build tags are in the cache key; a run with other
// tags never gets the results of a run without them, and back.
func TestCacheTags(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{
		"p/p.go":       "package p\n\nimport \"sync\"\n\nfunc Wait(wg *sync.WaitGroup) { wg.Wait() }\n",
		"p/special.go": "//go:build special\n\npackage p\n\nimport \"sync\"\n\nfunc Copy(wg sync.WaitGroup) { wg.Wait() }\n",
		"p/plain.go":   "//go:build !special\n\npackage p\n\nimport \"sync\"\n\nfunc Copy(wg *sync.WaitGroup) { wg.Wait() }\n",
	})
	env := append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	cache, err := driver.OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	special := []string{"p/special.go:7: wgcopy"}
	for i, c := range []struct {
		tags []string
		want []string
	}{
		{nil, nil},
		{[]string{"special"}, special},
		{nil, nil},
		{[]string{"special", "other"}, special},
		{[]string{"other"}, nil},
		{[]string{"special"}, special},
	} {
		opts := driver.Options{Analyzers: analyzers.Analyzers(), Patterns: []string{"./..."}, Dir: dir, Env: env, Cache: cache, Tags: c.tags}
		got, _ := cachedFindings(t, opts)
		if !slices.Equal(got, c.want) {
			t.Errorf("run %d, tags %q: %v, want %v", i, c.tags, got, c.want)
		}
	}
}
