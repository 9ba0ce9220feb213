package conc

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// LaunchCount returns how many times the launch event e of f runs each time
// f runs, when that is known statically: the go statement is not under a
// condition, and every loop around it has a constant trip count (a range
// over an array, a constant, or a slice literal bound once; a counting loop
// with constant bounds) and no break, continue, return or goto.
func (m *Model) LaunchCount(f *Func, e *Event) (int64, bool) {
	path := enclosing(f.Body, e.Node)
	if path == nil {
		return 0, false
	}
	info := m.Pass.TypesInfo
	count := int64(1)
	// path[0] is f.Body, path[len-1] is the launch node.
	for _, n := range path[1 : len(path)-1] {
		switch n := n.(type) {
		case *ast.BlockStmt, *ast.ExprStmt:
		case *ast.RangeStmt:
			k, ok := rangeCount(info, f, n)
			if !ok || hasJump(n.Body) {
				return 0, false
			}
			count *= k
		case *ast.ForStmt:
			k, ok := forCount(info, n)
			if !ok || hasJump(n.Body) {
				return 0, false
			}
			count *= k
		default:
			return 0, false // a condition, a select, a switch, ...
		}
	}
	return count, true
}

// enclosing returns the chain of nodes from root down to target.
func enclosing(root ast.Node, target ast.Node) []ast.Node {
	var stack, found []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		stack = append(stack, n)
		if n == target {
			found = append([]ast.Node(nil), stack...)
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok && n != root {
			stack = stack[:len(stack)-1]
			return false
		}
		if n.Pos() > target.Pos() || n.End() < target.End() {
			stack = stack[:len(stack)-1]
			return false
		}
		return true
	})
	return found
}

// hasJump reports whether body contains a statement that leaves an
// iteration early (outside nested function literals).
func hasJump(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			if n.Tok != token.FALLTHROUGH {
				found = true
			}
		case *ast.ReturnStmt:
			found = true
		case *ast.ExprStmt:
			if call, ok := n.X.(*ast.CallExpr); ok {
				if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// rangeCount returns the trip count of a range statement when constant.
func rangeCount(info *types.Info, f *Func, rs *ast.RangeStmt) (int64, bool) {
	if tv := info.Types[rs.X]; tv.Value != nil { // range 3
		return constantInt64(tv.Value)
	}
	t := info.TypeOf(rs.X)
	if t == nil {
		return 0, false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if a, ok := t.Underlying().(*types.Array); ok {
		return a.Len(), true
	}
	lit := sliceLiteral(info, f, rs.X)
	if lit == nil {
		return 0, false
	}
	for _, el := range lit.Elts {
		if _, ok := el.(*ast.KeyValueExpr); ok {
			return 0, false // indexed elements: length is not the count
		}
	}
	return int64(len(lit.Elts)), true
}

// sliceLiteral returns the slice composite literal that e is, or that the
// local variable e was defined with and never reassigned.
func sliceLiteral(info *types.Info, f *Func, e ast.Expr) *ast.CompositeLit {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		if _, ok := info.TypeOf(e).Underlying().(*types.Slice); ok {
			return e
		}
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok || !f.Declares(v) {
			return nil
		}
		var lit *ast.CompositeLit
		defs, writes := 0, 0
		f.InspectBody([]ast.Node{(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.UnaryExpr)(nil)}, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					id, ok := ast.Unparen(l).(*ast.Ident)
					if !ok || (info.Defs[id] != v && info.Uses[id] != v) {
						continue
					}
					if info.Defs[id] == v && len(n.Rhs) == len(n.Lhs) {
						defs++
						lit, _ = ast.Unparen(n.Rhs[i]).(*ast.CompositeLit)
					} else {
						writes++
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if info.Defs[id] == v {
						defs++
						if i < len(n.Values) {
							lit, _ = ast.Unparen(n.Values[i]).(*ast.CompositeLit)
						}
					}
				}
			case *ast.UnaryExpr:
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND && info.Uses[id] == v {
					writes++
				}
			}
			return true
		})
		if defs == 1 && writes == 0 {
			return lit
		}
	}
	return nil
}

// forCount returns the trip count of "for i := a; i < b; i++" (or <=)
// with constant a and b and i not assigned in the body.
func forCount(info *types.Info, fs *ast.ForStmt) (int64, bool) {
	init, ok := fs.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return 0, false
	}
	id, ok := init.Lhs[0].(*ast.Ident)
	if !ok {
		return 0, false
	}
	v := info.Defs[id]
	lo, ok := constOf(info, init.Rhs[0])
	if !ok {
		return 0, false
	}
	cond, ok := fs.Cond.(*ast.BinaryExpr)
	if !ok {
		return 0, false
	}
	if cid, ok := ast.Unparen(cond.X).(*ast.Ident); !ok || info.Uses[cid] != v {
		return 0, false
	}
	hi, ok := constOf(info, cond.Y)
	if !ok {
		return 0, false
	}
	post, ok := fs.Post.(*ast.IncDecStmt)
	if !ok || post.Tok != token.INC {
		return 0, false
	}
	if pid, ok := ast.Unparen(post.X).(*ast.Ident); !ok || info.Uses[pid] != v {
		return 0, false
	}
	assigned := false
	ast.Inspect(fs.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok && info.Uses[id] == v {
					assigned = true
				}
			}
		case *ast.IncDecStmt:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && info.Uses[id] == v {
				assigned = true
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND && info.Uses[id] == v {
				assigned = true
			}
		}
		return true
	})
	if assigned {
		return 0, false
	}
	var n int64
	switch cond.Op {
	case token.LSS:
		n = hi - lo
	case token.LEQ:
		n = hi - lo + 1
	default:
		return 0, false
	}
	return max(n, 0), true
}

func constOf(info *types.Info, e ast.Expr) (int64, bool) {
	tv := info.Types[e]
	if tv.Value == nil || tv.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(tv.Value)
}
