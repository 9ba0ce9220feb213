package conc

import (
	"go/types"
	"strings"
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

// classOf is Class for an object reached from root (of type t) through
// path.
func classOf(root *types.Var, t types.Type, path string) string {
	name := ""
	if root != nil && isGlobal(root) {
		name = root.Pkg().Path() + "." + root.Name()
	}
	if path == "" {
		return name
	}
	if n := namedStruct(t); n != "" {
		name = n
	}
	rest := ""
	fields := strings.Split(strings.TrimPrefix(path, "."), ".")
	for i, f := range fields {
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok {
			return ""
		}
		var ft types.Type
		for j := range st.NumFields() {
			if st.Field(j).Name() == f {
				ft = st.Field(j).Type()
			}
		}
		if ft == nil {
			return ""
		}
		rest += "." + f
		if n := namedStruct(ft); n != "" && i < len(fields)-1 {
			name, rest = n, "" // the object lives in this named type
		}
		t = ft
	}
	if name == "" {
		return ""
	}
	return name + rest
}

// namedStruct returns "pkg.T" for a named struct type T (through a
// pointer), or "".
func namedStruct(t types.Type) string {
	n, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok {
		return ""
	}
	if _, ok := n.Underlying().(*types.Struct); !ok {
		return ""
	}
	obj := n.Obj()
	if obj.Pkg() == nil {
		return obj.Name()
	}
	return obj.Pkg().Path() + "." + obj.Name()
}

// ClassName renders a class for messages, without the package path:
// "Server.mu".
func ClassName(class string) string {
	// The package path may have dots and slashes; the type and field
	// names follow its last slash, after the package name.
	rest := class
	if i := strings.LastIndex(rest, "/"); i >= 0 {
		rest = rest[i+1:]
	}
	if i := strings.Index(rest, "."); i >= 0 {
		return rest[i+1:]
	}
	return rest
}

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
