package wgprotocol_test

import (
	"testing"

	"github.com/wglint/wglint/analyzers/wgprotocol"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	testdata := testutil.TestData(t, "wgprotocol")
	analysistest.Run(t, testdata, wgprotocol.Analyzer, "wgprotocol/...")
}
