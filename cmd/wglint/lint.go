package main

// wglint's own standalone driver (internal/driver), for what
// multichecker's does not do: configuration files, baselines, SARIF
// output, and -fix and -diff that still report (and exit non-zero for)
// the findings that no fix removes.

import (
	"cmp"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/internal/driver"
	"github.com/wglint/wglint/internal/flow"
	"github.com/wglint/wglint/internal/report"
	"github.com/wglint/wglint/internal/sarif"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// maxFixRounds bounds how often -fix re-analyses the fixed code to apply
// fixes that conflicted with others or appeared after them.
const maxFixRounds = 5

// config is the parsed command line of the standalone driver.
type config struct {
	sarif, fix, diff bool
	sarifOut         string // -sarif-out FILE
	json             bool
	tests            bool
	cpuprofile       string
	memprofile       string
	trace            string
	context          int
	tags             []string
	generated        bool
	baseline         string // -baseline FILE
	writeBaseline    bool
	showSuppressed   bool
	overrides        overrides
	analyzers        []*analysis.Analyzer // every check; the configuration selects per package
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

// checkListFlag is a -checks or -fail flag.
type checkListFlag struct{ list *checkList }

func (f checkListFlag) String() string {
	if f.list == nil || *f.list == nil {
		return ""
	}
	return strings.Join(*f.list, ",")
}

func (f checkListFlag) Set(s string) error {
	l, err := parseCheckList(s)
	if err != nil {
		return err
	}
	*f.list = l
	return nil
}

// parseFlags parses the command line. -NAME enables and -NAME=false
// disables a check as with multichecker (if any check is enabled, only
// enabled checks run), -NAME.flag sets a check's flag; -checks, -fail and
// -test override the configuration files.
func parseFlags(args []string, stderr io.Writer) (*config, error) {
	cfg := &config{}
	fs := flag.NewFlagSet("wglint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usageText)
		fs.PrintDefaults()
	}
	fs.BoolVar(&cfg.sarif, "sarif", false, "print the findings as a SARIF 2.1.0 log on standard output")
	fs.StringVar(&cfg.sarifOut, "sarif-out", "", "also write the findings as a SARIF 2.1.0 log to this file (the text output stays on standard error)")
	fs.BoolVar(&cfg.fix, "fix", false, "apply the suggested fixes, then print the findings that remain")
	fs.BoolVar(&cfg.diff, "diff", false, "print the suggested fixes as a unified diff instead of applying them")
	fs.BoolVar(&cfg.tests, "test", true, "analyse _test.go files too (overrides tests in "+configName+")")
	fs.IntVar(&cfg.context, "c", -1, "print each finding's source line with this many lines of context")
	fs.BoolVar(&cfg.json, "json", false, "print the findings as JSON on standard output")
	fs.StringVar(&cfg.cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
	fs.StringVar(&cfg.memprofile, "memprofile", "", "write a memory profile to this file")
	fs.StringVar(&cfg.trace, "trace", "", "write an execution trace to this file")
	tags := fs.String("tags", "", "a comma-separated list of build tags, as for go build")
	fs.Var(checkListFlag{&cfg.overrides.checks}, "checks", "the checks to run, as a comma-separated list of all, NAME, -NAME and inherit (overrides checks in "+configName+")")
	fs.Var(checkListFlag{&cfg.overrides.fail}, "fail", "the checks whose findings set the exit code, as for -checks (overrides fail in "+configName+"; default all)")
	fs.BoolVar(&cfg.generated, "generated", false, "report findings in generated files (marked \"Code generated ... DO NOT EDIT.\") too")
	fs.StringVar(&cfg.baseline, "baseline", "", "report only the findings that are not in this baseline file; write it if it does not exist")
	fs.BoolVar(&cfg.writeBaseline, "write-baseline", false, "with -baseline: rewrite the baseline file with the current findings")
	fs.BoolVar(&cfg.showSuppressed, "show-suppressed", false, "with -sarif: include the findings silenced by a directive or by the baseline, marked as suppressed")
	fs.Bool("version", false, "print wglint's version and exit")
	fs.BoolVar(&cfg.debug, "debug", false, "after the run, print on standard error how many packages came from the cache and the functions on which a path search stopped at its budget")
	fs.StringVar(&cfg.cacheFlag, "cache", "on", "on: reuse the results of unchanged packages (cache in $WGLINT_CACHE, or wglint in the user cache directory); off: analyse every package")
	all := allAnalyzers()
	cfg.overrides.enable = make(map[string]triState)
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
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "test" {
			cfg.overrides.tests = &cfg.tests
		}
	})
	for _, t := range strings.FieldsFunc(*tags, func(r rune) bool { return r == ',' || r == ' ' }) {
		cfg.tags = append(cfg.tags, t)
	}
	switch {
	case cfg.json && (cfg.sarif || cfg.sarifOut != "" || cfg.fix || cfg.diff):
		return nil, errors.New("-json cannot be combined with -sarif, -sarif-out, -fix or -diff")
	case cfg.sarif && cfg.sarifOut != "":
		return nil, errors.New("use -sarif (the log on standard output) or -sarif-out FILE (the log in FILE, the findings as text), not both")
	case cfg.json && (cfg.baseline != "" || cfg.showSuppressed):
		return nil, errors.New("-json lists every finding; it cannot be combined with -baseline or -show-suppressed")
	case cfg.sarif && cfg.diff:
		return nil, errors.New("-sarif and -diff both write to standard output; use one of them")
	case cfg.writeBaseline && cfg.baseline == "":
		return nil, errors.New("-write-baseline needs -baseline FILE")
	case cfg.writeBaseline && (cfg.fix || cfg.diff):
		return nil, errors.New("-write-baseline cannot be combined with -fix or -diff")
	case cfg.showSuppressed && !cfg.sarif && cfg.sarifOut == "":
		return nil, errors.New("-show-suppressed is for -sarif and -sarif-out output")
	case len(cfg.patterns) == 0:
		return nil, errors.New("no packages given; for example: wglint ./...")
	case cfg.cacheFlag != "on" && cfg.cacheFlag != "off":
		return nil, fmt.Errorf("invalid value %q for flag -cache: want on or off", cfg.cacheFlag)
	}
	cfg.fix = cfg.fix || cfg.diff
	for _, a := range all {
		if *enabled[a] != unset {
			cfg.overrides.enable[a.Name] = *enabled[a]
		}
	}
	cfg.analyzers = all
	// Flags alone that turn every check off are a mistake whatever the
	// files say.
	if s := newConfigSet(cfg.overrides); len(s.applyFlags(&settings{checks: allChecks()}).checks) == 0 {
		return nil, errors.New("every check is disabled")
	}
	return cfg, nil
}

// exitConfig is the exit code of a malformed configuration or baseline
// file, as of a bad flag.
const exitConfig = 2

// lint runs the standalone driver and returns the exit code.
func lint(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "wglint:", err)
		}
		return 2
	}
	// The checks keep the findings in generated files; analyze drops them
	// unless -generated, after the cache (see dropGenerated).
	keepGenerated = true
	configs := newConfigSet(cfg.overrides)
	// A malformed file where wglint runs, or below the directories of
	// patterns such as ./..., stops it before the analysis; one elsewhere
	// is found when its packages are listed.
	wd, _ := os.Getwd()
	configs.forDir(wd)
	configs.scan(wd, cfg.patterns)
	if err := configs.err(); err != nil {
		fmt.Fprintln(stderr, "wglint:", err)
		return exitConfig
	}
	var baseline []baselineEntry
	writeBaselineFile := cfg.writeBaseline
	if cfg.baseline != "" && !cfg.writeBaseline {
		baseline, err = readBaseline(cfg.baseline)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			writeBaselineFile = true
		case err != nil:
			fmt.Fprintln(stderr, "wglint:", err)
			return exitConfig
		}
	}
	withSARIF := cfg.sarif || cfg.sarifOut != ""
	// The threads of every finding are recorded, whatever the output: the
	// driver keeps them with the finding (driver.Diagnostic.Flows), in the
	// cache too, for a later run with -sarif.
	flow.Record(true)
	defer flow.Record(false)
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
		res, err = analyze(cfg, configs, files.overlay(), withSARIF && cfg.showSuppressed)
		if err != nil {
			fmt.Fprintln(stderr, "wglint:", err)
			return 1
		}
		if err := configs.err(); err != nil {
			fmt.Fprintln(stderr, "wglint:", err)
			return exitConfig
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
		if err := writeJSON(stdout, res.run, res.dropped); err != nil {
			fmt.Fprintln(stderr, "wglint:", err)
			return 1
		}
		if len(res.run.Errors) > 0 {
			return 1
		}
		return 0
	}

	// The baseline.
	var keys map[*finding]findingKey
	baselineNote := ""
	if cfg.baseline != "" || withSARIF {
		base := wd
		if cfg.baseline != "" {
			abs, err := filepath.Abs(cfg.baseline)
			if err != nil {
				fmt.Fprintln(stderr, "wglint:", err)
				return 1
			}
			base = filepath.Dir(abs)
		}
		k := newKeyer(base, files.read)
		keys = make(map[*finding]findingKey)
		for _, f := range res.findings {
			keys[f] = k.key(f)
		}
	}
	switch {
	case writeBaselineFile && len(res.errors) > 0:
		for _, e := range res.errors {
			fmt.Fprintln(stderr, e)
		}
		fmt.Fprintf(stderr, "wglint: %s not written: the packages did not load or an analysis failed\n", cfg.baseline)
		return 1
	case writeBaselineFile:
		var list []*finding
		for _, f := range res.findings {
			if !f.suppressed {
				list = append(list, f)
			}
		}
		if err := writeBaseline(cfg.baseline, list, keys); err != nil {
			fmt.Fprintln(stderr, "wglint:", err)
			return 1
		}
		baselineNote = fmt.Sprintf("wglint: wrote %d %s to the baseline %s; wglint -baseline %s reports only the findings not in it\n",
			len(list), plural(len(list), "finding", "findings"), cfg.baseline, cfg.baseline)
		// What follows (the SARIF log, the exit code) is as for a run
		// with the baseline just written: every finding is in it.
		for _, f := range list {
			f.baselined = true
		}
	case cfg.baseline != "":
		stale := matchBaseline(baseline, res.findings, keys)
		hidden := 0
		for _, f := range res.findings {
			if f.baselined {
				hidden++
			}
		}
		baselineNote = fmt.Sprintf("wglint: %d %s in the baseline %s not reported; %d of its entries no longer match a finding (fixed, or changed; -write-baseline rewrites it)\n",
			hidden, plural(hidden, "finding", "findings"), cfg.baseline, stale)
	}

	if withSARIF {
		opts := sarif.Options{BaseDir: repoRoot(wd), WorkingDir: wd, ReadFile: files.read, Errors: res.errors, Version: readVersion().module, Baseline: cfg.baseline}
		log := sarif.Build(analyzers.All, res.sarifFindings(keys, cfg.showSuppressed), opts)
		if err := writeSARIF(log, cfg.sarifOut, stdout); err != nil {
			fmt.Fprintln(stderr, "wglint:", err)
			return 1
		}
	}
	if !cfg.sarif {
		for _, e := range res.errors {
			fmt.Fprintln(stderr, e)
		}
		res.printText(stderr, cfg.context, files.read)
	}
	fmt.Fprint(stderr, baselineNote)
	switch {
	case len(res.errors) > 0:
		return 1
	case res.failing() > 0:
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
	suppressed bool            // by a directive
	reason     string          // the directive's reason
	baselined  bool            // in the baseline
	flows      []flow.Recorded // the goroutines of the finding, for SARIF thread flows
	fails      bool            // the check is one that fails the run here
}

// result is what one analysis of the packages found.
type result struct {
	findings []*finding // sorted, without duplicates or excluded files; suppressed ones only with -show-suppressed
	errors   []string   // load and analysis errors, in a stable order
	run      *driver.Result
	dropped  func(d driver.Diagnostic) bool // whether the finding is not shown: in an excluded or a generated file
}

// failing returns the number of findings that fail the run: not
// suppressed, not in the baseline, of a check that fails the run.
func (r *result) failing() int {
	n := 0
	for _, f := range r.findings {
		if !f.suppressed && !f.baselined && f.fails {
			n++
		}
	}
	return n
}

// analyze loads the packages (with overlay as the content of changed
// files) and runs the checks. With withSuppressed, findings silenced by a
// directive are kept, marked as suppressed.
func analyze(cfg *config, configs *configSet, overlay map[string][]byte, withSuppressed bool) (*result, error) {
	// Suppressed findings are always recorded (and cached) with the
	// others, so that one cache entry serves every output format and
	// -show-suppressed works from the cache.
	report.OnSuppressed(func(s report.Suppressed) { driver.Suppress(s.Pass, s.Diagnostic, s.Directive.Reason) })
	defer report.OnSuppressed(nil)
	run, err := driver.Run(driver.Options{
		Analyzers: cfg.analyzers,
		Patterns:  cfg.patterns,
		Tests:     cfg.tests,
		Overlay:   overlay,
		Tags:      cfg.tags,
		// What the configuration selects for a package (its checks,
		// whether its test variants are reported on, whether every file
		// of it is excluded) is in the package's cache key.
		Select: func(p *packages.Package) []*analysis.Analyzer {
			s := configs.forDir(packageDir(p))
			if strings.Contains(p.ID, " [") && !s.tests {
				return nil // a test variant
			}
			if len(p.GoFiles) > 0 && !slices.ContainsFunc(p.GoFiles, func(f string) bool { return !s.excluded(f) }) {
				return nil // every file is excluded
			}
			var out []*analysis.Analyzer
			for _, a := range cfg.analyzers {
				if s.checks[a.Name] {
					out = append(out, a)
				}
			}
			return out
		},
		Cache:     cfg.cache,
		CacheSalt: cacheSalt(cfg),
		Notes:     debugNotes,
	})
	if err != nil {
		return nil, err
	}
	// What follows is presentation, applied to the results of the
	// analysis or of the cache alike: findings in excluded files, and in
	// generated files unless -generated, are dropped, and the settings of
	// the finding's directory say whether it fails the run.
	var read func(string) ([]byte, error) = os.ReadFile
	if overlay != nil {
		read = func(name string) ([]byte, error) {
			if data, ok := overlay[name]; ok {
				return data, nil
			}
			return os.ReadFile(name)
		}
	}
	generated := newGeneratedFiles(read)
	dropped := func(fset *token.FileSet, pos token.Pos, file string) bool {
		return configs.forDir(filepath.Dir(file)).excluded(file) || !cfg.generated && generated.finding(fset, pos)
	}
	res := &result{run: run, errors: run.Errors, dropped: func(d driver.Diagnostic) bool {
		return dropped(d.Fset, d.Pos, d.Fset.Position(d.Pos).Filename)
	}}
	for _, e := range run.ActionErrors {
		res.errors = append(res.errors, e.Error())
	}

	type key struct {
		check, pos, end, msg string
	}
	seen := make(map[key]bool)
	add := func(f *finding) {
		k := key{f.check, f.pos.String(), f.end.String(), f.diag.Message}
		if seen[k] { // the package and its test variant report the same
			return
		}
		seen[k] = true
		if dropped(f.fset, f.diag.Pos, f.pos.Filename) {
			return
		}
		f.fails = configs.forDir(filepath.Dir(f.pos.Filename)).fail[f.check]
		res.findings = append(res.findings, f)
	}
	for _, d := range run.Diagnostics {
		add(&finding{check: d.Analyzer.Name, diag: d.Diagnostic, fset: d.Fset, pos: d.Fset.Position(d.Pos), end: position(d.Fset, d.End), flows: d.Flows})
	}
	if withSuppressed {
		for _, d := range run.Suppressed {
			add(&finding{check: d.Analyzer.Name, diag: d.Diagnostic, fset: d.Fset, pos: d.Fset.Position(d.Pos), end: position(d.Fset, d.End), suppressed: true, reason: d.Reason, flows: d.Flows})
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

// printText prints the findings that are not suppressed as staticcheck
// does: file:line:column: message (check), then each related position with
// a tab before its message, and with context >= 0 the source lines.
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
		if f.suppressed || f.baselined {
			continue
		}
		show(f.pos, f.end, f.diag.Message+" ("+f.check+")")
		for _, rel := range f.diag.Related {
			show(f.fset.Position(rel.Pos), position(f.fset, rel.End), "\t"+rel.Message)
		}
	}
}

// sarifFindings converts the findings for the SARIF writer: those that
// are suppressed or in the baseline only with showSuppressed.
func (r *result) sarifFindings(keys map[*finding]findingKey, showSuppressed bool) []sarif.Finding {
	var out []sarif.Finding
	occurrence := make(map[findingKey]int)
	for _, f := range r.findings {
		if (f.suppressed || f.baselined) && !showSuppressed {
			continue
		}
		k := keys[f]
		occurrence[k]++
		sf := sarif.Finding{
			Check:       f.check,
			Category:    f.diag.Category,
			Message:     f.diag.Message,
			Pos:         f.pos,
			End:         f.end,
			Suppressed:  f.suppressed,
			Reason:      f.reason,
			Baselined:   f.baselined,
			Fingerprint: fingerprint(k, occurrence[k]),
		}
		for _, rel := range f.diag.Related {
			sf.Related = append(sf.Related, sarif.Related{Pos: f.fset.Position(rel.Pos), End: position(f.fset, rel.End), Message: rel.Message})
		}
		for _, t := range f.flows {
			th := sarif.Thread{Name: t.Name}
			for _, st := range t.Steps {
				step := sarif.Step{Message: st.Message, Pos: f.pos, End: f.end}
				if st.Related >= 0 {
					step.Pos, step.End = sf.Related[st.Related].Pos, sf.Related[st.Related].End
				}
				th.Steps = append(th.Steps, step)
			}
			sf.Threads = append(sf.Threads, th)
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

// fingerprint returns the SARIF partial fingerprint of the occurrence-th
// finding with key k: the finding's baseline key, hashed, which does not
// change when the finding moves with unrelated edits.
func fingerprint(k findingKey, occurrence int) string {
	sum := sha256.Sum256([]byte(strings.Join([]string{k.file, k.check, k.fn, k.hash}, "\x00")))
	return fmt.Sprintf("%x:%d", sum[:16], occurrence)
}

// packageDir returns the directory of a package.
func packageDir(p *packages.Package) string {
	if p.Dir != "" {
		return p.Dir
	}
	for _, files := range [][]string{p.GoFiles, p.OtherFiles, p.IgnoredFiles} {
		if len(files) > 0 {
			return filepath.Dir(files[0])
		}
	}
	wd, _ := os.Getwd()
	return wd
}

// writeSARIF writes log to the file out, or to stdout if out is "".
func writeSARIF(log *sarif.Log, out string, stdout io.Writer) error {
	if out == "" {
		return log.Write(stdout)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := log.Write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
