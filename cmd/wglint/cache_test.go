package main_test

// Tests of the standalone driver's result cache and of -debug, through the
// binary, as a user sees them: what is printed after an edit, after an
// edit that changes what a dependency does, after nothing changed, and
// after the cache was damaged.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeFiles writes files (slash-separated names relative to dir).
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// debugCounts returns the number of packages analysed and served from the
// cache that -debug printed.
func debugCounts(t *testing.T, r result) (analysed, cached int) {
	t.Helper()
	m := regexp.MustCompile(`wglint: debug: (\d+) packages? analysed, (\d+) from the cache`).FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("no package counts in the -debug output:\n%s", r)
	}
	fmt.Sscan(m[1], &analysed)
	fmt.Sscan(m[2], &cached)
	return analysed, cached
}

// withoutDebug returns stderr without the lines of -debug.
func withoutDebug(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if !strings.HasPrefix(line, "wglint: debug: ") {
			b.WriteString(line)
		}
	}
	return b.String()
}

const cacheDepWaits = `package dep

import "sync"

// Wait waits for wg.
func Wait(wg *sync.WaitGroup) { wg.Wait() }
`

const cacheDepReturns = `package dep

import "sync"

// Wait no longer waits.
func Wait(wg *sync.WaitGroup) { _ = wg }
`

const cacheMain = `package main

import (
	"sync"

	"example.com/cachetest/dep"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
	dep.Wait(&wg)
}
`

// TestCache: the result cache never prints stale results. An unchanged
// re-run prints the same bytes and analyses nothing; an edit to a file
// gives that file's new findings; an edit to a dependency that changes its
// facts (what its function does to a WaitGroup) changes the findings of
// the package that calls it; a damaged cache is recomputed; -cache=off and
// WGLINT_CACHE=off analyse everything and print the same.
func TestCache(t *testing.T) {
	needBinary(t)
	dir := t.TempDir()
	cache := filepath.Join(t.TempDir(), "cache")
	env := []string{"WGLINT_CACHE=" + cache, "GOFLAGS=", "GOWORK=off"}
	writeFiles(t, dir, map[string]string{
		"go.mod":      "module example.com/cachetest\n\ngo 1.26\n",
		"dep/dep.go":  cacheDepWaits,
		"cmd/main.go": cacheMain,
	})
	wg := func(args ...string) result {
		t.Helper()
		r, _ := runEnv(t, dir, env, wglintBin, append([]string{"-debug"}, args...)...)
		noCrash(t, "wglint", r)
		return r
	}

	first := wg("./...")
	if first.code != 0 || withoutDebug(first.stderr) != "" {
		t.Fatalf("first run: want no findings, got %s", first)
	}
	if analysed, cached := debugCounts(t, first); analysed < 3 || cached != 0 {
		t.Errorf("first run, empty cache: %d packages analysed, %d from the cache; want all analysed", analysed, cached)
	}
	if entries, _ := filepath.Glob(filepath.Join(cache, "*", "*-r")); len(entries) == 0 {
		t.Errorf("the first run wrote no cache entry in %s", cache)
	}

	// Unchanged: the same output, nothing analysed.
	again := wg("./...")
	if withoutDebug(again.stderr) != withoutDebug(first.stderr) || again.stdout != first.stdout || again.code != first.code {
		t.Errorf("unchanged re-run printed something else:\nfirst: %s\nagain: %s", first, again)
	}
	if analysed, cached := debugCounts(t, again); analysed != 0 || cached == 0 {
		t.Errorf("unchanged re-run: %d packages analysed, %d from the cache; want none analysed", analysed, cached)
	}

	// The dependency changes its behaviour: main's findings change, though
	// main's own file did not.
	writeFiles(t, dir, map[string]string{"dep/dep.go": cacheDepReturns})
	changed := wg("./...")
	if changed.code != 3 || !strings.Contains(changed.stderr, "cmd/main.go:12:2: goroutine may still be running when main returns") {
		t.Errorf("after the dependency stopped waiting: want the unjoinedgo finding in cmd/main.go, got %s", changed)
	}
	if analysed, _ := debugCounts(t, changed); analysed != 2 {
		t.Errorf("after editing dep: %d packages analysed, want 2 (dep and cmd)", analysed)
	}

	// Back to the first version: the first output again (from the cache).
	writeFiles(t, dir, map[string]string{"dep/dep.go": cacheDepWaits})
	back := wg("./...")
	if withoutDebug(back.stderr) != withoutDebug(first.stderr) || back.code != 0 {
		t.Errorf("after restoring dep: want the first output, got %s", back)
	}

	// An edit to a file: its new finding.
	writeFiles(t, dir, map[string]string{"cmd/extra.go": "package main\n\nimport \"sync\"\n\nfunc byValue(wg sync.WaitGroup) { wg.Wait() }\n"})
	edited := wg("./...")
	if edited.code != 3 || !strings.Contains(edited.stderr, "cmd/extra.go:5:14: parameter wg receives a copy of a sync.WaitGroup") {
		t.Errorf("after adding a file with a finding: got %s", edited)
	}

	// The same with the cache off, both ways: the same bytes.
	for _, args := range [][]string{{"-cache=off", "./..."}} {
		off := wg(args...)
		if withoutDebug(off.stderr) != withoutDebug(edited.stderr) || off.code != edited.code {
			t.Errorf("wglint %s printed something else than with the cache:\ncache: %s\noff: %s", strings.Join(args, " "), edited, off)
		}
		if analysed, cached := debugCounts(t, off); cached != 0 || analysed < 3 {
			t.Errorf("wglint %s: %d analysed, %d from the cache", strings.Join(args, " "), analysed, cached)
		}
	}
	r, _ := runEnv(t, dir, append(env, "WGLINT_CACHE=off"), wglintBin, "-debug", "./...")
	if withoutDebug(r.stderr) != withoutDebug(edited.stderr) || !strings.Contains(r.stderr, "cache: off (WGLINT_CACHE=off)") {
		t.Errorf("WGLINT_CACHE=off: got %s", r)
	}

	// Other checks: the cached results of all checks are not reused.
	only := wg("-unjoinedgo", "./...")
	if only.code != 0 || withoutDebug(only.stderr) != "" {
		t.Errorf("wglint -unjoinedgo: want no findings (the wgcopy finding is not an unjoinedgo one), got %s", only)
	}

	// A damaged cache: every entry truncated or with a byte changed. The
	// run recomputes (the same output as before) and does not crash.
	want := wg("./...")
	entries, _ := filepath.Glob(filepath.Join(cache, "*", "*-?"))
	if len(entries) == 0 {
		t.Fatalf("no cache entries in %s", cache)
	}
	for i, e := range entries {
		data, err := os.ReadFile(e)
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			data = data[:len(data)/2]
		} else {
			data[len(data)-1] ^= 0xff
		}
		if err := os.WriteFile(e, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	damaged := wg("./...")
	if withoutDebug(damaged.stderr) != withoutDebug(want.stderr) || damaged.code != want.code {
		t.Errorf("with a damaged cache: want the same output as before\nbefore: %s\nafter: %s", want, damaged)
	}
	if analysed, _ := debugCounts(t, damaged); analysed < 3 {
		t.Errorf("with a damaged cache: %d packages analysed, want every package", analysed)
	}

	// Only the export data damaged, and an edit in cmd: cmd is
	// type-checked against its imports, whose results are in the cache but
	// whose export data is not usable; they are type-checked again.
	xs, _ := filepath.Glob(filepath.Join(cache, "*", "*-x"))
	for _, x := range xs {
		if err := os.WriteFile(x, []byte("garbage"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeFiles(t, dir, map[string]string{"cmd/extra.go": "package main\n\nimport \"sync\"\n\n// A comment.\nfunc byValue(wg sync.WaitGroup) { wg.Wait() }\n"})
	xdamaged := wg("./...")
	if xdamaged.code != 3 || !strings.Contains(xdamaged.stderr, "cmd/extra.go:6:14: parameter wg receives a copy") || strings.Contains(xdamaged.stderr, "could not import") {
		t.Errorf("with damaged export data in the cache: got %s", xdamaged)
	}
}

// TestCacheOutputs: text, -json and -sarif print the same bytes with the
// cache off, with an empty cache, and from the cache, over testdata's
// programs with directives (whose suppressed findings are in the SARIF
// log) and fixes (which -json prints).
func TestCacheOutputs(t *testing.T) {
	needBinary(t)
	cache := filepath.Join(t.TempDir(), "cache")
	patterns := []string{"./testdata/post/...", "./testdata/directives/..."}
	for _, format := range [][]string{nil, {"-json"}, {"-sarif"}} {
		args := append(append([]string{}, format...), patterns...)
		off, _ := runEnv(t, moduleRoot, []string{"WGLINT_CACHE=off"}, wglintBin, args...)
		fill, _ := runEnv(t, moduleRoot, []string{"WGLINT_CACHE=" + cache}, wglintBin, args...)
		hit, _ := runEnv(t, moduleRoot, []string{"WGLINT_CACHE=" + cache}, wglintBin, args...)
		if len(off.stdout)+len(off.stderr) < 1000 {
			t.Fatalf("wglint %s: suspiciously little output\n%s", strings.Join(args, " "), off)
		}
		if fill != off {
			t.Errorf("wglint %s: with an empty cache, differs from -cache=off\n%s", strings.Join(args, " "), firstDiff(off.String(), fill.String()))
		}
		if hit != off {
			t.Errorf("wglint %s: from the cache, differs from -cache=off\n%s", strings.Join(args, " "), firstDiff(off.String(), hit.String()))
		}
	}
}

// budgetExceeder is a function on which chanleak's path search stops at
// its budget: 15 goroutines started under conditions, 300 selects with a
// receive from their channel, then 15 receives. The state of a path is
// the last select case it entered and how many goroutines it started and
// received from: hundreds of states at each of the thousand blocks.
func budgetExceeder(selects int) string {
	var b strings.Builder
	b.WriteString("package budget\n\nfunc Small(c chan int) { go func() { c <- 1 }(); <-c }\n\ntype T struct{}\n\nfunc (*T) Big(a, b chan int, n int) int {\n\tc := make(chan int)\n\tx := 0\n")
	for k := range 15 {
		fmt.Fprintf(&b, "\tif n > %d {\n\t\tgo func() { c <- %d }()\n\t}\n", k, k)
	}
	for range selects {
		b.WriteString("\tselect {\n\tcase v := <-c:\n\t\tx += v\n\tcase v := <-a:\n\t\tx -= v\n\tcase <-b:\n\t\tx++\n\t}\n")
	}
	for range 15 {
		b.WriteString("\tx += <-c\n")
	}
	b.WriteString("\treturn x\n}\n")
	return b.String()
}

// TestDebug: -debug names the functions on which a path search stopped at
// its budget, with their package and position, after the run, on standard
// error, and the same when the results come from the cache; without
// -debug, nothing of it is printed.
func TestDebug(t *testing.T) {
	needBinary(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"go.mod":           "module example.com/budget\n\ngo 1.26\n",
		"budget/budget.go": budgetExceeder(300),
	})
	env := []string{"WGLINT_CACHE=" + filepath.Join(t.TempDir(), "cache"), "GOFLAGS=", "GOWORK=off"}
	plain, _ := runEnv(t, dir, env, wglintBin, "./...")
	noCrash(t, "wglint", plain)
	if plain.code != 0 || plain.stderr != "" || plain.stdout != "" {
		t.Errorf("without -debug: want no output, got %s", plain)
	}
	want := regexp.MustCompile(`(?m)^wglint: debug: in 1 function of 1 package, a path search stopped at the budget \(\d+ steps\); the checks said nothing about these functions:
wglint: debug: example.com/budget/budget \(1 function\):
wglint: debug:   \S+/budget/budget\.go:7:1: \(\*T\)\.Big \(1 search stopped\)
\z`)
	for _, what := range []string{"analysed", "from the cache"} {
		r, _ := runEnv(t, dir, env, wglintBin, "-debug", "./...")
		noCrash(t, "wglint -debug", r)
		if r.code != 0 || r.stdout != "" || !want.MatchString(r.stderr) {
			t.Errorf("wglint -debug (%s): want exit code 0 and\n%s\ngot %s", what, want, r)
		}
		if what == "from the cache" {
			if analysed, _ := debugCounts(t, r); analysed != 0 {
				t.Errorf("second run: %d packages analysed, want 0", analysed)
			}
		}
	}
	for _, format := range []string{"-json", "-sarif"} {
		r, _ := runEnv(t, dir, env, wglintBin, "-debug", format, "./...")
		if !want.MatchString(r.stderr) || strings.Contains(r.stdout, "debug") {
			t.Errorf("wglint -debug %s: want the notes on standard error only, got %s", format, r)
		}
	}
}
