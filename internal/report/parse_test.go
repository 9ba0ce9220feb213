package report

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"
)

// register registers names for the duration of the test: the external
// tests in this directory run in the same binary and need the real set.
func register(t *testing.T, names ...string) {
	mu.Lock()
	saved := registered
	registered = make(map[string]bool)
	for n := range saved {
		registered[n] = true
	}
	mu.Unlock()
	for _, n := range names {
		Register(n)
	}
	t.Cleanup(func() {
		mu.Lock()
		registered = saved
		mu.Unlock()
	})
}

func TestParseComment(t *testing.T) {
	register(t, "alpha", "beta")
	for _, tc := range []struct {
		text     string
		nil      bool
		fileWide bool
		checks   []string
		reason   string
		problem  string // substring; "" means well-formed
		reporter string
	}{
		{text: "// an ordinary comment", nil: true},
		{text: "//wglint ignore alpha reason", nil: true},
		{text: "// wglint:ignored is prose", nil: true},
		{text: "/* //wglint:ignore alpha reason */", nil: true},
		{text: "//wglint:ignore alpha the reason", checks: []string{"alpha"}, reason: "the reason", reporter: "alpha"},
		{text: "//wglint:ignore beta,alpha  two\tchecks ", checks: []string{"beta", "alpha"}, reason: "two\tchecks", reporter: "alpha"},
		{text: "//wglint:file-ignore alpha why", fileWide: true, checks: []string{"alpha"}, reason: "why", reporter: "alpha"},
		{text: "//wglint:ignore\talpha\twhy", checks: []string{"alpha"}, reason: "why", reporter: "alpha"},
		{text: "//wglint:ignore beta", checks: []string{"beta"}, problem: "the reason is missing; write //wglint:ignore CHECK[,CHECK] REASON", reporter: "beta"},
		{text: "//wglint:file-ignore beta   ", fileWide: true, checks: []string{"beta"}, problem: "the reason is missing; write //wglint:file-ignore", reporter: "beta"},
		{text: "//wglint:ignore", problem: "no check named", reporter: "alpha"},
		{text: "//wglint:ignore beta,gamma why", checks: []string{"beta", "gamma"}, reason: "why", problem: `unknown check "gamma"; the checks are `, reporter: "beta"},
		{text: "//wglint:ignore gamma why", checks: []string{"gamma"}, reason: "why", problem: `unknown check "gamma"`, reporter: "alpha"},
		{text: "//wglint:ignore beta,,alpha why", checks: []string{"beta", "", "alpha"}, reason: "why", problem: `empty check name in "beta,,alpha"`, reporter: "alpha"},
		{text: "//wglint:ignore beta, alpha why", checks: []string{"beta", ""}, reason: "alpha why", problem: `empty check name in "beta,"`, reporter: "beta"},
		{text: "//wglint:disable beta why", problem: "unknown directive //wglint:disable", reporter: "alpha"},
		{text: "// wglint:ignore beta why", checks: []string{"beta"}, reason: "why", problem: "no space is allowed between // and wglint:", reporter: "beta"},
		{text: "//  wglint:file-ignore beta why", fileWide: true, checks: []string{"beta"}, reason: "why", problem: "no space is allowed", reporter: "beta"},
	} {
		d := parseComment(tc.text)
		if tc.nil {
			if d != nil {
				t.Errorf("%q: parsed as a directive: %+v", tc.text, d)
			}
			continue
		}
		if d == nil {
			t.Errorf("%q: not parsed as a directive", tc.text)
			continue
		}
		if d.FileWide != tc.fileWide || !slices.Equal(d.Checks, tc.checks) || d.Reason != tc.reason {
			t.Errorf("%q: got file-wide %v, checks %q, reason %q; want %v, %q, %q", tc.text, d.FileWide, d.Checks, d.Reason, tc.fileWide, tc.checks, tc.reason)
		}
		switch {
		case tc.problem == "" && d.Problem != "":
			t.Errorf("%q: unexpected problem %q", tc.text, d.Problem)
		case tc.problem != "" && !strings.Contains(d.Problem, tc.problem):
			t.Errorf("%q: problem %q, want it to contain %q", tc.text, d.Problem, tc.problem)
		}
		// alphabetically first known name, else the first registered
		// check (alpha sorts before every name in allChecks).
		if got := d.reporter(); got != tc.reporter {
			t.Errorf("%q: reported by %q, want %q", tc.text, got, tc.reporter)
		}
	}
}

// TestMatch checks which lines a directive covers, in one file.
func TestMatch(t *testing.T) {
	register(t, "alpha", "beta")
	src := `package p

//wglint:ignore alpha covers lines 3 and 4
var a = 1

var b = 2 //wglint:ignore beta covers lines 6 and 7
var c = 3
var d = 4
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	dirs := Parse(fset, []*ast.File{f})
	if len(dirs) != 2 {
		t.Fatalf("got %d directives, want 2", len(dirs))
	}
	tf := fset.File(f.FileStart)
	for _, tc := range []struct {
		check string
		line  int
		want  int // line of the matching directive, 0 for none
	}{
		{"alpha", 2, 0}, {"alpha", 3, 3}, {"alpha", 4, 3}, {"alpha", 5, 0},
		{"beta", 4, 0}, {"beta", 5, 0}, {"beta", 6, 6}, {"beta", 7, 6}, {"beta", 8, 0},
		{"gamma", 4, 0},
	} {
		got := 0
		if d := dirs.match(fset, tc.check, tf.LineStart(tc.line)); d != nil {
			got = d.line
		}
		if got != tc.want {
			t.Errorf("%s finding on line %d: matched directive on line %d, want %d", tc.check, tc.line, got, tc.want)
		}
	}
}
