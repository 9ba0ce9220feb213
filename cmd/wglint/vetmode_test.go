package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNamedOn: the command-line forms that turn a check on under go vet,
// the last one winning, as the flag package reads them.
func TestNamedOn(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"x.cfg"}, false},
		{[]string{"-lockorder", "x.cfg"}, true},
		{[]string{"--lockorder", "x.cfg"}, true},
		{[]string{"-lockorder=true", "x.cfg"}, true},
		{[]string{"-lockorder=T", "x.cfg"}, true},
		{[]string{"-lockorder=1", "x.cfg"}, true},
		{[]string{"-lockorder=false", "x.cfg"}, false},
		{[]string{"-lockorder", "-lockorder=false", "x.cfg"}, false},
		{[]string{"-lockorder=false", "-lockorder", "x.cfg"}, true},
		{[]string{"-lockorder=maybe", "x.cfg"}, false},
		{[]string{"-lockorderx", "x.cfg"}, false},
		{[]string{"-doublelock", "x.cfg"}, false},
		{[]string{"--", "-lockorder"}, false},
	} {
		if got := namedOn(tc.args, "lockorder"); got != tc.want {
			t.Errorf("namedOn(%q, lockorder) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

// TestVetxOnly: the facts-only mode is read from the vet.cfg go vet
// passes; a missing or malformed file leaves the checks on (unitchecker
// reports the error).
func TestVetxOnly(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	factsOnly := write("facts.cfg", `{"ID": "p", "VetxOnly": true}`)
	full := write("full.cfg", `{"ID": "p", "VetxOnly": false}`)
	bad := write("bad.cfg", `{"VetxOnly": tru`)
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{factsOnly}, true},
		{[]string{"-json", "-lockorder=true", factsOnly}, true},
		{[]string{full}, false},
		{[]string{bad}, false},
		{[]string{filepath.Join(dir, "missing.cfg")}, false},
		{[]string{"-V=full"}, false},
	} {
		if got := vetxOnly(tc.args); got != tc.want {
			t.Errorf("vetxOnly(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
