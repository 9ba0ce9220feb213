// Command wglint reports concurrency mistakes in Go code: goroutines that
// are started but never waited for, time.Sleep used to wait for a
// goroutine, sync.WaitGroup values that are copied, and misuse of a
// WaitGroup's Add, Done and Wait.
//
// Usage:
//
//	wglint [flags] packages...
//	go vet -vettool=$(which wglint) [flags] packages...
//
// Run with package patterns (such as ./...), wglint loads and type-checks
// the packages itself and prints its findings on standard error, one per
// line, as file:line:column: message. Run by go vet through -vettool, it
// analyses the packages go vet hands it; -vettool needs a path, and it
// replaces go vet's own checks, so run plain go vet as well.
//
// Flags:
//
//	-NAME=false  disable the check NAME (for example -sleepjoin=false);
//	             -NAME alone runs only the checks named that way
//	-json        print the findings as JSON on standard output
//	-fix         apply the suggested fixes to the source files
//	             (add -diff to print them as a diff instead)
//	-c=N         print each finding's source line with N lines of context
//	-test=false  do not analyse _test.go files (standalone only)
//
// The checks and their flags are listed by wglint help, and a check is
// described in full by wglint help NAME.
//
// Exit codes, standalone:
//
//	0  no findings
//	3  findings were printed
//	1  a package could not be loaded, parsed or type-checked, or an
//	   analysis failed
//
// With -json, and with -fix, the exit code is 0 unless an error occurs.
// Under go vet, the go command sets the exit code: 1 when there are
// findings or errors, 0 otherwise.
//
// wglint never runs the code it analyses and opens no network connections
// itself. It changes source files only when -fix is given (the debugging
// flags -cpuprofile, -memprofile and -trace write the file they name).
// Standalone, it loads packages by running the go command (go list),
// which may download missing modules like any go command; GOPROXY=off
// prevents that.
package main

import (
	"github.com/wglint/wglint/analyzers"

	"golang.org/x/tools/go/analysis/multichecker"
)

func main() { multichecker.Main(analyzers.Analyzers()...) }
