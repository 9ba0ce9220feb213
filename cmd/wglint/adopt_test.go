package main_test

// End-to-end tests of what a team adopting wglint in CI relies on:
// configuration files, baselines, generated files, -tags, -fail,
// -version, wglint help, and the SARIF that GitHub code scanning reads
// (suppressed results, fingerprints, code flows).

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/internal/sarif"
	"github.com/wglint/wglint/internal/testutil"
)

// module writes files (slash-separated names, relative to the module
// root) into a new module example.com/m, which is also the root of a
// repository (it has a .git directory, so that configuration files above
// it are not read), and returns its directory.
func module(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.26\n"
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, files)
	return dir
}

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

// lintIn runs wglint in dir with a clean build environment.
func lintIn(t *testing.T, dir string, args ...string) result {
	t.Helper()
	r, _ := runEnv(t, dir, []string{"GOFLAGS=", "GOWORK=off"}, wglintBin, args...)
	if strings.Contains(r.stderr, "panic: ") || strings.Contains(r.stderr, "goroutine ") && strings.Contains(r.stderr, "[running]") {
		t.Errorf("wglint %s crashed:\n%s", strings.Join(args, " "), r)
	}
	return r
}

// reported returns "file: check" for each finding line of the text output
// (related lines skipped), with the file relative to dir, sorted.
func reported(t *testing.T, dir, stderr string) []string {
	t.Helper()
	var out []string
	for _, k := range textKeysIn(t, stderr, dir) {
		file, _, _ := strings.Cut(k, ":")
		m := checkSuffix.FindStringSubmatch(k)
		if m == nil {
			t.Errorf("a finding without its check's name: %s", k)
			continue
		}
		out = append(out, file+": "+m[1])
	}
	slices.Sort(out)
	return out
}

var checkSuffix = regexp.MustCompile(` \(([a-z]+)\)$`)

func expect(t *testing.T, what string, r result, code int, got, want []string) {
	t.Helper()
	if r.code != code || !slices.Equal(got, want) {
		t.Errorf("%s: exit code %d, findings %q; want exit code %d and %q\n%s", what, r.code, got, code, want, r)
	}
}

// Small programs without imports and without test files: the go command
// lists them quickly, and there are no dependencies to analyse for facts,
// which is most of the cost of a run.
const (
	// unjoinedSrc has an unjoinedgo finding.
	unjoinedSrc = "package main\n\nfunc main() {\n\tgo func() {}()\n}\n"
	// closeSrc has a chanclose and an unjoinedgo finding.
	closeSrc = "package main\n\nfunc main() {\n\tch := make(chan int)\n\tclose(ch)\n\tclose(ch)\n\tgo func() {}()\n}\n"
	// closeFunc is a function with a chanclose finding.
	closeFunc = "\nfunc twice() {\n\tch := make(chan int)\n\tclose(ch)\n\tclose(ch)\n}\n"
	// leakFunc has a chanleak finding with a fix (a buffer for every sender).
	leakFunc = "\nfunc first(items []int) int {\n\tresults := make(chan int)\n\tfor _, it := range items {\n\t\tgo func() {\n\t\t\tresults <- it\n\t\t}()\n\t}\n\treturn <-results\n}\n"
)

// TestConfig: wglint.toml files select the checks, the checks that fail
// the run, excluded paths and tests; a subdirectory's file overrides its
// parent's; flags override the files; a malformed file is an error with
// its position.
func TestConfig(t *testing.T) {
	needBinary(t)
	t.Parallel()
	dir := module(t, map[string]string{
		"main.go":      unjoinedSrc,
		"skip_gen.go":  "package main\n" + closeFunc,
		"sub/main.go":  closeSrc,
		"sub/other.go": "package main\n",
	})
	all := []string{"main.go: unjoinedgo", "skip_gen.go: chanclose", "sub/main.go: chanclose", "sub/main.go: unjoinedgo"}
	r := lintIn(t, dir, "./...")
	expect(t, "no configuration", r, 3, reported(t, dir, r.stderr), all)

	root := "# wglint's configuration\nchecks = [\"all\", \"-unjoinedgo\"]\n"
	writeFiles(t, dir, map[string]string{"wglint.toml": root})
	r = lintIn(t, dir, "./...")
	expect(t, "root file without unjoinedgo", r, 3, reported(t, dir, r.stderr), []string{"skip_gen.go: chanclose", "sub/main.go: chanclose"})

	writeFiles(t, dir, map[string]string{"sub/wglint.toml": "checks = [\"inherit\", \"unjoinedgo\", \"-chanclose\"]\n"})
	r = lintIn(t, dir, "./...")
	expect(t, "sub/wglint.toml over the root file", r, 3, reported(t, dir, r.stderr), []string{"skip_gen.go: chanclose", "sub/main.go: unjoinedgo"})

	// Flags over files.
	r = lintIn(t, dir, "-checks=all", "./...")
	expect(t, "-checks=all over both files", r, 3, reported(t, dir, r.stderr), all)
	r = lintIn(t, dir, "-checks=inherit,chanclose", "./sub")
	expect(t, "-checks=inherit,chanclose: the file's checks and chanclose", r, 3, reported(t, dir, r.stderr), []string{"sub/main.go: chanclose", "sub/main.go: unjoinedgo"})
	r = lintIn(t, dir, "-chanclose", "./...")
	expect(t, "-chanclose: only chanclose", r, 3, reported(t, dir, r.stderr), []string{"skip_gen.go: chanclose", "sub/main.go: chanclose"})
	r = lintIn(t, dir, "-unjoinedgo=false", "-chanclose=false", "./...")
	expect(t, "-unjoinedgo=false -chanclose=false on top of the files", r, 0, reported(t, dir, r.stderr), nil)

	// Which checks fail the run: the others' findings are printed, and
	// exit 0.
	writeFiles(t, dir, map[string]string{"wglint.toml": root + "fail = [\"all\", \"-unjoinedgo\"]\n"})
	r = lintIn(t, dir, "./sub")
	expect(t, "fail without unjoinedgo", r, 0, reported(t, dir, r.stderr), []string{"sub/main.go: unjoinedgo"})
	r = lintIn(t, dir, "-fail=all", "./sub")
	expect(t, "-fail=all over the file", r, 3, reported(t, dir, r.stderr), []string{"sub/main.go: unjoinedgo"})

	// Excluded paths, relative to the file's directory.
	writeFiles(t, dir, map[string]string{"wglint.toml": "exclude = [\"sub\", \"**/skip_*.go\"]\n"})
	r = lintIn(t, dir, "./...")
	expect(t, "exclude sub and skip_*.go", r, 3, reported(t, dir, r.stderr), []string{"main.go: unjoinedgo"})
	r = lintIn(t, dir, "-json", "./...")
	if strings.Contains(r.stdout, "sub/main.go") || strings.Contains(r.stdout, "skip_gen.go") || !strings.Contains(r.stdout, dir+"/main.go") {
		t.Errorf("-json with excluded paths:\n%s", r)
	}

	// Tests off in a file, on with the flag.
	lib := module(t, map[string]string{
		"lib/lib.go":      "package lib\n",
		"lib/lib_test.go": "package lib\n" + closeFunc,
	})
	r = lintIn(t, lib, "./...")
	expect(t, "tests by default", r, 3, reported(t, lib, r.stderr), []string{"lib/lib_test.go: chanclose"})
	writeFiles(t, lib, map[string]string{"wglint.toml": "tests = false\n"})
	r = lintIn(t, lib, "./...")
	expect(t, "tests = false", r, 0, reported(t, lib, r.stderr), nil)
	r = lintIn(t, lib, "-test", "./...")
	expect(t, "-test over tests = false", r, 3, reported(t, lib, r.stderr), []string{"lib/lib_test.go: chanclose"})

	// Malformed files: an error with the file and position, exit 2,
	// nothing else printed.
	for _, tc := range []struct {
		file, content string
		want          string
	}{
		{"wglint.toml", "checks = [\"all\"\ntests = true\n", `wglint.toml:2:1: checks: expected a comma`},
		{"sub/wglint.toml", "\n\nchecks = [\"all\", \"nosuch\"]\n", `sub/wglint.toml:3:11: unknown check "nosuch"; the checks are chanclose, `},
		{"sub/wglint.toml", "checks = [\"all\"]\ntests = \"no\"\n", `sub/wglint.toml:2: tests: incompatible types`},
		{"sub/wglint.toml", "checks = [\"all\"]\n\n[linters]\nenable = true\n", `sub/wglint.toml:3: unknown key "linters"; the keys are checks, fail, exclude, tests`},
		{"wglint.toml", "exclude = [\"/abs\"]\n", `wglint.toml:1:12: exclude pattern "/abs": want a slash-separated path relative`},
	} {
		d := module(t, map[string]string{"main.go": unjoinedSrc, "sub/main.go": closeSrc, tc.file: tc.content})
		r := lintIn(t, d, "./...")
		if r.code != 2 || !strings.Contains(r.stderr, filepath.Join(d, tc.want)) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%s containing %q: want exit code 2 and %q, and nothing else\n%s", tc.file, tc.content, tc.want, r)
		}
	}
}

// TestBaseline: -baseline writes the findings when the file does not
// exist; later runs report and fail only on new findings, survive
// unrelated edits, and say how many entries no longer match.
func TestBaseline(t *testing.T) {
	needBinary(t)
	t.Parallel()
	dir := module(t, map[string]string{"a/main.go": unjoinedSrc, "b/main.go": closeSrc})
	base := filepath.Join(dir, "wglint-baseline.json")

	r := lintIn(t, dir, "-baseline", "wglint-baseline.json", "./...")
	if r.code != 0 || !strings.Contains(r.stderr, "wglint: wrote 3 findings to the baseline wglint-baseline.json") || strings.Contains(r.stderr, "(unjoinedgo)") {
		t.Fatalf("first run with a missing baseline: want it written, exit code 0\n%s", r)
	}
	var file struct {
		Version  int
		Findings []struct{ File, Check, Func, Hash, Message string }
	}
	if err := json.Unmarshal([]byte(mustReadAbs(t, base)), &file); err != nil {
		t.Fatal(err)
	}
	var entries []string
	for _, e := range file.Findings {
		entries = append(entries, e.File+" "+e.Check+" "+e.Func)
		if len(e.Hash) != 16 || e.Message == "" {
			t.Errorf("entry %+v: want a 16-digit hash and the message", e)
		}
	}
	if want := []string{"a/main.go unjoinedgo main", "b/main.go chanclose main", "b/main.go unjoinedgo main"}; file.Version != 1 || !slices.Equal(entries, want) {
		t.Errorf("baseline entries %q (version %d), want %q", entries, file.Version, want)
	}
	written := mustReadAbs(t, base)

	r = lintIn(t, dir, "-baseline", base, "./...")
	if r.code != 0 || !strings.Contains(r.stderr, "3 findings in the baseline "+base+" not reported; 0 of its entries no longer match") || strings.Contains(r.stderr, "(unjoinedgo)") {
		t.Errorf("second run: want nothing reported and exit code 0\n%s", r)
	}

	// An unrelated edit: every line of b/main.go moves, and the messages,
	// which name lines, change.
	writeFiles(t, dir, map[string]string{"b/main.go": strings.Replace(closeSrc, "func main", "// An edit above the code.\n\n// Another.\nvar x = 1\n\nfunc main", 1)})
	r = lintIn(t, dir, "-baseline", base, "./...")
	if r.code != 0 || !strings.Contains(r.stderr, "3 findings in the baseline") {
		t.Errorf("after an unrelated edit: want the baseline to still match every finding\n%s", r)
	}

	// A new finding is reported and fails the run; the old ones are not.
	writeFiles(t, dir, map[string]string{"c/main.go": "package main\n\nfunc main() {}\n" + closeFunc})
	r = lintIn(t, dir, "-baseline", base, "./...")
	expect(t, "a new finding", r, 3, reported(t, dir, r.stderr), []string{"c/main.go: chanclose"})
	// The same finding again in a function of the baseline is new too.
	writeFiles(t, dir, map[string]string{"a/main.go": strings.Replace(unjoinedSrc, "\tgo func", "\tgo func() {}()\n\tgo func", 1)})
	r = lintIn(t, dir, "-baseline", base, "./a")
	expect(t, "a second identical finding in a/main.go", r, 3, reported(t, dir, r.stderr), []string{"a/main.go: unjoinedgo"})

	// Fixed findings: the entries no longer match.
	if err := os.RemoveAll(filepath.Join(dir, "a")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "c")); err != nil {
		t.Fatal(err)
	}
	r = lintIn(t, dir, "-baseline", base, "./...")
	if r.code != 0 || !strings.Contains(r.stderr, "2 findings in the baseline "+base+" not reported; 1 of its entries no longer match a finding") {
		t.Errorf("after fixing a/main.go: want 1 stale entry\n%s", r)
	}
	r = lintIn(t, dir, "-baseline", base, "-write-baseline", "./...")
	if r.code != 0 || !strings.Contains(r.stderr, "wrote 2 findings") || mustReadAbs(t, base) == written || strings.Contains(r.stderr, "(unjoinedgo)") {
		t.Errorf("-write-baseline: want the file rewritten with 2 findings, and none reported\n%s", r)
	}
	// Writing a baseline with -sarif-out still writes the log, with
	// nothing new in it.
	other := filepath.Join(t.TempDir(), "other.json")
	r = lintIn(t, dir, "-baseline", other, "-sarif-out", filepath.Join(dir, "w.sarif"), "./...")
	if data := mustReadAbs(t, filepath.Join(dir, "w.sarif")); r.code != 0 || !strings.Contains(data, `"results": []`) {
		t.Errorf("-sarif-out while writing a baseline: want a log without results, exit code 0\n%s\n%s", r, data)
	}

	// SARIF: baselined results are left out, or marked with -show-suppressed.
	writeFiles(t, dir, map[string]string{"c/main.go": "package main\n\nfunc main() {}\n" + closeFunc + leakFunc})
	log := runSARIFIn(t, dir, 3, "-baseline", base, "./...")
	for _, res := range log.Runs[0].Results {
		if !strings.Contains(res.Locations[0].PhysicalLocation.ArtifactLocation.URI, "c/main.go") || res.BaselineState != "new" || len(res.Suppressions) > 0 {
			t.Errorf("-sarif -baseline: want only the new results of c/main.go, as new: %+v", res)
		}
	}
	log = runSARIFIn(t, dir, 3, "-baseline", base, "-show-suppressed", "./...")
	states := map[string]int{}
	for _, res := range log.Runs[0].Results {
		states[res.BaselineState]++
		if res.BaselineState == "unchanged" && (len(res.Suppressions) != 1 || res.Suppressions[0].Kind != "external" || !strings.Contains(res.Suppressions[0].Justification, "baseline")) {
			t.Errorf("a baselined result without an external suppression: %+v", res)
		}
	}
	if states["new"] != 2 || states["unchanged"] != 2 {
		t.Errorf("-show-suppressed: baseline states %v, want 2 new and 2 unchanged", states)
	}

	// A baseline that is not one.
	writeFiles(t, dir, map[string]string{"bad.json": "{\n  \"version\": 1,\n  \"findings\": [\n}\n"})
	r = lintIn(t, dir, "-baseline", "bad.json", "./...")
	if r.code != 2 || !strings.Contains(r.stderr, "bad.json:4: not a wglint baseline") {
		t.Errorf("a malformed baseline: want exit code 2 and its position\n%s", r)
	}
}

func mustReadAbs(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// runSARIFIn is runSARIF in dir.
func runSARIFIn(t *testing.T, dir string, wantCode int, args ...string) *sarif.Log {
	t.Helper()
	r := lintIn(t, dir, append([]string{"-sarif"}, args...)...)
	if r.code != wantCode {
		t.Errorf("wglint -sarif %s: exit code %d, want %d\n%s", strings.Join(args, " "), r.code, wantCode, r)
	}
	if err := testutil.ValidateJSON(sarifSchema(t), []byte(r.stdout)); err != nil {
		t.Fatalf("wglint -sarif %s: the log does not validate against the SARIF 2.1.0 schema: %v\n%s", strings.Join(args, " "), err, r.stdout)
	}
	var log sarif.Log
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatal(err)
	}
	return &log
}

// TestGenerated: findings in a generated file are dropped, standalone and
// under go vet, unless -generated is given.
func TestGenerated(t *testing.T) {
	needBinary(t)
	t.Parallel()
	dir := module(t, map[string]string{
		"p/gen.go":  "// Code generated by hand for TestGenerated. DO NOT EDIT.\n\npackage p\n" + closeFunc,
		"p/hand.go": "package p\n" + strings.Replace(closeFunc, "twice", "twice2", 1),
	})
	r := lintIn(t, dir, "./...")
	expect(t, "a generated file", r, 3, reported(t, dir, r.stderr), []string{"p/hand.go: chanclose"})
	r = lintIn(t, dir, "-generated", "./...")
	expect(t, "-generated", r, 3, reported(t, dir, r.stderr), []string{"p/gen.go: chanclose", "p/hand.go: chanclose"})
	if r := lintIn(t, dir, "-sarif", "./..."); strings.Contains(r.stdout, "gen.go") {
		t.Errorf("-sarif reports in the generated file\n%s", r)
	}

	vet := func(args ...string) result {
		r, _ := runEnv(t, dir, []string{"GOFLAGS=", "GOWORK=off"}, "go", append([]string{"vet", "-vettool=" + wglintBin}, args...)...)
		return r
	}
	if r := vet("./..."); r.code != 1 || strings.Contains(r.stderr, "gen.go") || !strings.Contains(r.stderr, "hand.go") {
		t.Errorf("go vet -vettool=wglint: want hand.go's finding only\n%s", r)
	}
	if r := vet("-generated", "./..."); r.code != 1 || !strings.Contains(r.stderr, "gen.go") || !strings.Contains(r.stderr, "hand.go") {
		t.Errorf("go vet -vettool=wglint -generated: want both findings\n%s", r)
	}
}

// TestTags: -tags selects files in every standalone mode.
func TestTags(t *testing.T) {
	needBinary(t)
	t.Parallel()
	dir := module(t, map[string]string{
		"p/p.go":       "package p\n",
		"p/special.go": "//go:build special\n\npackage p\n" + leakFunc,
	})
	r := lintIn(t, dir, "./...")
	expect(t, "without -tags", r, 0, reported(t, dir, r.stderr), nil)
	r = lintIn(t, dir, "-tags=special", "./...")
	expect(t, "-tags=special", r, 3, reported(t, dir, r.stderr), []string{"p/special.go: chanleak"})
	if log := runSARIFIn(t, dir, 3, "-tags", "other,special", "./..."); len(log.Runs[0].Results) != 1 {
		t.Errorf("-sarif -tags=other,special: %d results, want 1", len(log.Runs[0].Results))
	}
	if r := lintIn(t, dir, "-json", "-tags=special", "./..."); !strings.Contains(r.stdout, "special.go") {
		t.Errorf("-json -tags=special:\n%s", r)
	}
	r = lintIn(t, dir, "-diff", "-tags=special", "./...")
	if r.code != 3 || !strings.Contains(r.stdout, "+\tresults := make(chan int, len(items))") {
		t.Errorf("-diff -tags=special: want the fix of special.go\n%s", r)
	}
	r = lintIn(t, dir, "-fix", "-tags=special", "./...")
	if r.code != 0 || !strings.Contains(mustReadAbs(t, filepath.Join(dir, "p", "special.go")), "make(chan int, len(items))") {
		t.Errorf("-fix -tags=special: want special.go fixed\n%s", r)
	}
}

// TestVersion: -version prints the module version and VCS revision of
// the build info (as go version -m reads them), and -V=full the line
// go vet keys its cache on.
func TestVersion(t *testing.T) {
	needBinary(t)
	t.Parallel()
	out, err := exec.Command("go", "version", "-m", wglintBin).Output()
	if err != nil {
		t.Fatal(err)
	}
	info := map[string]string{}
	for line := range strings.Lines(string(out)) {
		f := strings.Fields(line)
		switch {
		case len(f) >= 3 && f[0] == "mod":
			info["mod"] = f[2]
		case len(f) >= 2 && f[0] == "build":
			k, v, _ := strings.Cut(f[1], "=")
			info[k] = v
		}
	}
	r := wglint(t, "-version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "wglint "+info["mod"]+" (") || !strings.Contains(r.stdout, "built with go1.") {
		t.Errorf("wglint -version: want the module version %q and the Go version\n%s", info["mod"], r)
	}
	if rev := info["vcs.revision"]; rev != "" {
		if !strings.Contains(r.stdout, "revision "+rev+" of "+info["vcs.time"]) {
			t.Errorf("wglint -version: want the revision %s\n%s", rev, r)
		}
		if head, err := exec.Command("git", "-C", moduleRoot, "rev-parse", "HEAD").Output(); err == nil && strings.TrimSpace(string(head)) != rev {
			t.Errorf("the binary's revision %s is not HEAD %s", rev, head)
		}
	} else if fi, err := os.Stat(filepath.Join(moduleRoot, ".git")); err == nil && fi.IsDir() {
		// (The go command does not stamp builds in a git worktree, whose
		// .git is a file.)
		t.Errorf("built in a git clone with -buildvcs=auto, but the binary has no revision:\n%s", out)
	}

	r = wglint(t, "-V=full")
	data, err := os.ReadFile(wglintBin)
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(r.stdout)
	if r.code != 0 || len(f) < 5 || f[1] != "version" || f[2] != "devel" || f[3] != info["mod"] || f[len(f)-1] != fmt.Sprintf("buildID=%x", sha256.Sum256(data)) {
		t.Errorf("wglint -V=full: want \"wglint version devel %s ... buildID=<sha256 of the binary>\"\n%s", info["mod"], r)
	}
	if rev := info["vcs.revision"]; rev != "" && !strings.Contains(r.stdout, " revision "+rev) {
		t.Errorf("wglint -V=full does not name the revision %s\n%s", rev, r)
	}
}

// TestHelpCommand: wglint help prints wglint's own help and the checks;
// wglint help NAME a check's documentation.
func TestHelpCommand(t *testing.T) {
	needBinary(t)
	t.Parallel()
	r := wglint(t, "help")
	for _, want := range []string{"wglint reports concurrency mistakes", "-baseline", "-checks", "wglint.toml", analyzers.All[0].Analyzer.Name + " "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("wglint help does not mention %q\n%s", want, r)
		}
	}
	if r.code != 0 || strings.Contains(r.stdout+r.stderr, "Printf") {
		t.Errorf("wglint help: %s", r)
	}
	c := analyzers.All[1]
	if r := wglint(t, "help", c.Analyzer.Name); r.code != 0 || r.stdout != c.PlainText() {
		t.Errorf("wglint help %s: want its documentation\n%s", c.Analyzer.Name, r)
	}
	if r := wglint(t, "help", "nosuch"); r.code != 2 || !strings.Contains(r.stderr, `unknown check "nosuch"`) {
		t.Errorf("wglint help nosuch: %s", r)
	}
}

// TestSARIFForGitHub: what GitHub code scanning reads in the log: the
// tool's version, rule names, fingerprints that survive unrelated edits,
// and one thread flow per goroutine for the findings that involve two.
func TestSARIFForGitHub(t *testing.T) {
	needBinary(t)
	t.Parallel()
	// lockorder is experimental: named to be on (datarace too, harmlessly).
	log := runSARIF(t, sarifSchema(t), 3, "-checks=all,lockorder,datarace", "./testdata/flows")
	run := log.Runs[0]
	version := strings.Fields(wglint(t, "-version").stdout)[1]
	if run.Tool.Driver.Version != version {
		t.Errorf("tool.driver.version %q, want %q", run.Tool.Driver.Version, version)
	}
	for i, rule := range run.Tool.Driver.Rules {
		if rule.Name != analyzers.All[i].Name || rule.Name == rule.ID {
			t.Errorf("rule %s: name %q, want the check's human name %q", rule.ID, rule.Name, analyzers.All[i].Name)
		}
	}
	flows := map[string]int{}
	for _, res := range run.Results {
		loc := res.Locations[0].PhysicalLocation
		if fp := res.PartialFingerprints["primaryLocationLineHash"]; !regexp.MustCompile(`^[0-9a-f]{32}:\d+$`).MatchString(fp) {
			t.Errorf("%s at line %d: partial fingerprint %q", res.RuleID, loc.Region.StartLine, fp)
		}
		if len(res.CodeFlows) == 0 {
			continue
		}
		flows[res.RuleID]++
		tfs := res.CodeFlows[0].ThreadFlows
		if len(tfs) != 2 {
			t.Errorf("%s at line %d: %d thread flows, want one per goroutine, 2", res.RuleID, loc.Region.StartLine, len(tfs))
			continue
		}
		// Every related location is a step of one thread, and the
		// finding's own location is one too (of one thread, or of both
		// when two instances of a goroutine run the same statement);
		// execution orders are 1..n.
		var steps []string
		var orders []int
		for _, tf := range tfs {
			if tf.Message == nil || tf.Message.Text == "" || len(tf.Locations) == 0 {
				t.Errorf("%s: a thread flow without a name or steps: %+v", res.RuleID, tf)
			}
			for _, l := range tf.Locations {
				steps = append(steps, fmt.Sprint(l.Location.PhysicalLocation.Region.StartLine))
				orders = append(orders, l.ExecutionOrder)
			}
		}
		want := []string{fmt.Sprint(loc.Region.StartLine)}
		for _, rel := range res.RelatedLocations {
			want = append(want, fmt.Sprint(rel.PhysicalLocation.Region.StartLine))
		}
		slices.Sort(steps)
		steps = slices.Compact(steps)
		slices.Sort(want)
		slices.Sort(orders)
		if !slices.Equal(steps, want) {
			t.Errorf("%s at line %d: thread flow steps at lines %v, want the finding's and its related lines %v", res.RuleID, loc.Region.StartLine, steps, want)
		}
		for i, o := range orders {
			if o != i+1 {
				t.Errorf("%s: execution orders %v, want 1 to %d", res.RuleID, orders, len(orders))
				break
			}
		}
	}
	for _, check := range []string{"lockorder", "chanlock", "datarace", "chanleak"} {
		if flows[check] == 0 {
			t.Errorf("no %s result with a code flow", check)
		}
	}

	// Fingerprints do not change when an unrelated edit moves the code.
	dir := module(t, map[string]string{"flows/main.go": mustRead(t, "testdata/flows/main.go")})
	fingerprints := func() []string {
		var fps []string
		for _, res := range runSARIFIn(t, dir, 3, "-checks=all,lockorder,datarace", "./...").Runs[0].Results {
			fps = append(fps, res.RuleID+" "+res.PartialFingerprints["primaryLocationLineHash"])
		}
		slices.Sort(fps)
		return fps
	}
	before := fingerprints()
	src := mustReadAbs(t, filepath.Join(dir, "flows", "main.go"))
	writeFiles(t, dir, map[string]string{"flows/main.go": strings.Replace(src, "type bank struct", "// A new comment.\nvar unrelated = 1\n\ntype bank struct", 1)})
	if after := fingerprints(); !slices.Equal(before, after) || len(before) < 4 {
		t.Errorf("fingerprints changed with an unrelated edit:\nbefore %q\nafter  %q", before, after)
	}
}

// TestGitHubAction runs the analysis step of the composite action
// (scripts/github-action.sh) as GitHub would: on a push it uploads, on a
// pull request from a fork it annotates instead, with a baseline only new
// findings fail, and a missing baseline is an error.
func TestGitHubAction(t *testing.T) {
	needBinary(t)
	t.Parallel()
	if _, err := exec.LookPath("jq"); err != nil {
		t.Fatal("the action needs jq, which GitHub's runners have: install it (apt-get install jq)")
	}
	dir := module(t, map[string]string{"a/main.go": unjoinedSrc})
	event := filepath.Join(t.TempDir(), "event.json")
	writeFiles(t, filepath.Dir(event), map[string]string{"event.json": `{"pull_request": {"head": {"repo": {"full_name": "someone/fork"}}}}`})
	script := filepath.Join(moduleRoot, "scripts", "github-action.sh")
	action := func(env ...string) (result, map[string]string) {
		t.Helper()
		outFile := filepath.Join(t.TempDir(), "output")
		env = append(env, "WGLINT="+wglintBin, "GITHUB_OUTPUT="+outFile, "GITHUB_REPOSITORY=wglint/example", "GOFLAGS=", "GOWORK=off")
		r, _ := runEnv(t, dir, env, "bash", script)
		outputs := map[string]string{}
		data, _ := os.ReadFile(outFile)
		for line := range strings.Lines(string(data)) {
			k, v, _ := strings.Cut(strings.TrimSpace(line), "=")
			outputs[k] = v
		}
		return r, outputs
	}

	r, out := action("GITHUB_EVENT_NAME=push")
	if r.code != 0 || out["exit-code"] != "3" || out["upload"] != "true" || out["findings"] != "1" || strings.Contains(r.stdout, "::error") {
		t.Errorf("push: want exit-code 3, 1 finding, an upload and no annotations; outputs %v\n%s", out, r)
	}
	if !strings.Contains(r.stderr, "(unjoinedgo)") {
		t.Errorf("push: the findings are not printed as text\n%s", r)
	}
	validSARIFFile(t, filepath.Join(dir, out["sarif-file"]))

	r, out = action("GITHUB_EVENT_NAME=pull_request", "GITHUB_EVENT_PATH="+event)
	if r.code != 0 || out["upload"] != "false" || !regexp.MustCompile(`(?m)^::error file=a/main\.go,line=4,col=2,endLine=\d+,endColumn=\d+,title=wglint unjoinedgo::goroutine may still be running`).MatchString(r.stdout) {
		t.Errorf("pull request from a fork: want no upload and an annotation; outputs %v\n%s", out, r)
	}

	// Fail on new findings only.
	if r := lintIn(t, dir, "-baseline", "base.json", "./..."); r.code != 0 {
		t.Fatalf("writing the baseline: %s", r)
	}
	r, out = action("GITHUB_EVENT_NAME=push", "INPUT_BASELINE=base.json")
	if r.code != 0 || out["exit-code"] != "0" || out["findings"] != "0" {
		t.Errorf("baseline, nothing new: want exit-code 0 and no results; outputs %v\n%s", out, r)
	}
	writeFiles(t, dir, map[string]string{"b/main.go": closeSrc})
	r, out = action("GITHUB_EVENT_NAME=push", "INPUT_BASELINE=base.json", "INPUT_FLAGS=-checks=all -test=false")
	if r.code != 0 || out["exit-code"] != "3" || out["findings"] != "2" {
		t.Errorf("baseline, new findings: want exit-code 3 and 2 results; outputs %v\n%s", out, r)
	}
	r, out = action("GITHUB_EVENT_NAME=push", "INPUT_BASELINE=missing.json")
	if r.code != 2 || !strings.Contains(r.stdout, "::error title=wglint::the baseline missing.json does not exist") {
		t.Errorf("a missing baseline: want an error, exit code 2; outputs %v\n%s", out, r)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.json")); err == nil {
		t.Errorf("the action created the missing baseline: in CI that would hide every finding")
	}
}

func validSARIFFile(t *testing.T, file string) {
	t.Helper()
	if err := testutil.ValidateJSON(sarifSchema(t), []byte(mustReadAbs(t, file))); err != nil {
		t.Errorf("%s: %v", file, err)
	}
}

// TestWorkflowFiles checks what a reviewer checks in the workflow and the
// action: the current major version of the upload action, no upload where
// the token cannot write (pull requests from forks), the test suite run
// once, and the action's script present.
func TestWorkflowFiles(t *testing.T) {
	t.Parallel()
	workflow := mustRead(t, ".github/workflows/wglint.yml")
	action := mustRead(t, "action.yml")
	for name, text := range map[string]string{"workflow": workflow, "action.yml": action} {
		uses := regexp.MustCompile(`uses: github/codeql-action/upload-sarif@(\S+)`).FindAllStringSubmatch(text, -1)
		if len(uses) != 1 || uses[0][1] != "v4" {
			t.Errorf("%s: want one upload-sarif step, @v4: %v", name, uses)
		}
	}
	if !strings.Contains(workflow, "github.event.pull_request.head.repo.full_name == github.repository") {
		t.Errorf("the workflow's upload is not limited to runs whose token may write security events")
	}
	if n := strings.Count(workflow, "go test") + strings.Count(workflow, "run: bash .ci/run"); n != 1 {
		t.Errorf("the workflow runs the test suite %d times, want once", n)
	}
	if n := strings.Count(workflow, "wglint -sarif") + strings.Count(workflow, "cmd/wglint"); n != 0 {
		t.Errorf("the workflow runs wglint itself %d times; .ci/run runs it once and writes the log", n)
	}
	if !strings.Contains(action, `bash "$GITHUB_ACTION_PATH/scripts/github-action.sh"`) {
		t.Errorf("action.yml does not run scripts/github-action.sh")
	}
	if !strings.Contains(mustRead(t, ".ci/run"), `-sarif-out "$sarif" ./...`) {
		t.Errorf(".ci/run does not write the SARIF log in its one wglint run")
	}
}
