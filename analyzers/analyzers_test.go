package analyzers_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/internal/checkdoc"

	"golang.org/x/tools/go/analysis"
)

// TestRegistry checks the registry the way a reviewer would: every analyzer
// directory is registered, in order, with complete documentation.
func TestRegistry(t *testing.T) {
	if err := analysis.Validate(analyzers.Analyzers()); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range analyzers.All {
		names = append(names, c.Analyzer.Name)
	}
	if !sort.StringsAreSorted(names) {
		t.Errorf("analyzers.All is not sorted by name: %v", names)
	}
	dirs, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	registered := make(map[string]bool)
	for _, n := range names {
		registered[n] = true
	}
	for _, d := range dirs {
		if d.IsDir() && !registered[d.Name()] {
			t.Errorf("directory analyzers/%s is not listed in analyzers.All", d.Name())
		}
	}
	humanNames := make(map[string]string)
	for _, c := range analyzers.All {
		name := c.Analyzer.Name
		switch {
		case c.Title == "" || len(c.Title) > 60:
			t.Errorf("%s: title %q must have 1 to 60 characters", name, c.Title)
		case strings.ToLower(c.Title[:1]) != c.Title[:1] || strings.HasSuffix(c.Title, "."):
			t.Errorf("%s: title %q must start lowercase and have no period", name, c.Title)
		}
		if c.Text == "" || c.Since == "" {
			t.Errorf("%s: Text and Since must be set", name)
		}
		if c.Severity != checkdoc.Error && c.Severity != checkdoc.Warning {
			t.Errorf("%s: invalid severity %q", name, c.Severity)
		}
		if !strings.HasPrefix(c.Analyzer.Doc, c.Title+"\n") {
			t.Errorf("%s: Analyzer.Doc does not start with the title", name)
		}
		if c.Analyzer.URL == "" {
			t.Errorf("%s: no URL", name)
		}
		if !pascalCase.MatchString(c.Name) || strings.EqualFold(c.Name, name) {
			t.Errorf("%s: human name %q must be in Pascal case and say more than the check's name", name, c.Name)
		}
		if humanNames[c.Name] != "" {
			t.Errorf("%s and %s have the same human name %q", humanNames[c.Name], name, c.Name)
		}
		humanNames[c.Name] = name
	}
}

var pascalCase = regexp.MustCompile(`^(?:[A-Z][a-z0-9]+)+$`)

// TestTestdata checks that every analyzer has test data under the top-level
// testdata/src/<name> with both findings (// want) and silent near misses
// (// ok).
func TestTestdata(t *testing.T) {
	for _, c := range analyzers.All {
		name := c.Analyzer.Name
		wants, oks := 0, 0
		err := filepath.Walk(filepath.Join("..", "testdata", "src", name), func(path string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() || !strings.HasSuffix(path, ".go") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			wants += strings.Count(string(data), "// want ")
			oks += strings.Count(string(data), "// ok")
			return nil
		})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if wants == 0 || oks == 0 {
			t.Errorf("%s: testdata has %d findings (// want) and %d silent cases (// ok); both must be present", name, wants, oks)
		}
	}
}
