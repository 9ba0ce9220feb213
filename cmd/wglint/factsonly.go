package main

import (
	"encoding/json"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// skipChecksForFacts makes the checks do nothing when go vet runs wglint
// on a package only for its facts: a dependency of the packages being
// vetted, whose vet.cfg says VetxOnly. unitchecker (x/tools v0.52.0) then
// runs every analyzer that has facts or requires one that has (see the
// TODO about issue 443099 in its source), and every check requires the
// model, whose summaries are facts: all the checks ran on every
// dependency, std included, and their findings were dropped. A check
// neither exports facts nor has dependents, so skipping it changes no fact
// (the facts of a package are the same as when it is vetted itself).
//
// args are the command-line arguments; a run with no vet.cfg among them,
// or with one that cannot be read, is left alone (unitchecker reports
// the error).
func skipChecksForFacts(args []string, as []*analysis.Analyzer) {
	if !vetxOnly(args) {
		return
	}
	required := make(map[*analysis.Analyzer]bool)
	for _, a := range as {
		for _, r := range a.Requires {
			required[r] = true
		}
	}
	for _, a := range as {
		if len(a.FactTypes) == 0 && !required[a] {
			a.Run = func(*analysis.Pass) (any, error) { return nil, nil }
		}
	}
}

// vetxOnly reports whether args name a vet.cfg that asks for facts only.
func vetxOnly(args []string) bool {
	for _, arg := range args {
		if strings.HasPrefix(arg, "-") || !strings.HasSuffix(arg, ".cfg") {
			continue
		}
		data, err := os.ReadFile(arg)
		if err != nil {
			return false
		}
		var cfg struct{ VetxOnly bool }
		if json.Unmarshal(data, &cfg) != nil {
			return false
		}
		return cfg.VetxOnly
	}
	return false
}
