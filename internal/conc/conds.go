package conc

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/cfg"
)

// This file is the branch layer of the model. Paths that test the same
// condition twice, with nothing assigning it in between, take the same
// side both times:
//
//	if doLock { mu.Lock() }
//	...
//	if doLock { mu.Unlock() }
//
// has two paths, not four. The path searches of the model (paths.go) carry
// what the branches taken so far say about such conditions, and follow
// only the side of a branch that agrees with it. A condition is tracked
// when it is made of variables of the function that nothing can change
// behind its back (no &v, no assignment in a function literal) and
// constants, and when it is tested at two branches or more, or is a
// boolean variable that the function sets to constants ("locked = true",
// or "if !held { mu.Lock(); held = true }" in a loop). Assigning a
// variable forgets what was known
// of the conditions that mention it; assigning a constant to a boolean
// variable makes it known.

// maxAtoms is the number of conditions tracked per function: each adds a
// factor of up to three to the states of a search.
const maxAtoms = 8

// knowledge is what a path knows of the tracked conditions: two bits per
// condition (0 unknown, 1 false, 2 true).
type knowledge uint32

func (k knowledge) get(i int) int8 {
	switch k >> (2 * i) & 3 {
	case 1:
		return 0
	case 2:
		return 1
	}
	return -1
}

func (k knowledge) set(i int, v int8) knowledge {
	k &^= 3 << (2 * i)
	switch v {
	case 0:
		k |= 1 << (2 * i)
	case 1:
		k |= 2 << (2 * i)
	}
	return k
}

// meet keeps what a and b agree on.
func (k knowledge) meet(o knowledge) knowledge {
	var out knowledge
	for i := range maxAtoms {
		if v := k.get(i); v >= 0 && v == o.get(i) {
			out = out.set(i, v)
		}
	}
	return out
}

// A cond is a branch condition over tracked conditions: an atom, !x, x &&
// y, x || y, or something opaque.
type cond struct {
	op   byte // 'a' atom, '!', '&', '|', '?' opaque
	atom int
	x, y *cond
}

var opaque = &cond{op: '?'}

// eval returns the value of c under k: 1 true, 0 false, -1 unknown.
func (c *cond) eval(k knowledge) int8 {
	switch c.op {
	case 'a':
		return k.get(c.atom)
	case '!':
		if v := c.x.eval(k); v >= 0 {
			return 1 - v
		}
	case '&':
		x, y := c.x.eval(k), c.y.eval(k)
		if x == 0 || y == 0 {
			return 0
		}
		if x == 1 && y == 1 {
			return 1
		}
	case '|':
		x, y := c.x.eval(k), c.y.eval(k)
		if x == 1 || y == 1 {
			return 1
		}
		if x == 0 && y == 0 {
			return 0
		}
	}
	return -1
}

// learn returns k with what c having the value v says.
func (c *cond) learn(v bool, k knowledge) knowledge {
	switch c.op {
	case 'a':
		if v {
			return k.set(c.atom, 1)
		}
		return k.set(c.atom, 0)
	case '!':
		return c.x.learn(!v, k)
	case '&':
		if v {
			return c.y.learn(true, c.x.learn(true, k))
		}
		if c.x.eval(k) == 1 {
			return c.y.learn(false, k)
		}
		if c.y.eval(k) == 1 {
			return c.x.learn(false, k)
		}
	case '|':
		if !v {
			return c.y.learn(false, c.x.learn(false, k))
		}
		if c.x.eval(k) == 0 {
			return c.y.learn(true, k)
		}
		if c.y.eval(k) == 0 {
			return c.x.learn(true, k)
		}
	}
	return k
}

// atomSet is an assignment that changes what is known of a condition: at
// node Index of a block (-1: on entering it, for the variables of a range
// loop), the atom gets the value Val (-1: unknown).
type atomSet struct {
	index int
	atom  int
	val   int8
}

// branches is the branch layer of one function.
type branches struct {
	n       int                      // tracked conditions
	conds   map[*cfg.Block]*cond     // the condition of a two-way branch at the end of the block: Succs[0] when true
	assigns map[*cfg.Block][]atomSet // in node order
	entry   map[*cfg.Block]knowledge // what every path knows at the block's start
	reached map[*cfg.Block]bool      // blocks the must-analysis reached
	vars    map[*types.Var][]int     // the tracked conditions that mention each variable
	boolVar map[*types.Var]int       // the condition that is the boolean variable itself
	// counters are the conditions v < x (or x < v) on a variable v that
	// only grows: once false (true), they stay so when v grows.
	counters []counterAtom
	// live says, for each block, which conditions a path entering it may
	// still test before it assigns them (two bits each, as in knowledge):
	// what a path knows of the others is dropped, so that paths that
	// differ only in it are explored once.
	live map[*cfg.Block]knowledge
}

// growth says that a condition compares the counter v: v < x when below,
// x < v otherwise.
type growth struct {
	v     *types.Var
	below bool
}

type counterAtom struct {
	atom int
	growth
}

// twoWay returns the condition of the if or for statement whose two-way
// branch ends b, or nil.
func twoWay(b *cfg.Block) ast.Expr {
	if len(b.Succs) != 2 || len(b.Nodes) == 0 {
		return nil
	}
	last, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	if !ok {
		return nil
	}
	t := b.Succs[0]
	switch s := t.Stmt.(type) {
	case *ast.IfStmt:
		if t.Kind == cfg.KindIfThen && s.Cond == last {
			return last
		}
	case *ast.ForStmt:
		if t.Kind == cfg.KindForBody && s.Cond == last {
			return last
		}
	}
	return nil
}

func buildBranches(m *Model, f *Func, info *types.Info) *branches {
	if info == nil {
		return nil
	}
	// Fields that no statement of the package assigns are as stable as
	// the variable they are reached from (opts.DisableSharing). The set is
	// the package's, shared by every function, not copied into each.
	stable := stableSet{vars: stableVars(f, info), fields: m.unwrittenFields()}
	if len(stable.vars) == 0 && len(stable.fields) == 0 {
		return nil
	}
	// The conditions, with their leaves as keys.
	type leaf struct {
		key  string
		vars []*types.Var
		bv   *types.Var // the leaf is this boolean variable
		inc  growth     // the leaf compares a counter that only grows
	}
	var order []string
	inLoop := make(map[string]bool)
	leaves := make(map[string]*leaf)
	count := make(map[string]int)
	type pending struct {
		b    *cfg.Block
		expr ast.Expr
	}
	var tests []pending
	for _, b := range f.CFG.Blocks {
		if !b.Live {
			continue
		}
		e := twoWay(b)
		if e == nil {
			continue
		}
		tests = append(tests, pending{b, e})
		for _, l := range condLeaves(e) {
			key, vars, bv := atomKey(info, stable, l)
			if key == "" {
				continue
			}
			key = strings.TrimPrefix(key, "!") // a != b tests the same as a == b
			if leaves[key] == nil {
				leaves[key] = &leaf{key: key, vars: vars, bv: bv, inc: counterTest(info, stable, l)}
				order = append(order, key)
			}
			count[key]++
			if f.blockInLoop(b) && b.Succs[0].Kind == cfg.KindIfThen {
				inLoop[key] = true // an if in a loop: tested again in the next iteration
			}
		}
	}
	if len(order) == 0 {
		return nil
	}
	constAssigned := constBoolAssigns(f, info)
	growing := growingVars(f, info)
	br := &branches{
		conds:   make(map[*cfg.Block]*cond),
		assigns: make(map[*cfg.Block][]atomSet),
		vars:    make(map[*types.Var][]int),
		boolVar: make(map[*types.Var]int),
	}
	index := make(map[string]int)
	// The conditions tested most often first: with more candidates than
	// maxAtoms, they are the ones that correlate the most branches.
	sort.SliceStable(order, func(i, j int) bool { return count[order[i]] > count[order[j]] })
	for _, key := range order {
		l := leaves[key]
		counter := l.inc.v != nil && growing[l.inc.v] && inLoop[key]
		if count[key] < 2 && !(l.bv != nil && constAssigned[l.bv]) && !counter {
			continue
		}
		if br.n == maxAtoms {
			break
		}
		index[key] = br.n
		for _, v := range l.vars {
			br.vars[v] = append(br.vars[v], br.n)
		}
		if l.bv != nil {
			br.boolVar[l.bv] = br.n
		}
		if l.inc.v != nil && growing[l.inc.v] {
			br.counters = append(br.counters, counterAtom{atom: br.n, growth: l.inc})
		}
		br.n++
	}
	if br.n == 0 {
		return nil
	}
	var compile func(e ast.Expr) *cond
	compile = func(e ast.Expr) *cond {
		e = ast.Unparen(e)
		switch x := e.(type) {
		case *ast.UnaryExpr:
			if x.Op == token.NOT {
				return &cond{op: '!', x: compile(x.X)}
			}
		case *ast.BinaryExpr:
			switch x.Op {
			case token.LAND:
				return &cond{op: '&', x: compile(x.X), y: compile(x.Y)}
			case token.LOR:
				return &cond{op: '|', x: compile(x.X), y: compile(x.Y)}
			}
		}
		key, _, _ := atomKey(info, stable, e)
		neg := false
		if strings.HasPrefix(key, "!") {
			key, neg = key[1:], true
		}
		i, ok := index[key]
		if !ok {
			return opaque
		}
		c := &cond{op: 'a', atom: i}
		if neg {
			c = &cond{op: '!', x: c}
		}
		return c
	}
	for _, t := range tests {
		if c := compile(t.expr); c != opaque {
			br.conds[t.b] = c
		}
	}
	// Assignments to the variables of tracked conditions.
	for _, b := range f.CFG.Blocks {
		if !b.Live {
			continue
		}
		if b.Kind == cfg.KindRangeBody {
			// The key and value of a range loop get their values each
			// time the body is entered (the CFG places them before the
			// loop).
			if rs, ok := b.Stmt.(*ast.RangeStmt); ok {
				for _, x := range []ast.Expr{rs.Key, rs.Value} {
					if id, ok := ast.Unparen(x).(*ast.Ident); ok && x != nil {
						if v := identVar(info, id); v != nil {
							br.assigns[b] = append(br.assigns[b], br.forget(-1, v)...)
						}
					}
				}
			}
		}
		for i, n := range b.Nodes {
			if rs := rangeOfKeyOrValue(b, n); rs {
				continue // placed on the body's entry above
			}
			br.assigns[b] = append(br.assigns[b], br.nodeAssigns(info, i, n)...)
		}
	}
	br.liveness(f)
	br.solve(f)
	return br
}

// rangeOfKeyOrValue reports whether n, a node of b, is the key or value of
// the range statement of b's successor loop.
func rangeOfKeyOrValue(b *cfg.Block, n ast.Node) bool {
	for _, s := range b.Succs {
		if rs, ok := s.Stmt.(*ast.RangeStmt); ok && s.Kind == cfg.KindRangeLoop {
			if n == rs.Key || n == rs.Value {
				return true
			}
		}
	}
	return false
}

// counting reports whether v is the counter of a tracked condition.
func (br *branches) counting(v *types.Var) bool {
	for _, c := range br.counters {
		if c.v == v {
			return true
		}
	}
	return false
}

// grow returns the assignments of v++ at node index: the conditions v < x
// that were false stay false (those that were true become unknown), the
// conditions x < v that were true stay true, the other conditions on v
// become unknown.
func (br *branches) grow(index int, v *types.Var) []atomSet {
	var out []atomSet
	for _, a := range br.vars[v] {
		val := int8(-1)
		for _, c := range br.counters {
			if c.atom == a && c.v == v {
				if c.below {
					val = keepFalse
				} else {
					val = keepTrue
				}
			}
		}
		out = append(out, atomSet{index: index, atom: a, val: val})
	}
	return out
}

// keepFalse and keepTrue are atomSet values: the condition keeps its value
// if false (true), and becomes unknown otherwise.
const (
	keepFalse int8 = -2
	keepTrue  int8 = -3
)

// apply applies the assignment a to k.
func (a atomSet) apply(k knowledge) knowledge {
	switch a.val {
	case keepFalse:
		if k.get(a.atom) == 1 {
			return k.set(a.atom, -1)
		}
		return k
	case keepTrue:
		if k.get(a.atom) == 0 {
			return k.set(a.atom, -1)
		}
		return k
	}
	return k.set(a.atom, a.val)
}

// forget returns the assignments that make every condition mentioning v
// unknown at node index.
func (br *branches) forget(index int, v *types.Var) []atomSet {
	var out []atomSet
	for _, a := range br.vars[v] {
		out = append(out, atomSet{index: index, atom: a, val: -1})
	}
	return out
}

// nodeAssigns returns what the CFG node n (at index i) assigns.
func (br *branches) nodeAssigns(info *types.Info, i int, n ast.Node) []atomSet {
	var out []atomSet
	assign := func(id *ast.Ident, rhs ast.Expr, plain bool) {
		v := identVar(info, id)
		if v == nil || len(br.vars[v]) == 0 {
			return
		}
		out = append(out, br.forget(i, v)...)
		a, ok := br.boolVar[v]
		if !ok || !plain {
			return
		}
		if rhs == nil { // var v bool: false
			out = append(out, atomSet{index: i, atom: a, val: 0})
			return
		}
		if tv := info.Types[rhs]; tv.Value != nil && tv.Value.Kind() == constant.Bool {
			val := int8(0)
			if constant.BoolVal(tv.Value) {
				val = 1
			}
			out = append(out, atomSet{index: i, atom: a, val: val})
		}
	}
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			plain := (x.Tok == token.ASSIGN || x.Tok == token.DEFINE) && len(x.Lhs) == len(x.Rhs)
			for k, l := range x.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok {
					var rhs ast.Expr
					if plain {
						rhs = x.Rhs[k]
					}
					if plain && rhs == nil {
						continue
					}
					assign(id, rhs, plain)
				}
			}
			return false // the left-hand sides are done; the right-hand sides define nothing
		case *ast.IncDecStmt:
			if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
				if v := identVar(info, id); v != nil && x.Tok == token.INC && br.counting(v) {
					out = append(out, br.grow(i, v)...)
				} else {
					assign(id, nil, false)
				}
			}
			return false
		case *ast.ValueSpec:
			for k, id := range x.Names {
				var rhs ast.Expr
				if k < len(x.Values) {
					rhs = x.Values[k]
				}
				assign(id, rhs, len(x.Values) == 0 || len(x.Values) == len(x.Names))
			}
			return false
		case *ast.Ident:
			// Any other definition (a type switch's variable).
			if v, ok := info.Defs[x].(*types.Var); ok {
				out = append(out, br.forget(i, v)...)
			}
		}
		return true
	})
	return out
}

// transfer applies to k the assignments of b at the nodes after from, and
// those on entering b when from is -1 (the path enters b).
func (br *branches) transfer(b *cfg.Block, from int, k knowledge) knowledge {
	for _, a := range br.assigns[b] {
		if a.index > from || a.index == -1 && from == -1 {
			k = a.apply(k)
		}
	}
	return k
}

// succs returns the successors of b that a path knowing k at the end of b
// can take, and what it knows on each.
func (br *branches) succs(b *cfg.Block, k knowledge, yield func(s *cfg.Block, k knowledge)) {
	out := func(s *cfg.Block, k knowledge) {
		if br.live != nil {
			k &= br.live[s]
		}
		yield(s, k)
	}
	c := br.conds[b]
	if c == nil {
		for _, s := range b.Succs {
			out(s, k)
		}
		return
	}
	switch c.eval(k) {
	case 1:
		out(b.Succs[0], k)
	case 0:
		out(b.Succs[1], k)
	default:
		out(b.Succs[0], c.learn(true, k))
		out(b.Succs[1], c.learn(false, k))
	}
}

// liveness computes br.live, backwards over the CFG: a condition is live
// at a block's start if the block tests it, or a successor has it live
// and the block does not assign it (a counter's v++ keeps it).
func (br *branches) liveness(f *Func) {
	mask := func(i int) knowledge { return 3 << (2 * i) }
	gen := make(map[*cfg.Block]knowledge)
	kill := make(map[*cfg.Block]knowledge)
	for b, c := range br.conds {
		var walk func(c *cond)
		walk = func(c *cond) {
			switch c.op {
			case 'a':
				gen[b] |= mask(c.atom)
			case '!':
				walk(c.x)
			case '&', '|':
				walk(c.x)
				walk(c.y)
			}
		}
		walk(c)
	}
	for b, as := range br.assigns {
		for _, a := range as {
			if a.val != keepFalse && a.val != keepTrue {
				kill[b] |= mask(a.atom)
			}
		}
	}
	br.live = make(map[*cfg.Block]knowledge)
	for changed := true; changed; {
		changed = false
		for i := len(f.CFG.Blocks) - 1; i >= 0; i-- {
			b := f.CFG.Blocks[i]
			if !b.Live {
				continue
			}
			var out knowledge
			for _, s := range b.Succs {
				out |= br.live[s]
			}
			// The assignments of b come before its test (the last node).
			in := gen[b] | out&^kill[b]
			if in != br.live[b] {
				br.live[b] = in
				changed = true
			}
		}
	}
}

// solve computes what every path knows at the start of each block.
func (br *branches) solve(f *Func) {
	br.entry = make(map[*cfg.Block]knowledge)
	br.reached = make(map[*cfg.Block]bool)
	entry := f.CFG.Blocks[0]
	br.reached[entry] = true
	br.entry[entry] = 0
	work := []*cfg.Block{entry}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		out := br.transfer(b, -1, br.entry[b])
		br.succs(b, out, func(s *cfg.Block, k knowledge) {
			if !s.Live {
				return
			}
			if !br.reached[s] {
				br.reached[s] = true
				br.entry[s] = k
				work = append(work, s)
				return
			}
			if m := br.entry[s].meet(k); m != br.entry[s] {
				br.entry[s] = m
				work = append(work, s)
			}
		})
	}
}

// at returns what every path knows at p: just after its node, or before
// entering its block when its index is -1.
func (br *branches) at(p Point) knowledge {
	k := br.entry[p.Block]
	if p.Index < 0 {
		return k
	}
	for _, a := range br.assigns[p.Block] {
		if a.index > p.Index {
			break
		}
		k = a.apply(k)
	}
	return k
}

// condLeaves returns the operands of the !, && and || of e.
func condLeaves(e ast.Expr) []ast.Expr {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			return condLeaves(x.X)
		}
	case *ast.BinaryExpr:
		if x.Op == token.LAND || x.Op == token.LOR {
			return append(condLeaves(x.X), condLeaves(x.Y)...)
		}
	}
	return []ast.Expr{e}
}

// atomKey returns a key that identifies the value of the condition e (a
// leaf of a branch condition), the variables it reads, and the boolean
// variable it is, when it is one. The key is "" when e reads something
// else than stable variables and constants (a call, a field, an index).
// Comparisons are written in one form: a != b is the negation ("!" prefix)
// of a == b, a > b is b < a, a >= b is the negation of a < b.
func atomKey(info *types.Info, stable stableSet, e ast.Expr) (string, []*types.Var, *types.Var) {
	var vars []*types.Var
	var sb strings.Builder
	ok := true
	var render func(e ast.Expr)
	render = func(e ast.Expr) {
		if !ok {
			return
		}
		e = ast.Unparen(e)
		if tv, has := info.Types[e]; has && tv.Value != nil {
			sb.WriteString("(" + tv.Value.ExactString() + ")")
			return
		}
		switch x := e.(type) {
		case *ast.Ident:
			if x.Name == "nil" {
				if _, isNil := info.Uses[x].(*types.Nil); isNil {
					sb.WriteString("nil")
					return
				}
			}
			v := identVar(info, x)
			if v == nil || !stable.has(v) {
				ok = false
				return
			}
			vars = append(vars, v)
			sb.WriteString("v" + strconv.Itoa(int(v.Pos())))
		case *ast.SelectorExpr:
			sel := info.Selections[x]
			if sel == nil || sel.Kind() != types.FieldVal {
				ok = false
				return
			}
			fld, isVar := sel.Obj().(*types.Var)
			if !isVar || !stable.has(fld) {
				ok = false
				return
			}
			render(x.X)
			sb.WriteString(".f" + strconv.Itoa(int(fld.Pos())))
		case *ast.BinaryExpr:
			switch x.Op {
			case token.LAND, token.LOR:
				ok = false
				return
			}
			sb.WriteString("(")
			render(x.X)
			sb.WriteString(x.Op.String())
			render(x.Y)
			sb.WriteString(")")
		case *ast.UnaryExpr:
			switch x.Op {
			case token.SUB, token.XOR, token.ADD, token.NOT:
				sb.WriteString(x.Op.String())
				render(x.X)
			default:
				ok = false
			}
		default:
			ok = false
		}
	}
	e = ast.Unparen(e)
	neg := false
	var bv *types.Var
	if b, isBin := e.(*ast.BinaryExpr); isBin {
		l, r := b.X, b.Y
		op := b.Op
		switch op {
		case token.NEQ:
			op, neg = token.EQL, true
		case token.GTR:
			op, l, r = token.LSS, r, l
		case token.GEQ:
			op, neg = token.LSS, true
		case token.LEQ:
			op, l, r, neg = token.LSS, r, l, true
		}
		if op == token.EQL || op == token.LSS {
			sb.WriteString("(")
			render(l)
			sb.WriteString(op.String())
			render(r)
			sb.WriteString(")")
		} else {
			render(e)
		}
	} else {
		if id, isID := e.(*ast.Ident); isID {
			if v := identVar(info, id); v != nil && isBool(v.Type()) {
				bv = v
			}
		}
		render(e)
	}
	if !ok || len(vars) == 0 {
		return "", nil, nil
	}
	key := sb.String()
	if neg {
		key = "!" + key
	}
	return key, vars, bv
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

func identVar(info *types.Info, id *ast.Ident) *types.Var {
	obj := info.Uses[id]
	if obj == nil {
		obj = info.Defs[id]
	}
	v, _ := obj.(*types.Var)
	return v
}

// A stableSet holds the variables of a function that keep their value
// (stableVars) and the fields of the package that no statement assigns.
type stableSet struct {
	vars, fields map[*types.Var]bool
}

func (s stableSet) has(v *types.Var) bool { return s.vars[v] || s.fields[v] }

// stableVars returns the variables declared in f (parameters and locals,
// not those of the literals inside it) that only f's own statements can
// change: their address is never taken, and no function literal assigns
// them.
func stableVars(f *Func, info *types.Info) map[*types.Var]bool {
	out := make(map[*types.Var]bool)
	bad := make(map[*types.Var]bool)
	node := f.Node()
	var lits int
	declared := func(id *ast.Ident) {
		if v, ok := info.Defs[id].(*types.Var); ok && f.Declares(v) && !v.IsField() {
			out[v] = true
		}
	}
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			lits++
			ast.Inspect(x.Body, visit)
			lits--
			return false
		// The variables f declares: only these statements declare one
		// in a body (a type switch's symbol has no object of its own).
		// Looking every identifier up in Defs made this function 1.8
		// times slower on nats-server's server package with its tests.
		case *ast.ValueSpec:
			if lits == 0 {
				for _, id := range x.Names {
					declared(id)
				}
			}
		case *ast.RangeStmt:
			if lits == 0 && x.Tok == token.DEFINE {
				for _, e := range []ast.Expr{x.Key, x.Value} {
					if id, ok := e.(*ast.Ident); ok {
						declared(id)
					}
				}
			}
		case *ast.UnaryExpr:
			if x.Op == token.AND {
				if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
					if v := identVar(info, id); v != nil {
						bad[v] = true
					}
				}
			}
		case *ast.AssignStmt:
			if lits == 0 && x.Tok == token.DEFINE {
				for _, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						declared(id)
					}
				}
			}
			if lits > 0 {
				for _, l := range x.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); ok {
						if v := identVar(info, id); v != nil {
							bad[v] = true
						}
					}
				}
			}
		case *ast.IncDecStmt:
			if lits > 0 {
				if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
					if v := identVar(info, id); v != nil {
						bad[v] = true
					}
				}
			}
		case *ast.SelectorExpr:
			// x.M() with a pointer receiver on an addressable x takes
			// its address.
			if sel := info.Selections[x]; sel != nil && sel.Kind() == types.MethodVal {
				if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
					if v := identVar(info, id); v != nil && !isPointer(v.Type()) {
						if sig, ok := sel.Obj().Type().(*types.Signature); ok && sig.Recv() != nil && isPointer(sig.Recv().Type()) {
							bad[v] = true
						}
					}
				}
			}
		}
		return true
	}
	// Parameters and results.
	var ft *ast.FuncType
	var recv *ast.FieldList
	switch n := node.(type) {
	case *ast.FuncDecl:
		ft, recv = n.Type, n.Recv
	case *ast.FuncLit:
		ft = n.Type
	}
	for _, fl := range []*ast.FieldList{recv, ft.Params, ft.Results} {
		if fl == nil {
			continue
		}
		for _, fld := range fl.List {
			for _, id := range fld.Names {
				if v, ok := info.Defs[id].(*types.Var); ok {
					out[v] = true
				}
			}
		}
	}
	ast.Inspect(f.Body, visit)
	for v := range bad {
		delete(out, v)
	}
	return out
}

// constBoolAssigns returns the boolean variables that f assigns a
// constant to.
func constBoolAssigns(f *Func, info *types.Info) map[*types.Var]bool {
	out := make(map[*types.Var]bool)
	f.InspectBody([]ast.Node{(*ast.FuncLit)(nil), (*ast.AssignStmt)(nil)}, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if len(x.Lhs) != len(x.Rhs) {
				return true
			}
			for k, l := range x.Lhs {
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok {
					continue
				}
				if v := identVar(info, id); v != nil && isBool(v.Type()) {
					if tv := info.Types[x.Rhs[k]]; tv.Value != nil && tv.Value.Kind() == constant.Bool {
						out[v] = true
					}
				}
			}
		}
		return true
	})
	return out
}

// counterTest returns the counter that the condition e (a leaf of a
// branch) compares: v in v < x, v <= x, x > v, x >= v (below), or in
// x < v, v > x and the like (not below), when x does not read v.
func counterTest(info *types.Info, stable stableSet, e ast.Expr) growth {
	b, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok {
		return growth{}
	}
	l, r := ast.Unparen(b.X), ast.Unparen(b.Y)
	var below bool
	switch b.Op {
	case token.LSS, token.LEQ:
		below = true
	case token.GTR, token.GEQ:
		below = false
	default:
		return growth{}
	}
	side := func(x, other ast.Expr) *types.Var {
		id, ok := x.(*ast.Ident)
		if !ok {
			return nil
		}
		v := identVar(info, id)
		if v == nil || !stable.has(v) || mentionsVar(info, other, v) {
			return nil
		}
		return v
	}
	if v := side(l, r); v != nil {
		return growth{v: v, below: below}
	}
	if v := side(r, l); v != nil {
		return growth{v: v, below: !below}
	}
	return growth{}
}

func mentionsVar(info *types.Info, e ast.Expr, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && identVar(info, id) == v {
			found = true
		}
		return !found
	})
	return found
}

// growingVars returns the integer variables of f that only grow: after
// their definition, f only increments them (v++).
func growingVars(f *Func, info *types.Info) map[*types.Var]bool {
	out := make(map[*types.Var]bool)
	bad := make(map[*types.Var]bool)
	f.InspectBody([]ast.Node{(*ast.IncDecStmt)(nil), (*ast.AssignStmt)(nil)}, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.IncDecStmt:
			if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
				if v := identVar(info, id); v != nil {
					if x.Tok == token.INC {
						out[v] = true
					} else {
						bad[v] = true
					}
				}
			}
		case *ast.AssignStmt:
			for _, l := range x.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok {
					if v := identVar(info, id); v != nil && (x.Tok != token.DEFINE || info.Defs[id] == nil) {
						bad[v] = true // assigned after its definition
					}
				}
			}
		}
		return true
	})
	for v := range bad {
		delete(out, v)
	}
	return out
}

// blockInLoop reports whether a path leaving b can come back to it.
func (f *Func) blockInLoop(b *cfg.Block) bool {
	f.loopOnce.Do(f.findLoops)
	return f.inLoop[b.Index]
}

// unwrittenFields returns the struct fields of the package's types that
// no statement of the package assigns (x.f = v, x.f++, &x.f): only
// composite literals give them values. Computed once.
func (m *Model) unwrittenFields() map[*types.Var]bool {
	m.fieldsWrittenOnce.Do(func() {
		info := m.Pass.TypesInfo
		written := make(map[*types.Var]bool)
		mark := func(e ast.Expr) {
			if se, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
				if sel := info.Selections[se]; sel != nil && sel.Kind() == types.FieldVal {
					if v, ok := sel.Obj().(*types.Var); ok {
						written[v] = true
					}
				}
			}
		}
		m.ins.Preorder([]ast.Node{(*ast.AssignStmt)(nil), (*ast.IncDecStmt)(nil), (*ast.RangeStmt)(nil), (*ast.UnaryExpr)(nil)}, func(n ast.Node) {
			switch x := n.(type) {
			case *ast.AssignStmt:
				for _, l := range x.Lhs {
					mark(l)
				}
			case *ast.IncDecStmt:
				mark(x.X)
			case *ast.UnaryExpr:
				if x.Op == token.AND {
					mark(x.X)
				}
			case *ast.RangeStmt:
				mark(x.Key)
				mark(x.Value)
			}
		})
		m.unwritten = make(map[*types.Var]bool)
		scope := m.Pass.Pkg.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok {
				continue
			}
			st, ok := tn.Type().Underlying().(*types.Struct)
			if !ok {
				continue
			}
			for i := range st.NumFields() {
				if fld := st.Field(i); !written[fld] {
					m.unwritten[fld] = true
				}
			}
		}
	})
	return m.unwritten
}
