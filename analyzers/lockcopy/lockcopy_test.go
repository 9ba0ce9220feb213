package lockcopy_test

import (
	"testing"

	"github.com/wglint/wglint/analyzers/lockcopy"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t, "lockcopy"), lockcopy.Analyzer, "lockcopy/a")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t, "lockcopy"), lockcopy.Analyzer, "lockcopy/fix")
}
