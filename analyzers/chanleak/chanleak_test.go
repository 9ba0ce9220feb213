package chanleak_test

import (
	"testing"

	"github.com/wglint/wglint/analyzers/chanleak"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t, "chanleak"), chanleak.Analyzer, "chanleak/a", "chanleak/lib", "chanleak/use", "chanleak/limitations", "chanleak/cancel")
}

// TestFix checks the fix that gives the channel a buffer for every sender.
func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t, "chanleak"), chanleak.Analyzer, "chanleak/fix")
}
