package main_test

// End-to-end tests of what wglint offers a CI gate: -list and -explain,
// SARIF output, suppression directives in both drivers, and -fix / -diff.

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/internal/sarif"
	"github.com/wglint/wglint/internal/testutil"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func TestList(t *testing.T) {
	needBinary(t)
	t.Parallel()
	r := wglint(t, "-list")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("wglint -list: %s", r)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != len(analyzers.All) {
		t.Fatalf("wglint -list printed %d lines for %d checks:\n%s", len(lines), len(analyzers.All), r.stdout)
	}
	for i, c := range analyzers.All {
		f := strings.Fields(lines[i])
		state := "on"
		if c.Experimental {
			state = "off"
		}
		if len(f) < 5 || f[0] != c.Analyzer.Name || f[1] != string(c.Severity) || f[2] != c.Since || f[3] != state || strings.Join(f[4:], " ") != c.Title {
			t.Errorf("line %d: %q, want %s, %s, %s, %s and the title %q", i+1, lines[i], c.Analyzer.Name, c.Severity, c.Since, state, c.Title)
		}
	}
	for _, args := range [][]string{{"-list", "./..."}, {"-list", "-json"}, {"-list", "-explain", "wgcopy"}} {
		if r := wglint(t, args...); r.code != 2 || r.stdout != "" {
			t.Errorf("wglint %s: want exit code 2 and no output, got %s", strings.Join(args, " "), r)
		}
	}
}

func TestExplain(t *testing.T) {
	needBinary(t)
	t.Parallel()
	for _, c := range analyzers.All {
		r := wglint(t, "-explain", c.Analyzer.Name)
		if r.code != 0 || r.stdout != c.PlainText() {
			t.Errorf("wglint -explain %s: %s\nwant on stdout:\n%s", c.Analyzer.Name, r, c.PlainText())
		}
		for _, want := range []string{c.Title, "Severity: " + string(c.Severity), "Since:    " + c.Since, c.Analyzer.URL, "Bad:\n", "Good:\n", "//wglint:ignore " + c.Analyzer.Name} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("wglint -explain %s does not print %q", c.Analyzer.Name, want)
			}
		}
	}
	a, b := analyzers.All[0], analyzers.All[len(analyzers.All)-1]
	r := wglint(t, "-explain="+a.Analyzer.Name, b.Analyzer.Name)
	if r.code != 0 || !strings.HasPrefix(r.stdout, a.PlainText()) || !strings.HasSuffix(r.stdout, b.PlainText()) {
		t.Errorf("wglint -explain=%s %s: %s", a.Analyzer.Name, b.Analyzer.Name, r)
	}
	r = wglint(t, "-explain", "nosuchcheck")
	if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, `unknown check "nosuchcheck"; the checks are `+a.Analyzer.Name) {
		t.Errorf("wglint -explain nosuchcheck: %s", r)
	}
	if r := wglint(t, "-explain"); r.code != 2 || !strings.Contains(r.stderr, "needs the name of a check") {
		t.Errorf("wglint -explain: %s", r)
	}
}

// TestHelp: -help lists wglint's own modes next to multichecker's flags.
func TestHelp(t *testing.T) {
	needBinary(t)
	t.Parallel()
	r := wglint(t, "-help")
	for _, want := range []string{"-sarif", "-fix", "-diff", "-list", "-explain NAME", "//wglint:ignore", "-" + analyzers.All[0].Analyzer.Name} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("wglint -help does not mention %q:\n%s", want, r)
		}
	}
}

// sarifSchema is the SARIF 2.1.0 schema shipped in testdata/sarif.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	return testutil.SARIFSchema(t)
}

// runSARIF runs wglint -sarif with args, checks the exit code and that the
// output validates against the schema, and returns the log.
func runSARIF(t *testing.T, schema *jsonschema.Schema, wantCode int, args ...string) *sarif.Log {
	t.Helper()
	args = append([]string{"-sarif"}, args...)
	r := wglint(t, args...)
	if r.code != wantCode {
		t.Errorf("wglint %s: exit code %d, want %d\n%s", strings.Join(args, " "), r.code, wantCode, r)
	}
	if err := testutil.ValidateJSON(schema, []byte(r.stdout)); err != nil {
		t.Fatalf("wglint %s: the SARIF log does not validate against the SARIF 2.1.0 schema:\n%v\n%s", strings.Join(args, " "), err, r.stdout)
	}
	var log sarif.Log
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	checkRules(t, log.Runs[0].Tool.Driver.Rules)
	return &log
}

// checkRules: one rule per check, in registry order, from the registry.
func checkRules(t *testing.T, rules []sarif.Rule) {
	t.Helper()
	if len(rules) != len(analyzers.All) {
		t.Fatalf("%d rules for %d checks", len(rules), len(analyzers.All))
	}
	for i, c := range analyzers.All {
		r := rules[i]
		level := "error"
		if c.Severity != "error" {
			level = "warning"
		}
		switch {
		case r.ID != c.Analyzer.Name:
			t.Errorf("rule %d: id %q, want %q", i, r.ID, c.Analyzer.Name)
		case r.ShortDescription.Text != c.Title:
			t.Errorf("%s: shortDescription %q, want the title", r.ID, r.ShortDescription.Text)
		case r.FullDescription.Text == "" || len(r.FullDescription.Text) > 1024 || !strings.HasPrefix(c.Text, strings.Fields(r.FullDescription.Text)[0]):
			t.Errorf("%s: fullDescription %q is not the start of the description, within 1024 bytes", r.ID, r.FullDescription.Text)
		case r.Help.Text != c.PlainText() || !strings.Contains(r.Help.Markdown, "```go\n"+c.Bad+"```"):
			t.Errorf("%s: help does not hold the check's documentation", r.ID)
		case r.HelpURI != c.Analyzer.URL:
			t.Errorf("%s: helpUri %q, want %q", r.ID, r.HelpURI, c.Analyzer.URL)
		case r.DefaultConfiguration == nil || r.DefaultConfiguration.Level != level:
			t.Errorf("%s: default level %v, want %s", r.ID, r.DefaultConfiguration, level)
		}
	}
}

// TestSARIF covers a run with findings, a run whose only finding is
// suppressed, a clean run and a run with a package that does not
// type-check.
func TestSARIF(t *testing.T) {
	needBinary(t)
	t.Parallel()
	schema := sarifSchema(t)

	t.Run("findings", func(t *testing.T) {
		golden := mustPostFindings(t)
		log := runSARIF(t, schema, 3, "./testdata/post/...")
		run := log.Runs[0]
		var got []string
		for _, res := range run.Results {
			loc := res.Locations[0].PhysicalLocation
			reg := loc.Region
			if loc.ArtifactLocation.URIBaseID != sarif.SrcRoot || !strings.HasPrefix(loc.ArtifactLocation.URI, "testdata/post/") {
				t.Errorf("URI %q (base %q) is not relative to the repository root", loc.ArtifactLocation.URI, loc.ArtifactLocation.URIBaseID)
			}
			if reg.EndLine < reg.StartLine || reg.EndLine == reg.StartLine && reg.EndColumn <= reg.StartColumn {
				t.Errorf("%s:%d:%d: region ends at %d:%d, want a non-empty region", loc.ArtifactLocation.URI, reg.StartLine, reg.StartColumn, reg.EndLine, reg.EndColumn)
			}
			if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
				t.Errorf("ruleIndex %d does not point to rule %s", res.RuleIndex, res.RuleID)
			}
			if len(res.Suppressions) > 0 {
				t.Errorf("unexpected suppression: %+v", res)
			}
			// The post's programs are ASCII, so UTF-16 columns are byte columns.
			got = append(got, fmt.Sprintf("%s:%d:%d: %s (%s)", strings.TrimPrefix(loc.ArtifactLocation.URI, "testdata/post/"), reg.StartLine, reg.StartColumn, res.Message.Text, res.RuleID))
		}
		want := strings.Split(strings.TrimSuffix(goldenText(golden), "\n"), "\n")
		if !slices.Equal(got, want) {
			t.Errorf("SARIF results differ from the findings (- findings, + SARIF):\n%s", lineDiff(strings.Join(want, "\n")+"\n", strings.Join(got, "\n")+"\n"))
		}
		if !run.Invocations[0].ExecutionSuccessful {
			t.Errorf("executionSuccessful is false")
		}
		// (runSARIF checked the exit code, 3 as for the text output;
		// TestDeterministicTestdata checks that the log is the same at
		// every run.)
	})

	t.Run("suppressed", func(t *testing.T) {
		// Left out by default: GitHub code scanning would open an alert
		// for each.
		if log := runSARIF(t, schema, 0, "./testdata/directives/suppressed"); len(log.Runs[0].Results) != 0 {
			t.Errorf("a suppressed finding is in the log without -show-suppressed: %+v", log.Runs[0].Results)
		}
		log := runSARIF(t, schema, 0, "-show-suppressed", "./testdata/directives/suppressed")
		results := log.Runs[0].Results
		line := 1 + strings.Count(strings.Split(mustRead(t, "testdata/directives/suppressed/main.go"), "\tgo worker()")[0], "\n")
		if len(results) != 1 {
			t.Fatalf("%d results, want the suppressed finding:\n%+v", len(results), results)
		}
		res := results[0]
		if res.RuleID != "unjoinedgo" || res.Locations[0].PhysicalLocation.Region.StartLine != line ||
			len(res.Suppressions) != 1 || res.Suppressions[0].Kind != "inSource" ||
			res.Suppressions[0].Justification != "the demo does not care whether the worker prints" {
			t.Errorf("want the unjoinedgo finding of line %d, suppressed in source with the directive's reason; got %+v", line, res)
		}
	})

	t.Run("clean", func(t *testing.T) {
		log := runSARIF(t, schema, 0, "./testdata/post/prog4")
		if n := len(log.Runs[0].Results); n != 0 {
			t.Errorf("%d results for a clean package", n)
		}
	})

	t.Run("error", func(t *testing.T) {
		log := runSARIF(t, schema, 1, "./testdata/broken/typeerr")
		inv := log.Runs[0].Invocations[0]
		if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) == 0 || !strings.Contains(inv.ToolExecutionNotifications[0].Message.Text, "main.go") {
			t.Errorf("want executionSuccessful false and the type error as a notification, got %+v", inv)
		}
	})
}

func mustRead(t *testing.T, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(moduleRoot, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestDirectivesBothDrivers: a suppressed finding is silent, and unused
// and malformed directives are reported, standalone and under go vet.
func TestDirectivesBothDrivers(t *testing.T) {
	needBinary(t)
	t.Parallel()
	for _, r := range []result{wglint(t, "./testdata/directives/suppressed"), goVet(t, "./testdata/directives/suppressed")} {
		if r.code != 0 || r.stderr != "" {
			t.Errorf("a package whose finding is suppressed: want exit code 0 and no output, got %s", r)
		}
	}
	src := mustRead(t, "testdata/directives/unused/main.go")
	lineOfText := func(s string) int {
		return 1 + strings.Count(src[:strings.Index(src, s)], "\n")
	}
	want := []string{
		fmt.Sprintf("unused/main.go:%d:2: directive suppresses no unjoinedgo finding on this line or the next; remove it, or remove unjoinedgo from it", lineOfText("//wglint:ignore unjoinedgo")),
		fmt.Sprintf("unused/main.go:%d:2: malformed wglint directive: the reason is missing; write //wglint:ignore CHECK[,CHECK] REASON", lineOfText("//wglint:ignore sleepjoin")),
	}
	// Standalone text names the check; go vet prints the findings itself,
	// without it.
	standalone := []string{want[0] + " (unjoinedgo)", want[1] + " (sleepjoin)"}
	for _, tc := range []struct {
		name string
		r    result
		code int
		want []string
	}{
		{"wglint", wglint(t, "./testdata/directives/unused"), 3, standalone},
		{"go vet", goVet(t, "./testdata/directives/unused"), 1, want},
	} {
		keys, unexpected := parseText(tc.r.stderr)
		for i, k := range keys {
			keys[i] = k[strings.Index(k, "unused/main.go"):]
		}
		if tc.r.code != tc.code || len(unexpected) > 0 || !slices.Equal(keys, tc.want) {
			t.Errorf("%s ./testdata/directives/unused: want exit code %d and\n%s\ngot %s", tc.name, tc.code, strings.Join(tc.want, "\n"), tc.r)
		}
	}
}

// copyPrograms copies post programs into a new module in a temporary
// directory and returns it.
func copyPrograms(t *testing.T, progs ...string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/fixtest\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range progs {
		if err := os.MkdirAll(filepath.Join(dir, p), 0o755); err != nil {
			t.Fatal(err)
		}
		data := mustRead(t, filepath.Join("testdata", "post", p, "main.go"))
		if err := os.WriteFile(filepath.Join(dir, p, "main.go"), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runIn(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), name, args...)
	cmd.Dir = dir
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if e, ok := err.(*exec.ExitError); ok {
		code = e.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{stdout.String(), stderr.String(), code}
}

// TestFix: -fix applies the fix of prog3 (wgcopy's pointer parameter, which
// also removes the finding at the call) and still reports prog2's findings,
// which have no fix, with exit code 3.
func TestFix(t *testing.T) {
	needBinary(t)
	t.Parallel()
	dir := copyPrograms(t, "prog2", "prog3")
	before := textKeysIn(t, runIn(t, dir, wglintBin, "./...").stderr, dir)

	r := runIn(t, dir, wglintBin, "-fix", "./...")
	if r.code != 3 {
		t.Errorf("wglint -fix: exit code %d, want 3\n%s", r.code, r)
	}
	fixed, err := os.ReadFile(filepath.Join(dir, "prog3", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"func worker(workerId int, wg *sync.WaitGroup) {", "go worker(workerId, &wg)"} {
		if !strings.Contains(string(fixed), want) {
			t.Errorf("prog3/main.go after -fix lacks %q:\n%s", want, fixed)
		}
	}
	if data := mustRead(t, "testdata/post/prog2/main.go"); string(must(os.ReadFile(filepath.Join(dir, "prog2", "main.go")))) != data {
		t.Errorf("prog2/main.go changed, but it has no fix")
	}
	if !strings.Contains(r.stderr, "wglint: applied 1 fix to 1 file\n") {
		t.Errorf("wglint -fix does not say what it applied:\n%s", r)
	}
	after := textKeysIn(t, r.stderr, dir)
	var want []string
	for _, k := range before {
		if strings.HasPrefix(k, "prog2/") {
			want = append(want, k)
		}
	}
	if len(want) == 0 || !slices.Equal(after, want) {
		t.Errorf("wglint -fix printed (- want, + got):\n%s", lineDiff(strings.Join(want, "\n")+"\n", strings.Join(after, "\n")+"\n"))
	}
	if r := runIn(t, dir, wglintBin, "./prog3"); r.code != 0 {
		t.Errorf("prog3 after -fix: %s", r)
	}
	if r := runIn(t, dir, wglintBin, "-fix", "./prog3"); r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("wglint -fix on fixed code: want exit code 0 and no output, got %s", r)
	}
}

// TestDiff: -diff prints the fix as a diff that applies, changes no file,
// reports the findings left, and exits 3; on clean code it prints nothing
// and exits 0.
func TestDiff(t *testing.T) {
	needBinary(t)
	t.Parallel()
	dir := copyPrograms(t, "prog2", "prog3")
	orig := mustRead(t, "testdata/post/prog3/main.go")
	r := runIn(t, dir, wglintBin, "-diff", "./...")
	if r.code != 3 {
		t.Errorf("wglint -diff: exit code %d, want 3\n%s", r.code, r)
	}
	for _, want := range []string{
		"--- a/prog3/main.go\n+++ b/prog3/main.go\n@@ ",
		"\n-func worker(workerId int, wg sync.WaitGroup) {\n+func worker(workerId int, wg *sync.WaitGroup) {\n",
		"\n-      go worker(workerId, wg)\n+      go worker(workerId, &wg)\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("wglint -diff output lacks %q:\n%s", want, r.stdout)
		}
	}
	if got := string(must(os.ReadFile(filepath.Join(dir, "prog3", "main.go")))); got != orig {
		t.Errorf("wglint -diff changed prog3/main.go")
	}
	if keys := textKeysIn(t, r.stderr, dir); len(keys) == 0 || slices.ContainsFunc(keys, func(k string) bool { return strings.HasPrefix(k, "prog3/") }) {
		t.Errorf("wglint -diff: want prog2's findings only on stderr, got %s", r)
	}
	// The diff applies with patch -p1 (or git apply) and gives the same
	// result as -fix.
	if patch, err := exec.LookPath("patch"); err == nil {
		cmd := exec.Command(patch, "-p1")
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(r.stdout)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("patch -p1 < diff: %v\n%s", err, out)
		} else if r := runIn(t, dir, wglintBin, "./prog3"); r.code != 0 {
			t.Errorf("prog3 after applying the diff: %s", r)
		}
	}
	clean := copyPrograms(t, "prog4")
	if r := runIn(t, clean, wglintBin, "-diff", "./..."); r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("wglint -diff on clean code: want exit code 0 and no output, got %s", r)
	}
}

// textKeysIn returns the normalized findings of text output produced in
// dir, with paths relative to dir.
func textKeysIn(t *testing.T, stderr, dir string) []string {
	t.Helper()
	var keys []string
	for line := range strings.Lines(stderr) {
		m := textLine.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
		if m == nil || strings.HasPrefix(m[2], "\t") {
			continue
		}
		rel, err := filepath.Rel(dir, m[1])
		if err != nil {
			rel = m[1]
		}
		keys = append(keys, filepath.ToSlash(rel)+": "+m[2])
	}
	slices.Sort(keys)
	return keys
}

// TestStandaloneFlags: usage errors of wglint's own driver exit 2, load
// errors exit 1, and -NAME flags select checks as in the default mode.
func TestStandaloneFlags(t *testing.T) {
	needBinary(t)
	t.Parallel()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-sarif", "-json", "./testdata/post/prog4"}, 2, "-json cannot be combined"},
		{[]string{"-sarif", "-diff", "./testdata/post/prog4"}, 2, "use one of them"},
		{[]string{"-sarif"}, 2, "no packages given"},
		{[]string{"-json", "-baseline", "b.json", "./testdata/post/prog4"}, 2, "-json lists every finding"},
		{[]string{"-write-baseline", "./testdata/post/prog4"}, 2, "-write-baseline needs -baseline FILE"},
		{[]string{"-show-suppressed", "./testdata/post/prog4"}, 2, "-show-suppressed is for -sarif and -sarif-out output"},
		{[]string{"-checks=all,nosuch", "./testdata/post/prog4"}, 2, `invalid value "all,nosuch" for flag -checks: unknown check "nosuch"`},
		{[]string{"-fail=-", "./testdata/post/prog4"}, 2, "empty check name"},
		{[]string{"-checks=-all", "./testdata/post/prog4"}, 2, "every check is disabled"},
		{[]string{"-sarif", "-nosuchflag", "./testdata/post/prog4"}, 2, "flag provided but not defined: -nosuchflag"},
		{[]string{"-sarif=maybe", "./testdata/post/prog4"}, 2, `invalid value "maybe" for flag -sarif`},
		{[]string{"-sarif", "./testdata/nosuchdir"}, 1, ""},
	} {
		r := wglint(t, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("wglint %s: want exit code %d and %q on stderr, got %s", strings.Join(tc.args, " "), tc.code, tc.want, r)
		}
	}
	// -NAME selects checks as in the default mode.
	log := runSARIF(t, sarifSchema(t), 3, "-wgcopy", "./testdata/post/...")
	for _, res := range log.Runs[0].Results {
		if res.RuleID != "wgcopy" {
			t.Errorf("wglint -sarif -wgcopy reported %s", res.RuleID)
		}
	}
	log = runSARIF(t, sarifSchema(t), 3, "-wgcopy=false", "-unjoinedgo=false", "./testdata/post/...")
	for _, res := range log.Runs[0].Results {
		if res.RuleID == "wgcopy" || res.RuleID == "unjoinedgo" {
			t.Errorf("wglint -sarif -wgcopy=false -unjoinedgo=false reported %s", res.RuleID)
		}
	}
}
