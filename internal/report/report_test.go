package report_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/analyzers/sleepjoin"
	"github.com/wglint/wglint/analyzers/unjoinedgo"
	"github.com/wglint/wglint/internal/report"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestDirectives runs two real checks over testdata/src/suppress: line and
// file directives, several checks in one directive, unused and malformed
// directives. The expectations are the // want comments there.
func TestDirectives(t *testing.T) {
	testdata := testutil.TestData(t, "suppress")
	// The subtests run in parallel with each other only: the other tests
	// of the package install the global OnSuppressed hook.
	t.Run("unjoinedgo", func(t *testing.T) {
		t.Parallel()
		analysistest.Run(t, testdata, unjoinedgo.Analyzer, "suppress/line", "suppress/file", "suppress/malformed")
	})
	t.Run("sleepjoin", func(t *testing.T) {
		t.Parallel()
		analysistest.Run(t, testdata, sleepjoin.Analyzer, "suppress/sleep")
	})
	// Malformed directives that name no known check are reported by the
	// alphabetically first check, which is analyzers.All[0].
	first := analyzers.All[0].Analyzer
	t.Run(first.Name, func(t *testing.T) {
		t.Parallel()
		analysistest.Run(t, testdata, first, "suppress/orphan")
	})
}

// load loads GOPATH-style packages of testdata/src the way analysistest
// does, with their tests.
func load(t *testing.T, patterns ...string) []*packages.Package {
	t.Helper()
	testdata := testutil.TestData(t, "suppress")
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax,
		Dir:   testdata,
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+testdata, "GO111MODULE=off", "GOWORK=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 || len(pkgs) == 0 {
		t.Fatalf("loading %v failed", patterns)
	}
	return pkgs
}

// TestMalformedReportedOnce runs every registered check together over the
// packages with malformed directives: each malformed directive must be
// reported by exactly one check, whichever checks it names.
func TestMalformedReportedOnce(t *testing.T) {
	pkgs := load(t, "suppress/malformed", "suppress/orphan")
	graph, err := checker.Analyze(analyzers.Analyzers(), pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	reporters := make(map[string]map[string]bool) // file:line -> checks
	for act := range graph.All() {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			if d.Category != report.CategoryMalformed {
				continue
			}
			posn := act.Package.Fset.Position(d.Pos)
			key := fmt.Sprintf("%s:%d", filepath.Base(posn.Filename), posn.Line)
			if reporters[key] == nil {
				reporters[key] = make(map[string]bool)
			}
			reporters[key][act.Analyzer.Name] = true
		}
	}

	// The expected lines are those with a want comment for a malformed
	// directive.
	want := make(map[string]bool)
	for _, dir := range []string{"malformed", "orphan"} {
		files, _ := filepath.Glob(filepath.Join(testutil.TestData(t, "suppress"), "src", "suppress", dir, "*.go"))
		for _, file := range files {
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(f)
			for line := 1; sc.Scan(); line++ {
				if strings.Contains(sc.Text(), "want `malformed wglint directive") {
					want[fmt.Sprintf("%s:%d", filepath.Base(file), line)] = true
				}
			}
			f.Close()
		}
	}
	if len(want) < 10 {
		t.Fatalf("found %d malformed directives in the test data, expected more", len(want))
	}
	for key := range want {
		switch checks := reporters[key]; len(checks) {
		case 0:
			t.Errorf("%s: malformed directive not reported", key)
		case 1:
		default:
			t.Errorf("%s: malformed directive reported by %d checks, want 1: %v", key, len(checks), checks)
		}
	}
	for key := range reporters {
		if !want[key] {
			t.Errorf("%s: unexpected malformed-directive report", key)
		}
	}
}

// TestOnSuppressed checks that the hook sees each suppressed diagnostic
// with the directive that silenced it, and nothing else.
func TestOnSuppressed(t *testing.T) {
	pkgs := load(t, "suppress/line", "suppress/file")
	var mu sync.Mutex
	var got []string
	report.OnSuppressed(func(s report.Suppressed) {
		posn := s.Pass.Fset.Position(s.Diagnostic.Pos)
		dir := s.Pass.Fset.Position(s.Directive.Pos)
		mu.Lock()
		defer mu.Unlock()
		got = append(got, fmt.Sprintf("%s %s:%d by line %d (%s)", s.Pass.Analyzer.Name, filepath.Base(posn.Filename), posn.Line, dir.Line, s.Directive.Reason))
	})
	defer report.OnSuppressed(nil)
	if _, err := checker.Analyze([]*analysis.Analyzer{unjoinedgo.Analyzer}, pkgs, nil); err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	got = slices.Compact(got) // the package and its test variant
	want := []string{
		"unjoinedgo ignored_test.go:8 by line 1 (these tests only log, and losing a log line is fine)",
		"unjoinedgo ignored_test.go:14 by line 1 (these tests only log, and losing a log line is fine)",
		"unjoinedgo line_test.go:11 by line 10 (the log line is optional; losing it is fine)",
		"unjoinedgo line_test.go:40 by line 39 (the log line is optional; losing it is fine)",
		"unjoinedgo line_test.go:47 by line 46 (the first directive that matches is the one used)",
		"unjoinedgo line_test.go:6 by line 6 (the log line is optional; losing it is fine)",
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("suppressed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
