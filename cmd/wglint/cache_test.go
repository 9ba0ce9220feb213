package main_test

// Tests of the standalone driver's result cache and of -debug, through the
// binary, as a user sees them: what is printed after an edit, after an
// edit that changes what a dependency does, after nothing changed, and
// after the cache was damaged.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wglint/wglint/internal/sarif"
)

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
	t.Parallel()
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

// TestCacheOutputs: text, -json, -sarif and -sarif -show-suppressed print
// the same bytes with the cache off, with an empty cache, and from the
// cache, over testdata's programs with directives (whose suppressed
// findings are in the SARIF log with -show-suppressed), fixes (which -json
// prints) and findings with thread flows.
func TestCacheOutputs(t *testing.T) {
	needBinary(t)
	t.Parallel()
	cache := filepath.Join(t.TempDir(), "cache")
	patterns := []string{"./testdata/post/...", "./testdata/directives/...", "./testdata/flows"}
	// The text run fills the cache, and the others find it filled: the
	// SARIF log's suppressed results and thread flows come from a cache
	// that a text run wrote.
	for _, format := range [][]string{nil, {"-json"}, {"-sarif"}, {"-sarif", "-show-suppressed"}} {
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
	t.Parallel()
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

// TestCacheInterplay: the result cache with what changes the analysis and
// what only changes how its results are shown. A run never prints results
// computed for another configuration: the checks a wglint.toml selects
// (edited between runs), tests on or off, -tags, -checks and -NAME are in
// each package's cache key; a selection or tag set seen before is served
// from the cache. Excluded paths, generated files, -fail, baselines and
// -show-suppressed apply to the cached results (nothing is analysed).
func TestCacheInterplay(t *testing.T) {
	needBinary(t)
	t.Parallel()
	dir := module(t, map[string]string{
		"a/main.go":    closeSrc, // chanclose and unjoinedgo
		"a/a_test.go":  "package main\n" + strings.Replace(closeFunc, "twice", "twiceTest", 1),
		"a/special.go": "//go:build special\n\npackage main\n" + leakFunc,
		"a/gen.go":     "// Code generated by hand for TestCacheInterplay. DO NOT EDIT.\n\npackage main\n" + strings.Replace(closeFunc, "twice", "twiceGen", 1),
		"a/quiet.go":   "package main\n\n//wglint:file-ignore chanclose closing twice is what this file shows\n" + strings.Replace(closeFunc, "twice", "twiceQuiet", 1),
	})
	env := []string{"WGLINT_CACHE=" + filepath.Join(t.TempDir(), "cache"), "GOFLAGS=", "GOWORK=off"}
	run := func(args ...string) (result, int) {
		t.Helper()
		r, _ := runEnv(t, dir, env, wglintBin, append([]string{"-debug"}, args...)...)
		noCrash(t, "wglint", r)
		analysed, _ := debugCounts(t, r)
		r.stderr = withoutDebug(r.stderr)
		return r, analysed
	}
	config := func(content string) {
		t.Helper()
		writeFiles(t, dir, map[string]string{"wglint.toml": content})
	}
	base := []string{"a/a_test.go: chanclose", "a/main.go: chanclose", "a/main.go: unjoinedgo"}
	// fresh: the run analysed a named package (its selection, tags or
	// files were not seen before); cached: every package came from the
	// cache.
	const (
		fresh = iota
		cached
		either // tests off: the test variant is not analysed at all
	)
	step := func(what string, from int, code int, want []string, args ...string) result {
		t.Helper()
		r, analysed := run(append(args, "./...")...)
		expect(t, what, r, code, reported(t, dir, r.stderr), want)
		switch {
		case from == fresh && analysed == 0:
			t.Errorf("%s: every package from the cache, which holds no result for this configuration", what)
		case from == cached && analysed != 0:
			t.Errorf("%s: %d packages analysed, want every one from the cache", what, analysed)
		}
		return r
	}

	step("first run", fresh, 3, base)
	step("unchanged", cached, 3, base)

	// The configuration file selects the checks: edited between runs.
	config("checks = [\"all\", \"-chanclose\"]\n")
	step("wglint.toml without chanclose", fresh, 3, []string{"a/main.go: unjoinedgo"})
	config("checks = [\"all\"]\n")
	step("wglint.toml with every check again", cached, 3, base)
	config("checks = [\"chanclose\"]\n")
	step("wglint.toml with chanclose only", fresh, 3, []string{"a/a_test.go: chanclose", "a/main.go: chanclose"})
	config("checks = [\"all\", \"-chanclose\"]\n")
	step("wglint.toml without chanclose again", cached, 3, []string{"a/main.go: unjoinedgo"})
	config("tests = false\n")
	step("wglint.toml with tests off", either, 3, []string{"a/main.go: chanclose", "a/main.go: unjoinedgo"})
	config("tests = true\n")
	step("wglint.toml with tests on", cached, 3, base)

	// Flags that select checks.
	step("-checks=unjoinedgo", fresh, 3, []string{"a/main.go: unjoinedgo"}, "-checks=unjoinedgo")
	step("-unjoinedgo, the same selection", cached, 3, []string{"a/main.go: unjoinedgo"}, "-unjoinedgo")
	step("-test=false", fresh, 3, []string{"a/main.go: chanclose", "a/main.go: unjoinedgo"}, "-test=false")

	// Build tags.
	withTag := []string{"a/a_test.go: chanclose", "a/main.go: chanclose", "a/main.go: unjoinedgo", "a/special.go: chanleak"}
	step("-tags=special", fresh, 3, withTag, "-tags=special")
	step("without -tags", cached, 3, base)
	step("-tags=special again", cached, 3, withTag, "-tags=special")
	step("-tags=special,other", fresh, 3, withTag, "-tags=special,other")

	// Presentation: applied to the cached results.
	step("-generated", cached, 3, append(slices.Clone(base[:1]), "a/gen.go: chanclose", base[1], base[2]), "-generated")
	step("without -generated", cached, 3, base)
	if r, _ := run("-json", "./..."); strings.Contains(r.stdout, "gen.go") || !strings.Contains(r.stdout, "main.go") {
		t.Errorf("-json from the cache: want main.go's findings and none of gen.go\n%s", r)
	}
	config("exclude = [\"a/main.go\"]\n")
	step("wglint.toml excluding a/main.go", cached, 3, []string{"a/a_test.go: chanclose"})
	config("fail = [\"unjoinedgo\"]\nexclude = [\"a/a_test.go\"]\n")
	step("wglint.toml failing on unjoinedgo only, a_test.go excluded", cached, 3, []string{"a/main.go: chanclose", "a/main.go: unjoinedgo"})
	config("fail = [\"chanleak\"]\n")
	step("wglint.toml failing on chanleak only", cached, 0, base)
	config("checks = [\"all\"]\n")
	step("-baseline, written", cached, 0, nil, "-baseline", "base.json")
	step("-baseline, read", cached, 0, nil, "-baseline", "base.json")

	// Suppressed findings come from the cache with the others.
	sarifLog := func(args ...string) *sarif.Log {
		t.Helper()
		r, analysed := run(append([]string{"-sarif"}, args...)...)
		if analysed != 0 {
			t.Errorf("-sarif %s: %d packages analysed, want every one from the cache", strings.Join(args, " "), analysed)
		}
		var log sarif.Log
		if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || len(log.Runs) != 1 {
			t.Fatalf("-sarif %s: %v\n%s", strings.Join(args, " "), err, r)
		}
		return &log
	}
	quiet := func(log *sarif.Log) (n int) {
		for _, res := range log.Runs[0].Results {
			if strings.HasSuffix(res.Locations[0].PhysicalLocation.ArtifactLocation.URI, "a/quiet.go") {
				if len(res.Suppressions) != 1 || res.Suppressions[0].Kind != "inSource" || res.Suppressions[0].Justification != "closing twice is what this file shows" {
					t.Errorf("the result in quiet.go: suppressions %+v", res.Suppressions)
				}
				n++
			}
		}
		return n
	}
	if n := quiet(sarifLog("./...")); n != 0 {
		t.Errorf("-sarif: %d results in quiet.go, want none (suppressed)", n)
	}
	if n := quiet(sarifLog("-show-suppressed", "./...")); n != 1 {
		t.Errorf("-sarif -show-suppressed from the cache: %d results in quiet.go, want its suppressed finding", n)
	}
}

// TestCacheFlows: the threads of a finding (SARIF's code flows) are kept
// in the cache: a -sarif run after a text run, whose results it takes
// from the cache, writes the same log as a run without the cache.
func TestCacheFlows(t *testing.T) {
	needBinary(t)
	t.Parallel()
	dir := module(t, map[string]string{"flows/main.go": mustRead(t, "testdata/flows/main.go")})
	env := []string{"WGLINT_CACHE=" + filepath.Join(t.TempDir(), "cache"), "GOFLAGS=", "GOWORK=off"}
	text, _ := runEnv(t, dir, env, wglintBin, "./...")
	noCrash(t, "wglint", text)
	hit, _ := runEnv(t, dir, env, wglintBin, "-debug", "-sarif", "./...")
	off, _ := runEnv(t, dir, []string{"WGLINT_CACHE=off", "GOFLAGS=", "GOWORK=off"}, wglintBin, "-sarif", "./...")
	if analysed, _ := debugCounts(t, hit); analysed != 0 {
		t.Errorf("-sarif after a text run: %d packages analysed, want every one from the cache", analysed)
	}
	if hit.stdout != off.stdout || !strings.Contains(off.stdout, `"threadFlows"`) {
		t.Errorf("-sarif from the cache differs from -cache=off, or has no thread flows\n%s", firstDiff(off.stdout, hit.stdout))
	}
}
