package wgcopy_test

import (
	"path/filepath"
	"testing"

	"github.com/wglint/wglint/analyzers/wgcopy"

	"golang.org/x/tools/go/analysis/analysistest"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

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
