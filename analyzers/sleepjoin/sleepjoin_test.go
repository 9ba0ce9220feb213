package sleepjoin_test

import (
	"testing"

	"github.com/wglint/wglint/analyzers/sleepjoin"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	testdata := testutil.TestData(t, "sleepjoin")
	analysistest.Run(t, testdata, sleepjoin.Analyzer, "sleepjoin/...")
}
