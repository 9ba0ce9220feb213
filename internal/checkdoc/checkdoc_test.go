package checkdoc

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

const good = `// Package x does things.
//
// # Analyzer x
//
// x: report things that are wrong
//
// Things are wrong when they are.
// More text.
//
// Bad:
//
//	bad()
//	more()
//
// Good:
//
//	good()
//
// Known limitations: some.
package x
`

func TestParse(t *testing.T) {
	a := &analysis.Analyzer{Name: "x"}
	c := New(a, good, "v1", Warning)
	if c.Title != "report things that are wrong" {
		t.Errorf("Title = %q", c.Title)
	}
	if c.Text != "Things are wrong when they are.\nMore text.\n\nKnown limitations: some." {
		t.Errorf("Text = %q", c.Text)
	}
	if c.Bad != "bad()\nmore()\n" || c.Good != "good()\n" {
		t.Errorf("Bad = %q, Good = %q", c.Bad, c.Good)
	}
	if !strings.HasPrefix(a.Doc, "report things that are wrong\n\nThings are wrong") || !strings.Contains(a.Doc, "Bad:\n\n\tbad()\n\tmore()\n") {
		t.Errorf("Doc = %q", a.Doc)
	}
	if a.URL != URLBase+"x" || c.Since != "v1" || c.Severity != Warning {
		t.Errorf("URL = %q, Since = %q, Severity = %q", a.URL, c.Since, c.Severity)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"noheading", "// Package x.\npackage x\n", "missing"},
		{"notitle", "// # Analyzer x\n//\n// y: z\npackage x\n", "must start with"},
		{"noexamples", "// # Analyzer x\n//\n// x: title\n//\n// text\npackage x\n", "missing Bad"},
		{"nocomment", "package x\n", "no package comment"},
	} {
		_, err := parse("x", tc.src)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestMarkdownAndPlainText(t *testing.T) {
	a := &analysis.Analyzer{Name: "x"}
	c := New(a, good, "v1", Warning)
	md := c.Markdown(3)
	for _, want := range []string{
		"Severity: **warning** · Since: v1 · [Reference](" + URLBase + "x)\n",
		"Things are wrong when they are. More text.\n",
		"Known limitations: some.\n",
		"Bad:\n\n```go\nbad()\nmore()\n```\n",
		"Good:\n\n```go\ngood()\n```\n",
		"`//wglint:ignore x REASON`",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	text := c.PlainText()
	for _, want := range []string{
		"x: report things that are wrong\n\n",
		"Severity: warning\nSince:    v1\nURL:      " + URLBase + "x\n",
		"Things are wrong when they are.\nMore text.\n\nKnown limitations: some.\n",
		"Bad:\n\n\tbad()\n\tmore()\n\nGood:\n\n\tgood()\n",
		"//wglint:ignore x REASON",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PlainText lacks %q:\n%s", want, text)
		}
	}
}

// TestOptions: Name and Experimental set the record's fields, and an
// experimental check says so in its documentation.
func TestOptions(t *testing.T) {
	c := New(&analysis.Analyzer{Name: "x"}, good, "v1", Warning)
	if c.Name != "" || c.Experimental {
		t.Errorf("no options: Name %q, Experimental %v", c.Name, c.Experimental)
	}
	if strings.Contains(c.PlainText(), "experimental") || strings.Contains(c.Markdown(3), "Experimental") {
		t.Errorf("a stable check's documentation mentions experimental")
	}
	c = New(&analysis.Analyzer{Name: "x"}, good, "v1", Warning, Name("ThingsWrong"), Experimental)
	if c.Name != "ThingsWrong" || !c.Experimental {
		t.Errorf("Name %q, Experimental %v", c.Name, c.Experimental)
	}
	if !strings.Contains(c.PlainText(), "Status:   experimental, off by default (run it with -checks=all,x") {
		t.Errorf("PlainText of an experimental check:\n%s", c.PlainText())
	}
	if !strings.Contains(c.Markdown(3), "**Experimental:** off by default; run it with `-checks=all,x`") {
		t.Errorf("Markdown of an experimental check:\n%s", c.Markdown(3))
	}
}

// TestNewWrapsRun: New wraps Run so that directives apply, and leaves a nil
// Run nil.
func TestNewWrapsRun(t *testing.T) {
	run := func(*analysis.Pass) (any, error) { return 42, nil }
	a := &analysis.Analyzer{Name: "y", Run: run}
	New(a, strings.ReplaceAll(strings.ReplaceAll(good, "# Analyzer x", "# Analyzer y"), "// x: ", "// y: "), "v1", Error)
	if a.Run == nil {
		t.Fatal("Run is nil")
	}
	pass := &analysis.Pass{Report: func(analysis.Diagnostic) {}}
	if res, err := a.Run(pass); res != 42 || err != nil {
		t.Errorf("wrapped Run = %v, %v", res, err)
	}
	if reflect.ValueOf(a.Run).Pointer() == reflect.ValueOf(run).Pointer() {
		t.Errorf("Run was not wrapped")
	}
	b := &analysis.Analyzer{Name: "x"}
	New(b, good, "v1", Error)
	if b.Run != nil {
		t.Errorf("a nil Run became non-nil")
	}
}
