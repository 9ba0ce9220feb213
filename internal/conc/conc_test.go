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
