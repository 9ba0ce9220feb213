package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteDiff: -diff writes each changed file, in name order, as a
// unified diff with a/ and b/ prefixes and paths relative to the current
// directory, which patch -p1 and git apply take; unchanged files are left
// out.
func TestWriteDiff(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	fs := newFileSet()
	var old, new strings.Builder
	for i := 1; i <= 20; i++ {
		old.WriteString(strings.Repeat("x", i) + "\n")
		switch i {
		case 2:
			new.WriteString("two\n")
		case 15:
			new.WriteString(strings.Repeat("x", i) + "\nadded\n")
		default:
			new.WriteString(strings.Repeat("x", i) + "\n")
		}
	}
	b := filepath.Join(wd, "sub", "b.go")
	a := filepath.Join(wd, "a.go")
	same := filepath.Join(wd, "same.go")
	fs.orig[b], fs.current[b] = []byte(old.String()), []byte(new.String())
	fs.orig[a], fs.current[a] = []byte("a\nb"), []byte("a\nc")
	fs.orig[same], fs.current[same] = []byte("same\n"), []byte("same\n")
	var out strings.Builder
	if !fs.writeDiff(&out) {
		t.Fatal("writeDiff reports no change")
	}
	want := `--- a/a.go
+++ b/a.go
@@ -1,2 +1,2 @@
 a
-b
\ No newline at end of file
+c
\ No newline at end of file
--- a/sub/b.go
+++ b/sub/b.go
@@ -1,5 +1,5 @@
 x
-xx
+two
 xxx
 xxxx
 xxxxx
@@ -13,6 +13,7 @@
 xxxxxxxxxxxxx
 xxxxxxxxxxxxxx
 xxxxxxxxxxxxxxx
+added
 xxxxxxxxxxxxxxxx
 xxxxxxxxxxxxxxxxx
 xxxxxxxxxxxxxxxxxx
`
	if out.String() != want {
		t.Errorf("writeDiff:\n%s\nwant:\n%s", out.String(), want)
	}
	if newFileSet().writeDiff(&out) {
		t.Errorf("writeDiff of no change reports a change")
	}
}

func TestApplyConflicts(t *testing.T) {
	for _, tc := range []struct {
		a, b edit
		want bool
	}{
		{edit{"f", 0, 2, "x"}, edit{"f", 1, 3, "y"}, true},
		{edit{"f", 0, 2, "x"}, edit{"f", 2, 3, "y"}, false},
		{edit{"f", 0, 2, "x"}, edit{"g", 1, 3, "y"}, false},
		{edit{"f", 1, 1, "x"}, edit{"f", 1, 1, "y"}, true},
		{edit{"f", 1, 1, "x"}, edit{"f", 1, 1, "x"}, false},
		{edit{"f", 1, 1, "x"}, edit{"f", 0, 2, "y"}, true},
		{edit{"f", 2, 2, "x"}, edit{"f", 0, 2, "y"}, false},
	} {
		if got := tc.a.overlaps(tc.b); got != tc.want {
			t.Errorf("%v overlaps %v = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := tc.b.overlaps(tc.a); got != tc.want {
			t.Errorf("%v overlaps %v = %v, want %v", tc.b, tc.a, got, tc.want)
		}
	}
}
