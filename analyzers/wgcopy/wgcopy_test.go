package wgcopy_test

import (
	"testing"

	"github.com/wglint/wglint/analyzers/wgcopy"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

func testdata(t *testing.T) string { return testutil.TestData(t, "wgcopy") }

func Test(t *testing.T) {
	analysistest.Run(t, testdata(t), wgcopy.Analyzer, "wgcopy/a")
}

// TestFix applies the suggested fixes and compares the result with the
// .golden files: the parameter becomes a pointer and the package's call
// sites pass &wg; no fix is offered where it would not compile or would
// break callers.
func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), wgcopy.Analyzer, "wgcopy/fix", "wgcopy/exported")
}
