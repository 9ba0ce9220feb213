package lockleak_test

import (
	"testing"

	"github.com/wglint/wglint/analyzers/lockleak"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t, "lockleak"), lockleak.Analyzer, "lockleak/a", "lockleak/lib", "lockleak/use")
}

// TestFix checks the fix that replaces the final Unlock with a defer after
// the Lock, and that no fix is offered when the code after the Unlock
// would then run under the lock.
func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.TestData(t, "lockleak"), lockleak.Analyzer, "lockleak/fix")
}
