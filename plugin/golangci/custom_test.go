package golangci_test

// TestCustomGolangci runs a golangci-lint binary built with this plugin
// (scripts/golangci-plugin.sh builds one and runs this test with it) and
// compares what it reports with standalone wglint. It is skipped unless
// WGLINT_GCL names the binary (a relative name is relative to the module
// root).

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/plugin/golangci"
)

// issue is a finding, as file:line:col: check: message with the file
// relative to a base directory.
type issue string

func newIssue(base, file string, line, col int, check, msg string) issue {
	if rel, err := filepath.Rel(base, file); err == nil {
		file = filepath.ToSlash(rel)
	}
	return issue(fmt.Sprintf("%s:%d:%d: %s: %s", file, line, col, check, msg))
}

// gclConfig is the README's configuration, with golangci-lint's own
// linters off.
func gclConfig() string {
	return strings.Replace(golangci.ExampleConfig(analyzers.All), "\nlinters:\n", "\nlinters:\n  default: none\n", 1)
}

type gcl struct {
	bin, cache string
	disabled   []string // linters the configuration disables
}

// runLinters is run with a configuration that disables the linters
// named.
func (g gcl) runLinters(t *testing.T, dir, config string, disabled string, patterns ...string) ([]issue, int, string) {
	t.Helper()
	g.disabled = strings.Fields(disabled)
	return g.run(t, dir, config, patterns...)
}

// run runs golangci-lint in dir with config on patterns and returns the
// issues, golangci-lint's exit code and its stderr.
func (g gcl) run(t *testing.T, dir, config string, patterns ...string) ([]issue, int, string) {
	t.Helper()
	cfgFile := filepath.Join(t.TempDir(), ".golangci.yml")
	if err := os.WriteFile(cfgFile, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"run", "--config", cfgFile, "--path-mode=abs", "--show-stats=false", "--output.json.path=stdout"}, patterns...)
	cmd := exec.CommandContext(t.Context(), g.bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+g.cache)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code != 0 && code != 1 {
		return nil, code, stderr.String()
	}
	var out struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
		Report struct {
			Linters []struct {
				Name    string
				Enabled bool
			}
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("golangci-lint %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	enabled := make(map[string]bool)
	for _, l := range out.Report.Linters {
		enabled[l.Name] = l.Enabled
	}
	for _, c := range analyzers.All {
		if !enabled[c.Analyzer.Name] && !slices.Contains(g.disabled, c.Analyzer.Name) && !c.Experimental {
			t.Errorf("golangci-lint did not enable the linter %s", c.Analyzer.Name)
		}
	}
	var issues []issue
	for _, is := range out.Issues {
		issues = append(issues, newIssue(dir, is.Pos.Filename, is.Pos.Line, is.Pos.Column, is.FromLinter, is.Text))
	}
	slices.Sort(issues)
	return issues, code, stderr.String()
}

// wglintFindings runs standalone wglint -json in dir and returns its
// findings, without the duplicates of test variants.
func wglintFindings(t *testing.T, bin, dir string, patterns ...string) []issue {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), bin, append([]string{"-json"}, patterns...)...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("wglint -json: %v", err)
	}
	seen := make(map[issue]bool)
	var issues []issue
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			t.Fatal(err)
		}
		for _, byCheck := range tree {
			for check, raw := range byCheck {
				var diags []struct{ Posn, Message string }
				if err := json.Unmarshal(raw, &diags); err != nil {
					t.Fatalf("%s: %v: %s", check, err, raw)
				}
				for _, d := range diags {
					var file string
					var line, col int
					i := strings.LastIndex(d.Posn, ":")
					j := strings.LastIndex(d.Posn[:i], ":")
					file = d.Posn[:j]
					fmt.Sscan(d.Posn[j+1:i], &line)
					fmt.Sscan(d.Posn[i+1:], &col)
					is := newIssue(dir, file, line, col, check, d.Message)
					if !seen[is] {
						seen[is] = true
						issues = append(issues, is)
					}
				}
			}
		}
	}
	slices.Sort(issues)
	return issues
}

func TestCustomGolangci(t *testing.T) {
	bin := os.Getenv("WGLINT_GCL")
	if bin == "" {
		t.Skip("WGLINT_GCL is not set; scripts/golangci-plugin.sh builds golangci-lint with the plugin and runs this test with it")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(bin) {
		bin = filepath.Join(root, bin) // relative to the module root
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("WGLINT_GCL: %v", err)
	}
	g := gcl{bin: bin, cache: t.TempDir()}
	wglint := filepath.Join(t.TempDir(), "wglint")
	build := exec.Command("go", "build", "-o", wglint, "./cmd/wglint")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/wglint: %v\n%s", err, out)
	}

	t.Run("post", func(t *testing.T) {
		want := wglintFindings(t, wglint, root, "./testdata/post/...")
		if len(want) == 0 {
			t.Fatal("standalone wglint reports nothing on the post's programs")
		}
		got, code, stderr := g.run(t, root, gclConfig(), "./testdata/post/...")
		if code != 1 {
			t.Errorf("golangci-lint: exit code %d, want 1\n%s", code, stderr)
		}
		if !slices.Equal(got, want) {
			t.Errorf("golangci-lint with the plugin and standalone wglint disagree\n--- wglint:\n%s\n--- golangci-lint:\n%s", join(want), join(got))
		}
		t.Logf("both report:\n%s", join(got))
	})

	// The README's configuration as is, golangci-lint's standard linters
	// included: govet reports copylocks on the lines of wgcopy's
	// findings, and every wglint finding must still be there.
	t.Run("readme config", func(t *testing.T) {
		want := wglintFindings(t, wglint, root, "./testdata/post/...")
		got, code, stderr := g.run(t, root, golangci.ExampleConfig(analyzers.All), "./testdata/post/...")
		if code != 1 {
			t.Errorf("golangci-lint: exit code %d, want 1\n%s", code, stderr)
		}
		others := 0
		for _, is := range want {
			if !slices.Contains(got, is) {
				t.Errorf("golangci-lint with the README's configuration hides the wglint finding\n%s", is)
			}
		}
		for _, is := range got {
			if !slices.Contains(want, is) {
				others++
			}
		}
		if others == 0 {
			t.Errorf("no issue of golangci-lint's own linters: the test does not show that uniq-by-line is off\n%s", join(got))
		}
	})

	// Taking a check out of enable does not turn it off (with the
	// default standard set, custom linters run); disable does.
	t.Run("disable", func(t *testing.T) {
		has := func(issues []issue, check string) bool {
			return slices.ContainsFunc(issues, func(is issue) bool { return strings.Contains(string(is), ": "+check+": ") })
		}
		cfg := strings.Replace(golangci.ExampleConfig(analyzers.All), "    - unjoinedgo\n", "", 1)
		got, _, stderr := g.run(t, root, cfg, "./testdata/post/prog1")
		if !has(got, "unjoinedgo") {
			t.Errorf("unjoinedgo left out of enable: want it still to run\n%s%s", join(got), stderr)
		}
		cfg = strings.Replace(cfg, "  settings:\n", "  disable:\n    - unjoinedgo\n  settings:\n", 1)
		got, _, stderr = g.runLinters(t, root, cfg, "unjoinedgo", "./testdata/post/prog1")
		if has(got, "unjoinedgo") {
			t.Errorf("unjoinedgo under disable: want no unjoinedgo finding, got\n%s%s", join(got), stderr)
		}
	})

	// A copy of the post's program 2, which has a sleepjoin and an
	// unjoinedgo finding, with comments added.
	prog2, err := os.ReadFile(filepath.Join(root, "testdata", "post", "prog2", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(prog2), "\n")
	lineOf := func(substr string) int {
		for i, l := range lines {
			if strings.Contains(l, substr) {
				return i
			}
		}
		t.Fatalf("prog2 has no line with %q", substr)
		return -1
	}
	sleepLine, goLine := lineOf("time.Sleep("), lineOf("go worker()")
	variant := func(t *testing.T, edit func(lines []string) []string) string {
		dir := t.TempDir()
		edited := edit(slices.Clone(lines))
		files := map[string]string{
			"go.mod":       "module example.com/nolint\n\ngo 1.26\n",
			"prog/main.go": strings.Join(edited, "\n"),
		}
		for name, content := range files {
			path := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	checksOf := func(issues []issue) []string {
		var checks []string
		for _, is := range issues {
			checks = append(checks, strings.Fields(string(is))[1])
		}
		slices.Sort(checks)
		return checks
	}

	for _, tc := range []struct {
		name   string
		edit   func(lines []string) []string
		checks []string // the checks of the issues, sorted, with a trailing colon
	}{
		{"none", func(l []string) []string { return l }, []string{"sleepjoin:", "unjoinedgo:"}},
		{"nolint unjoinedgo", func(l []string) []string {
			l[goLine] += " //nolint:unjoinedgo // the worker's output is optional"
			return l
		}, []string{"sleepjoin:"}},
		{"nolint sleepjoin", func(l []string) []string {
			l[sleepLine] += " //nolint:sleepjoin // a demonstration"
			return l
		}, []string{"unjoinedgo:"}},
		{"nolint sleepjoin on the go line", func(l []string) []string {
			l[goLine] += " //nolint:sleepjoin // names the wrong check for this line"
			return l
		}, []string{"sleepjoin:", "unjoinedgo:"}},
		{"wglint:ignore unjoinedgo", func(l []string) []string {
			l[goLine] += " //wglint:ignore unjoinedgo the worker's output is optional"
			return l
		}, []string{"sleepjoin:"}},
		{"wglint:file-ignore both", func(l []string) []string {
			return append([]string{"//wglint:file-ignore sleepjoin,unjoinedgo a demonstration", ""}, l...)
		}, nil},
		{"unused wglint:ignore", func(l []string) []string {
			l[0] += " //wglint:ignore unjoinedgo nothing to silence here"
			return l
		}, []string{"sleepjoin:", "unjoinedgo:", "unjoinedgo:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := variant(t, tc.edit)
			want := wglintFindings(t, wglint, dir, "./...")
			got, code, stderr := g.run(t, dir, gclConfig(), "./...")
			if code > 1 {
				t.Fatalf("golangci-lint: exit code %d\n%s", code, stderr)
			}
			if checks := checksOf(got); !slices.Equal(checks, tc.checks) {
				t.Errorf("golangci-lint reports %v, want %v:\n%s", checks, tc.checks, join(got))
			}
			// //wglint: directives act inside the checks, so standalone
			// wglint agrees; //nolint is golangci-lint's own.
			if !strings.HasPrefix(tc.name, "nolint") && !slices.Equal(got, want) {
				t.Errorf("golangci-lint and standalone wglint disagree\n--- wglint:\n%s\n--- golangci-lint:\n%s", join(want), join(got))
			}
		})
	}

	t.Run("strict settings", func(t *testing.T) {
		name := analyzers.All[0].Analyzer.Name
		cfg := strings.Replace(gclConfig(), "      "+name+":\n        type: module\n", "      "+name+":\n        type: module\n        settings:\n          bogus: 1\n", 1)
		_, code, stderr := g.run(t, root, cfg, "./testdata/post/prog4")
		if code == 0 || code == 1 || !strings.Contains(stderr, `unknown field "bogus"`) {
			t.Errorf("an unknown settings key: want a configuration error naming it, got exit code %d\n%s", code, stderr)
		}
	})
}

func join(issues []issue) string {
	var b strings.Builder
	for _, is := range issues {
		b.WriteString(string(is))
		b.WriteByte('\n')
	}
	return b.String()
}
