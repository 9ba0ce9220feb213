package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/internal/driver"

	"golang.org/x/tools/go/analysis"
)

// extraAnalyzers are run after the checks of analyzers.All. Only tests set
// it (panichook.go, built with the wglint_panictest tag, adds an analyzer
// that panics on purpose).
var extraAnalyzers []*analysis.Analyzer

// allAnalyzers returns the analyzers wglint runs: every check, and the
// extra analyzers of tests.
func allAnalyzers() []*analysis.Analyzer {
	return append(analyzers.Analyzers(), extraAnalyzers...)
}

var guardOnce sync.Once

// guardPanics makes a panic in an analyzer an error of that analyzer on
// that package, for every analyzer that as requires, directly or not
// (wglint's model, and the inspect and ctrlflow passes of x/tools too).
//
// The drivers of golang.org/x/tools v0.52.0 do not recover panics: the
// checker used by multichecker runs each analyzer on each package in its
// own goroutine, so one panic would kill the process and lose every other
// package's findings; unitchecker (under go vet) would lose the package's
// facts and findings; wglint's own standalone driver runs the packages in
// goroutines too. With the guard, the driver reports "NAME: analyzer NAME
// panicked on package PATH: VALUE (at FILE:LINE)" like any analysis error,
// and exits 1; the other analyzers and packages are unaffected, except the
// analyses of that package that depend on the failed one, which report
// "failed prerequisites" (standalone, the packages that import it are
// analysed without its facts).
//
// It changes the Run field of the analyzers in place, once per process:
// the drivers find results by *Analyzer, so the analyzers keep their
// identity.
func guardPanics(as []*analysis.Analyzer) {
	guardOnce.Do(func() {
		driver.VisitAnalyzers(as, func(a *analysis.Analyzer) {
			a.Run = guardRun(a.Name, a.Run)
		})
	})
}

func guardRun(name string, run func(*analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (result any, err error) {
		defer func() {
			if r := recover(); r != nil {
				path := "?"
				if pass.Pkg != nil {
					path = pass.Pkg.Path()
				}
				result = nil
				err = fmt.Errorf("analyzer %s panicked on package %s: %v%s", name, path, r, panicSite())
			}
		}()
		return run(pass)
	}
}

// panicSite returns " (at FILE:LINE in FUNC)" for the function that
// panicked, called from the deferred function of guardRun: the first frame
// outside the runtime after runtime.gopanic.
func panicSite() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	inPanic := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			inPanic = true
		case inPanic && !strings.HasPrefix(f.Function, "runtime."):
			return fmt.Sprintf(" (at %s:%d in %s)", f.File, f.Line, f.Function)
		}
		if !more {
			return ""
		}
	}
}

// lookupAnalyzer returns the analyzer of the check named name, or nil.
func lookupAnalyzer(name string) *analysis.Analyzer {
	for _, a := range allAnalyzers() {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// checkNames returns the names of the checks, in registry order.
func checkNames() []string {
	var names []string
	for _, a := range allAnalyzers() {
		names = append(names, a.Name)
	}
	return names
}

// isExperimental reports whether the check named name is experimental:
// off unless named.
func isExperimental(name string) bool {
	c := lookup(name)
	return c != nil && c.Experimental
}
