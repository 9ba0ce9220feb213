// Command wglint reports concurrency mistakes in Go code: goroutines that
// are started but never waited for, time.Sleep used to wait for a
// goroutine, sync.WaitGroup values that are copied, misuse of a
// WaitGroup's Add, Done and Wait, and mutexes that are copied, locked twice,
// left locked or locked in opposite orders.
//
// Usage:
//
//	wglint [flags] packages...
//	wglint -sarif [flags] packages...
//	wglint -fix [-diff] [flags] packages...
//	wglint -baseline FILE [-write-baseline] [flags] packages...
//	wglint -list
//	wglint -explain NAME...
//	wglint help [NAME...]
//	wglint -version
//	go vet -vettool=$(which wglint) [flags] packages...
//
// Run with package patterns (such as ./...), wglint loads and type-checks
// the packages itself and prints its findings on standard error, one per
// line, as file:line:column: message (check). Run by go vet through
// -vettool, it analyses the packages go vet hands it; -vettool needs a
// path, and it replaces go vet's own checks, so run plain go vet as well.
//
// Flags:
//
//	-NAME=false  disable the check NAME (for example -sleepjoin=false);
//	             -NAME alone runs only the checks named that way
//	-checks=LIST the checks to run: all, -NAME, NAME, inherit
//	-fail=LIST   the checks whose findings set the exit code (default all)
//	-json        print the findings as JSON on standard output
//	-sarif       print the findings as a SARIF 2.1.0 log on standard output
//	             (standalone only), with one rule per check
//	-show-suppressed  with -sarif, include the findings silenced by a
//	             directive or the baseline, marked as suppressed
//	-baseline=FILE  report only the findings not in FILE; if FILE does
//	             not exist, write it with the current findings
//	-write-baseline  with -baseline, rewrite FILE
//	-fix         apply the suggested fixes to the source files, then print
//	             the findings that remain (standalone)
//	-diff        print the suggested fixes as a unified diff on standard
//	             output instead of applying them, then print the findings
//	             that would remain (standalone; -fix is implied)
//	-c=N         print each finding's source line with N lines of context
//	-test=false  do not analyse _test.go files (standalone only)
//	-tags=LIST   build tags
//	-generated   report findings in generated files too (also under go vet)
//	-cache=off   analyse every package, without the result cache (standalone)
//	-debug       after the run, print on standard error how many packages
//	             were analysed and how many came from the cache, and the
//	             functions on which a path search stopped at its budget
//	             (the checks say nothing about those), per package
//	-list        list the checks: name, severity, version, default, title
//	-explain     print the full documentation of the named checks
//	-version     print the module version and VCS revision
//
// Settings are also read from wglint.toml files (TOML), from each
// package's directory up to the root of the repository; a subdirectory's
// file overrides its parent's, and flags override the files. See the
// README.
//
// A finding is silenced by a //wglint:ignore CHECK[,CHECK] REASON comment
// on its line or the line above it, or by //wglint:file-ignore CHECK
// REASON anywhere in its file; the reason is required. Malformed
// directives, and directives that silence nothing, are reported.
//
// Exit codes, standalone:
//
//	0  no findings (with -fix: none left after fixing; with -baseline: no
//	   new ones; findings of checks left out of -fail do not count)
//	3  findings were printed (with -diff: or fixes are pending)
//	1  a package could not be loaded, parsed or type-checked, or an
//	   analysis failed (an analyzer that panics on a package is reported
//	   as "analyzer NAME panicked on package PATH: ..."; the findings of
//	   the other packages are still printed)
//	2  a flag or argument is invalid, or a configuration or baseline
//	   file is malformed
//
// -sarif, -fix and -diff give the same exit codes as the text output.
// With -json the exit code is 0 unless an error occurs. Under go vet, the
// go command sets the exit code: 1 when there are findings or errors, 0
// otherwise; go vet -vettool=... -fix and -diff are go vet's own.
//
// wglint never runs the code it analyses and opens no network connections
// itself. It changes source files only when -fix is given without -diff
// (the debugging flags -cpuprofile, -memprofile and -trace write the file
// they name), and, standalone, its result cache. Standalone, it loads
// packages by running the go command (go list), which may download missing
// modules like any go command (GOPROXY=off prevents that); it compiles
// nothing.
//
// Standalone, wglint analyses one package at a time (internal/driver):
// each package is type-checked from source, in dependency order, against
// the export data that wglint wrote for its imports, and only the
// serialized facts and export data of the analysed packages are kept
// (each until its importers are done), so memory stays bounded by the
// largest package, not by the whole program.
//
// The result cache: standalone wglint keeps the results of each package
// (findings, facts, export data) in $WGLINT_CACHE, or in wglint under the
// user's cache directory (os.UserCacheDir), and reuses them while nothing
// they depend on changed: the package's files, its dependencies' results,
// wglint's executable, the flags that change what is reported, the Go
// version and environment. Output is the same with and without it.
// -cache=off or WGLINT_CACHE=off turns it off; entries unused for five
// days are removed.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis/multichecker"
)

func main() {
	m, err := scanModes(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "wglint:", err)
		os.Exit(2)
	}
	// A panic in an analyzer is reported as an error of that analyzer on
	// that package, in every mode (see guardPanics); findings in generated
	// files are dropped unless -generated is set.
	guardPanics(allAnalyzers())
	dropGenerated(allAnalyzers())
	switch {
	case m.vet:
		tuneGCForVet(os.Args[1:])
		skipExperimentalForVet(os.Args[1:], allAnalyzers())
		skipChecksForFacts(os.Args[1:], allAnalyzers())
		scheduleForVet(allAnalyzers())
		showErrors(allAnalyzers(), os.Stderr)
	case m.version:
		printVersion(os.Stdout)
		os.Exit(0)
	case m.help:
		os.Exit(help(os.Stdout, os.Stderr, m.rest))
	case m.list:
		os.Exit(list(os.Stdout))
	case m.explain:
		os.Exit(explain(os.Stdout, os.Stderr, m.rest))
	default:
		os.Exit(lint(os.Args[1:], os.Stdout, os.Stderr))
	}
	// go vet's handshake (-V=full, -flags) and its per-package runs (a
	// single vet.cfg argument, possibly with -fix and -diff) belong to
	// multichecker, which hands them to unitchecker. The flags defined
	// here are wglint's own: -V prints wglint's version, and go vet learns
	// of -generated from -flags and passes it on.
	flag.Var(vetVersionFlag{}, "V", "print version and exit")
	flag.BoolVar(&keepGenerated, "generated", false, "report findings in generated files too")
	flag.Usage = usage
	multichecker.Main(allAnalyzers()...)
}

// help prints wglint's help: the usage and the list of checks, or with
// names, the documentation of those checks.
func help(stdout, stderr io.Writer, names []string) int {
	if len(names) > 0 {
		return explain(stdout, stderr, names)
	}
	// The usage and the flags, as -help prints them.
	if _, err := parseFlags([]string{"-help"}, stdout); !errors.Is(err, flag.ErrHelp) {
		return 1
	}
	fmt.Fprint(stdout, "\nThe checks (wglint help NAME describes one):\n\n")
	return list(stdout)
}

// modes is what scanModes found on the command line.
type modes struct {
	vet     bool     // a go vet handshake or unit run: leave it to multichecker
	version bool     // -version
	help    bool     // wglint help [NAME...]
	list    bool     // -list
	explain bool     // -explain NAME...
	rest    []string // for help, -list and -explain: the other arguments (names for help and -explain)
}

// scanModes looks at the command line for the modes wglint handles itself,
// without parsing the flags that multichecker handles. Package patterns
// never start with "-", so any argument that does is a flag.
func scanModes(args []string) (modes, error) {
	var m modes
	seenArg := false
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			break
		}
		if !strings.HasPrefix(arg, "-") {
			if strings.HasSuffix(arg, ".cfg") {
				m.vet = true
			}
			if arg == "help" && !seenArg && i == 0 {
				return modes{help: true, rest: args[1:]}, nil
			}
			seenArg = true
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		switch name {
		case "V", "flags":
			m.vet = true
		case "version":
			m.version = true
		case "sarif", "fix", "diff", "list":
			on := true
			if hasValue {
				b, err := strconv.ParseBool(value)
				if err != nil {
					return m, fmt.Errorf("invalid value %q for flag -%s", value, name)
				}
				on = b
			}
			if name == "list" {
				m.list = on
			}
		case "explain":
			m.explain = true
		}
	}
	if m.vet {
		return modes{vet: true}, nil
	}
	if m.version {
		return modes{version: true}, nil
	}
	if !m.list && !m.explain {
		return m, nil
	}
	// -list takes nothing else; -explain takes check names, as its value
	// or as arguments.
	for _, arg := range args {
		if !strings.HasPrefix(arg, "-") {
			m.rest = append(m.rest, arg)
			continue
		}
		switch name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "="); name {
		case "list":
		case "explain":
			if hasValue {
				m.rest = append(m.rest, value)
			}
		default:
			return m, fmt.Errorf("flag %s cannot be combined with -list or -explain", arg)
		}
	}
	switch {
	case m.list && m.explain:
		return m, fmt.Errorf("use either -list or -explain")
	case m.list && len(m.rest) > 0:
		return m, fmt.Errorf("-list takes no arguments")
	case m.explain && len(m.rest) == 0:
		return m, fmt.Errorf("-explain needs the name of a check (wglint -list lists them)")
	}
	return m, nil
}

const usageText = `wglint reports concurrency mistakes in Go code.

Usage:
  wglint [flags] packages...               print findings on standard error
  wglint -sarif [flags] packages...        print a SARIF 2.1.0 log on standard output
  wglint -fix [flags] packages...          apply suggested fixes, print the findings left
  wglint -diff [flags] packages...         print suggested fixes as a diff, and the findings left
  wglint -baseline FILE [flags] packages...  report only findings not in FILE (written if missing)
  wglint -list                             list the checks
  wglint -explain NAME...                  describe checks (also: wglint help NAME...)
  wglint -version                          print the version
  go vet -vettool=$(which wglint) [flags] packages...

Findings print as file:line:column: message (check).
Exit codes: 0 no findings, 3 findings, 1 errors, 2 bad usage or a malformed
configuration or baseline file.
Findings are silenced with //wglint:ignore CHECK[,CHECK] REASON on the line or
the line above, or //wglint:file-ignore CHECK[,CHECK] REASON in the file.
Settings are read from wglint.toml files, from each package's directory up
to the root of the repository; flags override them:

  checks  = ["all", "-sleepjoin"]   # the checks that run
  fail    = ["all"]                 # the checks whose findings set the exit code
  exclude = ["internal/gen", "**/*_mock.go"]
  tests   = true

Flags:
`

// tuneGCForVet makes the garbage collector run less often in the
// per-package processes that go vet starts: each analyses one package and
// exits, most of what it allocates stays live until then (syntax, types,
// the model), and with the default GOGC=100 a quarter of its time went to
// collecting. GOGC=400, bounded by a soft memory limit of 1.5 GiB, trades
// some memory per process for that time. The limit is well above the live
// heap of the largest package measured (nats-server's server package with
// its tests, about 450,000 lines: 970 MB live at the end): at 1 GiB, and
// still at 1.25 GiB, the collector ran back to back there and the process
// took 27 s and 25 s instead of 17 s. An explicit GOGC or GOMEMLIMIT in
// the environment wins.
//
// For a package so large that five times its live heap exceeds the limit
// (see limitBinds), the limit, not GOGC, decides the peak, and the cycles
// GOGC=400 starts while the heap grows to it (one at 750 MB on
// nats-server's package, in the middle of type checking) free little:
// there the collector waits for the limit (GOGC=off under the same
// limit), which took 9% less time on that package with the same peak
// (medians of 5 runs, 11.8 s against 12.6 s, 1,507 MiB both).
func tuneGCForVet(args []string) {
	limit := int64(3 << 29) // 1.5 GiB
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(limit)
	} else {
		limit = debug.SetMemoryLimit(-1)
	}
	if os.Getenv("GOGC") == "" {
		// A facts-only run skips the checks: its live heap is smaller than
		// the estimate.
		if !vetxOnly(args) && limitBinds(vetSourceBytes(args), 400, limit) {
			debug.SetGCPercent(-1)
		} else {
			debug.SetGCPercent(400)
		}
	}
}

func usage() {
	fmt.Fprint(os.Stderr, usageText)
	flag.PrintDefaults()
}
