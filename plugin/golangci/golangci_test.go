package golangci

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"

	"github.com/wglint/wglint/analyzers"
	"github.com/wglint/wglint/internal/checkdoc"

	"golang.org/x/tools/go/analysis"
)

// TestRegistered: every check is registered as a plugin of its own name,
// and the plugin returns that check's analyzer.
func TestRegistered(t *testing.T) {
	for _, c := range analyzers.All {
		name := c.Analyzer.Name
		newPlugin, err := register.GetPlugin(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		p, err := newPlugin(nil)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		as, err := p.BuildAnalyzers()
		if err != nil {
			t.Errorf("%s: BuildAnalyzers: %v", name, err)
			continue
		}
		if len(as) != 1 || as[0].Name != name || as[0].Doc != c.Analyzer.Doc {
			t.Errorf("%s: BuildAnalyzers returned %v, want the check's analyzer alone", name, as)
		}
		if err := analysis.Validate(as); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if p.GetLoadMode() != register.LoadModeTypesInfo {
			t.Errorf("%s: load mode %q", name, p.GetLoadMode())
		}
	}
}

// fakeCheck is a check with one flag of each kind, to test settings.
func fakeCheck() (*checkdoc.Check, *bool, *string, *int) {
	a := &analysis.Analyzer{Name: "fake", Doc: "fake", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	b := a.Flags.Bool("strict", false, "be strict")
	s := a.Flags.String("mode", "fast", "the mode")
	n := a.Flags.Int("depth", 1, "the depth")
	return &checkdoc.Check{Analyzer: a, Title: "fake"}, b, s, n
}

func TestSettings(t *testing.T) {
	c, b, s, n := fakeCheck()
	// What golangci-lint passes: viper's map, keys lowercased.
	p, err := New(c, map[string]any{"flags": map[string]any{"strict": true, "mode": "slow", "depth": float64(3)}})
	if err != nil {
		t.Fatal(err)
	}
	if *b || *s != "fast" || *n != 1 {
		t.Errorf("New changed the flags before BuildAnalyzers")
	}
	if _, err := p.BuildAnalyzers(); err != nil {
		t.Fatal(err)
	}
	if !*b || *s != "slow" || *n != 3 {
		t.Errorf("flags after BuildAnalyzers: strict=%v mode=%q depth=%d", *b, *s, *n)
	}

	for _, tc := range []struct {
		name string
		conf any
		want string
	}{
		{"unknown key", map[string]any{"flag": map[string]any{}}, `unknown field "flag"`},
		{"camelCase key", map[string]any{"skipTests": true}, `unknown field "skipTests"`},
		{"unknown flag", map[string]any{"flags": map[string]any{"nosuch": true}}, `unknown flag "nosuch"; the check's flags are depth, mode, strict`},
		{"bad type", map[string]any{"flags": map[string]any{"mode": []any{"a"}}}, `flag "mode": want a string, boolean or number`},
		{"not a map", []any{1}, "decoding settings"},
	} {
		if _, err := New(c, tc.conf); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}

	p, err = New(c, map[string]any{"flags": map[string]any{"depth": "deep"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.BuildAnalyzers(); err == nil || !strings.Contains(err.Error(), `flag "depth"`) {
		t.Errorf("bad value: err = %v", err)
	}

	// A real check without flags rejects any flag.
	if _, err := New(analyzers.All[0], map[string]any{"flags": map[string]any{"x": 1.0}}); err == nil || !strings.Contains(err.Error(), "the check has no flags") && !strings.Contains(err.Error(), "the check's flags are") {
		t.Errorf("flag for a real check: err = %v", err)
	}
}

// TestWithoutRelated: the plugin's analyzer drops related positions and
// passes everything else through.
func TestWithoutRelated(t *testing.T) {
	a := &analysis.Analyzer{Name: "x", Doc: "x", Run: func(pass *analysis.Pass) (any, error) {
		pass.Report(analysis.Diagnostic{Pos: 1, Message: "m", Category: "c", Related: []analysis.RelatedInformation{{Pos: 2, Message: "r"}}})
		return "result", nil
	}}
	var got []analysis.Diagnostic
	pass := &analysis.Pass{Report: func(d analysis.Diagnostic) { got = append(got, d) }}
	w := withoutRelated(a)
	res, err := w.Run(pass)
	if res != "result" || err != nil {
		t.Errorf("Run = %v, %v", res, err)
	}
	if len(got) != 1 || got[0].Related != nil || got[0].Message != "m" || got[0].Category != "c" || got[0].Pos != 1 {
		t.Errorf("reported %+v", got)
	}
	if w.Name != a.Name || w == a {
		t.Errorf("withoutRelated must return a copy with the same name")
	}
}

func TestExampleConfig(t *testing.T) {
	cfg := ExampleConfig(analyzers.All)
	for _, c := range analyzers.All {
		for _, want := range []string{
			"\n    - " + c.Analyzer.Name + "\n",
			"\n      " + c.Analyzer.Name + ":\n        type: module\n",
		} {
			if !strings.Contains(cfg, want) {
				t.Errorf("config lacks %q:\n%s", want, cfg)
			}
		}
	}
}
