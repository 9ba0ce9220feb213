package rangeclose_test

import (
	"testing"

	"github.com/wglint/wglint/analyzers/rangeclose"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t, "rangeclose"), rangeclose.Analyzer, "rangeclose/a", "rangeclose/limitations")
}
