package conc

import (
	"go/types"
	"os"
	"path/filepath"
	"testing"
)

// TestFindCopiesTogether: the one walk with both predicates (what
// CopiesAnalyzer does for wgcopy and lockcopy) finds, for each, the same
// copies in the same order as a walk with that predicate alone.
func TestFindCopiesTogether(t *testing.T) {
	// Every kind of copy, of a type that both predicates match, of one
	// that holds a WaitGroup only and of one that holds a Mutex only.
	const every = `package p

import "sync"

type Both struct {
	wg sync.WaitGroup
	mu sync.Mutex
}

type W struct{ wg sync.WaitGroup }

type M struct{ mu sync.Mutex }

func (b Both) Recv() {}

func Param(b Both, w W, m M) {}

func Return(b *Both) Both { return *b }

func Uses(b *Both, w *W, m *M, bs []Both, ch chan Both) {
	x, y, z := *b, *w, *m
	_ = []Both{*b}
	_ = struct{ w W }{*w}
	for _, e := range bs {
		_ = e
	}
	Param(*b, *w, *m)
	ch <- *b
	_, _, _ = x, y, z
}
`
	sources := map[string]string{"every": every}
	names := []string{"every"}
	for _, name := range []string{"wgcopy/a/a.go", "wgcopy/fix/fix.go", "lockcopy/a/a.go", "lockcopy/fix/fix.go"} {
		src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "src", filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		sources[name] = string(src)
		names = append(names, name)
	}
	for _, name := range names {
		pass := testPass(t, sources[name])
		both := findCopies(pass, IsWaitGroup, IsCopiedLock)
		for i, match := range []func(types.Type) bool{IsWaitGroup, IsCopiedLock} {
			alone := findCopies(pass, match)[0]
			if len(alone) != len(both[i]) {
				t.Errorf("%s, predicate %d: %d copies alone, %d together", name, i, len(alone), len(both[i]))
				continue
			}
			for k, c := range alone {
				if *c != *both[i][k] {
					t.Errorf("%s, predicate %d, copy %d: alone %+v, together %+v", name, i, k, *c, *both[i][k])
				}
			}
		}
		if len(both[0])+len(both[1]) == 0 {
			t.Errorf("%s: no copy found", name)
		}
		if name == "every" {
			// Receiver, parameters, return, assignments, elements,
			// range, arguments, send: those of Both count for both
			// predicates, those of W for the WaitGroup and those of M
			// for the locks only.
			if len(both[0]) != 12 || len(both[1]) != 11 {
				t.Errorf("every: %d WaitGroup copies and %d lock copies, want 12 and 11", len(both[0]), len(both[1]))
			}
		}
	}
}
