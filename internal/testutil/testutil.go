// Package testutil locates the top-level testdata directory for the
// analyzers' tests.
package testutil

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
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
