package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/wglint/wglint/analyzers/lockcopy"
	"github.com/wglint/wglint/analyzers/wgcopy"
	"github.com/wglint/wglint/internal/conc"
	"github.com/wglint/wglint/internal/driver"

	"golang.org/x/tools/go/analysis"
)

// TestNamedOn: the command-line forms that turn a check on under go vet,
// the last one winning, as the flag package reads them.
func TestNamedOn(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"x.cfg"}, false},
		{[]string{"-lockorder", "x.cfg"}, true},
		{[]string{"--lockorder", "x.cfg"}, true},
		{[]string{"-lockorder=true", "x.cfg"}, true},
		{[]string{"-lockorder=T", "x.cfg"}, true},
		{[]string{"-lockorder=1", "x.cfg"}, true},
		{[]string{"-lockorder=false", "x.cfg"}, false},
		{[]string{"-lockorder", "-lockorder=false", "x.cfg"}, false},
		{[]string{"-lockorder=false", "-lockorder", "x.cfg"}, true},
		{[]string{"-lockorder=maybe", "x.cfg"}, false},
		{[]string{"-lockorderx", "x.cfg"}, false},
		{[]string{"-doublelock", "x.cfg"}, false},
		{[]string{"--", "-lockorder"}, false},
	} {
		if got := namedOn(tc.args, "lockorder"); got != tc.want {
			t.Errorf("namedOn(%q, lockorder) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

// TestVetxOnly: the facts-only mode is read from the vet.cfg go vet
// passes; a missing or malformed file leaves the checks on (unitchecker
// reports the error).
func TestVetxOnly(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	factsOnly := write("facts.cfg", `{"ID": "p", "VetxOnly": true}`)
	full := write("full.cfg", `{"ID": "p", "VetxOnly": false}`)
	bad := write("bad.cfg", `{"VetxOnly": tru`)
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{factsOnly}, true},
		{[]string{"-json", "-lockorder=true", factsOnly}, true},
		{[]string{full}, false},
		{[]string{bad}, false},
		{[]string{filepath.Join(dir, "missing.cfg")}, false},
		{[]string{"-V=full"}, false},
	} {
		if got := vetxOnly(tc.args); got != tc.want {
			t.Errorf("vetxOnly(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

// TestVetSourceBytes: the size of a package's Go files is read from its
// vet.cfg (files that cannot be read count for nothing), and decides
// whether the collector waits for the memory limit.
func TestVetSourceBytes(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	a := write("a.go", make([]byte, 1000))
	b := write("b.go", make([]byte, 234))
	cfg, err := json.Marshal(map[string]any{"ID": "p", "GoFiles": []string{a, b, filepath.Join(dir, "gone.go")}})
	if err != nil {
		t.Fatal(err)
	}
	good := write("p.cfg", cfg)
	bad := write("bad.cfg", []byte(`{"GoFiles": [`))
	for _, tc := range []struct {
		args []string
		want int64
	}{
		{[]string{"-json", good}, 1234},
		{[]string{bad}, 0},
		{[]string{filepath.Join(dir, "missing.cfg")}, 0},
		{[]string{"-V=full"}, 0},
	} {
		if got := vetSourceBytes(tc.args); got != tc.want {
			t.Errorf("vetSourceBytes(%q) = %d, want %d", tc.args, got, tc.want)
		}
	}

	const limit = 3 << 29
	for _, tc := range []struct {
		src  int64
		want bool
	}{
		{0, false},
		{4_280_000, false},  // nats-server's server package: GOGC=400 keeps it below the limit
		{12_600_000, true},  // the same with its tests: the limit decides
		{10_100_000, true},  // 32 bytes live a byte, five times: 1.616 GB
		{10_000_000, false}, // 1.6 GB, just under 1.5 GiB
	} {
		if got := limitBinds(tc.src, 400, limit); got != tc.want {
			t.Errorf("limitBinds(%d, 400, 1.5 GiB) = %v, want %v", tc.src, got, tc.want)
		}
	}
}

// TestScheduler: while the model runs, the checks run one at a time on a
// 2-core machine; once it is done, two at a time; the model itself never
// waits.
func TestScheduler(t *testing.T) {
	s := newScheduler(2)
	s.enter(false, 2) // the model
	inside := make(chan int, 3)
	release := make(chan bool)
	for i := range 3 {
		go func() {
			s.enter(true, 3)
			inside <- i
			<-release
			s.leave()
		}()
	}
	// waitFor returns once waiting checks wait and running analyzers run
	// (the woken checks have looked at the count again), or once one
	// more check runs.
	waitFor := func(waiting, running int) {
		for len(inside) == 0 {
			s.mu.Lock()
			w, r := s.waiting, s.running
			s.mu.Unlock()
			if w == waiting && r == running {
				return
			}
			runtime.Gosched()
		}
	}
	<-inside
	waitFor(2, 2)
	if n := len(inside); n != 0 {
		t.Fatalf("%d more checks run beside the model and a first check on 2 slots", n)
	}
	s.enter(false, 2) // another analyzer that others require: it does not wait
	s.leave()
	s.leave() // the model is done: a second check may start
	<-inside
	waitFor(1, 2)
	if n := len(inside); n != 0 {
		t.Fatalf("%d more checks run beside two on 2 slots", n)
	}
	release <- true // the first check is done: the third starts
	<-inside
	close(release)
}

// TestSchedulerDeepestFirst: when a slot frees, a waiting check at the end
// of a longer chain of prerequisites (datarace, after the memory pass)
// starts before the checks that have waited longer.
func TestSchedulerDeepestFirst(t *testing.T) {
	s := newScheduler(1)
	s.enter(true, 3) // a check runs
	order := make(chan int, 2)
	started := func(depth int) {
		go func() {
			s.enter(true, depth)
			order <- depth
			s.leave()
		}()
		for { // until it waits
			s.mu.Lock()
			n := s.waitingAt[depth]
			s.mu.Unlock()
			if n > 0 {
				return
			}
			runtime.Gosched()
		}
	}
	started(4)
	started(3)
	s.leave()
	if first := <-order; first != 4 {
		t.Fatalf("a check of depth %d started first, want the one of depth 4", first)
	}
	if second := <-order; second != 3 {
		t.Fatalf("a check of depth %d started second, want 3", second)
	}
}

// The copy checks read only the syntax and the types (conc.CopiesAnalyzer):
// they run beside the model under go vet, instead of after it, and go vet's
// facts-only runs skip them, as nothing they need has facts.
func TestCopyChecksBesideModel(t *testing.T) {
	for _, a := range []*analysis.Analyzer{wgcopy.Analyzer, lockcopy.Analyzer} {
		driver.VisitAnalyzers([]*analysis.Analyzer{a}, func(r *analysis.Analyzer) {
			if r == conc.Analyzer || r == conc.MemAnalyzer {
				t.Errorf("%s requires %s", a.Name, r.Name)
			}
			if len(r.FactTypes) > 0 {
				t.Errorf("%s requires %s, which has facts: go vet would run it on every dependency", a.Name, r.Name)
			}
		})
	}
}
