package conc_test

import (
	"path/filepath"
	"testing"

	"github.com/wglint/wglint/internal/conc"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestFacts checks the summaries exported as facts, and that a package
// sees the facts of the packages it imports.
func TestFacts(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, conc.Analyzer, "concfacts/...")
}
