package analyzers_test

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/wglint/wglint/analyzers"

	"golang.org/x/tools/go/analysis"
)

// TestNogoReady checks what Bazel's nogo needs from each check (see the
// README): the package analyzers/NAME declares var Analyzer, it does not
// depend on packages that run the go command or load code, and the facts
// of its analyzers are gob-encodable.
func TestNogoReady(t *testing.T) {
	for _, c := range analyzers.All {
		name := c.Analyzer.Name
		t.Run(name, func(t *testing.T) {
			if !declaresAnalyzer(t, name) {
				t.Errorf("package analyzers/%s does not declare var Analyzer", name)
			}
			out, err := exec.Command("go", "list", "-deps", "-json=ImportPath", "./"+name).Output()
			if err != nil {
				t.Fatalf("go list -deps ./%s: %v", name, err)
			}
			dec := json.NewDecoder(bytes.NewReader(out))
			for dec.More() {
				var p struct{ ImportPath string }
				if err := dec.Decode(&p); err != nil {
					t.Fatal(err)
				}
				switch p.ImportPath {
				case "os/exec", "golang.org/x/tools/go/packages", "golang.org/x/tools/go/loader":
					t.Errorf("analyzers/%s depends on %s; nogo runs analyzers without the go command or package loading", name, p.ImportPath)
				}
			}
			for _, f := range factTypes(c.Analyzer) {
				v := reflect.New(reflect.TypeOf(f).Elem()).Interface()
				var buf bytes.Buffer
				if err := gob.NewEncoder(&buf).Encode(v); err != nil {
					t.Errorf("fact %T is not gob-encodable: %v", f, err)
					continue
				}
				back := reflect.New(reflect.TypeOf(f).Elem()).Interface()
				if err := gob.NewDecoder(&buf).Decode(back); err != nil {
					t.Errorf("fact %T does not gob-decode: %v", f, err)
				}
			}
		})
	}
}

// declaresAnalyzer reports whether analyzers/name has a package-level
// var Analyzer.
func declaresAnalyzer(t *testing.T, name string) bool {
	files, err := filepath.Glob(filepath.Join(name, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, s := range g.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						if n.Name == "Analyzer" {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

// factTypes returns the fact types of a and of the analyzers it requires.
func factTypes(a *analysis.Analyzer) []analysis.Fact {
	seen := make(map[*analysis.Analyzer]bool)
	var facts []analysis.Fact
	var visit func(*analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		facts = append(facts, a.FactTypes...)
		for _, r := range a.Requires {
			visit(r)
		}
	}
	visit(a)
	return facts
}
