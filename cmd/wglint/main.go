// Command wglint runs wglint's checks.
package main

import (
	"github.com/wglint/wglint/analyzers"

	"golang.org/x/tools/go/analysis/multichecker"
)

func main() { multichecker.Main(analyzers.Analyzers()...) }
