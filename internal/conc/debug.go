package conc

import (
	"fmt"
	"os"
	"runtime"
	"strings"
)

func (m *Model) debugDump() {
	if os.Getenv("WGLINT_DEBUG") == "" {
		return
	}
	for _, f := range m.Funcs {
		if p := m.Pass.Fset.Position(f.Node().Pos()).Filename; strings.HasPrefix(p, runtime.GOROOT()) && !strings.Contains(p, os.Getenv("WGLINT_DEBUG")) {
			continue
		}
		fmt.Fprintf(os.Stderr, "func %s at %v: summary %v\n", f.Name(), m.Pass.Fset.Position(f.Node().Pos()), m.summaryOf(f))
		for _, e := range f.Events {
			fmt.Fprintf(os.Stderr, "  %v b%d[%d] %v ref=%v deferred=%v\n", m.Pass.Fset.Position(e.Pos()), e.Block.Index, e.Index, e.Kind, e.Ref, e.Deferred)
		}
	}
}

func (m *Model) debugDirect() {
	if os.Getenv("WGLINT_DEBUG_DIRECT") == "" {
		return
	}
	for _, f := range m.Funcs {
		for _, e := range f.Events {
			if e.Kind.Blocks() && (e.Kind != Join || e.Callee != nil) {
				fmt.Fprintf(os.Stderr, "DIRECT %s %v %v callee=%v\n", f.Name(), m.Pass.Fset.Position(e.Pos()), e.Kind, e.Callee)
			}
		}
	}
}
