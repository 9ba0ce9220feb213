package main

// Baselines: a file listing the findings a codebase had when wglint was
// adopted, so that a run reports (and fails on) only new ones.

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// baselineVersion is the version of the baseline file format.
const baselineVersion = 1

// baselineFile is the content of a baseline file.
type baselineFile struct {
	Comment  string          `json:"comment"`
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

// A baselineEntry is one finding, or several identical ones, of the
// baseline. It identifies a finding without its line: by file, check,
// enclosing function and a hash of its message with the numbers in it
// (line numbers, mostly) masked, so that it survives edits elsewhere in
// the file.
type baselineEntry struct {
	File    string `json:"file"`            // slash-separated, relative to the baseline's directory
	Check   string `json:"check"`           // the check's name
	Func    string `json:"func"`            // the enclosing function ("(*T).M", "f"); "" at package level
	Hash    string `json:"hash"`            // see messageHash
	Count   int    `json:"count,omitempty"` // how many findings have this key, when more than one
	Message string `json:"message"`         // the message of the first of them, for people
}

// A findingKey identifies a finding across unrelated edits.
type findingKey struct {
	file, check, fn, hash string
}

func (e baselineEntry) key() findingKey { return findingKey{e.File, e.Check, e.Func, e.Hash} }

var digits = regexp.MustCompile(`[0-9]+`)

// messageHash returns the first 16 hexadecimal digits of the SHA-256 of a
// message whose runs of digits are replaced by "N": messages name lines
// ("the goroutine started at line 12"), which move with every edit above
// them.
func messageHash(msg string) string {
	sum := sha256.Sum256([]byte(digits.ReplaceAllString(msg, "N")))
	return hex.EncodeToString(sum[:8])
}

// keyer computes the keys of findings, parsing each file once to find the
// functions that enclose them.
type keyer struct {
	base  string // directory file names are relative to
	read  func(string) ([]byte, error)
	funcs map[string][]funcRange // file -> its function declarations
}

type funcRange struct {
	start, end int // byte offsets
	name       string
}

func newKeyer(base string, read func(string) ([]byte, error)) *keyer {
	return &keyer{base: base, read: read, funcs: make(map[string][]funcRange)}
}

// key returns the key of f.
func (k *keyer) key(f *finding) findingKey {
	file := f.pos.Filename
	if rel, err := filepath.Rel(k.base, file); err == nil && filepath.IsLocal(rel) {
		file = rel
	}
	return findingKey{filepath.ToSlash(file), f.check, k.enclosing(f.pos), messageHash(f.diag.Message)}
}

// enclosing returns the name of the function declaration that contains
// pos, or "".
func (k *keyer) enclosing(pos token.Position) string {
	ranges, ok := k.funcs[pos.Filename]
	if !ok {
		ranges = k.parse(pos.Filename)
		k.funcs[pos.Filename] = ranges
	}
	for _, r := range ranges {
		if r.start <= pos.Offset && pos.Offset < r.end {
			return r.name
		}
	}
	return ""
}

func (k *keyer) parse(filename string) []funcRange {
	src, err := k.read(filename)
	if err != nil {
		return nil
	}
	fset := token.NewFileSet()
	f, _ := parser.ParseFile(fset, filename, src, parser.SkipObjectResolution)
	if f == nil {
		return nil
	}
	var out []funcRange
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		out = append(out, funcRange{fset.Position(fd.Pos()).Offset, fset.Position(fd.End()).Offset, funcName(fd)})
	}
	return out
}

// funcName returns the name of a function declaration: "f", "T.M" or
// "(*T).M", without type parameters.
func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	ptr := false
	if s, ok := t.(*ast.StarExpr); ok {
		ptr, t = true, s.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	name := "?"
	if id, ok := t.(*ast.Ident); ok {
		name = id.Name
	}
	if ptr {
		return "(*" + name + ")." + fd.Name.Name
	}
	return name + "." + fd.Name.Name
}

// readBaseline reads a baseline file. A missing file is reported as an
// error that matches fs.ErrNotExist.
func readBaseline(file string) ([]baselineEntry, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b baselineFile
	if err := dec.Decode(&b); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line := 1 + bytes.Count(data[:se.Offset], []byte("\n"))
			return nil, fmt.Errorf("%s:%d: not a wglint baseline: %v", file, line, err)
		}
		return nil, fmt.Errorf("%s: not a wglint baseline: %v", file, err)
	}
	if b.Version != baselineVersion {
		return nil, fmt.Errorf("%s: baseline version %d, want %d (rewrite it with -write-baseline)", file, b.Version, baselineVersion)
	}
	for i, e := range b.Findings {
		if e.File == "" || e.Check == "" || e.Hash == "" || e.Count < 0 {
			return nil, fmt.Errorf("%s: finding %d: file, check and hash are required, and count may not be negative", file, i+1)
		}
	}
	return b.Findings, nil
}

// writeBaseline writes the keys of findings to file, sorted, identical
// keys counted once.
func writeBaseline(file string, findings []*finding, keys map[*finding]findingKey) error {
	byKey := make(map[findingKey]*baselineEntry)
	for _, f := range findings {
		k := keys[f]
		if e := byKey[k]; e != nil {
			e.Count = max(e.Count, 1) + 1
			continue
		}
		byKey[k] = &baselineEntry{File: k.file, Check: k.check, Func: k.fn, Hash: k.hash, Message: f.diag.Message}
	}
	b := baselineFile{
		Comment: "wglint baseline: findings that wglint -baseline does not report. Rewrite with wglint -baseline FILE -write-baseline PACKAGES.",
		Version: baselineVersion, Findings: []baselineEntry{},
	}
	for _, e := range byKey {
		b.Findings = append(b.Findings, *e)
	}
	slices.SortFunc(b.Findings, func(x, y baselineEntry) int {
		return cmp.Or(strings.Compare(x.File, y.File), strings.Compare(x.Check, y.Check), strings.Compare(x.Func, y.Func), strings.Compare(x.Hash, y.Hash))
	})
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(data, '\n'), 0o666)
}

// matchBaseline marks as baselined the findings (in order) whose key has an
// entry left in the baseline, each entry standing for Count findings, and
// returns how many entries matched no finding.
func matchBaseline(entries []baselineEntry, findings []*finding, keys map[*finding]findingKey) (stale int) {
	left := make(map[findingKey]int)
	for _, e := range entries {
		left[e.key()] += max(e.Count, 1)
	}
	for _, f := range findings {
		if f.suppressed {
			continue
		}
		if k := keys[f]; left[k] > 0 {
			left[k]--
			f.baselined = true
		}
	}
	for _, n := range left {
		stale += n
	}
	return stale
}
