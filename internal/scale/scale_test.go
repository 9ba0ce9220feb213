// Package scale tests that every check finishes within a memory bound on
// the shapes of code that make path searches explode: selects inside
// loops, long chains of selects, nested loops, and generated functions
// with thousands of operations. The bounds are wide (they catch searches
// that grow without limit, which took gigabytes, not a few percent of
// drift), and they are on bytes allocated, never on time.
package scale

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/internal/testutil"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// analyzeAlloc type-checks src as one file and runs every check on it. It
// returns the findings and the bytes allocated by the analysis (not the
// type-checking).
func analyzeAlloc(t *testing.T, src string) (findings []string, alloc uint64) {
	t.Helper()
	pkg, err := testutil.LoadSource("example.com/scale", map[string][]byte{"gen.go": []byte(src)})
	if err != nil {
		t.Fatalf("generated source does not type-check: %v\n%s", err, src)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	graph, err := checker.Analyze(analyzers.Analyzers(), []*packages.Package{pkg}, &checker.Options{Sequential: true})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	for act := range graph.All() {
		if act.Err != nil {
			t.Fatalf("analyzer %s: %v", act.Analyzer.Name, act.Err)
		}
		if act.IsRoot {
			for _, d := range act.Diagnostics {
				findings = append(findings, fmt.Sprintf("%s: %s: %s", pkg.Fset.Position(d.Pos), act.Analyzer.Name, d.Message))
			}
		}
	}
	return findings, after.TotalAlloc - before.TotalAlloc
}

const mib = 1 << 20

// header is the start of every generated file.
const header = `package scale

import (
	"context"
	"sync"
	"time"
)

var _ = time.Second
var _ sync.Mutex
var _ context.Context
`

// selectInLoop is the shape that made chanleak's search unroll a loop
// forever: a receiving goroutine, a loop around a select, then a close.
func selectInLoop() string {
	return header + `
func f(ctx context.Context, in chan int) {
	done := make(chan int)
	go func() { <-done }()
	for {
		select {
		case <-ctx.Done():
			close(done)
			return
		case v := <-in:
			if v > 0 {
				done <- v
				return
			}
		}
	}
}
`
}

// selectsInARow is n selects one after the other (2^n paths), with a
// goroutine receiving once and a send at the end.
func selectsInARow(n int) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("\nfunc f(ctx context.Context, a, c chan int) int {\n\tdone := make(chan int)\n\tgo func() { <-done }()\n\tx := 0\n")
	for i := range n {
		fmt.Fprintf(&b, "\tselect {\n\tcase v := <-a:\n\t\tx += v + %d\n\tcase <-c:\n\t\tx--\n\t}\n", i)
	}
	b.WriteString("\tdone <- x\n\treturn x\n}\n")
	return b.String()
}

// nestedSelectLoops is depth loops inside each other, each with a select
// of three cases, one of which returns after signalling the goroutine.
func nestedSelectLoops(depth int) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("\nfunc f(ctx context.Context, a, c chan int, n int) {\n\tdone := make(chan int)\n\tgo func() { <-done }()\n")
	indent := "\t"
	for i := range depth {
		fmt.Fprintf(&b, "%sfor i%d := 0; i%d < n; i%d++ {\n", indent, i, i, i)
		indent += "\t"
		fmt.Fprintf(&b, "%sselect {\n%scase <-ctx.Done():\n%s\tclose(done)\n%s\treturn\n%scase v := <-a:\n%s\tn += v\n%scase <-c:\n%s\tn--\n%s}\n",
			indent, indent, indent, indent, indent, indent, indent, indent, indent)
	}
	for range depth {
		indent = indent[1:]
		fmt.Fprintf(&b, "%s}\n", indent)
	}
	b.WriteString("\tclose(done)\n}\n")
	return b.String()
}

// manyOps is one function with n channel operations, branches, locks and
// WaitGroup operations, and goroutines on each channel.
func manyOps(n int) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("\nfunc f(ctx context.Context, in chan int, mu *sync.Mutex) int {\n\tvar wg sync.WaitGroup\n\tx := 0\n")
	for i := range n / 10 {
		fmt.Fprintf(&b, "\tch%d := make(chan int)\n\twg.Add(1)\n\tgo func() { defer wg.Done(); ch%d <- %d }()\n", i, i, i)
	}
	for i := range n / 10 {
		fmt.Fprintf(&b, `	if x > %d {
		mu.Lock()
		x += <-ch%d
		mu.Unlock()
	} else {
		select {
		case v := <-ch%d:
			x -= v
		case v := <-in:
			x += v
			<-ch%d
		case <-ctx.Done():
			<-ch%d
		}
	}
	for j := 0; j < x; j++ {
		select {
		case v := <-in:
			x += v
		default:
		}
	}
`, i, i, i, i, i)
	}
	b.WriteString("\twg.Wait()\n\treturn x\n}\n")
	return b.String()
}

// TestBoundedSearches runs every check over each shape and asserts a
// bound on the memory it allocates. Before the state of chanleak's
// search was made finite, selectInLoop alone took 2.9 GB within a minute.
func TestBoundedSearches(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		limit uint64
	}{
		{"select in a loop", selectInLoop(), 64 * mib},
		{"30 selects in a row", selectsInARow(30), 256 * mib},
		{"nested loops of selects", nestedSelectLoops(6), 256 * mib},
		{"3000 channel operations", manyOps(3000), 1024 * mib},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			findings, alloc := analyzeAlloc(t, tt.src)
			t.Logf("%d findings, %.1f MiB allocated", len(findings), float64(alloc)/mib)
			for _, f := range findings {
				t.Log(f)
			}
			if alloc > tt.limit {
				t.Errorf("the checks allocated %.0f MiB, want at most %d MiB", float64(alloc)/mib, tt.limit/mib)
			}
		})
	}
}
