package fuzz

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// seeds returns the contents of the single-file programs of testdata: the
// blog post's programs, the broken and panic test packages, and every file
// of the analyzers' test packages (those that import the fake packages of
// testdata/src do not type-check, but their mutants may).
func seeds(t testing.TB) map[string][]byte {
	root := testutil.TestData(t)
	out := make(map[string][]byte)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 20 {
		t.Fatalf("found %d seed files under %s, want at least 20", len(out), root)
	}
	return out
}

// analyze parses and type-checks src as a package of one file and, if it
// type-checks, runs every check on it. It returns whether the source
// type-checked, and the number of findings; an analysis error fails t (a
// panic crashes the test, which is what fuzzing looks for).
func analyze(t testing.TB, name string, src []byte) (ok bool, findings int) {
	// Test files of an external test package are analysed like others.
	lpkg, err := testutil.LoadSource("example.com/fuzz/pkg", map[string][]byte{name: src})
	if err != nil {
		// Drivers do not run the checks on packages with type errors.
		return false, 0
	}
	graph, err := checker.Analyze(analyzers.Analyzers(), []*packages.Package{lpkg}, nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s: analyzer %s: %v\n%s", name, act.Analyzer.Name, act.Err, src)
		}
		if act.IsRoot {
			findings += len(act.Diagnostics)
		}
	}
	return true, findings
}

// TestSeeds: the harness works: most of the seeds type-check, the checks
// run on them and report the findings the test data expects.
func TestSeeds(t *testing.T) {
	checked, findings := 0, 0
	all := seeds(t)
	for name, src := range all {
		ok, n := analyze(t, name, src)
		if ok {
			checked++
			findings += n
		}
	}
	t.Logf("%d of %d seeds type-check; %d findings", checked, len(all), findings)
	if checked < len(all)/2 {
		t.Errorf("only %d of %d seeds type-check", checked, len(all))
	}
	if findings < checked {
		t.Errorf("%d findings on %d seeds that type-check: the checks do not seem to run", findings, checked)
	}
}

// FuzzAnalyzers mutates the seeds; every mutant that type-checks is
// analysed by every check, which must not panic or fail.
func FuzzAnalyzers(f *testing.F) {
	for _, src := range seeds(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		analyze(t, "fuzz.go", src)
	})
}
