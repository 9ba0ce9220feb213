package conc_test

import (
	"os"
	"testing"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/internal/conc"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// The benchmarks run wglint's analyzers over a large fixed package and its
// dependencies, loaded once from source: net/http by default (about 60,000
// lines, with goroutines, mutexes, WaitGroups and channels, and about 200
// dependencies), or the patterns in WGLINT_BENCH_PKGS. For profiling:
//
//	go test ./internal/conc -run='^$' -bench=. -benchmem -cpuprofile=cpu.out -memprofile=mem.out
//
// BenchmarkAnalyzers/conc runs the model alone (on the package and all its
// dependencies, since it exports facts); each BenchmarkAnalyzers/NAME runs
// the model and the check NAME, so the check's own cost is the difference.
// BenchmarkAnalyzers/all runs every check, as the wglint command does.
func BenchmarkAnalyzers(b *testing.B) {
	patterns := []string{"net/http"}
	if p := os.Getenv("WGLINT_BENCH_PKGS"); p != "" {
		patterns = []string{p}
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax}, patterns...)
	if err != nil {
		b.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("the benchmark packages do not load")
	}
	bench := func(name string, as []*analysis.Analyzer) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				graph, err := checker.Analyze(as, pkgs, nil)
				if err != nil {
					b.Fatal(err)
				}
				for act := range graph.All() {
					if act.Err != nil {
						b.Fatalf("%s: %v", act, act.Err)
					}
				}
			}
		})
	}
	bench("conc", []*analysis.Analyzer{conc.Analyzer})
	for _, a := range analyzers.Analyzers() {
		bench(a.Name, []*analysis.Analyzer{a})
	}
	bench("all", analyzers.Analyzers())
}
