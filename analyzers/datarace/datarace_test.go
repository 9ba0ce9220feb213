package datarace_test

import (
	"testing"

	"github.com/wglint/wglint/analyzers/datarace"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t, "datarace"), datarace.Analyzer, "datarace/a", "datarace/lib", "datarace/use", "datarace/limitations", "datarace/objects")
}
