package wrongkey_test

import (
	"testing"

	"github.com/wglint/wglint/analyzers/wrongkey"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.TestData(t, "wrongkey"), wrongkey.Analyzer, "wrongkey/a", "wrongkey/limitations")
}
