package wgprotocol_test

import (
	"path/filepath"
	"testing"

	"github.com/wglint/wglint/analyzers/wgprotocol"

	"golang.org/x/tools/go/analysis/analysistest"
)

func Test(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, wgprotocol.Analyzer, "wgprotocol/...")
}
