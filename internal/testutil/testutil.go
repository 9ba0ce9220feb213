// Package testutil holds helpers of wglint's tests: it locates the
// top-level testdata directory and validates JSON against the SARIF schema.
package testutil

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestData returns the absolute path of the repository's testdata
// directory. It reads every file under testdata/src/<dir> for each dir:
// go test caches a test's result by the files the test process opens, and
// analysistest reads the test packages in a child process it cannot see,
// so without this an edit to the test data would not rerun the test.
func TestData(t testing.TB, dirs ...string) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate testutil source")
	}
	root := filepath.Join(filepath.Dir(file), "..", "..", "testdata")
	for _, d := range append(dirs, "golang.org") {
		err := filepath.WalkDir(filepath.Join(root, "src", d), func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			_, err = os.ReadFile(path)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// SARIFSchema compiles the SARIF 2.1.0 JSON schema kept in
// testdata/sarif (draft-04), with format assertions on.
func SARIFSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate testutil source")
	}
	path := filepath.Join(filepath.Dir(file), "..", "..", "testdata", "sarif", "sarif-schema-2.1.0.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// ValidateJSON validates the JSON document data against s. It returns
// nil if data is valid, and otherwise an error that lists every violation
// with its location in the document.
func ValidateJSON(s *jsonschema.Schema, data []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not JSON: %v", err)
	}
	return s.Validate(doc)
}
