package main

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestMyers checks on random line sequences that the edit script turns a
// into b and is as short as the longest common subsequence allows.
func TestMyers(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	gen := func() []string {
		n := rng.IntN(12)
		var s []string
		for range n {
			s = append(s, string(rune('a'+rng.IntN(4)))+"\n")
		}
		return s
	}
	for range 2000 {
		a, b := gen(), gen()
		ops := myers(a, b)
		var gotA, gotB []string
		edits := 0
		for _, o := range ops {
			if o.kind != '+' {
				gotA = append(gotA, o.line)
			}
			if o.kind != '-' {
				gotB = append(gotB, o.line)
			}
			if o.kind != ' ' {
				edits++
			}
		}
		if strings.Join(gotA, "") != strings.Join(a, "") || strings.Join(gotB, "") != strings.Join(b, "") {
			t.Fatalf("myers(%q, %q) = %v: does not turn a into b", a, b, ops)
		}
		if want := len(a) + len(b) - 2*lcs(a, b); edits != want {
			t.Fatalf("myers(%q, %q): %d edits, want %d", a, b, edits, want)
		}
	}
}

func lcs(a, b []string) int {
	t := make([][]int, len(a)+1)
	for i := range t {
		t[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	return t[0][0]
}

func TestUnifiedDiff(t *testing.T) {
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
	got := unifiedDiff("a/f", "b/f", old.String(), new.String())
	want := `--- a/f
+++ b/f
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
	if got != want {
		t.Errorf("unifiedDiff:\n%s\nwant:\n%s", got, want)
	}
	if d := unifiedDiff("a", "b", "same\n", "same\n"); d != "" {
		t.Errorf("diff of equal texts: %q", d)
	}
	if d := unifiedDiff("a/f", "b/f", "a\nb", "a\nc"); d != "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n" {
		t.Errorf("no final newline: %q", d)
	}
	if d := unifiedDiff("a/f", "b/f", "", "new\n"); d != "--- a/f\n+++ b/f\n@@ -0,0 +1,1 @@\n+new\n" {
		t.Errorf("from empty: %q", d)
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
