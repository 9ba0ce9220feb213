package main

// The result cache of the standalone driver, and -debug.

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wglint/wglint/internal/conc"
	"github.com/wglint/wglint/internal/driver"

	"golang.org/x/tools/go/analysis"
)

// cacheDir returns the directory of the result cache: $WGLINT_CACHE, or
// wglint in the user's cache directory; "" if the cache is off
// (WGLINT_CACHE=off).
func cacheDir() (string, error) {
	if dir := os.Getenv("WGLINT_CACHE"); dir != "" {
		if dir == "off" {
			return "", nil
		}
		return filepath.Abs(dir)
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "wglint"), nil
}

// openCache opens the result cache that -cache and WGLINT_CACHE ask for;
// nil means none. A cache that cannot be opened is no error: the run goes
// without it (and -debug says why).
func openCache(cfg *config) (*driver.Cache, string) {
	switch cfg.cacheFlag {
	case "off":
		return nil, "off (-cache=off)"
	case "on":
	default:
		return nil, "off"
	}
	dir, err := cacheDir()
	if err != nil {
		return nil, "off: " + err.Error()
	}
	if dir == "" {
		return nil, "off (WGLINT_CACHE=off)"
	}
	c, err := driver.OpenCache(dir)
	if err != nil {
		return nil, "off: " + err.Error()
	}
	return c, dir
}

// cacheSalt returns what the results of wglint depend on besides the
// packages and the environment, which the driver covers: wglint's own
// executable, and the flags that change what the checks report. The
// cache key of every package includes it.
func cacheSalt(cfg *config) string {
	h := sha256.New()
	fmt.Fprintf(h, "executable %s\n", executableHash())
	for _, f := range analysisFlags(cfg) {
		fmt.Fprintf(h, "flag %q\n", f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// analysisFlags returns every flag that changes what the analysis of a
// package reports, as NAME=VALUE, and that the driver's key does not
// cover: the checks given to the driver, each check's own flags, and
// -test. A new flag that changes the analysis must be added here (or be
// given to the driver in a form its key covers), or the cache would serve
// results computed without it. The driver's key covers -tags
// (driver.Options.Tags) and what the configuration files, -checks and
// -NAME select for each package (driver.Options.Select: its checks, tests
// on or off, a package whose every file is excluded). Flags and settings
// that only change how the results are shown (-json, -sarif, -sarif-out,
// -show-suppressed, -c, -fix, -diff, -debug, -generated, -baseline,
// -fail; exclude and fail in the files) must not be: they are applied to
// the cached results.
func analysisFlags(cfg *config) []string {
	var out []string
	out = append(out, fmt.Sprintf("test=%v", cfg.tests))
	var names []string
	for _, a := range cfg.analyzers {
		names = append(names, a.Name)
	}
	out = append(out, "checks="+strings.Join(names, ","))
	for _, a := range allAnalyzers() {
		a.Flags.VisitAll(func(f *flag.Flag) {
			out = append(out, a.Name+"."+f.Name+"="+f.Value.String())
		})
	}
	return out
}

var exeHash string

// executableHash returns the SHA-256 of wglint's executable: a rebuilt
// wglint (another version, or the same one with other checks) has its
// own cache entries. If the executable cannot be read, it returns a value
// that no run shares, so nothing is reused.
func executableHash() string {
	if exeHash != "" {
		return exeHash
	}
	exeHash = func() string {
		exe, err := os.Executable()
		if err == nil {
			var f *os.File
			if f, err = os.Open(exe); err == nil {
				defer f.Close()
				h := sha256.New()
				if _, err = io.Copy(h, f); err == nil {
					return hex.EncodeToString(h.Sum(nil))
				}
			}
		}
		return fmt.Sprintf("unreadable executable (%v), pid %d", err, os.Getpid())
	}()
	return exeHash
}

// debugNotes returns, for -debug, the functions of a package on which a
// path search of wglint's model stopped at conc.SearchBudget: the checks
// said nothing about them.
func debugNotes(pkg *types.Package, results map[*analysis.Analyzer]any) []string {
	m, ok := results[conc.Analyzer].(*conc.Model)
	if !ok || m == nil {
		return nil
	}
	var out []string
	for _, f := range m.Exhausted() {
		pos := m.Pass.Fset.Position(f.Node().Pos())
		n := f.Exhausted()
		out = append(out, fmt.Sprintf("%s: %s (%d %s stopped)", pos, modelFuncName(f, pkg), n, plural(n, "search", "searches")))
	}
	return out
}

// modelFuncName names a function of the model for -debug: F, (T).M, (*T).M,
// or "function literal".
func modelFuncName(f *conc.Func, pkg *types.Package) string {
	if f.Obj == nil {
		return "function literal"
	}
	if recv := f.Obj.Signature().Recv(); recv != nil {
		return fmt.Sprintf("(%s).%s", types.TypeString(recv.Type(), types.RelativeTo(pkg)), f.Obj.Name())
	}
	return f.Obj.Name()
}

// printDebug prints what -debug shows, after the findings: how many
// packages were analysed and how many came from the cache, and the
// functions on which a path search stopped at the budget, per package.
func printDebug(w io.Writer, res *driver.Result, cacheState string) {
	fmt.Fprintf(w, "wglint: debug: %d %s analysed, %d from the cache (cache: %s)\n",
		res.Analysed, plural(res.Analysed, "package", "packages"), res.Cached, cacheState)
	funcs := 0
	for _, p := range res.Notes {
		funcs += len(p.Notes)
	}
	if funcs == 0 {
		fmt.Fprintf(w, "wglint: debug: no path search stopped at the budget (%d steps)\n", conc.SearchBudget)
		return
	}
	fmt.Fprintf(w, "wglint: debug: in %d %s of %d %s, a path search stopped at the budget (%d steps); the checks said nothing about these functions:\n",
		funcs, plural(funcs, "function", "functions"), len(res.Notes), plural(len(res.Notes), "package", "packages"), conc.SearchBudget)
	notes := slices.Clone(res.Notes)
	slices.SortStableFunc(notes, func(a, b driver.PackageNotes) int { return strings.Compare(a.Package, b.Package) })
	for _, p := range notes {
		what := ""
		if !p.Root {
			what = ", a dependency"
		}
		fmt.Fprintf(w, "wglint: debug: %s (%d %s%s):\n", p.Package, len(p.Notes), plural(len(p.Notes), "function", "functions"), what)
		for _, n := range p.Notes {
			fmt.Fprintf(w, "wglint: debug:   %s\n", n)
		}
	}
}
