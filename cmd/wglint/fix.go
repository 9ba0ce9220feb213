package main

import (
	"bytes"
	"cmp"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aymanbagabas/go-udiff"
	"golang.org/x/tools/go/analysis"
)

// An edit replaces the bytes [start, end) of file with new.
type edit struct {
	file       string
	start, end int
	new        string
}

func (e edit) overlaps(f edit) bool {
	if e.file != f.file {
		return false
	}
	if e.start == e.end && f.start == f.end { // two insertions
		return e.start == f.start && e.new != f.new
	}
	return e.start < f.end && f.start < e.end
}

// fileEdits converts the edits of a suggested fix to byte offsets, and
// checks them.
func fileEdits(fset *token.FileSet, fix analysis.SuggestedFix) ([]edit, error) {
	var edits []edit
	for _, te := range fix.TextEdits {
		tf := fset.File(te.Pos)
		if tf == nil {
			return nil, fmt.Errorf("fix %q: edit at an unknown position", fix.Message)
		}
		end := te.End
		if !end.IsValid() {
			end = te.Pos
		}
		if int(end) < int(te.Pos) || int(end) > tf.Base()+tf.Size() {
			return nil, fmt.Errorf("fix %q: edit out of bounds in %s", fix.Message, tf.Name())
		}
		edits = append(edits, edit{file: tf.Name(), start: tf.Offset(te.Pos), end: tf.Offset(end), new: string(te.NewText)})
	}
	for i, e := range edits {
		for _, f := range edits[i+1:] {
			if e.overlaps(f) {
				return nil, fmt.Errorf("fix %q: its edits overlap in %s", fix.Message, e.file)
			}
		}
	}
	return edits, nil
}

// fileSet holds the files that fixes changed: their original content and
// the content after the fixes applied so far.
type fileSet struct {
	orig    map[string][]byte
	current map[string][]byte
	applied map[string][]edit // edits applied in the current round, by file
}

func newFileSet() *fileSet {
	return &fileSet{orig: make(map[string][]byte), current: make(map[string][]byte)}
}

// overlay returns the changed files, for go/packages.
func (fs *fileSet) overlay() map[string][]byte {
	if len(fs.current) == 0 {
		return nil
	}
	return fs.current
}

// read returns the current content of a file.
func (fs *fileSet) read(name string) ([]byte, error) {
	if data, ok := fs.current[name]; ok {
		return data, nil
	}
	return os.ReadFile(name)
}

// apply applies the first suggested fix of each finding (in the order of
// findings) whose edits do not conflict with the fixes already taken in
// this round, and returns how many it applied. A fix identical to one
// already taken (the same file in a package and its test variant) counts
// once.
func (fs *fileSet) apply(findings []*finding) (int, error) {
	var taken [][]edit
	byFile := make(map[string][]edit)
	for _, f := range findings {
		if f.suppressed || len(f.diag.SuggestedFixes) == 0 {
			continue
		}
		edits, err := fileEdits(f.fset, f.diag.SuggestedFixes[0])
		if err != nil {
			continue // not applicable; the finding stays
		}
		duplicate := slices.ContainsFunc(taken, func(t []edit) bool { return slices.Equal(t, edits) })
		if duplicate {
			continue
		}
		conflict := false
		for _, e := range edits {
			for _, g := range byFile[e.file] {
				conflict = conflict || e.overlaps(g)
			}
		}
		if conflict {
			continue // tried again in the next round, if still suggested
		}
		taken = append(taken, edits)
		for _, e := range edits {
			byFile[e.file] = append(byFile[e.file], e)
		}
	}
	for file, edits := range byFile {
		data, err := fs.read(file)
		if err != nil {
			return 0, err
		}
		if _, ok := fs.orig[file]; !ok {
			fs.orig[file] = data
		}
		slices.SortStableFunc(edits, func(a, b edit) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end)) })
		var out bytes.Buffer
		last := 0
		for _, e := range edits {
			if e.start < last || e.end > len(data) {
				return 0, fmt.Errorf("%s: the fixes do not match the file's content; was it changed during the run?", file)
			}
			out.Write(data[last:e.start])
			out.WriteString(e.new)
			last = e.end
		}
		out.Write(data[last:])
		fs.current[file] = out.Bytes()
	}
	return len(taken), nil
}

// changed returns the names of the files whose content changed, sorted.
func (fs *fileSet) changed() []string {
	var names []string
	for name, data := range fs.current {
		if !bytes.Equal(data, fs.orig[name]) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// write writes the changed files and returns how many there were.
func (fs *fileSet) write() (int, error) {
	names := fs.changed()
	for _, name := range names {
		mode := os.FileMode(0o644)
		if info, err := os.Stat(name); err == nil {
			mode = info.Mode().Perm()
		}
		if err := os.WriteFile(name, fs.current[name], mode); err != nil {
			return 0, err
		}
	}
	return len(names), nil
}

// writeDiff writes a unified diff (3 lines of context, as x/tools'
// internal diff package, of which go-udiff is the exported copy, writes
// it) of the changed files, with paths
// relative to the current directory when possible (so that
// git apply or patch -p1 can apply it), and reports whether there was any
// change.
func (fs *fileSet) writeDiff(w io.Writer) bool {
	wd, _ := os.Getwd()
	names := fs.changed()
	for _, name := range names {
		path := name
		if rel, err := filepath.Rel(wd, name); err == nil && filepath.IsLocal(rel) {
			path = filepath.ToSlash(rel)
		}
		p := strings.TrimPrefix(path, "/")
		io.WriteString(w, udiff.Unified("a/"+p, "b/"+p, string(fs.orig[name]), string(fs.current[name])))
	}
	return len(names) > 0
}
