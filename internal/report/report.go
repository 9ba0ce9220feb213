// Package report filters the diagnostics of wglint's checks through the
// suppression directives written in the analysed code.
//
// Two directives are recognized, each a line comment with no space after
// the slashes:
//
//	//wglint:ignore CHECK[,CHECK...] REASON
//	//wglint:file-ignore CHECK[,CHECK...] REASON
//
// The ignore form silences the findings of the named checks that start on
// the directive's own line (a comment at the end of the line) or on the
// line just after it (a comment on a line of its own). The file-ignore
// form, anywhere in a file, silences the named checks in the whole file.
// The reason is required.
//
// Suppression happens inside each check's pass, so it works the same in
// every driver: standalone wglint, go vet -vettool, golangci-lint and
// nogo. checkdoc.New wraps every check's Run with [Wrap]: the wrapper
// collects what the check reports, drops the diagnostics a directive
// covers, passes the others on, and then reports
//
//   - each directive naming this check that suppressed nothing in this
//     package (category "unused-directive"), and
//   - each malformed directive (category "malformed-directive"): no check
//     named, an empty or unknown check name, a missing reason, an unknown
//     //wglint: directive, or a space between // and wglint:.
//
// A malformed directive is reported once, by a single check: the
// alphabetically first known check it names, or, when it names no known
// check, the alphabetically first check linked into the program. A
// malformed directive suppresses nothing. When the check responsible for a
// malformed directive does not run (it was disabled), the directive is not
// reported; with all checks enabled, every malformed directive is reported
// exactly once.
//
// Whether a directive is used is judged per package. Standalone wglint
// analyses a package with tests twice, without and with its _test.go
// files; a directive in a non-test file whose only finding appears when the
// tests are compiled in would be reported as unused by the first analysis.
// The checks report inside test functions, in _test.go files, so this does
// not arise with them today.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
)

// Categories of the diagnostics the wrapper itself reports.
const (
	CategoryUnused    = "unused-directive"
	CategoryMalformed = "malformed-directive"
)

// RunFunc is the type of analysis.Analyzer.Run.
type RunFunc = func(*analysis.Pass) (any, error)

var (
	mu         sync.Mutex
	registered = make(map[string]bool) // checks linked into this program
)

// Register records name as a check linked into this program. [Wrap] calls
// it; it only matters for choosing who reports a malformed directive and
// for telling known check names from unknown ones.
func Register(name string) {
	mu.Lock()
	registered[name] = true
	mu.Unlock()
}

// known reports whether name is a wglint check: one listed in analyzers.All
// when internal/gendocs last ran, or one linked into this program.
func known(name string) bool {
	if slices.Contains(allChecks, name) {
		return true
	}
	mu.Lock()
	defer mu.Unlock()
	return registered[name]
}

// knownNames returns the sorted names of all known checks.
func knownNames() []string {
	names := slices.Clone(allChecks)
	mu.Lock()
	for n := range registered {
		names = append(names, n)
	}
	mu.Unlock()
	slices.Sort(names)
	return slices.Compact(names)
}

// firstRegistered returns the alphabetically first check linked into the
// program, or "" if there is none.
func firstRegistered() string {
	mu.Lock()
	defer mu.Unlock()
	first := ""
	for n := range registered {
		if first == "" || n < first {
			first = n
		}
	}
	return first
}

// A Suppressed is a diagnostic that a directive silenced.
type Suppressed struct {
	Pass       *analysis.Pass // the pass of the check that reported it
	Diagnostic analysis.Diagnostic
	Directive  *Directive
}

var suppressedHook atomic.Pointer[func(Suppressed)]

// OnSuppressed installs f to be called with every diagnostic a directive
// silences, for drivers that list suppressed findings (SARIF does). Only
// one hook is kept; nil removes it. f may be called from several
// goroutines at once.
func OnSuppressed(f func(Suppressed)) {
	if f == nil {
		suppressedHook.Store(nil)
		return
	}
	suppressedHook.Store(&f)
}

// Wrap returns a Run function that runs run with pass.Report intercepted,
// filters what it reports through the directives in pass.Files, and reports
// unused and malformed directives as described in the package comment.
// name is the check's analyzer name. Wrap(name, nil) is nil.
func Wrap(name string, run RunFunc) RunFunc {
	Register(name)
	if run == nil {
		return nil
	}
	return func(pass *analysis.Pass) (any, error) {
		dirs := Parse(pass.Fset, pass.Files)
		var diags []analysis.Diagnostic
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) { diags = append(diags, d) }
		res, err := func() (any, error) {
			defer func() { pass.Report = report }()
			return run(pass)
		}()

		hook := suppressedHook.Load()
		for _, d := range diags {
			if dir := dirs.match(pass.Fset, name, d.Pos); dir != nil {
				dir.used = true
				if hook != nil {
					(*hook)(Suppressed{Pass: pass, Diagnostic: d, Directive: dir})
				}
				continue
			}
			report(d)
		}
		if err != nil {
			return res, err // the run is incomplete: do not judge directives
		}
		for _, dir := range dirs {
			switch {
			case dir.Problem != "":
				if dir.reporter() == name {
					report(analysis.Diagnostic{
						Pos:      dir.Pos,
						End:      dir.End,
						Category: CategoryMalformed,
						Message:  "malformed wglint directive: " + dir.Problem,
					})
				}
			case !dir.used && slices.Contains(dir.Checks, name):
				where := "on this line or the next"
				if dir.FileWide {
					where = "in this file"
				}
				report(analysis.Diagnostic{
					Pos:      dir.Pos,
					End:      dir.End,
					Category: CategoryUnused,
					Message:  fmt.Sprintf("directive suppresses no %s finding %s; remove it, or remove %s from it", name, where, name),
				})
			}
		}
		return res, nil
	}
}

// A Directive is one //wglint:ignore or //wglint:file-ignore comment.
type Directive struct {
	Pos, End token.Pos // the comment
	FileWide bool      // //wglint:file-ignore
	Checks   []string  // the named checks, in the order written
	Reason   string
	Problem  string // why the directive is malformed; "" if it is well-formed

	file *token.File
	line int  // the comment's line
	used bool // it suppressed a diagnostic of the check being run
}

// reporter returns the check that reports d when it is malformed.
func (d *Directive) reporter() string {
	first := ""
	for _, c := range d.Checks {
		if known(c) && (first == "" || c < first) {
			first = c
		}
	}
	if first == "" {
		first = firstRegistered()
	}
	return first
}

// Directives are the directives of a package's files, in source order.
type Directives []*Directive

const prefix = "//wglint:"

// Parse returns the directives in the comments of files, well-formed or
// not.
func Parse(fset *token.FileSet, files []*ast.File) Directives {
	var dirs Directives
	for _, f := range files {
		tf := fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		for _, group := range f.Comments {
			for _, c := range group.List {
				if d := parseComment(c.Text); d != nil {
					d.Pos, d.End = c.Pos(), c.End()
					d.file = tf
					d.line = tf.PositionFor(c.Pos(), false).Line
					dirs = append(dirs, d)
				}
			}
		}
	}
	return dirs
}

// parseComment parses the text of one comment, returning nil if it is not
// meant as a wglint directive.
func parseComment(text string) *Directive {
	if !strings.HasPrefix(text, prefix) {
		// "// wglint:ignore" is a directive written with a space, which
		// would be easy to miss: parse it, and say what is wrong.
		rest, ok := strings.CutPrefix(text, "//")
		rest = strings.TrimLeft(rest, " \t")
		kind, _ := cutSpace(strings.TrimPrefix(rest, "wglint:"))
		if ok && strings.HasPrefix(rest, "wglint:") && (kind == "ignore" || kind == "file-ignore") {
			d := parseComment("//" + rest)
			d.Problem = "no space is allowed between // and wglint:"
			return d
		}
		return nil
	}
	rest := text[len(prefix):]
	kind, args := cutSpace(rest)
	d := &Directive{}
	switch kind {
	case "ignore":
	case "file-ignore":
		d.FileWide = true
	default:
		d.Problem = fmt.Sprintf("unknown directive %s%s; the directives are %signore and %sfile-ignore", prefix, kind, prefix, prefix)
		return d
	}
	usage := fmt.Sprintf("write %s%s CHECK[,CHECK] REASON", prefix, kind)
	args = strings.TrimSpace(args)
	list, reason := cutSpace(args)
	d.Reason = strings.TrimSpace(reason)
	if list == "" {
		d.Problem = "no check named; " + usage
		return d
	}
	d.Checks = strings.Split(list, ",")
	for _, c := range d.Checks {
		if c == "" {
			d.Problem = fmt.Sprintf("empty check name in %q (no spaces around the commas); %s", list, usage)
			return d
		}
	}
	for _, c := range d.Checks {
		if !known(c) {
			d.Problem = fmt.Sprintf("unknown check %q; the checks are %s", c, strings.Join(knownNames(), ", "))
			return d
		}
	}
	if d.Reason == "" {
		d.Problem = "the reason is missing; " + usage
		return d
	}
	return d
}

// cutSpace splits s around its first space or tab.
func cutSpace(s string) (before, after string) {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// match returns the well-formed directive that silences check's
// diagnostic at pos, or nil. Line directives take precedence over
// file-wide ones, so that both are judged used or unused sensibly.
func (dirs Directives) match(fset *token.FileSet, check string, pos token.Pos) *Directive {
	tf := fset.File(pos)
	if tf == nil {
		return nil
	}
	line := tf.PositionFor(pos, false).Line
	var fileWide *Directive
	for _, d := range dirs {
		if d.Problem != "" || d.file != tf || !slices.Contains(d.Checks, check) {
			continue
		}
		if d.FileWide {
			if fileWide == nil {
				fileWide = d
			}
			continue
		}
		if line == d.line || line == d.line+1 {
			return d
		}
	}
	return fileWide
}
