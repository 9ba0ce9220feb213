package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wglint/wglint/analyzers"
)

// TestREADMEUpToDate fails when the README's table of checks does not
// match analyzers.All.
func TestREADMEUpToDate(t *testing.T) {
	path := filepath.Join("..", "..", "README.md")
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	updated, err := Update(old, analyzers.All)
	if err != nil {
		t.Fatal(err)
	}
	if string(updated) != string(old) {
		t.Errorf("README.md: the table of checks is stale; run go run ./internal/gendocs from the module root")
	}
}

func TestTable(t *testing.T) {
	table := Table(analyzers.All)
	for _, c := range analyzers.All {
		if !strings.Contains(table, "| `"+c.Analyzer.Name+"` | "+c.Title+" | "+string(c.Severity)+" |\n") {
			t.Errorf("the table has no row for %s:\n%s", c.Analyzer.Name, table)
		}
	}
}

func TestUpdate(t *testing.T) {
	in := "# x\n\nbefore\n" + beginMarker + "\nstale\n" + endMarker + "\nafter\n"
	out, err := Update([]byte(in), analyzers.All)
	if err != nil {
		t.Fatal(err)
	}
	want := "# x\n\nbefore\n" + beginMarker + "\n" + Table(analyzers.All) + endMarker + "\nafter\n"
	if string(out) != want {
		t.Errorf("Update:\n%s\nwant:\n%s", out, want)
	}
	again, err := Update(out, analyzers.All)
	if err != nil || string(again) != string(out) {
		t.Errorf("Update is not idempotent: %v\n%s", err, again)
	}
	for _, bad := range []string{"no markers\n", beginMarker + "\n", endMarker + "\n" + beginMarker + "\n"} {
		if _, err := Update([]byte(bad), analyzers.All); err == nil {
			t.Errorf("Update(%q): no error", bad)
		}
	}
}
