package checkdoc

import (
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
