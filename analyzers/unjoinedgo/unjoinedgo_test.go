package unjoinedgo_test

import (
	"testing"

	"github.com/wglint/wglint/analyzers/unjoinedgo"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	testdata := testutil.TestData(t, "unjoinedgo")
	analysistest.Run(t, testdata, unjoinedgo.Analyzer, "unjoinedgo/...")
}
