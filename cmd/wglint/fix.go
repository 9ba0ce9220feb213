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

// writeDiff writes a unified diff of the changed files, with paths
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
		io.WriteString(w, unifiedDiff("a/"+strings.TrimPrefix(path, "/"), "b/"+strings.TrimPrefix(path, "/"), string(fs.orig[name]), string(fs.current[name])))
	}
	return len(names) > 0
}

// unifiedDiff returns a unified diff (3 lines of context) between old and
// new, comparing lines.
func unifiedDiff(oldName, newName, old, new string) string {
	a, b := splitLines(old), splitLines(new)
	// Trim the common prefix and suffix.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(ma) == 0 && len(mb) == 0 {
		return ""
	}

	// ops lists, for the whole file, ' ' (same), '-' (only in old) or
	// '+' (only in new) with the line.
	var ops []diffOp
	for _, l := range a[:pre] {
		ops = append(ops, diffOp{' ', l})
	}
	ops = append(ops, myers(ma, mb)...)
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, diffOp{' ', l})
	}

	// Group the changes into hunks with 3 lines of context.
	const context = 3
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	for start := 0; start < len(ops); {
		if ops[start].kind == ' ' {
			start++
			continue
		}
		// The hunk covers changes closer than 2*context lines apart.
		end := start
		for k := start; k < len(ops); k++ {
			if ops[k].kind != ' ' {
				end = k + 1
			} else if k-end >= 2*context {
				break
			}
		}
		lo, hi := max(0, start-context), min(len(ops), end+context)
		oldStart, newStart := 1, 1
		for _, o := range ops[:lo] {
			if o.kind != '+' {
				oldStart++
			}
			if o.kind != '-' {
				newStart++
			}
		}
		oldLen, newLen := 0, 0
		for _, o := range ops[lo:hi] {
			if o.kind != '+' {
				oldLen++
			}
			if o.kind != '-' {
				newLen++
			}
		}
		if oldLen == 0 {
			oldStart-- // an empty range starts at the line before
		}
		if newLen == 0 {
			newStart--
		}
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", oldStart, oldLen, newStart, newLen)
		for _, o := range ops[lo:hi] {
			out.WriteByte(o.kind)
			out.WriteString(strings.TrimSuffix(o.line, "\n"))
			out.WriteByte('\n')
			if !strings.HasSuffix(o.line, "\n") {
				out.WriteString("\\ No newline at end of file\n")
			}
		}
		start = hi
	}
	return out.String()
}

// splitLines splits s into lines, each with its newline except perhaps
// the last.
func splitLines(s string) []string {
	var lines []string
	for l := range strings.Lines(s) {
		lines = append(lines, l)
	}
	return lines
}

// A diffOp is a line of a diff: kind ' ' (in both), '-' (only in the old
// text) or '+' (only in the new one).
type diffOp struct {
	kind byte
	line string
}

// maxEdits bounds the work of myers: beyond it, the lines are reported as
// all removed and all added, which is a correct if long diff.
const maxEdits = 2000

// myers returns a shortest edit script from a to b (Myers' O(ND)
// algorithm).
func myers(a, b []string) []diffOp {
	n, m := len(a), len(b)
	offset := n + m + 1
	v := make([]int, 2*offset+1)
	var trace [][]int
	found := false
	for d := 0; d <= n+m && d <= maxEdits && !found; d++ {
		trace = append(trace, slices.Clone(v))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[offset+k-1] < v[offset+k+1] {
				x = v[offset+k+1] // from the diagonal above: an insertion
			} else {
				x = v[offset+k-1] + 1 // from the left: a deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[offset+k] = x
			if x >= n && y >= m {
				found = true
				break
			}
		}
	}
	if !found {
		var ops []diffOp
		for _, l := range a {
			ops = append(ops, diffOp{'-', l})
		}
		for _, l := range b {
			ops = append(ops, diffOp{'+', l})
		}
		return ops
	}
	// Walk back from the end through the saved frontiers.
	var rev []diffOp
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if k == -d || k != d && v[offset+k-1] < v[offset+k+1] {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := v[offset+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			rev = append(rev, diffOp{' ', a[x-1]})
			x, y = x-1, y-1
		}
		if d > 0 {
			if x == prevX {
				rev = append(rev, diffOp{'+', b[y-1]})
			} else {
				rev = append(rev, diffOp{'-', a[x-1]})
			}
		}
		x, y = prevX, prevY
	}
	slices.Reverse(rev)
	return rev
}
