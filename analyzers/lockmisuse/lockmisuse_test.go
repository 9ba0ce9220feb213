package lockmisuse_test

import (
	"testing"

	"github.com/wglint/wglint/analyzers/lockmisuse"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t, "lockmisuse"), lockmisuse.Analyzer, "lockmisuse/...")
}

// TestFix: defer mu.Lock() after mu.Lock() becomes defer mu.Unlock() when
// the mutex is held there on every path; otherwise the finding has no fix.
func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t, "lockmisuse"), lockmisuse.Analyzer, "lockmisuse/fix")
}
