package conc

import (
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// This file models the printing functions of fmt and log as calls of the
// methods they call on their operands: fmt.Sprintf("%v", s) calls s.Error()
// or s.String() when s's type has the method, and what that method does
// to s's mutexes happens at the call (a String method that read-locks s.mu,
// called while s.mu is held, blocks forever).

// printFunc describes a printing function: the index of its format
// argument (-1 for Print-like functions, which format every operand with
// %v), and the index of its first operand.
type printFunc struct {
	format, first int
}

// printFuncOf returns how fn prints, or false when it is not a printing
// function of fmt or log.
func printFuncOf(fn *types.Func) (printFunc, bool) {
	switch {
	case IsFunc(fn, "fmt", "Print", "Println", "Sprint", "Sprintln"),
		IsFunc(fn, "log", "Print", "Println", "Fatal", "Fatalln", "Panic", "Panicln"),
		IsMethod(fn, "log", "Logger", "Print", "Println", "Fatal", "Fatalln", "Panic", "Panicln"):
		return printFunc{format: -1, first: 0}, true
	case IsFunc(fn, "fmt", "Fprint", "Fprintln", "Append", "Appendln"):
		return printFunc{format: -1, first: 1}, true
	case IsFunc(fn, "fmt", "Printf", "Sprintf", "Errorf"),
		IsFunc(fn, "log", "Printf", "Fatalf", "Panicf"),
		IsMethod(fn, "log", "Logger", "Printf", "Fatalf", "Panicf"):
		return printFunc{format: 0, first: 1}, true
	case IsFunc(fn, "fmt", "Fprintf", "Appendf"):
		return printFunc{format: 1, first: 2}, true
	}
	return printFunc{}, false
}

// printedOperands returns the operands of the printing call that are
// formatted with a verb that calls their Error or String method (%v, %s,
// %q, %x, %X, and %w of Errorf, without the # flag), or nil when the
// format is not a constant the model can read (explicit argument indexes,
// a variable format).
func printedOperands(info *types.Info, call *ast.CallExpr, pf printFunc) []ast.Expr {
	if call.Ellipsis.IsValid() || len(call.Args) < pf.first {
		return nil // args... : the operands are not known one by one
	}
	ops := call.Args[pf.first:]
	if pf.format < 0 {
		return ops
	}
	tv, ok := info.Types[call.Args[pf.format]]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil
	}
	format := constant.StringVal(tv.Value)
	var out []ast.Expr
	arg := 0
	next := func() ast.Expr {
		if arg >= len(ops) {
			return nil
		}
		arg++
		return ops[arg-1]
	}
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		sharp := false
	flags:
		for ; i < len(format); i++ {
			switch format[i] {
			case '#':
				sharp = true
			case '+', '-', ' ', '0':
			default:
				break flags
			}
		}
		// Width and precision: digits, or * taking an operand.
		for ; i < len(format); i++ {
			c := format[i]
			if c == '*' {
				next()
			} else if c == '[' {
				return nil // explicit argument index
			} else if !(c >= '0' && c <= '9' || c == '.') {
				break
			}
		}
		if i >= len(format) {
			break
		}
		switch format[i] {
		case '%':
			continue
		case 'v', 's', 'q', 'x', 'X', 'w':
			if op := next(); op != nil && !sharp {
				out = append(out, op)
			}
		default:
			next()
		}
	}
	return out
}

// printedMethod returns the method a printing function calls on an
// operand of type t: Error when t is an error, else String when t is a
// fmt.Stringer; nil when t is an interface (the method depends on the
// dynamic type), implements fmt.Formatter (Format runs instead), has
// neither method, or has it through an embedded field. The method sets
// come from cache (a giant package prints the same few types at
// thousands of calls).
func printedMethod(cache *typeutil.MethodSetCache, t types.Type) *types.Func {
	if t == nil || types.IsInterface(t) {
		return nil
	}
	ms := cache.MethodSet(t)
	if ms.Lookup(nil, "Format") != nil {
		return nil
	}
	for _, name := range []string{"Error", "String"} {
		sel := ms.Lookup(nil, name)
		if sel == nil {
			continue
		}
		fn, ok := sel.Obj().(*types.Func)
		if !ok {
			return nil
		}
		sig := fn.Type().(*types.Signature)
		if sig.Params().Len() != 0 || sig.Results().Len() != 1 || !types.Identical(sig.Results().At(0).Type(), types.Typ[types.String]) {
			continue // not the method fmt calls
		}
		if len(sel.Index()) != 1 {
			return nil // promoted: its receiver is a field the call does not name
		}
		return fn
	}
	return nil
}

// printEvents records, at a call of a printing function, the events of
// the Error and String methods it calls on its operands.
func (b *builder) printEvents(call *ast.CallExpr, fn *types.Func) {
	pf, ok := printFuncOf(fn)
	if !ok {
		return
	}
	for _, op := range printedOperands(b.info, call, pf) {
		mfn := printedMethod(&b.m.methodSets, b.info.TypeOf(op))
		if mfn == nil {
			continue
		}
		mfn = mfn.Origin()
		sum := b.m.summaryOfFunc(mfn)
		if sum == nil || sum == recursive {
			continue
		}
		b.summaryEventsAt(op, mfn, mfn, sum, op, nil, nil)
	}
}
