package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/wglint/wglint/internal/conc"
	"github.com/wglint/wglint/internal/driver"

	"golang.org/x/tools/go/analysis"
)

// skipChecksForFacts makes the checks do nothing when go vet runs wglint
// on a package only for its facts: a dependency of the packages being
// vetted, whose vet.cfg says VetxOnly. unitchecker (x/tools v0.52.0) then
// runs every analyzer that has facts or requires one that has (see the
// TODO about issue 443099 in its source), and the checks require the
// model, whose summaries are facts: they all ran on every dependency, std
// included, and their findings were dropped. (The copy checks, which
// need only conc.CopiesAnalyzer, are not run there at all.) A check
// neither exports facts nor has dependents, so skipping it changes no fact
// (the facts of a package are the same as when it is vetted itself).
// The memory pass is told too (conc.FactsOnly): it then leaves out the
// accesses that no summary keeps, and makes the same facts.
//
// args are the command-line arguments; a run with no vet.cfg among them,
// or with one that cannot be read, is left alone (unitchecker reports
// the error).
func skipChecksForFacts(args []string, as []*analysis.Analyzer) {
	if !vetxOnly(args) {
		return
	}
	conc.FactsOnly()
	required, _ := requiredIn(as)
	for _, a := range as {
		if len(a.FactTypes) == 0 && !required[a] {
			a.Run = skipped
		}
	}
}

// vetxOnly reports whether args name a vet.cfg that asks for facts only.
func vetxOnly(args []string) bool {
	var cfg struct{ VetxOnly bool }
	return readVetConfig(args, &cfg) && cfg.VetxOnly
}

// readVetConfig decodes into cfg the first vet.cfg that args name, and
// reports whether there is one that could be read and decoded (if not,
// unitchecker reports the error).
func readVetConfig(args []string, cfg any) bool {
	for _, arg := range args {
		if strings.HasPrefix(arg, "-") || !strings.HasSuffix(arg, ".cfg") {
			continue
		}
		data, err := os.ReadFile(arg)
		return err == nil && json.Unmarshal(data, cfg) == nil
	}
	return false
}

// liveBytesPerSourceByte estimates the live heap of a vet process at the
// end of its analysis for each byte of the package's Go files. Measured
// (live heap after a collection, once every check has run): 32 on
// runtime, 42 on net/http, 50 on crypto/tls, 54 on nats-server's server
// package, 66 on the same with its tests, 72 on nats-server's test
// package. The estimate is the lowest of them: a package collects only at
// the limit when even at that density the limit decides its peak.
const liveBytesPerSourceByte = 32

// limitBinds reports whether a package of src bytes of Go source would
// reach the memory limit before GOGC=gogc would start a collection.
func limitBinds(src int64, gogc int, limit int64) bool {
	return src > 0 && src*liveBytesPerSourceByte*(100+int64(gogc))/100 >= limit
}

// vetSourceBytes returns the size of the Go files of the package that
// the vet.cfg among args describes, or 0 if it cannot be read (unitchecker
// reports the error).
func vetSourceBytes(args []string) int64 {
	var cfg struct{ GoFiles []string }
	if !readVetConfig(args, &cfg) {
		return 0
	}
	var n int64
	for _, f := range cfg.GoFiles {
		if fi, err := os.Stat(f); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// skipExperimentalForVet makes the experimental checks do nothing under
// go vet unless they are named on the command line (-NAME or -NAME=true),
// as standalone: they are off by default. multichecker runs every
// analyzer it is given when no -NAME flag turns one on, so an
// experimental check would otherwise report under go vet only.
func skipExperimentalForVet(args []string, as []*analysis.Analyzer) {
	for _, a := range as {
		if isExperimental(a.Name) && !namedOn(args, a.Name) {
			a.Run = skipped
		}
	}
}

// namedOn reports whether args turn the check name on: -name, --name,
// -name=true (or another true value of strconv.ParseBool), the last one
// winning.
func namedOn(args []string, name string) bool {
	on := false
	for _, arg := range args {
		if arg == "--" {
			break
		}
		flag, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-"), "=")
		if !strings.HasPrefix(arg, "-") || flag != name {
			continue
		}
		if !hasValue {
			on = true
			continue
		}
		b, err := strconv.ParseBool(value)
		on = err == nil && b
	}
	return on
}

// skipped is the Run of a check that go vet's run must not do: no result,
// no finding.
func skipped(*analysis.Pass) (any, error) { return nil, nil }

// showErrors prints, under go vet, the error of every analyzer (a check,
// wglint's model and memory pass, inspect, ctrlflow) to w, as it returns.
// The go command hides most of them:
//
//   - unitchecker reports only the errors of the analyzers it was given to
//     run, so a panic of the model showed as "failed prerequisites: conc",
//     with neither what failed nor where, and in a facts-only run, which
//     reports no error, not at all;
//   - go vet (Go 1.26) runs the tool with -json and prints, of the
//     package's results, only the first error it meets, in the random
//     order of a map: of a check that panicked and another whose
//     prerequisite panicked, it printed one or the other.
//
// The go command still prints the one error it meets: if it is one of
// these, it is printed twice.
func showErrors(as []*analysis.Analyzer, w io.Writer) {
	_, all := requiredIn(as)
	for _, a := range all {
		run := a.Run
		a.Run = func(pass *analysis.Pass) (any, error) {
			res, err := run(pass)
			if err != nil {
				fmt.Fprintf(w, "wglint: %v\n", err)
			}
			return res, err
		}
	}
}

// scheduleForVet gives the analyzers that others wait for a core of their
// own under go vet: a check (an analyzer nothing requires) starts only
// while fewer than GOMAXPROCS analyzers run, and the others (the model,
// its memory pass, inspect, ctrlflow) start at once.
//
// go vet's process analyses one package, and unitchecker starts every
// analyzer as soon as what it requires is done. Once the model is built,
// the fourteen checks that need only the model start with the memory pass
// that datarace needs, and the Go scheduler shares the cores among them
// all: on nats-server's server package with its tests, the memory pass
// got a fraction of a core until the other checks were done, then it and
// datarace ran alone on one core for two seconds. The order in which the
// analyzers run changes no finding: each reads only what it requires.
//
// Of the waiting checks, those at the end of the longest chain of
// prerequisites start first: they became ready last, and the package is
// done when they are. On that package, datarace (after the memory pass)
// waited for four checks that had been ready for two seconds, then ran
// alone at the end.
func scheduleForVet(as []*analysis.Analyzer) {
	s := newScheduler(runtime.GOMAXPROCS(0))
	required, all := requiredIn(as)
	depth := make(map[*analysis.Analyzer]int)
	for _, a := range all { // each after its prerequisites
		for _, r := range a.Requires {
			depth[a] = max(depth[a], depth[r]+1)
		}
	}
	for _, a := range all {
		run, check, d := a.Run, !required[a], depth[a]
		a.Run = func(pass *analysis.Pass) (any, error) {
			s.enter(check, d)
			defer s.leave()
			return run(pass)
		}
	}
}

// requiredIn returns the analyzers that some analyzer of as requires,
// directly or not, and all the analyzers of the graph, each after its
// prerequisites.
func requiredIn(as []*analysis.Analyzer) (required map[*analysis.Analyzer]bool, all []*analysis.Analyzer) {
	required = make(map[*analysis.Analyzer]bool)
	driver.VisitAnalyzers(as, func(a *analysis.Analyzer) {
		for _, r := range a.Requires {
			required[r] = true
		}
		all = append(all, a)
	})
	return required, all
}

// A scheduler counts the analyzers running in the process.
type scheduler struct {
	mu        sync.Mutex
	cond      *sync.Cond
	running   int
	waiting   int         // checks waiting in enter
	waitingAt map[int]int // of which, by depth
	slots     int
}

func newScheduler(slots int) *scheduler {
	s := &scheduler{slots: slots, waitingAt: make(map[int]int)}
	s.cond = sync.NewCond(&s.mu)
	return s
}

// enter waits, for a check, until fewer than slots analyzers run and no
// check deeper in the graph of prerequisites (depth: the length of the
// longest chain of them) waits, and counts the analyzer as running.
func (s *scheduler) enter(check bool, depth int) {
	s.mu.Lock()
	for check && (s.running >= s.slots || s.deeperWaits(depth)) {
		s.waiting++
		s.waitingAt[depth]++
		s.cond.Wait()
		s.waiting--
		s.waitingAt[depth]--
	}
	s.running++
	if s.waiting > 0 {
		s.cond.Broadcast() // a check that waited for this one may start
	}
	s.mu.Unlock()
}

// deeperWaits reports whether a check deeper than depth waits.
func (s *scheduler) deeperWaits(depth int) bool {
	for d, n := range s.waitingAt {
		if d > depth && n > 0 {
			return true
		}
	}
	return false
}

func (s *scheduler) leave() {
	s.mu.Lock()
	s.running--
	s.cond.Broadcast()
	s.mu.Unlock()
}
