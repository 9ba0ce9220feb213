package chanclose_test

import (
	"testing"

	"github.com/wglint/wglint/analyzers/chanclose"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t, "chanclose"), chanclose.Analyzer, "chanclose/a", "chanclose/limitations", "chanclose/lib", "chanclose/use")
}
