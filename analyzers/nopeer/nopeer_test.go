package nopeer_test

import (
	"testing"

	"github.com/wglint/wglint/analyzers/nopeer"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t, "nopeer"), nopeer.Analyzer, "nopeer/a")
}
