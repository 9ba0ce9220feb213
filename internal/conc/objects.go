package conc

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"sync"
)

// This file is the object layer of the model: the abstract location of a
// synchronization object, which names it independently of the function
// that reaches it. A Ref (ref.go) says how one function reaches an object
// (s.mu, r.store.mu); its Class says which object that is for every
// function: the field of a named struct type (normalised through embedded
// fields and pointers: s.stats.mu and st.mu are both "pkg.Stats.mu" when
// s.stats is a *Stats), or a package-level variable.

// Class returns the abstract location of the object at r: "pkg.T.f" for
// a field f declared by the named struct type T of package pkg (the last
// named struct on r's path), "pkg.v" for a package-level variable v (and
// "pkg.v.f.g" for fields of an unnamed struct in it), or "" for an object
// that lives in a local variable of a function.
func Class(r Ref) string {
	if r.Root == nil {
		return ""
	}
	return classOf(r.Root, r.Root.Type(), r.Path)
}

// Class is Class(r), computed once per type and path for the package:
// the checks ask for the class of every event's object, and the same few
// types and paths recur in every function (s.mu for each s *Server).
func (m *Model) Class(r Ref) string {
	if r.Root == nil || r.Path == "" && !isGlobal(r.Root) {
		return "" // a local variable, as Class says, without the memo's lock
	}
	return m.classes.get(classKeyOf(r), func() string { return Class(r) })
}

// A classKey is what the class of a reference depends on: for a local
// variable or a parameter, its type (through a pointer: all *T are one
// key) and the path; for a package-level variable, the variable and the
// path.
type classKey struct {
	global *types.Var
	t      types.Type
	ptr    bool // t is the element of the variable's pointer type
	path   string
}

func classKeyOf(r Ref) classKey {
	if isGlobal(r.Root) {
		return classKey{global: r.Root, path: r.Path}
	}
	t := r.Root.Type()
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return classKey{t: p.Elem(), ptr: true, path: r.Path}
	}
	return classKey{t: t, path: r.Path}
}

// classOf is Class for an object reached from root (of type t) through
// path. It is asked for every reference the checks meet (a million on a
// giant package): the name of the owning type is turned into a string
// once, at the end, and the path after it is built in a buffer.
func classOf(root *types.Var, t types.Type, path string) string {
	var global *types.Var
	if root != nil && isGlobal(root) {
		global = root
	}
	if path == "" {
		if global == nil {
			return ""
		}
		return global.Pkg().Path() + "." + global.Name()
	}
	owner := namedStructObj(t) // the last named struct type on the path, or nil
	var buf [64]byte
	rest := buf[:0]
	fields := strings.Count(path, ".") - boolInt(strings.HasPrefix(path, ".")) + 1
	i := -1
	for f := range strings.SplitSeq(strings.TrimPrefix(path, "."), ".") {
		i++
		// A map element, by key: "locks[k]" (or "[k]" for the root),
		// has the class of the map's elements, "locks[]".
		indexed := false
		if k := strings.IndexByte(f, '['); k >= 0 {
			f, indexed = f[:k], true
		}
		var ft types.Type
		if f == "" && indexed && i == 0 {
			ft = t
		} else {
			st, ok := deref(t).Underlying().(*types.Struct)
			if !ok {
				return ""
			}
			for j := range st.NumFields() {
				if st.Field(j).Name() == f {
					ft = st.Field(j).Type()
				}
			}
		}
		if ft == nil {
			return ""
		}
		if indexed {
			mt, ok := ft.Underlying().(*types.Map)
			if !ok {
				return ""
			}
			ft = mt.Elem()
			if f != "" {
				rest = append(append(rest, '.'), f...)
			}
			rest = append(rest, "[]"...)
		} else {
			rest = append(append(rest, '.'), f...)
		}
		if n := namedStructObj(ft); n != nil && i < fields-1 {
			owner, rest = n, rest[:0] // the object lives in this named type
		}
		t = ft
	}
	var b strings.Builder
	switch {
	case owner != nil && owner.Pkg() == nil:
		b.Grow(len(owner.Name()) + len(rest))
		b.WriteString(owner.Name())
	case owner != nil:
		b.Grow(len(owner.Pkg().Path()) + 1 + len(owner.Name()) + len(rest))
		b.WriteString(owner.Pkg().Path())
		b.WriteByte('.')
		b.WriteString(owner.Name())
	case global != nil:
		b.Grow(len(global.Pkg().Path()) + 1 + len(global.Name()) + len(rest))
		b.WriteString(global.Pkg().Path())
		b.WriteByte('.')
		b.WriteString(global.Name())
	default:
		return ""
	}
	b.Write(rest)
	return b.String()
}

// namedStruct returns "pkg.T" for a named struct type T (through a
// pointer), or "".
func namedStruct(t types.Type) string {
	obj := namedStructObj(t)
	switch {
	case obj == nil:
		return ""
	case obj.Pkg() == nil:
		return obj.Name()
	}
	return obj.Pkg().Path() + "." + obj.Name()
}

// namedStructObj returns the name of the named struct type t (through a
// pointer), or nil.
func namedStructObj(t types.Type) *types.TypeName {
	n, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok {
		return nil
	}
	if _, ok := n.Underlying().(*types.Struct); !ok {
		return nil
	}
	return n.Obj()
}

// ClassLabel renders the class of the object at r for messages: the type
// name and field ("Server.mu", without the package), or the package
// variable with its package path ("example.com/p.configMu").
func ClassLabel(r Ref) string {
	c := Class(r)
	if c == "" {
		return ""
	}
	if isGlobal(r.Root) && strings.HasPrefix(c, r.Root.Pkg().Path()+"."+r.Root.Name()) {
		return c // a package variable (and fields of an unnamed struct in it)
	}
	// pkg/path.Type.f.g: drop the package path and name.
	rest := c
	if k := strings.LastIndex(rest, "/"); k >= 0 {
		rest = rest[k+1:]
	}
	if k := strings.Index(rest, "."); k >= 0 {
		return rest[k+1:]
	}
	return rest
}

// EffectClass returns the class of the object that the effect pe of fn
// acts on.
func EffectClass(fn *types.Func, pe ParamEffect) string { return effectClass(fn, pe) }

// effectClass returns the class of the object that the effect pe of fn
// acts on.
func effectClass(fn *types.Func, pe ParamEffect) string {
	if pe.Global != "" {
		if fn.Pkg() == nil {
			return ""
		}
		v, ok := fn.Pkg().Scope().Lookup(pe.Global).(*types.Var)
		if !ok {
			return ""
		}
		return classOf(v, v.Type(), pe.Path)
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return ""
	}
	var t types.Type
	switch {
	case pe.Param == -1 && sig.Recv() != nil:
		t = sig.Recv().Type()
	case pe.Param >= 0 && pe.Param < sig.Params().Len():
		t = sig.Params().At(pe.Param).Type()
	default:
		return ""
	}
	return classOf(nil, t, pe.Path)
}

// The package-wide index of the operations on each object (by class):
// which functions send, receive, close, lock, add, wait, signal, call.
// A check that reasons about "every party" of an object asks it; the
// answer means something only for objects no other package can reach
// (Visible).

// OpKind is what an operation does to an object.
type OpKind uint8

const (
	OpSend   OpKind = iota + 1 // ch <- v (also in a select)
	OpRecv                     // <-ch (also in a select)
	OpRange                    // for range ch
	OpClose                    // close(ch)
	OpLock                     // Lock, RLock, TryLock
	OpUnlock                   // Unlock, RUnlock
	OpAdd                      // WaitGroup.Add
	OpDone                     // WaitGroup.Done
	OpWait                     // WaitGroup.Wait, Cond.Wait
	OpSignal                   // Cond.Signal, Cond.Broadcast
	OpCall                     // a call of a func-typed field (a stored cancel func)
	OpMake                     // the object is given a value: make(chan T, n), a func
	OpEscape                   // a use the model does not follow: passed on, stored elsewhere, returned
)

var opNames = [...]string{"", "send", "recv", "range", "close", "lock", "unlock", "add", "done", "wait", "signal", "call", "make", "escape"}

func (k OpKind) String() string { return opNames[k] }

// An Op is one operation of the package on an object.
type Op struct {
	Kind OpKind
	Func *Func
	Node ast.Node // the operation (the send statement, the call, the selector that escapes)
	Ref  Ref      // how Func names the object
	// Select reports a send or receive that is a case of a select;
	// NonBlocking one of a select with default.
	Select, NonBlocking bool
	Read                bool     // OpLock, OpUnlock: the read lock
	Value               ast.Expr // OpMake: the value given (the make call, the func)
	Class               string   // the object's class
	Expr                ast.Expr // the expression that names the object (s.ch), when there is one
}

// Objects is the index of the package's operations by object class.
type Objects struct {
	ops map[string][]*Op
	// converted holds the struct types ("path.T") that a conversion of
	// the package turns into, or makes from, another named type (type
	// handlerMap Transport; (*handlerMap)(t)): the fields of one are
	// then used under the other's names too.
	converted map[string]bool
	makesOnce sync.Once
	makes     map[ast.Node]*Op // the makes by node (makeAt)
}

// Ops returns the operations on the objects of class, in source order.
func (x *Objects) Ops(class string) []*Op { return x.ops[class] }

// Escapes reports whether some use of an object of class is not
// followed.
func (x *Objects) Escapes(class string) bool {
	for _, op := range x.ops[class] {
		if op.Kind == OpEscape {
			return true
		}
	}
	return false
}

// Objects returns the package's index of operations, built once.
func (m *Model) Objects() *Objects {
	m.objectsOnce.Do(func() { m.objects = m.indexObjects() })
	return m.objects
}

// Visible reports whether every operation on an object of class is in
// this package: an unexported field of a type declared here (or of an
// unexported type), or an unexported package variable of this package,
// and no use of it escapes.
func (m *Model) Visible(class string) bool {
	if class == "" || m.Objects().Escapes(class) {
		return false
	}
	if i := strings.LastIndex(class, "."); i > 0 && m.Objects().converted[class[:i]] {
		return false
	}
	return m.declaredHidden(class)
}

// declaredHidden reports whether class is an unexported field (or
// variable) of this package that other packages cannot name.
func (m *Model) declaredHidden(class string) bool {
	path := m.Pass.Pkg.Path()
	if !strings.HasPrefix(class, path+".") {
		return false
	}
	rest := strings.Split(strings.TrimPrefix(class, path+"."), ".")
	if len(rest) == 1 {
		return !ast.IsExported(rest[0]) // a package variable
	}
	last := rest[len(rest)-1]
	return !ast.IsExported(last) || !ast.IsExported(rest[0])
}

// indexObjects walks every function of the package. It reads only the
// syntax and the types.
func (m *Model) indexObjects() *Objects {
	x := &Objects{ops: make(map[string][]*Op), converted: make(map[string]bool)}
	info := m.Pass.TypesInfo
	m.ins.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return
		}
		if tv, ok := info.Types[call.Fun]; !ok || !tv.IsType() {
			return
		}
		to, from := namedStructKey(info.TypeOf(call.Fun)), namedStructKey(info.TypeOf(call.Args[0]))
		if to != "" && from != "" && to != from {
			x.converted[to], x.converted[from] = true, true
		}
	})
	for _, f := range m.Funcs {
		add := func(op *Op) {
			c := op.Class
			if c == "" {
				c = Class(op.Ref)
			}
			if c == "" {
				return
			}
			op.Class = c
			op.Func = f
			x.ops[c] = append(x.ops[c], op)
		}
		var stack []ast.Node
		ast.Inspect(f.Body, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return false
			}
			if _, ok := n.(*ast.FuncLit); ok && n != ast.Node(f.Body) {
				return false // a Func of its own
			}
			stack = append(stack, n)
			if cl, ok := n.(*ast.CompositeLit); ok {
				m.literalOps(cl, add)
				return true
			}
			se, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			sel := info.Selections[se]
			if sel == nil || sel.Kind() != types.FieldVal {
				return true
			}
			// The object is named by a variable path (s.ch) or, when its
			// base is an expression (x.(*T).ch, f().ch), by its field's
			// class alone.
			r, ok := RefOf(info, se)
			if !ok {
				r = Ref{}
			}
			t := info.TypeOf(se)
			class := Class(r)
			if !ok || class == "" {
				class = fieldClass(sel)
			}
			if class == "" {
				return true
			}
			add := func(op *Op) {
				if op.Class == "" {
					op.Class = class
				}
				op.Expr = se
				add(op)
			}
			switch {
			case IsChan(t):
				m.chanFieldOp(f, se, r, stack, add)
				return false
			case IsMutex(t) || IsWaitGroup(t) || IsNamed(t, "sync", "Cond") || isPointer(t) && IsNamed(deref(t), "sync", "Cond"):
				m.syncFieldOp(f, se, r, stack, add)
				return false
			}
			if _, isFunc := t.Underlying().(*types.Signature); isFunc {
				m.funcFieldOp(f, se, r, stack, add)
				return false
			}
			return true
		})
	}
	return x
}

// parentOf returns the node above the top of stack (skipping parens) and
// the one above it.
func parentOf(stack []ast.Node) (parent, grand ast.Node) {
	i := len(stack) - 2
	for i >= 0 {
		if _, ok := stack[i].(*ast.ParenExpr); !ok {
			break
		}
		i--
	}
	if i >= 0 {
		parent = stack[i]
	}
	if i >= 1 {
		grand = stack[i-1]
	}
	return parent, grand
}

// chanFieldOp classifies a use of a channel field.
func (m *Model) chanFieldOp(f *Func, se *ast.SelectorExpr, r Ref, stack []ast.Node, add func(*Op)) {
	info := m.Pass.TypesInfo
	parent, grand := parentOf(stack)
	inSelect := func(stmt ast.Node) (bool, bool) {
		for i := len(stack) - 1; i >= 1; i-- {
			if cc, ok := stack[i].(*ast.CommClause); ok && cc.Comm == stmt {
				if sel, ok := stack[i-2].(*ast.SelectStmt); ok {
					return true, hasDefault(sel)
				}
			}
		}
		return false, false
	}
	switch p := parent.(type) {
	case *ast.SendStmt:
		if ast.Unparen(p.Chan) == ast.Expr(se) {
			s, nb := inSelect(p)
			add(&Op{Kind: OpSend, Node: p, Ref: r, Select: s, NonBlocking: nb})
			return
		}
	case *ast.UnaryExpr:
		if p.Op == token.ARROW {
			// The statement holding the receive, for select cases.
			var stmt ast.Node
			switch g := grand.(type) {
			case *ast.ExprStmt:
				stmt = g
			case *ast.AssignStmt:
				stmt = g
			}
			s, nb := false, false
			if stmt != nil {
				s, nb = inSelect(stmt)
			}
			add(&Op{Kind: OpRecv, Node: p, Ref: r, Select: s, NonBlocking: nb})
			return
		}
	case *ast.RangeStmt:
		if ast.Unparen(p.X) == ast.Expr(se) {
			add(&Op{Kind: OpRange, Node: p, Ref: r})
			return
		}
	case *ast.CallExpr:
		if id, ok := ast.Unparen(p.Fun).(*ast.Ident); ok {
			if bi, ok := info.Uses[id].(*types.Builtin); ok {
				switch bi.Name() {
				case "close":
					add(&Op{Kind: OpClose, Node: p, Ref: r})
					return
				case "len", "cap":
					return
				}
			}
		}
	case *ast.BinaryExpr:
		return // ch == nil
	case *ast.AssignStmt:
		for k, l := range p.Lhs {
			if ast.Unparen(l) == ast.Expr(se) && len(p.Lhs) == len(p.Rhs) {
				add(&Op{Kind: OpMake, Node: p, Ref: r, Value: p.Rhs[k]})
				if !isMakeOrNil(info, p.Rhs[k]) {
					add(&Op{Kind: OpEscape, Node: p, Ref: r}) // another channel's ops are not followed
				}
				return
			}
		}
	case *ast.KeyValueExpr:
		if p.Value == ast.Expr(se) {
			break // stored in a literal: escapes
		}
	}
	add(&Op{Kind: OpEscape, Node: se, Ref: r})
}

// isMakeOrNil reports whether e is make(...) or nil.
func isMakeOrNil(info *types.Info, e ast.Expr) bool {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		_, isNil := info.Uses[id].(*types.Nil)
		return isNil
	}
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	bi, ok := info.Uses[id].(*types.Builtin)
	return ok && bi.Name() == "make"
}

// syncFieldOp classifies a use of a mutex, WaitGroup or Cond field.
func (m *Model) syncFieldOp(f *Func, se *ast.SelectorExpr, r Ref, stack []ast.Node, add func(*Op)) {
	parent, grand := parentOf(stack)
	if ps, ok := parent.(*ast.SelectorExpr); ok && ast.Unparen(ps.X) == ast.Expr(se) {
		if call, ok := grand.(*ast.CallExpr); ok && ast.Unparen(call.Fun) == ast.Expr(ps) {
			fn := m.Callee(call)
			switch {
			case isMutexMethod(fn, "Lock", "RLock", "TryLock", "TryRLock"):
				add(&Op{Kind: OpLock, Node: call, Ref: r, Read: strings.Contains(fn.Name(), "R")})
				return
			case isMutexMethod(fn, "Unlock", "RUnlock"):
				add(&Op{Kind: OpUnlock, Node: call, Ref: r, Read: fn.Name() == "RUnlock"})
				return
			case IsMethod(fn, "sync", "WaitGroup", "Add"):
				add(&Op{Kind: OpAdd, Node: call, Ref: r})
				return
			case IsMethod(fn, "sync", "WaitGroup", "Done"):
				add(&Op{Kind: OpDone, Node: call, Ref: r})
				return
			case IsMethod(fn, "sync", "WaitGroup", "Wait"), IsMethod(fn, "sync", "Cond", "Wait"):
				add(&Op{Kind: OpWait, Node: call, Ref: r})
				return
			case IsMethod(fn, "sync", "Cond", "Signal", "Broadcast"):
				add(&Op{Kind: OpSignal, Node: call, Ref: r})
				return
			case IsMethod(fn, "sync", "WaitGroup", "Go"):
				add(&Op{Kind: OpAdd, Node: call, Ref: r})
				add(&Op{Kind: OpDone, Node: call, Ref: r})
				return
			}
		}
	}
	if as, ok := parent.(*ast.AssignStmt); ok {
		for k, l := range as.Lhs {
			if ast.Unparen(l) == ast.Expr(se) && len(as.Lhs) == len(as.Rhs) {
				add(&Op{Kind: OpMake, Node: as, Ref: r, Value: as.Rhs[k]})
				return
			}
		}
	}
	add(&Op{Kind: OpEscape, Node: se, Ref: r})
}

// funcFieldOp classifies a use of a func-typed field: a call, a value
// stored in it, or something else.
func (m *Model) funcFieldOp(f *Func, se *ast.SelectorExpr, r Ref, stack []ast.Node, add func(*Op)) {
	parent, _ := parentOf(stack)
	switch p := parent.(type) {
	case *ast.CallExpr:
		if ast.Unparen(p.Fun) == ast.Expr(se) {
			add(&Op{Kind: OpCall, Node: p, Ref: r})
			return
		}
	case *ast.AssignStmt:
		for k, l := range p.Lhs {
			if ast.Unparen(l) == ast.Expr(se) && len(p.Lhs) == len(p.Rhs) {
				add(&Op{Kind: OpMake, Node: p, Ref: r, Value: p.Rhs[k]})
				return
			}
		}
		// s.ctx, s.cancel = context.WithCancel(parent): the cancel func
		// of a new context.
		if len(p.Lhs) == 2 && len(p.Rhs) == 1 && ast.Unparen(p.Lhs[1]) == ast.Expr(se) {
			if call, ok := ast.Unparen(p.Rhs[0]).(*ast.CallExpr); ok && IsFunc(m.Callee(call), "context", "WithCancel", "WithCancelCause", "WithTimeout", "WithDeadline") {
				add(&Op{Kind: OpMake, Node: p, Ref: r, Value: call})
				return
			}
		}
	case *ast.BinaryExpr:
		return // f == nil
	}
	add(&Op{Kind: OpEscape, Node: se, Ref: r})
}

// literalOps records the values a composite literal of a struct type
// gives to its channel, func and sync fields: T{ch: make(chan int)} makes
// the channel; T{ch: other} hands it another channel (an escape).
func (m *Model) addClassOp(class string, op *Op, add func(*Op)) {
	op.Class = class
	add(op)
}

func (m *Model) literalOps(cl *ast.CompositeLit, add func(*Op)) {
	info := m.Pass.TypesInfo
	t := info.TypeOf(cl)
	if t == nil {
		return
	}
	st, ok := deref(t).Underlying().(*types.Struct)
	if !ok {
		return
	}
	owner := namedStruct(t)
	if owner == "" {
		return
	}
	for i, el := range cl.Elts {
		var fld *types.Var
		var val ast.Expr
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			id, ok := kv.Key.(*ast.Ident)
			if !ok {
				continue
			}
			fld, _ = info.Uses[id].(*types.Var)
			val = kv.Value
		} else if i < st.NumFields() {
			fld, val = st.Field(i), el
		}
		if fld == nil {
			continue
		}
		ft := fld.Type()
		_, isFunc := ft.Underlying().(*types.Signature)
		if !IsChan(ft) && !isFunc {
			continue
		}
		// The literal's object has no variable yet: a Ref with no root
		// but the class is all the index keeps.
		op := &Op{Kind: OpMake, Node: el, Value: val}
		c := owner + "." + fld.Name()
		m.addClassOp(c, op, add)
		if IsChan(ft) && !isMakeOrNil(info, val) {
			m.addClassOp(c, &Op{Kind: OpEscape, Node: el}, add)
		}
	}
}

// fieldClass returns the class of the field a selection selects: the
// named struct type that declares it (through embedded fields), and its
// name.
func fieldClass(sel *types.Selection) string {
	t := sel.Recv()
	idx := sel.Index()
	for _, i := range idx[:len(idx)-1] {
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok {
			return ""
		}
		t = st.Field(i).Type()
	}
	owner := namedStruct(t)
	if owner == "" {
		return ""
	}
	return owner + "." + sel.Obj().Name()
}

// namedStructKey returns "path.T" for a named struct type T or *T, or "".
func namedStructKey(t types.Type) string {
	if t == nil {
		return ""
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	if _, ok := n.Underlying().(*types.Struct); !ok {
		return ""
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name()
}

// OrdersOwnAccesses reports whether fn is a method of the package on a struct
// type that synchronizes its own state (a mutex, channel or sync/atomic
// field) and that itself communicates: it sends, receives, closes or
// waits. Such a method orders its accesses by means (a close after the
// write that a receive then sees, a select on the type's own channels)
// that the summary of a call does not carry: what a call of it accesses is
// no evidence of a race between its caller and another goroutine. The per-class reasoning (Memory.FieldRaces) judges
// those types' accesses by their locks.
func (m *Model) OrdersOwnAccesses(fn *types.Func) bool {
	if !selfSynchronized(fn) {
		return false
	}
	f := m.funcDecl(fn)
	if f == nil {
		return false
	}
	m.ensureEvents(f)
	for _, e := range f.Events {
		switch e.Kind {
		case Recv, Send, RangeChan, Wait, Join, Close, TryRecv, TrySend:
			// Not locks: what a callee holds at each access is in its
			// summary (Access.Locks).
			return true
		}
	}
	return false
}

// selfSynchronized reports whether fn is a method of a struct type with a
// mutex, a channel or a sync/atomic field.
func selfSynchronized(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	st, ok := deref(sig.Recv().Type()).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		t := st.Field(i).Type()
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		if _, ok := t.Underlying().(*types.Chan); ok || IsMutex(t) {
			return true
		}
		if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync/atomic" {
			return true
		}
	}
	return false
}
