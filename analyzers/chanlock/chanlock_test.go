package chanlock_test

import (
	"testing"

	"github.com/wglint/wglint/analyzers/chanlock"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t, "chanlock"), chanlock.Analyzer, "chanlock/a", "chanlock/limitations")
}
