// Package analyzers is the registry of wglint's checks: every driver (the
// wglint command, go vet's -vettool, the README generator) reads the list
// of checks and their documentation from All.
package analyzers

import (
	"github.com/wglint/wglint/analyzers/chanclose"
	"github.com/wglint/wglint/analyzers/chanleak"
	"github.com/wglint/wglint/analyzers/chanlock"
	"github.com/wglint/wglint/analyzers/datarace"
	"github.com/wglint/wglint/analyzers/doublelock"
	"github.com/wglint/wglint/analyzers/lockcopy"
	"github.com/wglint/wglint/analyzers/lockleak"
	"github.com/wglint/wglint/analyzers/lockmisuse"
	"github.com/wglint/wglint/analyzers/lockorder"
	"github.com/wglint/wglint/analyzers/nopeer"
	"github.com/wglint/wglint/analyzers/rangeclose"
	"github.com/wglint/wglint/analyzers/sleepjoin"
	"github.com/wglint/wglint/analyzers/unjoinedgo"
	"github.com/wglint/wglint/analyzers/wgcopy"
	"github.com/wglint/wglint/analyzers/wgprotocol"
	"github.com/wglint/wglint/analyzers/wrongkey"
	"github.com/wglint/wglint/internal/checkdoc"

	"golang.org/x/tools/go/analysis"
)

// All lists every check, sorted by name.
var All = []*checkdoc.Check{
	chanclose.Check,
	chanleak.Check,
	chanlock.Check,
	datarace.Check,
	doublelock.Check,
	lockcopy.Check,
	lockleak.Check,
	lockmisuse.Check,
	lockorder.Check,
	nopeer.Check,
	rangeclose.Check,
	sleepjoin.Check,
	unjoinedgo.Check,
	wgcopy.Check,
	wgprotocol.Check,
	wrongkey.Check,
}

// Analyzers returns the analyzers of All, in the same order.
func Analyzers() []*analysis.Analyzer {
	as := make([]*analysis.Analyzer, len(All))
	for i, c := range All {
		as[i] = c.Analyzer
	}
	return as
}
