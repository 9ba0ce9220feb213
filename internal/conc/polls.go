package conc

import (
	"go/ast"
	"go/token"
	"go/types"
)

// This file finds polling loops: loops that leave only once another
// goroutine has done something, though no single operation in them
// blocks.
//
//	for {
//		select {
//		case <-done:
//			return
//		default:
//			time.Sleep(tick)
//		}
//	}
//
//	for !ready.Load() {
//		runtime.Gosched()
//	}
//
// Such a loop waits for the other goroutine like a receive or a Wait: the
// receive of the case that leaves, or the condition that reads the atomic,
// is a Join event (placed where the CFG evaluates it).

// pollWaits returns the nodes of f's body that a polling loop waits at:
// the receives of select cases (with default) through which the loop is
// left, and the conditions reading atomics under which it is left.
func pollWaits(info *types.Info, body *ast.BlockStmt) map[ast.Node]bool {
	out := make(map[ast.Node]bool)
	labels := make(map[ast.Stmt]*ast.Ident)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.LabeledStmt:
			labels[n.Stmt] = n.Label
		case *ast.ForStmt:
			if n.Cond != nil {
				if readsAtomic(info, n.Cond) && exitsOnlyBy(info, n, labels[n], func([]ast.Node) ast.Node { return nil }, true) {
					out[n.Cond] = true
				}
				return true
			}
			waits := make(map[ast.Node]bool)
			if exitsOnlyBy(info, n, labels[n], func(stack []ast.Node) ast.Node {
				return waitOf(info, stack, n)
			}, false) {
				collectWaits(info, n, labels[n], waits)
				for w := range waits {
					out[w] = true
				}
			}
		}
		return true
	})
	return out
}

// waitOf returns, for an exit of loop whose enclosing nodes (outermost
// first, up to the exit) are stack, what it waits for: the receive of the
// innermost select case (of a select with default, inside loop) around it,
// or the condition of the innermost if around it when that condition reads
// an atomic; nil if neither.
func waitOf(info *types.Info, stack []ast.Node, loop ast.Node) ast.Node {
	inLoop := false
	var found ast.Node
	for i, n := range stack {
		if n == loop {
			inLoop = true
			continue
		}
		if !inLoop {
			continue
		}
		switch x := n.(type) {
		case *ast.CommClause:
			if x.Comm == nil || i < 2 {
				found = nil
				continue
			}
			if sel, ok := stack[i-2].(*ast.SelectStmt); ok && hasDefault(sel) {
				found = recvOfComm(x.Comm)
			} else {
				found = nil
			}
		case *ast.IfStmt:
			// Only an exit in the if's body (not its else) is under
			// the condition being true.
			if i+1 < len(stack) && stack[i+1] == x.Body && readsAtomic(info, x.Cond) {
				found = x.Cond
			}
		}
	}
	return found
}

func hasDefault(sel *ast.SelectStmt) bool {
	for _, c := range sel.Body.List {
		if c.(*ast.CommClause).Comm == nil {
			return true
		}
	}
	return false
}

// recvOfComm returns the receive expression of a select case's comm, or
// nil for a send.
func recvOfComm(comm ast.Stmt) ast.Node {
	var x ast.Expr
	switch c := comm.(type) {
	case *ast.ExprStmt:
		x = c.X
	case *ast.AssignStmt:
		if len(c.Rhs) == 1 {
			x = c.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(x).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return comm
	}
	return nil
}

// exitsOnlyBy reports whether every way out of loop (returns, breaks and
// gotos that leave it; also its condition turning false when cond is
// set) is one for which wait returns a node. A loop with no way out is
// not a polling loop.
func exitsOnlyBy(info *types.Info, loop *ast.ForStmt, label *ast.Ident, wait func(stack []ast.Node) ast.Node, cond bool) bool {
	exits := 0
	ok := true
	forEachExit(loop, label, func(stack []ast.Node) {
		exits++
		if cond {
			ok = false // the condition is the wait: another exit is not
			return
		}
		if wait(stack) == nil {
			ok = false
		}
	})
	if cond {
		return ok
	}
	return ok && exits > 0
}

// collectWaits adds to out the nodes the exits of loop wait at.
func collectWaits(info *types.Info, loop *ast.ForStmt, label *ast.Ident, out map[ast.Node]bool) {
	forEachExit(loop, label, func(stack []ast.Node) {
		if w := waitOf(info, stack, loop); w != nil {
			out[w] = true
		}
	})
}

// forEachExit calls f with the stack (outermost first, from loop to the
// statement) of each statement that leaves loop: a return, a break of it
// (labeled, or unlabeled outside nested breakable statements), a goto, a
// labeled continue of an outer loop.
func forEachExit(loop *ast.ForStmt, label *ast.Ident, f func(stack []ast.Node)) {
	var stack []ast.Node
	stack = append(stack, loop)
	breakable := 0 // nested for, range, switch, select inside loop
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if n == nil {
			return false
		}
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			f(append(stack[:len(stack):len(stack)], x))
			return false
		case *ast.BranchStmt:
			switch x.Tok {
			case token.BREAK:
				if x.Label == nil && breakable == 0 || x.Label != nil && label != nil && x.Label.Name == label.Name {
					f(append(stack[:len(stack):len(stack)], x))
				}
			case token.GOTO:
				f(append(stack[:len(stack):len(stack)], x))
			case token.CONTINUE:
				if x.Label != nil && (label == nil || x.Label.Name != label.Name) {
					f(append(stack[:len(stack):len(stack)], x))
				}
			}
			return false
		}
		nested := false
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			nested = true
		}
		if nested {
			breakable++
		}
		stack = append(stack, n)
		ast.Inspect(n, func(c ast.Node) bool {
			if c == n {
				return true
			}
			visit(c)
			return false
		})
		stack = stack[:len(stack)-1]
		if nested {
			breakable--
		}
		return false
	}
	stack = append(stack, loop.Body)
	for _, s := range loop.Body.List {
		visit(s)
	}
}

// readsAtomic reports whether e calls a function or method of
// sync/atomic (atomic.LoadInt32(&x), flag.Load()).
func readsAtomic(info *types.Info, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if fn := Callee(info, call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "sync/atomic" {
				found = true
			}
		}
		return !found
	})
	return found
}
