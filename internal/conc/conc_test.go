package conc_test

import (
	"testing"

	"github.com/wglint/wglint/internal/conc"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestFacts checks the summaries exported as facts, and that a package
// sees the facts of the packages it imports.
func TestFacts(t *testing.T) {
	testdata := testutil.TestData(t, "concfacts")
	analysistest.Run(t, testdata, conc.Analyzer, "concfacts/...")
}

// TestMemFacts checks the memory summaries exported as facts: the same
// accesses under the same mutexes give the same fact (the go command
// compares facts byte for byte to decide what to re-run).
func TestMemFacts(t *testing.T) {
	testdata := testutil.TestData(t, "concmemfacts")
	analysistest.Run(t, testdata, conc.MemAnalyzer, "concmemfacts/...")
}
