package main

// wglint's own standalone driver, for what multichecker's does not do:
// SARIF output, and -fix and -diff that still report (and exit non-zero
// for) the findings that no fix removes. It loads packages with
// go/packages and runs the public golang.org/x/tools/go/analysis/checker.

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/internal/driver"
	"github.com/wglint/wglint/internal/report"
	"github.com/wglint/wglint/internal/sarif"

	"golang.org/x/tools/go/analysis"
)

// maxFixRounds bounds how often -fix re-analyses the fixed code to apply
// fixes that conflicted with others or appeared after them.
const maxFixRounds = 5

// config is the parsed command line of the standalone driver.
type config struct {
	sarif, fix, diff bool
	json             bool
	tests            bool
	cpuprofile       string
	memprofile       string
	trace            string
	context          int
	analyzers        []*analysis.Analyzer
	patterns         []string
	debug            bool
	cacheFlag        string        // -cache: on or off
	cache            *driver.Cache // the result cache; nil when off
}

// triState is a -NAME flag: unset, true or false.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (t *triState) String() string {
	if *t == setFalse {
		return "false"
	}
	return "true"
}

func (t *triState) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("want true or false")
	}
	*t = setFalse
	if b {
		*t = setTrue
	}
	return nil
}

func (t *triState) IsBoolFlag() bool { return true }

// parseFlags parses the command line the way multichecker does for the
// flags they share: -NAME enables and -NAME=false disables a check (if any
// check is enabled, only enabled checks run), -NAME.flag sets a check's
// flag.
func parseFlags(args []string, stderr io.Writer) (*config, error) {
	cfg := &config{}
	fs := flag.NewFlagSet("wglint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usageText)
		fs.PrintDefaults()
	}
	fs.BoolVar(&cfg.sarif, "sarif", false, "print the findings as a SARIF 2.1.0 log on standard output")
	fs.BoolVar(&cfg.fix, "fix", false, "apply the suggested fixes, then print the findings that remain")
	fs.BoolVar(&cfg.diff, "diff", false, "print the suggested fixes as a unified diff instead of applying them")
	fs.BoolVar(&cfg.tests, "test", true, "analyse _test.go files too")
	fs.IntVar(&cfg.context, "c", -1, "print each finding's source line with this many lines of context")
	fs.BoolVar(&cfg.json, "json", false, "print the findings as JSON on standard output")
	fs.StringVar(&cfg.cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
	fs.StringVar(&cfg.memprofile, "memprofile", "", "write a memory profile to this file")
	fs.StringVar(&cfg.trace, "trace", "", "write an execution trace to this file")
	fs.BoolVar(&cfg.debug, "debug", false, "after the run, print on standard error how many packages came from the cache and the functions on which a path search stopped at its budget")
	fs.StringVar(&cfg.cacheFlag, "cache", "on", "on: reuse the results of unchanged packages (cache in $WGLINT_CACHE, or wglint in the user cache directory); off: analyse every package")
	tags := fs.String("tags", "", "not supported: set GOFLAGS=-tags=... instead")
	all := allAnalyzers()
	enabled := make(map[*analysis.Analyzer]*triState)
	for _, a := range all {
		enabled[a] = new(triState)
		fs.Var(enabled[a], a.Name, fmt.Sprintf("enable the %s check", a.Name))
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	cfg.patterns = fs.Args()
	switch {
	case cfg.json && (cfg.sarif || cfg.fix || cfg.diff):
		return nil, errors.New("-json cannot be combined with -sarif, -fix or -diff")
	case *tags != "":
		return nil, errors.New("-tags has no effect; set build tags with GOFLAGS=-tags=...")
	case cfg.sarif && cfg.diff:
		return nil, errors.New("-sarif and -diff both write to standard output; use one of them")
	case len(cfg.patterns) == 0:
		return nil, errors.New("no packages given; for example: wglint ./...")
	case cfg.cacheFlag != "on" && cfg.cacheFlag != "off":
		return nil, fmt.Errorf("invalid value %q for flag -cache: want on or off", cfg.cacheFlag)
	}
	cfg.fix = cfg.fix || cfg.diff
	var hasTrue, hasFalse bool
	for _, t := range enabled {
		hasTrue = hasTrue || *t == setTrue
		hasFalse = hasFalse || *t == setFalse
	}
	for _, a := range all {
		if hasTrue && *enabled[a] == setTrue || !hasTrue && *enabled[a] != setFalse {
			cfg.analyzers = append(cfg.analyzers, a)
		}
	}
	if len(cfg.analyzers) == 0 {
		return nil, errors.New("every check is disabled")
	}
	return cfg, nil
}

// lint runs the standalone driver and returns the exit code.
func lint(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "wglint:", err)
		}
		return 2
	}
	stop, err := startProfiles(cfg)
	if err != nil {
		fmt.Fprintln(stderr, "wglint:", err)
		return 1
	}
	defer stop()
	var cacheState string
	cfg.cache, cacheState = openCache(cfg)

	var res *result
	files := newFileSet()
	fixes := 0
	for round := 1; ; round++ {
		res, err = analyze(cfg, files.overlay(), cfg.sarif)
		if err != nil {
			fmt.Fprintln(stderr, "wglint:", err)
			return 1
		}
		if !cfg.fix || len(res.errors) > 0 {
			// Do not fix code that does not load or type-check: the fixes
			// could not be checked.
			break
		}
		n, err := files.apply(res.findings)
		if err != nil {
			fmt.Fprintln(stderr, "wglint:", err)
			return 1
		}
		fixes += n
		if n == 0 || round == maxFixRounds {
			break
		}
	}
	if cfg.debug {
		defer printDebug(stderr, res.run, cacheState)
	}

	code := 0
	if cfg.fix && len(res.errors) > 0 && fixes > 0 {
		fmt.Fprintln(stderr, "wglint: the fixed code does not load or type-check; no file was changed")
		files = newFileSet()
	}
	if cfg.diff {
		if files.writeDiff(stdout) {
			code = 3 // fixes are pending
		}
	} else if cfg.fix {
		changed, err := files.write()
		if err != nil {
			fmt.Fprintln(stderr, "wglint:", err)
			return 1
		}
		if fixes > 0 {
			fmt.Fprintf(stderr, "wglint: applied %d %s to %d %s\n", fixes, plural(fixes, "fix", "fixes"), changed, plural(changed, "file", "files"))
		}
	}

	if cfg.json {
		// As multichecker: the tree of findings on standard output, load
		// errors on standard error, exit code 0 unless the packages do
		// not load.
		for _, e := range res.run.Errors {
			fmt.Fprintln(stderr, e)
		}
		if err := writeJSON(stdout, res.run); err != nil {
			fmt.Fprintln(stderr, "wglint:", err)
			return 1
		}
		if len(res.run.Errors) > 0 {
			return 1
		}
		return 0
	}
	if cfg.sarif {
		wd, _ := os.Getwd()
		opts := sarif.Options{BaseDir: repoRoot(wd), WorkingDir: wd, ReadFile: files.read, Errors: res.errors}
		if err := sarif.Build(analyzers.All, res.sarifFindings(), opts).Write(stdout); err != nil {
			fmt.Fprintln(stderr, "wglint:", err)
			return 1
		}
	} else {
		for _, e := range res.errors {
			fmt.Fprintln(stderr, e)
		}
		res.printText(stderr, cfg.context, files.read)
	}
	switch {
	case len(res.errors) > 0:
		return 1
	case res.count() > 0:
		return 3
	}
	return code
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// repoRoot returns the closest directory at or above dir that holds a .git
// entry (the root of the repository, which SARIF URIs are relative to),
// or dir itself.
func repoRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// A finding is one diagnostic of a root action, with its positions
// resolved.
type finding struct {
	check      string
	diag       analysis.Diagnostic
	fset       *token.FileSet
	pos, end   token.Position
	suppressed bool
	reason     string
}

// result is what one analysis of the packages found.
type result struct {
	findings []*finding // sorted, without duplicates; suppressed ones only with -sarif
	errors   []string   // load and analysis errors, in a stable order
	run      *driver.Result
}

// count returns the number of findings that are not suppressed.
func (r *result) count() int {
	n := 0
	for _, f := range r.findings {
		if !f.suppressed {
			n++
		}
	}
	return n
}

// analyze loads the packages (with overlay as the content of changed
// files) and runs the checks. With withSuppressed, findings silenced by a
// directive are kept, marked as suppressed.
func analyze(cfg *config, overlay map[string][]byte, withSuppressed bool) (*result, error) {
	// Suppressed findings are always recorded (and cached) with the
	// others, so that one cache entry serves every output format.
	report.OnSuppressed(func(s report.Suppressed) { driver.Suppress(s.Pass, s.Diagnostic, s.Directive.Reason) })
	defer report.OnSuppressed(nil)
	run, err := driver.Run(driver.Options{
		Analyzers: cfg.analyzers,
		Patterns:  cfg.patterns,
		Tests:     cfg.tests,
		Overlay:   overlay,
		Cache:     cfg.cache,
		CacheSalt: cacheSalt(cfg),
		Notes:     debugNotes,
	})
	if err != nil {
		return nil, err
	}
	res := &result{run: run, errors: run.Errors}
	for _, e := range run.ActionErrors {
		res.errors = append(res.errors, e.Error())
	}

	type key struct {
		check, pos, end, msg string
	}
	seen := make(map[key]bool)
	add := func(f *finding) {
		k := key{f.check, f.pos.String(), f.end.String(), f.diag.Message}
		if !seen[k] { // the package and its test variant report the same
			seen[k] = true
			res.findings = append(res.findings, f)
		}
	}
	for _, d := range run.Diagnostics {
		add(&finding{check: d.Analyzer.Name, diag: d.Diagnostic, fset: d.Fset, pos: d.Fset.Position(d.Pos), end: position(d.Fset, d.End)})
	}
	if withSuppressed {
		for _, d := range run.Suppressed {
			add(&finding{check: d.Analyzer.Name, diag: d.Diagnostic, fset: d.Fset, pos: d.Fset.Position(d.Pos), end: position(d.Fset, d.End), suppressed: true, reason: d.Reason})
		}
	}
	slices.SortFunc(res.findings, func(a, b *finding) int {
		return cmp.Or(
			strings.Compare(a.pos.Filename, b.pos.Filename),
			cmp.Compare(a.pos.Line, b.pos.Line),
			cmp.Compare(a.pos.Column, b.pos.Column),
			strings.Compare(a.check, b.check),
			strings.Compare(a.diag.Message, b.diag.Message),
		)
	})
	return res, nil
}

func position(fset *token.FileSet, p token.Pos) token.Position {
	if !p.IsValid() {
		return token.Position{}
	}
	return fset.Position(p)
}

// printText prints the findings that are not suppressed the way
// multichecker does: file:line:column: message, then each related
// position with a tab before its message, and with context >= 0 the
// source lines.
func (r *result) printText(w io.Writer, context int, read func(string) ([]byte, error)) {
	show := func(pos, end token.Position, msg string) {
		fmt.Fprintf(w, "%s: %s\n", pos, msg)
		if context < 0 {
			return
		}
		if !end.IsValid() {
			end = pos
		}
		data, _ := read(pos.Filename)
		lines := strings.Split(string(data), "\n")
		for i := pos.Line - context; i <= end.Line+context; i++ {
			if 1 <= i && i <= len(lines) {
				fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
			}
		}
	}
	for _, f := range r.findings {
		if f.suppressed {
			continue
		}
		show(f.pos, f.end, f.diag.Message)
		for _, rel := range f.diag.Related {
			show(f.fset.Position(rel.Pos), position(f.fset, rel.End), "\t"+rel.Message)
		}
	}
}

// sarifFindings converts the findings for the SARIF writer.
func (r *result) sarifFindings() []sarif.Finding {
	var out []sarif.Finding
	for _, f := range r.findings {
		sf := sarif.Finding{
			Check:      f.check,
			Category:   f.diag.Category,
			Message:    f.diag.Message,
			Pos:        f.pos,
			End:        f.end,
			Suppressed: f.suppressed,
			Reason:     f.reason,
		}
		for _, rel := range f.diag.Related {
			sf.Related = append(sf.Related, sarif.Related{Pos: f.fset.Position(rel.Pos), End: position(f.fset, rel.End), Message: rel.Message})
		}
		for _, fix := range f.diag.SuggestedFixes {
			edits, err := fileEdits(f.fset, fix)
			if err != nil {
				continue // an invalid fix is not offered
			}
			sfix := sarif.SuggestedFix{Message: fix.Message}
			for _, e := range edits {
				sfix.Edits = append(sfix.Edits, sarif.Edit{File: e.file, Start: e.start, End: e.end, New: e.new})
			}
			sf.Fixes = append(sf.Fixes, sfix)
		}
		out = append(out, sf)
	}
	return out
}
