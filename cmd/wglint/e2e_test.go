package main_test

// End-to-end tests of the wglint binary: they build cmd/wglint once (in
// TestMain), run it the two ways a user does, standalone and as
// `go vet -vettool`, over the blog post's programs in testdata/post, and
// compare what it prints with testdata/post/findings.golden.
//
// Rewrite the golden file from the standalone output with
//
//	go test ./cmd/wglint -update

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/wglint/wglint/analyzers"
)

var update = flag.Bool("update", false, "rewrite testdata/post/findings.golden from the standalone output")

var (
	moduleRoot string // absolute path of the module root
	postDir    string // moduleRoot/testdata/post
	goldenFile string // postDir/findings.golden
	wglintBin  string // the wglint binary built by TestMain; "" if it could not be built
	skipReason string // why the tests that need the binary are skipped
)

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	moduleRoot = filepath.Dir(filepath.Dir(wd)) // the test runs in cmd/wglint
	postDir = filepath.Join(moduleRoot, "testdata", "post")
	goldenFile = filepath.Join(postDir, "findings.golden")
	if data, err := os.ReadFile(filepath.Join(moduleRoot, "go.mod")); err != nil || !bytes.Contains(data, []byte("module github.com/wglint/wglint\n")) {
		fmt.Fprintf(os.Stderr, "e2e: %s is not the wglint module root\n", moduleRoot)
		return 1
	}

	// Building the binary and running it both need the go command: the
	// standalone driver loads packages with go/packages, which runs `go list`.
	// (go test puts $GOROOT/bin first on PATH, so this is found in practice.)
	goTool, err := exec.LookPath("go")
	if err != nil {
		skipReason = "the go command is not on PATH: " + err.Error()
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "wglint-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	// Every run of the binary in these tests shares one result cache of
	// their own (not the user's): a test that runs wglint twice on the
	// same code gets its second output from the cache.
	os.Setenv("WGLINT_CACHE", filepath.Join(dir, "cache"))
	bin := filepath.Join(dir, "wglint")
	// -buildvcs=auto (over a GOFLAGS=-buildvcs=false of the environment)
	// stamps the revision in a checkout, for TestVersion.
	build := exec.Command(goTool, "build", "-buildvcs=auto", "-o", bin, ".")
	build.Dir = wd
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: go build ./cmd/wglint: %v\n%s", err, out)
		return 1
	}
	wglintBin = bin
	return m.Run()
}

func needBinary(t *testing.T) {
	t.Helper()
	if wglintBin == "" {
		t.Skip(skipReason)
	}
}

// result is what one run of a command printed, and its exit code.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit code %d\n--- stdout:\n%s--- stderr:\n%s", r.code, r.stdout, r.stderr)
}

// run runs name with args in the module root.
func run(t *testing.T, name string, args ...string) result {
	t.Helper()
	r, _ := runEnv(t, moduleRoot, nil, name, args...)
	return r
}

func wglint(t *testing.T, args ...string) result {
	t.Helper()
	return run(t, wglintBin, args...)
}

func goVet(t *testing.T, args ...string) result {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	return run(t, goTool, append([]string{"vet", "-vettool=" + wglintBin}, args...)...)
}

// A finding is one diagnostic, with its file relative to testdata/post.
type finding struct {
	File      string // slash-separated, relative to testdata/post when inside it
	Line, Col int
	Analyzer  string // "" when read from the text output, which does not carry it
	Message   string
	end       string // end position as printed; only to dedupe like the text printer
}

// String is the finding's line in the golden file: as standalone wglint
// prints it, file:line:col: message (check).
func (f finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s (%s)", f.File, f.Line, f.Col, escape(f.Message), f.Analyzer)
}

// textKey is how the finding appears in the text output, normalized: with
// the check's name at the end standalone (withCheck), without it under go
// vet, which prints the findings itself.
func (f finding) textKey(withCheck bool) string {
	if withCheck {
		return f.String()
	}
	return fmt.Sprintf("%s:%d:%d: %s", f.File, f.Line, f.Col, escape(f.Message))
}

func escape(s string) string { return strings.ReplaceAll(s, "\n", `\n`) }

func compareFindings(a, b finding) int {
	if c := strings.Compare(a.File, b.File); c != 0 {
		return c
	}
	if a.Line != b.Line {
		return a.Line - b.Line
	}
	if a.Col != b.Col {
		return a.Col - b.Col
	}
	if c := strings.Compare(a.Analyzer, b.Analyzer); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// relPath makes a file name printed by wglint or go vet (absolute, or
// relative to the module root where the tools ran) relative to testdata/post.
func relPath(file string) string {
	if !filepath.IsAbs(file) {
		file = filepath.Join(moduleRoot, file)
	}
	bases := []string{postDir}
	if real, err := filepath.EvalSymlinks(postDir); err == nil && real != postDir {
		bases = append(bases, real)
	}
	for _, base := range bases {
		if rel, err := filepath.Rel(base, file); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(file)
}

// splitPosn splits "file:line:col".
func splitPosn(posn string) (file string, line, col int, err error) {
	i := strings.LastIndex(posn, ":")
	j := -1
	if i > 0 {
		j = strings.LastIndex(posn[:i], ":")
	}
	if j <= 0 {
		return "", 0, 0, fmt.Errorf("malformed position %q", posn)
	}
	line, err1 := strconv.Atoi(posn[j+1 : i])
	col, err2 := strconv.Atoi(posn[i+1:])
	if err1 != nil || err2 != nil {
		return "", 0, 0, fmt.Errorf("malformed position %q", posn)
	}
	return posn[:j], line, col, nil
}

// parseJSON reads the -json output of either mode: one JSON object
// (standalone) or several concatenated ones (go vet), each mapping a package
// ID to an analyzer name to a list of diagnostics or an error. Findings
// reported twice (for pkg and for pkg [pkg.test]) are kept once; the result
// is sorted. Analysis errors are returned separately.
func parseJSON(out string) (findings []finding, analysisErrors []string, err error) {
	type jsonDiag struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	seen := make(map[finding]bool)
	dec := json.NewDecoder(strings.NewReader(out))
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, fmt.Errorf("decoding JSON output: %v", err)
		}
		for pkg, byAnalyzer := range tree {
			for analyzer, raw := range byAnalyzer {
				if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
					var e struct {
						Error string `json:"error"`
					}
					if err := json.Unmarshal(raw, &e); err != nil {
						return nil, nil, fmt.Errorf("%s: %s: %v", pkg, analyzer, err)
					}
					analysisErrors = append(analysisErrors, fmt.Sprintf("%s: %s: %s", pkg, analyzer, e.Error))
					continue
				}
				var diags []jsonDiag
				if err := json.Unmarshal(raw, &diags); err != nil {
					return nil, nil, fmt.Errorf("%s: %s: %v", pkg, analyzer, err)
				}
				for _, d := range diags {
					file, line, col, err := splitPosn(d.Posn)
					if err != nil {
						return nil, nil, err
					}
					f := finding{File: relPath(file), Line: line, Col: col, Analyzer: analyzer, Message: d.Message, end: d.End}
					if !seen[f] {
						seen[f] = true
						findings = append(findings, f)
					}
				}
			}
		}
	}
	slices.SortFunc(findings, compareFindings)
	slices.Sort(analysisErrors)
	return findings, analysisErrors, nil
}

var textLine = regexp.MustCompile(`^(.+\.go:\d+:\d+): (.*)$`)

// parseText reads the text output (stderr) of either mode and returns the
// normalized, sorted keys of its findings (related-information lines, whose
// message starts with a tab, are skipped) and any line it does not
// recognize. go vet's "# package" headers are skipped.
func parseText(out string) (keys, unexpected []string) {
	for line := range strings.Lines(out) {
		line = strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(line, "# ") {
			continue
		}
		m := textLine.FindStringSubmatch(line)
		if m == nil {
			unexpected = append(unexpected, line)
			continue
		}
		if strings.HasPrefix(m[2], "\t") {
			continue // related information of the finding above
		}
		file, l, c, err := splitPosn(m[1])
		if err != nil {
			unexpected = append(unexpected, line)
			continue
		}
		keys = append(keys, finding{File: relPath(file), Line: l, Col: c, Message: m[2]}.textKey(false))
	}
	slices.Sort(keys)
	return keys, unexpected
}

func textKeys(findings []finding, withCheck bool) []string {
	var keys []string
	for _, f := range findings {
		keys = append(keys, f.textKey(withCheck))
	}
	slices.Sort(keys)
	return keys
}

func goldenText(findings []finding) string {
	var b strings.Builder
	for _, f := range findings {
		b.WriteString(f.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// postFindings returns the findings of the standalone wglint -json run over
// the post's programs, computed once per test binary run.
var postFindings = sync.OnceValues(func() ([]finding, error) {
	cmd := exec.Command(wglintBin, "-json", "./testdata/post/...")
	cmd.Dir = moduleRoot
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("wglint -json ./testdata/post/...: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		return nil, fmt.Errorf("wglint -json ./testdata/post/... wrote to stderr:\n%s", stderr.String())
	}
	findings, errs, err := parseJSON(stdout.String())
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("analysis errors:\n%s", strings.Join(errs, "\n"))
	}
	return findings, nil
})

func mustPostFindings(t *testing.T) []finding {
	t.Helper()
	needBinary(t)
	findings, err := postFindings()
	if err != nil {
		t.Fatal(err)
	}
	return findings
}

// TestPostFindings runs wglint over the post's programs standalone and
// under go vet, in text and JSON mode, and compares the findings with
// testdata/post/findings.golden.
func TestPostFindings(t *testing.T) {
	t.Parallel()
	t.Run("standalone", func(t *testing.T) {
		findings := mustPostFindings(t)
		got := goldenText(findings)
		if *update {
			if err := os.WriteFile(goldenFile, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s (%d findings)", goldenFile, len(findings))
		}
		checkGolden(t, "wglint -json ./testdata/post/...", got)

		text := wglint(t, "./testdata/post/...")
		want := 0
		if len(findings) > 0 {
			want = 3
		}
		if text.code != want {
			t.Errorf("wglint ./testdata/post/...: exit code %d with %d findings, want %d\n%s", text.code, len(findings), want, text)
		}
		if text.stdout != "" {
			t.Errorf("wglint ./testdata/post/... wrote to stdout; findings belong on stderr\n%s", text)
		}
		checkText(t, "wglint ./testdata/post/...", text.stderr, findings, true)
	})

	t.Run("govet", func(t *testing.T) {
		needBinary(t)
		js := goVet(t, "-json", "./testdata/post/...")
		if js.code != 0 {
			t.Fatalf("go vet -vettool=wglint -json ./testdata/post/...: exit code %d, want 0\n%s", js.code, js)
		}
		findings, errs, err := parseJSON(js.stdout)
		if err != nil {
			t.Fatalf("%v\n%s", err, js)
		}
		if len(errs) > 0 {
			t.Errorf("go vet -json reported analysis errors:\n%s", strings.Join(errs, "\n"))
		}
		checkGolden(t, "go vet -vettool=wglint -json ./testdata/post/...", goldenText(findings))

		text := goVet(t, "./testdata/post/...")
		want := 0
		if len(findings) > 0 {
			want = 1
		}
		if text.code != want {
			t.Errorf("go vet -vettool=wglint ./testdata/post/...: exit code %d with %d findings, want %d\n%s", text.code, len(findings), want, text)
		}
		checkText(t, "go vet -vettool=wglint ./testdata/post/...", text.stderr, findings, false)
	})
}

// checkGolden compares got, the normalized findings of one run, with the
// golden file.
func checkGolden(t *testing.T, what, got string) {
	t.Helper()
	data, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/wglint -update to create it)", err)
	}
	if want := string(data); got != want {
		t.Errorf("%s: findings differ from %s (- golden, + this run; run go test ./cmd/wglint -update if the change is intended)\n%s",
			what, filepath.ToSlash(must(filepath.Rel(moduleRoot, goldenFile))), lineDiff(want, got))
	}
}

// checkText checks that the text output has exactly the findings of the
// JSON output, each ending with its check's name in parentheses when
// withCheck, and nothing else.
func checkText(t *testing.T, what, stderr string, findings []finding, withCheck bool) {
	t.Helper()
	keys, unexpected := parseText(stderr)
	if len(unexpected) > 0 {
		t.Errorf("%s: unexpected lines in the text output:\n%s", what, strings.Join(unexpected, "\n"))
	}
	if want := textKeys(findings, withCheck); !slices.Equal(keys, want) {
		t.Errorf("%s: text output and JSON output disagree (- JSON, + text)\n%s",
			what, lineDiff(strings.Join(want, "\n")+"\n", strings.Join(keys, "\n")+"\n"))
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// lineDiff lists the lines only in want ("-") and only in got ("+").
func lineDiff(want, got string) string {
	count := func(s string) map[string]int {
		m := make(map[string]int)
		for l := range strings.Lines(s) {
			m[strings.TrimSuffix(l, "\n")]++
		}
		return m
	}
	w, g := count(want), count(got)
	var out []string
	for l, n := range w {
		for i := g[l]; i < n; i++ {
			out = append(out, "- "+l)
		}
	}
	for l, n := range g {
		for i := w[l]; i < n; i++ {
			out = append(out, "+ "+l)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(a[2:], b[2:]) })
	if len(out) == 0 {
		return "(same lines, different order or line endings)"
	}
	return strings.Join(out, "\n")
}

// lineOf returns the 1-based line of testdata/post/<prog>/main.go that
// contains substr, which must occur exactly once.
func lineOf(t *testing.T, prog, substr string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(postDir, prog, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), substr); n != 1 {
		t.Fatalf("%s/main.go contains %q %d times, want once", prog, substr, n)
	}
	i := strings.Index(string(data), substr)
	return 1 + strings.Count(string(data[:i]), "\n")
}

// TestPostExpectations checks what the project's issue says a user sees
// on the post's programs, independently of the golden file.
func TestPostExpectations(t *testing.T) {
	t.Parallel()
	findings := mustPostFindings(t)
	has := func(prog, analyzer string, line int) bool {
		for _, f := range findings {
			if f.File == prog+"/main.go" && f.Analyzer == analyzer && f.Line == line {
				return true
			}
		}
		return false
	}
	for _, want := range []struct{ prog, analyzer, line string }{
		{"prog1", "unjoinedgo", "go worker()"},
		{"prog2", "unjoinedgo", "go worker()"},
		{"prog2", "sleepjoin", "time.Sleep"},
		{"prog3", "wgcopy", "func worker(workerId int, wg sync.WaitGroup)"},
		{"prog3", "wgcopy", "go worker(workerId, wg)"},
	} {
		line := lineOf(t, want.prog, want.line)
		if !has(want.prog, want.analyzer, line) {
			t.Errorf("%s/main.go:%d (%s): no %s finding", want.prog, line, want.line, want.analyzer)
		}
	}
	for _, prog := range []string{"prog4", "prog5", "prog7"} {
		for _, f := range findings {
			if f.File == prog+"/main.go" {
				t.Errorf("%s is correct code, but wglint reports %s", prog, f)
			}
		}
	}
	if t.Failed() {
		if len(findings) == 0 {
			t.Log("wglint reported no findings at all")
		} else {
			t.Logf("all findings:\n%s", goldenText(findings))
		}
	}
}

// TestCleanPackage: a package without findings gives exit code 0 and no
// output at all.
func TestCleanPackage(t *testing.T) {
	needBinary(t)
	t.Parallel()
	r := wglint(t, "./testdata/post/prog4")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("wglint ./testdata/post/prog4: want exit code 0 and no output, got %s", r)
	}
	if t.Failed() {
		return
	}
	r = goVet(t, "./testdata/post/prog4")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("go vet -vettool=wglint ./testdata/post/prog4: want exit code 0 and no output, got %s", r)
	}
}

// TestBrokenPackages: a package that does not type-check or does not parse
// is an error (exit code 1) that names the file and the position.
func TestBrokenPackages(t *testing.T) {
	needBinary(t)
	t.Parallel()
	for _, tc := range []struct{ dir, marker string }{
		{"typeerr", `"three"`},
		{"syntax", "wg.Add(1))"},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			file := filepath.Join(moduleRoot, "testdata", "broken", tc.dir, "main.go")
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			i := strings.Index(string(data), tc.marker)
			if i < 0 {
				t.Fatalf("%s does not contain %q", file, tc.marker)
			}
			line := 1 + strings.Count(string(data[:i]), "\n")
			pos := regexp.MustCompile(`testdata/broken/` + tc.dir + `/main\.go:` + strconv.Itoa(line) + `:\d+: `)
			pattern := "./testdata/broken/" + tc.dir

			r := wglint(t, pattern)
			if r.code != 1 {
				t.Errorf("wglint %s: exit code %d, want 1\n%s", pattern, r.code, r)
			}
			if !pos.MatchString(filepath.ToSlash(r.stderr)) {
				t.Errorf("wglint %s: stderr does not mention %s\n%s", pattern, pos, r)
			}

			r = wglint(t, "-json", pattern)
			if r.code != 1 {
				t.Errorf("wglint -json %s: exit code %d, want 1\n%s", pattern, r.code, r)
			}

			r = goVet(t, pattern)
			if r.code != 1 {
				t.Errorf("go vet -vettool=wglint %s: exit code %d, want 1\n%s", pattern, r.code, r)
			}
			if !pos.MatchString(filepath.ToSlash(r.stderr)) {
				t.Errorf("go vet -vettool=wglint %s: stderr does not mention %s\n%s", pattern, pos, r)
			}
		})
	}
}

// TestDeterministic: two standalone runs print byte-identical output
// (TestDeterministicTestdata compares every mode over all of testdata).
func TestDeterministic(t *testing.T) {
	needBinary(t)
	t.Parallel()
	for _, args := range [][]string{
		{"./testdata/post/..."},
	} {
		a, b := wglint(t, args...), wglint(t, args...)
		if a != b {
			t.Errorf("wglint %s: two runs differ\nfirst run: %s\nsecond run: %s", strings.Join(args, " "), a, b)
		}
	}
}

// TestVetHandshake: go vet asks the tool for its version and its flags
// before running it; custom flag parsing in main would break this.
func TestVetHandshake(t *testing.T) {
	needBinary(t)
	t.Parallel()
	r := wglint(t, "-V=full")
	if r.code != 0 || !strings.Contains(r.stdout, " version ") {
		t.Errorf("wglint -V=full: %s", r)
	}
	r = wglint(t, "-flags")
	if r.code != 0 {
		t.Fatalf("wglint -flags: %s", r)
	}
	var flags []struct{ Name string }
	if err := json.Unmarshal([]byte(r.stdout), &flags); err != nil {
		t.Fatalf("wglint -flags: %v\n%s", err, r)
	}
	names := make(map[string]bool)
	for _, f := range flags {
		names[f.Name] = true
	}
	for _, c := range analyzers.All {
		if !names[c.Analyzer.Name] {
			t.Errorf("wglint -flags does not list the enable flag -%s", c.Analyzer.Name)
		}
	}
	// -fix is not listed: go vet owns it and passes fixes through vet.cfg.
	for _, name := range []string{"json", "c"} {
		if !names[name] {
			t.Errorf("wglint -flags does not list -%s", name)
		}
	}
}

// tempModule writes a module named name in a new directory, with the
// files of testdata/src/name listed in files, and returns the directory.
func tempModule(t *testing.T, name string, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module "+name+"\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(moduleRoot, "testdata/src", name, f))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// goVetIn runs go vet -vettool=wglint with args in dir, offline.
func goVetIn(t *testing.T, dir string, args ...string) result {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	r, _ := runEnv(t, dir, []string{"GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off"}, goTool, append([]string{"vet", "-vettool=" + wglintBin}, args...)...)
	return r
}

// TestVetFactsOfDependencies: go vet runs wglint on the packages it does
// not vet only for their facts (vet.cfg's VetxOnly), and wglint runs none
// of its checks there, only the model; the facts must still reach the
// vetted package. use calls lib's (*Store).Len, which locks s.Mu, with
// s.Mu held: the finding needs lib's summary.
func TestVetFactsOfDependencies(t *testing.T) {
	needBinary(t)
	t.Parallel()
	dir := tempModule(t, "doublelock", "lib/lib.go", "use/use.go")
	r := goVetIn(t, dir, "./use")
	want := "use/use.go:9:9: Len, which locks s.Mu, is called while s.Mu is held since line 7"
	if r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("go vet -vettool=wglint ./use: want exit code 1 and %q\n%s", want, r)
	}
}

// TestVetExperimental: under go vet as standalone, an experimental check
// (lockorder) runs only when named.
func TestVetExperimental(t *testing.T) {
	needBinary(t)
	t.Parallel()
	dir := tempModule(t, "lockorder", "a/a.go")
	const finding = "a/a.go:32:2: Server.mu is locked while Stats.mu is held"
	// a.go has lockorder's findings only: by default, nothing to say.
	if r := goVetIn(t, dir, "./..."); r.code != 0 || r.stderr != "" {
		t.Errorf("go vet -vettool=wglint ./...: want exit code 0 and no output (the experimental lockorder is off unless named)\n%s", r)
	}
	for _, flags := range [][]string{{"-lockorder"}, {"-lockorder=true"}, {"-lockorder=false", "-lockorder"}} {
		args := append(slices.Clone(flags), "./...")
		if r := goVetIn(t, dir, args...); r.code != 1 || !strings.Contains(r.stderr, finding) {
			t.Errorf("go vet -vettool=wglint %s: want exit code 1 and %q\n%s", strings.Join(args, " "), finding, r)
		}
	}
}
