package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wglint/wglint/analyzers"
)

// TestUpToDate fails when a generated file (the README's table of checks
// and golangci-lint configuration, docs/checks.md, the names of the checks
// in internal/report) does not match analyzers.All.
func TestUpToDate(t *testing.T) {
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, readmeFile))
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(readme, analyzers.All)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Errorf("%v; run go run ./internal/gendocs from the module root", err)
			continue
		}
		if string(got) != string(want) {
			t.Errorf("%s is stale; run go run ./internal/gendocs from the module root", name)
		}
	}
}

// TestRunCheck: run reports stale files with check set and writes nothing,
// and rewrites them without it.
func TestRunCheck(t *testing.T) {
	root := t.TempDir()
	readme := "# x\n" + beginMarker + "\nold\n" + endMarker + "\n" + gclBeginMarker + "\n" + gclEndMarker + "\n"
	if err := os.WriteFile(filepath.Join(root, readmeFile), []byte(readme), 0o644); err != nil {
		t.Fatal(err)
	}
	stale, err := run(root, true)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(stale, " ") != readmeFile+" "+docsFile+" "+namesFile {
		t.Errorf("run(check): stale = %v, want all three files", stale)
	}
	if _, err := os.Stat(filepath.Join(root, docsFile)); err == nil {
		t.Errorf("run(check) wrote %s", docsFile)
	}
	if _, err := run(root, false); err != nil {
		t.Fatal(err)
	}
	stale, err = run(root, true)
	if err != nil || len(stale) > 0 {
		t.Errorf("after run: stale = %v, err = %v", stale, err)
	}
}

func TestTable(t *testing.T) {
	table := Table(analyzers.All)
	for _, c := range analyzers.All {
		state := "on"
		if c.Experimental {
			state = "off (experimental)"
		}
		row := "| [`" + c.Analyzer.Name + "`](docs/checks.md#" + c.Analyzer.Name + ") | " + c.Title + " | " + string(c.Severity) + " | " + state + " |\n"
		if !strings.Contains(table, row) {
			t.Errorf("the table has no row %q:\n%s", row, table)
		}
	}
}

// TestChecksMarkdown: every check has a section with everything its record
// holds.
func TestChecksMarkdown(t *testing.T) {
	md := ChecksMarkdown(analyzers.All)
	sections := strings.Split(md, "\n## ")
	if len(sections) != len(analyzers.All)+1 {
		t.Fatalf("docs/checks.md has %d sections, want %d", len(sections)-1, len(analyzers.All))
	}
	for i, c := range analyzers.All {
		s := sections[i+1]
		name := c.Analyzer.Name
		if !strings.HasPrefix(s, name+"\n\n"+c.Title+"\n") {
			t.Errorf("section %d is not %s with its title:\n%.200s", i+1, name, s)
		}
		for what, want := range map[string]string{
			"severity":    "Severity: **" + string(c.Severity) + "**",
			"since":       "Since: " + c.Since,
			"url":         "(" + c.Analyzer.URL + ")",
			"bad":         "Bad:\n\n```go\n" + c.Bad + "```",
			"good":        "Good:\n\n```go\n" + c.Good + "```",
			"description": firstWords(c.Text),
			"suppression": "`//wglint:ignore " + name + " REASON`",
		} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: the section has no %s (%q)", name, what, want)
			}
		}
	}
}

// firstWords returns the first few words of text.
func firstWords(text string) string {
	w := strings.Fields(text)
	return strings.Join(w[:min(4, len(w))], " ")
}

func TestNamesGo(t *testing.T) {
	src, err := NamesGo(analyzers.All)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range analyzers.All {
		if !strings.Contains(string(src), "\t\""+c.Analyzer.Name+"\",\n") {
			t.Errorf("checks_gen.go does not list %s:\n%s", c.Analyzer.Name, src)
		}
	}
}

func TestUpdate(t *testing.T) {
	in := "# x\n\nbefore\n" + beginMarker + "\nstale\n" + endMarker + "\nmiddle\n" + gclBeginMarker + "\nstale\n" + gclEndMarker + "\nafter\n"
	out, err := Update([]byte(in), analyzers.All)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), "# x\n\nbefore\n"+beginMarker+"\n"+Table(analyzers.All)+endMarker+"\nmiddle\n"+gclBeginMarker+"\n") ||
		!strings.HasSuffix(string(out), "```\n"+gclEndMarker+"\nafter\n") || strings.Contains(string(out), "stale") {
		t.Errorf("Update:\n%s", out)
	}
	again, err := Update(out, analyzers.All)
	if err != nil || string(again) != string(out) {
		t.Errorf("Update is not idempotent: %v\n%s", err, again)
	}
	for _, bad := range []string{
		"no markers\n",
		beginMarker + "\n",
		endMarker + "\n" + beginMarker + "\n" + gclBeginMarker + "\n" + gclEndMarker + "\n",
		beginMarker + "\n" + endMarker + "\n",
		beginMarker + "\n" + endMarker + "\n" + gclEndMarker + "\n" + gclBeginMarker + "\n",
	} {
		if _, err := Update([]byte(bad), analyzers.All); err == nil {
			t.Errorf("Update(%q): no error", bad)
		}
	}
}
