package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/wglint/wglint/analyzers"
)

// TestExperimental: "all" leaves experimental checks out; naming one
// turns it on, in a file's list or a flag's.
func TestExperimental(t *testing.T) {
	c := analyzers.All[0]
	was := c.Experimental
	c.Experimental = true
	defer func() { c.Experimental = was }()
	name := c.Analyzer.Name
	on := 0
	for _, x := range analyzers.All {
		if !x.Experimental {
			on++
		}
	}
	def := defaultSettings()
	if def.checks[name] || len(def.checks) != on {
		t.Errorf("the defaults run %v, want every check but the experimental %s", slices.Sorted(maps.Keys(def.checks)), name)
	}
	if set := (checkList{"all", name}).resolve(nil); !set[name] {
		t.Errorf("all,%s leaves %s out", name, name)
	}
	if set := (checkList{"inherit", "-" + analyzers.All[1].Analyzer.Name}).resolve(def.checks); set[name] || set[analyzers.All[1].Analyzer.Name] || len(set) != len(def.checks)-1 {
		t.Errorf("inherit,-%s: %v", analyzers.All[1].Analyzer.Name, set)
	}
	if !def.fail[name] {
		t.Errorf("fail defaults to every check; the experimental %s fails the run when it is turned on", name)
	}
	cs := newConfigSet(overrides{checks: checkList{"-all", name}})
	if s := cs.applyFlags(def); len(s.checks) != 1 || !s.checks[name] {
		t.Errorf("-checks=-all,%s: %v", name, s.checks)
	}
}

func TestMatchPath(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"sub", "sub/main.go", true},
		{"sub", "sub/deep/main.go", true},
		{"sub", "other/sub/main.go", false},
		{"sub/*.go", "sub/main.go", true},
		{"sub/*.go", "sub/deep/main.go", false},
		{"**/*_test.go", "a_test.go", true},
		{"**/*_test.go", "x/y/a_test.go", true},
		{"**/*_test.go", "x/y/a.go", false},
		{"gen/**", "gen/a/b.go", true},
		{"*.pb.go", "x.pb.go", true},
		{"*.pb.go", "sub/x.pb.go", false},
	} {
		if got := matchPath(strings.Split(tc.pattern, "/"), strings.Split(tc.path, "/")); got != tc.want {
			t.Errorf("matchPath(%q, %q) = %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
}

func TestFuncNameAndHash(t *testing.T) {
	src := "package p\n\nfunc f() {}\nfunc (T) M() {}\nfunc (*T) N() {}\nfunc (*G[K]) O() {}\nfunc (H[K, V]) P() {}\n"
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range f.Decls {
		got = append(got, funcName(d.(*ast.FuncDecl)))
	}
	if want := []string{"f", "T.M", "(*T).N", "(*G).O", "H.P"}; !slices.Equal(got, want) {
		t.Errorf("funcName: %v, want %v", got, want)
	}
	if messageHash("returns at line 12 after 3 receives") != messageHash("returns at line 140 after 2 receives") {
		t.Errorf("messageHash depends on the numbers in the message")
	}
	if messageHash("wg is copied") == messageHash("mu is copied") {
		t.Errorf("messageHash ignores the words of the message")
	}
}

func TestKeyLine(t *testing.T) {
	doc := "# a comment\nchecks = []\n\n[linters]\nx = 1\n\"quoted\" = 2\n"
	for key, want := range map[string]int{"checks": 2, "linters": 4, "quoted": 6, "missing": 1} {
		if got := keyLine(doc, key); got != want {
			t.Errorf("keyLine(%q) = %d, want %d", key, got, want)
		}
	}
}
