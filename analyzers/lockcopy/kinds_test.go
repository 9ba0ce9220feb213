package lockcopy

import (
	"go/token"
	"go/types"
	"testing"

	"github.com/wglint/wglint/internal/conc"
)

// The copies that lockcopy reports are found by conc.IsCopiedLock, and
// their messages come from kinds: each must name the same sync types.
func TestKindsAreCopiedLocks(t *testing.T) {
	sync := types.NewPackage("sync", "sync")
	named := func(name string) types.Type {
		return types.NewNamed(types.NewTypeName(token.NoPos, sync, name, nil), types.NewStruct(nil, nil), nil)
	}
	for _, k := range kinds {
		if !conc.IsCopiedLock(named(k.name)) {
			t.Errorf("sync.%s has a message in kinds but conc.IsCopiedLock does not match it", k.name)
		}
	}
	for _, name := range []string{"WaitGroup", "Map", "Pool", "Locker"} {
		if conc.IsCopiedLock(named(name)) {
			t.Errorf("conc.IsCopiedLock matches sync.%s, which has no message in kinds", name)
		}
	}
}
